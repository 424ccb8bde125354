import SDTMModel
import Standards

/// SDTMIG 3.4 §4.3 and NCI CT: a CT-bound variable takes submission values of its codelists, checked by the
/// terminology engine (`CodelistCheck`) that export and validate share. One finding per variable and value,
/// with the count and the first records: errors outside non-extensible codelists, warnings outside extensible
/// ones unless declared as sponsor extensions, notices for values the guide itself prescribes outside CT.
public struct ValueInCodelist: Rule {
    public let descriptor = RuleDescriptor(
        id: "CT.VALUE", severity: .error, reference: "SDTMIG 3.4 §4.3 (controlled terminology); NCI EVS SDTM CT",
        title: "Value not in the variable's codelist",
        explanation: "Use the CDISC submission value (recode the raw value through the codelist's synonyms in the mapping); "
            + "a value outside an extensible codelist is a sponsor extension to declare with its reason.")
    private var check: CodelistCheck?
    /// The CT-bound columns with a value that may be outside their codelists, each with a verdict per value: whether
    /// it passes for sure (null, a submission value of one of the codelists, or a numeric --STRESC result), as
    /// `CodelistCheck` decides it. The check only counts the values outside, so a record whose values all pass for
    /// sure is not given to it.
    private var unsure: [PerValue<Bool>] = []
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        check = context.terminology.map {
            CodelistCheck(spec: view.dataset.spec, present: view.present, terminology: $0, extensions: context.sponsorExtensions,
                          guideExceptions: context.terminologyExceptions)
        }
        unsure = check.map { check in
            check.checked.compactMap { column in
                let passes = PerValue(view, column.index, column.passes)
                return passes.values.contains(false) ? passes : nil
            }
        } ?? []
    }
    public var visitsRecords: Bool { check != nil && !unsure.isEmpty }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        if unsure.contains(where: { !$0[record] }) { check?.add(record, number: number) }
    }
    public mutating func finish(_ view: DatasetView, context: inout ValidationContext, findings: inout [Finding]) {
        for f in check?.findings() ?? [] {
            var finding = finding(view, record: f.firstRecords.first, variable: f.variable, value: f.value, f.message)
            finding.severity = f.severity
            findings.append(finding)
        }
    }
}
