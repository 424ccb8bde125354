import SDTMModel

/// SDTMIG 3.4 §2.5: a dataset of a standard domain uses the domain's variables (others go to SUPP--).
public struct VariableKnownToStandard: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.VAR.UNKNOWN", severity: .warning, reference: "SDTMIG 3.4 §2.5, §8.4 (non-standard variables)",
        title: "Variable not in the domain",
        explanation: "A variable that is not in the domain's specification belongs in SUPP-- as a supplemental qualifier.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for name in view.presentNames where view.standard!.variable(name) == nil {
            findings.append(finding(view, variable: name, "\(name) is not a variable of \(view.name) in SDTMIG"))
        }
    }
}

/// Define-XML and SDTMIG: a variable's label is the one the implementation guide gives.
public struct VariableLabelAsSpec: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.VAR.LABEL", severity: .warning, reference: "SDTMIG 3.4 domain specification tables",
        title: "Label differs from the standard",
        explanation: "Use the SDTMIG label of the variable (formats without labels, like CSV, are not checked).")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for i in view.present {
            let v = view.variable(at: i)
            guard !v.label.isEmpty, let spec = view.standard!.variable(v.name), spec.label != v.label else { continue }
            findings.append(finding(view, variable: v.name, value: v.label, "label '\(v.label)' differs from SDTMIG's '\(spec.label)'"))
        }
    }
}

/// SDTMIG: a Num variable holds numbers only.
public struct VariableTypeAsSpec: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.VAR.TYPE", severity: .error, reference: "SDTMIG 3.4 domain specification tables (Type)",
        title: "Value does not match the variable's type",
        explanation: "A Num variable must hold numbers. Map the value with 'number:' or correct it at the source.")
    /// The Num columns that hold some text, each with a verdict per value: whether it is text.
    private var numeric: [(name: String, isText: PerValue<Bool>)] = []
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        numeric = view.present.compactMap { i in
            let name = view.variable(at: i).name
            guard view.standard!.variable(name)?.type == .num else { return nil }
            let isText = PerValue(view, i) { if case .text = $0 { true } else { false } }
            return isText.any ? (name, isText) : nil
        }
    }
    public var visitsRecords: Bool { !numeric.isEmpty }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for (name, isText) in numeric where isText[record] {
            if case .text(let s) = record[isText.column] {
                findings.append(finding(view, record: number, variable: name, value: s, "\(name) is numeric but holds '\(s)'"))
            }
        }
    }
}

/// SDTMIG 3.4 §4.1.4: variables appear in the order of the domain specification.
public struct VariableOrderAsSpec: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.VAR.ORDER", severity: .notice, reference: "SDTMIG 3.4 §4.1.4 (order of variables)",
        title: "Variables out of the standard order",
        explanation: "Order the dataset's variables as the domain specification lists them.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.standard != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        let orders = view.presentNames.compactMap { name in view.standard!.variable(name).map { (name, $0.order) } }
        for (a, b) in zip(orders, orders.dropFirst()) where a.1 > b.1 {
            findings.append(finding(view, variable: b.0, "\(b.0) comes after \(a.0) but the standard puts it before"))
        }
    }
}
