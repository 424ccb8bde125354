import Export
import SDTMModel
import Validation

/// Writes one report file into the package.
typealias ReportWriter = @Sendable () -> Result<WrittenFile, ExportError>

/// Report files written at once, each on a core of its own when there are cores to spare; the files in the writers'
/// order, or the first writer's error. `rows`, when given, says how many rows each report has: the largest are started
/// first, so that the smaller ones fill the other cores meanwhile.
func writeReports(_ writers: [ReportWriter], rows: [Int]? = nil) throws(ExportError) -> [WrittenFile] {
    let positions = Array(writers.indices)
    return try concurrentMap(positions, heaviestFirst: { rows?[$0] ?? 0 }) { writers[$0]() }
        .map { (result) throws(ExportError) in try result.get() }
}

/// The validation report in its forms (JSON, HTML, SARIF), written into a folder.
public enum ValidationReports {
    public static func write(_ report: ValidationReport, package: String, to directory: String) throws(ExportError) -> [WrittenFile] {
        try writeReports(writers(report, package: package, to: directory))
    }

    /// One writer per form, for writing beside other reports.
    static func writers(_ report: ValidationReport, package: String, to directory: String) -> [ReportWriter] {
        [
            { Result { () throws(ExportError) in try ValidationJSON.write(report, package: package, to: directory) } },
            { Result { () throws(ExportError) in try ValidationHTML.write(report, package: package, to: directory) } },
            { Result { () throws(ExportError) in try ValidationSARIF.write(report, package: package, to: directory) } },
        ]
    }
}
