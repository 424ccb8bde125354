import SDTMModel

/// Sorts records by USUBJID and the mapping's sequence variables (ties by raw file and line, so the order
/// is deterministic) and numbers them 1, 2, ... within each subject in --SEQ.
/// Returns, for each record's old position, its new position.
func deriveSequence(_ dataset: inout Dataset, order: [String]) -> [Int] {
    let keys = (["USUBJID"] + order.filter { $0 != "USUBJID" }).compactMap(dataset.column(ifPresent:))
    let types = keys.map { dataset.spec.variables[$0].type }
    let records = dataset.records
    let sorted = records.indices.sorted { a, b in
        for (k, type) in zip(keys, types) {
            let x = records[a].values[k], y = records[b].values[k]
            if x == y { continue }
            return type == .num ? numericOrder(x, y) : x.text < y.text
        }
        let oa = records[a].origin, ob = records[b].origin
        if oa?.file != ob?.file { return (oa?.file ?? "") < (ob?.file ?? "") }
        return (oa?.line ?? 0, a) < (ob?.line ?? 0, b)
    }
    var newPosition = Array(repeating: 0, count: records.count)
    for (new, old) in sorted.enumerated() { newPosition[old] = new }
    dataset.records = sorted.map { records[$0] }
    if let seq = dataset.column(ifPresent: dataset.prefix + "SEQ"), let usubjid = dataset.column(ifPresent: "USUBJID") {
        var n = 0
        var subject = ""
        for i in dataset.records.indices {
            let id = dataset.records[i].values[usubjid].text
            n = id == subject ? n + 1 : 1
            subject = id
            dataset.records[i].values[seq] = .number(Double(n))
        }
    }
    return newPosition
}

private func numericOrder(_ x: Value, _ y: Value) -> Bool {
    switch (x, y) {
    case (.number(let a), .number(let b)): a < b
    case (.null, _): true
    case (_, .null): false
    default: x.text < y.text
    }
}
