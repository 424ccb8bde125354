import SDTMModel

/// One domain's mapping file, parsed and checked against the domain spec and the terminology.
public struct DomainMapping: Sendable {
    /// Another raw file whose row for the same key is read alongside the main row (e.g. end-of-study data for DM).
    public struct Join: Sendable {
        public var file: String
        public var alias: String
        public var on: String
        var at: SourceLocation
    }

    /// Rows for which `keep` does not hold are not mapped; they go to the reject log with `reason`.
    struct Filter: Sendable {
        var keep: Condition
        var reason: String
        var at: SourceLocation
    }

    struct Assignment: Sendable {
        var variable: String
        var index: Int
        var expression: Expression
        var at: SourceLocation
    }

    /// A supplemental qualifier (SUPP-- record) made for each parent record that has a value for it.
    struct Supplemental: Sendable {
        var qnam: String
        var qlabel: String
        var value: Expression
        var origin: String
        var evaluator: String?
        var at: SourceLocation
    }

    public var domain: String
    /// The mapping file, for messages.
    public var file: String
    /// The main raw file; each of its rows makes one record (or one per `records:` entry).
    public var source: String
    /// Raw columns that identify a row: a second row with the same key is a duplicate.
    public var key: [String]
    var keyLocation: SourceLocation
    public var joins: [Join]
    var filters: [Filter]
    /// Parameter bindings, one record per entry; a single empty binding makes one record per row.
    var records: [[String: String]]
    var assignments: [Assignment]
    /// Variables that order the records within a subject before --SEQ is assigned.
    public var sequence: [String]
    var supplemental: [Supplemental]
    public var spec: DomainSpec

    /// Every raw file the mapping reads.
    public var rawFiles: [String] { [source] + joins.map(\.file) }

    /// The variables the mapping assigns.
    public var mappedVariables: [String] { assignments.map(\.variable) }

    public var hasSupplemental: Bool { !supplemental.isEmpty }
}
