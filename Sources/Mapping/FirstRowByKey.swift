import Ingest

/// The first row of each key among a table's rows, for finding rows that repeat an earlier row's key. Rows are
/// bucketed by a hash of their trimmed key fields and compared field by field within a bucket, so no key text is
/// kept per row.
struct FirstRowByKey {
    let columns: [Int]
    private var first: [Int: Int] = [:]
    /// Later rows whose hash equals an earlier row's but whose key does not (rare).
    private var colliding: [Int: [Int]] = [:]

    init(columns: [Int], capacity: Int) {
        self.columns = columns
        first.reserveCapacity(columns.isEmpty ? 0 : capacity)
    }

    /// The position of the first earlier row with the same key as `rows[position]`, or nil (and the row is
    /// remembered as its key's first).
    mutating func earlier(than position: Int, in rows: RawTable.Rows) -> Int? {
        let row = rows[position]
        var hasher = Hasher()
        for c in columns { hasher.combine(row[c].trimmingSpaces) }
        let hash = hasher.finalize()
        guard let candidate = first[hash] else {
            first[hash] = position
            return nil
        }
        func sameKey(_ other: Int) -> Bool { columns.allSatisfy { rows[other][$0].trimmingSpaces == row[$0].trimmingSpaces } }
        if sameKey(candidate) { return candidate }
        if let match = colliding[hash]?.first(where: sameKey) { return match }
        colliding[hash, default: []].append(position)
        return nil
    }
}
