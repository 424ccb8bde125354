import SDTMModel

/// One data row of a raw export, trimmed of nothing, with the line it starts on.
public struct RawRow: Sendable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
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
    public var rows: [RawRow]
    public var rejections: [Rejection]
    public var warnings: [Diagnostic]
    /// Every data record the file holds (rows plus rejections), for the manifest's reconciliation.
    public var recordsRead: Int { rows.count + rejections.count }
    public var bytes: Int

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
        rows = []
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
                rows.append(RawRow(line: record.line, fields: record.fields))
            }
        }
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
