import SDTMModel

/// What a mapping says about one variable, for checks that run without data (`sdtm check-mappings`).
public struct AssignmentSummary: Sendable {
    public var variable: String
    public var at: SourceLocation
    public var origin: VariableOrigin
    /// Whether the operation yields a number (`number:`, a treatment's dose, a visit number or day).
    public var yieldsNumber: Bool
    /// The codelist (C-code) the value is recoded through.
    public var recodeCodelist: String?
}

/// A raw column a mapping reads, with the file it must be in and the mapping line that names it.
public struct RawColumnReference: Sendable, Hashable {
    public var file: String
    public var column: String
    public var at: SourceLocation
}

extension DomainMapping {
    public var assignmentSummaries: [AssignmentSummary] {
        assignments.map {
            AssignmentSummary(variable: $0.variable, at: $0.at, origin: Self.origin(of: $0.expression),
                              yieldsNumber: Self.yieldsNumber($0.expression), recodeCodelist: Self.codelist(in: $0.expression))
        }
    }

    /// Every raw column the mapping reads: in variables, filters, supplemental qualifiers, keys and joins.
    public var rawColumnReferences: [RawColumnReference] {
        var refs: [ColumnRef] = []
        for a in assignments { Self.columns(in: a.expression, into: &refs) }
        for f in filters { Self.columns(in: f.keep, into: &refs) }
        for s in supplemental { Self.columns(in: s.value, into: &refs) }
        let aliases = Dictionary(joins.map { ($0.alias, $0.file) }, uniquingKeysWith: { a, _ in a })
        var out = refs.map { RawColumnReference(file: $0.alias.flatMap { aliases[$0] } ?? source, column: $0.name, at: $0.at) }
        out += key.map { RawColumnReference(file: source, column: $0, at: keyLocation) }
        for join in joins {
            for column in join.on {
                out.append(RawColumnReference(file: source, column: column, at: join.at))
                out.append(RawColumnReference(file: join.file, column: column, at: join.at))
            }
        }
        return out
    }

    static func yieldsNumber(_ expression: Expression) -> Bool {
        switch expression {
        case .number: return true
        case .treatment(_, let field): return field == "dose"
        case .visit(_, let field): return field == "number" || field == "day"
        case .when(let branches, let otherwise):
            return branches.allSatisfy { yieldsNumber($0.1) } && (otherwise.map(yieldsNumber) ?? true)
        default: return false
        }
    }

    static func columns(in expression: Expression, into refs: inout [ColumnRef]) {
        switch expression {
        case .column(let r), .decode(let r), .arm(let r, _), .treatment(let r, _), .visit(let r, _): refs.append(r)
        case .date(let r, let t): refs.append(r); if let t { refs.append(t) }
        case .concat(let parts, _): parts.forEach { columns(in: $0, into: &refs) }
        case .number(let i, _), .recode(let i, _, _): columns(in: i, into: &refs)
        case .map(let i, _, let o, _): columns(in: i, into: &refs); if let o { columns(in: o, into: &refs) }
        case .when(let branches, let o):
            for (c, x) in branches { columns(in: c, into: &refs); columns(in: x, into: &refs) }
            if let o { columns(in: o, into: &refs) }
        case .constant, .study, .variable, .parameter: break
        }
    }

    static func columns(in condition: Condition, into refs: inout [ColumnRef]) {
        switch condition {
        case .all(let l), .any(let l): l.forEach { columns(in: $0, into: &refs) }
        case .not(let c): columns(in: c, into: &refs)
        case .equals(let a, let b): columns(in: a, into: &refs); columns(in: b, into: &refs)
        case .oneOf(let a, _), .present(let a, _): columns(in: a, into: &refs)
        }
    }
}
