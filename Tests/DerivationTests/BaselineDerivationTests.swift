import SDTMModel
import Testing

@testable import Derivation

private let subjects = SubjectTable(dm: dataset("DM", [["USUBJID": "S1", "RFXSTDTC": "2025-03-03T10:00"]]))

@Suite struct BaselineDerivationTests {
    @Test func theLastResultOnOrBeforeFirstDoseIsFlaggedPerTestAndSpecimen() {
        var lb = dataset("LB", [
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBSPEC": "BLOOD", "LBORRES": "12", "LBDTC": "2025-02-20"],
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBSPEC": "BLOOD", "LBORRES": "11.5", "LBDTC": "2025-03-03"],
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBSPEC": "BLOOD", "LBORRES": "10", "LBDTC": "2025-03-24"],
            ["USUBJID": "S1", "LBTESTCD": "ALT", "LBSPEC": "SERUM", "LBORRES": "30", "LBDTC": "2025-02-20"],
        ])
        deriveBaselineFlags(&lb, subjects: subjects)
        #expect(lb.values("LBLOBXFL") == ["", "Y", "", "Y"])
    }

    @Test func aNotDoneTestIsNeverBaseline() {
        var lb = dataset("LB", [
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBORRES": "12", "LBDTC": "2025-02-20"],
            ["USUBJID": "S1", "LBTESTCD": "HGB", "LBSTAT": "NOT DONE", "LBDTC": "2025-03-03"],
        ])
        deriveBaselineFlags(&lb, subjects: subjects)
        #expect(lb.values("LBLOBXFL") == ["Y", ""])
    }

    @Test func tumourMeasurementsHaveABaselinePerLesion() {
        var tr = dataset("TR", [
            ["USUBJID": "S1", "TRLNKID": "T1", "TRTESTCD": "LDIAM", "TRORRES": "30", "TRDTC": "2025-02-25"],
            ["USUBJID": "S1", "TRLNKID": "T2", "TRTESTCD": "LDIAM", "TRORRES": "22", "TRDTC": "2025-02-25"],
            ["USUBJID": "S1", "TRLNKID": "T1", "TRTESTCD": "LDIAM", "TRORRES": "25", "TRDTC": "2025-04-10"],
        ])
        deriveBaselineFlags(&tr, subjects: subjects)
        #expect(tr.values("TRLOBXFL") == ["Y", "Y", ""])
    }
}
