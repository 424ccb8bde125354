import Export
import Testing

@Suite struct OutputFileTests {
    @Test func writesEachBlockAfterTheOnesBefore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try OutputFile(path: dir.path + "/out.txt")
        try file.write(Array("head,".utf8))
        try file.write([UInt8](repeating: UInt8(ascii: "a"), count: 70_000))
        try file.close()
        #expect(try dir.bytes("out.txt") == Array("head,".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 70_000))
    }

    @Test func emptiesAnExistingFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try OutputFile(path: dir.path + "/out.txt")
        try first.write(Array("longer text".utf8))
        try first.close()
        let second = try OutputFile(path: dir.path + "/out.txt")
        try second.write(Array("short".utf8))
        try second.close()
        #expect(try dir.text("out.txt") == "short")
    }

    @Test func closingTwiceDoesNothingMore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try OutputFile(path: dir.path + "/out.txt")
        try file.write(Array("once".utf8))
        try file.close()
        try file.close()
        #expect(try dir.text("out.txt") == "once")
    }

    @Test func unwritablePathIsAnErrorNamingIt() {
        let path = "/nonexistent-folder-\(UInt32.random(in: 0...UInt32.max))/out.txt"
        #expect {
            _ = try OutputFile(path: path)
        } throws: { error in
            "\(error)".contains(path)
        }
    }
}
