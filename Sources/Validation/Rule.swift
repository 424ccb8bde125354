import SDTMModel

/// A conformance rule. The engine shows it each dataset once: `begin`, then every record in order,
/// then `finish`; a rule keeps what it needs between records.
public protocol Rule: Sendable {
    var descriptor: RuleDescriptor { get }
    /// Whether the rule applies to the dataset at all.
    func applies(to view: DatasetView) -> Bool
    mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding])
    mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext, findings: inout [Finding])
    mutating func finish(_ view: DatasetView, context: inout ValidationContext, findings: inout [Finding])
}

extension Rule {
    public func applies(to view: DatasetView) -> Bool { true }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {}
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {}
    public mutating func finish(_ view: DatasetView, context: inout ValidationContext, findings: inout [Finding]) {}

    /// A finding of this rule, at its severity.
    func finding(_ view: DatasetView, record: Int? = nil, variable: String? = nil, value: String? = nil,
                 _ message: String) -> Finding {
        Finding(rule: descriptor.id, severity: descriptor.severity, dataset: view.name, record: record,
                variable: variable, value: value, message: message)
    }
}

extension Dataset.Row {
    /// The text of a present column, or "" when the column is absent or null.
    func text(_ view: DatasetView, _ name: String) -> String {
        view.column(name).map { self[$0].text } ?? ""
    }
}
