import Foundation
import SDTMModel
import Standards
import Validation

/// Literal tables turned into what the validator sees, over the committed SDTMIG 3.4 spec.

let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The committed SDTMIG 3.4 spec (DM, EX, AE, SUPPQUAL), loaded once for the suite.
let sdtmig: StandardSpec = {
    do throws(Diagnostic) {
        return try StandardLoader.load(directory: packageRoot + "/specs/sdtmig-3.4", name: "SDTMIG", version: "3.4")
    } catch {
        fatalError("the committed spec does not load: \(error)")
    }
}()

/// LB, TU and TR are not in the committed spec: the variables the findings rules read, by hand.
let handMadeDomains: [String: DomainSpec] = [
    "LB": handMade("LB", "Laboratory Test Results", keys: ["STUDYID", "USUBJID", "LBTESTCD", "LBSPEC", "VISITNUM"], [
        ("STUDYID", "Study Identifier", .char, .required), ("DOMAIN", "Domain Abbreviation", .char, .required),
        ("USUBJID", "Unique Subject Identifier", .char, .required), ("LBSEQ", "Sequence Number", .num, .required),
        ("LBTESTCD", "Lab Test or Examination Short Name", .char, .required),
        ("LBTEST", "Lab Test or Examination Name", .char, .required), ("LBSPEC", "Specimen Type", .char, .permissible),
        ("LBORRES", "Result or Finding in Original Units", .char, .expected),
        ("LBSTRESC", "Character Result/Finding in Std Format", .char, .expected),
        ("LBSTRESN", "Numeric Result/Finding in Standard Units", .num, .expected),
        ("LBBLFL", "Baseline Flag", .char, .permissible), ("LBLOBXFL", "Last Observation Before Exposure Flag", .char, .expected),
        ("VISITNUM", "Visit Number", .num, .expected), ("LBDTC", "Date/Time of Specimen Collection", .char, .expected),
        ("LBDY", "Study Day of Specimen Collection", .num, .permissible),
    ]),
    "TU": handMade("TU", "Tumor/Lesion Identification", keys: ["STUDYID", "USUBJID", "TULNKID"], [
        ("STUDYID", "Study Identifier", .char, .required), ("DOMAIN", "Domain Abbreviation", .char, .required),
        ("USUBJID", "Unique Subject Identifier", .char, .required), ("TUSEQ", "Sequence Number", .num, .required),
        ("TULNKID", "Link ID", .char, .expected), ("TUTESTCD", "Tumor/Lesion ID Short Name", .char, .required),
        ("TUORRES", "Tumor/Lesion ID Result", .char, .expected),
    ]),
    "TR": handMade("TR", "Tumor/Lesion Results", keys: ["STUDYID", "USUBJID", "TRLNKID", "TRTESTCD"], [
        ("STUDYID", "Study Identifier", .char, .required), ("DOMAIN", "Domain Abbreviation", .char, .required),
        ("USUBJID", "Unique Subject Identifier", .char, .required), ("TRSEQ", "Sequence Number", .num, .required),
        ("TRLNKID", "Link ID", .char, .expected), ("TRTESTCD", "Tumor/Lesion Assessment Short Name", .char, .required),
        ("TRORRES", "Result or Finding in Original Units", .char, .expected),
    ]),
]

private func handMade(_ name: String, _ label: String, keys: [String],
                      _ variables: [(String, String, VariableType, Core)]) -> DomainSpec {
    DomainSpec(name: name, label: label, class: "Findings", structure: "One record per finding per subject", keys: keys,
               variables: variables.enumerated().map { i, v in
                   VariableSpec(name: v.0, label: v.1, type: v.2, core: v.3, role: "", codelists: [], order: i + 1)
               })
}

/// Two codelists by hand: Sex (C66731, non-extensible) and Epoch (C99079, extensible).
let handMadeTerminology = Terminology(version: "test", codelists: [
    "C66731": Codelist(code: "C66731", shortName: "SEX", name: "Sex", extensible: false, terms: [
        Term(code: "C20197", submissionValue: "M", synonyms: ["Male"], definition: "", preferredTerm: "Male"),
        Term(code: "C16576", submissionValue: "F", synonyms: ["Female"], definition: "", preferredTerm: "Female"),
        Term(code: "C17998", submissionValue: "U", synonyms: ["Unknown"], definition: "", preferredTerm: "Unknown"),
    ]),
    "C99079": Codelist(code: "C99079", shortName: "EPOCH", name: "Epoch", extensible: true, terms: [
        Term(code: "C48262", submissionValue: "SCREENING", synonyms: [], definition: "", preferredTerm: "Trial Screening"),
        Term(code: "C101526", submissionValue: "TREATMENT", synonyms: [], definition: "", preferredTerm: "Treatment Epoch"),
        Term(code: "C99158", submissionValue: "FOLLOW-UP", synonyms: [], definition: "", preferredTerm: "Clinical Study Follow-up"),
    ]),
])

/// The standard's spec of a dataset: the committed SDTMIG (SUPP-- from SUPPQUAL), or the hand-made LB, TU, TR;
/// nil for a dataset the standard does not define.
func standardSpec(_ name: String) -> DomainSpec? { handMadeDomains[name] ?? sdtmig.domain(name) }

/// A dataset with exactly `columns`, in that order, one record per row. Each column takes the standard's type,
/// label, core and codelists when the standard knows the variable (else Char, Perm, no label), or the label
/// given in `labels`. An empty text is null; numeric text in a Num column is a number, other text stays text.
func view(_ name: String, _ columns: [String], _ rows: [[String]], labels: [String: String] = [:]) -> DatasetView {
    let standard = standardSpec(name)
    let variables = columns.enumerated().map { i, column in
        var v = standard?.variable(column)
            ?? VariableSpec(name: column, label: "", type: .char, core: .permissible, role: "", codelists: [], order: 0)
        v.order = i + 1
        if let label = labels[column] { v.label = label }
        return v
    }
    let spec = DomainSpec(name: name, label: standard?.label ?? name, class: standard?.class ?? "",
                          structure: standard?.structure ?? "", keys: standard?.keys ?? [], variables: variables)
    let records = rows.map { row in
        precondition(row.count == columns.count, "a row of \(name) has \(row.count) values for \(columns.count) columns")
        return Record(values: zip(variables, row).map { v, text in
            if v.type == .num, !text.isEmpty, let d = Double(text) { return .number(d) }
            return .of(text)
        }, origin: nil)
    }
    return DatasetView(dataset: Dataset(spec: spec, records: records), present: Array(columns.indices), standard: standard)
}

/// A row given by variable name, in the order of `columns` (absent names are null).
func row(_ columns: [String], _ values: [String: String]) -> [String] {
    precondition(Set(values.keys).isSubset(of: columns), "\(values.keys) not all in \(columns)")
    return columns.map { values[$0] ?? "" }
}

/// DM with one record per subject: USUBJID and RFSTDTC.
func dm(_ subjects: [(usubjid: String, rfstdtc: String)]) -> DatasetView {
    view("DM", ["STUDYID", "DOMAIN", "USUBJID", "RFSTDTC"], subjects.map { ["S1", "DM", $0.usubjid, $0.rfstdtc] })
}

/// The variables of a committed domain with a given core, in spec order.
func variables(of domain: String, _ core: Core) -> [String] {
    sdtmig.domain(domain)!.variables.filter { $0.core == core }.map(\.name)
}

/// Runs the validator with the given rules only.
func validate(_ rules: [any Rule], _ views: [DatasetView], context: ValidationContext = ValidationContext()) -> [Finding] {
    Validator(rules: rules).validate(views, context: context).findings
}

/// Runs the validator with one rule only.
func validate(_ rule: some Rule, _ views: DatasetView..., context: ValidationContext = ValidationContext()) -> [Finding] {
    validate([rule], views, context: context)
}

/// Where a finding points, without its message: what the tests compare.
struct Spot: Hashable, CustomStringConvertible {
    var rule: String
    var severity: Severity
    var dataset: String
    var record: Int?
    var variable: String?
    var value: String?

    init(_ rule: String, _ severity: Severity, _ dataset: String, record: Int?, variable: String?, value: String?) {
        self.rule = rule
        self.severity = severity
        self.dataset = dataset
        self.record = record
        self.variable = variable
        self.value = value
    }

    var description: String {
        "\(rule) \(severity.rawValue) \(dataset) record \(record.map(String.init) ?? "-") \(variable ?? "-") \(value.map { "'\($0)'" } ?? "nil")"
    }
}

extension Finding {
    var spot: Spot { Spot(rule, severity, dataset, record: record, variable: variable, value: value) }
}

extension Array where Element == Finding {
    var spots: [Spot] { map(\.spot) }
}
