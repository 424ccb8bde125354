import Foundation
import Testing

@testable import Pipeline

@Test(arguments: [("always [madvise] never\n", true), ("[always] madvise never\n", false), ("always madvise [never]\n", false)])
func hugePagesAreAskedForOnlyWhenTheKernelGivesThemOnRequest(setting: String, restarts: Bool) throws {
    let path = NSTemporaryDirectory() + "thp-enabled-\(UUID().uuidString)"
    try setting.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(ProcessMemory.hugePagesOnRequest(setting: path) == restarts)
}

@Test func noKernelSettingMeansNoRestart() {
    #expect(!ProcessMemory.hugePagesOnRequest(setting: "/nonexistent/transparent_hugepage/enabled"))
}
