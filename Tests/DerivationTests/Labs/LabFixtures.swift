import Ingest
import SDTMModel

@testable import Derivation

/// The committed lab tables in specs/lb, loaded once for the lab tests.

let labSpecs = packageRoot + "/specs/lb"

let conversions: UnitConversions = {
    do throws(Diagnostic) {
        return try UnitConversions.load(directory: labSpecs)
    } catch {
        fatalError("the committed unit tables do not load: \(error)")
    }
}()

let ctcae: CTCAETable = {
    do throws(Diagnostic) {
        return try CTCAETable.load(directory: labSpecs)
    } catch {
        fatalError("the committed CTCAE table does not load: \(error)")
    }
}()

/// A decimal from its text; the tests only write valid ones.
func n(_ text: String) -> LabNumber {
    guard let number = LabNumber(text) else { fatalError("'\(text)' is not a decimal") }
    return number
}

/// A spec table read from text, as the loaders read files.
func table(_ text: String, file: String = "test.csv") throws(Diagnostic) -> RawTable {
    try RawTable(bytes: Array(text.utf8), file: file)
}

/// The sample study's criteria (study.yaml): age >= 18 and the synopsis's inclusion criterion 9.
let inclusionCriterion9 = EligibilityCriteria(minimumAgeYears: 18, thresholds: [
    .init(testcd: "PLAT", comparison: .atLeast, limit: n("50"), unit: "10^9/L"),
    .init(testcd: "HGB", comparison: .atLeast, limit: n("9"), unit: "g/dL"),
    .init(testcd: "NEUT", comparison: .atLeast, limit: n("1"), unit: "10^9/L"),
    .init(testcd: "BILI", comparison: .atMost, limit: n("3"), unit: "mg/dL"),
    .init(testcd: "INR", comparison: .atMost, limit: n("2"), unit: "RATIO"),
    .init(testcd: "AST", comparison: .atMost, limit: n("5"), unit: nil),
    .init(testcd: "ALT", comparison: .atMost, limit: n("5"), unit: nil),
    .init(testcd: "CRCL", comparison: .atLeast, limit: n("40"), unit: "mL/min"),
    .init(testcd: "ALB", comparison: .atLeast, limit: n("2"), unit: "g/dL"),
])
