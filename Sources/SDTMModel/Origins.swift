/// Each record's origin, kept as a file number and a line per record (the file names once, columns only when some
/// origin has one): sorting, selecting and copying a million records moves 12 bytes an origin and no reference
/// counts. Reads as a collection of `SourceLocation?`, one per record.
public struct Origins: RandomAccessCollection, Sendable {
    private var storage: Storage
    private static let none = UInt32.max

    public init() { storage = Storage() }

    public init(_ origins: [SourceLocation?]) {
        self.init()
        reserveCapacity(origins.count)
        for origin in origins { append(origin) }
    }

    /// Records that all come from one file, at these lines.
    public init(file: String, lines: [Int]) {
        storage = Storage()
        storage.files = [file]
        storage.fileNumbers = [file: 0]
        storage.file = [UInt32](repeating: 0, count: lines.count)
        storage.line = lines
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.file.count }

    public subscript(position: Int) -> SourceLocation? {
        let file = storage.file[position]
        guard file != Self.none else { return nil }
        let column = storage.column.map { $0[position] < 0 ? nil : Int($0[position]) } ?? nil
        return SourceLocation(file: storage.files[Int(file)], line: storage.line[position], column: column)
    }

    public mutating func append(_ origin: SourceLocation?) {
        unique()
        let s = storage
        guard let origin else {
            s.file.append(Self.none)
            s.line.append(0)
            s.column?.append(-1)
            return
        }
        if let number = s.fileNumbers[origin.file] {
            s.file.append(number)
        } else {
            s.fileNumbers[origin.file] = UInt32(s.files.count)
            s.file.append(UInt32(s.files.count))
            s.files.append(origin.file)
        }
        s.line.append(origin.line)
        if origin.column != nil, s.column == nil { s.column = [Int32](repeating: -1, count: s.file.count - 1) }
        s.column?.append(origin.column.map(Int32.init(clamping:)) ?? -1)
    }

    public mutating func reserveCapacity(_ n: Int) {
        unique()
        storage.file.reserveCapacity(n)
        storage.line.reserveCapacity(n)
    }

    /// The origins at `positions`, in that order.
    public func selecting(_ positions: [Int]) -> Origins {
        let selected = Origins()
        let s = selected.storage
        s.files = storage.files
        s.fileNumbers = storage.fileNumbers
        s.file = positions.map { storage.file[$0] }
        s.line = positions.map { storage.line[$0] }
        s.column = storage.column.map { column in positions.map { column[$0] } }
        return selected
    }

    /// Whether every record has an origin in one and the same file, with lines that never decrease (as mapping makes
    /// them).
    public var areInFileOrder: Bool {
        guard let first = storage.file.first, first != Self.none else { return isEmpty }
        var line = Int.min
        for i in indices {
            guard storage.file[i] == first, storage.line[i] >= line else { return false }
            line = storage.line[i]
        }
        return true
    }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The arrays, shared between copies of `Origins` until one of them changes.
    private final class Storage: @unchecked Sendable {
        var files: [String] = []
        var fileNumbers: [String: UInt32] = [:]
        var file: [UInt32] = []
        var line: [Int] = []
        /// Per record, the 1-based column or -1; nil while no origin has a column.
        var column: [Int32]?

        func copy() -> Storage {
            let copy = Storage()
            (copy.files, copy.fileNumbers, copy.file, copy.line, copy.column) = (files, fileNumbers, file, line, column)
            return copy
        }
    }
}
