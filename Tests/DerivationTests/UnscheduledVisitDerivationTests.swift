import SDTMModel
import Testing

@testable import Derivation

private func derived(_ rows: [[String: String]]) -> Dataset {
    var lb = dataset("LB", rows)
    UnscheduledVisitNumbers([lb]).apply(to: &lb)
    return lb
}

@Suite struct UnscheduledVisitDerivationTests {
    @Test func anUnplannedDrawIsNumberedAfterTheLastScheduledVisitBeforeIt() {
        let lb = derived([
            ["USUBJID": "S1", "VISIT": "CYCLE 1 DAY 1", "VISITNUM": "2", "LBDTC": "2025-03-03"],
            ["USUBJID": "S1", "VISIT": "CYCLE 2 DAY 1", "VISITNUM": "3", "LBDTC": "2025-03-24"],
            ["USUBJID": "S1", "VISIT": "UNSCHEDULED", "LBDTC": "2025-03-30T10:00"],
        ])
        #expect(lb.values("VISITNUM")[2] == "3.01")
        #expect(lb.values("VISIT")[2] == "UNSCHEDULED 3.01")
    }

    @Test func unplannedDatesAfterOneVisitCountUpAndRecordsOfOneDateShareTheNumber() {
        let lb = derived([
            ["USUBJID": "S1", "VISIT": "CYCLE 1 DAY 1", "VISITNUM": "2", "LBDTC": "2025-03-03"],
            ["USUBJID": "S1", "VISIT": "UNSCHEDULED", "LBDTC": "2025-03-15"],
            ["USUBJID": "S1", "VISIT": "UNSCHEDULED", "LBDTC": "2025-03-10"],
            ["USUBJID": "S1", "VISIT": "UNSCHEDULED", "LBDTC": "2025-03-10"],
        ])
        #expect(Array(lb.values("VISITNUM")[1...]) == ["2.02", "2.01", "2.01"])
    }

    @Test func anUnplannedDrawOnAScheduledDayComesAfterThatVisit() {
        let lb = derived([
            ["USUBJID": "S1", "VISIT": "SCREENING", "VISITNUM": "1", "LBDTC": "2025-02-20"],
            ["USUBJID": "S1", "VISIT": "UNSCHEDULED", "LBDTC": "2025-02-20"],
        ])
        #expect(lb.values("VISITNUM")[1] == "1.01")
    }

    @Test func numberingIsPerSubjectAndStartsFromZeroBeforeEveryVisit() {
        let lb = derived([
            ["USUBJID": "S1", "VISIT": "SCREENING", "VISITNUM": "1", "LBDTC": "2025-02-20"],
            ["USUBJID": "S2", "VISIT": "UNSCHEDULED", "LBDTC": "2025-02-25"],
        ])
        #expect(lb.values("VISITNUM")[1] == "0.01")
    }

    @Test func oneUnplannedVisitHasOneNumberInEveryDataset() {
        // LB has cycle 2 on 2025-03-24; TR has only screening: the scan on 2025-03-30 is 3.01 in both.
        var lb = dataset("LB", [
            ["USUBJID": "S1", "VISIT": "CYCLE 2 DAY 1", "VISITNUM": "3", "LBDTC": "2025-03-24"],
            ["USUBJID": "S1", "VISIT": "UNSCHEDULED", "LBDTC": "2025-03-30"],
        ])
        var tr = dataset("TR", [
            ["USUBJID": "S1", "VISIT": "SCREENING", "VISITNUM": "1", "TRDTC": "2025-02-20"],
            ["USUBJID": "S1", "VISIT": "UNSCHEDULED", "TRDTC": "2025-03-30"],
        ])
        let numbers = UnscheduledVisitNumbers([lb, tr])
        numbers.apply(to: &lb)
        numbers.apply(to: &tr)
        #expect(lb.values("VISITNUM")[1] == "3.01" && tr.values("VISITNUM")[1] == "3.01")
        #expect(tr.values("VISIT")[1] == "UNSCHEDULED 3.01")
    }

    @Test func anUnplannedDrawWithoutACompleteDateKeepsTheGenericVisit() {
        let lb = derived([["USUBJID": "S1", "VISIT": "UNSCHEDULED", "LBDTC": "2025-03"]])
        #expect(lb.values("VISITNUM") == [""])
        #expect(lb.values("VISIT") == ["UNSCHEDULED"])
    }
}
