import SDTMModel
import Testing

@testable import Derivation

@Suite struct SubjectTableTests {
    /// S1 started on 2025-01-20; S2 has no start; S9 is not in DM.
    let subjects = SubjectTable(dm: dataset("DM", [["USUBJID": "S1", "RFSTDTC": "2025-01-20"], ["USUBJID": "S2"]]))
    let ae = dataset("AE", [["USUBJID": "S2"], ["USUBJID": "S9"], ["USUBJID": "S1"], ["USUBJID": "S2"]])

    func perRecord(_ variable: String) -> [ISODateTime?] {
        let usubjids = ae.columns[ae.column("USUBJID")]
        let dates = subjects.dates(variable, byCodeOf: usubjids)
        return usubjids.codes.map { dates[Int($0)] }
    }

    @Test func aDatasetsSubjectsGetTheirDMDateByCode() {
        #expect(perRecord("RFSTDTC") == [nil, nil, ISODateTime(iso: "2025-01-20"), nil])
    }

    @Test func aVariableDMLacksGivesNoDates() {
        #expect(perRecord("NOTADTC") == [nil, nil, nil, nil])
    }
}
