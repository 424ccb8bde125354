import SDTMModel

/// A raw column named in a mapping; `alias.column` names a column of a joined file.
struct ColumnRef: Sendable {
    var alias: String?
    var name: String
    var at: SourceLocation
    /// Set when the mapping is bound to the raw files' headers: 0 is the main source, 1... the joins.
    var source = -1
    var index = -1

    init(_ text: String, at: SourceLocation) {
        let parts = text.split(separator: ".", maxSplits: 1)
        if parts.count == 2 {
            alias = String(parts[0])
            name = String(parts[1])
        } else {
            name = text
        }
        self.at = at
    }

    var qualifiedName: String { alias.map { "\($0).\(name)" } ?? name }
}

/// Recoding through a codelist: raw value to CDISC submission value.
struct CodelistRecode: Sendable {
    var codelist: Codelist
    /// Normalised raw text to submission value: submission values, the study's synonyms, CDISC synonyms, NCI preferred terms.
    var lookup: [String: String]
    var ignoreCase: Bool

    init(codelist: Codelist, studySynonyms: [String: String], ignoreCase: Bool) {
        self.codelist = codelist
        self.ignoreCase = ignoreCase
        var lookup: [String: String] = [:]
        func add(_ raw: String, _ value: String) {
            if lookup[raw] == nil { lookup[raw] = value }
            if ignoreCase, lookup[raw.uppercased()] == nil { lookup[raw.uppercased()] = value }
        }
        for term in codelist.terms { add(term.submissionValue, term.submissionValue) }
        for (raw, value) in studySynonyms.sorted(by: { $0.key < $1.key }) { add(raw, value) }
        for term in codelist.terms { term.synonyms.forEach { add($0, term.submissionValue) } }
        for term in codelist.terms { add(term.preferredTerm, term.submissionValue) }
        self.lookup = lookup
    }

    func recode(_ raw: String) -> String? {
        if let value = lookup[raw] { return value }
        return ignoreCase ? lookup[raw.uppercased()] : nil
    }
}

/// What a mapping computes for one variable. Each case is one mapping operation of the language.
indirect enum Expression: Sendable {
    /// A literal value.
    case constant(String)
    /// A raw column's value, trimmed of stray spaces.
    case column(ColumnRef)
    /// A field of the study definition: `studyid`, `country`, `sponsor`.
    case study(String)
    /// The parts joined; null when any part is null.
    case concat([Expression], separator: String)
    /// A site date (and optional time) to ISO 8601, partial dates right-truncated.
    case date(ColumnRef, time: ColumnRef?)
    /// A numeric value.
    case number(Expression, at: SourceLocation)
    /// A coded choice to its label through the raw data dictionary.
    case decode(ColumnRef)
    /// A value to its CDISC submission value through a codelist.
    case recode(Expression, CodelistRecode, at: SourceLocation)
    /// A value through a table of the mapping's own.
    case map(Expression, values: [String: String], otherwise: Expression?, at: SourceLocation)
    /// The first branch whose condition holds; null when none does and there is no `else`.
    case when([(Condition, Expression)], otherwise: Expression?)
    /// A variable mapped earlier in the same record.
    case variable(Int, name: String)
    /// A field (`code`, `name`) of the study arm that a raw value selects.
    case arm(ColumnRef, field: String)
    /// A field (`name`, `dose`, `unit`) of the study treatment that a raw value selects.
    case treatment(ColumnRef, field: String)
    /// A field (`name`, `number`, `day`) of the planned visit that a raw event name selects.
    case visit(ColumnRef, field: String)
    /// A value bound by one of the `records:` entries (one raw row to several records).
    case parameter(String, at: SourceLocation)
}

/// A test on a raw row, for filters and conditional assignment.
indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case equals(Expression, Expression)
    case oneOf(Expression, Set<String>)
    case present(Expression, Bool)
}

extension Expression {
    /// Whether the expression reads a variable mapped earlier in the record.
    var readsVariables: Bool {
        switch self {
        case .variable: return true
        case .constant, .column, .study, .date, .decode, .arm, .treatment, .visit, .parameter: return false
        case .number(let inner, _), .recode(let inner, _, _): return inner.readsVariables
        case .concat(let parts, _): return parts.contains { $0.readsVariables }
        case .map(let inner, _, let otherwise, _): return inner.readsVariables || otherwise?.readsVariables == true
        case .when(let branches, let otherwise):
            return branches.contains { $0.0.readsVariables || $0.1.readsVariables } || otherwise?.readsVariables == true
        }
    }
}

extension Condition {
    var readsVariables: Bool {
        switch self {
        case .all(let list), .any(let list): return list.contains { $0.readsVariables }
        case .not(let inner): return inner.readsVariables
        case .equals(let a, let b): return a.readsVariables || b.readsVariables
        case .oneOf(let a, _), .present(let a, _): return a.readsVariables
        }
    }
}
