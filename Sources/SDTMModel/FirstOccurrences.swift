/// For each of a series of items, the first item with the same key, found without storing keys: items are sorted by
/// the hash of their key (their position breaking ties), so that items with equal keys end up side by side, and
/// compared with the caller's `same` only where their hashes are equal. Items are the caller's positions `0..<count`.
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
    /// every item is its own first.
    public static func first(byCodes keys: [[UInt32]], count: Int) -> [Int] {
        guard !keys.isEmpty else { return Array(0..<count) }
        if let first = firstThroughBitSet(keys, count: count) { return first }
        return first(count: count, hash: { item in
            // Codes are small integers: a multiply-and-xor mix spreads them well enough for sorting by hash.
            var hash: UInt64 = 0
            for key in keys { hash = (hash ^ UInt64(key[item])) &* 0x9E37_79B9_7F4A_7C15 }
            return hash ^ hash >> 29
        }, same: { a, b in keys.allSatisfy { $0[a] == $0[b] } })
    }

    /// When the combinations of codes number at most 64 million (a subject and a --SEQ), the combinations seen are
    /// marked in a bit set: one pass, no sort, and a second over the items whose combination repeats. Nil when the
    /// set would be larger.
    private static func firstThroughBitSet(_ keys: [[UInt32]], count: Int) -> [Int]? {
        let limit = 1 << 26
        var radices: [Int] = []
        var combinations = 1
        for key in keys {
            let radix = Int(key.max() ?? 0) + 1
            guard combinations * radix <= limit else { return nil }
            radices.append(radix)
            combinations *= radix
        }
        func combination(_ item: Int) -> Int {
            var combination = 0
            for (key, radix) in zip(keys, radices) { combination = combination * radix + Int(key[item]) }
            return combination
        }
        var seen = [UInt64](repeating: 0, count: (combinations + 63) / 64)
        var repeated: Set<Int> = []
        for item in 0..<count {
            let c = combination(item)
            let bit = UInt64(1) << UInt64(c & 63)
            if seen[c >> 6] & bit != 0 { repeated.insert(c) } else { seen[c >> 6] |= bit }
        }
        var first = Array(0..<count)
        guard !repeated.isEmpty else { return first }
        var firstOf: [Int: Int] = [:]
        for item in 0..<count {
            let c = combination(item)
            guard repeated.contains(c) else { continue }
            if let earlier = firstOf[c] { first[item] = earlier } else { firstOf[c] = item }
        }
        return first
    }
}
