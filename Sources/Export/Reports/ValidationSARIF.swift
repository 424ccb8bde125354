import Foundation
import SDTMModel
import Validation

/// `validation.sarif`: the validation report as SARIF 2.1.0, for code-scanning tools in CI. One run
/// of the `sdtm` tool; each finding is a result located in its dataset's CSV file (the record's
/// line when the record is known: the header is line 1) and, logically, at its dataset, record and
/// variable. Keys are sorted and results come most severe first, so the bytes are deterministic.
public enum ValidationSARIF {
    public static let fileName = "validation.sarif"
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    struct Log: Codable, Sendable {
        var schema: String
        var version: String
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Codable, Sendable {
        var tool: Tool
        var results: [ResultObject]
        var properties: [String: String]
    }

    struct Tool: Codable, Sendable {
        var driver: Driver
    }

    struct Driver: Codable, Sendable {
        var name: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Codable, Sendable {
        var id: String
        var shortDescription: Message
        var fullDescription: Message
        var defaultConfiguration: Configuration
        var properties: [String: String]
    }

    struct Configuration: Codable, Sendable {
        var level: String
    }

    struct Message: Codable, Sendable, Hashable {
        var text: String
    }

    struct ResultObject: Codable, Sendable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var properties: Properties
    }

    /// The finding's own fields, for tools that read more than the message.
    struct Properties: Codable, Sendable {
        var dataset: String
        var record: Int?
        var variable: String?
        var value: String?
    }

    struct Location: Codable, Sendable {
        var physicalLocation: PhysicalLocation
        var logicalLocations: [LogicalLocation]
    }

    struct PhysicalLocation: Codable, Sendable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Codable, Sendable {
        var uri: String
    }

    struct Region: Codable, Sendable {
        var startLine: Int
    }

    struct LogicalLocation: Codable, Sendable {
        var name: String
        var fullyQualifiedName: String
        var kind: String
    }

    /// SARIF's level for a severity.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .notice: "note"
        }
    }

    static func log(_ report: ValidationReport, package: String) -> Log {
        let tallies = report.ruleTallies
        var index: [String: Int] = [:]
        for (n, tally) in tallies.enumerated() { index[tally.rule.id] = n }
        let rules = tallies.map { tally in
            ReportingDescriptor(
                id: tally.rule.id,
                shortDescription: Message(text: tally.rule.title),
                fullDescription: Message(text: tally.rule.explanation.isEmpty ? tally.rule.title : tally.rule.explanation),
                defaultConfiguration: Configuration(level: level(tally.rule.severity)),
                properties: tally.rule.reference.isEmpty ? [:] : ["reference": tally.rule.reference])
        }
        let results = report.rankedFindings.map { finding in
            ResultObject(
                ruleId: finding.rule,
                ruleIndex: index[finding.rule] ?? 0,
                level: level(finding.severity),
                message: Message(text: finding.message),
                locations: [location(finding)],
                properties: Properties(dataset: finding.dataset, record: finding.record, variable: finding.variable,
                                       value: finding.value))
        }
        let driver = Driver(name: "sdtm", rules: rules)
        return Log(schema: schema, version: "2.1.0",
                   runs: [Run(tool: Tool(driver: driver), results: results, properties: ["package": package])])
    }

    /// `ae.csv` at the record's line, and `AE[3].AESTDTC` (or `AE[3]`, `AE.AESTDTC`, `AE`) logically.
    static func location(_ finding: Finding) -> Location {
        var name = finding.dataset
        if let record = finding.record { name += "[\(record)]" }
        if let variable = finding.variable { name += "." + variable }
        let kind = finding.variable != nil ? "variable" : finding.record != nil ? "element" : "resource"
        return Location(
            physicalLocation: PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: finding.dataset.lowercased() + ".csv"),
                region: finding.record.map { Region(startLine: $0 + 1) }),
            logicalLocations: [LogicalLocation(name: finding.variable ?? finding.dataset, fullyQualifiedName: name, kind: kind)])
    }

    /// Writes `validation.sarif` into `directory`; the written file's records are the results.
    public static func write(_ report: ValidationReport, package: String, to directory: String) throws(ExportError) -> WrittenFile {
        try JSONFile.write(log(report, package: package), name: fileName, records: report.findings.count, to: directory)
    }
}
