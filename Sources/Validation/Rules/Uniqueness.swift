import SDTMModel

/// SDTMIG 3.4 §4.1.5: --SEQ is unique for each record within a subject.
public struct SequenceUniqueWithinSubject: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.SEQ.DUPLICATE", severity: .error, reference: "SDTMIG 3.4 §4.1.5 (--SEQ)",
        title: "--SEQ not unique within USUBJID",
        explanation: "Number each subject's records 1, 2, ... without repeats.")
    private var columns: [Int] = []
    private var seen = DuplicateDetector()
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.column(view.prefix + "SEQ") != nil && view.column("USUBJID") != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        columns = [view.column("USUBJID")!, view.column(view.prefix + "SEQ")!]
        seen = DuplicateDetector(view.dataset, columns: columns)
    }
    public var visitsRecords: Bool { seen.hasRepeats }
    public mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for (record, _) in seen.repeats(in: rows) {
            let seq = view.dataset[record, columns[1]].text
            findings.append(finding(view, record: record + 1, variable: view.prefix + "SEQ", value: seq,
                                    "\(view.prefix)SEQ \(seq) repeats for \(view.dataset[record, columns[0]].text)"))
        }
    }
}

/// SDTMIG 3.4 §3.2.1.1: the dataset's natural keys identify one record.
public struct KeysUnique: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.KEYS.DUPLICATE", severity: .warning, reference: "SDTMIG 3.4 §3.2.1.1 (natural keys)",
        title: "Duplicate natural key",
        explanation: "Two records share the dataset's keys (SDTMIG's example keys): check for a duplicated record, or refine the keys in define.xml.")
    private var keys: [Int] = []
    private var seen = DuplicateDetector()
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        let names = view.standard!.keys
        let positions = names.compactMap(view.column)
        keys = positions.count == names.count ? positions : []
        seen = keys.isEmpty ? DuplicateDetector() : DuplicateDetector(view.dataset, columns: keys)
    }
    public var visitsRecords: Bool { seen.hasRepeats }
    public mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for (record, first) in seen.repeats(in: rows) {
            findings.append(finding(view, record: record + 1, value: keys.map { view.dataset[record, $0].text }.joined(separator: " | "),
                                    "the keys \(view.standard!.keys.joined(separator: ", ")) repeat record \(first + 1)"))
        }
    }
}

/// Finds records whose values in some columns repeat an earlier record's, without building key strings: records are
/// matched by their values' codes (`FirstOccurrences`).
struct DuplicateDetector: Sendable {
    /// Per record, the first record with the same values (itself when it is the first).
    private var first: [Int] = []
    /// The records, ascending, that repeat an earlier record's values.
    private var repeating: [Int] = []

    init() {}

    init(_ dataset: Dataset, columns: [Int]) {
        first = FirstOccurrences.first(byCodes: columns.map { dataset.columns[$0].codes },
                                       codeCounts: columns.map { dataset.columns[$0].distinct.count }, count: dataset.count)
        repeating = first.indices.filter { first[$0] != $0 }
    }

    var hasRepeats: Bool { !repeating.isEmpty }

    /// The records among `rows` that repeat an earlier record's values, each with the first record it repeats.
    func repeats(in rows: Range<Int>) -> [(record: Int, first: Int)] {
        repeating.positions(in: rows).map { ($0, first[$0]) }
    }
}
