import SDTMModel
import Testing

@testable import Derivation

/// S1: consent 2025-01-06, first dose 2025-01-20 09:30, last dose 2025-02-10 09:45, so follow-up
/// starts 21 days later on 2025-03-03. S2 consented but was never dosed.
private let subjects = SubjectTable(dm: dataset("DM", [
    ["USUBJID": "S1", "RFICDTC": "2025-01-06", "RFXSTDTC": "2025-01-20T09:30", "RFXENDTC": "2025-02-10T09:45"],
    ["USUBJID": "S2", "RFICDTC": "2025-01-08"],
]))

private func epoch(_ start: String, subject: String = "S1") -> String {
    var ae = dataset("AE", [["USUBJID": subject, "AESTDTC": start]])
    deriveEpoch(&ae, subjects: subjects, epochs: studyEpochs)
    return ae.values("EPOCH")[0]
}

@Suite struct EpochDerivationTests {
    @Test func screeningStartsOnTheConsentDay() {
        #expect(epoch("2025-01-06") == "SCREENING")
        #expect(epoch("2025-01-19") == "SCREENING")
    }

    @Test func aPreDoseRecordOnTheFirstDoseDayIsStillScreeningWhenBothTimesAreKnown() {
        #expect(epoch("2025-01-20T08:05") == "SCREENING")
        #expect(epoch("2025-01-20T09:30") == "TREATMENT")
        #expect(epoch("2025-01-20") == "TREATMENT")
    }

    @Test func treatmentStartsOnTheFirstDoseDay() {
        #expect(epoch("2025-01-20") == "TREATMENT")
    }

    @Test func treatmentLastsUntil21DaysAfterTheLastDose() {
        #expect(epoch("2025-02-10") == "TREATMENT")
        #expect(epoch("2025-03-02") == "TREATMENT")
    }

    @Test func followUpStartsOnLastDosePlus21Days() {
        #expect(epoch("2025-03-03") == "FOLLOW-UP")
        #expect(epoch("2025-06-30") == "FOLLOW-UP")
    }

    @Test func dateBeforeConsentHasNoEpoch() {
        #expect(epoch("2025-01-05") == "")
    }

    /// March 2025 holds the last treatment days (1-2) and the first follow-up days; 2025 holds every epoch.
    @Test func partialDateThatSpansEpochsHasNoEpoch() {
        #expect(epoch("2025-03") == "")
        #expect(epoch("2025") == "")
    }

    /// All of April 2025 is after follow-up began on 2025-03-03.
    @Test func partialDateWhollyInsideOneEpochTakesIt() {
        #expect(epoch("2025-04") == "FOLLOW-UP")
    }

    @Test func undosedSubjectStaysInScreening() {
        #expect(epoch("2025-03-03", subject: "S2") == "SCREENING")
    }

    @Test func exposureEpochComesFromExstdtc() {
        var ex = dataset("EX", [["USUBJID": "S1", "EXSTDTC": "2025-01-20T09:30", "EXENDTC": "2025-01-20T10:15"]])
        deriveEpoch(&ex, subjects: subjects, epochs: studyEpochs)
        #expect(ex.values("EPOCH") == ["TREATMENT"])
    }
}
