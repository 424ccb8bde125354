import Ingest
import SDTMModel

/// A supplemental qualifier value waiting for its parent's --SEQ.
public struct SupplementalValue: Sendable {
    /// Index of the parent record in the mapped dataset.
    public var parent: Int
    public var qnam: String
    public var qlabel: String
    public var value: String
    public var origin: String
    public var evaluator: String?
}

/// What mapping one domain produced: records, their supplemental qualifiers, and what was not mapped.
public struct MappedDomain: Sendable {
    public var mapping: DomainMapping
    public var dataset: Dataset
    public var supplemental: [SupplementalValue]
    public var rejections: [Rejection]
    public var diagnostics: [Diagnostic]
    /// Sponsor-extension values accepted into extensible codelists, by codelist C-code.
    public var extensions: [String: Set<String>]
    /// The 1-based column of the source file each variable is read from, for variables read from one column:
    /// later stages name it in their findings.
    public var rawColumns: [String: Int] = [:]
}

/// Runs a domain mapping over its raw tables.
public struct DomainMapper: Sendable {
    public let study: StudyDefinition
    public let dictionary: DataDictionary
    let dates: SiteDateParser

    public init(study: StudyDefinition, dictionary: DataDictionary) throws(Diagnostic) {
        self.study = study
        self.dictionary = dictionary
        dates = try SiteDateParser(formats: study.dateFormats)
    }

    /// Maps every row of the mapping's source; `tables` holds the source and joined files by name.
    public func map(_ mapping: DomainMapping, tables: [String: RawTable]) -> MappedDomain {
        var out = MappedDomain(mapping: mapping, dataset: Dataset(spec: mapping.spec), supplemental: [],
                               rejections: [], diagnostics: [], extensions: [:])
        guard let main = tables[mapping.source] else { return out }
        let joinTables = mapping.joins.map { tables[$0.file] }

        var bound = mapping
        do throws(Diagnostic) {
            try bind(&bound, main: main, joins: joinTables)
        } catch {
            out.diagnostics.append(error)
            for file in [mapping.source] + mapping.joins.filter({ !$0.lookup }).map(\.file) {
                for line in tables[file].map(dataLines) ?? [] {
                    out.rejections.append(Rejection(file: file, line: line, severity: .error, rule: "map.not-run",
                                                    reason: "\(mapping.domain) was not mapped: \(error.message)"))
                }
            }
            return out
        }
        for variable in mapping.mappedVariables {
            if case .collected(let columns)? = mapping.origin(of: variable), columns.count == 1, let i = main.column(columns[0]) {
                out.rawColumns[variable] = i + 1
            }
        }

        // Joined rows by key; a second row for a key is a duplicate.
        var joinIndex: [[String: RawRow]] = []
        var joinUsed: [Set<Int>] = []
        /// Join row line to the main row line it matched, whether or not that row was mapped.
        var joinMatched: [[Int: Int]] = Array(repeating: [:], count: bound.joins.count)
        var joinDuplicates: Set<String> = []
        for (join, table) in zip(bound.joins, joinTables) {
            var index: [String: RawRow] = [:]
            guard let table else {
                joinIndex.append([:]); joinUsed.append([]); continue
            }
            let keyColumns = join.on.compactMap(table.column)
            for row in table.rows {
                let key = Self.joinKey(row, keyColumns)
                if let first = index[key] {
                    // A lookup file's rows are accounted for by the mapping that reads it as its source.
                    guard !join.lookup else { continue }
                    joinDuplicates.insert("\(table.file):\(row.line)")
                    out.rejections.append(duplicate(row, of: first, file: table.file,
                                                    key: "\(join.onDescription) \(key.replacingOccurrences(of: "\u{1F}", with: ", "))"))
                } else {
                    index[key] = row
                }
            }
            joinIndex.append(index)
            joinUsed.append([])
        }

        var evaluator = Evaluator(study: study, dictionary: dictionary, dates: dates,
                                  files: bound.rawFiles, mappingFile: bound.file)
        var findings = RowFindings()

        // Rows: duplicates, joins and filters decide which raw rows are mapped.
        let keyColumns = bound.key.compactMap(main.column)
        let firstRows = FirstRowByKey(columns: keyColumns, table: main)
        let joinKeyColumns = bound.joins.map { $0.on.compactMap(main.column) }
        var kept: [Int] = []
        var joinedRows: [[RawRow?]] = []
        let plain = bound.joins.isEmpty && bound.filters.isEmpty
        // Filters that read only the main row's raw columns, decided once per combination of their texts: per row that
        // repeats no earlier key, 0 to keep it or 1 + the position of the filter that rejects it.
        var verdicts: [UInt32]?
        if !bound.filters.isEmpty, let inputs = bound.filterInputs {
            let candidates = main.rows.indices.filter { firstRows.earlier(than: $0) == nil }
            var memo = MappingMemo(columns: inputs, table: main)
            verdicts = memo.fill(runs: candidates.consecutiveRuns, evaluate: { k in
                let context = RowContext(main: main.rows[candidates[k]], joined: [], values: [], parameters: [:])
                let rejectedBy = bound.filters.firstIndex { !evaluator.test($0.keep, context) }
                let raised = evaluator.takeDiagnostics()
                findings.add(raised, at: candidates[k], order: RowFindings.filters)
                return (rejectedBy.map { UInt32($0 + 1) } ?? 0, raised)
            }, replay: { k, remembered in
                findings.replay(remembered, at: candidates[k], line: main.lines[candidates[k]], order: RowFindings.filters)
            })
        }
        var candidate = 0
        kept.reserveCapacity(main.rows.count)
        rows: for position in main.rows.indices {
            let first = firstRows.earlier(than: position)
            if first == nil, plain {
                kept.append(position)
                continue
            }
            if first == nil, let verdicts {
                let verdict = Int(verdicts[candidate])
                candidate += 1
                if verdict == 0 {
                    kept.append(position)
                } else {
                    out.rejections.append(Rejection(file: main.file, line: main.lines[position], severity: .notice,
                                                    rule: "map.filtered", reason: bound.filters[verdict - 1].reason))
                }
                continue
            }
            let row = main.rows[position]
            if let first {
                let values = keyColumns.map { row[$0].trimmingSpaces }
                out.rejections.append(duplicate(row, of: main.rows[first], file: main.file,
                                                key: zip(bound.key, values).map { "\($0) \($1)" }.joined(separator: ", ")))
                continue
            }
            var joined: [RawRow?] = []
            for (i, columns) in joinKeyColumns.enumerated() {
                let match = joinIndex[i][Self.joinKey(row, columns)]
                if let match { joinMatched[i][match.line] = row.line }
                joined.append(match)
            }
            let context = RowContext(main: row, joined: joined, values: [], parameters: [:])
            for filter in bound.filters where !evaluator.test(filter.keep, context) {
                findings.add(evaluator.takeDiagnostics(), at: position, order: RowFindings.filters)
                out.rejections.append(Rejection(file: main.file, line: row.line, severity: .notice, rule: "map.filtered",
                                                reason: filter.reason))
                continue rows
            }
            findings.add(evaluator.takeDiagnostics(), at: position, order: RowFindings.filters)
            kept.append(position)
            if !joined.isEmpty { joinedRows.append(joined) }
        }

        // Values, one variable at a time down the kept rows: `codes[b][c][k]` is the code of variable `c` in the record
        // of `records:` entry `b` for kept row `k`. A mapping that reads only the main row's raw columns (directly or
        // through earlier variables) is evaluated once per combination of their raw texts.
        let bindings = bound.records
        let width = bound.spec.variables.count
        let memoInputs = bound.memoInputs
        var codes = [[[UInt32]]](repeating: [[UInt32]](repeating: [], count: width), count: bindings.count)
        func context(_ k: Int, _ b: Int, values needed: Bool = true) -> RowContext {
            var values: [Value] = []
            if needed {
                values = [Value](repeating: .null, count: width)
                for c in 0..<width where !codes[b][c].isEmpty { values[c] = out.dataset.columns[c].distinct[Int(codes[b][c][k])] }
            }
            return RowContext(main: main.rows[kept[k]], joined: joinedRows.isEmpty ? [] : joinedRows[k], values: values,
                              parameters: bindings[b])
        }
        let keptRuns = kept.consecutiveRuns
        for b in bindings.indices {
            for (n, assignment) in bound.assignments.enumerated() {
                var memo = MappingMemo(columns: memoInputs[n], table: main)
                let type = bound.spec.variables[assignment.index].type
                let readsVariables = assignment.expression.readsVariables
                // A Char date-time's value for a new combination is worked out from codes when it raises no finding.
                var dateTimes = type == .char ? DateTimeValues(assignment.expression, table: main, parser: dates) : nil
                let column = memo.fill(runs: keptRuns, evaluate: { k in
                    if let value = dateTimes?.value(at: kept[k]) { return (out.dataset.intern(value, column: assignment.index), []) }
                    var rowContext = context(k, b, values: readsVariables)
                    rowContext.variable = assignment.variable
                    let value = evaluator.evaluate(assignment.expression, rowContext)
                    let conformed = conform(value, to: type)
                    if conformed == nil {
                        evaluator.diagnostics.append(Diagnostic(
                            .error, "map.number.invalid", at: SourceLocation(file: main.file, line: rowContext.main.line),
                            "\(assignment.variable) is numeric but the mapped value '\(value.text)' is not a number",
                            hint: "map it with 'number:' from a numeric column, or fix the raw value; \(assignment.variable) is left empty"))
                    }
                    let code = out.dataset.intern(conformed ?? .null, column: assignment.index)
                    let raised = evaluator.takeDiagnostics()
                    findings.add(raised, at: kept[k], order: RowFindings.record(b))
                    return (code, raised)
                }, replay: { k, remembered in
                    findings.replay(remembered, at: kept[k], line: main.lines[kept[k]], order: RowFindings.record(b))
                })
                codes[b][assignment.index] = column
            }
        }

        // Records: each kept row gives one record per `records:` entry that is not omitted, unless a variable that
        // identifies the record is empty.
        let identifying = bound.assignments.filter {
            let v = bound.spec.variables[$0.index]
            return v.core == .required && (v.role == "Identifier" || v.role == "Topic")
        }
        var slots: [(k: Int, b: Int)] = []
        slots.reserveCapacity(kept.count * bindings.count)
        let identifyingCodes = bindings.indices.map { b in identifying.map { codes[b][$0.index] } }
        var made: [Int] = []
        var omitted: [String] = []
        // With one `records:` entry, no omissions, joins or supplemental qualifiers, a row whose identifying variables
        // all have values makes its record and nothing else: such rows are told apart in one pass per variable.
        let plainRecords = bindings.count == 1 && bound.omissions.isEmpty && joinedRows.isEmpty && bound.supplemental.isEmpty
        var identified = [Bool](repeating: plainRecords, count: plainRecords ? kept.count : 0)
        for codes in plainRecords ? identifyingCodes[0] : [] {
            for k in kept.indices where codes[k] == 0 { identified[k] = false }
        }
        for k in kept.indices {
            if plainRecords, identified[k] {
                slots.append((k, 0))
                continue
            }
            let position = kept[k]
            made.removeAll(keepingCapacity: true)
            omitted.removeAll(keepingCapacity: true)
            records: for b in bindings.indices {
                if !bound.omissions.isEmpty {
                    let record = context(k, b)
                    let omission = bound.omissions.first { evaluator.test($0.keep, record) }
                    findings.add(evaluator.takeDiagnostics(), at: position, order: RowFindings.record(b))
                    if let omission {
                        omitted.append(omission.reason)
                        continue records
                    }
                }
                if let missing = identifyingCodes[b].firstIndex(where: { $0[k] == 0 }) {
                    // The row's findings become the reason it is rejected, so each problem is reported once.
                    let causes = findings.take(at: position, through: RowFindings.record(b)).map(\.message)
                    out.rejections.append(Rejection(
                        file: main.file, line: main.lines[position], severity: .error, rule: "map.required-missing",
                        reason: "\(identifying[missing].variable) is required to identify the record but is empty"
                            + (causes.isEmpty ? "" : " (\(causes.joined(separator: "; ")))")))
                    made.removeAll()
                    break
                }
                made.append(b)
            }
            if !made.isEmpty {
                if !joinedRows.isEmpty {
                    for (i, match) in joinedRows[k].enumerated() { if let match { joinUsed[i].insert(match.line) } }
                }
            } else if omitted.count == bindings.count {
                out.rejections.append(Rejection(file: main.file, line: main.lines[position], severity: .notice, rule: "map.omitted",
                                                reason: Array(Set(omitted)).sorted().joined(separator: "; ")))
            }
            for b in made {
                slots.append((k, b))
                guard !bound.supplemental.isEmpty else { continue }
                var record = context(k, b)
                for supp in bound.supplemental {
                    record.variable = supp.qnam
                    let value = evaluator.evaluate(supp.value, record)
                    findings.add(evaluator.takeDiagnostics(), at: position, order: RowFindings.supplemental(bindings.count, b))
                    guard !value.isNull else { continue }
                    out.supplemental.append(SupplementalValue(
                        parent: slots.count - 1, qnam: supp.qnam, qlabel: supp.qlabel, value: value.text,
                        origin: supp.origin, evaluator: supp.evaluator))
                }
            }
        }
        let columns = Self.gather(taking: &codes, slots: slots, keptCount: kept.count)
        out.dataset.setRecords(codes: columns, origins: Origins(file: main.file, lines: slots.map { main.lines[kept[$0.k]] }))
        out.diagnostics.append(contentsOf: findings.inRowOrder)

        for (i, table) in joinTables.enumerated() where !bound.joins[i].lookup {
            guard let table else { continue }
            for row in table.rows where !joinUsed[i].contains(row.line) && !joinDuplicates.contains("\(table.file):\(row.line)") {
                if let mainLine = joinMatched[i][row.line] {
                    out.rejections.append(Rejection(
                        file: table.file, line: row.line, severity: .notice, rule: "map.parent-rejected",
                        reason: "the matching row \(main.file):\(mainLine) was not mapped, so this row feeds no record"))
                } else {
                    out.rejections.append(Rejection(
                        file: table.file, line: row.line, severity: .error, rule: "map.orphan-row",
                        reason: "no row of \(main.file) has this \(bound.joins[i].onDescription); the subject is not enrolled or the id is mistyped"))
                }
            }
        }
        out.diagnostics.append(contentsOf: evaluator.diagnostics)
        out.extensions = evaluator.extensions
        return out
    }

    /// The dataset's columns from the variables' codes by `records:` entry and kept row (`codes[b][c][k]`, emptied):
    /// column `c` has, per record slot `(k, b)`, that entry's code for that row (0 where the entry leaves `c`
    /// unassigned). A large dataset's columns are gathered on all cores.
    private static func gather(taking codes: inout [[[UInt32]]], slots: [(k: Int, b: Int)], keptCount: Int) -> [[UInt32]] {
        let width = codes.first?.count ?? 0
        if codes.count == 1 {
            // One entry: the records are the kept rows less the few rejected ones, so each column keeps its runs of
            // consecutive rows, moved down over the rejected ones in place (its array is the only reference left).
            var columns = codes[0]
            codes = []
            guard slots.count != keptCount else { return columns }
            let runs = slots.lazy.map(\.k).consecutiveRuns
            for c in columns.indices where !columns[c].isEmpty { columns[c].keep(runs) }
            return columns
        }
        let rows = slots.map(\.k), entries = slots.map(\.b)
        let gather: @Sendable (Int) -> [UInt32] = { [codes] c in
            let sources = codes.map { $0[c] }
            if sources.allSatisfy(\.isEmpty) { return [] }
            return zip(rows, entries).map { k, b in sources[b].isEmpty ? 0 : sources[b][k] }
        }
        defer { codes = [] }
        return slots.count < recordsWorthSplitting ? (0..<width).map(gather) : concurrentMap(Array(0..<width), gather)
    }

    /// Resolves every raw column name against the headers; an unknown column is an error at the mapping line.
    func bind(_ mapping: inout DomainMapping, main: RawTable, joins: [RawTable?]) throws(Diagnostic) {
        var headers: [String: (source: Int, table: RawTable)] = [:]
        for (i, join) in mapping.joins.enumerated() {
            guard let table = joins[i] else {
                throw Diagnostic(.error, "map.join-missing", at: join.at, "the joined file \(join.file) was not read")
            }
            for column in join.on where table.column(column) == nil || main.column(column) == nil {
                throw Diagnostic(.error, "map.unknown-column", at: join.at,
                                 "the join column '\(column)' is not in both \(main.file) and \(join.file)")
            }
            headers[join.alias] = (i + 1, table)
        }
        func resolve(_ ref: inout ColumnRef) throws(Diagnostic) {
            let (source, table) = ref.alias.flatMap { headers[$0] } ?? (0, main)
            guard let index = table.column(ref.name) else {
                throw Diagnostic(.error, "map.unknown-column", at: ref.at,
                                 "raw column '\(ref.name)' is not in \(table.file) (columns: \(table.header.joined(separator: ", ")))",
                                 hint: "fix the column name in the mapping, or check that the export is the right version")
            }
            ref.source = source
            ref.index = index
        }
        func bindExpression(_ e: Expression) throws(Diagnostic) -> Expression {
            switch e {
            case .column(var r): try resolve(&r); return .column(r)
            case .decode(var r): try resolve(&r); return .decode(r)
            case .arm(var r, let f): try resolve(&r); return .arm(r, field: f)
            case .treatment(var r, let f): try resolve(&r); return .treatment(r, field: f)
            case .visit(var r, let f): try resolve(&r); return .visit(r, field: f)
            case .date(var r, let t):
                try resolve(&r)
                var time = t
                if time != nil { try resolve(&time!) }
                return .date(r, time: time)
            case .concat(let parts, let sep):
                var bound: [Expression] = []
                for p in parts { bound.append(try bindExpression(p)) }
                return .concat(bound, separator: sep)
            case .number(let inner, let at): return .number(try bindExpression(inner), at: at)
            case .recode(let inner, let r, let at): return .recode(try bindExpression(inner), r, at: at)
            case .map(let inner, let values, let otherwise, let at):
                return .map(try bindExpression(inner), values: values,
                            otherwise: try otherwise.map { (o) throws(Diagnostic) in try bindExpression(o) }, at: at)
            case .when(let branches, let otherwise):
                var bound: [(Condition, Expression)] = []
                for (c, x) in branches { bound.append((try bindCondition(c), try bindExpression(x))) }
                return .when(bound, otherwise: try otherwise.map { (o) throws(Diagnostic) in try bindExpression(o) })
            case .constant, .study, .variable, .parameter:
                return e
            }
        }
        func bindCondition(_ c: Condition) throws(Diagnostic) -> Condition {
            switch c {
            case .all(let l): return .all(try l.map { (x) throws(Diagnostic) in try bindCondition(x) })
            case .any(let l): return .any(try l.map { (x) throws(Diagnostic) in try bindCondition(x) })
            case .not(let x): return .not(try bindCondition(x))
            case .equals(let a, let b): return .equals(try bindExpression(a), try bindExpression(b))
            case .oneOf(let a, let s): return .oneOf(try bindExpression(a), s)
            case .present(let a, let p): return .present(try bindExpression(a), p)
            }
        }
        for i in mapping.assignments.indices {
            mapping.assignments[i].expression = try bindExpression(mapping.assignments[i].expression)
        }
        for i in mapping.filters.indices { mapping.filters[i].keep = try bindCondition(mapping.filters[i].keep) }
        for i in mapping.supplemental.indices {
            mapping.supplemental[i].value = try bindExpression(mapping.supplemental[i].value)
        }
        for name in mapping.key where main.column(name) == nil {
            throw Diagnostic(.error, "map.unknown-column", at: mapping.keyLocation,
                             "key column '\(name)' is not in \(main.file)")
        }
    }

    private func duplicate(_ row: RawRow, of first: RawRow, file: String, key: String) -> Rejection {
        if row.fields.map(\.trimmingSpaces) == first.fields.map(\.trimmingSpaces) {
            return Rejection(file: file, line: row.line, severity: .warning, rule: "ingest.duplicate-row",
                             reason: "exact duplicate of line \(first.line); the first one is mapped")
        }
        return Rejection(file: file, line: row.line, severity: .error, rule: "map.duplicate-key",
                         reason: "\(key) is already at line \(first.line) with different values; "
                             + "resolve which is correct in the EDC (only line \(first.line) is mapped)")
    }

    private func dataLines(_ table: RawTable) -> [Int] { table.rows.map(\.line) }

    /// A row's join key: its trimmed values of the key columns, joined by a unit separator.
    private static func joinKey(_ row: RawRow, _ columns: [Int]) -> String {
        columns.map { row[$0].trimmingSpaces }.joined(separator: "\u{1F}")
    }

    /// Values take the spec's type: numbers become text in Char variables, and text must be a decimal number
    /// in Num ones (else nil: the caller reports it).
    private func conform(_ value: Value, to type: VariableType) -> Value? {
        switch (value, type) {
        case (.number(let d), .char): return .text(Value.format(d))
        case (.text(let s), .num): return decimalNumber(s).map(Value.number)
        default: return value
        }
    }
}

extension Array<UInt32> {
    /// Keeps the elements at `runs` (ascending, apart), in order, moving each run down over the elements dropped before it.
    mutating func keep(_ runs: [Range<Int>]) {
        let kept = withUnsafeMutableBufferPointer { elements in
            let base = UnsafeMutableRawPointer(elements.baseAddress!), stride = MemoryLayout<UInt32>.stride
            var end = 0
            for run in runs {
                precondition(run.lowerBound >= end && run.upperBound <= elements.count, "runs out of order or out of range")
                if run.lowerBound != end {
                    // Overlapping ranges: copyMemory moves like memmove.
                    (base + end * stride).copyMemory(from: base + run.lowerBound * stride, byteCount: run.count * stride)
                }
                end += run.count
            }
            return end
        }
        removeLast(count - kept)
    }
}

extension Sequence<Int> {
    /// Ascending positions as runs of consecutive ones (kept rows are all rows but a few duplicates or rejections).
    var consecutiveRuns: [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0, end = 0
        for position in self {
            if position == end && end > start {
                end += 1
                continue
            }
            if end > start { runs.append(start..<end) }
            (start, end) = (position, position + 1)
        }
        if end > start { runs.append(start..<end) }
        return runs
    }
}
