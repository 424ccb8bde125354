import Foundation
import Ingest
import SDTMModel
import Standards
import Testing

@testable import Mapping

// Each error names the mapping file and the line of the offending key or value.

@Test func unknownTopLevelKeyIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        sorting: [USUBJID]
        variables:
          DOMAIN: XX
        """, file: "mappings/test/xx.yaml"))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.file == "mappings/test/xx.yaml")
    #expect(error.location?.line == 3)
    #expect(error.message.contains("unknown key 'sorting'"))
}

@Test func unknownKeyInsideAnOperationIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          XXTERM:
            column: term
            trim: true
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 7)
    #expect(error.message.contains("unknown key 'trim'"))
}

@Test func variableNotInTheDomainSpecIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          AEFOO: {column: foo}
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 5)
    #expect(error.message.contains("AEFOO is not a variable of XX"))
}

@Test func unknownCodelistIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          XXSEX:
            recode: sex
            codelist: GENDER
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 7)
    #expect(error.message.contains("codelist 'GENDER' is not in the terminology"))
}

@Test func operationThatDoesNotExistIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          XXTERM: {colum: term}
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 5)
    #expect(error.message.contains("no mapping operation"))
    #expect(error.hint?.contains("column") == true)
}

@Test func operationThatDoesNotExistInABlockIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          XXTERM:
            colum: term
        """))
    #expect(error.location?.line == 6)
    #expect(error.message.contains("no mapping operation"))
}

@Test func presentThatIsNotTrueOrFalseIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          XXCAT:
            when:
              - if: {column: a, present: maybe}
                then: GIVEN
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.line == 6)
    #expect(error.message.contains("true or false"))
}

@Test func ignoreCaseThatIsNotTrueOrFalseIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          XXSEX: {recode: sex, codelist: SEX, ignoreCase: sometimes}
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.line == 4)
}

@Test func variableReadBeforeItIsMappedIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          XXCAT: {variable: XXTERM}
          XXTERM: {column: term}
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 5)
    #expect(error.message.contains("XXTERM is not mapped before this line"))
}

@Test func unknownJoinAliasIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        join:
          - {file: end_of_study.csv, as: end, on: subj}
        variables:
          DOMAIN: XX
          XXCAT: {column: eos.reason}
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 7)
    #expect(error.message.contains("'eos' is not the alias of a joined file"))
}

@Test func synonymTargetOutsideANonExtensibleCodelistIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          XXSEX:
            recode: sex
            codelist: SEX
            synonyms:
              Man: M
              Woman: FEMALE
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 10)
    #expect(error.message.contains("'FEMALE' is not a submission value of Sex (C66731)"))
}

@Test func synonymTargetOutsideAnExtensibleCodelistIsAccepted() throws {
    _ = try parseMapping(xxMapping("""
          XXROUTE: {recode: route, codelist: ROUTE, synonyms: {IT: INTRATHECAL}}
        """))
}

@Test func unknownDomainIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        # a comment first
        domain: YY
        source: xx.csv
        variables: {}
        """))
    #expect(error.location?.line == 2)
    #expect(error.message.contains("domain 'YY' is not in the SDTMIG 3.4 spec"))
}

@Test func variableMappedTwiceIsReportedAtTheSecondLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          XXTERM: {column: term}
          XXCAT: A
          XXTERM: {column: other}
        """))
    #expect(error.location?.line == 6)
    #expect(error.message.contains("XXTERM is mapped twice"))
}

@Test func missingRequiredTopLevelKeyIsAnError() throws {
    let error = try #require(parseError("""
        domain: XX
        variables:
          DOMAIN: XX
        """))
    #expect(error.rule == "mapping.invalid")
    #expect(error.message.contains("missing key 'source'"))
}

@Test func parameterNotBoundByRecordsIsReportedAtItsLine() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        records:
          - {testcd: SYSBP}
        variables:
          XXTESTCD: {param: testname}
        """))
    #expect(error.location?.line == 6)
    #expect(error.message.contains("parameter 'testname'"))
}

@Test func sequenceVariableOutsideTheDomainIsAnError() throws {
    let error = try #require(parseError(xxMapping(top: "sequence: [USUBJID, AESTDTC]")))
    #expect(error.rule == "mapping.invalid")
    #expect(error.message.contains("AESTDTC"))
}

@Test func invalidYAMLIsReportedAtTheLineOfTheSyntaxError() throws {
    let error = try #require(parseError("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          XXTERM: {column: term
          XXCAT: A
        """))
    #expect(error.rule == "mapping.yaml")
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 6)
}

// MARK: - What a valid mapping holds

@Test func validMappingListsItsRawFilesKeyAndVariablesInOrder() throws {
    let mapping = try parseMapping(xxMapping("""
          XXCAT: {column: eos.reason}
        """, top: """
        key: [subj, term]
        join:
          - {file: eos.csv, as: eos, on: subj}
        """))
    #expect(mapping.domain == "XX")
    #expect(mapping.file == "xx.yaml")
    #expect(mapping.rawFiles == ["xx.csv", "eos.csv"])
    #expect(mapping.key == ["subj", "term"])
    #expect(mapping.mappedVariables == ["STUDYID", "DOMAIN", "USUBJID", "XXTERM", "XXCAT"])
}

@Test func theSampleStudyMappingsParseAgainstSDTMIG34AndItsTerminology() throws {
    let root = Fixture.packageRoot
    let standard = try StandardLoader.load(directory: root + "/specs/sdtmig-3.4", name: "SDTMIG", version: "3.4")
    let terminology = try TerminologyLoader.load(path: root + "/specs/ct/sdtm-ct-2025-03-28.txt", version: "2025-03-28")
    for name in ["dm", "ae", "ex"] {
        let path = root + "/mappings/ligcad/\(name).yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let mapping = try MappingParser.parse(text: text, file: "\(name).yaml", standard: standard, terminology: terminology)
        #expect(mapping.domain == name.uppercased())
    }
}
