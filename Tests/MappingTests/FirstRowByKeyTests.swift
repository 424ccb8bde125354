import Ingest
import Testing
@testable import Mapping

struct FirstRowByKeyTests {
    private func table(_ lines: [String]) throws -> RawTable {
        try RawTable(bytes: Array((["subject,visit,test"] + lines).joined(separator: "\n").utf8), file: "t.csv")
    }

    @Test func aRepeatedKeyPointsToItsFirstRow() throws {
        let t = try table(["S1,V1,HGB", "S1,V1,PLAT", "S1,V1,HGB", "S1,V1,HGB"])
        let keys = FirstRowByKey(columns: [0, 1, 2], table: t)
        #expect(t.rows.indices.map { keys.earlier(than: $0) } == [nil, nil, 0, 0])
    }

    @Test func keysAreComparedAfterTrimmingSpaces() throws {
        let t = try table(["S1,V1,HGB", " S1 ,V1,HGB "])
        let keys = FirstRowByKey(columns: [0, 1, 2], table: t)
        #expect(t.rows.indices.map { keys.earlier(than: $0) } == [nil, 0])
    }

    @Test func keysThatDifferOnlyInOrderAreDifferentKeys() throws {
        let t = try table(["S1,V1,HGB", "V1,S1,HGB", "S1,V1,HGB"])
        let keys = FirstRowByKey(columns: [0, 1, 2], table: t)
        #expect(t.rows.indices.map { keys.earlier(than: $0) } == [nil, nil, 0])
    }

    @Test func aKeyRepeatedAmongManyRowsPointsToItsFirstRowWhateverTheHashOrder() throws {
        // Enough rows that the sort by hash puts rows far from their row order.
        let lines = (0..<500).map { "S\($0 % 50),V\($0 % 7),T" }
        let t = try table(lines)
        let keys = FirstRowByKey(columns: [0, 1, 2], table: t)
        let expected = (0..<500).map { row in (0..<row).first { lines[$0] == lines[row] } }
        #expect(t.rows.indices.map { keys.earlier(than: $0) } == expected)
    }

    @Test func onlyTheKeyColumnsCount() throws {
        let t = try table(["S1,V1,HGB", "S1,V2,HGB", "S1,V2,PLAT"])
        let keys = FirstRowByKey(columns: [0, 1], table: t)
        #expect(t.rows.indices.map { keys.earlier(than: $0) } == [nil, nil, 1])
    }
}
