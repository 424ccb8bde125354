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
    private struct Outcome {
        var value: Value
        var code: UInt32
        var diagnostics: [Diagnostic]
    }

    /// The main-source columns the mapping reads (at most two), or nil when the mapping cannot be memoized.
    private let columns: [Int]?
    /// Reading at most one column, an outcome is found by the raw code alone; reading two, by both codes.
    private var byCode: [Outcome?] = []
    private var byCodes: [UInt64: Outcome] = [:]

    /// `table` is the mapping's main source, whose columns' distinct texts the raw codes number.
    init(_ expression: Expression, table: RawTable) {
        columns = expression.rawInputs.flatMap { refs in
            let indices = Array(Set(refs.map(\.index))).sorted()
            return refs.allSatisfy({ $0.source == 0 }) && indices.count <= 2 ? indices : nil
        }
        if let columns, columns.count <= 1 {
            byCode = Array(repeating: nil, count: columns.first.map { table.column(at: $0).texts.count } ?? 1)
        }
    }

    /// Whether rows are remembered at all.
    var isActive: Bool { columns != nil }

    /// The value an earlier row with the same raw texts gave, and its code in the dataset's column, with its findings
    /// appended to `diagnostics` at this row's line; nil when no such row was evaluated (or the mapping cannot be
    /// memoized).
    func recall(_ row: RawRow, into diagnostics: inout [Diagnostic]) -> (value: Value, code: UInt32)? {
        guard let columns else { return nil }
        let known: Outcome?
        switch columns.count {
        case 0: known = byCode[0]
        case 1: known = byCode[Int(row.code(columns[0]))]
        default: known = byCodes[key(row, columns)]
        }
        guard let known else { return nil }
        for var diagnostic in known.diagnostics {
            diagnostic.location?.line = row.line
            diagnostics.append(diagnostic)
        }
        return (known.value, known.code)
    }

    /// Keeps what evaluating the mapping on `row` gave (the value and its code in the dataset's column), for the rows
    /// that repeat its raw texts.
    mutating func remember(_ row: RawRow, value: Value, code: UInt32, diagnostics: ArraySlice<Diagnostic>) {
        guard let columns else { return }
        let outcome = Outcome(value: value, code: code, diagnostics: Array(diagnostics))
        switch columns.count {
        case 0: byCode[0] = outcome
        case 1: byCode[Int(row.code(columns[0]))] = outcome
        default: byCodes[key(row, columns)] = outcome
        }
    }

    private func key(_ row: RawRow, _ columns: [Int]) -> UInt64 {
        UInt64(row.code(columns[0])) | UInt64(row.code(columns[1])) << 32
    }
}
