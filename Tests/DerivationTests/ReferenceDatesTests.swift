import SDTMModel
import Testing

@testable import Derivation

/// S1 is dosed twice (rows out of date order), S2 is enrolled but never dosed.
private func demographics(_ extra: [String: [String: String]] = [:]) -> Dataset {
    dataset("DM", [
        ["USUBJID": "S1", "RFICDTC": "2025-01-06"].merging(extra["S1"] ?? [:]) { $1 },
        ["USUBJID": "S2", "RFICDTC": "2025-01-08"].merging(extra["S2"] ?? [:]) { $1 },
    ])
}

private let exposure = dataset("EX", [
    ["USUBJID": "S1", "EXSTDTC": "2025-02-10T09:00", "EXENDTC": "2025-02-10T09:45"],
    ["USUBJID": "S1", "EXSTDTC": "2025-01-20T09:30", "EXENDTC": "2025-01-20T10:15"],
])

@Suite struct ReferenceDatesTests {
    @Test func rfxstdtcIsTheFirstDoseStartWithItsTime() {
        var dm = demographics()
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [])
        #expect(dm.value("RFXSTDTC", of: "S1") == "2025-01-20T09:30")
    }

    @Test func rfxendtcIsTheLastDoseEndWithItsTime() {
        var dm = demographics()
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [])
        #expect(dm.value("RFXENDTC", of: "S1") == "2025-02-10T09:45")
    }

    @Test func rfxendtcFallsBackToTheLastStartWhenEndIsMissing() {
        var dm = demographics()
        let ex = dataset("EX", [
            ["USUBJID": "S1", "EXSTDTC": "2025-01-20T09:30", "EXENDTC": "2025-01-20T10:15"],
            ["USUBJID": "S1", "EXSTDTC": "2025-02-10T09:00"],
        ])
        deriveReferenceDates(dm: &dm, exposure: ex, others: [])
        #expect(dm.value("RFXENDTC", of: "S1") == "2025-02-10T09:00")
    }

    @Test func rfstdtcAndRfendtcEqualFirstAndLastDose() {
        var dm = demographics()
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [])
        #expect(dm.value("RFSTDTC", of: "S1") == "2025-01-20T09:30")
        #expect(dm.value("RFENDTC", of: "S1") == "2025-02-10T09:45")
    }

    @Test func undosedSubjectHasNoTreatmentReferenceDates() {
        var dm = demographics()
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [])
        for name in ["RFSTDTC", "RFENDTC", "RFXSTDTC", "RFXENDTC"] {
            #expect(dm.value(name, of: "S2") == "", "\(name)")
        }
    }

    @Test func rfpendtcIsTheLatestDateAcrossDomains() {
        var dm = demographics()
        let ae = dataset("AE", [
            ["USUBJID": "S1", "AESTDTC": "2025-02-01", "AEENDTC": "2025-03-15"],
            ["USUBJID": "S1", "AESTDTC": "2025-03-01", "AEENDTC": "2025-03-04"],
            ["USUBJID": "S2", "AESTDTC": "2025-01-10"],
        ])
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [ae])
        #expect(dm.value("RFPENDTC", of: "S1") == "2025-03-15")
        #expect(dm.value("RFPENDTC", of: "S2") == "2025-01-10")
    }

    @Test func rfpendtcCountsTheDeathDate() {
        var dm = demographics(["S2": ["DTHDTC": "2025-04-01"]])
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [])
        #expect(dm.value("RFPENDTC", of: "S2") == "2025-04-01")
    }

    /// The last dose ended at 09:45 on 2025-02-10, after it started at 09:00 that day.
    @Test func rfpendtcIsTheLatestDateTimeOnTheLastDay() {
        var dm = demographics()
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [])
        #expect(dm.value("RFPENDTC", of: "S1") == "2025-02-10T09:45")
    }

    @Test func rfpendtcPrefersATimedValueOverTheSameDateWithoutTime() {
        var dm = demographics()
        let ae = dataset("AE", [["USUBJID": "S1", "AESTDTC": "2025-02-10"]])
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [ae])
        #expect(dm.value("RFPENDTC", of: "S1")?.hasPrefix("2025-02-10T") == true)
    }

    @Test func rfpendtcIgnoresTheBirthDate() {
        var dm = demographics(["S2": ["BRTHDTC": "2030-01-01"]])
        deriveReferenceDates(dm: &dm, exposure: nil, others: [])
        #expect(dm.value("RFPENDTC", of: "S2") == "2025-01-08")
    }

    @Test func dthflIsYOnlyWhenDeathDateIsKnown() {
        var dm = demographics(["S1": ["DTHDTC": "2025-04-01"], "S2": ["DTHFL": "N"]])
        deriveReferenceDates(dm: &dm, exposure: exposure, others: [])
        #expect(dm.value("DTHFL", of: "S1") == "Y")
        #expect(dm.value("DTHFL", of: "S2") == "")
    }

    @Test func noExposureDatasetLeavesTreatmentDatesEmpty() {
        var dm = demographics()
        deriveReferenceDates(dm: &dm, exposure: nil, others: [])
        #expect(dm.values("RFXSTDTC") == ["", ""])
        #expect(dm.values("RFPENDTC") == ["2025-01-06", "2025-01-08"])
    }
}
