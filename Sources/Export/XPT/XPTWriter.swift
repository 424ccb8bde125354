#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SDTMModel

/// Writes a dataset as a SAS transport (XPORT) version 5 file, the layout of SAS technical note TS-140:
/// 80-byte header records, one 140-byte NAMESTR per variable, then the observations packed end to end,
/// the last 80-byte record padded with blanks.
///
/// Nothing is truncated: a name, label or value beyond a v5 limit is an `XPTError`.
public enum XPTWriter {
    /// Longest character value SAS transport v5 holds, in bytes.
    public static let maxCharacterLength = 200

    /// Writes `<dataset name lowercased>.xpt` into `directory`: the columns of `columns` in their order, each value
    /// taken from `record.values[column.index]` (`.text` in Char columns, `.number` in Num columns, `.null` as
    /// blank or missing). `created` is an ISO 8601 datetime (`2026-11-01T00:00:00`; the time or its seconds may be
    /// left out), stamped as both creation and modification time so that two runs write the same bytes.
    public static func write(
        _ dataset: Dataset, columns: [ColumnMetadata], label: String, created: String, to directory: String
    ) throws(XPTError) -> WrittenFile {
        let name = dataset.name
        try checkName(name, dataset: name, variable: nil)
        if label.utf8.count > 40 { throw .labelTooLong(dataset: name, variable: nil, bytes: label.utf8.count) }
        guard let stamp = sasDateTime(created) else { throw .invalidDateTime(dataset: name, value: created) }
        let layout = try Layout(dataset, columns)

        let file = name.lowercased() + ".xpt"
        let path = directory + "/" + file
        let sink: FileSink
        do { sink = try FileSink(path: path) } catch { throw .cannotWrite(error) }
        do throws(XPTError) {
            try writeHeaders(dataset: name, label: label, stamp: stamp, layout: layout, to: sink)
            try writeObservations(dataset, layout, to: sink)
            let bytes = sink.bytesWritten
            let hash: String
            do { hash = try sink.close() } catch { throw XPTError.cannotWrite(error) }
            return WrittenFile(file: file, records: dataset.count, bytes: bytes, sha256: hash)
        } catch {
            _ = try? sink.close()
            unlink(path)
            throw error
        }
    }

    /// Where each column goes in an observation, checked against the v5 limits.
    struct Layout {
        /// A column's place in the observation: plain values, so that the row loop retains nothing.
        struct Slot {
            var index: Int
            var position: Int
            var width: Int
            var isChar: Bool
        }

        var columns: [ColumnMetadata]
        var slots: [Slot] = []
        var observationLength = 0

        init(_ dataset: Dataset, _ metadata: [ColumnMetadata]) throws(XPTError) {
            let name = dataset.name
            columns = metadata
            if metadata.count > 9999 { throw .tooManyVariables(dataset: name, count: metadata.count) }
            var seen = Set<String>()
            for column in metadata {
                try checkName(column.name, dataset: name, variable: column.name)
                if !seen.insert(column.name.uppercased()).inserted { throw .duplicateVariable(dataset: name, variable: column.name) }
                let labelBytes = column.label.utf8.count
                if labelBytes > 40 { throw .labelTooLong(dataset: name, variable: column.name, bytes: labelBytes) }
                switch column.type {
                case .num:
                    if column.length != 8 { throw .columnLength(dataset: name, variable: column.name, length: column.length, type: .num) }
                case .char:
                    if column.length > maxCharacterLength {
                        let values = dataset.columns[column.index]
                        for r in 0..<dataset.count {
                            if case .text(let s) = values[r], s.utf8.count > maxCharacterLength {
                                throw .valueTooLong(dataset: name, variable: column.name, record: r + 1, bytes: s.utf8.count)
                            }
                        }
                    }
                    if column.length < 1 || column.length > maxCharacterLength {
                        throw .columnLength(dataset: name, variable: column.name, length: column.length, type: .char)
                    }
                }
                slots.append(Slot(index: column.index, position: observationLength, width: column.length, isChar: column.type == .char))
                observationLength += column.length
            }
        }
    }

    private static func writeHeaders(dataset: String, label: String, stamp: String, layout: Layout, to sink: FileSink) throws(XPTError) {
        var out: [UInt8] = []
        out.reserveCapacity(640 + layout.slots.count * 140 + 160)
        out += headerRecord("LIBRARY", numbers: String(repeating: "0", count: 30))
        out += record([("SAS", 8), ("SAS", 8), ("SASLIB", 8), (sasVersion, 8), (operatingSystem, 8), ("", 24), (stamp, 16)])
        out += record([(stamp, 16)])
        out += headerRecord("MEMBER ", numbers: "00000000000000000160000000" + "0140")  // 0140: the NAMESTR length
        out += headerRecord("DSCRPTR", numbers: String(repeating: "0", count: 30))
        out += record([("SAS", 8), (dataset, 8), ("SASDATA", 8), (sasVersion, 8), (operatingSystem, 8), ("", 24), (stamp, 16)])
        out += record([(stamp, 16), ("", 16), (label, 40), ("", 8)])
        let count = String(layout.slots.count)
        out += headerRecord("NAMESTR", numbers: "000000" + String(repeating: "0", count: 4 - count.utf8.count) + count + String(repeating: "0", count: 20))
        for (n, (column, slot)) in zip(layout.columns, layout.slots).enumerated() {
            out += namestr(column, number: n + 1, position: slot.position)
        }
        pad(&out, with: 0x20)
        out += headerRecord("OBS    ", numbers: String(repeating: "0", count: 30))
        do { try sink.write(bytes: out) } catch { throw .cannotWrite(error) }
    }

    /// One 140-byte NAMESTR: type, length, number, name, label; no format or informat; position in the observation.
    static func namestr(_ column: ColumnMetadata, number: Int, position: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(140)
        appendShort(column.type == .num ? 1 : 2, to: &out)
        appendShort(0, to: &out)
        appendShort(column.length, to: &out)
        appendShort(number, to: &out)
        appendText(column.name, width: 8, to: &out)
        appendText(column.label, width: 40, to: &out)
        appendText("", width: 8, to: &out)
        out += [UInt8](repeating: 0, count: 8)
        appendText("", width: 8, to: &out)
        out += [UInt8](repeating: 0, count: 4)
        out += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: UInt32(position) >> UInt32($0)) }
        out += [UInt8](repeating: 0, count: 52)
        return out
    }

    private static func writeObservations(_ dataset: Dataset, _ layout: Layout, to sink: FileSink) throws(XPTError) {
        let length = layout.observationLength
        guard length > 0 else { return }
        let slots = layout.slots
        let cells = EncodedColumns<ValueProblem>(dataset, columns: slots.map(\.index)) { value, n, out in
            encode(value, slots[n], to: &out)
        }
        for r in 0..<dataset.count {
            for n in slots.indices {
                if let problem = cells.problem(row: r, column: n) {
                    throw problem.error(dataset: dataset.name, column: layout.columns[n], record: r + 1)
                }
            }
            do {
                try sink.append { out in
                    for n in slots.indices { cells.append(row: r, column: n, to: &out) }
                }
            } catch { throw .cannotWrite(error) }
        }
        let tail = (dataset.count * length) % 80
        if tail > 0 {
            do { try sink.write(bytes: repeatElement(UInt8(0x20), count: 80 - tail)) } catch { throw .cannotWrite(error) }
        }
    }

    /// What is wrong with a value, found in the row loop; made into an `XPTError` outside it.
    private enum ValueProblem {
        case longerThanColumn(Int)
        case text, number
        case outOfRange(Double)

        func error(dataset: String, column: ColumnMetadata, record: Int) -> XPTError {
            switch self {
            case .longerThanColumn(let n) where n > maxCharacterLength:
                .valueTooLong(dataset: dataset, variable: column.name, record: record, bytes: n)
            case .longerThanColumn(let n):
                .valueLongerThanColumn(dataset: dataset, variable: column.name, record: record, bytes: n, length: column.length)
            case .text:
                .typeMismatch(dataset: dataset, variable: column.name, record: record, type: .num)
            case .number:
                .typeMismatch(dataset: dataset, variable: column.name, record: record, type: .char)
            case .outOfRange(let value):
                .numberOutOfRange(dataset: dataset, variable: column.name, record: record, value: value)
            }
        }
    }

    /// Appends one value in its slot's width (blank-padded text, or an IBM float), or returns why it cannot be written.
    private static func encode(_ value: Value, _ slot: Layout.Slot, to out: inout [UInt8]) -> ValueProblem? {
        switch (value, slot.isChar) {
        case (.null, true):
            out.append(contentsOf: repeatElement(0x20, count: slot.width))
        case (.null, false):
            appendBigEndian(IBMFloat.missing, to: &out)
        case (.text(let s), true):
            let count = s.utf8.count
            if count > slot.width { return .longerThanColumn(count) }
            out.append(contentsOf: s.utf8)
            out.append(contentsOf: repeatElement(0x20, count: slot.width - count))
        case (.number(let d), false):
            guard let bits = try? IBMFloat.encode(d) else { return .outOfRange(d) }
            appendBigEndian(bits, to: &out)
        case (.text, false):
            return .text
        case (.number, true):
            return .number
        }
        return nil
    }

    private static func appendBigEndian(_ bits: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: bits.bigEndian) { out.append(contentsOf: $0) }
    }

    /// The SAS version and operating system fields of the real header and member records. Readers ignore them;
    /// fixed values keep the output identical on every machine.
    static let sasVersion = "9.4"
    static let operatingSystem = "SDTM"

    /// `HEADER RECORD*******<kind> HEADER RECORD!!!!!!!<30 digits>` followed by two blanks.
    static func headerRecord(_ kind: String, numbers: String) -> [UInt8] {
        Array(("HEADER RECORD*******" + kind + " HEADER RECORD!!!!!!!" + numbers + "  ").utf8)
    }

    /// An 80-byte record of blank-padded fields.
    private static func record(_ fields: [(String, Int)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(80)
        for (text, width) in fields { appendText(text, width: width, to: &out) }
        pad(&out, with: 0x20)
        return out
    }

    private static func appendText(_ text: String, width: Int, to out: inout [UInt8]) {
        let bytes = text.utf8.prefix(width)
        out += bytes
        out += repeatElement(UInt8(0x20), count: width - bytes.count)
    }

    private static func appendShort(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    private static func pad(_ out: inout [UInt8], with byte: UInt8) {
        let tail = out.count % 80
        if tail > 0 { out += repeatElement(byte, count: 80 - tail) }
    }

    static func checkName(_ name: String, dataset: String, variable: String?) throws(XPTError) {
        let bytes = Array(name.utf8)
        if bytes.contains(where: { $0 >= 0x80 }) { throw .nameNotASCII(dataset: dataset, variable: variable) }
        if bytes.count > 8 { throw .nameTooLong(dataset: dataset, variable: variable) }
        let valid = !bytes.isEmpty && !(0x30...0x39).contains(bytes[0]) && bytes.allSatisfy { b in
            (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x5F
        }
        if !valid { throw .nameNotSAS(dataset: dataset, variable: variable) }
    }

    /// `2026-11-01T09:30:15` as SAS's `01NOV26:09:30:15`; nil when it is not such a datetime.
    static func sasDateTime(_ iso: String) -> String? {
        let b = Array(iso.utf8)
        guard b.count == 10 || b.count == 16 || b.count == 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard b[4] == 0x2D, b[7] == 0x2D, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var (hour, minute, second) = (0, 0, 0)
        if b.count >= 16 {
            guard b[10] == 0x54, b[13] == 0x3A, let h = number(11..<13), let m = number(14..<16), h < 24, m < 60 else { return nil }
            (hour, minute) = (h, m)
        }
        if b.count == 19 {
            guard b[16] == 0x3A, let s = number(17..<19), s < 60 else { return nil }
            second = s
        }
        let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return two(day) + months[month - 1] + two(year % 100) + ":" + two(hour) + ":" + two(minute) + ":" + two(second)
    }
}

/// Why a SAS transport file could not be written or read. Each description names the dataset, variable and
/// 1-based record where there is one, and says what to do.
public enum XPTError: Error, Sendable, CustomStringConvertible {
    /// A dataset name (`variable` nil) or variable name longer than 8 characters.
    case nameTooLong(dataset: String, variable: String?)
    /// A dataset or variable name with a byte outside ASCII.
    case nameNotASCII(dataset: String, variable: String?)
    /// A name that is empty, starts with a digit or has characters other than letters, digits and `_`.
    case nameNotSAS(dataset: String, variable: String?)
    case duplicateVariable(dataset: String, variable: String)
    /// A dataset label (`variable` nil) or variable label longer than 40 bytes.
    case labelTooLong(dataset: String, variable: String?, bytes: Int)
    case tooManyVariables(dataset: String, count: Int)
    /// A column whose metadata length cannot be written: Num must be 8, Char 1 to 200.
    case columnLength(dataset: String, variable: String, length: Int, type: VariableType)
    /// A character value longer than 200 bytes.
    case valueTooLong(dataset: String, variable: String, record: Int, bytes: Int)
    /// A character value longer than its column's metadata length.
    case valueLongerThanColumn(dataset: String, variable: String, record: Int, bytes: Int, length: Int)
    /// A value of the other type than its column (`type` is the column's).
    case typeMismatch(dataset: String, variable: String, record: Int, type: VariableType)
    case numberOutOfRange(dataset: String, variable: String, record: Int, value: Double)
    case invalidDateTime(dataset: String, value: String)
    case cannotWrite(ExportError)
    case cannotRead(file: String, reason: String)
    case notXPT(file: String)
    case truncated(file: String, offset: Int, part: String)
    case malformed(file: String, offset: Int, reason: String)

    public var description: String {
        switch self {
        case .nameTooLong(let dataset, nil):
            "dataset name \(dataset) is \(dataset.utf8.count) characters; SAS transport v5 allows at most 8: use a shorter dataset name"
        case .nameTooLong(let dataset, let variable?):
            "\(dataset).\(variable): the variable name is \(variable.utf8.count) characters; SAS transport v5 allows at most 8: rename the variable"
        case .nameNotASCII(let dataset, nil):
            "dataset name \(dataset) has a non-ASCII character; SAS transport v5 names are ASCII: rename the dataset"
        case .nameNotASCII(let dataset, let variable?):
            "\(dataset).\(variable): the variable name has a non-ASCII character; SAS transport v5 names are ASCII: rename the variable"
        case .nameNotSAS(let dataset, nil):
            "dataset name \"\(dataset)\" is not a SAS name: use letters, digits and _, not starting with a digit"
        case .nameNotSAS(let dataset, let variable?):
            "\(dataset): variable name \"\(variable)\" is not a SAS name: use letters, digits and _, not starting with a digit"
        case .duplicateVariable(let dataset, let variable):
            "\(dataset).\(variable): the variable appears twice (SAS names ignore case): write each variable once"
        case .labelTooLong(let dataset, nil, let bytes):
            "\(dataset): the dataset label is \(bytes) bytes; SAS transport v5 allows at most 40: shorten the label"
        case .labelTooLong(let dataset, let variable?, let bytes):
            "\(dataset).\(variable): the label is \(bytes) bytes; SAS transport v5 allows at most 40: shorten the label"
        case .tooManyVariables(let dataset, let count):
            "\(dataset): \(count) variables; SAS transport v5 allows at most 9999: split the dataset"
        case .columnLength(let dataset, let variable, let length, .num):
            "\(dataset).\(variable): a numeric column of length \(length); SAS transport numerics are written with 8 bytes: give the column length 8"
        case .columnLength(let dataset, let variable, let length, .char):
            "\(dataset).\(variable): a character column of length \(length); SAS transport v5 allows 1 to 200 bytes: compute the length from the values written"
        case .valueTooLong(let dataset, let variable, let record, let bytes):
            "\(dataset).\(variable), record \(record): the value is \(bytes) bytes; SAS transport v5 allows at most 200: split the text (SDTMIG puts the rest in supplemental qualifiers)"
        case .valueLongerThanColumn(let dataset, let variable, let record, let bytes, let length):
            "\(dataset).\(variable), record \(record): the value is \(bytes) bytes, longer than the column's length \(length): compute the column metadata from the records written"
        case .typeMismatch(let dataset, let variable, let record, .num):
            "\(dataset).\(variable), record \(record): text in a numeric variable: map the value as a number or declare the variable Char"
        case .typeMismatch(let dataset, let variable, let record, .char):
            "\(dataset).\(variable), record \(record): a number in a character variable: map the value as text or declare the variable Num"
        case .numberOutOfRange(let dataset, let variable, let record, let value):
            "\(dataset).\(variable), record \(record): \(value) cannot be stored in SAS transport (IBM floating point holds magnitudes below 7.2e75, not infinity or NaN): correct the value"
        case .invalidDateTime(let dataset, let value):
            "\(dataset): creation datetime \"\(value)\" is not an ISO 8601 datetime like 2026-11-01T00:00:00: correct the study's creation datetime"
        case .cannotWrite(let error):
            error.description
        case .cannotRead(let file, let reason):
            "cannot read \(file): \(reason)"
        case .notXPT(let file):
            "\(file): not a SAS transport file (the first record is not the library header)"
        case .truncated(let file, let offset, let part):
            "\(file): the SAS transport file is truncated: it ends at byte \(offset), inside the \(part): copy or export the file again"
        case .malformed(let file, let offset, let reason):
            "\(file): damaged SAS transport file at byte \(offset): \(reason)"
        }
    }
}
