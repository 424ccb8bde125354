import SDTMModel

/// SDTMIG 3.4 §8.4: each SUPP-- record points to an existing parent record.
public struct SupplementalParentExists: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.SUPP.PARENT", severity: .error, reference: "SDTMIG 3.4 §8.4.1 (SUPP-- RDOMAIN, IDVAR, IDVARVAL)",
        title: "Supplemental qualifier without a parent record",
        explanation: "RDOMAIN, USUBJID, IDVAR and IDVARVAL must identify a record of the parent dataset.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name.hasPrefix("SUPP") }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        let parent = record.text(view, "RDOMAIN"), id = record.text(view, "USUBJID")
        let idvar = record.text(view, "IDVAR"), value = record.text(view, "IDVARVAL")
        let exists = idvar.isEmpty
            ? context.subjects.contains(id)
            : context.parentKeys[parent]?[id]?.contains(idvar + "\u{1F}" + value) ?? false
        if !exists {
            findings.append(finding(view, record: number, variable: "IDVARVAL", value: value,
                                    "no \(parent) record of \(id) with \(idvar.isEmpty ? "USUBJID" : idvar) = \(value)"))
        }
    }
}
