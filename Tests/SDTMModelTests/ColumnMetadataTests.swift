import Testing

@testable import SDTMModel

@Suite struct ColumnMetadataTests {
    private let spec = DomainSpec(name: "XX", label: "Test", class: "Events", structure: "", keys: ["USUBJID"], variables: [
        VariableSpec(name: "USUBJID", label: "", type: .char, core: .required, role: "Identifier", codelists: [], order: 1),
        VariableSpec(name: "XXDOSE", label: "", type: .num, core: .expected, role: "", codelists: [], order: 2),
        VariableSpec(name: "XXSTDTC", label: "", type: .char, core: .expected, role: "", codelists: [], order: 3),
        VariableSpec(name: "XXNOTE", label: "", type: .char, core: .permissible, role: "", codelists: [], order: 4),
    ])
    private let rows: [[Value]] = [
        [.text("S-1"), .number(5), .text("2025-03-14"), .null],
        [.text("S-22"), .number(2.25), .text("2025-03-14T09:30"), .null],
        [.text("S-333"), .null, .text("2025-03"), .null],
    ]

    private func metadata(repeating times: Int) -> [ColumnMetadata] {
        let records = (0..<times).flatMap { _ in rows.map { Record(values: $0, origin: nil) } }
        return ColumnMetadata.of(Dataset(spec: spec, records: records))
    }

    @Test func eachColumnIsDescribedByTheValuesItHolds() {
        let columns = metadata(repeating: 1)
        #expect(columns.map(\.name) == ["USUBJID", "XXDOSE", "XXSTDTC"])
        #expect(columns.map(\.length) == [5, 8, 16])
        #expect(columns.map(\.dataType) == [.text, .float, .partialDatetime])
        #expect(columns[1].significantDigits == 2 && columns[0].keySequence == 1)
    }

    @Test func aLargeDatasetWhoseUsesAreCountedOnAllCoresIsDescribedAlike() {
        #expect(metadata(repeating: 33_400) == metadata(repeating: 1))
    }
}
