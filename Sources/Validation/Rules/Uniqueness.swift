import SDTMModel

/// SDTMIG 3.4 §4.1.5: --SEQ is unique for each record within a subject.
public struct SequenceUniqueWithinSubject: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.SEQ.DUPLICATE", severity: .error, reference: "SDTMIG 3.4 §4.1.5 (--SEQ)",
        title: "--SEQ not unique within USUBJID",
        explanation: "Number each subject's records 1, 2, ... without repeats.")
    private var seen: Set<String> = []
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.column(view.prefix + "SEQ") != nil }
    public mutating func visit(_ record: Record, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        let seq = record.text(view, view.prefix + "SEQ")
        if !seen.insert(record.text(view, "USUBJID") + "\u{1F}" + seq).inserted {
            findings.append(finding(view, record: number, variable: view.prefix + "SEQ", value: seq,
                                    "\(view.prefix)SEQ \(seq) repeats for \(record.text(view, "USUBJID"))"))
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
    private var seen: [String: Int] = [:]
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        let names = view.standard!.keys
        let positions = names.compactMap(view.column)
        keys = positions.count == names.count ? positions : []
    }
    public mutating func visit(_ record: Record, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard !keys.isEmpty else { return }
        let key = keys.map { record.values[$0].text }.joined(separator: "\u{1F}")
        if let first = seen[key] {
            findings.append(finding(view, record: number, value: key.replacingSeparators,
                                    "the keys \(view.standard!.keys.joined(separator: ", ")) repeat record \(first)"))
        } else {
            seen[key] = number
        }
    }
}

extension String {
    var replacingSeparators: String { split(separator: "\u{1F}", omittingEmptySubsequences: false).joined(separator: " | ") }
}
