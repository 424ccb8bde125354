import DefineXML
import Foundation
import Mapping
import SDTMModel
import Standards
import Testing

/// A small study over the committed SDTMIG 3.4 spec and CT 2025-03-28 subset: DM, EX, AE and SUPPAE as the
/// derive stage would leave them, with mappings parsed from YAML like the study's own.
enum Fixture {
    /// The package root, from this file's path (Tests/DefineXMLTests/Fixtures.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The standard's own data, beside the package (../shared/reference/define-xml-2.1).
    static let reference = packageRoot + "/../shared/reference/define-xml-2.1"
    static let schemaDirectory = reference + "/schema"
    static let stylesheet = reference + "/stylesheet/define2-1.xsl"
    static let hasSchema = FileManager.default.fileExists(atPath: schemaDirectory + "/cdisc-define-2.1/define2-1-0.xsd")
    static let hasStylesheet = FileManager.default.fileExists(atPath: stylesheet)

    static let standard: StandardSpec = {
        do throws(Diagnostic) {
            return try StandardLoader.load(directory: packageRoot + "/specs/sdtmig-3.4", name: "SDTMIG", version: "3.4")
        } catch {
            fatalError("the committed spec does not load: \(error)")
        }
    }()

    static let terminology: Terminology = {
        do throws(Diagnostic) {
            return try TerminologyLoader.load(path: packageRoot + "/specs/ct/sdtm-ct-2025-03-28.txt", version: "2025-03-28")
        } catch {
            fatalError("the committed terminology does not load: \(error)")
        }
    }()

    static let study = StudyDefinition(
        key: "test", studyID: "TEST-01", title: "A test study of drug A", sponsor: "Test Sponsor", country: "USA",
        standardVersion: "3.4", terminologyVersion: "2025-03-28", terminologyFile: "ct/sdtm-ct-2025-03-28.txt",
        creationDateTime: "2026-01-01T00:00:00", dateFormats: ["YYYY-MM-DD"],
        arms: [StudyDefinition.Arm(code: "A", name: "Drug A", raw: "1")],
        treatments: [StudyDefinition.Treatment(name: "DRUG A", raw: "1", label: "Drug A", dose: 2.5, unit: "mg/kg")],
        epochs: [
            StudyDefinition.Epoch(name: "SCREENING", anchor: "RFICDTC", offsetDays: 0),
            StudyDefinition.Epoch(name: "TREATMENT", anchor: "RFXSTDTC", offsetDays: 0),
            StudyDefinition.Epoch(name: "FOLLOW-UP", anchor: "RFXENDTC", offsetDays: 21),
        ],
        visits: [], cycleDays: 21, dataDictionary: nil)

    static let dmYAML = """
        domain: DM
        source: enrollment.csv
        key: [subject_id]
        join:
          - {file: end_of_study.csv, as: eos, on: subject_id}
        variables:
          STUDYID: {study: studyid}
          DOMAIN: DM
          USUBJID: {concat: [{study: studyid}, "-", {column: subject_id}]}
          SUBJID: {column: subject_id}
          RFICDTC: {date: consent_date}
          RFPENDTC: {date: eos.last_contact_date}
          SITEID: {column: site_id}
          BRTHDTC: {date: birth_date}
          AGE: {number: age}
          SEX: {recode: {decode: sex}, codelist: SEX, ignoreCase: true}
          RACE: {recode: {decode: race}, codelist: RACE, ignoreCase: true}
          ETHNIC: {recode: {decode: ethnicity}, codelist: ETHNIC, ignoreCase: true}
          ARMCD: {arm: cohort, field: code}
          ARM: {arm: cohort, field: name}
          ARMNRS:
            when:
              - if: {column: eligible, equals: "0"}
                then: SCREEN FAILURE
          COUNTRY: {study: country}
        sequence: [USUBJID]
        """

    static let exYAML = """
        domain: EX
        source: drug_administration.csv
        key: [subject_id, event_name, drug]
        variables:
          STUDYID: {study: studyid}
          DOMAIN: EX
          USUBJID: {concat: [{study: studyid}, "-", {column: subject_id}]}
          EXTRT: {treatment: drug, field: name}
          EXDOSE: {number: dose}
          EXDOSU: {recode: {column: dose_unit}, codelist: UNIT}
          EXDOSFRM: INJECTION, SOLUTION
          EXROUTE: {recode: {column: route}, codelist: ROUTE, synonyms: {IV: INTRAVENOUS}}
          EXSTDTC: {date: infusion_date, time: start_time}
          EXENDTC: {date: infusion_date, time: end_time}
        sequence: [USUBJID, EXSTDTC, EXTRT]
        """

    static let aeYAML = """
        domain: AE
        source: adverse_events.csv
        key: [subject_id, ae_number]
        variables:
          STUDYID: {study: studyid}
          DOMAIN: AE
          USUBJID: {concat: [{study: studyid}, "-", {column: subject_id}]}
          AESPID: {column: ae_number}
          AETERM: {column: ae_term}
          AEDECOD: {column: ae_pt}
          AESER: {recode: {decode: serious}, codelist: NY, ignoreCase: true}
          AEREL:
            when:
              - if: {column: rel_drug, in: ["3", "4", "5"]}
                then: RELATED
              - if: {column: rel_drug, present: true}
                then: NOT RELATED
          AEACN:
            when:
              - if: {column: action_a, equals: {column: action_b}}
                then: {recode: {decode: action_a}, codelist: ACN, ignoreCase: true}
              - if: {all: [{column: action_a, present: true}, {column: action_b, present: true}]}
                then: MULTIPLE
          AETOXGR: {map: {column: grade}, values: {"1": "1", "2": "2", "3": "3"}}
          AESTDTC: {date: ae_start_date}
          AEENDTC: {date: ae_end_date}
        sequence: [USUBJID, AESTDTC, AETERM]
        supplemental:
          - qnam: AEREL1
            qlabel: Relationship to Drug A
            value: {map: {decode: rel_drug}, values: {Not related: NOT RELATED, Related: RELATED}}
            origin: CRF
            evaluator: INVESTIGATOR
          - qnam: AEACN1
            qlabel: Action Taken with Drug A
            value: {recode: {decode: action_a}, codelist: ACN, ignoreCase: true}
            origin: CRF
        """

    static func mapping(_ yaml: String, file: String) -> DomainMapping {
        do throws(Diagnostic) {
            return try MappingParser.parse(text: yaml, file: "/somewhere/mappings/test/" + file, standard: standard,
                                           terminology: terminology)
        } catch {
            fatalError("test mapping \(file) does not parse: \(error)")
        }
    }

    static let mappings = [mapping(dmYAML, file: "dm.yaml"), mapping(exYAML, file: "ex.yaml"), mapping(aeYAML, file: "ae.yaml")]

    static func spec(_ name: String) -> DomainSpec {
        guard let spec = standard.domain(name) else { fatalError("\(name) is not in the committed spec") }
        return spec
    }

    /// A dataset with one record per row; numbers for Num variables, text otherwise; absent means null.
    static func dataset(_ spec: DomainSpec, _ rows: [[String: String]]) -> Dataset {
        var ds = Dataset(spec: spec)
        for (n, row) in rows.enumerated() {
            var record = ds.emptyRecord(origin: SourceLocation(file: spec.name.lowercased() + ".csv", line: n + 2))
            for (name, text) in row {
                guard let i = spec.index(of: name) else { fatalError("\(name) is not a variable of \(spec.name)") }
                record.values[i] = spec.variables[i].type == .num ? .number(Double(text)!) : .of(text)
            }
            ds.append(record)
        }
        return ds
    }

    static let dmRows: [[String: String]] = [
        ["STUDYID": "TEST-01", "DOMAIN": "DM", "USUBJID": "TEST-01-001", "SUBJID": "001", "RFSTDTC": "2025-01-10",
         "RFENDTC": "2025-03-01", "RFXSTDTC": "2025-01-10", "RFXENDTC": "2025-03-01", "RFICDTC": "2025-01-02",
         "RFPENDTC": "2025-04-01", "SITEID": "101", "BRTHDTC": "1960-05-01", "AGE": "64", "AGEU": "YEARS", "SEX": "F",
         "RACE": "WHITE", "ETHNIC": "NOT HISPANIC OR LATINO", "ARMCD": "A", "ARM": "Drug A", "ACTARMCD": "A",
         "ACTARM": "Drug A", "COUNTRY": "USA"],
        ["STUDYID": "TEST-01", "DOMAIN": "DM", "USUBJID": "TEST-01-002", "SUBJID": "002", "RFICDTC": "2025-01-05",
         "RFPENDTC": "2025-01-20", "SITEID": "101", "BRTHDTC": "1971-11-30", "AGE": "53", "AGEU": "YEARS", "SEX": "M",
         "RACE": "ASIAN", "ETHNIC": "NOT HISPANIC OR LATINO", "ARMNRS": "SCREEN FAILURE", "COUNTRY": "USA"],
    ]

    static let exRows: [[String: String]] = [
        ["STUDYID": "TEST-01", "DOMAIN": "EX", "USUBJID": "TEST-01-001", "EXSEQ": "1", "EXTRT": "DRUG A", "EXDOSE": "2.5",
         "EXDOSU": "mg/kg", "EXDOSFRM": "INJECTION, SOLUTION", "EXROUTE": "INTRAVENOUS", "EPOCH": "TREATMENT",
         "EXSTDTC": "2025-01-10T09:00", "EXENDTC": "2025-01-10T10:30", "EXSTDY": "1", "EXENDY": "1"],
        ["STUDYID": "TEST-01", "DOMAIN": "EX", "USUBJID": "TEST-01-001", "EXSEQ": "2", "EXTRT": "DRUG A", "EXDOSE": "12",
         "EXDOSU": "mg/kg", "EXDOSFRM": "INJECTION, SOLUTION", "EXROUTE": "INTRAVENOUS", "EPOCH": "TREATMENT",
         "EXSTDTC": "2025-03-01T09:00", "EXENDTC": "2025-03-01T10:00", "EXSTDY": "51", "EXENDY": "51"],
    ]

    static let aeRows: [[String: String]] = [
        ["STUDYID": "TEST-01", "DOMAIN": "AE", "USUBJID": "TEST-01-001", "AESEQ": "1", "AESPID": "1", "AETERM": "Nausea",
         "AEDECOD": "Nausea", "AESER": "N", "AEACN": "DOSE NOT CHANGED", "AEREL": "RELATED", "AETOXGR": "2",
         "EPOCH": "TREATMENT", "AESTDTC": "2025-02"],
        ["STUDYID": "TEST-01", "DOMAIN": "AE", "USUBJID": "TEST-01-001", "AESEQ": "2", "AESPID": "2",
         "AETERM": "Hyperbilirubinaemia", "AEDECOD": "Hyperbilirubinaemia", "AESER": "Y", "AEACN": "MULTIPLE",
         "AEREL": "NOT RELATED", "AETOXGR": "3", "EPOCH": "TREATMENT", "AESTDTC": "2025-02-11", "AEENDTC": "2025-02-20",
         "AESTDY": "33", "AEENDY": "42"],
    ]

    static let suppaeRows: [[String: String]] = [
        ["STUDYID": "TEST-01", "RDOMAIN": "AE", "USUBJID": "TEST-01-001", "IDVAR": "AESEQ", "IDVARVAL": "1",
         "QNAM": "AEREL1", "QLABEL": "Relationship to Drug A", "QVAL": "RELATED", "QORIG": "CRF", "QEVAL": "INVESTIGATOR"],
        ["STUDYID": "TEST-01", "RDOMAIN": "AE", "USUBJID": "TEST-01-001", "IDVAR": "AESEQ", "IDVARVAL": "1",
         "QNAM": "AEACN1", "QLABEL": "Action Taken with Drug A", "QVAL": "DOSE NOT CHANGED", "QORIG": "CRF"],
        ["STUDYID": "TEST-01", "RDOMAIN": "AE", "USUBJID": "TEST-01-001", "IDVAR": "AESEQ", "IDVARVAL": "2",
         "QNAM": "AEREL1", "QLABEL": "Relationship to Drug A", "QVAL": "NOT RELATED", "QORIG": "CRF", "QEVAL": "INVESTIGATOR"],
        ["STUDYID": "TEST-01", "RDOMAIN": "AE", "USUBJID": "TEST-01-001", "IDVAR": "AESEQ", "IDVARVAL": "2",
         "QNAM": "AEACN1", "QLABEL": "Action Taken with Drug A", "QVAL": "DRUG INTERRUPTED", "QORIG": "CRF"],
    ]

    static func datasets(spec adjust: (inout DomainSpec) -> Void = { _ in }) -> [Dataset] {
        [("DM", dmRows), ("EX", exRows), ("AE", aeRows), ("SUPPAE", suppaeRows)].map { name, rows in
            var s = spec(name)
            adjust(&s)
            return dataset(s, rows)
        }
    }

    static func input(
        datasets: [Dataset] = datasets(), comments: [String: String] = [:], stylesheet: String? = "define2-1.xsl"
    ) -> DefineInput {
        var input = DefineInput(study: study, standard: standard, terminology: terminology, mappings: mappings,
                                datasets: datasets, extensions: [:],
                                datasetFile: { $0.lowercased() + ".xpt" }, stylesheetHref: stylesheet)
        input.comments = comments
        return input
    }

    static func write(_ input: DefineInput = input()) -> [UInt8] {
        do throws(DefineError) {
            return try DefineXML.write(input)
        } catch {
            Issue.record("define.xml not written: \(error)")
            return []
        }
    }

    static func parse(_ xml: [UInt8]) -> DefineNode {
        do throws(DefineError) {
            return try DefineXML.parse(xml)
        } catch {
            fatalError("define.xml does not parse: \(error)")
        }
    }

    static let xml = write()
    static let document = parse(xml)
    static var metaDataVersion: DefineNode { document.descendants("MetaDataVersion")[0] }
}

extension DefineNode {
    /// The child element whose OID (or another key attribute) has the value.
    func element(_ name: String, _ key: String = "OID", _ value: String) -> DefineNode? {
        descendants(name).first { $0[key] == value }
    }
}

extension [UInt8] {
    var text: String { String(decoding: self, as: UTF8.self) }
}
