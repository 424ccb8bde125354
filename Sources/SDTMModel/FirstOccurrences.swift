/// The first of a series of items with each key, found without storing keys: items are placed by the hash of their
/// key in an open-addressing table and compared with the caller's `same` only when their hashes are equal. Item ids
/// are the caller's (positions, record numbers).
public struct FirstOccurrences: Sendable {
    /// Per slot: the hash and the item of a key's first item, side by side (one cache line holds both); item -1
    /// marks an empty slot.
    private var slots: [(hash: Int, item: Int)]
    private var count = 0

    public init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: (0, -1), count: size)
    }

    /// The earlier item with the same key as `item` (`same` tells whether an earlier item's key is `item`'s), or nil,
    /// and then `item` is remembered as its key's first.
    public mutating func earlier(than item: Int, hash: Int, same: (Int) -> Bool) -> Int? {
        let mask = slots.count - 1
        var slot = Self.spread(hash) & mask
        while slots[slot].item >= 0 {
            if slots[slot].hash == hash, same(slots[slot].item) { return slots[slot].item }
            slot = (slot + 1) & mask
        }
        slots[slot] = (hash, item)
        count += 1
        if count * 2 > slots.count { grow() }
        return nil
    }

    /// The table at twice the size, every first item placed again by its hash.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, -1), count: old.count * 2)
        let mask = slots.count - 1
        for (hash, item) in old where item >= 0 {
            var slot = Self.spread(hash) & mask
            while slots[slot].item >= 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash, item)
        }
    }

    /// The hash's bits mixed into the low ones, which pick the slot.
    private static func spread(_ hash: Int) -> Int {
        var h = UInt64(bitPattern: Int64(hash)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return Int(truncatingIfNeeded: h)
    }
}
