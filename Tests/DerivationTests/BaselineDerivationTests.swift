import SDTMModel
import Testing

@testable import Derivation

private let subjects = SubjectTable(dm: dataset("DM", [["USUBJID": "S1", "RFXSTDTC": "2025-03-03T10:00"]]))

@Suite struct BaselineDerivationTests {
    @Test func theLastResultOnOrBeforeFirstDoseIsFlaggedPerTestAndSpecimen() {
        var lb = dataset("LB", [
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBSPEC": "BLOOD", "LBORRES": "12", "LBSTRESC": "12", "LBDTC": "2025-02-20"],
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBSPEC": "BLOOD", "LBORRES": "11.5", "LBSTRESC": "11.5", "LBDTC": "2025-03-03"],
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBSPEC": "BLOOD", "LBORRES": "10", "LBSTRESC": "10", "LBDTC": "2025-03-24"],
            ["USUBJID": "S1", "LBTESTCD": "ALT", "LBSPEC": "SERUM", "LBORRES": "30", "LBSTRESC": "30", "LBDTC": "2025-02-20"],
        ])
        deriveBaselineFlags(&lb, subjects: subjects)
        #expect(lb.values("LBLOBXFL") == ["", "Y", "", "Y"])
    }

    @Test func aNotDoneTestIsNeverBaseline() {
        var lb = dataset("LB", [
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBORRES": "12", "LBSTRESC": "12", "LBDTC": "2025-02-20"],
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBSTAT": "NOT DONE", "LBDTC": "2025-03-03"],
        ])
        deriveBaselineFlags(&lb, subjects: subjects)
        #expect(lb.values("LBLOBXFL") == ["Y", ""])
    }

    @Test func aResultThatCouldNotBeStandardizedIsNeverBaseline() {
        var lb = dataset("LB", [
            ["USUBJID": "S1", "LBTESTCD": "K", "LBORRES": "4.1", "LBSTRESC": "4.1", "LBDTC": "2025-02-20"],
            ["USUBJID": "S1", "LBTESTCD": "K", "LBORRES": "see comment", "LBDTC": "2025-03-03"],
        ])
        deriveBaselineFlags(&lb, subjects: subjects)
        #expect(lb.values("LBLOBXFL") == ["Y", ""])
    }
}
