import SDTMModel

/// FDA's SAS transport v5 limits: names at most 8 characters.
public struct NameLength: Rule {
    public let descriptor = RuleDescriptor(
        id: "XPT.NAME-LENGTH", severity: .error, reference: "FDA Study Data Technical Conformance Guide §3.3 (SAS XPORT v5)",
        title: "Variable name longer than 8 characters",
        explanation: "SAS transport v5 allows names of at most 8 characters: shorten the name (SUPP-- QNAMs too).")
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        if view.name.utf8.count > 8 { findings.append(finding(view, "the dataset name \(view.name) is longer than 8 characters")) }
        for name in view.presentNames where name.utf8.count > 8 {
            findings.append(finding(view, variable: name, "\(name) has \(name.utf8.count) characters"))
        }
    }
}

/// FDA's SAS transport v5 limits: labels at most 40 characters.
public struct LabelLength: Rule {
    public let descriptor = RuleDescriptor(
        id: "XPT.LABEL-LENGTH", severity: .error, reference: "FDA Study Data Technical Conformance Guide §3.3 (SAS XPORT v5)",
        title: "Label longer than 40 characters",
        explanation: "SAS transport v5 allows labels of at most 40 characters: shorten the label.")
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for i in view.present where view.variable(at: i).label.utf8.count > 40 {
            let v = view.variable(at: i)
            findings.append(finding(view, variable: v.name, value: v.label, "the label of \(v.name) has \(v.label.utf8.count) bytes"))
        }
    }
}

/// FDA's SAS transport v5 limits: character values at most 200 bytes.
public struct CharacterValueLength: Rule {
    public let descriptor = RuleDescriptor(
        id: "XPT.VALUE-LENGTH", severity: .error, reference: "FDA Study Data Technical Conformance Guide §3.3 (SAS XPORT v5)",
        title: "Character value longer than 200 bytes",
        explanation: "SAS transport v5 allows at most 200 bytes per value: split the text (e.g. AETERM into SUPPAE) as SDTMIG §4.5.3 describes.")
    /// The columns that have a value over the limit, each with a verdict per value: whether it is over.
    private var long: [PerValue<Bool>] = []
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        long = view.present.compactMap { i in
            let tooLong = PerValue(view, i) { if case .text(let s) = $0 { s.utf8.count > 200 } else { false } }
            return tooLong.any ? tooLong : nil
        }
    }
    public var visitsRecords: Bool { !long.isEmpty }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for tooLong in long where tooLong[record] {
            let i = tooLong.column
            if case .text(let s) = record[i] {
                findings.append(finding(view, record: number, variable: view.variable(at: i).name,
                                        "the value has \(s.utf8.count) bytes"))
            }
        }
    }
}
