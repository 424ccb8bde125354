import Ingest
import SDTMModel

/// The first row of each key among a table's rows, for finding rows that repeat an earlier row's key. Each key
/// column's distinct texts are trimmed once and numbered (texts equal after trimming share a number); rows are
/// bucketed by a hash of their key's numbers and compared number by number within a bucket.
struct FirstRowByKey {
    let columns: [Int]
    /// Per key column: for each raw code, the number of its trimmed text.
    private let trimmed: [[UInt32]]
    private var firsts: FirstOccurrences

    init(columns: [Int], table: RawTable) {
        self.columns = columns
        trimmed = columns.map { c in
            var numbers: [String: UInt32] = [:]
            return table.column(at: c).texts.map { text in
                let key = text.trimmingSpaces
                if let n = numbers[key] { return n }
                let n = UInt32(numbers.count)
                numbers[key] = n
                return n
            }
        }
        firsts = FirstOccurrences(capacity: columns.isEmpty ? 0 : table.rows.count)
    }

    /// The position of the first earlier row with the same key as `rows[position]`, or nil (and the row is
    /// remembered as its key's first).
    mutating func earlier(than position: Int, in rows: RawTable.Rows) -> Int? {
        let row = rows[position]
        func key(_ n: Int, _ row: RawRow) -> UInt32 { trimmed[n][Int(row.code(columns[n]))] }
        var hasher = Hasher()
        for n in columns.indices { hasher.combine(key(n, row)) }
        return firsts.earlier(than: position, hash: hasher.finalize()) { other in
            columns.indices.allSatisfy { key($0, rows[other]) == key($0, row) }
        }
    }
}
