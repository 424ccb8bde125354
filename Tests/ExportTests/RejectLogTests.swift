import Export
import Ingest
import SDTMModel
import Testing

private func rejection(_ file: String, _ line: Int, _ rule: String = "ingest.ragged-row",
                       _ reason: String = "the row has 3 fields but the header has 4") -> Rejection {
    Rejection(file: file, line: line, severity: .error, rule: rule, reason: reason)
}

private func written(_ rejections: [Rejection]) throws -> (file: WrittenFile, text: String, bytes: [UInt8]) {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try RejectLog.write(rejections, to: dir.path)
    return (file, try dir.text(RejectLog.fileName), try dir.bytes(RejectLog.fileName))
}

@Suite struct RejectLogTests {
    @Test func rowsAreSortedByFileThenLineNumber() throws {
        let (_, text, _) = try written([
            rejection("dm.csv", 10), rejection("ae.csv", 3), rejection("dm.csv", 9), rejection("ae.csv", 12),
        ])
        let places = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ":") }
        #expect(places == ["ae.csv:3", "ae.csv:12", "dm.csv:9", "dm.csv:10"])
    }

    @Test func rowsOnTheSameLineAreSortedByRule() throws {
        let (_, text, _) = try written([
            rejection("ae.csv", 5, "map.unknown-subject", "no DM"), rejection("ae.csv", 5, "map.duplicate-key", "twice"),
        ])
        #expect(text == """
            file,line,severity,rule,reason
            ae.csv,5,error,map.duplicate-key,twice
            ae.csv,5,error,map.unknown-subject,no DM

            """)
    }

    @Test func reasonWithCommasIsQuoted() throws {
        let (_, text, _) = try written([
            Rejection(file: "dm.csv", line: 4, severity: .notice, rule: "ingest.blank-row", reason: "blank row: no field, no value"),
        ])
        #expect(text == "file,line,severity,rule,reason\ndm.csv,4,notice,ingest.blank-row,\"blank row: no field, no value\"\n")
    }

    @Test func emptyLogHasOnlyTheHeader() throws {
        let (file, text, _) = try written([])
        #expect(text == "file,line,severity,rule,reason\n")
        #expect(file.records == 0)
        #expect(file.file == "rejects.csv")
    }

    @Test func writtenFileReportsRecordCountAndHash() throws {
        let (file, _, bytes) = try written([rejection("ae.csv", 3), rejection("dm.csv", 2)])
        #expect(file.records == 2)
        #expect(file.sha256 == SHA256.hash(bytes).hex)
    }

    @Test func writtenFileReportsTheByteCountOfTheFile() throws {
        let (file, _, bytes) = try written([rejection("ae.csv", 3)])
        #expect(file.bytes == bytes.count)
    }
}

@Suite struct FindingsLogTests {
    @Test func diagnosticsAreWrittenInOrderWithLocationAndFix() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try FindingsLog.write([
            Diagnostic(.warning, "derive.age-mismatch", at: SourceLocation(file: "dm.csv", line: 7, column: 5),
                       "collected age 45 differs", hint: "query the site"),
            Diagnostic(.error, "derive.no-dm", at: nil, "no DM mapping"),
        ], to: dir.path)
        #expect(try dir.text(FindingsLog.fileName) == """
            severity,rule,file,line,column,message,fix
            warning,derive.age-mismatch,dm.csv,7,5,collected age 45 differs,query the site
            error,derive.no-dm,,,,no DM mapping,

            """)
        #expect(file.records == 2)
    }
}
