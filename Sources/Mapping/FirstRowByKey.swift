import Ingest
import SDTMModel

/// The first row of each key among a table's rows, for finding rows that repeat an earlier row's key. Each key
/// column's distinct texts are trimmed once and numbered (texts equal after trimming share a number); rows are
/// bucketed by a hash of their key's numbers and compared number by number within a bucket.
struct FirstRowByKey {
    let columns: [Int]
    /// Per key column: each row's number of its trimmed text.
    private let keys: [[UInt32]]
    private var firsts: FirstOccurrences

    init(columns: [Int], table: RawTable) {
        self.columns = columns
        keys = columns.map { c in
            var numbers: [String: UInt32] = [:]
            let column = table.column(at: c)
            let trimmed = column.texts.map { text in
                let key = text.trimmingSpaces
                if let n = numbers[key] { return n }
                let n = UInt32(numbers.count)
                numbers[key] = n
                return n
            }
            return column.codes.map { trimmed[Int($0)] }
        }
        firsts = FirstOccurrences(capacity: columns.isEmpty ? 0 : table.rows.count)
    }

    /// The position of the first earlier row with the same key as the row at `position`, or nil (and the row is
    /// remembered as its key's first).
    mutating func earlier(than position: Int) -> Int? {
        // The key numbers are small and dense: a multiply-and-rotate mix spreads them well enough for bucketing.
        var hash: UInt64 = 0
        for key in keys { hash = (hash ^ UInt64(key[position])) &* 0x9E37_79B9_7F4A_7C15 }
        hash ^= hash >> 29
        return firsts.earlier(than: position, hash: Int(truncatingIfNeeded: hash)) { other in
            keys.allSatisfy { $0[other] == $0[position] }
        }
    }
}
