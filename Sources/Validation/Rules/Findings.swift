import SDTMModel

/// SDTMIG 3.4 §4.5.1: when the standard result is numeric, --STRESN holds it.
public struct StandardNumericWhenNumeric: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.FINDINGS.STRESN", severity: .error, reference: "SDTMIG 3.4 §4.5.1 (original and standardized results)",
        title: "--STRESN missing or different for a numeric --STRESC",
        explanation: "Copy a numeric --STRESC into --STRESN; keep --STRESN null for results like '<0.2'.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool {
        view.column(view.prefix + "STRESC") != nil && view.column(view.prefix + "STRESN") != nil
    }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        let c = record.text(view, view.prefix + "STRESC")
        guard let expected = Double(c), c.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }) else { return }
        let n = record[view.column(view.prefix + "STRESN")!]
        if case .number(let d) = n, abs(d - expected) <= 1e-9 * max(1, abs(expected)) { return }
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
    private var seen: Set<String> = []
    private var flags: [String] = []
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.column(view.prefix + "TESTCD") != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        flags = ["BLFL", "LOBXFL"].map { view.prefix + $0 }.filter { view.column($0) != nil }
    }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for flag in flags where record.text(view, flag) == "Y" {
            let key = [flag, record.text(view, "USUBJID"), record.text(view, view.prefix + "TESTCD"), record.text(view, view.prefix + "SPEC"),
                       record.text(view, view.prefix + "LNKID")].joined(separator: "\u{1F}")
            if !seen.insert(key).inserted {
                findings.append(finding(view, record: number, variable: flag, value: "Y",
                                        "a second \(flag) for \(record.text(view, "USUBJID")) \(record.text(view, view.prefix + "TESTCD"))"))
            }
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
