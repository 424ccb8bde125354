import Ingest
import SDTMModel

/// For each row of a table, the first row with the same key, for finding rows that repeat an earlier row's key.
/// Each key column's distinct texts are trimmed once and numbered (texts equal after trimming share a number). Rows
/// are sorted by a hash of their key's numbers, so that rows with equal keys end up side by side, and compared number
/// by number only where their hashes are equal.
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
            return column.codes.map { trimmed[Int($0)] }
        }
        var first = Array(0..<count)
        guard !columns.isEmpty, count > 1 else {
            self.first = first
            return
        }
        // The hash in the high bits and the position in the low ones: sorting keeps equal hashes in row order.
        let positionBits = UInt64(UInt64.bitWidth - UInt64(count).leadingZeroBitCount)
        let positionMask: UInt64 = (1 << positionBits) - 1
        var order = [UInt64](repeating: 0, count: count)
        for row in 0..<count {
            var hash: UInt64 = 0
            for key in keys { hash = (hash ^ UInt64(key[row])) &* 0x9E37_79B9_7F4A_7C15 }
            order[row] = (hash ^ hash >> 29) << positionBits | UInt64(row)
        }
        order.sort()
        func same(_ a: Int, _ b: Int) -> Bool { keys.allSatisfy { $0[a] == $0[b] } }
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, order[end] >> positionBits == order[start] >> positionBits { end += 1 }
            // Rows with one hash, in row order: each takes the first earlier row with its key.
            if end - start > 1 {
                for i in start + 1..<end {
                    let row = Int(order[i] & positionMask)
                    if let earlier = (start..<i).lazy.map({ Int(order[$0] & positionMask) }).first(where: { same($0, row) }) {
                        first[row] = first[earlier]
                    }
                }
            }
            start = end
        }
        self.first = first
    }

    /// The position of the first row with the same key as the row at `position`, when that is an earlier row.
    func earlier(than position: Int) -> Int? {
        first[position] == position ? nil : first[position]
    }
}
