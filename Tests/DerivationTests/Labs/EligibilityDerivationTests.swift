import SDTMModel
import Testing

@testable import Derivation

private let dm = dataset("DM", [
    ["USUBJID": "S1", "ARMCD": "COHA", "AGE": "60", "SEX": "M"],
    ["USUBJID": "S2", "AGE": "50", "SEX": "F"],
])

/// S1's screening labs: every criterion met except platelets (45 x10^3/uL), which line 3 holds.
private func screeningLabs(platelets: String = "45") -> Dataset {
    let tests: [(String, String, String, String)] = [
        ("HGB", "12.1", "g/dL", "17"), ("PLAT", platelets, "10^3/uL", "400"), ("NEUT", "3.2", "10^3/uL", "7"),
        ("BILI", "0.8", "mg/dL", "1.2"), ("INR", "1.1", "RATIO", "1.2"), ("AST", "45", "U/L", "40"),
        ("ALT", "38", "U/L", "56"), ("CREAT", "1.0", "mg/dL", "1.3"), ("ALB", "3.5", "g/dL", "5"),
    ]
    return dataset("LB", file: "local_labs.csv", tests.map { test, result, unit, high in
        ["USUBJID": "S1", "LBTESTCD": test, "LBORRES": result, "LBORRESU": unit, "LBORNRHI": high,
         "LBDTC": "2025-02-20", "EPOCH": "SCREENING"]
    } + [["USUBJID": "S1", "LBTESTCD": "PLAT", "LBORRES": "200", "LBORRESU": "10^3/uL", "LBDTC": "2025-03-24",
          "EPOCH": "TREATMENT"]])
}

private let vs = dataset("VS", [["USUBJID": "S1", "VSTESTCD": "WEIGHT", "VSORRES": "70", "VSSTRESN": "70",
                                 "VSDTC": "2025-02-20", "EPOCH": "SCREENING"]])

@Suite struct EligibilityDerivationTests {
    @Test func everyEnrolledSubjectGetsOneRowPerCriterionAndScreenFailuresNone() {
        let (rows, _) = deriveEligibility(dm: dm, lb: screeningLabs(), vs: vs, screening: .epoch("SCREENING"),
                                          criteria: inclusionCriterion9,
                                          conversions: conversions)
        #expect(Set(rows.map(\.usubjid)) == ["S1"])
        #expect(rows.map(\.criterion) == ["AGE", "PLAT", "HGB", "NEUT", "BILI", "INR", "AST", "ALT", "CRCL", "ALB"])
    }

    @Test func aBreachIsAWarningAtTheLineOfTheScreeningValue() {
        let (rows, diagnostics) = deriveEligibility(dm: dm, lb: screeningLabs(), vs: vs, screening: .epoch("SCREENING"),
                                          criteria: inclusionCriterion9,
                                                    conversions: conversions)
        #expect(rows.filter { $0.status == .notMet }.map(\.criterion) == ["PLAT"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location == SourceLocation(file: "local_labs.csv", line: 3))
        #expect(diagnostics.first?.message.contains("S1") == true)
    }

    @Test func onlyScreeningResultsCount() {
        let (rows, _) = deriveEligibility(dm: dm, lb: screeningLabs(platelets: "150"), vs: vs, screening: .epoch("SCREENING"),
                                          criteria: inclusionCriterion9,
                                          conversions: conversions)
        #expect(rows.first { $0.criterion == "PLAT" }?.value == "150 10^3/uL")
        #expect(rows.allSatisfy { $0.status == .met })
    }

    @Test func creatinineClearanceUsesTheScreeningWeightFromVS() {
        let (rows, _) = deriveEligibility(dm: dm, lb: screeningLabs(), vs: vs, screening: .epoch("SCREENING"),
                                          criteria: inclusionCriterion9,
                                          conversions: conversions)
        // (140 - 60) x 70 / (72 x 1.0) = 77.8 mL/min.
        #expect(rows.first { $0.criterion == "CRCL" }?.value == "77.8 mL/min")
    }

    @Test func aCriterionThatCannotBeCheckedIsANoticeAtTheSubjectsDMLine() {
        let (_, diagnostics) = deriveEligibility(dm: dm, lb: screeningLabs(platelets: "150"), vs: nil,
                                                 screening: .epoch("SCREENING"), criteria: inclusionCriterion9,
                                                 conversions: conversions)
        #expect(diagnostics.map(\.rule) == ["lb.eligibility.not-evaluable"])
        #expect(diagnostics.first?.severity == .notice)
        #expect(diagnostics.first?.location == SourceLocation(file: "dm.csv", line: 2))
        #expect(diagnostics.first?.message.contains("weight") == true)
    }

    @Test func withoutAWeightClearanceIsNotEvaluable() {
        let (rows, _) = deriveEligibility(dm: dm, lb: screeningLabs(), vs: nil, screening: .epoch("SCREENING"),
                                          criteria: inclusionCriterion9,
                                          conversions: conversions)
        #expect(rows.first { $0.criterion == "CRCL" }?.status == .notEvaluable)
    }

    @Test func theScreeningVisitDecidesNotALaterPreDoseDraw() {
        var lb = screeningLabs(platelets: "150")
        for i in 0..<lb.count { lb[i, lb.column("VISIT")] = .text("SCREENING") }
        var predose = lb.records[1]
        predose.values[lb.column("LBORRES")] = .text("40")
        predose.values[lb.column("LBDTC")] = .text("2025-03-03T08:00")
        predose.values[lb.column("VISIT")] = .text("CYCLE 1 DAY 1")
        lb.append(predose)
        let (rows, _) = deriveEligibility(dm: dm, lb: lb, vs: vs, screening: .visit("SCREENING"),
                                          criteria: inclusionCriterion9, conversions: conversions)
        #expect(rows.first { $0.criterion == "PLAT" }?.status == .met)
    }

    @Test func aRepeatThatWasNotDoneDoesNotHideTheEarlierResult() {
        var lb = screeningLabs(platelets: "150")
        var repeated = lb.records[1]
        repeated.values[lb.column("LBORRES")] = .null
        repeated.values[lb.column("LBSTAT")] = .text("NOT DONE")
        repeated.values[lb.column("LBDTC")] = .text("2025-02-25")
        lb.append(repeated)
        let (rows, _) = deriveEligibility(dm: dm, lb: lb, vs: vs, screening: .epoch("SCREENING"),
                                          criteria: inclusionCriterion9, conversions: conversions)
        #expect(rows.first { $0.criterion == "PLAT" }?.value == "150 10^3/uL")
    }
}
