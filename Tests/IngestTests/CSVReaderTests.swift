import Foundation
import SDTMModel
import Testing

@testable import Ingest

/// Every record of `text`, read from memory.
private func records(_ text: String) throws(Diagnostic) -> [CSVRecord] {
    var reader = CSVReader(bytes: Array(text.utf8), file: "dm.csv")
    return try readAll(&reader)
}

private func readAll(_ reader: inout CSVReader) throws(Diagnostic) -> [CSVRecord] {
    var result: [CSVRecord] = []
    while let record = try reader.next() { result.append(record) }
    return result
}

private func fields(_ text: String) throws -> [[String]] {
    try records(text).map(\.fields)
}

/// Writes `bytes` to a fresh temporary file and returns its path.
private func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvreader-\(UUID().uuidString).csv")
    try Data(bytes).write(to: url)
    return url.path
}

/// What a reader produced: its records, warnings and the error that stopped it, for comparing readers.
private struct Outcome: Equatable {
    var records: [CSVRecord] = []
    var warnings: [Diagnostic] = []
    var error: Diagnostic?
    var bytesRead = 0

    init(_ reader: inout CSVReader) {
        do throws(Diagnostic) {
            while let record = try reader.next() { records.append(record) }
        } catch {
            self.error = error
        }
        warnings = reader.warnings
        bytesRead = reader.bytesRead
    }
}

/// The in-memory outcome and the outcome of streaming the same bytes from a file in chunks of `chunkSize`.
private func compareStreaming(_ bytes: [UInt8], chunkSize: Int) throws -> (memory: Outcome, file: Outcome) {
    let path = try temporaryFile(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var memoryReader = CSVReader(bytes: bytes, file: "raw.csv")
    var fileReader = try CSVReader(path: path, displayName: "raw.csv", chunkSize: chunkSize)
    return (Outcome(&memoryReader), Outcome(&fileReader))
}

/// A small deterministic generator so randomized inputs are reproducible.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Test func byteOrderMarkIsStripped() throws {
    #expect(try fields("\u{FEFF}STUDYID,USUBJID\nS1,001\n") == [["STUDYID", "USUBJID"], ["S1", "001"]])
}

@Test func crlfAndLFBothEndRecords() throws {
    let result = try records("A,B\r\n1,2\n3,4\r\n")
    #expect(result.map(\.fields) == [["A", "B"], ["1", "2"], ["3", "4"]])
    #expect(result.map(\.line) == [1, 2, 3])
}

@Test func loneCRInUnquotedFieldIsData() throws {
    #expect(try fields("a\rb,c\n") == [["a\rb", "c"]])
}

@Test func quotedCommaStaysInField() throws {
    #expect(try fields("\"Smith, John\",42\n") == [["Smith, John", "42"]])
}

@Test func doubledQuotesBecomeOneQuote() throws {
    #expect(try fields("\"say \"\"hi\"\"\",\"\"\"\"\n") == [["say \"hi\"", "\""]])
}

@Test func emptyQuotedFieldIsEmpty() throws {
    #expect(try fields("\"\",x\n") == [["", "x"]])
}

@Test func embeddedNewlineKeepsStartLineAndNextLineIsRight() throws {
    let result = try records("ID,TERM\n1,\"line one\nline two\r\nline three\"\n2,after\n")
    #expect(result.map(\.line) == [1, 2, 5])
    #expect(result[1].fields == ["1", "line one\nline two\r\nline three"])
    #expect(result[2].fields == ["2", "after"])
}

@Test func quoteInsideUnquotedFieldIsKeptLiterally() throws {
    #expect(try fields("5'10\" tall,x\n") == [["5'10\" tall", "x"]])
}

@Test func textAfterClosingQuoteIsAppended() throws {
    #expect(try fields("\"ab\"c,d\n") == [["abc", "d"]])
}

@Test func fieldsAreNotTrimmed() throws {
    #expect(try fields(" a , b \n") == [[" a ", " b "]])
}

@Test func raggedRowsAreReturnedAsIs() throws {
    #expect(try fields("A,B,C\n1\n1,2,3,4\n") == [["A", "B", "C"], ["1"], ["1", "2", "3", "4"]])
}

@Test func blankLineIsOneEmptyFieldWithItsLine() throws {
    let result = try records("A\n\n1\r\n\r\n")
    #expect(result == [
        CSVRecord(line: 1, fields: ["A"]), CSVRecord(line: 2, fields: [""]),
        CSVRecord(line: 3, fields: ["1"]), CSVRecord(line: 4, fields: [""]),
    ])
}

@Test func noPhantomRecordAfterTrailingNewline() throws {
    #expect(try fields("A,B\n1,2\n") == [["A", "B"], ["1", "2"]])
    #expect(try fields("").isEmpty)
}

@Test func fileWithoutTrailingNewlineKeepsLastRecord() throws {
    #expect(try fields("A,B\n1,\"2\"") == [["A", "B"], ["1", "2"]])
    #expect(try fields("A,B\n1,") == [["A", "B"], ["1", ""]])
}

@Test func unterminatedQuoteThrowsWithLineAndColumn() throws {
    let error = #expect(throws: Diagnostic.self) { try records("A,B,C\n1,2,3\nx,\"open\n4,5,6\n") }
    #expect(error?.rule == "csv.unterminated-quote")
    #expect(error?.severity == .error)
    #expect(error?.location == SourceLocation(file: "dm.csv", line: 3, column: 2))
    #expect(error?.hint != nil)
}

@Test func invalidUTF8BecomesReplacementWithAnError() throws {
    var bytes = Array("A,B\nok,caf".utf8)
    bytes += [0xE9, 0x0A]
    var reader = CSVReader(bytes: bytes, file: "ae.csv")
    let result = try readAll(&reader)
    #expect(result[1].fields == ["ok", "caf\u{FFFD}"])
    #expect(reader.warnings.count == 1)
    #expect(reader.warnings.first?.rule == "csv.invalid-utf8")
    #expect(reader.warnings.first?.severity == .error, "the text is altered: an error")
    #expect(reader.warnings.first?.location == SourceLocation(file: "ae.csv", line: 2, column: 2))
}

@Test func validMultibyteUTF8HasNoWarning() throws {
    var reader = CSVReader(bytes: Array("café,\"naïve, 日本\"\n".utf8), file: "ae.csv")
    #expect(try readAll(&reader).map(\.fields) == [["café", "naïve, 日本"]])
    #expect(reader.warnings.isEmpty)
}

@Test func missingFileThrowsFileMissing() {
    let error = #expect(throws: Diagnostic.self) { try CSVReader(path: "/nonexistent/raw/dm.csv") }
    #expect(error?.rule == "ingest.file-missing")
    #expect(error?.severity == .error)
    #expect(error?.location == nil)
    #expect(error?.message.contains("/nonexistent/raw/dm.csv") == true)
    #expect(error?.hint != nil)
}

@Test func bytesReadCountsTheWholeInput() throws {
    let bytes = Array("\u{FEFF}A,B\n1,2\n".utf8)
    var reader = CSVReader(bytes: bytes, file: "dm.csv")
    _ = try readAll(&reader)
    #expect(reader.bytesRead == bytes.count)
}

@Test func recordSpanningChunkBoundaryIsRead() throws {
    let bytes = Array("\u{FEFF}STUDYID,USUBJID,AGE\r\nSTUDY-01,STUDY-01-0001,42\r\nSTUDY-01,STUDY-01-0002,57".utf8)
    for chunkSize in [1, 2, 3, 7] {
        let (memory, file) = try compareStreaming(bytes, chunkSize: chunkSize)
        #expect(file == memory, "chunk size \(chunkSize)")
        #expect(file.records.count == 3)
    }
}

@Test func quotedFieldSpanningChunkBoundaryIsRead() throws {
    let bytes = Array("ID,TERM\n1,\"a, \"\"quoted\"\"\r\nterm that is long\"\n2,\"\"\n".utf8)
    for chunkSize in [1, 2, 7, 11] {
        let (memory, file) = try compareStreaming(bytes, chunkSize: chunkSize)
        #expect(file == memory, "chunk size \(chunkSize)")
        #expect(file.records.map(\.line) == [1, 2, 4])
        #expect(file.records[1].fields == ["1", "a, \"quoted\"\r\nterm that is long"])
    }
}

@Test func randomizedInputStreamsLikeInMemory() throws {
    let alphabet: [[UInt8]] = [
        Array("a".utf8), Array("xyz".utf8), Array(",".utf8), Array("\"".utf8), Array("\"\"".utf8),
        Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8), Array("é".utf8), [0xFF], [0xE2, 0x82],
    ]
    var random = SplitMix64(state: 4180)
    for round in 0..<200 {
        var bytes: [UInt8] = round % 5 == 0 ? [0xEF, 0xBB, 0xBF] : []
        for _ in 0..<Int.random(in: 0..<120, using: &random) {
            bytes += alphabet.randomElement(using: &random)!
        }
        let (memory, file) = try compareStreaming(bytes, chunkSize: [1, 2, 3, 7, 16][round % 5])
        #expect(file == memory, "round \(round): \(bytes)")
        if memory.error == nil { #expect(file.bytesRead == bytes.count, "round \(round)") }
    }
}
