import SDTMModel
import Standards
import Testing
import Validation

/// Rules work out what they need once per distinct value of a column (by its code) and look it up per record: a
/// value's verdict must still be reported on every record that has it, and only there.
@Suite struct PerValueTests {
    private let aeColumns = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AESTDTC", "AEENDTC"]

    private func ae(_ rows: [(subject: String, start: String, end: String)]) -> DatasetView {
        view("AE", aeColumns, rows.enumerated().map { i, r in ["S1", "AE", r.subject, String(i + 1), r.start, r.end] })
    }

    @Test func anInvalidDateIsReportedOnEachRecordThatHasIt() {
        let v = ae([("S-001", "2025-02-30", ""), ("S-001", "2025-03-01", "2025-02-30"), ("S-002", "2025-02-30", "")])
        #expect(validate(DateTimeIsISO8601(), v).spots == [
            Spot("SDTM.DTC.ISO8601", .error, "AE", record: 1, variable: "AESTDTC", value: "2025-02-30"),
            Spot("SDTM.DTC.ISO8601", .error, "AE", record: 2, variable: "AEENDTC", value: "2025-02-30"),
            Spot("SDTM.DTC.ISO8601", .error, "AE", record: 3, variable: "AESTDTC", value: "2025-02-30"),
        ])
    }

    @Test func aSubjectMissingFromDMIsReportedOnEachOfItsRecords() {
        let v = ae([("S-009", "", ""), ("S-001", "", ""), ("S-009", "", "")])
        #expect(validate([SubjectInDM()], [dm([("S-001", "2025-03-01")]), v]).map(\.record) == [1, 3])
    }

    /// The same date is after one subject's death and not another's: the verdict depends on the subject too.
    @Test func aTimelineVerdictIsPerSubjectAndDate() {
        let dm = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "RFICDTC", "RFPENDTC", "DTHDTC"], [
            ["S1", "DM", "S-001", "2025-03-01", "2025-09-30", "2025-09-15"],
            ["S1", "DM", "S-002", "2025-03-01", "2025-12-31", ""],
        ])
        let v = ae([("S-001", "2025-09-20", ""), ("S-002", "2025-09-20", ""), ("S-001", "2025-09-20", ""), ("S-002", "2025-02-01", "")])
        #expect(validate([RecordAfterDeath(), RecordBeforeConsent()], [dm, v]).spots == [
            Spot("SDTM.TIMELINE.AFTER-DEATH", .error, "AE", record: 1, variable: "AESTDTC", value: "2025-09-20"),
            Spot("SDTM.TIMELINE.AFTER-DEATH", .error, "AE", record: 3, variable: "AESTDTC", value: "2025-09-20"),
            Spot("SDTM.TIMELINE.BEFORE-CONSENT", .warning, "AE", record: 4, variable: "AESTDTC", value: "2025-02-01"),
        ])
    }

    /// RFPENDTC is a day: a time on that day is not after it, a later month is.
    @Test func theEndOfParticipationIsComparedByDay() {
        let dm = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "RFPENDTC"], [["S1", "DM", "S-001", "2025-09-30"]])
        let v = ae([("S-001", "2025-09-30T23:59", ""), ("S-001", "2025-10", ""), ("S-001", "2025-09", "2025-10-01T00:01")])
        #expect(validate([RecordAfterParticipation()], [dm, v]).spots == [
            Spot("SDTM.TIMELINE.AFTER-RFPENDTC", .warning, "AE", record: 2, variable: "AESTDTC", value: "2025-10"),
            Spot("SDTM.TIMELINE.AFTER-RFPENDTC", .warning, "AE", record: 3, variable: "AEENDTC", value: "2025-10-01T00:01"),
        ])
    }

    /// One collection date, two subjects with different reference starts: each record's day is its subject's.
    @Test func theStudyDayOfADateDependsOnTheSubject() {
        let lb = view("LB", ["STUDYID", "DOMAIN", "USUBJID", "LBSEQ", "LBDTC", "LBDY"], [
            ["S1", "LB", "S-001", "1", "2025-03-10", "10"],
            ["S1", "LB", "S-002", "1", "2025-03-10", "5"],
            ["S1", "LB", "S-001", "2", "2025-03-10", "5"],
            ["S1", "LB", "S-003", "1", "2025-03-10", ""],
        ])
        let findings = validate([StudyDayConsistent()], [dm([("S-001", "2025-03-01"), ("S-002", "2025-03-06"), ("S-003", "2025-03")]), lb])
        #expect(findings.spots == [Spot("SDTM.DY.INCONSISTENT", .error, "LB", record: 3, variable: "LBDY", value: "5")])
        #expect(findings.map(\.message) == ["LBDY is 5 but the dates give 10"])
    }

    @Test func aNumericResultWithoutSTRESNIsReportedOnEachRecord() {
        let lb = view("LB", ["STUDYID", "DOMAIN", "USUBJID", "LBSEQ", "LBSTRESC", "LBSTRESN"], [
            ["S1", "LB", "S-001", "1", "5.5", ""], ["S1", "LB", "S-001", "2", "5.5", "5.5"], ["S1", "LB", "S-001", "3", "5.5", ""],
        ])
        #expect(validate(StandardNumericWhenNumeric(), lb).map(\.record) == [1, 3])
    }

    /// Every repeat of a subject's sequence number is reported, however far from the first and whatever comes between.
    @Test func eachRepeatOfASequenceNumberIsReported() {
        let v = ae([("S-001", "", ""), ("S-002", "", ""), ("S-001", "", ""), ("S-002", "", "")])
        let repeated = view("AE", aeColumns, [
            ["S1", "AE", "S-001", "1", "", ""], ["S1", "AE", "S-002", "1", "", ""], ["S1", "AE", "S-001", "2", "", ""],
            ["S1", "AE", "S-001", "1", "", ""], ["S1", "AE", "S-002", "1", "", ""], ["S1", "AE", "S-001", "1", "", ""],
        ])
        #expect(validate(SequenceUniqueWithinSubject(), v).isEmpty)
        #expect(validate(SequenceUniqueWithinSubject(), repeated).map(\.record) == [4, 5, 6])
    }

    @Test func eachRepeatedBaselineIsReportedAndSpecimensAreTold() {
        let lb = view("LB", ["STUDYID", "DOMAIN", "USUBJID", "LBSEQ", "LBTESTCD", "LBSPEC", "LBBLFL"], [
            ["S1", "LB", "S-001", "1", "ALT", "SERUM", "Y"], ["S1", "LB", "S-001", "2", "ALT", "URINE", "Y"],
            ["S1", "LB", "S-002", "1", "ALT", "SERUM", "Y"], ["S1", "LB", "S-001", "3", "ALT", "SERUM", "Y"],
            ["S1", "LB", "S-001", "4", "ALT", "SERUM", ""], ["S1", "LB", "S-001", "5", "ALT", "SERUM", "Y"],
        ])
        #expect(validate(BaselineFlagOncePerTest(), lb).map(\.record) == [4, 6])
    }

    /// The rule gives the terminology check only records with a value that may be outside a codelist: the counts and
    /// first records must still be those of the check over every record.
    @Test func codelistFindingsAreThoseOfTheCheckOverEveryRecord() {
        let sexes = ["F", "MALE", "M", "", "MALE", "F", "X", "MALE", "M", "MALE", "MALE", "MALE", "F"]
        let v = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "SEX", "RACE"],
                     sexes.enumerated().map { i, sex in ["S1", "DM", "S-\(i)", sex, i % 4 == 0 ? "ASIAN" : ""] })
        let context = ValidationContext(terminology: handMadeTerminology)
        let expected = CodelistCheck.check(v.dataset, terminology: handMadeTerminology, extensions: .none)
        #expect(validate(ValueInCodelist(), v, context: context).map(\.message) == expected.map(\.message))
        #expect(expected.map(\.count) == [6, 1, 4])
    }
}

/// Counts the records it is shown, and says at `begin` that it has nothing to look at: the engine must not show it any,
/// but still calls `finish`.
private struct Idle: Rule {
    let descriptor = RuleDescriptor(id: "TEST.IDLE", severity: .notice, reference: "test", title: "idle", explanation: "")
    private var visits = 0
    var visitsRecords: Bool { false }
    mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        visits += 1
    }
    mutating func finish(_ view: DatasetView, context: inout ValidationContext, findings: inout [Finding]) {
        findings.append(Finding(rule: descriptor.id, severity: .notice, dataset: view.name, record: nil, variable: nil,
                                value: String(visits), message: "finish"))
    }
}

@Suite struct VisitsRecordsTests {
    @Test func aRuleWithNothingToVisitIsNotShownRecordsButFinishes() {
        let findings = validate([Idle()], [dm([("S-001", "2025-03-01"), ("S-002", "2025-03-02")])])
        #expect(findings.map { "\($0.dataset) \($0.message) \($0.value ?? "-")" } == ["DM finish 0"])
    }

    /// DM's subjects are still collected for later datasets when no rule visits DM's records.
    @Test func dmSubjectsAreCollectedWhenNoRuleVisitsDM() {
        let ae = view("AE", ["STUDYID", "DOMAIN", "USUBJID"], [["S1", "AE", "S-001"], ["S1", "AE", "S-003"]])
        #expect(validate([Idle(), SubjectInDM()], [dm([("S-001", "2025-03-01")]), ae]).filter { $0.rule != "TEST.IDLE" }.spots
            == [Spot("SDTM.USUBJID.NOT-IN-DM", .error, "AE", record: 2, variable: "USUBJID", value: "S-003")])
    }
}
