/// The first of a series of items with each key, found without storing keys: items are bucketed by the hash of
/// their key and compared with the caller's `same` only within a bucket. Item ids are the caller's (positions,
/// record numbers).
public struct FirstOccurrences: Sendable {
    /// The first item of each hash.
    private var first: [Int: Int] = [:]
    /// Later items whose hash equals an earlier item's but whose key does not (rare).
    private var colliding: [Int: [Int]] = [:]

    public init(capacity: Int = 0) { first.reserveCapacity(capacity) }

    /// The earlier item with the same key as `item` (`same` tells whether an earlier item's key is `item`'s), or nil,
    /// and then `item` is remembered as its key's first.
    public mutating func earlier(than item: Int, hash: Int, same: (Int) -> Bool) -> Int? {
        guard let candidate = first[hash] else {
            first[hash] = item
            return nil
        }
        if same(candidate) { return candidate }
        if let match = colliding[hash]?.first(where: same) { return match }
        colliding[hash, default: []].append(item)
        return nil
    }
}
