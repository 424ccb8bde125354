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
}
