import SDTMModel

/// Sorts records by USUBJID and the mapping's sequence variables (ties by raw file and line, so the order
/// is deterministic) and numbers them 1, 2, ... within each subject in --SEQ.
/// Returns, for each record's old position, its new position.
func deriveSequence(_ dataset: inout Dataset, order: [String]) -> [Int] {
    numberSequence(&dataset, sorted: sequenceOrder(of: dataset, order: order))
}

/// The records' positions sorted by USUBJID and the sequence variables `order`, ties by raw file and line.
func sequenceOrder(of dataset: Dataset, order: [String]) -> [Int] {
    let keys = (["USUBJID"] + order.filter { $0 != "USUBJID" }).compactMap(dataset.column(ifPresent:))
    let types = keys.map { dataset.spec.variables[$0].type }
    // Each key column's distinct values ranked once, so that records compare by integers.
    let ranks = zip(keys, types).map { key, type in
        let values = dataset.columns[key].distinct
        if type == .num { return rank(values.count, by: { numericOrder(values[$0], values[$1]) }) }
        return textRanks(values.map(\.text))
    }
    let codes = keys.map { dataset.columns[$0].codes }
    let origins = dataset.origins
    func byOrigin(_ a: Int, _ b: Int) -> Bool {
        let oa = origins[a], ob = origins[b]
        if oa?.file != ob?.file { return (oa?.file ?? "") < (ob?.file ?? "") }
        return (oa?.line ?? 0, a) < (ob?.line ?? 0, b)
    }
    let indexBits = UInt64.bitWidth - UInt64(origins.count).leadingZeroBitCount
    let inFileOrder = origins.areInFileOrder
    if inFileOrder, let packed = packedRanks(ranks, codes, count: origins.count, spare: indexBits) {
        // Records already in origin order: the position breaks ties, and one integer per record says it all.
        return origins.indices.map { packed[$0] << UInt64(indexBits) | UInt64($0) }.sorted().map { Int($0 & (1 << UInt64(indexBits) - 1)) }
    } else if inFileOrder, let order = orderWithinSubjects(ranks, codes, count: origins.count, indexBits: indexBits) {
        return order
    } else if let packed = packedRanks(ranks, codes, count: origins.count) {
        // Every record's ranks fit one integer: compare those, and the origins only on a tie.
        return origins.indices.sorted { a, b in packed[a] != packed[b] ? packed[a] < packed[b] : byOrigin(a, b) }
    } else {
        return origins.indices.sorted { a, b in
            for (rank, codes) in zip(ranks, codes) {
                let x = rank[Int(codes[a])], y = rank[Int(codes[b])]
                if x != y { return x < y }
            }
            return byOrigin(a, b)
        }
    }
}

/// `sequenceOrder` for records in origin order whose subjects (the first key) already come one after another in
/// their order, as a raw file lists them: each subject's records sorted on their own, by the other keys' ranks and
/// their position packed into one integer. Nil when the subjects are not in such runs or the ranks do not fit.
func orderWithinSubjects(_ ranks: [[Int]], _ codes: [[UInt32]], count: Int, indexBits: Int) -> [Int]? {
    guard ranks.count > 1,
          let rest = packedRanks(Array(ranks.dropFirst()), Array(codes.dropFirst()), count: count, spare: indexBits)
    else { return nil }
    let (subjectRank, subjects) = (ranks[0], codes[0])
    var packed = [UInt64](repeating: 0, count: count)
    let inRuns = packed.withUnsafeMutableBufferPointer { packed in
        for run in subjects.codeRuns {
            if run.lowerBound > 0, subjectRank[Int(subjects[run.lowerBound])] <= subjectRank[Int(subjects[run.lowerBound - 1])] {
                return false
            }
            for i in run { packed[i] = rest[i] << UInt64(indexBits) | UInt64(i) }
            packed[run].sort()
        }
        return true
    }
    guard inRuns else { return nil }
    let positionMask: UInt64 = 1 << UInt64(indexBits) - 1
    return packed.map { Int($0 & positionMask) }
}

/// Puts the records in the order `sorted` (from `sequenceOrder`) and numbers them within each subject in --SEQ.
/// Returns, for each record's old position, its new position.
func numberSequence(_ dataset: inout Dataset, sorted: [Int]) -> [Int] {
    var newPosition = Array(repeating: 0, count: sorted.count)
    for (new, old) in sorted.enumerated() { newPosition[old] = new }
    // Records already in order (a raw file listing them so) are not gathered again.
    if !sorted.elementsEqual(sorted.indices) { dataset.select(sorted) }
    if let seq = dataset.column(ifPresent: dataset.prefix + "SEQ"), let usubjid = dataset.column(ifPresent: "USUBJID") {
        // Records of one subject are adjacent now: equal codes are equal subjects.
        let subjects = dataset.columns[usubjid].codes
        var numbers: [UInt32] = [0]
        var n = 0
        let sequence = (0..<dataset.count).map { i in
            n = i > 0 && subjects[i] == subjects[i - 1] ? n + 1 : 1
            if n == numbers.count { numbers.append(dataset.intern(.number(Double(n)), column: seq)) }
            return numbers[n]
        }
        dataset.setCodes(interned: sequence, column: seq)
    }
    return newPosition
}

/// Each record's ranks packed most significant first into one integer, when their widths and `spare` low bits add up
/// to 64 bits or fewer.
private func packedRanks(_ ranks: [[Int]], _ codes: [[UInt32]], count: Int, spare: Int = 0) -> [UInt64]? {
    let widths = ranks.map { rank in UInt64.bitWidth - UInt64(rank.max() ?? 0).leadingZeroBitCount }
    guard widths.reduce(spare, +) <= UInt64.bitWidth else { return nil }
    var packed = [UInt64](repeating: 0, count: count)
    for (k, (rank, codes)) in zip(ranks, codes).enumerated() {
        for i in 0..<count { packed[i] = packed[i] << UInt64(widths[k]) | UInt64(rank[Int(codes[i])]) }
    }
    return packed
}

/// Each of `count` values' position in `order` (which compares values by their indices), values that neither
/// precedes sharing one.
private func rank(_ count: Int, by order: (Int, Int) -> Bool) -> [Int] {
    let sorted = (0..<count).sorted(by: order)
    var ranks = Array(repeating: 0, count: count)
    for (n, i) in sorted.enumerated() where n > 0 {
        let previous = sorted[n - 1]
        ranks[i] = order(previous, i) ? ranks[previous] + 1 : ranks[previous]
    }
    return ranks
}

/// The first 16 bytes packed, most significant first, into two integers (zeros past the end).
private func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    var high: UInt64 = 0, low: UInt64 = 0
    for j in 0..<8 { high = high << 8 | UInt64(j < bytes.count ? bytes[j] : 0) }
    for j in 8..<16 { low = low << 8 | UInt64(j < bytes.count ? bytes[j] : 0) }
    return (high, low)
}

/// `rank` of texts in String order. ASCII texts (dates, codes, ids) compare by 16 bytes packed into two integers (the
/// first after the beginning they all share), and as Strings only when those are equal.
private func textRanks(_ texts: [String]) -> [Int] {
    // For ASCII, String order is the bytes' order, a text before any longer text it begins. The texts' positions are
    // sorted with 16 of their bytes beside them, those after the beginning all texts share (a study's prefix of every
    // USUBJID), so that most comparisons read two integers and no String.
    // (The null value's empty text shares nothing and sorts first whatever the others begin with.)
    var first = texts.first { !$0.isEmpty } ?? ""
    var shared = first.utf8.count, ascii = true
    first.withUTF8 { first in
        for var text in texts where !text.isEmpty {
            text.withUTF8 { bytes in
                var n = 0
                while n < shared, n < bytes.count, bytes[n] == first[n] { n += 1 }
                shared = n
                for byte in bytes where byte >= 0x80 { ascii = false }
            }
        }
    }
    guard ascii else { return rank(texts.count, by: { texts[$0] < texts[$1] }) }
    var sorted: [(high: UInt64, low: UInt64, text: Int)] = []
    sorted.reserveCapacity(texts.count)
    for i in texts.indices {
        var text = texts[i]
        let (high, low) = text.withUTF8 { packed(UnsafeBufferPointer(rebasing: $0[min(shared, $0.count)...])) }
        sorted.append((high, low, i))
    }
    sorted.sort { a, b in
        a.high != b.high ? a.high < b.high : a.low != b.low ? a.low < b.low : texts[a.text] < texts[b.text]
    }
    var ranks = Array(repeating: 0, count: texts.count)
    for n in sorted.indices.dropFirst() {
        let (previous, this) = (sorted[n - 1], sorted[n])
        let same = previous.high == this.high && previous.low == this.low && texts[previous.text] == texts[this.text]
        ranks[this.text] = same ? ranks[previous.text] : ranks[previous.text] + 1
    }
    return ranks
}

private func numericOrder(_ x: Value, _ y: Value) -> Bool {
    switch (x, y) {
    case (.number(let a), .number(let b)): a < b
    case (.null, _): true
    case (_, .null): false
    default: x.text < y.text
    }
}
