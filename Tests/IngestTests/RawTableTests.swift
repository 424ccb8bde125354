import Testing
@testable import Ingest

struct RawTableTests {
    @Test func eachRowReadsBackTheFieldsAsWrittenWhetherOrNotTheyRepeat() throws {
        let csv = "id,unit,result\nS1,g/dL,12.5\nS1,g/dL, 12.5\nS2,mg/dL,12.5\n"
        let table = try RawTable(bytes: Array(csv.utf8), file: "labs.csv")
        #expect(table.rows.map(\.fields) == [["S1", "g/dL", "12.5"], ["S1", "g/dL", " 12.5"], ["S2", "mg/dL", "12.5"]])
        #expect(table.rows.map(\.line) == [2, 3, 4])
        #expect(table.rows[2][1] == "mg/dL")
    }

    @Test func aRowBuiltByHandHasItsOwnFields() {
        let row = RawRow(line: 7, fields: ["a", "", "c"])
        #expect(row.fields == ["a", "", "c"] && row[2] == "c" && row.line == 7)
    }

    @Test func equalTextsShareACodeAndEveryOtherTextHasItsOwnWhateverItsOrder() throws {
        // Enough distinct texts that the column's table grows; repeats come back after other texts.
        let values = (0..<300).map { "v\($0 % 120)" }
        let lines = values + ["\"a,b\"", "\"a,\"\"b\"\"\"", "\"a,b\"", "e\u{301}", "\u{E9}"]
        let csv = "x\n" + lines.joined(separator: "\n") + "\n"
        let table = try RawTable(bytes: Array(csv.utf8), file: "t.csv")
        let codes = table.column(at: 0).codes
        let read = table.rows.map { $0[0] }
        #expect(read.prefix(300).elementsEqual(values.prefix(300)))
        #expect(Set(codes.prefix(300)).count == 120)
        // A quoted field is its unquoted, unescaped text; texts with different bytes stay apart even when Swift calls
        // them equal (a decomposed and a precomposed é).
        #expect(read[300...] == ["a,b", "a,\"b\"", "a,b", "e\u{301}", "\u{E9}"])
        #expect(codes[300] == codes[302] && codes[300] != codes[301])
        #expect(codes[303] != codes[304])
    }
}
