import SDTMModel

/// SDTMIG 3.4 §4.1.2: required variables must be present.
public struct RequiredVariablePresent: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.VAR.REQ-MISSING", severity: .error, reference: "SDTMIG 3.4 §4.1.2 (core variables)",
        title: "Required variable missing",
        explanation: "Every variable whose core is Req must be in the dataset. Map it, or derive it, before submission.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for v in view.standard!.variables where v.core == .required && view.column(v.name) == nil {
            findings.append(finding(view, variable: v.name, "required variable \(v.name) (\(v.label)) is not in \(view.name)"))
        }
    }
}

/// SDTMIG 3.4 §4.1.2: expected variables must be present, even when all values are null.
public struct ExpectedVariablePresent: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.VAR.EXP-MISSING", severity: .warning, reference: "SDTMIG 3.4 §4.1.2 (core variables)",
        title: "Expected variable missing",
        explanation: "Variables whose core is Exp must be included even when they are not collected (then null).")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for v in view.standard!.variables where v.core == .expected && view.column(v.name) == nil {
            findings.append(finding(view, variable: v.name, "expected variable \(v.name) (\(v.label)) is not in \(view.name)"))
        }
    }
}

/// SDTMIG 3.4 §4.1.2: required variables may never be null.
public struct RequiredValueNotNull: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.VAR.REQ-NULL", severity: .error, reference: "SDTMIG 3.4 §4.1.2 (core variables)",
        title: "Required variable is null",
        explanation: "A Req variable must have a value in every record. Find the raw value (see findings.csv of the export) and correct it at the site.")
    /// The required columns with a null value, each with its records' codes (code 0 is null).
    private var required: [(name: String, codes: [UInt32])] = []
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        required = view.standard!.variables.filter { $0.core == .required }.compactMap { v in
            view.column(v.name).map { (v.name, view.dataset.columns[$0].codes) }
        }.filter { $0.codes.contains(0) }
    }
    public var visitsRecords: Bool { !required.isEmpty }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for (name, codes) in required where codes[record.index] == 0 {
            findings.append(finding(view, record: number, variable: name, "\(name) is required but null"))
        }
    }
}
