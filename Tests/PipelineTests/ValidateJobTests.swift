import Foundation
import Pipeline
import SDTMModel
import Testing
import Validation

@Suite(.serialized) struct ValidateJobTests {
    func job() throws -> ValidateJob {
        let c = try loadStudy()
        return ValidateJob(standard: c.standard, terminology: c.terminology, epochs: c.study.epochs.map(\.name),
                           sponsorExtensions: c.sponsorExtensions)
    }

    @Test func theSamplePackageHasOnlyTheFindingsTheSamplePlants() throws {
        let out = temporaryDirectory("validate-sample")
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try exportSample(to: out)
        let report = try job().run(directory: out)
        let errors = report.findings.filter { $0.severity == .error }
        // enrollment.csv:64 has sex code 7: SEX is left empty, and a required variable may not be null;
        // tumor_measurements.csv:153 measures a lesion T9 that TU never identified.
        #expect(errors.map(\.rule) == ["SDTM.VAR.REQ-NULL", "SDTM.TR.LINK"])
        #expect(errors.first?.variable == "SEX")
        #expect(report.findings.filter { $0.severity == .warning }.isEmpty)
        #expect(report.findings.contains { $0.rule == "CT.VALUE" && $0.value == "MULTIPLE" && $0.severity == .notice })
    }

    @Test func aForeignPackageWithProblemsGivesFindingsNotACrash() throws {
        let dir = temporaryDirectory("validate-foreign")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "STUDYID,DOMAIN,USUBJID,SUBJID,SITEID,SEX,COUNTRY\nS,DM,S-1,1,01,M,USA\n"
            .write(toFile: dir + "/dm.csv", atomically: true, encoding: .utf8)
        try "STUDYID,DOMAIN,USUBJID,XXSEQ,XXTESTCODE\nS,XX,S-1,1,A\n".write(toFile: dir + "/xx.csv", atomically: true, encoding: .utf8)
        try "STUDYID,DOMAIN,USUBJID,AESEQ,AETERM\nS,AE,S-1,1,\"Headache\n".write(toFile: dir + "/ae.csv", atomically: true, encoding: .utf8)
        let report = try job().run(directory: dir)
        #expect(report.findings.contains { $0.rule == "PACKAGE.UNKNOWN-DATASET" && $0.dataset == "XX" })
        #expect(report.findings.contains { $0.rule == "XPT.NAME-LENGTH" && $0.variable == "XXTESTCODE" })
        #expect(report.findings.contains { $0.rule == "PACKAGE.UNREADABLE" && $0.dataset == "AE" })
        #expect(report.findings.contains { $0.rule == "SDTM.VAR.REQ-MISSING" && $0.dataset == "DM" && $0.variable == "ARMCD" } == false)
        #expect(report.findings.contains { $0.rule == "SDTM.VAR.EXP-MISSING" && $0.dataset == "DM" && $0.variable == "ARMCD" })
        #expect(report.hasErrors)
    }

    @Test func checkMappingsPassesTheStudysMappings() throws {
        let report = MappingCheck(configuration: try loadStudy(), rawDirectory: root + "/samples/ligcad").run()
        #expect(!report.hasErrors, "\(report.findings.filter { $0.severity == .error })")
    }

    @Test func checkMappingsCatchesABrokenMapping() throws {
        let mappings = temporaryDirectory("broken-mappings")
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        try FileManager.default.createDirectory(atPath: mappings, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/mappings/ligcad", toPath: mappings + "/ligcad")
        let ae = mappings + "/ligcad/ae.yaml"
        var text = try String(contentsOfFile: ae, encoding: .utf8)
        text = text.replacingOccurrences(of: "  AETERM: {column: ae_term}\n", with: "")
            .replacingOccurrences(of: "AEDECOD: {column: ae_pt}", with: "AEDECOD: {column: ae_preferred_term}")
            .replacingOccurrences(of: "  DOMAIN: AE\n", with: "  DOMAIN: AE\n  AESEV: SEVERE-ISH\n  AELLTCD: {column: ae_term}\n")
        try text.write(toFile: ae, atomically: true, encoding: .utf8)
        let configuration = try StudyConfiguration.load(study: "ligcad", mappingsDirectory: mappings, specsDirectory: root + "/specs")
        let report = MappingCheck(configuration: configuration, rawDirectory: root + "/samples/ligcad").run()
        #expect(report.findings.contains { $0.rule == "MAP.REQ-UNMAPPED" && $0.variable == "AETERM" })
        #expect(report.findings.contains { $0.rule == "MAP.RAW-COLUMN" && $0.value == "ae_preferred_term" && $0.message.contains("ae.yaml:") })
        #expect(report.findings.contains { $0.rule == "MAP.TYPE" && $0.variable == "AELLTCD" })
        #expect(report.findings.contains { $0.rule == "MAP.CODELIST-MISSING" && $0.variable == "AESEV" })
        #expect(report.hasErrors)
    }

    @Test func everyMappingFileThatDoesNotParseIsReportedNotOnlyTheFirst() throws {
        let mappings = temporaryDirectory("unparseable-mappings")
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        try FileManager.default.createDirectory(atPath: mappings, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/mappings/ligcad", toPath: mappings + "/ligcad")
        for (file, from, to) in [("ae.yaml", "  AETERM: {column: ae_term}", "  AETERM: {colum: ae_term}"),
                                 ("vs.yaml", "source: vital_signs.csv", "sourc: vital_signs.csv")] {
            let path = mappings + "/ligcad/" + file
            try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: from, with: to)
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(throws: Diagnostic.self) {
            _ = try StudyConfiguration.load(study: "ligcad", mappingsDirectory: mappings, specsDirectory: root + "/specs")
        }
        let failures = try #require(StudyConfiguration.mappingFailures(
            study: "ligcad", mappingsDirectory: mappings, specsDirectory: root + "/specs"))
        #expect(failures.map { $0.location?.file.hasSuffix("/ligcad/ae.yaml") == true } == [true, false])
        #expect(failures.map { $0.location?.file.hasSuffix("/ligcad/vs.yaml") == true } == [false, true])
        #expect(failures.map(\.rule) == ["mapping.invalid", "mapping.invalid"])
        #expect(failures.last?.message.contains("sourc") == true && failures.last?.location?.line == 3)
    }

    @Test func aStudyWhoseMappingsAllParseHasNoMappingFailures() {
        #expect(StudyConfiguration.mappingFailures(study: "ligcad", mappingsDirectory: root + "/mappings",
                                                   specsDirectory: root + "/specs") == [])
    }

    @Test func checkMappingsFindsADictionaryVariableNoMappedDomainHas() throws {
        var configuration = try loadStudy()
        configuration.study.dictionaries = [StudyDefinition.ExternalDictionary(
            name: "MedDRA", version: "27.1", variables: ["AE.AEDECOD", "AE.AEDECD", "CM.CMDECOD"])]
        let findings = MappingCheck(configuration: configuration, rawDirectory: nil).run().findings
            .filter { $0.rule == "MAP.DICTIONARY-VARIABLE" }
        #expect(findings.map(\.variable) == ["AEDECD", "CMDECOD"])
        #expect(findings.allSatisfy { $0.severity == .error && $0.message.hasPrefix("study.yaml: MedDRA codes") })
    }
}
