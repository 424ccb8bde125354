import Ingest
import SDTMModel

extension Expression {
    /// The raw columns the expression reads, when raw columns are all that vary from row to row; nil when it also
    /// reads an earlier variable or a `records:` parameter.
    var rawInputs: [ColumnRef]? {
        switch self {
        case .constant, .study: return []
        case .column(let ref), .decode(let ref), .arm(let ref, _), .treatment(let ref, _), .visit(let ref, _): return [ref]
        case .date(let ref, let time): return [ref] + (time.map { [$0] } ?? [])
        case .number(let inner, _), .recode(let inner, _, _): return inner.rawInputs
        case .concat(let parts, _): return parts.rawInputs { $0.rawInputs }
        case .map(let inner, _, let otherwise, _): return ([inner] + (otherwise.map { [$0] } ?? [])).rawInputs { $0.rawInputs }
        case .when(let branches, let otherwise):
            let conditions = branches.map(\.0).rawInputs { $0.rawInputs }
            let results = (branches.map(\.1) + (otherwise.map { [$0] } ?? [])).rawInputs { $0.rawInputs }
            return conditions.flatMap { c in results.map { c + $0 } }
        case .variable, .parameter: return nil
        }
    }
}

extension Condition {
    var rawInputs: [ColumnRef]? {
        switch self {
        case .all(let list), .any(let list): return list.rawInputs { $0.rawInputs }
        case .not(let inner): return inner.rawInputs
        case .equals(let a, let b): return [a, b].rawInputs { $0.rawInputs }
        case .oneOf(let a, _), .present(let a, _): return a.rawInputs
        }
    }
}

extension Array {
    fileprivate func rawInputs(_ inputs: (Element) -> [ColumnRef]?) -> [ColumnRef]? {
        var all: [ColumnRef] = []
        for element in self {
            guard let more = inputs(element) else { return nil }
            all += more
        }
        return all
    }
}

/// What evaluating one variable's mapping gave for one combination of raw texts, so that rows repeating those texts
/// (the same test name, unit or visit on thousands of rows) take the value without evaluating it again. The
/// findings it raised are repeated at each such row's line.
struct MappingMemo {
    /// The main-source columns the mapping reads (at most two), or nil when the mapping cannot be memoized.
    private let columns: [Int]?
    private var outcomes: [UInt64: (value: Value, code: UInt32, diagnostics: [Diagnostic])] = [:]

    init(_ expression: Expression) {
        columns = expression.rawInputs.flatMap { refs in
            let indices = Array(Set(refs.map(\.index))).sorted()
            return refs.allSatisfy({ $0.source == 0 }) && indices.count <= 2 ? indices : nil
        }
    }

    /// Whether rows are remembered at all.
    var isActive: Bool { columns != nil }

    /// The value an earlier row with the same raw texts gave, and its code in the dataset's column, with its findings
    /// appended to `diagnostics` at this row's line; nil when no such row was evaluated (or the mapping cannot be
    /// memoized).
    func recall(_ row: RawRow, into diagnostics: inout [Diagnostic]) -> (value: Value, code: UInt32)? {
        guard let key = key(row), let known = outcomes[key] else { return nil }
        for var diagnostic in known.diagnostics {
            diagnostic.location?.line = row.line
            diagnostics.append(diagnostic)
        }
        return (known.value, known.code)
    }

    /// Keeps what evaluating the mapping on `row` gave (the value and its code in the dataset's column), for the rows
    /// that repeat its raw texts.
    mutating func remember(_ row: RawRow, value: Value, code: UInt32, diagnostics: ArraySlice<Diagnostic>) {
        guard let key = key(row) else { return }
        outcomes[key] = (value, code, Array(diagnostics))
    }

    private func key(_ row: RawRow) -> UInt64? {
        guard let columns else { return nil }
        var key: UInt64 = 0
        for (n, c) in columns.enumerated() { key |= UInt64(row.code(c)) << (32 * UInt64(n)) }
        return key
    }
}
