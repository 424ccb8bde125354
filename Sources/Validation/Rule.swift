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
    /// Visits the records at `rows` in order: what the engine calls, so that it calls each rule once per block of
    /// records. Rules implement `visit(_:number:...)`; the default visits each record with it.
    mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding])
    mutating func finish(_ view: DatasetView, context: inout ValidationContext, findings: inout [Finding])
}

extension Rule {
    public func applies(to view: DatasetView) -> Bool { true }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {}
    public var visitsRecords: Bool { true }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {}
    public mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        view.dataset.rows.forEach(in: rows) { visit($0, number: $0.index + 1, view: view, context: context, findings: &findings) }
    }
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
    let codes: [UInt32]
    /// The result for each distinct value of the column, by code.
    let values: [T]

    init() {
        column = 0
        codes = []
        values = []
    }

    init(_ view: DatasetView, _ column: Int, _ transform: (Value) -> T) {
        self.init(column: column, codes: view.dataset.columns[column].codes, values: view.dataset.columns[column].distinct.map(transform))
    }

    /// With the result for each distinct value of the column given, by code.
    init(_ view: DatasetView, _ column: Int, values: [T]) {
        self.init(column: column, codes: view.dataset.columns[column].codes, values: values)
    }

    private init(column: Int, codes: [UInt32], values: [T]) {
        self.column = column
        self.codes = codes
        self.values = values
    }

    /// The named column's values as ISO 8601 dates (the view's, parsed once), each transformed; nil when it is absent.
    init?(dates view: DatasetView, _ name: String, _ transform: (ISODateTime?) -> T) {
        guard let column = view.column(name) else { return nil }
        self.init(column: column, codes: view.dataset.columns[column].codes, values: view.isoDates(column).map(transform))
    }

    /// For the named column, or nil when it is absent.
    init?(_ view: DatasetView, _ name: String, _ transform: (Value) -> T) {
        guard let column = view.column(name) else { return nil }
        self.init(view, column, transform)
    }

    subscript(record: Dataset.Row) -> T { values[Int(codes[record.index])] }

    /// The result for the record at `index`.
    subscript(index: Int) -> T { values[Int(codes[index])] }
}

extension PerValue<ISODateTime?> {
    /// The named --DTC column's values as dates (the view's own array, not a copy); nil when it is absent.
    init?(dates view: DatasetView, _ name: String) {
        guard let column = view.column(name) else { return nil }
        self.init(view, column, values: view.isoDates(column))
    }
}

extension PerValue<Bool> {
    /// Whether some value has a true verdict (else a rule has nothing to report on any record).
    var any: Bool { values.contains(true) }
}

extension Array<Int> {
    /// The positions among these (ascending) that fall in `rows`: for a rule that found its records in `begin` and
    /// reports them as the engine visits each block.
    func positions(in rows: Range<Int>) -> ArraySlice<Int> {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < rows.lowerBound { low = middle + 1 } else { high = middle }
        }
        return self[low...].prefix { $0 < rows.upperBound }
    }
}
