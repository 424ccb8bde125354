#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
        /// One column being read: its codes, its distinct texts, their bytes back to back, and an open-addressing
        /// table from a hash of the bytes to the code, so that a repeated text is found without making a String.
        private struct ColumnBuilder {
            var codes: [UInt32] = []
            var texts: [String] = []
            var bytes: [UInt8] = []
            var starts: [Int] = [0]
            var slots = [UInt32](repeating: .max, count: 64)
            var last: UInt32?

            mutating func append(_ field: UnsafeBufferPointer<UInt8>) {
                // A run of one text (a subject's id, a test's unit) needs no hashing.
                if let last, equals(last, field) {
                    codes.append(last)
                    return
                }
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: Self.hash(field)) & mask
                while slots[slot] != .max {
                    if equals(slots[slot], field) {
                        codes.append(slots[slot])
                        last = slots[slot]
                        return
                    }
                    slot = (slot + 1) & mask
                }
                let code = UInt32(texts.count)
                texts.append(String(decoding: field, as: UTF8.self))
                bytes.append(contentsOf: field)
                starts.append(bytes.count)
                slots[slot] = code
                codes.append(code)
                last = code
                if texts.count * 2 > slots.count { grow() }
            }

            private func equals(_ code: UInt32, _ field: UnsafeBufferPointer<UInt8>) -> Bool {
                let start = starts[Int(code)], end = starts[Int(code) + 1]
                guard end - start == field.count else { return false }
                return bytes.withUnsafeBufferPointer { b in
                    field.isEmpty || memcmp(b.baseAddress! + start, field.baseAddress!, field.count) == 0
                }
            }

            private mutating func grow() {
                slots = [UInt32](repeating: .max, count: slots.count * 2)
                let mask = slots.count - 1
                bytes.withUnsafeBufferPointer { b in
                    for code in texts.indices {
                        let field = UnsafeBufferPointer(rebasing: b[starts[code]..<starts[code + 1]])
                        var slot = Int(truncatingIfNeeded: Self.hash(field)) & mask
                        while slots[slot] != .max { slot = (slot + 1) & mask }
                        slots[slot] = UInt32(code)
                    }
                }
            }

            /// FNV-1a over the bytes, its high bits folded into the low ones that pick the slot.
            private static func hash(_ field: UnsafeBufferPointer<UInt8>) -> UInt64 {
                var h: UInt64 = 0xCBF2_9CE4_8422_2325
                for byte in field { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
                return h ^ h >> 32
            }
        }

        private var columns: [ColumnBuilder]

        init(width: Int) { columns = Array(repeating: ColumnBuilder(), count: width) }

        mutating func append(_ fields: [String]) {
            for c in fields.indices {
                var field = fields[c]
                field.withUTF8 { columns[c].append($0) }
            }
        }

        mutating func append(_ fields: CSVReader.Fields) {
            for c in 0..<fields.count { columns[c].append(fields.bytes(c)) }
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
        var lines: [Int] = []
        var rejections: [Rejection] = []
        let width = header.count
        while try reader.nextFields({ line, fields in
            if (0..<fields.count).allSatisfy({ fields.bytes($0).allSatisfy { $0.isSpace } }) {
                rejections.append(Rejection(file: file, line: line, severity: .notice, rule: "ingest.blank-row",
                                            reason: "blank row: no field has a value"))
            } else if fields.count != width {
                rejections.append(Rejection(
                    file: file, line: line, severity: .error, rule: "ingest.ragged-row",
                    reason: "the row has \(fields.count) fields but the header has \(width); "
                        + "check for an unquoted comma or a missing separator in the export"))
            } else {
                lines.append(line)
                builder.append(fields)
            }
        }) {}
        self.lines = lines
        self.rejections = rejections
        columns = builder.build()
        warnings = reader.warnings
        bytes = reader.bytesRead
    }
}

extension UInt8 {
    /// Space, tab, CR or LF: what `trimmingSpaces` removes.
    var isSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0D || self == 0x0A }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF (stray whitespace in exports).
    public var trimmingSpaces: String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        if !first.isSpace && !last.isSpace { return self }
        var start = u.startIndex
        var end = u.endIndex
        while start < end, u[start].isSpace { start = u.index(after: start) }
        while end > start, u[u.index(before: end)].isSpace { end = u.index(before: end) }
        return String(self[start..<end])
    }
}
