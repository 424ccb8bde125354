import Foundation
import SDTMModel
import Testing

@testable import Mapping

/// The sample study's own study.yaml.
private func ligcad() throws -> StudyDefinition {
    let path = Fixture.packageRoot + "/mappings/ligcad/study.yaml"
    return try StudyDefinitionLoader.parse(text: String(contentsOfFile: path, encoding: .utf8), file: "study.yaml")
}

/// A minimal valid study.yaml followed by `extra`.
private func minimalStudy(created: String = "\"2026-11-01T00:00:00\"", _ extra: String = "") -> String {
    """
    study: test
    studyid: TEST-01
    standard: {name: SDTMIG, version: "3.4"}
    terminology: {version: "2025-03-28", file: ct/test.txt}
    created: \(created)
    dateFormats: [DD-MMM-YYYY]
    \(extra)
    """
}

@Test func sampleStudyHasItsIdentityAndStandards() throws {
    let study = try ligcad()
    #expect(study.key == "ligcad")
    #expect(study.studyID == "LIGCAD-HBC-01")
    #expect(study.country == "USA")
    #expect(study.standardVersion == "3.4")
    #expect(study.terminologyFile == "ct/sdtm-ct-2025-03-28.txt")
    #expect(study.creationDateTime == "2026-11-01T00:00:00")
    #expect(study.dateFormats == ["DD-MMM-YYYY", "MM/DD/YYYY", "YYYY-MM-DD"])
    #expect(study.dataDictionary == "data_dictionary.csv")
}

@Test func sampleStudyHasTwoArms() throws {
    let arms = try ligcad().arms
    #expect(arms.map(\.code) == ["COHA", "COHB"])
    #expect(arms.map(\.raw) == ["1", "2"])
}

@Test func sampleStudyHasTwoTreatmentsDosed30And6() throws {
    let treatments = try ligcad().treatments
    #expect(treatments.map(\.name) == ["LIGUFALIMAB", "CADONILIMAB"])
    #expect(treatments.map(\.dose) == [30, 6])
    #expect(treatments.allSatisfy { $0.unit == "mg/kg" })
}

@Test func sampleStudyHasThreeEpochsWithTheirAnchors() throws {
    let epochs = try ligcad().epochs
    #expect(epochs == [
        .init(name: "SCREENING", anchor: "RFICDTC", offsetDays: 0),
        .init(name: "TREATMENT", anchor: "RFXSTDTC", offsetDays: 0),
        .init(name: "FOLLOW-UP", anchor: "RFXENDTC", offsetDays: 21),
    ])
}

@Test func sampleStudyHasScreeningAnd35CycleVisits() throws {
    let visits = try ligcad().visits
    #expect(visits.count == 36)
    #expect(visits.first == .init(raw: "Screening", name: "SCREENING", number: 1, plannedDay: -28))
    #expect(visits.last?.name == "CYCLE 35 DAY 1")
}

@Test func repeatedVisitExpandsNumberAndPlannedDay() throws {
    let visit = try #require(try ligcad().visits.first { $0.raw == "Cycle 3 Day 1" })
    #expect(visit.name == "CYCLE 3 DAY 1")
    #expect(visit.number == 4)
    #expect(visit.plannedDay == 43)
}

@Test func createdWithoutATimeIsAnErrorAtItsLine() throws {
    let error = #expect(throws: Diagnostic.self) {
        try StudyDefinitionLoader.parse(text: minimalStudy(created: "\"2026-11-01\""), file: "study.yaml")
    }
    #expect(error?.location?.file == "study.yaml")
    #expect(error?.location?.line == 5)
    #expect(error?.message.contains("'created'") == true)
}

@Test func createdThatIsNotADateIsAnErrorAtItsLine() throws {
    let error = #expect(throws: Diagnostic.self) {
        try StudyDefinitionLoader.parse(text: minimalStudy(created: "yesterday"), file: "study.yaml")
    }
    #expect(error?.location?.line == 5)
}

@Test func unknownEpochAnchorIsAnErrorAtItsLine() throws {
    let error = #expect(throws: Diagnostic.self) {
        try StudyDefinitionLoader.parse(text: minimalStudy("""
            epochs:
              - {name: SCREENING, from: RFICDTC}
              - {name: TREATMENT, from: FIRSTDOSE}
            """), file: "study.yaml")
    }
    #expect(error?.location?.line == 9)
}

@Test func unknownKeyInStudyIsAnErrorAtItsLine() throws {
    let error = #expect(throws: Diagnostic.self) {
        try StudyDefinitionLoader.parse(text: minimalStudy("sponser: ACME"), file: "study.yaml")
    }
    #expect(error?.location?.line == 7)
    #expect(error?.message.contains("unknown key 'sponser'") == true)
}

@Test func repeatedVisitsUseEveryWhenGiven() throws {
    let study = try StudyDefinitionLoader.parse(text: minimalStudy("""
        visits:
          - repeat: {from: 1, to: 3, raw: "Week {n}", visit: "WEEK {n}", visitnum: 10, day: 1, every: 7}
        """), file: "study.yaml")
    #expect(study.visits.map(\.name) == ["WEEK 1", "WEEK 2", "WEEK 3"])
    #expect(study.visits.map(\.number) == [10, 11, 12])
    #expect(study.visits.map(\.plannedDay) == [1, 8, 15])
}

@Test func repeatedVisitsDefaultToTheStudyCycleLength() throws {
    let study = try StudyDefinitionLoader.parse(text: minimalStudy("""
        cycleDays: 28
        visits:
          - repeat: {from: 1, to: 2, raw: "Cycle {n} Day 1", visit: "CYCLE {n} DAY 1", visitnum: 2, day: 1}
        """), file: "study.yaml")
    #expect(study.cycleDays == 28)
    #expect(study.visits.map(\.plannedDay) == [1, 29])
}

@Test func repeatedVisitWithAPlannedDayButNoCycleLengthIsAnError() throws {
    let error = #expect(throws: Diagnostic.self) {
        try StudyDefinitionLoader.parse(text: minimalStudy("""
            visits:
              - repeat: {from: 1, to: 2, raw: "Cycle {n} Day 1", visit: "CYCLE {n} DAY 1", visitnum: 2, day: 1}
            """), file: "study.yaml")
    }
    #expect(error?.location?.line == 8)
}

@Test func sampleStudyStatesAge18AndInclusionCriterion9() throws {
    let eligibility = try #require(try ligcad().eligibility)
    #expect(eligibility.minimumAgeYears == 18)
    #expect(eligibility.thresholds.map(\.test) == ["PLAT", "HGB", "NEUT", "BILI", "INR", "AST", "ALT", "CRCL", "ALB"])
    #expect(eligibility.thresholds.first { $0.test == "AST" } == .init(test: "AST", atLeast: false, limit: "5", unit: "xULN"))
}

@Test func anEligibilityThresholdWithBothLimitsIsAnErrorAtItsLine() {
    let text = minimalStudy("eligibility:\n  labs:\n    - {test: PLAT, atLeast: 50, atMost: 400, unit: 10^9/L}")
    #expect(throws: Diagnostic.self) { try StudyDefinitionLoader.parse(text: text, file: "study.yaml") }
    do {
        _ = try StudyDefinitionLoader.parse(text: text, file: "study.yaml")
    } catch {
        #expect(error.location?.line == 9)
    }
}

@Test func theSampleStudysRECISTParametersAreRead() throws {
    #expect(try ligcad().responseCriteria == .init(confirmationDays: 28, minimumStableDiseaseDays: 35))
    #expect(try ligcad().unscheduledVisits == ["Unscheduled"])
}

@Test func sampleStudyCodesAdverseEventsWithMedDRA() throws {
    let study = try ligcad()
    #expect(study.dictionaries.map(\.name) == ["MedDRA"])
    #expect(study.dictionaries.first?.variables == ["AE.AEDECOD", "AE.AEBODSYS", "AE.AESOC"])
    #expect(study.dictionaries.first?.href == "https://www.meddra.org/")
}

@Test func aDictionaryVariableWithoutItsDatasetIsAnErrorAtItsLine() throws {
    let error = #expect(throws: Diagnostic.self) {
        try StudyDefinitionLoader.parse(text: minimalStudy("""
            dictionaries:
              - {name: MedDRA, version: "27.1", variables: [AEDECOD]}
            """), file: "study.yaml")
    }
    #expect(error?.location?.line == 8)
    #expect(error?.message.contains("AE.AEDECOD") == true)
}
