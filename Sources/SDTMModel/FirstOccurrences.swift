/// For each of a series of items, the first item with the same key. Items are the caller's positions `0..<count`.
/// Keys of codes are numbered as combinations and found through a bit set of them, a small table per run of the first
/// key column when its values come in runs, or a hash table; any other key is found without storing keys: items are
/// sorted by the hash of their key (their position breaking ties), so that items with equal keys end up side by side,
/// and compared with the caller's `same` only where their hashes are equal.
public enum FirstOccurrences {
    /// Per item, the first item whose key equals its own (the item itself when none comes before it). `same(a, b)`
    /// tells whether items `a` and `b` have equal keys; equal keys must have equal hashes.
    public static func first(count: Int, hash: (Int) -> UInt64, same: (Int, Int) -> Bool) -> [Int] {
        var first = Array(0..<count)
        guard count > 1 else { return first }
        // The hash in the high bits and the position in the low ones: sorting keeps equal hashes in item order.
        let positionBits = UInt64(UInt64.bitWidth - UInt64(count).leadingZeroBitCount)
        let positionMask: UInt64 = (1 << positionBits) - 1
        var order = (0..<count).map { item in hash(item) << positionBits | UInt64(item) }
        order.sort()
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, order[end] >> positionBits == order[start] >> positionBits { end += 1 }
            // Items with one hash, in item order: each takes the first earlier item with its key.
            for i in start + 1..<end {
                let item = Int(order[i] & positionMask)
                if let earlier = (start..<i).lazy.map({ Int(order[$0] & positionMask) }).first(where: { same($0, item) }) {
                    first[item] = earlier
                }
            }
            start = end
        }
        return first
    }

    /// Per item, the first item with the same code in every column of `keys` (`keys[c][item]`); with no key column,
    /// every item is its own first. `codeCounts[c]`, when given, is more than every code of `keys[c]` (a column's
    /// number of distinct values), so that the columns need not be read for their largest code.
    public static func first(byCodes keys: [[UInt32]], codeCounts: [Int]? = nil, count: Int) -> [Int] {
        guard !keys.isEmpty else { return Array(0..<count) }
        assert(codeCounts.map { zip(keys, $0).allSatisfy { key, n in key.allSatisfy { Int($0) < n } } } ?? true,
               "a code as large as its column's number of values")
        // Each item's codes as one number (mixed radix, each column's radix one more than its largest code), when the
        // numbers fit 64 bits.
        var radices: [UInt64] = []
        var combinations: UInt64? = 1
        for (c, key) in keys.enumerated() {
            let radix = codeCounts.map { UInt64($0[c]) } ?? UInt64(key.max() ?? 0) + 1
            radices.append(radix)
            combinations = combinations.flatMap { c in
                let (product, overflow) = c.multipliedReportingOverflow(by: radix)
                return overflow ? nil : product
            }
        }
        if let combinations {
            // Every item's combination worked out a key column at a time, each column read in order, a block of items
            // at a time so that the block's numbers stay in the cache from one column to the next.
            var numbers = [UInt64](repeating: 0, count: count)
            numbers.withUnsafeMutableBufferPointer { numbers in
                for block in stride(from: 0, to: count, by: 4096) {
                    let end = min(block + 4096, count)
                    for (key, radix) in zip(keys, radices) {
                        key.withUnsafeBufferPointer { key in
                            for item in block..<end { numbers[item] = numbers[item] &* radix &+ UInt64(key[item]) }
                        }
                    }
                }
            }
            let combination = { (item: Int) in numbers[item] }
            if combinations <= 1 << 26 { return firstThroughBitSet(count: count, combinations: Int(combinations), combination) }
            if count < Int(Int32.max) / 2 {
                return firstThroughRuns(keys[0], codeCount: Int(radices[0]), count: count, combination)
                    ?? firstThroughHashTable(count: count, combination)
            }
        }
        return first(count: count, hash: { item in
            // Codes are small integers: a multiply-and-xor mix spreads them well enough for sorting by hash.
            var hash: UInt64 = 0
            for key in keys { hash = (hash ^ UInt64(key[item])) &* 0x9E37_79B9_7F4A_7C15 }
            return hash ^ hash >> 29
        }, same: { a, b in keys.allSatisfy { $0[a] == $0[b] } })
    }

    /// Up to 64 million combinations (a subject and a --SEQ): those seen are marked in a bit set, in one pass, and
    /// first items looked up in a second pass over the items whose combination repeats.
    private static func firstThroughBitSet(count: Int, combinations: Int, _ combination: (Int) -> UInt64) -> [Int] {
        var seen = [UInt64](repeating: 0, count: (combinations + 63) / 64)
        var repeated: Set<UInt64> = []
        for item in 0..<count {
            let c = combination(item)
            let bit = UInt64(1) << (c & 63)
            if seen[Int(c >> 6)] & bit != 0 { repeated.insert(c) } else { seen[Int(c >> 6)] |= bit }
        }
        var first = Array(0..<count)
        guard !repeated.isEmpty else { return first }
        var firstOf: [UInt64: Int] = [:]
        for item in 0..<count {
            let c = combination(item)
            guard repeated.contains(c) else { continue }
            if let earlier = firstOf[c] { first[item] = earlier } else { firstOf[c] = item }
        }
        return first
    }

    /// Keys whose first column comes in runs, each value in one run only (a raw file's or a dataset's records subject
    /// by subject): an item can only repeat an item of its own run, so each run is looked up in a small table of its
    /// own that stays in the cache. Nil when the first column's values are not in such runs, or a run is too long for
    /// a small table. `codeCount` is more than every code of `leading`.
    private static func firstThroughRuns(_ leading: [UInt32], codeCount: Int, count: Int, _ combination: (Int) -> UInt64) -> [Int]? {
        let longestRun = 1 << 14
        var ends: [Int] = []
        var finished = [Bool](repeating: false, count: codeCount)
        var longest = 0
        var start = 0
        while start < count {
            let code = Int(leading[start])
            guard !finished[code] else { return nil }
            finished[code] = true
            var end = start + 1
            while end < count, leading[end] == leading[start] { end += 1 }
            longest = max(longest, end - start)
            guard longest <= longestRun else { return nil }
            ends.append(end)
            start = end
        }
        // One table for all runs, its slots stamped with the run that filled them: nothing to clear between runs.
        var bits = 4
        while 1 << bits < 2 * longest { bits += 1 }
        let mask = (1 << bits) - 1
        var combinations = [UInt64](repeating: 0, count: 1 << bits)
        var firsts = [Int32](repeating: 0, count: 1 << bits)
        var stamps = [Int32](repeating: -1, count: 1 << bits)
        var first = Array(0..<count)
        start = 0
        for (run, end) in ends.enumerated() {
            let run = Int32(run)
            for item in start..<end {
                let c = combination(item)
                var s = slot(c, bits: bits)
                while stamps[s] == run, combinations[s] != c { s = (s + 1) & mask }
                if stamps[s] == run {
                    first[item] = Int(firsts[s])
                } else {
                    (stamps[s], combinations[s], firsts[s]) = (run, c, Int32(item))
                }
            }
            start = end
        }
        return first
    }

    /// More combinations: each item looks its combination up in an open-addressing hash table, in one pass. While the
    /// combinations are few (a lab test, result, unit and range repeated over many records), the table holds them
    /// beside their first items and grows as they come: small, in the cache, and a probe reads no key column at
    /// another item. When they are many (a raw file's key of subject, test, date and time, nearly unique), the rest go
    /// to a table of first items alone, twice as large as the items, that recomputes a combination on a collision.
    private static func firstThroughHashTable(count: Int, _ combination: (Int) -> UInt64) -> [Int] {
        var first = Array(0..<count)
        var bits = 12
        var combinations = [UInt64](repeating: 0, count: 1 << bits)
        var firsts = [Int32](repeating: -1, count: 1 << bits)
        var stored = 0
        var item = 0
        few: while item < count {
            let c = combination(item)
            let mask = (1 << bits) - 1
            var s = slot(c, bits: bits)
            while firsts[s] >= 0, combinations[s] != c { s = (s + 1) & mask }
            if firsts[s] >= 0 {
                first[item] = Int(firsts[s])
            } else {
                (combinations[s], firsts[s]) = (c, Int32(item))
                stored += 1
                if 2 * stored > 1 << bits {
                    if 8 * stored > count { break few }
                    // Half full: twice the slots, every combination placed again.
                    let (oldCombinations, oldFirsts) = (combinations, firsts)
                    bits += 1
                    combinations = [UInt64](repeating: 0, count: 1 << bits)
                    firsts = [Int32](repeating: -1, count: 1 << bits)
                    for (c, f) in zip(oldCombinations, oldFirsts) where f >= 0 {
                        var t = slot(c, bits: bits)
                        while firsts[t] >= 0 { t = (t + 1) & ((1 << bits) - 1) }
                        (combinations[t], firsts[t]) = (c, f)
                    }
                }
            }
            item += 1
        }
        guard item < count else { return first }

        // Many combinations: those stored so far move to the large table, then the remaining items follow.
        var large = 1
        while 1 << large < 2 * count { large += 1 }
        let mask = (1 << large) - 1
        var table = [Int32](repeating: -1, count: 1 << large)
        for (c, f) in zip(combinations, firsts) where f >= 0 {
            var t = slot(c, bits: large)
            while table[t] >= 0 { t = (t + 1) & mask }
            table[t] = f
        }
        combinations = []
        firsts = []
        for item in item + 1..<count {
            let c = combination(item)
            var s = slot(c, bits: large)
            while true {
                let other = Int(table[s])
                if other < 0 {
                    table[s] = Int32(item)
                    break
                }
                if combination(other) == c {
                    first[item] = other
                    break
                }
                s = (s + 1) & mask
            }
        }
        return first
    }

    /// The slot of a combination in an open-addressing table of `2^bits` slots (multiplicative hashing).
    private static func slot(_ combination: UInt64, bits: Int) -> Int {
        Int(truncatingIfNeeded: (combination &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }
}
