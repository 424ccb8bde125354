import SDTMModel

/// Reading a column over a selection of rows through its codes, turning codes into values only at the end.
extension Column {
    /// The rows that have each code, in row order (index by code).
    var rowsByCode: [[Int]] {
        var rows = Array(repeating: [Int](), count: distinct.count)
        for (row, code) in codes.enumerated() { rows[Int(code)].append(row) }
        return rows
    }

    /// The rows whose value, as text, is one of `texts` (null reads as the empty text), in row order;
    /// `rowsByCode` is this column's.
    func rows(withTextIn texts: Set<String>, _ rowsByCode: [[Int]]) -> [Int] {
        let matching = distinct.indices.filter { texts.contains(distinct[$0].text) }
        return matching.count == 1 ? rowsByCode[matching[0]] : matching.flatMap { rowsByCode[$0] }.sorted()
    }

    /// For each code, whether its value, as text, is one of `texts` (index by code).
    func matches(_ texts: Set<String>) -> [Bool] {
        distinct.map { texts.contains($0.text) }
    }

    /// The distinct non-null values of `rows`, in order of first appearance, and how many of the rows are null.
    func values(at rows: [Int]) -> (values: [Value], nulls: Int) {
        let codes = codes
        var seen = Array(repeating: false, count: distinct.count)
        var values: [Value] = []
        var nulls = 0
        for row in rows {
            let code = Int(codes[row])
            if code == 0 {
                nulls += 1
            } else if !seen[code] {
                seen[code] = true
                values.append(distinct[code])
            }
        }
        return (values, nulls)
    }

    /// The value of the first of `rows` that has one.
    func firstValue(at rows: [Int]) -> Value? {
        let codes = codes
        return rows.lazy.map { codes[$0] }.first { $0 != 0 }.map { distinct[Int($0)] }
    }
}
