import Ingest
import SDTMModel
import Testing

@testable import Mapping

// MARK: - Simple operations

@Test func copyTrimsStraySpaces() throws {
    let out = try runMapping(xxMapping(), ["xx.csv": """
        subj,term
        001,  Headache \t
        """])
    #expect(out.values("XXTERM") == [.text("Headache")])
    #expect(out.diagnostics.isEmpty)
}

@Test func constantIsTheSameForEveryRecord() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {constant: GENERAL}
        """), ["xx.csv": """
        subj,term
        001,Headache
        002,Nausea
        """])
    #expect(out.values("DOMAIN") == [.text("XX"), .text("XX")])
    #expect(out.values("XXCAT") == [.text("GENERAL"), .text("GENERAL")])
}

@Test func studyFieldsComeFromTheStudyDefinition() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {study: country}
          XXORRES: {study: sponsor}
        """), ["xx.csv": "subj,term\n001,Headache\n"])
    #expect(out.value("STUDYID") == .text("TEST-01"))
    #expect(out.value("XXCAT") == .text("USA"))
    #expect(out.value("XXORRES") == .text("Test Sponsor"))
}

@Test func concatJoinsItsParts() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {concat: [{column: a}, {column: b}], separator: /}
        """), ["xx.csv": "subj,term,a,b\n001,Headache,x,y\n"])
    #expect(out.value("USUBJID") == .text("TEST-01-001"))
    #expect(out.value("XXCAT") == .text("x/y"))
}

@Test func concatIsNullWhenAPartIsEmpty() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {concat: [{column: a}, "/", {column: b}]}
        """), ["xx.csv": "subj,term,a,b\n001,Headache,x, \n"])
    #expect(out.value("XXCAT") == .null)
}

// MARK: - Dates

@Test func dateWithTimeGivesISODateTime() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: start_date, time: start_time}
        """), ["xx.csv": "subj,term,start_date,start_time\n001,Headache,14-MAR-2025,09:05\n"])
    #expect(out.value("XXSTDTC") == .text("2025-03-14T09:05"))
}

@Test func aDateOrTimeRepeatedDownTheFileReadsAlikeOnEveryRowWithItsFindingAtEachLine() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: start_date, time: start_time}
        """), ["xx.csv": """
        subj,term,start_date,start_time
        001,Headache,14-MAR-2025,09:05
        002,Nausea,14-MAR-2025,25:00
        003,Rash,15-MAR-2025,09:05
        004,Cough,15-MAR-2025,25:00
        005,Fever, 14-MAR-2025 ,09:05
        """])
    #expect(out.values("XXSTDTC") == [.text("2025-03-14T09:05"), .text("2025-03-14"), .text("2025-03-15T09:05"),
                                      .text("2025-03-15"), .text("2025-03-14T09:05")])
    #expect(out.diagnostics("map.time.invalid").map(\.location?.line) == [3, 5])
}

@Test func everyKindOfDateAndTimeFieldReadsAsOnItsOwnRow() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: start_date, time: start_time}
        """), ["xx.csv": """
        subj,term,start_date,start_time
        001,Headache,14-MAR-2025, 09:05:30
        002,Nausea,,09:05
        003,Rash,UN-UNK-UNKN,09:05
        004,Cough,14-MAR-2025,
        005,Fever,someday,09:05
        006,Chills,14-MAR-2025,9h05
        """])
    #expect(out.values("XXSTDTC") == [.text("2025-03-14T09:05:30"), .null, .null, .text("2025-03-14"), .null, .text("2025-03-14")])
    #expect(out.diagnostics.map(\.rule) == ["map.date.unparseable", "map.time.invalid"])
}

@Test func partialDateDropsTheTime() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: start_date, time: start_time}
        """), ["xx.csv": "subj,term,start_date,start_time\n001,Headache,UN-MAR-2025,09:05\n"])
    #expect(out.value("XXSTDTC") == .text("2025-03"))
    #expect(out.diagnostics.isEmpty)
}

@Test func dateWithoutTimeGivesTheDateAlone() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: start_date, time: start_time}
        """), ["xx.csv": "subj,term,start_date,start_time\n001,Headache,03/14/2025,\n"])
    #expect(out.value("XXSTDTC") == .text("2025-03-14"))
}

@Test func invalidTimeKeepsTheDateAndReportsTheTime() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: start_date, time: start_time}
        """), ["xx.csv": "subj,term,start_date,start_time\n001,Headache,14-MAR-2025,25:00\n"])
    #expect(out.value("XXSTDTC") == .text("2025-03-14"))
    #expect(out.diagnostics("map.time.invalid").first?.location == SourceLocation(file: "xx.csv", line: 2, column: 4))
}

@Test func impossibleDateIsAnErrorAndLeavesTheVariableEmpty() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: start_date}
        """), ["xx.csv": "subj,term,start_date\n001,Headache,30-FEB-2025\n"])
    #expect(out.value("XXSTDTC") == .null)
    let error = try #require(out.diagnostics("map.date.impossible").first)
    #expect(error.severity == .error)
    #expect(error.location == SourceLocation(file: "xx.csv", line: 2, column: 3))
    #expect(error.message.contains("28 days"))
}

@Test func unknownDateIsEmptyWithoutAFinding() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: start_date}
        """), ["xx.csv": "subj,term,start_date\n001,Headache,UNK\n"])
    #expect(out.value("XXSTDTC") == .null)
    #expect(out.diagnostics.isEmpty)
}

// MARK: - Numbers

@Test func numberGivesANumericValue() throws {
    let out = try runMapping(xxMapping("""
          XXDOSE: {number: dose}
        """), ["xx.csv": "subj,term,dose\n001,Headache,30\n002,Nausea,2.5\n"])
    #expect(out.values("XXDOSE") == [.number(30), .number(2.5)])
}

@Test func invalidNumberIsAnErrorAtFileLineAndColumnAndTheRecordIsKeptEmpty() throws {
    let out = try runMapping(xxMapping("""
          XXDOSE: {number: dose}
        """), ["xx.csv": """
        subj,term,dose
        001,Headache,30
        002,Nausea,thirty
        """])
    let error = try #require(out.diagnostics("map.number.invalid").first)
    #expect(error.severity == .error)
    #expect(error.location == SourceLocation(file: "xx.csv", line: 3, column: 3))
    #expect(error.message.contains("'thirty'"))
    #expect(out.values("XXTERM") == [.text("Headache"), .text("Nausea")])
    #expect(out.values("XXDOSE") == [.number(30), .null])
    #expect(out.rejections.isEmpty)
}

@Test func hexadecimalTextIsNotANumber() throws {
    let out = try runMapping(xxMapping("""
          XXDOSE: {number: dose}
        """), ["xx.csv": "subj,term,dose\n001,Headache,0x1A\n"])
    #expect(out.value("XXDOSE") == .null)
    #expect(out.diagnostics("map.number.invalid").count == 1)
}

@Test func nonNumericTextCopiedIntoANumVariableIsReported() throws {
    let out = try runMapping(xxMapping("""
          XXDOSE: {column: dose}
        """), ["xx.csv": "subj,term,dose\n001,Headache,30\n002,Nausea,thirty\n"])
    #expect(out.value("XXDOSE", record: 0) == .number(30))
    #expect(out.value("XXDOSE", record: 1) == .null)
    let error = try #require(out.diagnostics("map.number.invalid").first)
    #expect(error.severity == .error)
    #expect(error.location?.file == "xx.csv")
    #expect(error.location?.line == 3)
    #expect(error.message.contains("XXDOSE"))
}

// MARK: - Decode through the data dictionary

private func dictionary() throws -> DataDictionary {
    try DataDictionary(table: rawTable("data_dictionary.csv", """
        form,field,code,label
        xx,severity,1,Mild
        xx,severity,2,Moderate
        xx,severity,3,Severe
        other,severity,9,Other form
        """))
}

@Test func decodeGivesTheLabelOfTheCode() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {decode: severity}
        """), ["xx.csv": "subj,term,severity\n001,Headache,1\n002,Nausea, 3\n"], dictionary: dictionary())
    #expect(out.values("XXCAT") == [.text("Mild"), .text("Severe")])
}

@Test func decodeOfAnUnknownCodeIsAnErrorNamingTheAllowedCodes() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {decode: severity}
        """), ["xx.csv": "subj,term,severity\n001,Headache,9\n"], dictionary: dictionary())
    #expect(out.value("XXCAT") == .null)
    let error = try #require(out.diagnostics("map.decode.unknown-code").first)
    #expect(error.severity == .error)
    #expect(error.location == SourceLocation(file: "xx.csv", line: 2, column: 3))
    #expect(error.message.contains("codes: 1, 2, 3)"))
}

// MARK: - Recode through a codelist

private func recodeSex(_ raw: String, options: String = "") throws -> MappedDomain {
    try runMapping(xxMapping("""
          XXSEX: {recode: sex, codelist: SEX\(options)}
        """), ["xx.csv": "subj,term,sex\n001,Headache,\(raw)\n"])
}

@Test func recodeKeepsASubmissionValue() throws {
    let out = try recodeSex("INTERSEX")
    #expect(out.value("XXSEX") == .text("INTERSEX"))
    #expect(out.diagnostics.isEmpty)
}

@Test func recodeReadsACDISCSynonym() throws {
    #expect(try recodeSex("UNK").value("XXSEX") == .text("U"))
}

@Test func recodeReadsAnNCIPreferredTerm() throws {
    let out = try runMapping(xxMapping("""
          XXROUTE: {recode: route, codelist: C66729}
        """), ["xx.csv": "subj,term,route\n001,Headache,Intravenous Route of Administration\n"])
    #expect(out.value("XXROUTE") == .text("INTRAVENOUS"))
    #expect(out.diagnostics.isEmpty)
    #expect(out.extensions.isEmpty)
}

@Test func recodeReadsAStudySynonym() throws {
    #expect(try recodeSex("Man", options: ", synonyms: {Man: M}").value("XXSEX") == .text("M"))
}

@Test func recodeWithIgnoreCaseMatchesAnyCase() throws {
    #expect(try recodeSex("female", options: ", ignoreCase: true").value("XXSEX") == .text("F"))
    #expect(try recodeSex("m", options: ", ignoreCase: true").value("XXSEX") == .text("M"))
}

@Test func ignoreCaseAcceptsCapitalisedTrue() throws {
    #expect(try recodeSex("female", options: ", ignoreCase: True").value("XXSEX") == .text("F"))
}

@Test func recodeWithoutIgnoreCaseIsCaseSensitive() throws {
    let out = try recodeSex("female")
    #expect(out.value("XXSEX") == .null)
    #expect(out.diagnostics("ct.not-in-codelist").count == 1)
}

@Test func valueOutsideANonExtensibleCodelistIsAnErrorWithTheClosestValues() throws {
    let out = try recodeSex("Mal")
    #expect(out.value("XXSEX") == .null)
    #expect(out.dataset.records.count == 1)
    let error = try #require(out.diagnostics("ct.not-in-codelist").first)
    #expect(error.severity == .error)
    #expect(error.location == SourceLocation(file: "xx.csv", line: 2, column: 3))
    #expect(error.message.contains("'Mal' for XXSEX"))
    #expect(error.hint?.contains("closest: M, F, U") == true)
    #expect(out.extensions.isEmpty)
}

@Test func valueOutsideAnExtensibleCodelistIsKeptAsASponsorExtension() throws {
    let out = try runMapping(xxMapping("""
          XXROUTE: {recode: route, codelist: ROUTE}
        """), ["xx.csv": "subj,term,route\n001,Headache,INTRATHECAL\n002,Nausea,PO\n"])
    #expect(out.values("XXROUTE") == [.text("INTRATHECAL"), .text("ORAL")])
    let warning = try #require(out.diagnostics("ct.sponsor-extension").first)
    #expect(warning.severity == .warning)
    #expect(out.diagnostics.count == 1)
    #expect(out.extensions == ["C66729": ["INTRATHECAL"]])
}

// MARK: - Map

@Test func mapTranslatesValuesAndBlankTakesTheDefault() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {map: {column: serious}, values: {"1": "Y", "0": "N"}, default: "U"}
        """), ["xx.csv": """
        subj,term,serious
        001,Headache,1
        002,Nausea,0
        003,Rash,
        """])
    #expect(out.values("XXCAT") == [.text("Y"), .text("N"), .text("U")])
}

@Test func mapOfAValueWithNoEntryAndNoDefaultIsAnError() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {map: {column: serious}, values: {"1": "Y", "0": "N"}}
        """), ["xx.csv": "subj,term,serious\n001,Headache,2\n"])
    #expect(out.value("XXCAT") == .null)
    #expect(out.diagnostics("map.value.unmapped").first?.location == SourceLocation(file: "xx.csv", line: 2, column: 3))
}

// MARK: - When

/// Runs `XXCAT: {when: ...}` over rows of `subj,term,a,b`.
private func whenCategory(_ when: String, rows: [String]) throws -> [Value] {
    let out = try runMapping(xxMapping("  XXCAT:\n" + when),
                             ["xx.csv": (["subj,term,a,b"] + rows).joined(separator: "\n")])
    return out.values("XXCAT")
}

@Test func whenTakesTheFirstBranchThatHoldsElseTheElse() throws {
    let values = try whenCategory("""
            when:
              - if: {column: a, equals: "1"}
                then: ONE
              - if: {column: a, equals: "1"}
                then: NEVER
              - if: {column: a, equals: "2"}
                then: TWO
            else: OTHER
        """, rows: ["001,T,1,", "002,T,2,", "003,T,3,"])
    #expect(values == [.text("ONE"), .text("TWO"), .text("OTHER")])
}

@Test func whenWithoutElseIsNullWhenNoBranchHolds() throws {
    let values = try whenCategory("""
            when:
              - if: {column: a, equals: "1"}
                then: ONE
        """, rows: ["001,T,2,"])
    #expect(values == [.null])
}

@Test func whenAllRequiresEveryCondition() throws {
    let values = try whenCategory("""
            when:
              - if: {all: [{column: a, equals: "1"}, {column: b, equals: "1"}]}
                then: BOTH
        """, rows: ["001,T,1,1", "002,T,1,0"])
    #expect(values == [.text("BOTH"), .null])
}

@Test func whenAnyRequiresOneCondition() throws {
    let values = try whenCategory("""
            when:
              - if: {any: [{column: a, equals: "1"}, {column: b, equals: "1"}]}
                then: EITHER
        """, rows: ["001,T,0,1", "002,T,0,0"])
    #expect(values == [.text("EITHER"), .null])
}

@Test func whenNotNegatesItsCondition() throws {
    let values = try whenCategory("""
            when:
              - if: {not: {column: a, equals: "1"}}
                then: NOT ONE
        """, rows: ["001,T,1,", "002,T,2,"])
    #expect(values == [.null, .text("NOT ONE")])
}

@Test func whenEqualsComparesWithAnotherColumn() throws {
    let values = try whenCategory("""
            when:
              - if: {column: a, equals: {column: b}}
                then: SAME
            else: DIFFERENT
        """, rows: ["001,T,X,X", "002,T,X,Y"])
    #expect(values == [.text("SAME"), .text("DIFFERENT")])
}

@Test func whenInTestsMembership() throws {
    let values = try whenCategory("""
            when:
              - if: {column: a, in: ["3", "4", "5"]}
                then: SEVERE
        """, rows: ["001,T,4,", "002,T,2,"])
    #expect(values == [.text("SEVERE"), .null])
}

@Test func whenPresentTestsForAValue() throws {
    let values = try whenCategory("""
            when:
              - if: {column: a, present: true}
                then: GIVEN
              - if: {column: a, present: false}
                then: MISSING
        """, rows: ["001,T,x,", "002,T, ,"])
    #expect(values == [.text("GIVEN"), .text("MISSING")])
}

@Test func presentAcceptsYesAsTrue() throws {
    let values = try whenCategory("""
            when:
              - if: {column: a, present: yes}
                then: GIVEN
        """, rows: ["001,T,x,", "002,T,,"])
    #expect(values == [.text("GIVEN"), .null])
}

@Test func variableReadsAValueMappedEarlierInTheRecord() throws {
    let out = try runMapping(xxMapping("""
          XXCAT:
            when:
              - if: {variable: XXTERM, equals: Headache}
                then: {variable: USUBJID}
        """), ["xx.csv": "subj,term\n001,Headache\n002,Nausea\n"])
    #expect(out.values("XXCAT") == [.text("TEST-01-001"), .null])
}

// MARK: - Filters, records, supplemental qualifiers

@Test func filteredRowIsRejectedWithTheReasonAndNotMapped() throws {
    let out = try runMapping(xxMapping(top: """
        filters:
          - keep: {column: done, equals: "Y"}
            reason: the event was not confirmed
        """), ["xx.csv": "subj,term,done\n001,Headache,Y\n002,Nausea,N\n"])
    #expect(out.values("XXTERM") == [.text("Headache")])
    #expect(out.rejections == [Rejection(file: "xx.csv", line: 3, severity: .notice, rule: "map.filtered",
                                         reason: "the event was not confirmed")])
}

@Test func rowsRepeatingAFiltersInputsGetTheVerdictTheFirstSuchRowGot() throws {
    let out = try runMapping(xxMapping(top: """
        key: [subj, term]
        filters:
          - keep: {column: done, equals: "Y"}
            reason: not confirmed
          - keep: {column: term, in: [Headache, Rash]}
            reason: not a listed term
        """), ["xx.csv": """
        subj,term,done
        001,Headache,Y
        002,Nausea,Y
        003,Headache,N
        004,Headache,Y
        004,Headache,N
        005,Nausea,Y
        006,Rash,N
        """])
    #expect(out.recordLines == [2, 5])
    #expect(out.rejections.map(\.line) == [3, 4, 6, 7, 8])
    #expect(out.rejections.map(\.rule) == ["map.filtered", "map.filtered", "map.duplicate-key", "map.filtered", "map.filtered"])
    #expect(out.rejections.filter { $0.rule == "map.filtered" }.map(\.reason)
        == ["not a listed term", "not confirmed", "not a listed term", "not confirmed"])
}

/// Blood pressure: two records per row, a blank reading omitted.
private let bloodPressure = xxMapping("""
      XXTESTCD: {param: testcd}
      XXORRES:
        when:
          - if: {value: {param: testcd}, equals: SYSBP}
            then: {column: sys}
        else: {column: dia}
    """, top: """
    records:
      - {testcd: SYSBP}
      - {testcd: DIABP}
    omit:
      - if: {variable: XXORRES, present: false}
        reason: no reading
    """)

@Test func recordsMakeOneRecordPerBindingFromOneRow() throws {
    let out = try runMapping(bloodPressure, ["xx.csv": "subj,term,sys,dia\n001,BP,120,80\n"])
    #expect(out.values("XXTESTCD") == [.text("SYSBP"), .text("DIABP")])
    #expect(out.values("XXORRES") == [.text("120"), .text("80")])
    #expect(out.recordLines == [2, 2])
}

@Test func anOmittedRecordIsNotWrittenAndItsRowStillCountsAsMapped() throws {
    let out = try runMapping(bloodPressure, ["xx.csv": "subj,term,sys,dia\n001,BP,120,\n"])
    #expect(out.values("XXTESTCD") == [.text("SYSBP")])
    #expect(out.rejections.isEmpty)
}

@Test func aRowAllOfWhoseRecordsAreOmittedIsInTheRejectLogWithTheReason() throws {
    let out = try runMapping(bloodPressure, ["xx.csv": "subj,term,sys,dia\n001,BP,,\n"])
    #expect(out.values("XXTESTCD").isEmpty)
    #expect(out.rejections == [Rejection(file: "xx.csv", line: 2, severity: .notice, rule: "map.omitted",
                                         reason: "no reading")])
}

@Test func supplementalValuesAreMadeOnlyWhenPresentAndPointAtTheirParent() throws {
    let out = try runMapping(xxMapping(top: """
        supplemental:
          - {qnam: XXNOTE, qlabel: Investigator Note, value: {column: note}, origin: CRF, evaluator: INVESTIGATOR}
        """), ["xx.csv": """
        subj,term,note
        001,Headache,first
        002,,rejected row
        003,Nausea,
        004,Rash,fourth
        """])
    #expect(out.values("XXTERM") == [.text("Headache"), .text("Nausea"), .text("Rash")])
    #expect(out.supplemental.map(\.parent) == [0, 2])
    #expect(out.supplemental.map(\.value) == ["first", "fourth"])
    #expect(out.supplemental.allSatisfy { $0.qnam == "XXNOTE" && $0.qlabel == "Investigator Note" && $0.origin == "CRF"
        && $0.evaluator == "INVESTIGATOR" })
}

// MARK: - Joins

private let joinMapping = xxMapping("""
      XXCAT: {column: eos.reason}
    """, top: """
    join:
      - {file: eos.csv, as: eos, on: subj}
    """)

@Test func joinedColumnsComeFromTheRowWithTheSameKey() throws {
    let out = try runMapping(joinMapping, [
        "xx.csv": "subj,term\n001,Headache\n002,Nausea\n",
        "eos.csv": "reason,subj\nCOMPLETED,001\n",
    ])
    #expect(out.values("XXCAT") == [.text("COMPLETED"), .null])
    #expect(out.rejections.isEmpty)
}

@Test func datesOfAJoinedFileAreReadFromItsRowsAndTheSameTextReadsAlike() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: eos.end_date, time: start_time}
        """, top: """
        join:
          - {file: eos.csv, as: eos, on: subj}
        """), [
        "xx.csv": "subj,term,start_time\n001,Headache,09:05\n002,Nausea,09:05\n003,Rash,25:00\n",
        "eos.csv": "subj,end_date\n001,14-MAR-2025\n002,14-MAR-2025\n003,30-FEB-2025\n",
    ])
    #expect(out.values("XXSTDTC") == [.text("2025-03-14T09:05"), .text("2025-03-14T09:05"), .null])
    #expect(out.diagnostics("map.date.impossible").map(\.location?.line) == [4])
}

@Test func joinedRowWithoutAMainRowIsRejectedAsOrphan() throws {
    let out = try runMapping(joinMapping, [
        "xx.csv": "subj,term\n001,Headache\n",
        "eos.csv": "subj,reason\n001,COMPLETED\n999,WITHDRAWN\n",
    ])
    #expect(out.values("XXCAT") == [.text("COMPLETED")])
    let orphan = try #require(out.rejections("map.orphan-row").first)
    #expect(orphan.file == "eos.csv")
    #expect(orphan.line == 3)
    #expect(orphan.severity == .error)
    #expect(out.rejections.count == 1)
}

private let lesionJoin = xxMapping("""
      XXCAT: {column: lesion.method}
    """, top: """
    join:
      - {file: lesions.csv, as: lesion, on: [subj, lesion], lookup: true}
    """)

@Test func aJoinOnTwoColumnsMatchesTheRowWithBothValues() throws {
    let out = try runMapping(lesionJoin, [
        "xx.csv": "subj,term,lesion\n001,Liver,T1\n002,Lung,T1\n001,Node, T2 \n",
        "lesions.csv": "subj,lesion,method\n002,T1,MRI\n001,T2,CT\n001,T1,PET\n",
    ])
    #expect(out.values("XXCAT") == [.text("PET"), .text("MRI"), .text("CT")])
    #expect(out.rejections.isEmpty)
}

@Test func aLookupFilesUnmatchedAndRepeatedRowsAreNotRejectionsOfTheJoiningMapping() throws {
    let out = try runMapping(lesionJoin, [
        "xx.csv": "subj,term,lesion\n001,Liver,T1\n",
        "lesions.csv": "subj,lesion,method\n001,T1,CT\n001,T1,MRI\n003,T9,CT\n",
    ])
    #expect(out.values("XXCAT") == [.text("CT")])
    #expect(out.rejections.isEmpty)
}

@Test func aJoinColumnMissingFromEitherFileIsAnErrorNamingIt() throws {
    let out = try runMapping(lesionJoin, [
        "xx.csv": "subj,term,lesion\n001,Liver,T1\n",
        "lesions.csv": "subj,method\n001,CT\n",
    ])
    #expect(out.diagnostics.contains { $0.rule == "map.unknown-column" && $0.message.contains("'lesion'") })
    #expect(out.rejections.allSatisfy { $0.file == "xx.csv" })
}

@Test func joinedRowOfARejectedMainRowIsRejectedAsParentRejected() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {column: eos.reason}
        """, top: """
        join:
          - {file: eos.csv, as: eos, on: subj}
        filters:
          - keep: {column: done, equals: "Y"}
            reason: not confirmed
        """), [
        "xx.csv": "subj,term,done\n001,Headache,Y\n002,Nausea,N\n",
        "eos.csv": "subj,reason\n001,COMPLETED\n002,WITHDRAWN\n",
    ])
    #expect(out.values("XXCAT") == [.text("COMPLETED")])
    #expect(out.rejections("map.filtered").map(\.line) == [3])
    let unused = try #require(out.rejections.first { $0.file == "eos.csv" })
    #expect(unused.line == 3)
    #expect(unused.rule == "map.parent-rejected")
    #expect(unused.reason.contains("xx.csv:3"))
    #expect(out.rejections.filter { $0.file == "eos.csv" }.count == 1)
}

// MARK: - Duplicates and required values

@Test func duplicateKeysKeepTheFirstRow() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {column: cat}
        """, top: "key: [subj, term]"), ["xx.csv": """
        subj,term,cat
        001,Headache,A
        001,Headache ,A
        001,Headache,B
        002,Headache,B
        """])
    #expect(out.recordLines == [2, 5])
    #expect(out.values("XXCAT") == [.text("A"), .text("B")])
    let exact = try #require(out.rejections("ingest.duplicate-row").first)
    #expect(exact.line == 3)
    #expect(exact.severity == .warning)
    let conflicting = try #require(out.rejections("map.duplicate-key").first)
    #expect(conflicting.line == 4)
    #expect(conflicting.severity == .error)
    #expect(conflicting.reason.contains("line 2"))
    #expect(out.rejections.count == 2)
}

@Test func emptyRequiredTopicRejectsTheRow() throws {
    let out = try runMapping(xxMapping(), ["xx.csv": "subj,term\n001,Headache\n002,  \n"])
    #expect(out.recordLines == [2])
    let rejection = try #require(out.rejections("map.required-missing").first)
    #expect(rejection.line == 3)
    #expect(rejection.severity == .error)
    #expect(rejection.reason.contains("XXTERM"))
}

@Test func recordsAfterARejectedRowKeepTheirOwnValues() throws {
    let out = try runMapping(xxMapping(), ["xx.csv": "subj,term\n001,Headache\n002,\n003,Nausea\n004,\n005,Rash\n"])
    #expect(out.recordLines == [2, 4, 6])
    #expect(out.values("XXTERM") == [.text("Headache"), .text("Nausea"), .text("Rash")])
    #expect(out.values("USUBJID").map(\.text).map { $0.suffix(3) } == ["001", "003", "005"])
}

@Test func emptyRequiredIdentifierRejectsTheRowAndNamesTheCause() throws {
    let out = try runMapping(xxMapping(), ["xx.csv": "subj,term\n,Headache\n"])
    #expect(out.dataset.records.isEmpty)
    let rejection = try #require(out.rejections("map.required-missing").first)
    #expect(rejection.reason.contains("USUBJID"))
}

// MARK: - Binding to the raw headers

@Test func unknownRawColumnStopsTheMappingAndRejectsEveryRow() throws {
    let out = try runMapping("""
        domain: XX
        source: xx.csv
        variables:
          DOMAIN: XX
          XXTERM: {column: term}
          XXCAT: {column: category}
        """, ["xx.csv": "subj,term,cat\n001,Headache,A\n002,Nausea,B\n"])
    #expect(out.dataset.records.isEmpty)
    #expect(out.rejections.map(\.line) == [2, 3])
    #expect(out.rejections.allSatisfy { $0.rule == "map.not-run" && $0.severity == .error && $0.file == "xx.csv" })
    let error = try #require(out.diagnostics("map.unknown-column").first)
    #expect(error.location?.file == "xx.yaml")
    #expect(error.location?.line == 6)
    #expect(error.message.contains("'category'"))
    #expect(out.diagnostics.count == 1)
}

@Test func unknownRawColumnAlsoRejectsTheJoinedFilesRows() throws {
    let out = try runMapping(xxMapping("""
          XXCAT: {column: eos.why}
        """, top: """
        join:
          - {file: eos.csv, as: eos, on: subj}
        """), [
        "xx.csv": "subj,term\n001,Headache\n",
        "eos.csv": "subj,reason\n001,COMPLETED\n",
    ])
    #expect(Set(out.rejections.map { "\($0.file):\($0.line)" }) == ["xx.csv:2", "eos.csv:2"])
    #expect(out.rejections.allSatisfy { $0.rule == "map.not-run" })
}

@Test func unknownKeyColumnIsReportedAtTheKeyLine() throws {
    let out = try runMapping("""
        domain: XX
        source: xx.csv
        key: [subj, visit]
        variables:
          DOMAIN: XX
          XXTERM: {column: term}
        """, ["xx.csv": "subj,term\n001,Headache\n"])
    let error = try #require(out.diagnostics("map.unknown-column").first)
    #expect(error.message.contains("'visit'"))
    #expect(out.rejections("map.not-run").count == 1)
    #expect(error.location?.line == 3)
}

// MARK: - Accounting

@Test func everyRawLineIsEitherARecordOrARejectionExactlyOnce() throws {
    let csv = """
        subj,term,done,dose,sex
        001,Headache,Y,10,M
        001,Headache,Y,10,M
        001,Headache,Y,20,M
        002,Nausea,N,10,F
        003,,Y,10,F
        004,Rash,Y,abc,F
        005,Fever,Y,5,Boy
        006,Cough,Y,,
        """
    let out = try runMapping(xxMapping("""
          XXDOSE: {number: dose}
          XXSEX: {recode: sex, codelist: SEX}
        """, top: """
        key: [subj, term]
        filters:
          - keep: {column: done, equals: "Y"}
            reason: not confirmed
        """), ["xx.csv": csv])
    let table = try rawTable("xx.csv", csv)
    let accounted = out.recordLines + out.rejections.filter { $0.file == "xx.csv" }.map(\.line)
    #expect(accounted.sorted() == table.rows.map(\.line))
    #expect(out.recordLines == [2, 7, 8, 9])
    #expect(Set(out.rejections.map(\.rule)) == ["ingest.duplicate-row", "map.duplicate-key", "map.filtered", "map.required-missing"])
}

// MARK: - Records from kept rows

@Test func ascendingPositionsBecomeRunsOfConsecutiveOnes() {
    #expect([Int]().consecutiveRuns == [])
    #expect([0].consecutiveRuns == [0..<1])
    #expect([0, 1, 2, 4, 5, 9].consecutiveRuns == [0..<3, 4..<6, 9..<10])
    #expect([3, 4].consecutiveRuns == [3..<5])
}

@Test func keepingRunsMovesEachDownOverTheDroppedElements() {
    var codes: [UInt32] = [10, 11, 12, 13, 14, 15, 16]
    codes.keep([0..<2, 3..<5, 6..<7])
    #expect(codes == [10, 11, 13, 14, 16])
    var all: [UInt32] = [1, 2, 3]
    all.keep([0..<3])
    #expect(all == [1, 2, 3])
    var none: [UInt32] = [1, 2]
    none.keep([])
    #expect(none == [])
}
