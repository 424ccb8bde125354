import Testing

@testable import Derivation

/// A 60-year-old man of 70 kg with screening labs that meet every criterion, in conventional units.
private func eligibleSubject() -> EligibilitySubject {
    EligibilitySubject(usubjid: "LIGCAD-01-001", ageYears: 60, sex: .male, weightKg: 70, labs: [
        "PLAT": ScreeningLab(LabResult(raw: "150"), unit: "K/uL"),
        "HGB": ScreeningLab(LabResult(raw: "12.1"), unit: "g/dL"),
        "NEUT": ScreeningLab(LabResult(raw: "3.2"), unit: "x10^3/uL"),
        "BILI": ScreeningLab(LabResult(raw: "0.8"), unit: "mg/dL"),
        "INR": ScreeningLab(LabResult(raw: "1.0"), unit: "ratio"),
        "AST": ScreeningLab(LabResult(raw: "30"), unit: "U/L", uln: n("40")),
        "ALT": ScreeningLab(LabResult(raw: "25"), unit: "IU/L", uln: n("40")),
        "CREAT": ScreeningLab(LabResult(raw: "1.0"), unit: "mg/dL"),
        "ALB": ScreeningLab(LabResult(raw: "3.8"), unit: "g/dL"),
    ])
}

private func status(_ subject: EligibilitySubject) -> [String: EligibilityStatus] {
    Dictionary(uniqueKeysWithValues: checkEligibility(subject, criteria: inclusionCriterion9, conversions: conversions).map { ($0.criterion, $0.status) })
}

private func row(_ subject: EligibilitySubject, _ criterion: String) -> EligibilityRow? {
    checkEligibility(subject, criteria: inclusionCriterion9, conversions: conversions).first { $0.criterion == criterion }
}

private func with(_ testcd: String, _ raw: String, _ unit: String, uln: String? = nil) -> EligibilitySubject {
    var s = eligibleSubject()
    s.labs[testcd] = ScreeningLab(LabResult(raw: raw), unit: unit, uln: uln.map(n))
    return s
}

@Suite struct EligibilityCheckTests {
    @Test func aSubjectMeetingEveryCriterionHasOneMetRowPerCriterion() {
        let rows = checkEligibility(eligibleSubject(), criteria: inclusionCriterion9, conversions: conversions)
        #expect(rows.map(\.criterion) == ["AGE", "PLAT", "HGB", "NEUT", "BILI", "INR", "AST", "ALT", "CRCL", "ALB"])
        #expect(rows.allSatisfy { $0.status == .met && $0.usubjid == "LIGCAD-01-001" && $0.reason.isEmpty })
        #expect(rows.first { $0.criterion == "CRCL" }?.value == "77.8 mL/min")
        #expect(rows.first { $0.criterion == "HGB" }?.threshold == ">= 9 g/dL")
        #expect(rows.first { $0.criterion == "AST" }?.value == "30 U/L (0.75 x ULN 40)")
    }

    @Test(arguments: [
        ("PLAT", "49", "K/uL", nil), ("HGB", "8.9", "g/dL", nil), ("NEUT", "900", "cells/uL", nil),
        ("BILI", "3.1", "mg/dL", nil), ("INR", "2.1", "ratio", nil), ("AST", "201", "U/L", "40"),
        ("ALT", "201", "U/L", "40"), ("ALB", "1.9", "g/dL", nil),
    ] as [(String, String, String, String?)])
    func aSubjectBreakingOneLabThresholdIsNotMetOnThatCriterionOnly(testcd: String, raw: String, unit: String, uln: String?) {
        let s = status(with(testcd, raw, unit, uln: uln))
        #expect(s[testcd] == .notMet)
        #expect(s.filter { $0.value != .met }.count == 1)
    }

    @Test func anEvaluatorReusedAcrossSubjectsGivesEachTheRowsOfItsOwnValues() {
        var evaluator = EligibilityEvaluator(criteria: inclusionCriterion9, conversions: conversions)
        var second = with("PLAT", "49", "K/uL")
        second.usubjid = "LIGCAD-01-002"
        let first = evaluator.rows(for: eligibleSubject())
        let rows = evaluator.rows(for: second)
        #expect(first == checkEligibility(eligibleSubject(), criteria: inclusionCriterion9, conversions: conversions))
        #expect(rows == checkEligibility(second, criteria: inclusionCriterion9, conversions: conversions))
        #expect(rows.allSatisfy { $0.usubjid == "LIGCAD-01-002" })
        #expect(rows.filter { $0.status != .met }.map(\.criterion) == ["PLAT"])
        #expect(evaluator.testsRead == ["PLAT", "HGB", "NEUT", "BILI", "INR", "AST", "ALT", "CREAT", "ALB"])
    }

    @Test func aSubjectWithLowCreatinineClearanceIsNotMet() {
        let s = status(with("CREAT", "2.1", "mg/dL"))  // 80 x 70 / (72 x 2.1) = 37.0
        #expect(s["CRCL"] == .notMet)
        #expect(s.filter { $0.value != .met }.count == 1)
        #expect(row(with("CREAT", "2.1", "mg/dL"), "CRCL")?.value == "37.0 mL/min")
    }

    @Test func aMinorIsNotMet() {
        var subject = eligibleSubject()
        subject.ageYears = 17
        #expect(status(subject)["AGE"] == .notMet)
        subject.ageYears = 18
        #expect(status(subject)["AGE"] == .met)
    }

    @Test func valuesExactlyAtTheThresholdMeetIt() {
        #expect(status(with("HGB", "9", "g/dL"))["HGB"] == .met)
        #expect(status(with("HGB", "90", "g/L"))["HGB"] == .met)
        #expect(status(with("BILI", "3", "mg/dL"))["BILI"] == .met)
        #expect(status(with("BILI", "51.3", "umol/L"))["BILI"] == .met)
        #expect(status(with("PLAT", "50000", "/mm3"))["PLAT"] == .met)
        #expect(status(with("NEUT", "1000", "cells/uL"))["NEUT"] == .met)
        #expect(status(with("INR", "2", "RATIO"))["INR"] == .met)
        #expect(status(with("AST", "200", "U/L", uln: "40"))["AST"] == .met)
        #expect(status(with("ALB", "20", "g/L"))["ALB"] == .met)
    }

    @Test func siResultsAreComparedInTheSameStandardUnit() {
        #expect(status(with("HGB", "89", "g/L"))["HGB"] == .notMet)
        #expect(status(with("BILI", "51.4", "umol/L"))["BILI"] == .notMet)
    }

    @Test func aCensoredResultDecidesOnlyWhenWhollyOnOneSide() {
        #expect(status(with("BILI", "<0.2", "mg/dL"))["BILI"] == .met)
        #expect(status(with("BILI", ">10", "mg/dL"))["BILI"] == .notMet)
        #expect(status(with("BILI", ">2", "mg/dL"))["BILI"] == .notEvaluable)
    }

    @Test func aMissingOrNotDoneLabIsNotEvaluable() {
        var subject = eligibleSubject()
        subject.labs["INR"] = nil
        #expect(status(subject)["INR"] == .notEvaluable)
        #expect(status(with("ALB", "NOT DONE", ""))["ALB"] == .notEvaluable)
    }

    @Test func aMissingULNMakesTheAminotransferaseNotEvaluable() {
        let r = row(with("AST", "30", "U/L"), "AST")
        #expect(r?.status == .notEvaluable)
        #expect(r?.reason.contains("ULN") == true)
    }

    @Test func anUnknownUnitIsNotEvaluableWithTheReason() {
        let r = row(with("HGB", "7.5", "mmol/L"), "HGB")
        #expect(r?.status == .notEvaluable)
        #expect(r?.reason.contains("HGB has no conversion from mmol/L") == true)
    }

    @Test func clearanceNeedsAgeWeightAndSex() {
        var subject = eligibleSubject()
        subject.weightKg = nil
        #expect(status(subject)["CRCL"] == .notEvaluable)
        subject = eligibleSubject()
        subject.sex = nil
        #expect(status(subject)["CRCL"] == .notEvaluable)
    }

    @Test func aWomansClearanceUsesThe0Point85Factor() {
        var subject = eligibleSubject()
        subject.sex = .female
        #expect(row(subject, "CRCL")?.value == "66.1 mL/min")
    }
}
