import SDTMModel
import Testing

@testable import Derivation

private let standards = LabStandards(conversions: conversions, ctcae: ctcae)

private func derived(_ rows: [[String: String]]) -> (Dataset, [Diagnostic]) {
    var lb = dataset("LB", file: "local_labs.csv", rows)
    let diagnostics = deriveLabResults(&lb, standards: standards, rawColumns: ["LBORRES": 7, "LBORRESU": 8, "LBORNRHI": 10])
    return (lb, diagnostics)
}

private func lab(_ test: String, _ result: String, _ unit: String, low: String = "", high: String = "") -> [String: String] {
    ["USUBJID": "S1", "LBTESTCD": test, "LBORRES": result, "LBORRESU": unit, "LBORNRLO": low, "LBORNRHI": high]
}

@Suite struct LabDerivationTests {
    @Test func bilirubinInMgPerDLIsStandardizedToMicromolesPerLitreWithItsRange() {
        let (lb, diagnostics) = derived([lab("BILI", "1.2", "mg/dL", low: "0.3", high: "1.2")])
        #expect(diagnostics.isEmpty)
        #expect(lb.values("LBSTRESN") == ["20.52"])
        #expect(lb.values("LBSTRESC") == ["20.52"])
        #expect(lb.values("LBSTRESU") == ["umol/L"])
        #expect(lb.values("LBSTNRLO") == ["5.13"])
        #expect(lb.values("LBSTNRHI") == ["20.52"])
        #expect(lb.values("LBNRIND") == ["NORMAL"])
    }

    @Test func aUnitSpellingBecomesTheCDISCUnitInLBORRESU() {
        let (lb, _) = derived([lab("PLAT", "180", "K/uL", low: "150", high: "400")])
        #expect(lb.values("LBORRESU") == ["10^9/L"])
        #expect(lb.values("LBSTRESN") == ["180"])
    }

    @Test func aCensoredResultStaysCharacterWithoutLBSTRESN() {
        let (lb, _) = derived([lab("BILDIR", "<0.2", "mg/dL", high: "0.3")])
        #expect(lb.values("LBSTRESC") == ["<3.42"])
        #expect(lb.values("LBSTRESN") == [""])
        #expect(lb.values("LBNRIND") == ["NORMAL"])
    }

    @Test func plateletsBelow50AreGradeThreeWithTheCTCAETerm() {
        let (lb, _) = derived([lab("PLAT", "45", "10^3/uL", low: "150", high: "400")])
        #expect(lb.values("LBTOXGR") == ["3"])
        #expect(lb.values("LBTOX") == ["Platelet count decreased"])
        #expect(lb.values("LBNRIND") == ["LOW"])
    }

    @Test func aGradedTestWithinLimitsIsGradeZeroWithoutATerm() {
        let (lb, _) = derived([lab("ALT", "30", "U/L", low: "7", high: "56")])
        #expect(lb.values("LBTOXGR") == ["0"])
        #expect(lb.values("LBTOX") == [""])
    }

    @Test func anUnknownUnitIsAFindingAtTheUnitColumnAndTheRecordKeepsItsResult() {
        let (lb, diagnostics) = derived([lab("BILI", "12", "mg/L", high: "12")])
        #expect(diagnostics.map(\.rule) == ["lb.unit.unknown-unit"])
        #expect(diagnostics.first?.location == SourceLocation(file: "local_labs.csv", line: 2, column: 8))
        #expect(diagnostics.first?.hint?.contains("unit-synonyms.csv") == true)
        #expect(lb.values("LBORRES") == ["12"])
        #expect(lb.values("LBSTRESN") == [""])
        #expect(lb.values("LBNRIND") == ["NORMAL"])
    }

    @Test func recordsRepeatingAnotherRecordsInputsGetItsValuesAndTheirOwnFindings() {
        let (lb, diagnostics) = derived([lab("BILI", "12", "mg/L", high: "12"), lab("BILI", "1.2", "mg/dL", high: "1.2"),
                                         lab("BILI", "12", "mg/L", high: "12"), lab("BILI", "1.2", "mg/dL", high: "1.2")])
        #expect(diagnostics.map(\.rule) == ["lb.unit.unknown-unit", "lb.unit.unknown-unit"])
        #expect(diagnostics.map { $0.location?.line } == [2, 4])
        #expect(Set(diagnostics.map { $0.location?.column }) == [8])
        #expect(lb.values("LBSTRESN") == ["", "20.52", "", "20.52"])
        #expect(lb.values("LBNRIND") == ["NORMAL", "NORMAL", "NORMAL", "NORMAL"])
    }

    @Test func aLargeDatasetGetsTheSameValuesAndFindingsAsASmallOne() {
        // Enough records for the outcomes, and the columns they are interned in, to be worked out on all cores.
        let patterns = [lab("BILI", "12", "mg/L", high: "12"), lab("BILI", "1.2", "mg/dL", low: "0.3", high: "1.2"),
                        lab("PLAT", "45", "10^3/uL", low: "150", high: "400"), lab("BILDIR", "<0.2", "mg/dL", high: "0.3")]
        let count = 100_004
        let (small, smallFindings) = derived(patterns)
        var large = dataset("LB", file: "local_labs.csv", patterns)
        large.select((0..<count).map { $0 % patterns.count })
        let largeFindings = deriveLabResults(&large, standards: standards, rawColumns: ["LBORRES": 7, "LBORRESU": 8, "LBORNRHI": 10])
        for name in ["LBORRESU", "LBSTRESC", "LBSTRESN", "LBSTRESU", "LBSTNRLO", "LBSTNRHI", "LBNRIND", "LBTOXGR", "LBTOX"] {
            let (expected, column) = (small.values(name), large.columns[large.column(name)])
            let same = (0..<large.count).allSatisfy { column[$0].text == expected[$0 % patterns.count] }
            #expect(same, "\(name)")
        }
        // The first pattern's finding, at its line (2) on every record that repeats it.
        #expect(smallFindings.map(\.rule) == ["lb.unit.unknown-unit"])
        #expect(largeFindings.count == (count + patterns.count - 1) / patterns.count)
        #expect(Set(largeFindings.map(\.rule)) == ["lb.unit.unknown-unit"])
    }

    @Test func aKnownUnitWithoutConversionForTheTestNamesTheRowToAdd() {
        let (lb, diagnostics) = derived([lab("PLAT", "150", "g/dL")])
        #expect(diagnostics.map(\.rule) == ["lb.unit.no-conversion"])
        #expect(diagnostics.first?.hint?.contains("'PLAT,g/dL,10^9/L,<factor>,<source>'") == true)
        #expect(lb.values("LBSTRESU") == [""])
    }

    @Test func aCharacterResultOfANumericTestIsAFindingAtTheResultColumn() {
        let (lb, diagnostics) = derived([lab("AST", "see comment", "U/L", high: "40")])
        #expect(diagnostics.map(\.rule) == ["lb.result.not-numeric"])
        #expect(diagnostics.first?.location?.column == 7)
        #expect(lb.values("LBSTRESC") == [""])
        #expect(lb.values("LBSTRESN") == [""])
    }

    @Test func anUnparseableRangeIsAFindingAndLeavesTheIndicatorAndGradeEmpty() {
        let (lb, diagnostics) = derived([lab("AST", "35", "U/L", low: "10", high: "N/A")])
        #expect(diagnostics.map(\.rule) == ["lb.range.unparseable"])
        #expect(diagnostics.first?.location?.column == 10)
        #expect(lb.values("LBSTRESN") == ["35"])
        #expect(lb.values("LBNRIND") == [""])
        #expect(lb.values("LBTOXGR") == [""])
    }

    @Test func aNotDoneTestGetsNoStandardizedValues() {
        var row = lab("HGB", "", "")
        row["LBSTAT"] = "NOT DONE"
        let (lb, diagnostics) = derived([row])
        #expect(diagnostics.isEmpty)
        #expect(lb.values("LBSTRESC") == [""])
    }
}
