import Ingest
import SDTMModel

extension Expression {
    /// The main-row raw columns the expression's value depends on, when they are all that varies from row to row
    /// within one `records:` entry; nil when it reads a joined file or a variable whose own value is not known that
    /// way. `variable(i)` gives what the variable at spec position `i` depends on, or nil when that is not known.
    func rawInputs(variables: (Int) -> [ColumnRef]?) -> [ColumnRef]? {
        func inputs(_ e: Expression) -> [ColumnRef]? { e.rawInputs(variables: variables) }
        switch self {
        case .constant, .study, .parameter: return []
        case .column(let ref), .decode(let ref), .arm(let ref, _), .treatment(let ref, _), .visit(let ref, _):
            return ref.source == 0 ? [ref] : nil
        case .date(let ref, let time):
            let refs = [ref] + (time.map { [$0] } ?? [])
            return refs.allSatisfy { $0.source == 0 } ? refs : nil
        case .number(let inner, _), .recode(let inner, _, _): return inputs(inner)
        case .concat(let parts, _): return parts.rawInputs(inputs)
        case .map(let inner, _, let otherwise, _): return ([inner] + (otherwise.map { [$0] } ?? [])).rawInputs(inputs)
        case .when(let branches, let otherwise):
            let conditions = branches.map(\.0).rawInputs { $0.rawInputs(variables: variables) }
            let results = (branches.map(\.1) + (otherwise.map { [$0] } ?? [])).rawInputs(inputs)
            return conditions.flatMap { c in results.map { c + $0 } }
        case .variable(let index, _): return variables(index)
        }
    }
}

extension Condition {
    func rawInputs(variables: (Int) -> [ColumnRef]?) -> [ColumnRef]? {
        switch self {
        case .all(let list), .any(let list): return list.rawInputs { $0.rawInputs(variables: variables) }
        case .not(let inner): return inner.rawInputs(variables: variables)
        case .equals(let a, let b): return [a, b].rawInputs { $0.rawInputs(variables: variables) }
        case .oneOf(let a, _), .present(let a, _): return a.rawInputs(variables: variables)
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

extension DomainMapping {
    /// For each assignment, the main-row raw columns its value depends on (through the variables it reads), or nil
    /// when it must be evaluated on every row.
    var memoInputs: [[Int]?] {
        var known: [Int: [ColumnRef]?] = [:]
        var all: [[Int]?] = []
        for assignment in assignments {
            let refs = assignment.expression.rawInputs { known[$0] ?? nil }
            known[assignment.index] = .some(refs)
            all.append(refs.map { Array(Set($0.map(\.index))).sorted() })
        }
        return all
    }

    /// The main-row raw columns the filters read, when that is all they read (no joined file, no variable): they can
    /// then be decided once per combination of those columns' texts. Nil otherwise.
    var filterInputs: [Int]? {
        guard joins.isEmpty, let refs = filters.rawInputs({ $0.keep.rawInputs { _ in nil } }) else { return nil }
        return Array(Set(refs.map(\.index))).sorted()
    }
}

/// What evaluating one variable's mapping gave for one combination of raw texts, so that rows repeating those texts
/// (the same test name, unit or visit on thousands of rows) take the value without evaluating it again. The
/// findings it raised are repeated at each such row's line.
struct MappingMemo {
    /// The main-source columns' codes, one array per column the mapping depends on; nil when it cannot be remembered.
    private let inputs: [[UInt32]]?
    /// Value codes in the dataset's column by combination key: dense for one column (its raw code is the key) and for
    /// two whose combinations number at most `denseLimit` (a date and a time), hashed otherwise.
    private var dense: [UInt32] = []
    /// For two dense columns, the second column's number of texts: the key is `first * width + second`.
    private var width = 0
    private static let denseLimit = 1 << 22
    private var hashed: [Int: UInt32] = [:]
    /// Combinations of three or more raw codes, numbered.
    private var combinations: [[UInt32]: Int] = [:]
    /// The findings of the combinations that raised any.
    private var findings: [Int: [Diagnostic]] = [:]
    private static let unknown = UInt32.max
    /// Set in a `dense` entry whose combination raised findings, so that a repeating row looks them up only then.
    private static let raisedFindings: UInt32 = 1 << 31

    /// `columns` from `DomainMapping.memoInputs`; `table` is the mapping's main source.
    init(columns: [Int]?, table: RawTable) {
        inputs = columns.map { $0.map { table.column(at: $0).codes } }
        if let columns, columns.count <= 1 {
            dense = Array(repeating: Self.unknown, count: columns.first.map { table.column(at: $0).texts.count } ?? 1)
        } else if let columns, columns.count == 2 {
            let counts = columns.map { table.column(at: $0).texts.count }
            if counts[0] * counts[1] <= Self.denseLimit {
                width = counts[1]
                dense = Array(repeating: Self.unknown, count: counts[0] * counts[1])
            }
        }
    }

    /// The value code of each kept row `k`, the kept rows' raw positions given as runs of consecutive ones. `evaluate`
    /// runs on the rows whose combination of raw texts is new (on every row when the mapping cannot be remembered) and
    /// reports its own findings; `replay` gets a remembered combination's findings for a row that repeats it.
    mutating func fill(
        runs: [Range<Int>], evaluate: (_ k: Int) -> (code: UInt32, findings: [Diagnostic]),
        replay: (_ k: Int, _ findings: [Diagnostic]) -> Void
    ) -> [UInt32] {
        let count = runs.reduce(0) { $0 + $1.count }
        // Every element is written below: the array is not zeroed first.
        return [UInt32](unsafeUninitializedCapacity: count) { column, initialized in
            fill(column, runs: runs, evaluate: evaluate, replay: replay)
            initialized = count
        }
    }

    private mutating func fill(
        _ column: UnsafeMutableBufferPointer<UInt32>, runs: [Range<Int>],
        evaluate: (_ k: Int) -> (code: UInt32, findings: [Diagnostic]), replay: (_ k: Int, _ findings: [Diagnostic]) -> Void
    ) {
        guard let inputs else {
            for k in column.indices { column[k] = evaluate(k).code }
            return
        }
        if !dense.isEmpty {
            fillDense(column, runs: runs, inputs: inputs, evaluate: evaluate, replay: replay)
            return
        }
        var k = 0
        for run in runs {
            for position in run {
                let key = key(of: position, inputs)
                if let code = hashed[key] {
                    column[k] = code
                    if !findings.isEmpty, let remembered = findings[key] { replay(k, remembered) }
                } else {
                    let outcome = evaluate(k)
                    hashed[key] = outcome.code
                    if !outcome.findings.isEmpty { findings[key] = outcome.findings }
                    column[k] = outcome.code
                }
                k += 1
            }
        }
    }

    /// `fill` for a dense table (no column, one, or two whose combinations fit it): the rows read run by run, each
    /// row's key computed in place, and a remembered code read without a lookup through `key(of:)` (nor one of its
    /// findings, unless its entry says it has some).
    private mutating func fillDense(
        _ column: UnsafeMutableBufferPointer<UInt32>, runs: [Range<Int>], inputs: [[UInt32]],
        evaluate: (_ k: Int) -> (code: UInt32, findings: [Diagnostic]), replay: (_ k: Int, _ findings: [Diagnostic]) -> Void
    ) {
        if inputs.isEmpty {
            // No raw column: one value for every row, evaluated on the first.
            guard !column.isEmpty else { return }
            let outcome = evaluate(0)
            column.initialize(repeating: outcome.code)
            if !outcome.findings.isEmpty { for k in 1..<column.count { replay(k, outcome.findings) } }
            return
        }
        let first = inputs[0], second = inputs.count == 2 ? inputs[1] : [], width = width
        var k = 0
        for run in runs {
            for position in run {
                let key = second.isEmpty ? Int(first[position]) : Int(first[position]) * width + Int(second[position])
                let known = dense[key]
                if known != Self.unknown {
                    column[k] = known & ~Self.raisedFindings
                    if known & Self.raisedFindings != 0 { replay(k, findings[key]!) }
                } else {
                    let outcome = evaluate(k)
                    precondition(outcome.code < Self.raisedFindings, "more distinct values than a dense memo can mark")
                    dense[key] = outcome.findings.isEmpty ? outcome.code : outcome.code | Self.raisedFindings
                    if !outcome.findings.isEmpty { findings[key] = outcome.findings }
                    column[k] = outcome.code
                }
                k += 1
            }
        }
    }

    /// The key of the combination of raw codes at a raw position when they are too many for `dense`: two codes
    /// packed, a number given to each new combination of three or more.
    private mutating func key(of position: Int, _ inputs: [[UInt32]]) -> Int {
        if inputs.count == 2 { return Int(inputs[0][position]) | Int(inputs[1][position]) << 32 }
        let codes = inputs.map { $0[position] }
        if let known = combinations[codes] { return known }
        combinations[codes] = combinations.count
        return combinations.count - 1
    }
}
