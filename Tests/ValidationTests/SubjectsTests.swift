import SDTMModel
import Testing
import Validation

@Suite struct OneDMRecordPerSubjectTests {
    @Test func aSecondDMRecordForASubjectIsAnError() {
        let v = dm([("S-001", "2025-03-10"), ("S-002", "2025-03-11"), ("S-001", "2025-03-12")])
        #expect(validate(OneDMRecordPerSubject(), v).spots
            == [Spot("SDTM.DM.ONE-PER-SUBJECT", .error, "DM", record: 3, variable: "USUBJID", value: "S-001")])
    }

    @Test func oneRecordPerSubjectPasses() {
        #expect(validate(OneDMRecordPerSubject(), dm([("S-001", "2025-03-10"), ("S-002", "2025-03-11")])).isEmpty)
    }

    @Test func otherDatasetsMayRepeatSubjects() {
        let ae = view("AE", ["STUDYID", "DOMAIN", "USUBJID"], [["S1", "AE", "S-001"], ["S1", "AE", "S-001"]])
        #expect(validate(OneDMRecordPerSubject(), ae).isEmpty)
    }
}

@Suite struct SubjectInDMTests {
    private let ae = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ"]

    @Test func aSubjectMissingFromDMIsAnError() {
        // AE comes first in the list: the validator reads DM before it anyway.
        let v = view("AE", ae, [["S1", "AE", "S-001", "1"], ["S1", "AE", "S-009", "1"]])
        #expect(validate(SubjectInDM(), v, dm([("S-001", "2025-03-10")])).spots
            == [Spot("SDTM.USUBJID.NOT-IN-DM", .error, "AE", record: 2, variable: "USUBJID", value: "S-009")])
    }

    @Test func subjectsInDMPass() {
        let v = view("AE", ae, [["S1", "AE", "S-001", "1"], ["S1", "AE", "S-002", "1"]])
        #expect(validate(SubjectInDM(), v, dm([("S-001", "2025-03-10"), ("S-002", "")])).isEmpty)
    }

    @Test func supplementalSubjectsAreCheckedToo() {
        let v = view("SUPPDM", ["STUDYID", "RDOMAIN", "USUBJID"], [["S1", "DM", "S-007"]])
        #expect(validate(SubjectInDM(), dm([("S-001", "")]), v).spots
            == [Spot("SDTM.USUBJID.NOT-IN-DM", .error, "SUPPDM", record: 1, variable: "USUBJID", value: "S-007")])
    }
}

@Suite struct StudyDayConsistentTests {
    private let columns = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AESTDTC", "AESTDY"]

    private func ae(_ rows: [(String, String, String)]) -> DatasetView {
        view("AE", columns, rows.enumerated().map { i, r in ["S1", "AE", r.0, String(i + 1), r.1, r.2] })
    }

    @Test func aStudyDayOffByOneIsAnError() {
        let v = ae([("S-001", "2025-03-12", "3"), ("S-001", "2025-03-12", "2")])
        #expect(validate(StudyDayConsistent(), dm([("S-001", "2025-03-10")]), v).spots
            == [Spot("SDTM.DY.INCONSISTENT", .error, "AE", record: 2, variable: "AESTDY", value: "2")])
    }

    @Test func studyDaysOnAndAroundTheReferenceStartPass() {
        // No day 0: the day before RFSTDTC is -1, RFSTDTC itself is 1.
        let v = ae([("S-001", "2025-03-09", "-1"), ("S-001", "2025-03-10", "1"), ("S-001", "2025-03-10T08:00", "1"),
                    ("S-001", "2025-04-10", "32"), ("S-002", "2024-12-31", "-70")])
        #expect(validate(StudyDayConsistent(), dm([("S-001", "2025-03-10"), ("S-002", "2025-03-11T10:00")]), v).isEmpty)
    }

    @Test func aStudyDayIsNullWhenRFSTDTCIsPartial() {
        let v = ae([("S-001", "2025-03-12", ""), ("S-001", "2025-03-12", "3")])
        #expect(validate(StudyDayConsistent(), dm([("S-001", "2025-03")]), v).spots
            == [Spot("SDTM.DY.INCONSISTENT", .error, "AE", record: 2, variable: "AESTDY", value: "3")])
    }

    @Test func aStudyDayIsNullWhenTheDateIsPartial() {
        let v = ae([("S-001", "2025-03", ""), ("S-001", "2025-03", "1")])
        #expect(validate(StudyDayConsistent(), dm([("S-001", "2025-03-01")]), v).spots
            == [Spot("SDTM.DY.INCONSISTENT", .error, "AE", record: 2, variable: "AESTDY", value: "1")])
    }

    @Test func aMissingStudyDayForCompleteDatesIsAnError() {
        let v = ae([("S-001", "2025-03-12", "")])
        #expect(validate(StudyDayConsistent(), dm([("S-001", "2025-03-10")]), v).spots
            == [Spot("SDTM.DY.INCONSISTENT", .error, "AE", record: 1, variable: "AESTDY", value: "")])
    }

    @Test func endDaysAreCheckedToo() {
        let v = view("EX", ["STUDYID", "DOMAIN", "USUBJID", "EXSTDTC", "EXENDTC", "EXSTDY", "EXENDY"],
                     [["S1", "EX", "S-001", "2025-03-10", "2025-03-10", "1", "2"]])
        #expect(validate(StudyDayConsistent(), dm([("S-001", "2025-03-10")]), v).spots
            == [Spot("SDTM.DY.INCONSISTENT", .error, "EX", record: 1, variable: "EXENDY", value: "2")])
    }

    @Test func dmsOwnStudyDayUsesTheRecordsRFSTDTC() {
        // DMDY for a DMDTC nine days before RFSTDTC is -9; the record's own RFSTDTC gives it.
        let v = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "RFSTDTC", "DMDTC", "DMDY"],
                     [["S1", "DM", "S-001", "2025-03-10", "2025-03-01", "-9"]])
        #expect(validate(StudyDayConsistent(), v).isEmpty)
    }
}

@Suite struct EpochKnownTests {
    private let context = ValidationContext(epochs: ["SCREENING", "TREATMENT", "FOLLOW-UP"])
    private let columns = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "EPOCH"]

    @Test func anEpochNotInTheStudyIsAnError() {
        let v = view("AE", columns, [["S1", "AE", "S-001", "1", "TREATMENT"], ["S1", "AE", "S-001", "2", "RUN-IN"]])
        #expect(validate(EpochKnown(), v, context: context).spots
            == [Spot("SDTM.EPOCH.UNKNOWN", .error, "AE", record: 2, variable: "EPOCH", value: "RUN-IN")])
    }

    @Test func theStudysEpochsAndNullPass() {
        let v = view("AE", columns, [["S1", "AE", "S-001", "1", "SCREENING"], ["S1", "AE", "S-001", "2", "FOLLOW-UP"],
                                     ["S1", "AE", "S-001", "3", ""]])
        #expect(validate(EpochKnown(), v, context: context).isEmpty)
    }

    @Test func withoutTheStudyDefinitionEpochsAreNotChecked() {
        let v = view("AE", columns, [["S1", "AE", "S-001", "1", "RUN-IN"]])
        #expect(validate(EpochKnown(), v).isEmpty)
    }
}

@Suite struct DeathFlagConsistentTests {
    private func dm(_ flag: String, _ date: String) -> DatasetView {
        view("DM", ["STUDYID", "DOMAIN", "USUBJID", "DTHDTC", "DTHFL"], [["S1", "DM", "S-001", "", ""], ["S1", "DM", "S-002", date, flag]])
    }

    @Test func dthflNIsAnErrorBecauseSDTMWantsNull() {
        #expect(validate(DeathFlagConsistent(), dm("N", "")).spots
            == [Spot("SDTM.DM.DTHFL", .error, "DM", record: 2, variable: "DTHFL", value: "N")])
    }

    @Test func dthflYWithoutADeathDateIsAnError() {
        #expect(validate(DeathFlagConsistent(), dm("Y", "")).spots
            == [Spot("SDTM.DM.DTHFL", .error, "DM", record: 2, variable: "DTHFL", value: "Y")])
    }

    @Test func aDeathDateWithoutTheFlagIsAnError() {
        #expect(validate(DeathFlagConsistent(), dm("", "2025-05-01")).spots
            == [Spot("SDTM.DM.DTHFL", .error, "DM", record: 2, variable: "DTHFL", value: "")])
    }

    @Test func aFlagWithADateOrNeitherPasses() {
        #expect(validate(DeathFlagConsistent(), dm("Y", "2025-05")).isEmpty)
    }
}

@Suite struct StudyDayOutOfRangeTests {
    @Test func aStudyDayBeyondIntsRangeIsAFindingNotACrash() {
        let v = view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AESTDTC", "AESTDY"], [["S1", "AE", "S-001", "2025-03-12", "1e20"]])
        #expect(validate(StudyDayConsistent(), dm([("S-001", "2025-03-10")]), v).spots
            == [Spot("SDTM.DY.INCONSISTENT", .error, "AE", record: 1, variable: "AESTDY", value: "1e+20")])
    }
}
