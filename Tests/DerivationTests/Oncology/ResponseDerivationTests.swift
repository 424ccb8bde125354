import SDTMModel
import Testing

@testable import Derivation

private let dm = dataset("DM", [
    ["USUBJID": "S1", "ARMCD": "COHA", "ARM": "Cohort A", "ACTARMCD": "COHA", "RFXSTDTC": "2025-03-03"],
])

private let tu = dataset("TU", file: "tumor_lesions.csv", [
    ["USUBJID": "S1", "TULNKID": "T1", "TUORRES": "TARGET", "TULOC": "LIVER", "VISIT": "SCREENING", "TUDTC": "2025-02-25"],
    ["USUBJID": "S1", "TULNKID": "T2", "TUORRES": "TARGET", "TULOC": "LYMPH NODE", "VISIT": "SCREENING", "TUDTC": "2025-02-25"],
    ["USUBJID": "S1", "TULNKID": "NT1", "TUORRES": "NON-TARGET", "TULOC": "BONE", "VISIT": "SCREENING", "TUDTC": "2025-02-25"],
])

/// One TR row: lesion (empty for the sum), test, standardized result, visit and date.
private func tr(_ link: String, _ test: String, _ result: String, _ visit: String, _ date: String) -> [String: String] {
    var row = ["USUBJID": "S1", "TRLNKID": link, "TRTESTCD": test, "TRSTRESC": result, "VISIT": visit, "TRDTC": date]
    if Double(result) != nil { row["TRSTRESN"] = result }
    return row
}

/// Baseline sum 60 mm; 37 mm at cycle 3 (-38%: PR) and 35 mm at cycle 5, 42 days later (PR confirmed).
private func measurements(sumAtCycle3: String = "37", node: String = "LPERP", extra: [[String: String]] = []) -> Dataset {
    dataset("TR", file: "tumor_measurements.csv", [
        tr("T1", "LDIAM", "40", "SCREENING", "2025-02-25"), tr("T2", "LPERP", "20", "SCREENING", "2025-02-25"),
        tr("NT1", "TUMSTATE", "PRESENT", "SCREENING", "2025-02-25"), tr("", "SUMDIAM", "60", "SCREENING", "2025-02-25"),
        tr("T1", "LDIAM", "25", "CYCLE 3 DAY 1", "2025-04-10"), tr("T2", node, "12", "CYCLE 3 DAY 1", "2025-04-10"),
        tr("NT1", "TUMSTATE", "PRESENT", "CYCLE 3 DAY 1", "2025-04-10"), tr("", "SUMDIAM", sumAtCycle3, "CYCLE 3 DAY 1", "2025-04-10"),
        tr("T1", "LDIAM", "24", "CYCLE 5 DAY 1", "2025-05-22"), tr("T2", "LPERP", "11", "CYCLE 5 DAY 1", "2025-05-22"),
        tr("NT1", "TUMSTATE", "PRESENT", "CYCLE 5 DAY 1", "2025-05-22"), tr("", "SUMDIAM", "35", "CYCLE 5 DAY 1", "2025-05-22"),
    ] + extra)
}

private func responses(cycle3: String = "PR") -> Dataset {
    dataset("RS", file: "tumor_response.csv", [
        ["USUBJID": "S1", "RSTESTCD": "OVRLRESP", "RSSTRESC": cycle3, "VISIT": "CYCLE 3 DAY 1"],
        ["USUBJID": "S1", "RSTESTCD": "OVRLRESP", "RSSTRESC": "PR", "VISIT": "CYCLE 5 DAY 1"],
    ])
}

private let rules = BestOverallResponseRules(confirmationDays: 28, minimumSDDays: 35)

private func run(tu: Dataset = tu, tr: Dataset = measurements(), rs: Dataset = responses()) -> (ResponseReadout, [Diagnostic]) {
    let result = deriveResponses(dm: dm, tu: tu, tr: tr, rs: rs, rules: rules)
    return (result.readout, result.diagnostics)
}

@Suite struct ResponseDerivationTests {
    @Test func aPartialResponseConfirmedSixWeeksLaterIsTheBestOverallResponse() {
        let (readout, diagnostics) = run()
        #expect(diagnostics.isEmpty)
        #expect(readout.subjects.map(\.derived.response) == [.pr])
        #expect(readout.subjects.map(\.investigator?.response) == [.pr])
        #expect(readout.derived.first?.orr.count == 1)
        #expect(readout.derived.first?.evaluable == 1)
    }

    @Test func aWrongSumIsFoundAtTheSumRowOfTheWorksheet() {
        let (_, diagnostics) = run(tr: measurements(sumAtCycle3: "47"))
        #expect(diagnostics.map(\.rule) == [RECISTRule.sumMismatch])
        #expect(diagnostics.first?.location == SourceLocation(file: "tumor_measurements.csv", line: 9))
        #expect(diagnostics.first?.message.contains("47") == true)
    }

    @Test func anInvestigatorResponseThatContradictsTheMeasurementsIsFoundWithBothValues() {
        let (readout, diagnostics) = run(rs: responses(cycle3: "SD"))
        #expect(diagnostics.map(\.rule) == [RECISTRule.responseMismatch])
        #expect(diagnostics.first?.location == SourceLocation(file: "tumor_response.csv", line: 2))
        #expect(diagnostics.first?.message.contains("SD") == true && diagnostics.first?.message.contains("PR") == true)
        #expect(readout.subjects.first?.derived.response == .pr)
    }

    @Test func aNodeMeasuredOnItsLongAxisIsFound() {
        let (_, diagnostics) = run(tr: measurements(node: "LDIAM"))
        #expect(diagnostics.map(\.rule).contains("recist.node-long-axis"))
        #expect(diagnostics.first { $0.rule == "recist.node-long-axis" }?.location?.line == 7)
    }

    @Test func aMeasurementOfALesionNeverIdentifiedIsFound() {
        let (_, diagnostics) = run(tr: measurements(extra: [tr("T9", "LDIAM", "15", "CYCLE 5 DAY 1", "2025-05-22")]))
        #expect(diagnostics.map(\.rule) == [RECISTRule.unlinkedMeasurement])
        #expect(diagnostics.first?.location?.line == 14)
    }

    @Test func aMeasurementWithoutACompleteScanDateIsFoundAtItsLineAndLeftOut() {
        let (readout, diagnostics) = run(tr: measurements(extra: [tr("T1", "LDIAM", "30", "CYCLE 7 DAY 1", "2025-07")]))
        #expect(diagnostics.map(\.rule) == ["recist.assessment-date"])
        #expect(diagnostics.first?.location == SourceLocation(file: "tumor_measurements.csv", line: 14))
        #expect(diagnostics.first?.message.contains("'2025-07'") == true)
        #expect(readout.subjects.map(\.derived.response) == [.pr])
    }

    @Test func aNewLesionAtAVisitWithoutMeasurementsIsFoundAtItsTULine() {
        let withNew = dataset("TU", file: "tumor_lesions.csv", [
            ["USUBJID": "S1", "TULNKID": "T1", "TUORRES": "TARGET", "TULOC": "LIVER", "VISIT": "SCREENING", "TUDTC": "2025-02-25"],
            ["USUBJID": "S1", "TULNKID": "T2", "TUORRES": "TARGET", "TULOC": "LYMPH NODE", "VISIT": "SCREENING", "TUDTC": "2025-02-25"],
            ["USUBJID": "S1", "TULNKID": "NT1", "TUORRES": "NON-TARGET", "TULOC": "BONE", "VISIT": "SCREENING", "TUDTC": "2025-02-25"],
            ["USUBJID": "S1", "TULNKID": "NEW1", "TUORRES": "NEW", "TULOC": "LUNG", "VISIT": "CYCLE 9 DAY 1", "TUDTC": "2025-08-28"],
        ])
        let (_, diagnostics) = run(tu: withNew)
        #expect(diagnostics.map(\.rule) == ["recist.unmatched-new-lesion"])
        #expect(diagnostics.first?.location == SourceLocation(file: "tumor_lesions.csv", line: 5))
        #expect(diagnostics.first?.message.contains("CYCLE 9 DAY 1") == true)
    }

    @Test func aResponseForAVisitWithoutMeasurementsIsFoundNotDropped() {
        let extra = dataset("RS", file: "tumor_response.csv", [
            ["USUBJID": "S1", "RSTESTCD": "OVRLRESP", "RSSTRESC": "PR", "VISIT": "CYCLE 3 DAY 1"],
            ["USUBJID": "S1", "RSTESTCD": "OVRLRESP", "RSSTRESC": "PR", "VISIT": "CYCLE 5 DAY 1"],
            ["USUBJID": "S1", "RSTESTCD": "OVRLRESP", "RSSTRESC": "PD", "VISIT": "CYCLE 7 DAY 1"],
        ])
        let (_, diagnostics) = run(rs: extra)
        #expect(diagnostics.map(\.rule) == ["recist.unmatched-response"])
        #expect(diagnostics.first?.location?.line == 4)
    }

    @Test func aResponseOutsideRECISTIsFoundEvenWhenTheCodelistHasIt() {
        let (_, diagnostics) = run(rs: responses(cycle3: "MR"))
        #expect(diagnostics.map(\.rule) == ["recist.response-value"])
    }

    @Test func followUpsWithoutABaselineAreFoundAndTheSubjectIsNotEvaluable() {
        let late = dataset("TR", file: "tumor_measurements.csv", [tr("T1", "LDIAM", "25", "CYCLE 3 DAY 1", "2025-04-10")])
        let response = dataset("RS", file: "tumor_response.csv", [
            ["USUBJID": "S1", "RSTESTCD": "OVRLRESP", "RSSTRESC": "PR", "VISIT": "CYCLE 3 DAY 1"],
        ])
        let (readout, diagnostics) = run(tr: late, rs: response)
        #expect(diagnostics.map(\.rule) == ["recist.missing-baseline"])
        #expect(diagnostics.first?.location?.line == 2)
        #expect(readout.subjects.isEmpty)
    }

    @Test func aSubjectNeverDosedIsCheckedButHasNoResponseAndNoMissingBaselineFinding() {
        let undosed = dataset("DM", [["USUBJID": "S1", "ARMCD": "COHA", "ARM": "Cohort A"]])
        let result = deriveResponses(dm: undosed, tu: tu, tr: measurements(sumAtCycle3: "47"), rs: responses(), rules: rules)
        #expect(result.diagnostics.map(\.rule) == [RECISTRule.sumMismatch])
        #expect(result.readout.subjects.isEmpty)
    }
}
