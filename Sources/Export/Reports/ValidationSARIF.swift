import SDTMModel
import Validation

/// `validation.sarif`: the validation report as SARIF 2.1.0, for code-scanning tools in CI. One run
/// of the `sdtm` tool; each finding is a result located in its dataset's CSV file (the record's
/// line when the record is known: the header is line 1) and, logically, at its dataset, record and
/// variable. Keys are sorted and results come most severe first, so the bytes are deterministic.
public enum ValidationSARIF {
    public static let fileName = "validation.sarif"
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// SARIF's level for a severity.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .notice: "note"
        }
    }

    /// The SARIF log, keys in sorted order.
    static func log(_ report: ValidationReport, package: String) -> [UInt8] {
        let tallies = report.ruleTallies
        var index: [String: Int] = [:]
        for (n, tally) in tallies.enumerated() { index[tally.rule.id] = n }
        var json = PrettyJSON(capacity: 1_100 * report.findings.count)
        json.beginObject()
        json.key("$schema")
        json.string(schema)
        json.key("runs")
        json.beginArray()
        json.item()
        json.beginObject()
        json.key("properties")
        json.beginObject()
        json.key("package")
        json.string(package)
        json.endObject()
        json.key("results")
        json.beginArray()
        for finding in report.rankedFindings {
            json.item()
            result(finding, ruleIndex: index[finding.rule] ?? 0, to: &json)
        }
        json.endArray()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.key("name")
        json.string("sdtm")
        json.key("rules")
        json.beginArray()
        for tally in tallies {
            json.item()
            rule(tally.rule, to: &json)
        }
        json.endArray()
        json.endObject()
        json.endObject()
        json.endObject()
        json.endArray()
        json.key("version")
        json.string("2.1.0")
        json.endObject()
        return json.bytes
    }

    /// A reportingDescriptor: the rule's id, descriptions, level and reference.
    private static func rule(_ rule: RuleDescriptor, to json: inout PrettyJSON) {
        json.beginObject()
        json.key("defaultConfiguration")
        json.beginObject()
        json.key("level")
        json.string(level(rule.severity))
        json.endObject()
        json.key("fullDescription")
        message(rule.explanation.isEmpty ? rule.title : rule.explanation, to: &json)
        json.key("id")
        json.string(rule.id)
        json.key("properties")
        json.beginObject()
        if !rule.reference.isEmpty {
            json.key("reference")
            json.string(rule.reference)
        }
        json.endObject()
        json.key("shortDescription")
        message(rule.title, to: &json)
        json.endObject()
    }

    /// A result: the finding's rule, level, message, location and own fields.
    private static func result(_ finding: Finding, ruleIndex: Int, to json: inout PrettyJSON) {
        json.beginObject()
        json.key("level")
        json.string(level(finding.severity))
        json.key("locations")
        json.beginArray()
        json.item()
        location(finding, to: &json)
        json.endArray()
        json.key("message")
        message(finding.message, to: &json)
        json.key("properties")
        json.beginObject()
        json.key("dataset")
        json.string(finding.dataset)
        if let record = finding.record {
            json.key("record")
            json.integer(record)
        }
        if let value = finding.value {
            json.key("value")
            json.string(value)
        }
        if let variable = finding.variable {
            json.key("variable")
            json.string(variable)
        }
        json.endObject()
        json.key("ruleId")
        json.string(finding.rule)
        json.key("ruleIndex")
        json.integer(ruleIndex)
        json.endObject()
    }

    private static func message(_ text: String, to json: inout PrettyJSON) {
        json.beginObject()
        json.key("text")
        json.string(text)
        json.endObject()
    }

    /// `ae.csv` at the record's line, and `AE[3].AESTDTC` (or `AE[3]`, `AE.AESTDTC`, `AE`) logically.
    private static func location(_ finding: Finding, to json: inout PrettyJSON) {
        var name = finding.dataset
        if let record = finding.record { name += "[\(record)]" }
        if let variable = finding.variable { name += "." + variable }
        json.beginObject()
        json.key("logicalLocations")
        json.beginArray()
        json.item()
        json.beginObject()
        json.key("fullyQualifiedName")
        json.string(name)
        json.key("kind")
        json.string(finding.variable != nil ? "variable" : finding.record != nil ? "element" : "resource")
        json.key("name")
        json.string(finding.variable ?? finding.dataset)
        json.endObject()
        json.endArray()
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        json.beginObject()
        json.key("uri")
        json.string(finding.dataset.lowercased() + ".csv")
        json.endObject()
        if let record = finding.record {
            json.key("region")
            json.beginObject()
            json.key("startLine")
            json.integer(record + 1)
            json.endObject()
        }
        json.endObject()
        json.endObject()
    }

    /// Writes `validation.sarif` into `directory`; the written file's records are the results.
    public static func write(_ report: ValidationReport, package: String, to directory: String) throws(ExportError) -> WrittenFile {
        let path = directory + "/" + fileName
        let sink = try FileSink(path: path)
        try sink.write(bytes: log(report, package: package))
        try sink.write("\n")
        let bytes = sink.bytesWritten
        return WrittenFile(file: fileName, records: report.findings.count, bytes: bytes, sha256: try sink.close())
    }
}
