import Foundation
import SDTMModel
import Standards

@testable import Derivation
@testable import Mapping

/// Small hand-made datasets over the committed SDTMIG 3.4 spec, for checking derivations by hand.

let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

let standard: StandardSpec = {
    do throws(Diagnostic) {
        return try StandardLoader.load(directory: packageRoot + "/specs/sdtmig-3.4", name: "SDTMIG", version: "3.4")
    } catch {
        fatalError("the committed spec does not load: \(error)")
    }
}()

func spec(_ domain: String) -> DomainSpec {
    guard let spec = standard.domain(domain) else { fatalError("\(domain) is not in the committed spec") }
    return spec
}

/// One raw row: the line it came from and its values by variable name.
struct Row {
    var line: Int
    var values: [String: String]
}

func at(_ line: Int, _ values: [String: String]) -> Row { Row(line: line, values: values) }

/// A dataset of `domain` with one record per row. Values are given as text and stored with the
/// variable's type (`"44"` is the number 44 for AGE); an empty text is null.
func dataset(_ domain: String, file: String? = nil, _ rows: [Row]) -> Dataset {
    let spec = spec(domain)
    var ds = Dataset(spec: spec)
    let file = file ?? domain.lowercased() + ".csv"
    for row in rows {
        var record = ds.emptyRecord(origin: SourceLocation(file: file, line: row.line))
        for (name, text) in row.values {
            guard let i = spec.index(of: name) else { fatalError("\(name) is not a variable of \(domain)") }
            if spec.variables[i].type == .num, let d = Double(text) {
                record.values[i] = .number(d)
            } else {
                record.values[i] = .of(text)
            }
        }
        ds.append(record)
    }
    return ds
}

/// Rows numbered from line 2 (under the raw file's header), in the order given.
func dataset(_ domain: String, file: String? = nil, _ rows: [[String: String]]) -> Dataset {
    dataset(domain, file: file, rows.enumerated().map { at($0.offset + 2, $0.element) })
}

extension Dataset {
    /// Every record's value of a variable, as written out.
    func values(_ name: String) -> [String] {
        let i = column(name)
        return records.map { $0.values[i].text }
    }

    /// The value of a variable in the record of a subject (the first one when there are several).
    func value(_ name: String, of usubjid: String) -> String? {
        let id = column("USUBJID"), i = column(name)
        return records.first { $0.values[id].text == usubjid }?.values[i].text
    }
}

/// The sample study's three epochs: screening from consent, treatment from first dose,
/// follow-up 21 days after last dose.
let studyEpochs = [
    StudyDefinition.Epoch(name: "SCREENING", anchor: "RFICDTC", offsetDays: 0),
    StudyDefinition.Epoch(name: "TREATMENT", anchor: "RFXSTDTC", offsetDays: 0),
    StudyDefinition.Epoch(name: "FOLLOW-UP", anchor: "RFXENDTC", offsetDays: 21),
]

let study = StudyDefinition(
    key: "test", studyID: "TEST-01", title: "Test study", sponsor: "Sponsor", country: "USA",
    standardVersion: "3.4", terminologyVersion: "2025-03-28", terminologyFile: "ct/sdtm-ct-2025-03-28.txt",
    creationDateTime: "2026-01-01T00:00:00", dateFormats: ["YYYY-MM-DD"],
    arms: [StudyDefinition.Arm(code: "A", name: "Drug A", raw: "1")], treatments: [], epochs: studyEpochs,
    visits: [], cycleDays: 21, dataDictionary: nil)

/// A domain mapping parsed from YAML; derivations read only its sequence and whether it has supplemental qualifiers.
func mapping(_ yaml: String) -> DomainMapping {
    do throws(Diagnostic) {
        return try MappingParser.parse(text: yaml, file: "test.yaml", standard: standard,
                                       terminology: Terminology(version: "test", codelists: [:]))
    } catch {
        fatalError("test mapping does not parse: \(error)")
    }
}

let dmMapping = mapping("""
    domain: DM
    source: dm.csv
    variables:
      USUBJID: {column: subject}
    """)

let exMapping = mapping("""
    domain: EX
    source: ex.csv
    variables:
      USUBJID: {column: subject}
    sequence: [USUBJID, EXSTDTC]
    """)

/// AE ordered by start date then term, with one supplemental qualifier.
let aeMapping = mapping("""
    domain: AE
    source: ae.csv
    variables:
      USUBJID: {column: subject}
    sequence: [USUBJID, AESTDTC, AETERM]
    supplemental:
      - {qnam: AEREL1, qlabel: Relationship to Drug A, value: {column: rel}, origin: CRF, evaluator: INVESTIGATOR}
    """)

func mapped(_ mapping: DomainMapping, _ dataset: Dataset, supplemental: [SupplementalValue] = []) -> MappedDomain {
    MappedDomain(mapping: mapping, dataset: dataset, supplemental: supplemental, rejections: [], diagnostics: [],
                 extensions: [:])
}

func relationship(_ parent: Int, _ value: String) -> SupplementalValue {
    SupplementalValue(parent: parent, qnam: "AEREL1", qlabel: "Relationship to Drug A", value: value, origin: "CRF",
                      evaluator: "INVESTIGATOR")
}
