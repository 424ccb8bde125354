import SDTMModel

/// A conformance rule. The engine shows it each dataset once: `begin`, then every record in order,
/// then `finish`; a rule keeps what it needs between records.
public protocol Rule: Sendable {
    var descriptor: RuleDescriptor { get }
    /// Whether the rule applies to the dataset at all.
    func applies(to view: DatasetView) -> Bool
    mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding])
    /// Whether `visit` may report anything on the dataset, asked after `begin`: when not, the engine does not call it.
    var visitsRecords: Bool { get }
    mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext, findings: inout [Finding])
    mutating func finish(_ view: DatasetView, context: inout ValidationContext, findings: inout [Finding])
}

extension Rule {
    public func applies(to view: DatasetView) -> Bool { true }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {}
    public var visitsRecords: Bool { true }
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

/// What a rule works out once per distinct value of a column, in `begin`, and looks up per record: `verdicts[record]`.
/// Two records with equal values in a column have the same code there (see `Dataset.Row.code`), so a value's result
/// holds for every record that has it.
struct PerValue<T: Sendable>: Sendable {
    let column: Int
    /// Each record's code in the column, read here rather than through `record.code(_:)`, a call per record.
    private let codes: [UInt32]
    /// The result for each distinct value of the column, by code.
    let values: [T]

    init() {
        column = 0
        codes = []
        values = []
    }

    init(_ view: DatasetView, _ column: Int, _ transform: (Value) -> T) {
        self.column = column
        codes = view.dataset.columns[column].codes
        values = view.dataset.columns[column].distinct.map(transform)
    }

    /// For the named column, or nil when it is absent.
    init?(_ view: DatasetView, _ name: String, _ transform: (Value) -> T) {
        guard let column = view.column(name) else { return nil }
        self.init(view, column, transform)
    }

    subscript(record: Dataset.Row) -> T { values[Int(codes[record.index])] }
}

extension PerValue<Bool> {
    /// Whether some value has a true verdict (else a rule has nothing to report on any record).
    var any: Bool { values.contains(true) }
}
