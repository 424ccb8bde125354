import SDTMModel
import Testing

@testable import Derivation

private func weights(_ rows: [(result: String, unit: String)]) -> (Dataset, [Diagnostic]) {
    var vs = dataset("VS", file: "vital_signs.csv", rows.map { ["USUBJID": "S1", "VSTESTCD": "WEIGHT", "VSORRES": $0.result,
                                                                 "VSORRESU": $0.unit] })
    let diagnostics = deriveLabResults(&vs, standards: LabStandards(conversions: conversions, ctcae: ctcae),
                                       rawColumns: ["VSORRES": 4, "VSORRESU": 5])
    return (vs, diagnostics)
}

@Suite struct WeightStandardizationTests {
    @Test func aWeightInKilogramsIsItsOwnStandardResult() {
        let (vs, diagnostics) = weights([("72.5", "kg")])
        #expect(diagnostics.isEmpty)
        #expect(vs.values("VSSTRESC") == ["72.5"] && vs.values("VSSTRESN") == ["72.5"] && vs.values("VSSTRESU") == ["kg"])
    }

    @Test func aWeightInPoundsIsConvertedToKilograms() {
        let (vs, _) = weights([("160", "LB")])
        #expect(vs.values("VSSTRESN") == ["72.5747792"] && vs.values("VSSTRESU") == ["kg"])
        #expect(vs.values("VSORRES") == ["160"] && vs.values("VSORRESU") == ["LB"])
    }

    @Test func aWeightInAnUnknownUnitIsAVitalSignsFindingAtTheUnitColumn() {
        let (vs, diagnostics) = weights([("11", "st")])
        #expect(diagnostics.map(\.rule) == ["vs.unit.unknown-unit"])
        #expect(diagnostics.first?.location == SourceLocation(file: "vital_signs.csv", line: 2, column: 5))
        #expect(vs.values("VSSTRESN") == [""])
    }
}
