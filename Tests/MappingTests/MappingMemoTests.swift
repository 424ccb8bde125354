import SDTMModel
import Testing

@testable import Mapping

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

@Test func onlyMappingsOfTheMainRowsRawColumnsAreRemembered() throws {
    let yaml = xxMapping("""
          XXCAT: {constant: GENERAL}
          XXSTDTC: {date: day, time: clock}
          XXORRES: {map: {variable: XXTERM}, values: {Headache: H}}
        """)
    let mapping = try parseMapping(yaml)
    func inputs(_ name: String) -> Int? {
        mapping.assignments.first { $0.variable == name }?.expression.rawInputs?.count
    }
    #expect(inputs("XXCAT") == 0)
    #expect(inputs("USUBJID") == 1)
    #expect(inputs("XXSTDTC") == 2)
    #expect(inputs("XXORRES") == nil)
}
