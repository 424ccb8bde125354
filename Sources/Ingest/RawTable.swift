import SDTMModel

/// One data row of a raw export, trimmed of nothing, with the line it starts on: a view into its table's columns.
public struct RawRow: Sendable {
    public let line: Int
    let columns: RawColumns
    let index: Int

    init(line: Int, columns: RawColumns, index: Int) {
        self.line = line
        self.columns = columns
        self.index = index
    }

    /// A row on its own (for tests and tools that build rows by hand).
    public init(line: Int, fields: [String]) {
        var builder = RawColumns.Builder(width: fields.count)
        builder.append(fields)
        self.init(line: line, columns: builder.build(), index: 0)
    }

    /// The field at a 0-based column.
    public subscript(column: Int) -> String { columns.field(row: index, column: column) }

    public var fields: [String] { (0..<columns.width).map { self[$0] } }

    /// The field's code among its column's distinct texts: two rows of a table have the same text in a column
    /// exactly when they have the same code.
    public func code(_ column: Int) -> UInt32 { columns.codes[column][index] }
}

/// A table's fields column by column: each row holds a code into its column's distinct texts, so a text that
/// repeats down a column (a subject id, a test name, a unit) is stored once.
final class RawColumns: Sendable {
    let width: Int
    let codes: [[UInt32]]
    let texts: [[String]]

    private init(codes: [[UInt32]], texts: [[String]]) {
        width = codes.count
        self.codes = codes
        self.texts = texts
    }

    func field(row: Int, column: Int) -> String { texts[column][Int(codes[column][row])] }

    struct Builder {
        /// One column being read: its codes, its distinct texts and their codes.
        private struct ColumnBuilder {
            var codes: [UInt32] = []
            var texts: [String] = []
            var lookup: [String: UInt32] = [:]
            var last: UInt32?

            mutating func append(_ field: String) {
                // A run of one text (a subject's id, a test's unit) needs no hashing.
                if let last, texts[Int(last)] == field {
                    codes.append(last)
                    return
                }
                let code: UInt32
                if let known = lookup[field] {
                    code = known
                } else {
                    code = UInt32(texts.count)
                    texts.append(field)
                    lookup[field] = code
                }
                codes.append(code)
                last = code
            }
        }

        private var columns: [ColumnBuilder]

        init(width: Int) { columns = Array(repeating: ColumnBuilder(), count: width) }

        mutating func append(_ fields: [String]) {
            for c in fields.indices { columns[c].append(fields[c]) }
        }

        func build() -> RawColumns { RawColumns(codes: columns.map(\.codes), texts: columns.map(\.texts)) }
    }
}

/// A raw row that ingest could not hand on, and why.
public struct Rejection: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var severity: Severity
    public var rule: String
    public var reason: String

    public init(file: String, line: Int, severity: Severity, rule: String, reason: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.rule = rule
        self.reason = reason
    }
}

/// A raw site export read whole: its header and the rows that have the header's width.
/// Blank and ragged rows are not rows of the table; they are rejections with their line.
public struct RawTable: Sendable {
    public var file: String
    public var header: [String]
    /// The rows that have the header's width, in file order.
    public var rows: Rows { Rows(lines: lines, columns: columns) }
    public var rejections: [Rejection]
    public var warnings: [Diagnostic]
    /// Every data record the file holds (rows plus rejections), for the manifest's reconciliation.
    public var recordsRead: Int { lines.count + rejections.count }
    public var bytes: Int
    /// The line each row starts on.
    public private(set) var lines: [Int]
    private var columns: RawColumns

    public struct Rows: RandomAccessCollection, Sendable {
        let lines: [Int]
        let columns: RawColumns
        public var startIndex: Int { 0 }
        public var endIndex: Int { lines.count }
        public subscript(position: Int) -> RawRow { RawRow(line: lines[position], columns: columns, index: position) }
    }

    /// A column's fields as codes into its distinct texts (see `RawRow.code`).
    public func column(at index: Int) -> (codes: [UInt32], texts: [String]) { (columns.codes[index], columns.texts[index]) }

    /// The position of a column, matched after trimming spaces.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Reads `path`, naming it `file` in every diagnostic.
    public init(path: String, file: String) throws(Diagnostic) {
        var reader = try CSVReader(path: path, displayName: file)
        try self.init(reader: &reader, file: file)
    }

    public init(bytes: [UInt8], file: String) throws(Diagnostic) {
        var reader = CSVReader(bytes: bytes, file: file)
        try self.init(reader: &reader, file: file)
    }

    private init(reader: inout CSVReader, file: String) throws(Diagnostic) {
        self.file = file
        guard let first = try reader.next() else {
            throw Diagnostic(.error, "ingest.empty-file", at: SourceLocation(file: file, line: 1),
                             "the file is empty: it has no header row",
                             hint: "export the form again with its header row")
        }
        header = first.fields.map { $0.trimmingSpaces }
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if let earlier = seen[name] {
                throw Diagnostic(.error, "ingest.duplicate-header", at: SourceLocation(file: file, line: first.line, column: i + 1),
                                 "column \(i + 1) is named '\(name)' like column \(earlier + 1); a mapping could not tell them apart",
                                 hint: "rename one of the two columns in the export")
            }
            seen[name] = i
        }
        var builder = RawColumns.Builder(width: header.count)
        lines = []
        rejections = []
        while let record = try reader.next() {
            if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) {
                rejections.append(Rejection(file: file, line: record.line, severity: .notice, rule: "ingest.blank-row",
                                            reason: "blank row: no field has a value"))
            } else if record.fields.count != header.count {
                rejections.append(Rejection(
                    file: file, line: record.line, severity: .error, rule: "ingest.ragged-row",
                    reason: "the row has \(record.fields.count) fields but the header has \(header.count); "
                        + "check for an unquoted comma or a missing separator in the export"))
            } else {
                lines.append(record.line)
                builder.append(record.fields)
            }
        }
        columns = builder.build()
        warnings = reader.warnings
        bytes = reader.bytesRead
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF (stray whitespace in exports).
    public var trimmingSpaces: String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        if !space(first) && !space(last) { return self }
        var start = u.startIndex
        var end = u.endIndex
        while start < end, space(u[start]) { start = u.index(after: start) }
        while end > start, space(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(self[start..<end])
    }
}
