import Testing

@testable import SDTMModel

struct DatasetTests {
    private let spec = DomainSpec(name: "XX", label: "Test", class: "Events", structure: "", keys: [], variables: [
        VariableSpec(name: "USUBJID", label: "", type: .char, core: .required, role: "Identifier", codelists: [], order: 1),
        VariableSpec(name: "XXDOSE", label: "", type: .num, core: .permissible, role: "", codelists: [], order: 2),
    ])

    private func dataset(_ rows: [[Value]]) -> Dataset {
        Dataset(spec: spec, records: rows.enumerated().map { Record(values: $1, origin: SourceLocation(file: "xx.csv", line: $0 + 2)) })
    }

    @Test func recordsReadBackAsAppendedAndARepeatedValueIsStoredOnce() {
        let d = dataset([[.text("S1"), .number(5)], [.text("S1"), .null], [.text("S2"), .number(5)]])
        #expect(d.count == 3)
        #expect(d.records.map(\.values) == [[.text("S1"), .number(5)], [.text("S1"), .null], [.text("S2"), .number(5)]])
        #expect(d.records.map { $0.origin?.line } == [2, 3, 4])
        #expect(d.columns[0].distinct == [.null, .text("S1"), .text("S2")])
        #expect(d.rows[0].code(1) == d.rows[2].code(1) && d.rows[1].code(1) == 0)
    }

    @Test func anOverwrittenValueIsNoLongerInUse() {
        var d = dataset([[.text("S1"), .number(5)], [.text("S2"), .number(6)]])
        d[1, 1] = .number(5)
        #expect(d[1, 1] == .number(5))
        #expect(d.columns[1].usedValues == [.number(5)])
        #expect(d.columns[1].uses == [0, 2, 0])
    }

    @Test func selectingPositionsReordersAndDropsRecordsWithTheirOrigins() {
        var d = dataset([[.text("A"), .null], [.text("B"), .null], [.text("C"), .null]])
        d.select([2, 0])
        #expect(d.records.map { $0.values[0] } == [.text("C"), .text("A")])
        #expect(d.origins.map { $0?.line } == [4, 2])
        // The column no record has a value in stays null, one code per record kept.
        #expect(d.records.map { $0.values[1] } == [.null, .null] && d.columns[1].codes == [0, 0])
        d[1, 1] = .number(7)
        #expect(d.records.map { $0.values[1] } == [.null, .number(7)])
    }

    @Test func selectingFromALargeDatasetKeepsEachRecordWithItsOrigin() {
        // Enough records for the columns and the origins to be gathered on all cores.
        let count = 100_003
        var d = dataset((0..<count).map { [.text("S\($0 % 7)"), .number(Double($0))] })
        let positions = Array(stride(from: count - 1, through: 0, by: -2))
        d.select(positions)
        #expect(d.count == positions.count)
        #expect(positions.indices.allSatisfy { k in
            d[k, 1] == .number(Double(positions[k])) && d[k, 0] == .text("S\(positions[k] % 7)")
                && d.origins[k]?.line == positions[k] + 2
        })
    }

    @Test func aPermissibleColumnIsEmittedOnlyWhenARecordHasAValue() {
        var d = dataset([[.text("A"), .null]])
        #expect(d.emittedColumns == [0])
        d[0, 1] = .number(1)
        #expect(d.emittedColumns == [0, 1])
    }

    @Test func usesCountEveryRecordWhateverTheirNumber() {
        for count in [0, 1, 3, 4, 5, 9] {
            let d = dataset((0..<count).map { [.text($0 % 3 == 0 ? "A" : "B"), .null] })
            let a = (0..<count).filter { $0 % 3 == 0 }.count
            #expect(d.columns[0].uses == [0] + (count > 0 ? [a] : []) + (count > 1 ? [count - a] : []))
        }
    }

    @Test func aColumnsCodesAreReplacedWholeAndTheOtherColumnsKeepTheirs() {
        var d = dataset((0..<4).map { [.text("S\($0 % 2)"), .number(1)] })
        let x = d.intern(.text("X"), column: 0)
        let before = d.columns[0].codes
        d.setCodes((0..<4).map { $0 % 2 == 0 ? x : before[$0] }, column: 0)
        #expect((0..<4).map { d[$0, 0] } == [.text("X"), .text("S1"), .text("X"), .text("S1")])
        #expect((0..<4).allSatisfy { d[$0, 1] == .number(1) })
    }

    @Test func rowsVisitedThroughOneMovingRowReadEachRecord() {
        let d = dataset([[.text("A"), .number(1)], [.text("B"), .null], [.text("C"), .number(3)]])
        var seen: [String] = []
        d.rows.forEach(in: 1..<3) { seen.append("\($0.index) \($0[0].text) \($0.origin?.line ?? 0)") }
        #expect(seen == ["1 B 3", "2 C 4"])
    }

    @Test func columnUsesCountEachColumnOnSmallAndLargeDatasetsAlike() {
        for count in [5, 100_001] {
            let d = dataset((0..<count).map { [.text("S\($0 % 3)"), $0 % 2 == 0 ? .null : .number(1)] })
            #expect(d.columnUses == d.columns.map(\.uses))
            #expect(d.columnUses[1] == [(count + 1) / 2, count / 2])
        }
    }
}
