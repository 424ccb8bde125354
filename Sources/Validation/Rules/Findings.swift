import SDTMModel

/// SDTMIG 3.4 §4.5.1: when the standard result is numeric, --STRESN holds it.
public struct StandardNumericWhenNumeric: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.FINDINGS.STRESN", severity: .error, reference: "SDTMIG 3.4 §4.5.1 (original and standardized results)",
        title: "--STRESN missing or different for a numeric --STRESC",
        explanation: "Copy a numeric --STRESC into --STRESN; keep --STRESN null for results like '<0.2'.")
    /// --STRESC with, per value, the number of a plain numeric result (digits, `.`, `-`), else nil.
    private var character = PerValue<Double?>()
    /// --STRESN with, per value, its number (nil for null or text).
    private var numeric = PerValue<Double?>()
    public init() {}
    public func applies(to view: DatasetView) -> Bool {
        view.column(view.prefix + "STRESC") != nil && view.column(view.prefix + "STRESN") != nil
    }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        character = PerValue(view, view.prefix + "STRESC") { value -> Double? in
            let c = value.text
            guard let d = Double(c), c.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }) else { return nil }
            return d
        }!
        numeric = PerValue(view, view.prefix + "STRESN") { value -> Double? in if case .number(let d) = value { d } else { nil } }!
    }
    public var visitsRecords: Bool { character.values.contains { $0 != nil } }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard let expected = character[record] else { return }
        if let d = numeric[record], abs(d - expected) <= 1e-9 * max(1, abs(expected)) { return }
        let c = record[character.column].text, n = record[numeric.column]
        findings.append(finding(view, record: number, variable: view.prefix + "STRESN", value: n.text,
                                "\(view.prefix)STRESC is \(c) but \(view.prefix)STRESN is \(n.isNull ? "null" : n.text)"))
    }
}

/// SDTMIG 3.4 §4.5.5: at most one baseline record per subject, test (and specimen).
public struct BaselineFlagOncePerTest: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.FINDINGS.BASELINE-TWICE", severity: .error, reference: "SDTMIG 3.4 §4.5.5 (--BLFL, --LOBXFL)",
        title: "More than one baseline per subject and test",
        explanation: "Flag exactly one record per subject and test (and specimen, or lesion in TR) as baseline.")
    /// The flag columns present, each with the records that repeat an earlier baseline (by position in the dataset).
    private var flags: [(name: String, repeats: Set<Int>)] = []
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.column(view.prefix + "TESTCD") != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        // USUBJID, --TESTCD, --SPEC and --LNKID tell baselines apart: among a flag's Y records, those whose four match
        // an earlier one's repeat it.
        let parts = ["USUBJID", view.prefix + "TESTCD", view.prefix + "SPEC", view.prefix + "LNKID"].map { TextIDs(view, $0) }
        flags = ["BLFL", "LOBXFL"].map { view.prefix + $0 }.compactMap { name in
            guard let isY = PerValue(view, name, { $0.text == "Y" }) else { return nil }
            let baselines = isY.any ? (0..<view.dataset.count).filter { isY[$0] } : []
            let first = FirstOccurrences.first(byCodes: parts.map { part in baselines.map(part.id) }, count: baselines.count)
            return (name, Set(baselines.indices.filter { first[$0] != $0 }.map { baselines[$0] }))
        }
    }
    public var visitsRecords: Bool { flags.contains { !$0.repeats.isEmpty } }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for flag in flags where flag.repeats.contains(record.index) {
            findings.append(finding(view, record: number, variable: flag.name, value: "Y",
                                    "a second \(flag.name) for \(record.text(view, "USUBJID")) \(record.text(view, view.prefix + "TESTCD"))"))
        }
    }
}

/// SDTMIG 3.4 §6.3.5 (TR): every measurement links to an identified lesion.
public struct TumorResultLinksToTumor: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.TR.LINK", severity: .error, reference: "SDTMIG 3.4 §6.3.5.6 TR (TRLNKID to TULNKID)",
        title: "TR record without a TU lesion",
        explanation: "Every TRLNKID must match a TULNKID of the same subject in TU.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name == "TR" && view.column("TRLNKID") != nil }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        let id = record.text(view, "USUBJID"), link = record.text(view, "TRLNKID")
        guard !link.isEmpty else { return }
        if !(context.parentKeys["TU"]?[id]?.contains("TULNKID\u{1F}" + link) ?? false) {
            findings.append(finding(view, record: number, variable: "TRLNKID", value: link, "no TU lesion \(link) for \(id)"))
        }
    }
}

/// Tells a column's values apart by their text, as a key of texts would, by a small id per record: codes of values
/// with the same text (a number and its text, null and "") share an id. An absent column gives every record id 0,
/// as null does.
struct TextIDs {
    /// Per value: the first code of a value with the same text; nil when the column is absent.
    private let ids: PerValue<UInt32>?

    init(_ view: DatasetView, _ name: String) {
        // Null (code 0) comes first, so every empty text has id 0.
        var first: [String: UInt32] = [:]
        var code: UInt32 = 0
        ids = PerValue(view, name) { value in
            defer { code += 1 }
            if let id = first[value.text] { return id }
            first[value.text] = code
            return code
        }
    }

    /// The id of the record at `index`.
    func id(_ index: Int) -> UInt32 { ids?[index] ?? 0 }
}
