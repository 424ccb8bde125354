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
        let matching = codes(withTextIn: texts)
        return matching.count == 1 ? rowsByCode[matching[0]] : matching.flatMap { rowsByCode[$0] }.sorted()
    }

    /// The codes whose value, as text, is one of `texts` (null reads as the empty text).
    func codes(withTextIn texts: Set<String>) -> [Int] {
        distinct.indices.filter { texts.contains(distinct[$0].text) }
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

    /// The rows that have one of `codes`, in row order.
    func rows(withCodes wanted: [Int]) -> [Int] {
        var isWanted = Array(repeating: false, count: distinct.count)
        for code in wanted { isWanted[code] = true }
        return codes.indices.filter { isWanted[Int(codes[$0])] }
    }

    /// The first row of each code, or -1 for a code no row has (index by code).
    var firstRowByCode: [Int] {
        var first = Array(repeating: -1, count: distinct.count)
        for (row, code) in codes.enumerated() where first[Int(code)] < 0 { first[Int(code)] = row }
        return first
    }

    /// `values(at:)` for the rows of each code of `key` (a column of the same dataset), all in one pass (index by the
    /// key's code).
    func valuesByKey(_ key: Column) -> [(values: [Value], nulls: Int)] {
        var groups = Array(repeating: (values: [Value](), nulls: 0), count: key.distinct.count)
        let width = distinct.count
        // Which values each key code has had: a bitmap while it is small, else a set.
        let small = key.distinct.count * width <= 1 << 24
        var seenBits = Array(repeating: false, count: small ? key.distinct.count * width : 0)
        var seen = Set<Int>()
        for (keyCode, code) in zip(key.codes, codes) {
            let (k, c) = (Int(keyCode), Int(code))
            if c == 0 {
                groups[k].nulls += 1
                continue
            }
            let slot = k * width + c
            if small {
                if seenBits[slot] { continue }
                seenBits[slot] = true
            } else if !seen.insert(slot).inserted {
                continue
            }
            groups[k].values.append(distinct[c])
        }
        return groups
    }

    /// `firstValue(at:)` for the rows of each code of `key` (a column of the same dataset), in one pass (index by the
    /// key's code).
    func firstValueByKey(_ key: Column) -> [Value?] {
        var first = [Value?](repeating: nil, count: key.distinct.count)
        for (keyCode, code) in zip(key.codes, codes) where code != 0 && first[Int(keyCode)] == nil {
            first[Int(keyCode)] = distinct[Int(code)]
        }
        return first
    }

    /// The value of the first of `rows` that has one.
    func firstValue(at rows: [Int]) -> Value? {
        let codes = codes
        return rows.lazy.map { codes[$0] }.first { $0 != 0 }.map { distinct[Int($0)] }
    }
}
