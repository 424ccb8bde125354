import SDTMModel
import Testing

@testable import Derivation

private func record(_ dtc: String, test: String = "HGB", subject: String = "S1", result: Bool = true,
                    visit: Double? = nil, seq: Int? = nil, specimen: String = "") -> BaselineCandidate {
    BaselineCandidate(usubjid: subject, testcd: test, specimen: specimen, dtc: ISODateTime(iso: dtc), hasResult: result,
                      visitnum: visit, seq: seq)
}

private func flags(_ records: [BaselineCandidate], firstDose: String = "2025-04-10T09:00") -> [Bool] {
    baselineFlags(records, firstDose: ["S1": ISODateTime(iso: firstDose)!, "S2": ISODateTime(iso: "2025-05-01")!])
}

@Suite struct BaselineFlagTests {
    @Test func theLastResultOnOrBeforeFirstDoseIsBaseline() {
        #expect(flags([record("2025-03-20"), record("2025-04-02"), record("2025-04-24")]) == [false, true, false])
    }

    @Test func resultsAfterFirstDoseAreNeverBaseline() {
        #expect(flags([record("2025-04-10T10:00"), record("2025-04-11")]) == [false, false])
    }

    @Test func aDrawOnTheFirstDoseDayWithoutTimeCountsAsOnTheFirstDoseDate() {
        #expect(flags([record("2025-04-02"), record("2025-04-10")]) == [false, true])
    }

    @Test func aDrawAtTheFirstDoseTimeIsOnOrBefore() {
        #expect(flags([record("2025-04-10T08:30"), record("2025-04-10T09:00")]) == [false, true])
    }

    @Test func missingAndNotDoneResultsAreSkipped() {
        #expect(flags([record("2025-04-01"), record("2025-04-08", result: false)]) == [true, false])
    }

    @Test func aPartialDateCertainlyBeforeFirstDoseIsEligible() {
        #expect(flags([record("2025-03")]) == [true])
        #expect(flags([record("2024")]) == [true])
    }

    @Test func aPartialDateThatMightBeAfterFirstDoseIsNotEligible() {
        #expect(flags([record("2025-03-20"), record("2025-04")]) == [true, false])
        #expect(flags([record("2025")]) == [false])
    }

    @Test func aKnownDaySortsAfterThePartialMonthItFallsIn() {
        #expect(flags([record("2025-03-15"), record("2025-03")]) == [true, false])
    }

    @Test func aPartialFirstDoseMakesSameMonthDrawsUncertain() {
        #expect(flags([record("2025-03-30"), record("2025-04-05")], firstDose: "2025-04") == [true, false])
    }

    @Test func tiesOnTheSameDateGoToTheHigherVisitNumber() {
        #expect(flags([record("2025-04-01", visit: 2, seq: 1), record("2025-04-01", visit: 1.1, seq: 5)]) == [true, false])
    }

    @Test func tiesOnTheSameVisitGoToTheHigherSequence() {
        #expect(flags([record("2025-04-01", visit: 1, seq: 7), record("2025-04-01", visit: 1, seq: 3)]) == [true, false])
    }

    @Test func completeTiesGoToTheLaterRecord() {
        #expect(flags([record("2025-04-01"), record("2025-04-01")]) == [false, true])
    }

    @Test func eachSubjectTestAndSpecimenHasItsOwnBaseline() {
        let records = [
            record("2025-04-01"), record("2025-04-02", test: "PLAT"),
            record("2025-04-03", specimen: "SERUM"), record("2025-04-30", subject: "S2"),
        ]
        #expect(flags(records) == [true, true, true, true])
    }

    @Test func aSubjectWithoutFirstDoseOrARecordWithoutDateHasNoBaseline() {
        #expect(flags([record("2025-04-01", subject: "S3"), record("")]) == [false, false])
    }
}
