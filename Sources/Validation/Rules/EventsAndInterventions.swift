import SDTMModel

/// SDTMIG 3.4 §6.2 AE: a serious event has at least one seriousness criterion.
public struct SeriousEventHasCriterion: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.AE.SERIOUS-CRITERION", severity: .error, reference: "SDTMIG 3.4 §6.2 AE (assumption on AESER)",
        title: "Serious AE without a seriousness criterion",
        explanation: "When AESER is Y, at least one of AESCAN, AESCONG, AESDISAB, AESDTH, AESHOSP, AESLIFE, AESOD, AESMIE is Y.")
    static let criteria = ["AESCAN", "AESCONG", "AESDISAB", "AESDTH", "AESHOSP", "AESLIFE", "AESOD", "AESMIE"]
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name == "AE" && view.column("AESER") != nil }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard record.text(view, "AESER") == "Y", !Self.criteria.contains(where: { record.text(view, $0) == "Y" }) else { return }
        findings.append(finding(view, record: number, variable: "AESER", value: "Y", "AESER is Y but no seriousness criterion is Y"))
    }
}

/// SDTMIG 3.4 §6.2 AE with CTCAE: AETOXGR is a grade from 1 to 5.
public struct ToxicityGradeInRange: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.AE.TOXGR-RANGE", severity: .error, reference: "SDTMIG 3.4 §6.2 AE (AETOXGR); CTCAE v5.0",
        title: "AETOXGR outside 1-5",
        explanation: "CTCAE grades are 1, 2, 3, 4 or 5: correct the grade at the site.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.column("AETOXGR") != nil }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        let grade = record.text(view, "AETOXGR")
        if !grade.isEmpty, !["1", "2", "3", "4", "5"].contains(grade) {
            findings.append(finding(view, record: number, variable: "AETOXGR", value: grade, "AETOXGR '\(grade)' is not a grade from 1 to 5"))
        }
    }
}

/// SDTMIG 3.4 §6.1 EX: each record has a dose (or a dose description) and, with a dose, its unit.
public struct ExposureDoseAndUnit: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.EX.DOSE-UNIT", severity: .error, reference: "SDTMIG 3.4 §6.1 EX (EXDOSE, EXDOSU)",
        title: "Exposure without dose or unit",
        explanation: "EX records give EXDOSE (or EXDOSTXT) and EXDOSU.")
    /// The positions, ascending, of the records without a dose or with a dose and no unit, found in `begin` by the
    /// columns' codes so that only those records are visited.
    private var lacking: [Int] = []
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name == "EX" }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        // Per value of each column, whether it is empty; an absent column is empty on every record.
        let empty = { (name: String) in PerValue(view, name) { $0.text.isEmpty } }
        let (dose, text, unit) = (empty("EXDOSE"), empty("EXDOSTXT"), empty("EXDOSU"))
        lacking = (0..<view.dataset.count).filter { r in
            let noDose = dose?[r] ?? true
            return noDose ? text?[r] ?? true : unit?[r] ?? true
        }
    }
    public var visitsRecords: Bool { !lacking.isEmpty }
    public mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for record in lacking.positions(in: rows) {
            let row = view.dataset.rows[record]
            let dose = row.text(view, "EXDOSE")
            if dose.isEmpty {
                findings.append(finding(view, record: record + 1, variable: "EXDOSE", "neither EXDOSE nor EXDOSTXT has a value"))
            } else {
                findings.append(finding(view, record: record + 1, variable: "EXDOSU", value: dose, "EXDOSE \(dose) has no unit"))
            }
        }
    }
}
