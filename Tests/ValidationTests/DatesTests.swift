import SDTMModel
import Testing
import Validation

private let ae = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AESTDTC", "AEENDTC"]

private func aeDates(_ pairs: [(String, String)]) -> DatasetView {
    view("AE", ae, pairs.enumerated().map { i, p in ["S1", "AE", "S-001", String(i + 1), p.0, p.1] })
}

@Suite struct DateTimeIsISO8601Tests {
    @Test func anImpossibleDateAndSlashesAreErrors() {
        let v = aeDates([("2025-02-30", ""), ("2025-03-01", "2025/03/01"), ("2025", "2025-03-14T09:30")])
        #expect(validate(DateTimeIsISO8601(), v).spots == [
            Spot("SDTM.DTC.ISO8601", .error, "AE", record: 1, variable: "AESTDTC", value: "2025-02-30"),
            Spot("SDTM.DTC.ISO8601", .error, "AE", record: 2, variable: "AEENDTC", value: "2025/03/01"),
        ])
    }

    @Test(arguments: ["2025", "2025-03", "2025-03-14", "2025-03-14T09", "2025-03-14T09:30", "2025-03-14T09:30:15", "2024-02-29", ""])
    func rightTruncatedDatesPass(text: String) {
        #expect(validate(DateTimeIsISO8601(), aeDates([(text, "")])).isEmpty)
    }

    @Test(arguments: ["2025-3-14", "20250314", "14/03/2025", "2025-03-14 09:30", "2025-03-14T25:00", "2025-13",
                      "2025-02-29", "UNK", "2025-03-14T09:30Z"])
    func malformedDatesAreErrors(text: String) {
        #expect(validate(DateTimeIsISO8601(), aeDates([("2025-03-01", text)])).spots
            == [Spot("SDTM.DTC.ISO8601", .error, "AE", record: 1, variable: "AEENDTC", value: text)])
    }

    @Test(arguments: ["2025---14", "2025-03-14T-:30"])
    func missingMiddleComponentsAsSDTMIGWritesThemPass(text: String) {
        // SDTMIG 3.4 §4.4.2: an unknown component in the middle is a hyphen ("year and day known, month unknown").
        #expect(validate(DateTimeIsISO8601(), aeDates([(text, "")])).isEmpty)
    }

    @Test func everyDTCVariableIsChecked() {
        let v = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "RFSTDTC", "BRTHDTC", "SITEID"],
                     [["S1", "DM", "S-001", "2025-03-10", "1960-02-30", "2025/01"]])
        #expect(validate(DateTimeIsISO8601(), v).spots
            == [Spot("SDTM.DTC.ISO8601", .error, "DM", record: 1, variable: "BRTHDTC", value: "1960-02-30")])
    }
}

@Suite struct StartNotAfterEndTests {
    @Test func aStartAfterTheEndIsAnError() {
        let v = aeDates([("2025-03-10", "2025-03-12"), ("2025-03-12", "2025-03-10")])
        #expect(validate(StartNotAfterEnd(), v).spots
            == [Spot("SDTM.DTC.START-AFTER-END", .error, "AE", record: 2, variable: "AESTDTC", value: "2025-03-12 > 2025-03-10")])
    }

    @Test func aPartialDateIsComparedOnTheCommonPrecision() {
        let v = aeDates([("2025-03", "2025-03-10"), ("2025-03-10", "2025-03"), ("2025-03-10T14:00", "2025-03-10"),
                         ("2025", "2024-12-31T23:59")])
        #expect(validate(StartNotAfterEnd(), v).spots
            == [Spot("SDTM.DTC.START-AFTER-END", .error, "AE", record: 4, variable: "AESTDTC", value: "2025 > 2024-12-31T23:59")])
    }

    @Test func aPartialStartInALaterMonthIsAnError() {
        #expect(validate(StartNotAfterEnd(), aeDates([("2025-04", "2025-03-10")])).spots
            == [Spot("SDTM.DTC.START-AFTER-END", .error, "AE", record: 1, variable: "AESTDTC", value: "2025-04 > 2025-03-10")])
    }

    @Test func sameDayMissingOrInvalidDatesPass() {
        let v = aeDates([("2025-03-10", "2025-03-10"), ("2025-03-10T08:00", "2025-03-10T09:00"), ("2025-03-10", ""),
                         ("2025-03-12", "2025-02-30")])
        #expect(validate(StartNotAfterEnd(), v).isEmpty)
    }

    @Test func exposureIsCheckedToo() {
        let v = view("EX", ["STUDYID", "DOMAIN", "USUBJID", "EXSTDTC", "EXENDTC"], [["S1", "EX", "S-001", "2025-03-02", "2025-03-01"]])
        #expect(validate(StartNotAfterEnd(), v).spots
            == [Spot("SDTM.DTC.START-AFTER-END", .error, "EX", record: 1, variable: "EXSTDTC", value: "2025-03-02 > 2025-03-01")])
    }
}

@Suite struct ReferenceStartNotAfterEndTests {
    private func dm(_ start: String, _ end: String) -> DatasetView {
        view("DM", ["STUDYID", "DOMAIN", "USUBJID", "RFSTDTC", "RFENDTC"], [["S1", "DM", "S-001", start, end]])
    }

    @Test func aReferenceStartAfterTheEndIsAnError() {
        #expect(validate(ReferenceStartNotAfterEnd(), dm("2025-03-10", "2025-03-01")).spots
            == [Spot("SDTM.DM.RFSTDTC-AFTER-RFENDTC", .error, "DM", record: 1, variable: "RFSTDTC", value: "2025-03-10 > 2025-03-01")])
    }

    @Test(arguments: [("2025-03-01", "2025-06-01"), ("2025-03-01", "2025-03-01"), ("2025-03", "2025-03-01"), ("2025-03-01", "")])
    func aReferenceStartOnOrBeforeTheEndPasses(start: String, end: String) {
        #expect(validate(ReferenceStartNotAfterEnd(), dm(start, end)).isEmpty)
    }

    @Test func onlyDMIsChecked() {
        let v = view("XX", ["USUBJID", "RFSTDTC", "RFENDTC"], [["S-001", "2025-03-10", "2025-03-01"]])
        #expect(validate(ReferenceStartNotAfterEnd(), v).isEmpty)
    }
}
