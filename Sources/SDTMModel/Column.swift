import Synchronization

/// One variable's values down a dataset, each stored as a code into the column's distinct values.
public struct Column: Sendable {
    /// Each record's code; 0 is `.null`.
    public private(set) var codes: [UInt32] = []
    /// The values codes stand for. A value no record uses any more (one overwritten) may remain.
    public private(set) var distinct: [Value] = [.null]
    /// The code table: an open-addressed hash table of `code + 1` (0 for an empty slot), found by `Value.codeHash`; a
    /// power of two long and at most half full. `.null` (code 0) is not in it.
    private var slots = [UInt32](repeating: 0, count: 8)
    /// Each distinct value's `codeHash`, by code, so that a probe compares values only when their hashes agree and a
    /// larger table is filled without hashing again.
    private var hashes: [UInt32] = [0]
    /// `isoDates`, kept for as many distinct values as it was parsed from; shared by the column's copies until one of
    /// them gains a distinct value.
    private var parsedDates = ParsedDates()

    public init() {}

    /// A column whose record `r` has `values[codes[r]]`: each value is looked at once, however many records have it.
    public init(codes: [UInt32], values: [Value]) {
        let remapped = values.map { code(of: $0) }
        self.codes = codes.map { remapped[Int($0)] }
    }

    public var count: Int { codes.count }

    public subscript(row: Int) -> Value {
        get { distinct[Int(codes[row])] }
        set { codes[row] = code(of: newValue) }
    }

    /// Whether any record has a non-null value.
    public var hasValue: Bool { codes.contains { $0 != 0 } }

    /// For each distinct value, how many records have it (index by code).
    public var uses: [Int] {
        // Every code indexes `distinct` (codes come from `code(of:)`): counted without bounds checks, as this runs over
        // every column of every dataset that define.xml describes, and into four tallies taken in turn, so that a run of
        // one code (a column of one value) is not one chain of increments each waiting for the one before.
        let n = distinct.count
        var tallies = [Int](repeating: 0, count: 4 * n)
        tallies.withUnsafeMutableBufferPointer { t in
            codes.withUnsafeBufferPointer { codes in
                var i = 0
                while i + 4 <= codes.count {
                    t[Int(codes[i])] += 1
                    t[n + Int(codes[i + 1])] += 1
                    t[2 * n + Int(codes[i + 2])] += 1
                    t[3 * n + Int(codes[i + 3])] += 1
                    i += 4
                }
                while i < codes.count {
                    t[Int(codes[i])] += 1
                    i += 1
                }
            }
        }
        return (0..<n).map { tallies[$0] + tallies[n + $0] + tallies[2 * n + $0] + tallies[3 * n + $0] }
    }

    /// The distinct values some record has, in order of first appearance.
    public var usedValues: [Value] {
        zip(distinct, uses).compactMap { $1 > 0 ? $0 : nil }
    }

    mutating func reserveCapacity(_ n: Int) { codes.reserveCapacity(n) }

    mutating func append(_ value: Value) {
        // Runs of one value (a subject's id, a domain code) are common: compare with the last before hashing.
        if value.isNull {
            codes.append(0)
        } else if let last = codes.last, distinct[Int(last)] == value {
            codes.append(last)
        } else {
            codes.append(code(of: value))
        }
    }

    mutating func setCode(_ code: UInt32, at row: Int) {
        precondition(Int(code) < distinct.count, "a code with no value")
        codes[row] = code
    }

    /// Unless `checked` is false (codes the caller had from `code(of:)`), every code is checked to have a value.
    mutating func setCodes(_ new: [UInt32], checked: Bool = true) {
        if checked {
            precondition(Int(new.max() ?? 0) < distinct.count, "a code with no value")
        } else {
            assert(Int(new.max() ?? 0) < distinct.count, "a code with no value")
        }
        codes = new
    }

    mutating func select(_ positions: [Int]) {
        // A column no record has a value in yet (one a later stage derives) is all nulls in any order.
        if distinct.count == 1 {
            if positions.count != codes.count { codes = Array(repeating: 0, count: positions.count) }
        } else {
            // Gathered through buffers: one comparison per record in place of the array's checks.
            codes = codes.withUnsafeBufferPointer { old in
                [UInt32](unsafeUninitializedCapacity: positions.count) { new, initialized in
                    for (i, position) in positions.enumerated() {
                        precondition(position >= 0 && position < old.count, "a position outside the column")
                        new[i] = old[position]
                    }
                    initialized = positions.count
                }
            }
        }
    }

    mutating func code(of value: Value) -> UInt32 {
        if case .null = value { return 0 }
        let hash = value.codeHash
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while slots[i] != 0 {
            let known = Int(slots[i] - 1)
            if hashes[known] == hash && distinct[known] == value { return UInt32(known) }
            i = (i + 1) & mask
        }
        let code = UInt32(distinct.count)
        distinct.append(value)
        if !isKnownUniquelyReferenced(&parsedDates) { parsedDates = ParsedDates() }
        hashes.append(hash)
        slots[i] = code + 1
        // Grown fourfold rather than twofold: a column of many distinct values (dates and times) refills less often.
        if 2 * distinct.count > slots.count { refill(count: 4 * slots.count) }
        return code
    }

    /// A code table of `count` slots holding every distinct value but `.null`.
    private mutating func refill(count: Int) {
        slots = [UInt32](repeating: 0, count: count)
        let mask = count - 1
        for code in distinct.indices.dropFirst() {
            var i = Int(hashes[code]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt32(code + 1)
        }
    }
}

extension Column {
    /// Each distinct value read as an ISO 8601 date/time (nil when it is not one), by code: a date on thousands
    /// of records is parsed once, and a column's dates once for all the derivations and rules that read them.
    public var isoDates: [ISODateTime?] {
        if let known = parsedDates.dates(count: distinct.count) { return known }
        let dates = distinct.map { value -> ISODateTime? in
            switch value {
            case .null: nil
            case .text(let text): ISODateTime(iso: text)
            case .number(let number): ISODateTime(iso: Value.format(number))
            }
        }
        parsedDates.keep(dates)
        return dates
    }
}

/// A column's distinct values parsed as dates. The values are only ever appended to, and a column that gains one
/// while it shares this with a copy takes a new one, so the copies sharing it have the same values: their count
/// tells whether the dates are theirs.
private final class ParsedDates: Sendable {
    private let dates = Mutex<[ISODateTime?]>([])

    func dates(count: Int) -> [ISODateTime?]? {
        dates.withLock { $0.count == count ? $0 : nil }
    }

    func keep(_ parsed: [ISODateTime?]) {
        dates.withLock { $0 = parsed }
    }
}
