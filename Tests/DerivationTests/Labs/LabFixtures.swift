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
