import SDTMModel

/// What a rule is and how to act on it: the same for every finding it makes.
public struct RuleDescriptor: Sendable, Hashable, Codable {
    /// A stable identifier, e.g. `SDTM.REQ.NULL`.
    public var id: String
    public var severity: Severity
    /// The SDTMIG section or CDISC rule it reflects.
    public var reference: String
    public var title: String
    /// What is wrong and how to fix it, for the report's rule table.
    public var explanation: String

    public init(id: String, severity: Severity, reference: String, title: String, explanation: String) {
        self.id = id
        self.severity = severity
        self.reference = reference
        self.title = title
        self.explanation = explanation
    }
}

/// One problem in a package: which rule, where (dataset, record, variable), the value, and a message.
public struct Finding: Sendable, Hashable, Codable {
    public var rule: String
    public var severity: Severity
    public var dataset: String
    /// 1-based record number in the dataset, or nil for dataset-level findings.
    public var record: Int?
    public var variable: String?
    public var value: String?
    public var message: String

    public init(rule: String, severity: Severity, dataset: String, record: Int?, variable: String?, value: String?,
                message: String) {
        self.rule = rule
        self.severity = severity
        self.dataset = dataset
        self.record = record
        self.variable = variable
        self.value = value
        self.message = message
    }
}
