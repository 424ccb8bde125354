import SDTMModel
import Testing

@testable import Derivation

/// AST records of one subject: result, ULN and date; the first is the baseline (LBLOBXFL Y).
private func ast(_ records: [(result: String, date: String)], uln: String = "40", grade: String = "9",
                 test: String = "AST") -> Dataset {
    var lb = dataset("LB", records.enumerated().map { n, r in
        ["USUBJID": "S1", "LBTESTCD": test, "LBSPEC": "SERUM", "LBSTRESN": r.result, "LBSTNRHI": uln, "LBDTC": r.date,
         "LBLOBXFL": n == 0 ? "Y" : "", "LBTOXGR": grade]
    })
    deriveBaselineRelativeGrades(&lb, ctcae: ctcae)
    return lb
}

@Suite struct BaselineRelativeGradesTests {
    @Test func aRecordAfterAnAbnormalBaselineIsGradedByMultiplesOfTheBaseline() {
        let lb = ast([("100", "2025-03-01"), ("130", "2025-03-22"), ("310", "2025-04-12")])
        // 130 is >3 x ULN (G2 by the ULN) but under 1.5 x baseline; 310 is >3 x baseline.
        #expect(lb.values("LBTOXGR") == ["9", "0", "2"])
        #expect(lb.values("LBTOX") == ["", "", "Aspartate aminotransferase increased"])
    }

    @Test func aRecordAfterANormalBaselineKeepsTheGradeByTheULN() {
        let lb = ast([("30", "2025-03-01"), ("130", "2025-03-22")])
        #expect(lb.values("LBTOXGR") == ["9", "2"])
    }

    @Test func theBaselineAndEarlierRecordsAreNotRegraded() {
        var lb = dataset("LB", [
            ["USUBJID": "S1", "LBTESTCD": "AST", "LBSTRESN": "90", "LBSTNRHI": "40", "LBDTC": "2025-02-20", "LBTOXGR": "1"],
            ["USUBJID": "S1", "LBTESTCD": "AST", "LBSTRESN": "100", "LBSTNRHI": "40", "LBDTC": "2025-03-01", "LBLOBXFL": "Y",
             "LBTOXGR": "1"],
        ])
        deriveBaselineRelativeGrades(&lb, ctcae: ctcae)
        #expect(lb.values("LBTOXGR") == ["1", "1"])
    }

    @Test func creatinineAfterItsBaselineTakesTheHigherOfBothGrades() {
        let lb = ast([("80", "2025-03-01"), ("125", "2025-03-22")], uln: "100", test: "CREAT")
        #expect(lb.values("LBTOXGR") == ["9", "2"])
    }

    @Test func testsWhoseGradeIgnoresTheBaselineAreLeftAlone() {
        let lb = ast([("300", "2025-03-01"), ("20", "2025-03-22")], uln: "", test: "PLAT")
        #expect(lb.values("LBTOXGR") == ["9", "9"])
    }
}
