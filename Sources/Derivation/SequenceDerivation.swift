import SDTMModel

/// Sorts records by USUBJID and the mapping's sequence variables (ties by raw file and line, so the order
/// is deterministic) and numbers them 1, 2, ... within each subject in --SEQ.
/// Returns, for each record's old position, its new position.
func deriveSequence(_ dataset: inout Dataset, order: [String]) -> [Int] {
    let keys = (["USUBJID"] + order.filter { $0 != "USUBJID" }).compactMap(dataset.column(ifPresent:))
    let types = keys.map { dataset.spec.variables[$0].type }
    // Each key column's distinct values ranked once, so that records compare by integers.
    let ranks = zip(keys, types).map { key, type in
        rank(dataset.columns[key].distinct, by: type == .num ? numericOrder : { $0.text < $1.text })
    }
    let codes = keys.map { dataset.columns[$0].codes }
    let origins = dataset.origins
    let sorted = origins.indices.sorted { a, b in
        for (rank, codes) in zip(ranks, codes) {
            let x = rank[Int(codes[a])], y = rank[Int(codes[b])]
            if x != y { return x < y }
        }
        let oa = origins[a], ob = origins[b]
        if oa?.file != ob?.file { return (oa?.file ?? "") < (ob?.file ?? "") }
        return (oa?.line ?? 0, a) < (ob?.line ?? 0, b)
    }
    var newPosition = Array(repeating: 0, count: origins.count)
    for (new, old) in sorted.enumerated() { newPosition[old] = new }
    dataset.select(sorted)
    if let seq = dataset.column(ifPresent: dataset.prefix + "SEQ"), let usubjid = dataset.column(ifPresent: "USUBJID") {
        var n = 0
        var subject = ""
        for i in 0..<dataset.count {
            let id = dataset[i, usubjid].text
            n = id == subject ? n + 1 : 1
            subject = id
            dataset[i, seq] = .number(Double(n))
        }
    }
    return newPosition
}

/// Each value's position in `order`, values that neither precedes sharing one.
private func rank(_ values: [Value], by order: (Value, Value) -> Bool) -> [Int] {
    let sorted = values.indices.sorted { order(values[$0], values[$1]) }
    var ranks = Array(repeating: 0, count: values.count)
    for (n, i) in sorted.enumerated() where n > 0 {
        let previous = sorted[n - 1]
        ranks[i] = order(values[previous], values[i]) ? ranks[previous] + 1 : ranks[previous]
    }
    return ranks
}

private func numericOrder(_ x: Value, _ y: Value) -> Bool {
    switch (x, y) {
    case (.number(let a), .number(let b)): a < b
    case (.null, _): true
    case (_, .null): false
    default: x.text < y.text
    }
}
