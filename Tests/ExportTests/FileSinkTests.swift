import Export
import Testing

@Suite struct FileSinkTests {
    @Test func closeReturnsTheHashOfWhatWasWritten() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = try FileSink(path: dir.path + "/out.txt")
        try sink.write("ab")
        try sink.write(bytes: Array("c".utf8))
        let hash = try sink.close()
        #expect(hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try dir.text("out.txt") == "abc")
    }

    @Test func bytesWrittenCountsEverythingAfterClose() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = try FileSink(path: dir.path + "/out.txt")
        try sink.write("STUDYID,AGE\n")
        try sink.write("Müller\n")
        try sink.close()
        #expect(sink.bytesWritten == 12 + 8)
        #expect(try dir.bytes("out.txt").count == 20)
    }

    @Test func bytesWrittenCountsBufferedBytesBeforeClose() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = try FileSink(path: dir.path + "/out.txt")
        try sink.write("abc")
        #expect(sink.bytesWritten == 3)
        try sink.close()
        #expect(sink.bytesWritten == 3)
    }

    @Test func appendedBytesAreWrittenCountedAndHashed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = try FileSink(path: dir.path + "/out.txt")
        try sink.write("a")
        try sink.append { $0.append(contentsOf: Array("bc".utf8)) }
        #expect(sink.bytesWritten == 3)
        #expect(try sink.close() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try dir.text("out.txt") == "abc")
    }

    @Test func emptyFileHashesAsTheEmptyMessage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = try FileSink(path: dir.path + "/empty.txt")
        #expect(try sink.close() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sink.bytesWritten == 0)
        #expect(try dir.bytes("empty.txt").isEmpty)
    }

    /// 1,200,000 bytes in three writes: the first two are large blocks, written where they are, and the last
    /// 100,000 bytes go through the buffer, flushed by close(). Answer from coreutils sha256sum.
    @Test func writesBeyondTheBufferAreHashedAndCountedWhole() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = try FileSink(path: dir.path + "/big.txt")
        try sink.write(bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 600_000))
        try sink.write(bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 500_000))
        try sink.write(String(repeating: "a", count: 100_000))
        let hash = try sink.close()
        #expect(hash == "f48d00cb89d8e79ada420b8bc839ee6c9d61b5b36b90e91b076d0fa641892c3e")
        #expect(sink.bytesWritten == 1_200_000)
        #expect(try dir.bytes("big.txt").count == 1_200_000)
    }

    @Test func aLargeBlockFollowsTheBufferedBytesBeforeIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = try FileSink(path: dir.path + "/order.txt")
        try sink.write("head,")
        try sink.write(bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 70_000))
        try sink.write(",tail")
        let hash = try sink.close()
        let expected = Array("head,".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 70_000) + Array(",tail".utf8)
        #expect(try dir.bytes("order.txt") == expected)
        #expect(hash == SHA256.hash(expected).hex)
        #expect(sink.bytesWritten == expected.count)
    }

    @Test func unwritablePathIsAnError() {
        #expect(throws: ExportError.self) {
            _ = try FileSink(path: "/nonexistent-folder-\(UInt32.random(in: 0...UInt32.max))/out.txt")
        }
    }
}
