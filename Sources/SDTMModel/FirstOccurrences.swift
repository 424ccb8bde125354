/// The first of a series of items with each key, found without storing keys: items are placed by the hash of their
/// key in an open-addressing table and compared with the caller's `same` only when their hashes are equal. Item ids
/// are the caller's (positions, record numbers).
public struct FirstOccurrences: Sendable {
    /// Per slot: the hash and the item of a key's first item; item -1 marks an empty slot.
    private var hashes: [Int]
    private var items: [Int]
    private var count = 0

    public init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        hashes = Array(repeating: 0, count: size)
        items = Array(repeating: -1, count: size)
    }

    /// The earlier item with the same key as `item` (`same` tells whether an earlier item's key is `item`'s), or nil,
    /// and then `item` is remembered as its key's first.
    public mutating func earlier(than item: Int, hash: Int, same: (Int) -> Bool) -> Int? {
        let mask = items.count - 1
        var slot = Self.spread(hash) & mask
        while items[slot] >= 0 {
            if hashes[slot] == hash, same(items[slot]) { return items[slot] }
            slot = (slot + 1) & mask
        }
        hashes[slot] = hash
        items[slot] = item
        count += 1
        if count * 2 > items.count { grow() }
        return nil
    }

    /// The table at twice the size, every first item placed again by its hash.
    private mutating func grow() {
        let old = (hashes, items)
        hashes = Array(repeating: 0, count: old.1.count * 2)
        items = Array(repeating: -1, count: old.1.count * 2)
        let mask = items.count - 1
        for (hash, item) in zip(old.0, old.1) where item >= 0 {
            var slot = Self.spread(hash) & mask
            while items[slot] >= 0 { slot = (slot + 1) & mask }
            hashes[slot] = hash
            items[slot] = item
        }
    }

    /// The hash's bits mixed into the low ones, which pick the slot.
    private static func spread(_ hash: Int) -> Int {
        var h = UInt64(bitPattern: Int64(hash)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return Int(truncatingIfNeeded: h)
    }
}
