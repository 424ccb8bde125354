import SDTMModel

/// Some columns of a dataset with each distinct value encoded once, for a writer that then copies bytes per
/// cell instead of formatting the same value again for every record.
struct EncodedColumns<Problem: Sendable>: Sendable {
    /// Every distinct value's bytes, column after column, back to back.
    private var bytes: [UInt8] = []
    /// Where each distinct value's bytes start in `bytes`, column after column, each column followed by its end; the
    /// `n`th column's value with code `k` is at `starts[first[n] + k] ..< starts[first[n] + k + 1]`.
    private var starts: [Int] = []
    private var first: [Int] = []
    private var codes: [[UInt32]] = []
    /// Per column: what is wrong with a distinct value that cannot be encoded, by code.
    private var problems: [[UInt32: Problem]] = []

    /// `encode` appends a value of the `n`th column to the buffer, or returns why it cannot.
    init(_ dataset: Dataset, columns: [Int], encode: (_ value: Value, _ n: Int, _ out: inout [UInt8]) -> Problem?) {
        for (n, index) in columns.enumerated() {
            let column = dataset.columns[index]
            addCells(column.codes, valueCount: column.distinct.count) { code, out in encode(column.distinct[code], n, &out) }
        }
    }

    /// `init` for a writer that joins a record's cells with `separator` and asks for no `problem` (CSV): a run of
    /// adjacent columns whose values all follow from one of them (STUDYID and DOMAIN, the same on every record, from
    /// USUBJID; LBTEST and LBCAT from LBTESTCD) becomes one cell, that column's distinct values each encoded with the
    /// others' values it brings, already joined; then adjacent runs whose combinations of values are few (a unit and
    /// its range) become one cell too, each combination that occurs encoded once. Each record has fewer cells to place.
    init(joining dataset: Dataset, columns: [Int], separator: UInt8, encode: (_ value: Value, _ out: inout [UInt8]) -> Void)
    where Problem == Never {
        let runs = Self.determinedRuns(dataset, columns: columns)
        /// Appends the run's values at the leader's code, joined.
        func encodeRun(_ run: (leader: Int, members: [(column: Int, byLeader: [UInt32]?)]), _ code: Int, _ out: inout [UInt8]) {
            for (m, member) in run.members.enumerated() {
                if m > 0 { out.append(separator) }
                encode(dataset.columns[member.column].distinct[member.byLeader.map { Int($0[code]) } ?? code], &out)
            }
        }
        for group in Self.fewCombinations(of: runs.map { dataset.columns[$0.leader] }, count: dataset.count) {
            if group.count == 1 {
                let run = runs[group.lowerBound], leader = dataset.columns[run.leader]
                addCells(leader.codes, valueCount: leader.distinct.count) { code, out in
                    encodeRun(run, code, &out)
                    return nil
                }
                continue
            }
            let combined = Self.combinations(of: runs[group].map { dataset.columns[$0.leader] }, count: dataset.count)
            addCells(combined.codes, valueCount: combined.leaderCodes.count) { code, out in
                for (g, run) in runs[group].enumerated() {
                    if g > 0 { out.append(separator) }
                    encodeRun(run, Int(combined.leaderCodes[code][g]), &out)
                }
                return nil
            }
        }
    }

    /// `leaders` (adjacent runs' leading columns) grouped left to right: a group grows while the product of its columns'
    /// numbers of values, a bound on their combinations, stays at most one per eight records.
    static func fewCombinations(of leaders: [Column], count: Int) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0, product = 1
        for (i, leader) in leaders.enumerated() {
            let (grown, overflow) = product.multipliedReportingOverflow(by: max(leader.distinct.count, 1))
            if i > start, overflow || 8 * grown > count {
                groups.append(start..<i)
                (start, product) = (i, max(leader.distinct.count, 1))
            } else {
                product = grown
            }
        }
        if start < leaders.count { groups.append(start..<leaders.count) }
        return groups
    }

    /// Each record's combination of the columns' codes, numbered as they first come, and each combination's codes.
    /// The product of the columns' numbers of values must be small enough for a table of them (`fewCombinations`).
    static func combinations(of columns: [Column], count: Int) -> (codes: [UInt32], leaderCodes: [[UInt32]]) {
        let radices = columns.map { max($0.distinct.count, 1) }
        var numbers = [UInt32](repeating: .max, count: radices.reduce(1, *))
        var leaderCodes: [[UInt32]] = []
        let codes = [UInt32](unsafeUninitializedCapacity: count) { codes, initialized in
            numbers.withUnsafeMutableBufferPointer { numbers in
                // Each record's mixed-radix product a column at a time (each column read in order), in place, then numbered.
                for (c, (column, radix)) in zip(columns, radices).enumerated() {
                    column.codes.withUnsafeBufferPointer { column in
                        if c == 0 {
                            for i in 0..<count { codes[i] = column[i] }
                        } else {
                            for i in 0..<count { codes[i] = codes[i] &* UInt32(radix) &+ column[i] }
                        }
                    }
                }
                for i in 0..<count {
                    let p = Int(codes[i])
                    if numbers[p] == .max {
                        numbers[p] = UInt32(leaderCodes.count)
                        leaderCodes.append(columns.map { $0.codes[i] })
                    }
                    codes[i] = numbers[p]
                }
            }
            initialized = count
        }
        return (codes, leaderCodes)
    }

    /// Adds a column of cells, record `r` holding the cell of code `codes[r]`: `encode` appends the cell of each code
    /// below `valueCount` to the buffer, or returns why it cannot.
    private mutating func addCells(_ codes: [UInt32], valueCount: Int, encode: (_ code: Int, _ out: inout [UInt8]) -> Problem?) {
        var bad: [UInt32: Problem] = [:]
        first.append(starts.count)
        starts.reserveCapacity(starts.count + valueCount + 1)
        for code in 0..<valueCount {
            starts.append(bytes.count)
            if let problem = encode(code, &bytes) { bad[UInt32(code)] = problem }
        }
        starts.append(bytes.count)
        self.codes.append(codes)
        problems.append(bad)
    }

    /// `columns` as runs of adjacent ones, each with a leader whose code gives every member's: per member, its code by
    /// the leader's (nil for the leader itself). Runs are grown left to right; a column joins when the leader determines
    /// it, or becomes the leader when it determines every member so far. A leader has at most one distinct value per
    /// eight records, so that the joined values stay few (a column unique to each record would otherwise lead them all).
    static func determinedRuns(_ dataset: Dataset, columns: [Int]) -> [(leader: Int, members: [(column: Int, byLeader: [UInt32]?)])] {
        var runs: [(leader: Int, members: [(column: Int, byLeader: [UInt32]?)])] = []
        func few(_ column: Int) -> Bool { 8 * dataset.columns[column].distinct.count <= dataset.count }
        for column in columns {
            if var run = runs.last, few(run.leader) {
                if let byLeader = determined(dataset.columns[column].codes, by: dataset.columns[run.leader]) {
                    run.members.append((column, byLeader))
                    runs[runs.count - 1] = run
                    continue
                }
                // The new column as the leader: every member so far must follow from it.
                if few(column) {
                    let candidate = dataset.columns[column]
                    var members: [(column: Int, byLeader: [UInt32]?)] = []
                    for member in run.members {
                        guard let byCandidate = determined(dataset.columns[member.column].codes, by: candidate) else { break }
                        members.append((member.column, byCandidate))
                    }
                    if members.count == run.members.count {
                        runs[runs.count - 1] = (column, members + [(column, nil)])
                        continue
                    }
                }
            }
            runs.append((column, [(column, nil)]))
        }
        return runs
    }

    /// The code of `codes` (a column's, record by record) for each code of `leader`, when every record with one leader
    /// code has one code in `codes`; nil as soon as two records disagree.
    private static func determined(_ codes: [UInt32], by leader: Column) -> [UInt32]? {
        let unset = UInt32.max
        var byLeader = [UInt32](repeating: unset, count: leader.distinct.count)
        let agree = byLeader.withUnsafeMutableBufferPointer { byLeader in
            codes.withUnsafeBufferPointer { codes in
                leader.codes.withUnsafeBufferPointer { leaderCodes in
                    for i in 0..<codes.count {
                        let known = byLeader[Int(leaderCodes[i])]
                        if known == codes[i] { continue }
                        if known != unset { return false }
                        byLeader[Int(leaderCodes[i])] = codes[i]
                    }
                    return true
                }
            }
        }
        // A leader value no record has (one overwritten) brings nothing: null.
        return agree ? byLeader.map { $0 == unset ? 0 : $0 } : nil
    }

    /// The problem of the `n`th column's value in record `row`, if it could not be encoded.
    func problem(row: Int, column n: Int) -> Problem? {
        problems[n].isEmpty ? nil : problems[n][codes[n][row]]
    }

    /// Appends the encoded value of the `n`th column in record `row`.
    @inline(__always)
    func append(row: Int, column n: Int, to out: inout [UInt8]) {
        let slot = first[n] + Int(codes[n][row])
        let start = starts[slot], end = starts[slot + 1]
        if start == end { return }
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Records `rows` as lines: each record's cells joined by `separator`, then a line feed. Written a column at a time
    /// (one column's codes read in order, which the processor prefetches, where a record at a time reads from every
    /// column at once): first each line's length, then each column's cells into their places in the lines.
    func lines(_ rows: Range<Int>, separator: UInt8) -> [UInt8] {
        let width = codes.count, count = rows.count
        // Where each line starts: its cells' lengths, summed a column at a time, plus a separator or line feed per cell.
        var lineStarts = [Int](repeating: 0, count: count + 1)
        lineStarts.withUnsafeMutableBufferPointer { lineStarts in
            starts.withUnsafeBufferPointer { starts in
                for n in 0..<width {
                    codes[n].withUnsafeBufferPointer { column in
                        let first = first[n], rowCodes = column.baseAddress! + rows.lowerBound
                        // Wrapping arithmetic: the sums are bounded by the bytes encoded, far from overflowing.
                        for i in 0..<count {
                            let slot = first &+ Int(rowCodes[i])
                            lineStarts[i &+ 1] &+= starts[slot &+ 1] &- starts[slot]
                        }
                    }
                }
            }
            for i in 0..<count { lineStarts[i + 1] += lineStarts[i] + max(width, 1) }
        }
        let total = lineStarts[count]
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let out = UnsafeMutableRawPointer(buffer.baseAddress!)
            if width == 0 {
                for i in 0..<count { out.storeBytes(of: 0x0A, toByteOffset: i, as: UInt8.self) }
            }
            lineStarts.withUnsafeMutableBufferPointer { next in
                starts.withUnsafeBufferPointer { starts in
                    bytes.withUnsafeBytes { bytes in
                        for n in 0..<width {
                            let end: UInt8 = n == width - 1 ? 0x0A : separator
                            codes[n].withUnsafeBufferPointer { column in
                                let first = first[n], rowCodes = column.baseAddress! + rows.lowerBound
                                for i in 0..<count {
                                    let slot = first &+ Int(rowCodes[i])
                                    let start = starts[slot], length = starts[slot &+ 1] &- start
                                    let at = next[i]
                                    Self.copy(length, from: bytes.baseAddress! + start, to: out + at)
                                    out.storeBytes(of: end, toByteOffset: at &+ length, as: UInt8.self)
                                    next[i] = at &+ length &+ 1
                                }
                            }
                        }
                    }
                }
            }
            initialized = total
        }
    }

    /// Copies exactly `count` bytes in word-sized moves, the last of them overlapping the one before: nothing outside
    /// the value is read and nothing past the cell is written, so cells can be placed in any order.
    @inline(__always)
    private static func copy(_ count: Int, from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer) {
        if count >= 8 {
            var i = 0
            while i &+ 8 < count {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
                i &+= 8
            }
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self), toByteOffset: count &- 8,
                              as: UInt64.self)
        } else if count >= 4 {
            target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self), toByteOffset: count &- 4,
                              as: UInt32.self)
        } else if count >= 2 {
            target.storeBytes(of: source.loadUnaligned(as: UInt16.self), as: UInt16.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: count &- 2, as: UInt16.self), toByteOffset: count &- 2,
                              as: UInt16.self)
        } else if count == 1 {
            target.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
        }
    }
}
