import Export

/// A defect attached to a line before its line number is known.
struct PendingIssue: Sendable {
    var kind: DirtKind
    var field: String
    var value: String
    var description: String
}

/// A line of a form: its fields and, when it was spoiled on purpose, how.
struct OutputRow: Sendable {
    var fields: [String]
    var issue: PendingIssue?
}

/// One subject's lines in one file: the true rows, then the defects applied to them. Each row takes at most one
/// defect; a duplicate follows its row immediately.
struct SubjectRows {
    let columns: [String]
    private(set) var rows: [OutputRow] = []
    private var inserted: [[OutputRow]] = []
    private var touched: [Bool] = []
    private var trailing: [OutputRow] = []

    init(columns: [String]) {
        self.columns = columns
    }

    var count: Int { rows.count }

    mutating func append(_ fields: [String]) {
        rows.append(OutputRow(fields: fields))
        inserted.append([])
        touched.append(false)
    }

    func column(_ name: String) -> Int {
        guard let index = columns.firstIndex(of: name) else { preconditionFailure("no column \(name)") }
        return index
    }

    func value(_ row: Int, _ name: String) -> String { rows[row].fields[column(name)] }

    /// A random row with no defect yet that satisfies `predicate`.
    func pickRow(_ rng: inout RandomSource, where predicate: (Int) -> Bool = { _ in true }) -> Int? {
        let candidates = rows.indices.filter { !touched[$0] && predicate($0) }
        return candidates.isEmpty ? nil : candidates[rng.below(candidates.count)]
    }

    mutating func spoil(_ row: Int, _ name: String, with value: String, _ kind: DirtKind, _ description: String) {
        rows[row].fields[column(name)] = value
        rows[row].issue = PendingIssue(kind: kind, field: name, value: value, description: description)
        touched[row] = true
    }

    /// Adds a leading or trailing space to a field.
    mutating func addStraySpace(_ row: Int, _ name: String, _ rng: inout RandomSource) {
        let old = value(row, name)
        let leading = rng.chance(0.5)
        spoil(row, name, with: leading ? " " + old : old + " ", .straySpace,
              "\(name) has a \(leading ? "leading" : "trailing") space")
    }

    mutating func duplicate(_ row: Int) {
        inserted[row].insert(OutputRow(fields: rows[row].fields, issue: PendingIssue(
            kind: .duplicateRow, field: "", value: "", description: "exact repeat of the line before")), at: 0)
        touched[row] = true
    }

    mutating func blankLine(after row: Int) {
        inserted[row].append(OutputRow(fields: Array(repeating: "", count: columns.count), issue: PendingIssue(
            kind: .blankLine, field: "", value: "", description: "blank line")))
    }

    /// Sets a field that goes with a defect spoiled elsewhere on the row (a result in the defect's unit, say).
    mutating func rewrite(_ row: Int, _ name: String, with value: String) {
        rows[row].fields[column(name)] = value
    }

    /// An extra line written straight after `row`.
    mutating func insert(_ line: OutputRow, after row: Int) {
        inserted[row].append(line)
    }

    /// A line written after all of this subject's rows.
    mutating func appendTrailing(_ row: OutputRow) {
        trailing.append(row)
    }

    func write(to file: FormFile, issues: inout [SampleIssue]) throws {
        for i in rows.indices {
            try file.emit(rows[i], issues: &issues)
            for extra in inserted[i] { try file.emit(extra, issues: &issues) }
        }
        for extra in trailing { try file.emit(extra, issues: &issues) }
    }
}

/// A raw export file being written: header first, then lines counted so each defect gets its line number.
final class FormFile {
    let form: SiteForm
    private let sink: FileSink
    private var closed = false
    /// Lines written, the header included.
    private(set) var lines = 0

    init(directory: String, form: SiteForm, columns: [String]) throws {
        self.form = form
        sink = try FileSink(path: directory + "/" + form.fileName, hashing: false)
        try sink.write(CSVWriter.line(columns))
        lines = 1
    }

    deinit {
        if !closed { _ = try? sink.close() }
    }

    var dataLines: Int { lines - 1 }

    func emit(_ row: OutputRow, issues: inout [SampleIssue]) throws {
        try sink.append { out in
            for i in row.fields.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                CSVWriter.append(row.fields[i], to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
        lines += 1
        if let issue = row.issue {
            issues.append(SampleIssue(file: form.fileName, line: lines, kind: issue.kind.rawValue, field: issue.field,
                                      value: issue.value, description: issue.description))
        }
    }

    func close() throws {
        guard !closed else { return }
        closed = true
        try sink.close()
    }
}

/// A raw export form: how a subject's truth becomes rows, and how this form's defects are applied to them.
protocol SiteFormWriter {
    var file: FormFile { get }
    func rows(for history: SubjectHistory) -> SubjectRows
    /// Applies one defect; false when this subject has no row that can take it.
    mutating func apply(_ kind: DirtKind, to rows: inout SubjectRows, history: SubjectHistory,
                        rng: inout RandomSource) -> Bool
}

extension SiteFormWriter {
    /// Writes the subject's rows with the defects ordered for this form; returns the defects that did not fit.
    mutating func write(_ history: SubjectHistory, orders: [DirtOrder], rng: inout RandomSource,
                        issues: inout [SampleIssue]) throws -> [DirtOrder] {
        var rows = rows(for: history)
        var unapplied: [DirtOrder] = []
        for order in orders where order.form == file.form {
            if !apply(order.kind, to: &rows, history: history, rng: &rng) { unapplied.append(order) }
        }
        try rows.write(to: file, issues: &issues)
        return unapplied
    }
}
