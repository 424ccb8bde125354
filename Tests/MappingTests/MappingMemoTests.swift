import SDTMModel
import Testing

@testable import Mapping

@Test func aConstantThatCannotBeMappedIsReportedAtEveryRow() throws {
    let out = try runMapping(xxMapping("""
          XXSEX: {recode: {constant: Woman}, codelist: SEX}
        """), ["xx.csv": "subj,term\n001,Headache\n002,Nausea\n003,Rash\n"])
    #expect(out.values("XXSEX") == [.null, .null, .null])
    #expect(out.diagnostics.map { $0.location?.line } == [2, 3, 4])
}

@Test func aRepeatedRawValueIsReportedAtEveryRowThatHasIt() throws {
    let out = try runMapping(xxMapping("""
          XXSEX: {recode: sex, codelist: SEX}
        """), ["xx.csv": """
        subj,term,sex
        001,Headache,Woman
        002,Nausea,Woman
        003,Rash,Female
        004,Fever,Woman
        """])
    #expect(out.values("XXSEX") == [.null, .null, .text("F"), .null])
    #expect(out.diagnostics.map(\.rule) == Array(repeating: "ct.not-in-codelist", count: 3))
    #expect(out.diagnostics.map { $0.location?.line } == [2, 3, 5])
    #expect(Set(out.diagnostics.map { $0.location?.column }) == [3])
}

@Test func mappingsThatDependOnlyOnTheMainRowsRawColumnsAreRememberedByThoseColumns() throws {
    let yaml = xxMapping("""
          XXCAT: {column: eos.reason}
          XXSTDTC: {date: day, time: clock}
          XXORRES: {map: {variable: XXTERM}, values: {Headache: H}}
          XXTESTCD: {variable: XXCAT}
        """, top: """
        join:
          - {file: eos.csv, as: eos, on: subj}
        """)
    var mapping = try parseMapping(yaml)
    let main = try rawTable("xx.csv", "subj,term,day,clock\n001,Headache,2024-01-02,10:00\n")
    try DomainMapper(study: Fixture.study, dictionary: DataDictionary())
        .bind(&mapping, main: main, joins: [try rawTable("eos.csv", "subj,reason\n001,DONE\n")])
    let inputs = Dictionary(uniqueKeysWithValues: zip(mapping.assignments.map(\.variable), mapping.memoInputs))
    #expect(inputs["DOMAIN"] == .some([]))
    #expect(inputs["USUBJID"] == .some([0]))
    #expect(inputs["XXSTDTC"] == .some([2, 3]))
    // Through the variable it reads: XXTERM is the raw column `term`.
    #expect(inputs["XXORRES"] == .some([1]))
    // A joined file's column is read on every row, and so is a variable read from it.
    #expect(inputs["XXCAT"] == .some(nil))
    #expect(inputs["XXTESTCD"] == .some(nil))
}

@Test func aValueReadThroughAnEarlierVariableIsRememberedWithItsFindingsAtEachRow() throws {
    let out = try runMapping(xxMapping("""
          XXORRES: {map: {variable: XXTERM}, values: {Headache: H}}
        """), ["xx.csv": """
        subj,term
        001,Headache
        002,Nausea
        003,Headache
        004,Nausea
        """])
    #expect(out.values("XXORRES") == [.text("H"), .null, .text("H"), .null])
    #expect(out.diagnostics.map(\.rule) == ["map.value.unmapped", "map.value.unmapped"])
    #expect(out.diagnostics.map { $0.location?.line } == [3, 5])
}

@Test func aValueOfThreeRawColumnsIsRememberedByTheirCombination() throws {
    let out = try runMapping(xxMapping("""
          XXORRES:
            map: {concat: [{column: a}, "-", {column: b}, "-", {column: c}]}
            values: {1-2-3: ONE, 3-2-1: TWO}
        """), ["xx.csv": """
        subj,term,a,b,c
        001,Headache,1,2,3
        002,Nausea,3,2,1
        003,Rash,1,2,4
        004,Fever,1,2,3
        005,Cough,1,2,4
        """])
    #expect(out.values("XXORRES") == [.text("ONE"), .text("TWO"), .null, .text("ONE"), .null])
    #expect(out.diagnostics.map(\.rule) == ["map.value.unmapped", "map.value.unmapped"])
    #expect(out.diagnostics.map { $0.location?.line } == [4, 6])
}

@Test func aDateAndTimeAreRememberedByTheirPairAndAnInvalidTimeIsReportedAtEachRow() throws {
    let out = try runMapping(xxMapping("""
          XXSTDTC: {date: day, time: clock}
        """), ["xx.csv": """
        subj,term,day,clock
        001,Headache,2024-01-02,10:00
        002,Nausea,2024-01-02,11:00
        003,Rash,2024-01-03,10:00
        004,Fever,2024-01-02,10:00
        005,Cough,2024-01-02,25:00
        006,Itch,2024-01-02,25:00
        """])
    #expect(out.values("XXSTDTC") == [
        .text("2024-01-02T10:00"), .text("2024-01-02T11:00"), .text("2024-01-03T10:00"), .text("2024-01-02T10:00"),
        .text("2024-01-02"), .text("2024-01-02"),
    ])
    #expect(out.diagnostics.map(\.rule) == ["map.time.invalid", "map.time.invalid"])
    #expect(out.diagnostics.map { $0.location?.line } == [6, 7])
}
