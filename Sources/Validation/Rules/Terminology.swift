import SDTMModel

/// SDTMIG 3.4 §4.3 and NCI CT: a CT-bound variable takes submission values of its codelist.
/// Outside a non-extensible codelist it is an error; outside an extensible one, a warning (a sponsor extension
/// that define.xml must declare). Values the implementation guide itself prescribes outside CT
/// (`ValidationContext.terminologyExceptions`) are notices.
public struct ValueInCodelist: Rule {
    public let descriptor = RuleDescriptor(
        id: "CT.VALUE", severity: .error, reference: "SDTMIG 3.4 §4.3 (controlled terminology); NCI EVS SDTM CT",
        title: "Value not in the variable's codelist",
        explanation: "Use the CDISC submission value (recode the raw value through the codelist's synonyms in the mapping); "
            + "a value outside an extensible codelist is a sponsor extension to declare in define.xml.")
    private var bound: [(index: Int, name: String, values: Set<String>, extensible: Bool, lists: String)] = []
    private var reported: Set<String> = []
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        guard let terminology = context.terminology, let standard = view.standard else { return }
        bound = view.present.compactMap { i in
            let name = view.variable(at: i).name
            let lists = standard.variable(name)?.codelists.compactMap { terminology.codelists[$0] } ?? []
            guard !lists.isEmpty else { return nil }
            return (i, name, Set(lists.flatMap { $0.terms.map(\.submissionValue) }), lists.contains { $0.extensible },
                    lists.map { "\($0.name) (\($0.code))" }.joined(separator: " or "))
        }
    }
    public mutating func visit(_ record: Record, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for (index, name, values, extensible, names) in bound {
            let value = record.values[index].text
            guard !value.isEmpty, !values.contains(value) else { continue }
            // One finding per variable and value, on its first record.
            guard reported.insert(name + "\u{1F}" + value).inserted else { continue }
            if let reference = context.terminologyExceptions[view.name + "." + name + "=" + value] {
                var f = finding(view, record: number, variable: name, value: value,
                                "'\(value)' is outside \(names) as the implementation guide prescribes: \(reference)")
                f.severity = .notice
                findings.append(f)
                continue
            }
            var f = finding(view, record: number, variable: name, value: value,
                            "'\(value)' is not in \(extensible ? "the extensible" : "the non-extensible") codelist \(names)")
            if extensible { f.severity = .warning }
            findings.append(f)
        }
    }
}
