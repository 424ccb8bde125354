import SDTMModel

/// A variable's texts down a dataset, each distinct one written once (empty throughout when the dataset lacks it).
struct TextColumn {
    let codes: [Int]
    let texts: [String]

    init(_ dataset: Dataset, _ name: String) {
        guard let c = dataset.column(ifPresent: name) else {
            (codes, texts) = (Array(repeating: 0, count: dataset.count), [""])
            return
        }
        (codes, texts) = (dataset.columns[c].codes.map(Int.init), dataset.columns[c].distinct.map(\.text))
    }

    subscript(record: Int) -> String { texts[codes[record]] }
}
