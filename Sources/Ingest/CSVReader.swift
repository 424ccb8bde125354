#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SDTMModel

/// One CSV record with the 1-based physical line on which it starts.
public struct CSVRecord: Sendable, Hashable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A streaming RFC 4180 reader for UTF-8 site exports.
///
/// Records end at LF or CRLF; a lone CR is data. Quoted fields may hold commas, `""` escapes and line breaks.
/// The reader is lenient where spreadsheet exports are sloppy: a quote inside an unquoted field, and text
/// between a closing quote and the next separator, are kept literally. Fields are not trimmed, and rows of
/// any width are returned as they are.
public struct CSVReader {
    /// The name used in diagnostics.
    public let file: String
    /// Findings that do not stop reading, such as invalid UTF-8 replaced by U+FFFD (`csv.invalid-utf8`, an error:
    /// the text is altered).
    public private(set) var warnings: [Diagnostic] = []
    /// Bytes consumed so far, including a byte order mark.
    public private(set) var bytesRead = 0

    static let defaultChunkSize = 1 << 20
    /// Invalid UTF-8 warnings listed one by one before the reader only counts them.
    static let invalidUTF8WarningLimit = 100

    /// Input bytes; `start..<end` is not consumed yet.
    private var buffer: [UInt8]
    private var start = 0
    private var end: Int
    /// Bytes dropped from the front of `buffer` when it was compacted.
    private var dropped = 0
    private var line = 1
    /// The open file, or nil once the whole input is in `buffer`.
    private var source: FileSource?
    private let chunkSize: Int
    private var bomChecked = false
    /// The fields of the record being parsed, and the unescaped bytes of its quoted fields that held `""`.
    private var spans: [Span] = []
    private var scratch: [UInt8] = []
    private var invalidUTF8Fields = 0

    /// Opens a file for streaming reads; `displayName` (default: the path) is the name used in diagnostics.
    ///
    /// Throws `ingest.file-missing` when the file does not exist or cannot be read.
    public init(path: String, displayName: String? = nil) throws(Diagnostic) {
        try self.init(path: path, displayName: displayName, chunkSize: Self.defaultChunkSize)
    }

    init(path: String, displayName: String? = nil, chunkSize: Int) throws(Diagnostic) {
        precondition(chunkSize > 0)
        file = displayName ?? path
        self.chunkSize = chunkSize
        source = try FileSource(path: path)
        buffer = Array(repeating: 0, count: chunkSize)
        end = 0
    }

    /// Reads from memory; `file` is the name used in diagnostics.
    public init(bytes: [UInt8], file: String) {
        self.file = file
        chunkSize = Self.defaultChunkSize
        buffer = bytes
        end = bytes.count
    }

    /// The next record, or nil at end of input.
    ///
    /// Throws `csv.unterminated-quote` when a quoted field is still open at end of input, and
    /// `ingest.read-failed` when the file cannot be read.
    public mutating func next() throws(Diagnostic) -> CSVRecord? {
        var record: CSVRecord?
        _ = try nextFields { line, fields in
            record = CSVRecord(line: line, fields: (0..<fields.count).map { fields.text($0) })
        }
        return record
    }

    /// Reads the next record and hands its fields, as bytes, to `body` (they are valid only during the call);
    /// false at end of input. The fast path for readers that keep few distinct texts, such as `RawTable`.
    ///
    /// Throws like `next()`.
    public mutating func nextFields(_ body: (_ line: Int, _ fields: Fields) -> Void) throws(Diagnostic) -> Bool {
        if !bomChecked { try skipBOM() }
        while true {
            if start == end {
                if source == nil { return false }
                try refill()
                continue
            }
            let (from, to, atEOF) = (start, end, source == nil)
            let step = buffer.withUnsafeBufferPointer { p in
                Self.parseRecord(p.baseAddress!, from: from, to: to, atEOF: atEOF, spans: &spans, scratch: &scratch)
            }
            switch step {
            case .needMore:
                try refill()
            case .unterminated(let column):
                throw Diagnostic(
                    .error, "csv.unterminated-quote", at: SourceLocation(file: file, line: line, column: column),
                    "the quote that opens field \(column) of the record on line \(line) never closes",
                    hint: "Close the quote or remove it in the export."
                )
            case .record(let next, let newlines):
                let recordLine = line
                if spans.contains(where: { $0.bits >= 0x80 }) {
                    let spans = self.spans
                    let invalid = withFields { fields in spans.indices.filter { !fields.isValidUTF8($0) } }
                    for column in invalid { noteInvalidUTF8(column: column + 1) }
                }
                withFields { body(recordLine, $0) }
                start = next
                line += newlines
                bytesRead = dropped + start
                return true
            }
        }
    }

    /// The fields of the record just parsed, valid only during `body`.
    private func withFields<R>(_ body: (Fields) -> R) -> R {
        buffer.withUnsafeBufferPointer { b in
            scratch.withUnsafeBufferPointer { s in body(Fields(spans: spans, buffer: b, scratch: s)) }
        }
    }

    /// The fields of one record as bytes, read through `nextFields`.
    public struct Fields {
        fileprivate let spans: [Span]
        fileprivate let buffer: UnsafeBufferPointer<UInt8>
        fileprivate let scratch: UnsafeBufferPointer<UInt8>

        public var count: Int { spans.count }

        /// The bytes of field `n` (0-based), unquoted and unescaped.
        public func bytes(_ n: Int) -> UnsafeBufferPointer<UInt8> {
            let span = spans[n]
            return UnsafeBufferPointer(rebasing: (span.inScratch ? scratch : buffer)[span.start..<span.end])
        }

        /// Whether field `n` has only ASCII bytes.
        public func isASCII(_ n: Int) -> Bool { spans[n].bits < 0x80 }

        /// The text of field `n`; invalid UTF-8 is replaced by U+FFFD.
        public func text(_ n: Int) -> String { String(decoding: bytes(n), as: UTF8.self) }

        func isValidUTF8(_ n: Int) -> Bool { isASCII(n) || text(n).utf8.elementsEqual(bytes(n)) }
    }

    private mutating func skipBOM() throws(Diagnostic) {
        while end - start < 3, source != nil { try refill() }
        bomChecked = true
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
            start += 3
            bytesRead = dropped + start
        }
    }

    /// Moves the unconsumed bytes to the front of `buffer` and reads at least a chunk, or as much again as is pending.
    private mutating func refill() throws(Diagnostic) {
        guard let source else { return }
        let pending = end - start
        if start > 0 {
            let offset = start
            buffer.withUnsafeMutableBufferPointer { b in
                _ = memmove(b.baseAddress!, b.baseAddress! + offset, pending)
            }
            dropped += start
            start = 0
            end = pending
        }
        let wanted = max(chunkSize, pending)
        if buffer.count - end < wanted {
            buffer.append(contentsOf: repeatElement(0, count: end + wanted - buffer.count))
        }
        let room = buffer.count - end
        let filled = end
        let count = buffer.withUnsafeMutableBufferPointer { b in
            fread(b.baseAddress! + filled, 1, room, source.handle)
        }
        end += count
        if count < room {
            if ferror(source.handle) != 0 {
                throw Diagnostic(
                    .error, "ingest.read-failed", at: nil, "cannot read \(file): \(String(cString: strerror(errno)))",
                    hint: "Check that the file is readable and not being written to."
                )
            }
            if count == 0 || feof(source.handle) != 0 { self.source = nil }
        }
    }

    private mutating func noteInvalidUTF8(column: Int) {
        invalidUTF8Fields += 1
        let location = SourceLocation(file: file, line: line, column: column)
        if invalidUTF8Fields <= Self.invalidUTF8WarningLimit {
            warnings.append(Diagnostic(
                .error, "csv.invalid-utf8", at: location,
                "field \(column) is not valid UTF-8; the invalid bytes were replaced by U+FFFD",
                hint: "the file is probably Latin-1 or Windows-1252: export it again as UTF-8"
            ))
        } else if invalidUTF8Fields == Self.invalidUTF8WarningLimit + 1 {
            warnings.append(Diagnostic(
                .error, "csv.invalid-utf8", at: location,
                "more fields are not valid UTF-8; they are no longer listed one by one",
                hint: "the file is probably Latin-1 or Windows-1252: export it again as UTF-8"
            ))
        }
    }
}

// MARK: - Parsing

private let comma: UInt8 = 0x2C
private let quote: UInt8 = 0x22
private let lf: UInt8 = 0x0A
private let cr: UInt8 = 0x0D

extension CSVReader {
    /// Where a field's bytes are: in the input buffer, or (for a quoted field with escapes) in the scratch bytes; `bits`
    /// is the OR of its bytes (below 0x80 when it is ASCII).
    fileprivate struct Span {
        var start: Int
        var end: Int
        var inScratch: Bool
        var bits: UInt8
    }

    private enum Step {
        /// A whole record in `spans`; `next` is the offset after its terminator, `newlines` the LFs it spans.
        case record(next: Int, newlines: Int)
        /// The record may continue past the bytes read so far.
        case needMore
        case unterminated(column: Int)
    }

    /// Parses the record starting at `from` into `spans`; it is reparsed from the start when more input is needed.
    private static func parseRecord(
        _ p: UnsafePointer<UInt8>, from: Int, to end: Int, atEOF: Bool, spans: inout [Span], scratch: inout [UInt8]
    ) -> Step {
        spans.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        var newlines = 0
        var i = from
        while true {
            var bits: UInt8 = 0
            if i < end, p[i] == quote {
                var j = i + 1
                var segment = j
                var escaped = false
                let scratchStart = scratch.count
                while true {
                    while j < end, p[j] != quote {
                        if p[j] == lf { newlines += 1 }
                        bits |= p[j]
                        j += 1
                    }
                    if j == end { return atEOF ? .unterminated(column: spans.count + 1) : .needMore }
                    if j + 1 == end, !atEOF { return .needMore }
                    guard j + 1 < end, p[j + 1] == quote else { break }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + segment, count: j + 1 - segment))
                    escaped = true
                    j += 2
                    segment = j
                }
                let after = scanUnquoted(p, from: j + 1, to: end, atEOF: atEOF, bits: &bits)
                if escaped || after > j + 1 {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + segment, count: j - segment))
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + j + 1, count: after - j - 1))
                    spans.append(Span(start: scratchStart, end: scratch.count, inScratch: true, bits: bits))
                } else {
                    spans.append(Span(start: segment, end: j, inScratch: false, bits: bits))
                }
                i = after
            } else {
                let stop = scanUnquoted(p, from: i, to: end, atEOF: atEOF, bits: &bits)
                spans.append(Span(start: i, end: stop, inScratch: false, bits: bits))
                i = stop
            }

            if i == end {
                return atEOF ? .record(next: i, newlines: newlines) : .needMore
            }
            switch p[i] {
            case comma:
                i += 1
            case lf:
                return .record(next: i + 1, newlines: newlines + 1)
            default:
                // A CR that scanUnquoted stopped at: followed by LF, or the last byte read so far.
                guard i + 1 < end else { return .needMore }
                return .record(next: i + 2, newlines: newlines + 1)
            }
        }
    }

    /// The offset of the comma, LF or CRLF that ends an unquoted run (a CR at the end of a partial buffer
    /// also stops it), or `end`; ORs the bytes passed into `bits`.
    @inline(__always)
    private static func scanUnquoted(
        _ p: UnsafePointer<UInt8>, from: Int, to end: Int, atEOF: Bool, bits: inout UInt8
    ) -> Int {
        var i = from
        var seen: UInt8 = 0
        while i < end {
            let b = p[i]
            if b <= comma {
                if b == comma || b == lf { break }
                if b == cr, (i + 1 < end ? p[i + 1] == lf : !atEOF) { break }
            }
            seen |= b
            i += 1
        }
        bits |= seen
        return i
    }

}

// MARK: - File access

/// An open file, closed when the reader that owns it goes away.
private final class FileSource {
    let handle: UnsafeMutablePointer<FILE>

    init(path: String) throws(Diagnostic) {
        guard let handle = fopen(path, "rb") else {
            throw Self.missing(path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        if fstat(fileno(handle), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            fclose(handle)
            throw Self.missing(path, reason: "it is a folder")
        }
        self.handle = handle
    }

    deinit { fclose(handle) }

    private static func missing(_ path: String, reason: String) -> Diagnostic {
        Diagnostic(
            .error, "ingest.file-missing", at: nil, "cannot open raw file \(path): \(reason)",
            hint: "Check the --raw folder and the file name: the raw export must be there, spelled as the mapping expects."
        )
    }
}
