import Export
import Foundation
import Testing

/// A previous package at `<tmp>/package` holding old.csv and its manifest, as a finished earlier run leaves it.
private func previousPackage(in dir: TemporaryDirectory) throws -> String {
    let destination = dir.path + "/package"
    try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
    try write("old\n", to: destination + "/old.csv")
    try write("{}\n", to: destination + "/manifest.json")
    return destination
}

@Suite struct PackageDirectoryTests {
    @Test func anExistingFolderThatIsNotAPackageIsRefused() throws {
        let dir = try TemporaryDirectory()
        let destination = dir.path + "/thesis"
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        try write("chapter 1\n", to: destination + "/thesis.txt")
        #expect(throws: ExportError.self) { try PackageDirectory(destination: destination) }
        #expect(FileManager.default.fileExists(atPath: destination + "/thesis.txt"))
    }

    @Test func anExistingFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        try write("data\n", to: dir.path + "/file")
        #expect(throws: ExportError.self) { try PackageDirectory(destination: dir.path + "/file") }
    }

    @Test func stagingIsAHiddenSiblingOfTheDestination() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let package = try PackageDirectory(destination: dir.path + "/package")
        defer { package.discard() }
        #expect(URL(fileURLWithPath: package.staging).deletingLastPathComponent().path
            == URL(fileURLWithPath: package.destination).deletingLastPathComponent().path)
        #expect(URL(fileURLWithPath: package.staging).lastPathComponent.hasPrefix(".package."))
        #expect(listing(package.staging).isEmpty)
    }

    @Test func commitCreatesTheDestination() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let package = try PackageDirectory(destination: dir.path + "/out/package")
        try write("new\n", to: package.staging + "/dm.csv")
        try package.commit()
        #expect(listing(dir.path + "/out/package") == ["dm.csv"])
        #expect(try read(dir.path + "/out/package/dm.csv") == "new\n")
    }

    @Test func commitReplacesTheContentOfAnExistingFolder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let destination = try previousPackage(in: dir)
        let package = try PackageDirectory(destination: destination)
        try write("new\n", to: package.staging + "/dm.csv")
        try package.commit()
        #expect(listing(destination) == ["dm.csv"])
        #expect(try read(destination + "/dm.csv") == "new\n")
    }

    @Test func commitLeavesNoStagingOrOldFolderBehind() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let destination = try previousPackage(in: dir)
        let package = try PackageDirectory(destination: destination)
        try write("new\n", to: package.staging + "/dm.csv")
        try package.commit()
        #expect(listing(dir.path) == ["package"])
    }

    @Test func discardLeavesTheOldPackageUntouched() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let destination = try previousPackage(in: dir)
        let package = try PackageDirectory(destination: destination)
        try write("new\n", to: package.staging + "/dm.csv")
        package.discard()
        #expect(listing(destination) == ["manifest.json", "old.csv"])
        #expect(try read(destination + "/old.csv") == "old\n")
        #expect(listing(dir.path) == ["package"])
    }

    @Test func leftoverStagingFromAKilledRunIsCleared() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try PackageDirectory(destination: dir.path + "/package")
        try write("stale\n", to: first.staging + "/stale.csv")
        let second = try PackageDirectory(destination: dir.path + "/package")
        defer { second.discard() }
        #expect(second.staging == first.staging)
        #expect(listing(second.staging).isEmpty)
    }

    @Test func destinationIsStandardized() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let package = try PackageDirectory(destination: dir.path + "/a/../package/")
        defer { package.discard() }
        #expect(package.destination.hasSuffix("/package"))
        #expect(!package.destination.contains(".."))
    }
}
