import Ingest
import SDTMModel

/// For each row of a table, the first row with the same key, for finding rows that repeat an earlier row's key.
/// Each key column's distinct texts are trimmed once and numbered (texts equal after trimming share a number); rows
/// are then matched by those numbers (`FirstOccurrences`).
struct FirstRowByKey {
    /// Per row: the position of the first row with its key (its own position when it is the first).
    let first: [Int]

    init(columns: [Int], table: RawTable) {
        let count = table.rows.count
        let keys = columns.map { c in
            var numbers: [String: UInt32] = [:]
            let column = table.column(at: c)
            let trimmed = column.texts.map { text in
                let key = text.trimmingSpaces
                if let n = numbers[key] { return n }
                let n = UInt32(numbers.count)
                numbers[key] = n
                return n
            }
            // Texts that no trimming merges keep their own codes.
            return (codes: numbers.count == column.texts.count ? column.codes : column.codes.map { trimmed[Int($0)] },
                    count: numbers.count)
        }
        first = FirstOccurrences.first(byCodes: keys.map(\.codes), codeCounts: keys.map(\.count), count: count)
    }

    /// The position of the first row with the same key as the row at `position`, when that is an earlier row.
    func earlier(than position: Int) -> Int? {
        first[position] == position ? nil : first[position]
    }
}
