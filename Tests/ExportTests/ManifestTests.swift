import Export
import Foundation
import Testing

/// WrittenFile has no public initialiser; writers make it, and a manifest decodes it.
private let dmFile = try! JSONDecoder().decode(WrittenFile.self, from: Data("""
    {"file": "dm.csv", "records": 2, "bytes": 80, "sha256": "\(String(repeating: "0", count: 64))"}
    """.utf8))

private let manifest = Manifest(
    study: "TEST-01", created: "2026-01-01T00:00:00", standard: "SDTMIG 3.4", terminology: "2025-03-28",
    rawFiles: [Manifest.RawFile(file: "raw/dm.csv", rowsRead: 3, rowsMapped: 2, rowsRejected: 1, bytes: 120)],
    datasets: [dmFile],
    reports: [], errors: 1, warnings: 0)

@Suite struct ManifestTests {
    @Test func manifestRoundTripsThroughJSON() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try manifest.write(to: dir.path)
        let decoded = try JSONDecoder().decode(Manifest.self, from: Data(try dir.bytes(Manifest.fileName)))
        #expect(decoded.study == "TEST-01")
        #expect(decoded.rawFiles == manifest.rawFiles)
        #expect(decoded.datasets == manifest.datasets)
        #expect(decoded.errors == 1)
    }

    @Test func manifestIsDeterministicSortedJSONEndingWithNewline() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try manifest.write(to: dir.path)
        let first = try dir.bytes(Manifest.fileName)
        try manifest.write(to: dir.path)
        #expect(try dir.bytes(Manifest.fileName) == first)
        let text = try dir.text(Manifest.fileName)
        #expect(text.hasSuffix("}\n"))
        #expect(text.range(of: "\"created\"")!.lowerBound < text.range(of: "\"study\"")!.lowerBound)
        #expect(text.contains("\"raw/dm.csv\""))
    }
}
