import SDTMModel
import Testing

@testable import Derivation

/// S1 started treatment on 2025-01-20 (at 09:30); S2 was never treated.
private let subjects = SubjectTable(dm: dataset("DM", [
    ["USUBJID": "S1", "RFSTDTC": "2025-01-20T09:30"],
    ["USUBJID": "S2"],
]))

private func studyDays(start: String, end: String = "", subject: String = "S1") -> (start: String, end: String) {
    var ae = dataset("AE", [["USUBJID": subject, "AESTDTC": start, "AEENDTC": end]])
    deriveStudyDays(&ae, subjects: subjects)
    return (ae.values("AESTDY")[0], ae.values("AEENDY")[0])
}

@Suite struct StudyDayDerivationTests {
    @Test func dayOfRfstdtcIsDay1() {
        #expect(studyDays(start: "2025-01-20").start == "1")
    }

    @Test func dayBeforeRfstdtcIsDayMinus1() {
        #expect(studyDays(start: "2025-01-19").start == "-1")
    }

    @Test func laterDaysCountFromDay1() {
        #expect(studyDays(start: "2025-02-03").start == "15")
        #expect(studyDays(start: "2025-03-01T23:59").start == "41")
    }

    @Test func earlierDaysCountBackFromDayMinus1() {
        #expect(studyDays(start: "2024-12-31").start == "-20")
    }

    @Test func endDateGetsItsOwnStudyDay() {
        #expect(studyDays(start: "2025-01-19", end: "2025-01-21") == ("-1", "2"))
    }

    @Test func partialDateHasNoStudyDay() {
        #expect(studyDays(start: "2025-02", end: "2025") == ("", ""))
    }

    @Test func subjectWithoutRfstdtcHasNoStudyDay() {
        #expect(studyDays(start: "2025-02-03", subject: "S2").start == "")
    }

    @Test func studyDayIsANumber() {
        var ae = dataset("AE", [["USUBJID": "S1", "AESTDTC": "2025-01-20"]])
        deriveStudyDays(&ae, subjects: subjects)
        #expect(ae.records[0].values[ae.column("AESTDY")] == .number(1))
    }
}
