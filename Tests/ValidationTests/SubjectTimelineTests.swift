import SDTMModel
import Testing

@testable import Validation

/// DM of one subject consented 2025-03-01, last contact 2025-09-30, died 2025-09-15.
private let dmWithMilestones = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "RFICDTC", "RFPENDTC", "DTHDTC"],
                                    [["S1", "DM", "S-001", "2025-03-01", "2025-09-30", "2025-09-15"]])

private func ae(_ start: String, _ end: String = "") -> DatasetView {
    view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AESTDTC", "AEENDTC"], [["S1", "AE", "S-001", "1", start, end]])
}

@Suite struct SubjectTimelineTests {
    @Test func aRecordStartingAfterDeathIsAnError() {
        #expect(validate(RecordAfterDeath(), dmWithMilestones, ae("2025-09-20")).spots
            == [Spot("SDTM.TIMELINE.AFTER-DEATH", .error, "AE", record: 1, variable: "AESTDTC", value: "2025-09-20")])
    }

    @Test func aRecordOnTheDayOfDeathOrWithAPartialDateThatMayFitPasses() {
        #expect(validate(RecordAfterDeath(), dmWithMilestones, ae("2025-09-15")).isEmpty)
        #expect(validate(RecordAfterDeath(), dmWithMilestones, ae("2025-09")).isEmpty)
    }

    @Test func aRecordBeforeConsentIsAWarning() {
        #expect(validate(RecordBeforeConsent(), dmWithMilestones, ae("2025-02-27")).spots
            == [Spot("SDTM.TIMELINE.BEFORE-CONSENT", .warning, "AE", record: 1, variable: "AESTDTC", value: "2025-02-27")])
    }

    @Test func aRecordOnOrAfterConsentPasses() {
        #expect(validate(RecordBeforeConsent(), dmWithMilestones, ae("2025-03-01T08:00")).isEmpty)
    }

    @Test func anEndAfterTheEndOfParticipationIsAWarning() {
        #expect(validate(RecordAfterParticipation(), dmWithMilestones, ae("2025-09-01", "2025-10-02")).spots
            == [Spot("SDTM.TIMELINE.AFTER-RFPENDTC", .warning, "AE", record: 1, variable: "AEENDTC", value: "2025-10-02")])
    }

    @Test func aTimedRecordOnTheLastContactDayPasses() {
        #expect(validate(RecordAfterParticipation(), dmWithMilestones, ae("2025-09-30T10:00")).isEmpty)
    }

    @Test func aSubjectWithoutMilestonesIsNotChecked() {
        #expect(validate(RecordAfterDeath(), dm([("S-001", "2025-03-10")]), ae("2030-01-01")).isEmpty)
    }
}

@Suite struct PackedDateTests {
    @Test func packedDatesCompareAsTheirDatesDoAtEveryPrecision() throws {
        let texts = ["2024", "2025", "2025-02", "2025-03", "2025-02-20", "2025-02-21", "2025-02-20T09", "2025-02-20T10",
                     "2025-02-20T10:28", "2025-02-20T10:29", "2025-02-20T10:28:00", "2025-02-20T10:28:59", "2025-12-31T23:59:59",
                     "9999-12-31", "0001-01-01"]
        let dates = try texts.map { try #require(ISODateTime(iso: $0)) }
        for a in dates {
            for b in dates {
                #expect(PackedDate(a).isAfter(PackedDate(b)) == isAfter(a, b), "\(a) after \(b)")
            }
        }
    }
}
