import Ingest
import SDTMModel
import Standards
import Testing

@testable import Mapping

/// Small, hand-built specs, terminology and study for the mapping tests.
enum Fixture {
    private static func variable(
        _ name: String, _ order: Int, _ type: VariableType = .char, _ core: Core = .permissible,
        _ role: String = "Record Qualifier", codelists: [String] = []
    ) -> VariableSpec {
        VariableSpec(name: name, label: name, type: type, core: core, role: role, codelists: codelists, order: order)
    }

    /// A made-up events domain `XX`: identifiers, a required topic (XXTERM), and qualifiers of each kind.
    static let xx = DomainSpec(
        name: "XX", label: "Test Events", class: "Events", structure: "One record per event per subject",
        keys: ["STUDYID", "USUBJID", "XXTERM"],
        variables: [
            variable("STUDYID", 1, .char, .required, "Identifier"),
            variable("DOMAIN", 2, .char, .required, "Identifier"),
            variable("USUBJID", 3, .char, .required, "Identifier"),
            variable("XXSEQ", 4, .num, .required, "Identifier"),
            variable("XXTERM", 5, .char, .required, "Topic"),
            variable("XXCAT", 6, .char, .permissible, "Grouping Qualifier"),
            variable("XXTESTCD", 7, .char, .permissible, "Synonym Qualifier"),
            variable("XXORRES", 8, .char, .permissible, "Result Qualifier"),
            variable("XXSEX", 9, .char, .permissible, "Record Qualifier", codelists: ["C66731"]),
            variable("XXROUTE", 10, .char, .permissible, "Variable Qualifier", codelists: ["C66729"]),
            variable("XXDOSE", 11, .num, .permissible, "Record Qualifier"),
            variable("XXSTDTC", 12, .char, .expected, "Timing"),
        ])

    static let standard = StandardSpec(name: "SDTMIG", version: "3.4", domains: ["XX": xx])

    /// SEX (C66731) as NCI EVS publishes it: non-extensible, with CDISC synonyms and NCI preferred terms.
    static let sex = Codelist(code: "C66731", shortName: "SEX", name: "Sex", extensible: false, terms: [
        Term(code: "C16576", submissionValue: "F", synonyms: ["Female"], definition: "", preferredTerm: "Female"),
        Term(code: "C45908", submissionValue: "INTERSEX", synonyms: [], definition: "", preferredTerm: "Intersex"),
        Term(code: "C20197", submissionValue: "M", synonyms: ["Male"], definition: "", preferredTerm: "Male"),
        Term(code: "C17998", submissionValue: "U", synonyms: ["U", "UNK", "Unknown"], definition: "", preferredTerm: "Unknown"),
    ])

    /// Part of ROUTE (C66729), which is extensible.
    static let route = Codelist(code: "C66729", shortName: "ROUTE", name: "Route of Administration Response",
                                extensible: true, terms: [
        Term(code: "C38276", submissionValue: "INTRAVENOUS", synonyms: [], definition: "",
             preferredTerm: "Intravenous Route of Administration"),
        Term(code: "C38288", submissionValue: "ORAL", synonyms: ["Intraoral Route of Administration", "PO"], definition: "",
             preferredTerm: "Oral Route of Administration"),
        Term(code: "C38299", submissionValue: "SUBCUTANEOUS", synonyms: ["SC", "Subdermal Route of Administration"],
             definition: "", preferredTerm: "Subcutaneous Route of Administration"),
    ])

    static let terminology = Terminology(version: "2025-03-28", codelists: [sex.code: sex, route.code: route])

    static let study = StudyDefinition(
        key: "test", studyID: "TEST-01", title: "A test study", sponsor: "Test Sponsor", country: "USA",
        standardVersion: "3.4", terminologyVersion: "2025-03-28", terminologyFile: "ct/test.txt",
        creationDateTime: "2026-01-01T00:00:00", dateFormats: ["DD-MMM-YYYY", "MM/DD/YYYY", "YYYY-MM-DD"],
        arms: [], treatments: [], epochs: [], visits: [], cycleDays: 21, dataDictionary: nil)

    /// The package root, found from this file's path (Tests/MappingTests/Fixtures.swift).
    static let packageRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
}

/// An XX mapping over `xx.csv`: the four variables every record needs (from the raw columns `subj` and `term`),
/// then `variables` (indented by two spaces). `top` goes before `variables:` (filters, join, key, records...).
func xxMapping(_ variables: String = "", top: String = "") -> String {
    """
    domain: XX
    source: xx.csv
    \(top)
    variables:
      STUDYID: {study: studyid}
      DOMAIN: XX
      USUBJID: {concat: [{study: studyid}, "-", {column: subj}]}
      XXTERM: {column: term}
    \(variables)
    """
}

/// Parses a mapping against the fixture spec and terminology.
func parseMapping(_ yaml: String, file: String = "xx.yaml") throws(Diagnostic) -> DomainMapping {
    try MappingParser.parse(text: yaml, file: file, standard: Fixture.standard, terminology: Fixture.terminology)
}

/// The error a mapping fails to parse with (a test failure when it parses).
func parseError(_ yaml: String, file: String = "xx.yaml") -> Diagnostic? {
    do throws(Diagnostic) {
        _ = try parseMapping(yaml, file: file)
        Issue.record("the mapping parsed, but an error was expected")
        return nil
    } catch {
        return error
    }
}

/// The error a mapping fails to parse with, or nil when it parses.
func parseErrorIfAny(_ yaml: String, file: String = "xx.yaml") -> Diagnostic? {
    do throws(Diagnostic) {
        _ = try parseMapping(yaml, file: file)
        return nil
    } catch {
        return error
    }
}

func rawTable(_ file: String, _ csv: String) throws -> RawTable {
    try RawTable(bytes: Array(csv.utf8), file: file)
}

/// Parses `yaml` and runs it over `files` (file name to CSV text).
func runMapping(
    _ yaml: String, _ files: [String: String], dictionary: DataDictionary = DataDictionary(),
    study: StudyDefinition = Fixture.study
) throws -> MappedDomain {
    let mapping = try parseMapping(yaml)
    var tables: [String: RawTable] = [:]
    for (file, csv) in files { tables[file] = try rawTable(file, csv) }
    return try DomainMapper(study: study, dictionary: dictionary).map(mapping, tables: tables)
}

extension MappedDomain {
    /// One variable's values, record by record.
    func values(_ variable: String) -> [Value] {
        let i = dataset.column(variable)
        return dataset.records.map { $0.values[i] }
    }

    func value(_ variable: String, record: Int = 0) -> Value {
        dataset.records[record].values[dataset.column(variable)]
    }

    func diagnostics(_ rule: String) -> [Diagnostic] { diagnostics.filter { $0.rule == rule } }

    func rejections(_ rule: String) -> [Rejection] { rejections.filter { $0.rule == rule } }

    /// The raw lines the records were made from.
    var recordLines: [Int] { dataset.records.compactMap { $0.origin?.line } }
}
