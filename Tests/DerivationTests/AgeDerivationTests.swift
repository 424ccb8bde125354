import SDTMModel
import Testing

@testable import Derivation

/// DM with one subject; returns the derived AGE, AGEU and findings.
private func derive(_ values: [String: String]) -> (age: String, ageu: String, findings: [Diagnostic]) {
    var dm = dataset("DM", [at(7, ["USUBJID": "S1"].merging(values) { $1 })])
    let findings = deriveAge(dm: &dm)
    return (dm.values("AGE")[0], dm.values("AGEU")[0], findings)
}

@Suite struct AgeDerivationTests {
    @Test func aStudyThatCollectsOnlyAgeKeepsItWithoutBirthDates() {
        var dm = Dataset(spec: spec("DM").narrowed(keeping: []))
        #expect(dm.spec.index(of: "BRTHDTC") == nil)
        var record = dm.emptyRecord(origin: nil)
        record.values[dm.column("USUBJID")] = .text("S1")
        record.values[dm.column("AGE")] = .number(61)
        dm.append(record)
        #expect(deriveAge(dm: &dm).isEmpty)
        #expect(dm.values("AGE") == ["61"] && dm.values("AGEU") == ["YEARS"])
    }

    @Test func ageCountsTheBirthdayReachedOnConsentDay() {
        #expect(derive(["BRTHDTC": "1980-06-15", "RFICDTC": "2025-06-15"]).age == "45")
    }

    @Test func ageIsOneLessWhenTheBirthdayIsNotYetReachedThatYear() {
        #expect(derive(["BRTHDTC": "1980-06-15", "RFICDTC": "2025-06-14"]).age == "44")
        #expect(derive(["BRTHDTC": "1980-12-31", "RFICDTC": "2025-01-01"]).age == "44")
    }

    @Test func leapDayBirthdayIsReachedOnMarch1InCommonYears() {
        #expect(derive(["BRTHDTC": "2000-02-29", "RFICDTC": "2021-02-28"]).age == "20")
        #expect(derive(["BRTHDTC": "2000-02-29", "RFICDTC": "2021-03-01"]).age == "21")
        #expect(derive(["BRTHDTC": "2000-02-29", "RFICDTC": "2024-02-29"]).age == "24")
    }

    @Test func consentTimeOfDayDoesNotMatter() {
        #expect(derive(["BRTHDTC": "1980-06-15", "RFICDTC": "2025-06-15T08:30"]).age == "45")
    }

    @Test func ageIsAWholeNumberWithoutDecimals() throws {
        var dm = dataset("DM", [["USUBJID": "S1", "BRTHDTC": "1980-06-15", "RFICDTC": "2025-06-15"]])
        _ = deriveAge(dm: &dm)
        #expect(dm.records[0].values[dm.column("AGE")] == .number(45))
    }

    @Test func collectedAgeIsKeptWhenBirthDateIsPartial() {
        let result = derive(["BRTHDTC": "1980", "RFICDTC": "2025-06-15", "AGE": "44"])
        #expect(result.age == "44")
        #expect(result.ageu == "YEARS")
        #expect(result.findings.isEmpty)
    }

    @Test func collectedAgeIsKeptWhenConsentDateIsPartial() {
        #expect(derive(["BRTHDTC": "1980-06-15", "RFICDTC": "2025-06", "AGE": "44"]).age == "44")
    }

    @Test func mismatchingCollectedAgeIsReplacedWithAWarningAtItsRow() throws {
        let result = derive(["BRTHDTC": "1980-06-15", "RFICDTC": "2025-06-14", "AGE": "45"])
        #expect(result.age == "44")
        let warning = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.rule == "derive.age-mismatch")
        #expect(warning.location == SourceLocation(file: "dm.csv", line: 7))
        #expect(warning.message.contains("45") && warning.message.contains("44"))
    }

    @Test func matchingCollectedAgeRaisesNoWarning() {
        #expect(derive(["BRTHDTC": "1980-06-15", "RFICDTC": "2025-06-15", "AGE": "45"]).findings.isEmpty)
    }

    @Test func ageuIsYearsWhenAgeIsDerived() {
        #expect(derive(["BRTHDTC": "1980-06-15", "RFICDTC": "2025-06-15"]).ageu == "YEARS")
    }

    @Test func ageuIsEmptyWhenAgeIsUnknown() {
        let result = derive(["BRTHDTC": "1980", "RFICDTC": "2025-06-15", "AGEU": "YEARS"])
        #expect(result.age == "")
        #expect(result.ageu == "")
    }
}
