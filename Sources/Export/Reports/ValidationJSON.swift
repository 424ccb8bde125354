import Foundation
import SDTMModel
import Validation

/// `validation.json`: the validation report for CI and other programs. Keys are sorted, datasets
/// are keyed by name and findings come most severe first, so one report always gives the same bytes.
public enum ValidationJSON {
    public static let fileName = "validation.json"

    /// The file's content.
    struct Document: Codable, Sendable {
        var package: String
        var counts: Counts
        /// Records per dataset.
        var datasets: [String: Int]
        var rules: [RuleCount]
        var findings: [Finding]
    }

    struct Counts: Codable, Sendable, Hashable {
        var error: Int
        var warning: Int
        var notice: Int
        var total: Int
    }

    /// A rule of the run and how many findings it made.
    struct RuleCount: Codable, Sendable, Hashable {
        var id: String
        var severity: Severity
        var reference: String
        var title: String
        var explanation: String
        var count: Int

        init(_ rule: RuleDescriptor, count: Int) {
            id = rule.id
            severity = rule.severity
            reference = rule.reference
            title = rule.title
            explanation = rule.explanation
            self.count = count
        }
    }

    static func document(_ report: ValidationReport, package: String) -> Document {
        Document(
            package: package,
            counts: Counts(error: report.count(.error), warning: report.count(.warning), notice: report.count(.notice),
                           total: report.findings.count),
            datasets: report.datasets,
            rules: report.ruleTallies.map { RuleCount($0.rule, count: $0.count) },
            findings: report.rankedFindings)
    }

    /// Writes `validation.json` into `directory`; the written file's records are the findings.
    public static func write(_ report: ValidationReport, package: String, to directory: String) throws(ExportError) -> WrittenFile {
        try JSONFile.write(document(report, package: package), name: fileName, records: report.findings.count, to: directory)
    }
}
