#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SDTMModel

/// The contents of a SAS transport (XPORT) version 5 file: one dataset per member.
public struct XPTFile: Sendable, Hashable {
    public var datasets: [XPTDataset]

    public init(datasets: [XPTDataset]) {
        self.datasets = datasets
    }
}

/// One member of a transport file.
public struct XPTDataset: Sendable, Hashable {
    public var name: String
    public var label: String
    public var variables: [XPTVariable]
    /// One value per variable, in variable order: `.text` without trailing blanks, `.number`, or `.null` for
    /// a blank character value and for any SAS missing numeric (`.`, `._`, `.A`–`.Z`).
    public var rows: [[Value]]

    public init(name: String, label: String, variables: [XPTVariable], rows: [[Value]]) {
        self.name = name
        self.label = label
        self.variables = variables
        self.rows = rows
    }
}

/// A variable as its NAMESTR record describes it.
public struct XPTVariable: Sendable, Hashable {
    public var name: String
    public var label: String
    public var type: VariableType
    /// Bytes in each observation.
    public var length: Int
    /// 0-based offset of the value within an observation.
    public var position: Int

    public init(name: String, label: String, type: VariableType, length: Int, position: Int) {
        self.name = name
        self.label = label
        self.type = type
        self.length = length
        self.position = position
    }
}

/// Reads SAS transport (XPORT) version 5 files, the layout of SAS technical note TS-140.
///
/// Character values are decoded as UTF-8. The format stores no observation count: blank bytes that fill the last
/// 80-byte record are padding, so an all-blank observation at the very end of a dataset with only character
/// variables reads as padding (SAS reads it the same way).
public enum XPTReader {
    public static func read(path: String) throws(XPTError) -> XPTFile {
        guard let handle = fopen(path, "rb") else { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            bytes += chunk[0..<n]
            if n < chunk.count { break }
        }
        if ferror(handle) != 0 { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        return try read(bytes: bytes, file: path)
    }

    /// Parses a whole transport file; `file` names it in errors.
    public static func read(bytes: [UInt8], file: String) throws(XPTError) -> XPTFile {
        try Parser(bytes: bytes, file: file).parse()
    }

    private static let library = Array("HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!".utf8)
    private static let libraryV8 = Array("HEADER RECORD*******LIBV8 HEADER RECORD!!!!!!!".utf8)
    private static let member = Array("HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!".utf8)
    private static let descriptor = Array("HEADER RECORD*******DSCRPTR HEADER RECORD!!!!!!!".utf8)
    private static let namestr = Array("HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!".utf8)
    private static let observations = Array("HEADER RECORD*******OBS     HEADER RECORD!!!!!!!".utf8)

    private struct Parser {
        let bytes: [UInt8]
        let file: String

        func parse() throws(XPTError) -> XPTFile {
            let head = bytes.prefix(XPTReader.library.count)
            if !bytes.isEmpty, bytes.count < 80, head.elementsEqual(XPTReader.library.prefix(head.count)) {
                throw .truncated(file: file, offset: bytes.count, part: "library header")
            }
            if starts(XPTReader.libraryV8, at: 0) {
                throw .malformed(file: file, offset: 0, reason: "SAS transport version 8/9 (LIBV8) is not supported: export the dataset as version 5 (the XPORT engine, names up to 8 characters)")
            }
            guard starts(XPTReader.library, at: 0) else { throw .notXPT(file: file) }
            try need(240, at: 0, "library header")
            try need(80, at: 240, "first member header")
            var datasets: [XPTDataset] = []
            var offset = 240
            while offset < bytes.count {
                datasets.append(try member(at: &offset))
            }
            return XPTFile(datasets: datasets)
        }

        private func member(at offset: inout Int) throws(XPTError) -> XPTDataset {
            let start = offset
            try need(400, at: start, "member header")
            try expect(XPTReader.member, at: start, "a member header record")
            guard let namestrSize = number(start + 74, 4), namestrSize == 140 || namestrSize == 136 else {
                throw .malformed(file: file, offset: start + 74, reason: "the member header gives no NAMESTR size of 140 or 136")
            }
            try expect(XPTReader.descriptor, at: start + 80, "a DSCRPTR header record")
            let name = text(start + 168, 8)
            let label = text(start + 240 + 32, 40)
            try expect(XPTReader.namestr, at: start + 320, "a NAMESTR header record")
            guard let count = number(start + 320 + 54, 4) else {
                throw .malformed(file: file, offset: start + 374, reason: "the NAMESTR header has no variable count")
            }
            let namestrs = start + 400
            try need(count * namestrSize, at: namestrs, "NAMESTR records of \(name)")
            var variables: [XPTVariable] = []
            var observationLength = 0
            for i in 0..<count {
                let at = namestrs + i * namestrSize
                let type = short(at)
                let length = short(at + 4)
                let position = Int(bytes[at + 84]) << 24 | Int(bytes[at + 85]) << 16 | Int(bytes[at + 86]) << 8 | Int(bytes[at + 87])
                let variable = XPTVariable(name: text(at + 8, 8), label: text(at + 16, 40), type: type == 1 ? .num : .char,
                                           length: length, position: position)
                guard type == 1 || type == 2 else {
                    throw .malformed(file: file, offset: at, reason: "variable \(variable.name) has type \(type), neither 1 (numeric) nor 2 (character)")
                }
                guard type == 2 ? length >= 1 : (2...8).contains(length) else {
                    throw .malformed(file: file, offset: at + 4, reason: "variable \(variable.name) has length \(length)")
                }
                variables.append(variable)
                observationLength = max(observationLength, position + length)
            }
            let header = namestrs + (count * namestrSize + 79) / 80 * 80
            try need(80, at: header, "OBS header of \(name)")
            try expect(XPTReader.observations, at: header, "the OBS header record")
            let data = header + 80
            var end = data
            while end < bytes.count, !starts(XPTReader.member, at: end) { end += 80 }
            if end > bytes.count {
                throw .truncated(file: file, offset: bytes.count, part: "observations of \(name)")
            }
            offset = end
            return XPTDataset(name: name, label: label, variables: variables,
                              rows: rows(variables, observationLength, data..<end))
        }

        private func rows(_ variables: [XPTVariable], _ length: Int, _ data: Range<Int>) -> [[Value]] {
            guard length > 0 else { return [] }
            var count = data.count / length
            while count > 0 {
                let last = data.lowerBound + (count - 1) * length
                guard last > data.upperBound - 80, bytes[last..<last + length].allSatisfy({ $0 == 0x20 }) else { break }
                count -= 1
            }
            var rows: [[Value]] = []
            rows.reserveCapacity(count)
            for r in 0..<count {
                let base = data.lowerBound + r * length
                rows.append(variables.map { v in
                    let at = base + v.position
                    switch v.type {
                    case .num:
                        return IBMFloat.decode(IBMFloat.bits(bytes[at..<at + v.length])).map(Value.number) ?? .null
                    case .char:
                        return Value.of(text(at, v.length))
                    }
                })
            }
            return rows
        }

        private func need(_ count: Int, at offset: Int, _ part: String) throws(XPTError) {
            if offset + count > bytes.count { throw .truncated(file: file, offset: bytes.count, part: part) }
        }

        private func starts(_ prefix: [UInt8], at offset: Int) -> Bool {
            offset + prefix.count <= bytes.count && bytes[offset..<offset + prefix.count].elementsEqual(prefix)
        }

        private func expect(_ prefix: [UInt8], at offset: Int, _ what: String) throws(XPTError) {
            if !starts(prefix, at: offset) { throw .malformed(file: file, offset: offset, reason: "expected \(what)") }
        }

        /// Text of a blank-padded field, without trailing blanks (and NULs some writers pad with).
        private func text(_ offset: Int, _ width: Int) -> String {
            var end = offset + width
            while end > offset, bytes[end - 1] == 0x20 || bytes[end - 1] == 0 { end -= 1 }
            return String(decoding: bytes[offset..<end], as: UTF8.self)
        }

        private func number(_ offset: Int, _ width: Int) -> Int? {
            var n = 0
            for b in bytes[offset..<offset + width] {
                guard (0x30...0x39).contains(b) else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            return n
        }

        private func short(_ offset: Int) -> Int { Int(bytes[offset]) << 8 | Int(bytes[offset + 1]) }
    }
}
