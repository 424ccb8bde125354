import SDTMModel

/// One domain's mapping file, parsed and checked against the domain spec and the terminology.
public struct DomainMapping: Sendable {
    /// Another raw file whose row for the same key is read alongside the main row (e.g. end-of-study data for DM).
    public struct Join: Sendable {
        public var file: String
        public var alias: String
        /// The columns, in both files, whose values together match a row of the joined file to a main row.
        public var on: [String]
        /// The joined file is reference data another mapping reads as its source (TU's lesions for TR): its rows are
        /// accounted for there, so a row no main row matches, or a repeated key, is not a rejection of this mapping.
        public var lookup: Bool = false
        var at: SourceLocation

        /// The key columns as the mapping names them, for messages.
        var onDescription: String { on.joined(separator: ", ") }
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
    /// Conditions on a mapped record (`keep` is the `if:`) under which it is not written, e.g. a blank response
    /// among several records of one row. A row all of whose records are omitted is in the reject log.
    var omissions: [Filter]
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

/// Where a mapped variable's values come from, in the terms of define.xml's `def:Origin`.
public enum VariableOrigin: Sendable, Hashable {
    /// Read from raw columns, possibly decoded or recoded on the way.
    case collected(columns: [String])
    /// A constant the mapping assigns.
    case assigned(String)
    /// Taken from the study definition (study identity, arms, treatments, visit schedule).
    case protocolDefined
    /// Computed from several values or by a rule (concatenation, conditions).
    case derived
}

/// A supplemental qualifier the mapping declares, as define.xml describes it.
public struct SupplementalQualifier: Sendable, Hashable {
    public var qnam: String
    public var qlabel: String
    public var origin: String
    public var evaluator: String?
    /// The codelist its values are recoded through, if any.
    public var codelist: String?
}

extension DomainMapping {
    /// The origin of a variable the mapping assigns; nil for variables it does not assign.
    public func origin(of variable: String) -> VariableOrigin? {
        assignments.first { $0.variable == variable }.map { Self.origin(of: $0.expression) }
    }

    /// The codelist (C-code) a variable is recoded through, if any.
    public func recodeCodelist(of variable: String) -> String? {
        assignments.first { $0.variable == variable }.flatMap { Self.codelist(in: $0.expression) }
    }

    /// The supplemental qualifiers the mapping declares, in order.
    public var supplementalQualifiers: [SupplementalQualifier] {
        supplemental.map {
            SupplementalQualifier(qnam: $0.qnam, qlabel: $0.qlabel, origin: $0.origin, evaluator: $0.evaluator,
                                  codelist: Self.codelist(in: $0.value))
        }
    }

    static func origin(of expression: Expression) -> VariableOrigin {
        switch expression {
        case .constant(let value): return .assigned(value)
        case .study, .arm, .treatment, .visit: return .protocolDefined
        case .when(let branches, let otherwise):
            // Collected when a branch passes a raw value on (RACE: MULTIPLE, else the recoded race); derived when
            // every branch is a value the conditions choose (AEREL from two relationships).
            let origins = branches.map { origin(of: $0.1) } + (otherwise.map { [origin(of: $0)] } ?? [])
            return origins.first { if case .collected = $0 { true } else { false } } ?? .derived
        case .concat, .variable, .parameter: return .derived
        case .column(let ref), .date(let ref, _), .decode(let ref): return .collected(columns: [ref.qualifiedName])
        case .number(let inner, _), .recode(let inner, _, _), .map(let inner, _, _, _):
            let inner = origin(of: inner)
            if case .assigned(let value) = inner { return .assigned(value) }
            return inner
        }
    }

    static func codelist(in expression: Expression) -> String? {
        switch expression {
        case .recode(_, let recode, _): return recode.codelist.code
        case .when(let branches, let otherwise):
            return branches.lazy.compactMap { codelist(in: $0.1) }.first ?? otherwise.flatMap(codelist(in:))
        case .map(let inner, _, _, _), .number(let inner, _): return codelist(in: inner)
        default: return nil
        }
    }
}
