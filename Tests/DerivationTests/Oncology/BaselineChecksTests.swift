import SDTMModel
import Testing

@testable import Derivation

@Suite struct BaselineChecksTests {
    private func targets(_ organs: [String]) -> SubjectTumourData {
        let lesions = organs.enumerated().map { Onc.target("T\($0.offset + 1)", $0.element) }
        let baseline = Dictionary(uniqueKeysWithValues: lesions.map { ($0.id, Onc.mm(20)) })
        return Onc.subject(lesions, baseline: baseline, followUps: [])
    }

    @Test func moreThanFiveTargetLesionsIsAFinding() {
        let findings = checkTargetCount(targets(["LIVER", "LIVER", "LUNG", "LUNG", "BONE", "ADRENAL"]))
        #expect(findings.map(\.rule) == [RECISTRule.targetCount])
        #expect(findings.first?.recorded == "6 target lesions")
        #expect(findings.first?.visit == "SCREENING")
    }

    @Test func fiveTargetLesionsPass() {
        #expect(checkTargetCount(targets(["LIVER", "LIVER", "LUNG", "LUNG", "BONE"])).isEmpty)
    }

    @Test func threeTargetLesionsInOneOrganIsAFinding() {
        let findings = checkTargetsPerOrgan(targets(["LIVER", "liver ", "LUNG", "Liver"]))
        #expect(findings.map(\.rule) == [RECISTRule.targetsPerOrgan])
        #expect(findings.first?.lesionID == "T4")
    }

    @Test func twoTargetLesionsPerOrganPass() {
        #expect(checkTargetsPerOrgan(targets(["LIVER", "LIVER", "LUNG", "LUNG"])).isEmpty)
    }

    @Test func aTargetLesionUnder10mmOrANodeUnder15mmAtBaselineIsNotMeasurable() {
        let data = Onc.subject([Onc.target("T1"), Onc.target("N1", "LYMPH NODE", node: true), Onc.target("T2", "LUNG")],
                               baseline: ["T1": Onc.mm(9.9), "N1": Onc.mm(14.9), "T2": .notAssessed], followUps: [])
        let findings = checkMeasurableAtBaseline(data)
        #expect(findings.map(\.rule) == Array(repeating: RECISTRule.notMeasurable, count: 3))
        #expect(findings.map(\.lesionID) == ["T1", "N1", "T2"])
        #expect(findings.map(\.recorded) == ["9.9 mm", "14.9 mm", "NOT ASSESSED"])
        #expect(findings.map(\.expected) == [">= 10 mm", ">= 15 mm", ">= 10 mm"])
    }

    @Test func aTargetLesionOf10mmAndANodeOf15mmAreMeasurable() {
        let data = Onc.subject([Onc.target("T1"), Onc.target("N1", "LYMPH NODE", node: true)],
                               baseline: ["T1": Onc.mm(10), "N1": Onc.mm(15)], followUps: [])
        #expect(checkMeasurableAtBaseline(data).isEmpty)
    }

    @Test func aMeasurementOfALesionNeverIdentifiedIsAFinding() {
        let data = Onc.subject([Onc.target("T1")], baseline: ["T1": Onc.mm(20)],
                               followUps: [["T1": Onc.mm(20), "T9": Onc.mm(12)]])
        let findings = checkMeasurementsLinked(data)
        #expect(findings.map(\.rule) == [RECISTRule.unlinkedMeasurement])
        #expect(findings.first?.visit == "V1")
        #expect(findings.first?.lesionID == "T9")
    }

    @Test func measurementsOfIdentifiedLesionsPass() {
        let data = Onc.subject([Onc.target("T1")], baseline: ["T1": Onc.mm(20)], followUps: [["T1": Onc.mm(20)]])
        #expect(checkMeasurementsLinked(data).isEmpty)
    }

    @Test func aTargetLesionMissingAtAFollowUpIsAFinding() {
        let data = Onc.subject([Onc.target("T1"), Onc.target("T2", "LUNG")], baseline: ["T1": Onc.mm(20), "T2": Onc.mm(20)],
                               followUps: [["T1": Onc.mm(20)]])
        #expect(checkTargetsPresentAtFollowUps(data).map(\.lesionID) == ["T2"])
    }

    @Test func aTargetLesionExplicitlyNotAssessedIsNotAMissingLesion() {
        let data = Onc.subject([Onc.target("T1"), Onc.target("T2", "LUNG")], baseline: ["T1": Onc.mm(20), "T2": Onc.mm(20)],
                               followUps: [["T1": Onc.mm(20), "T2": .notAssessed]])
        #expect(checkTargetsPresentAtFollowUps(data).isEmpty)
    }

    private func withRecorded(baselineSum: Double, followUpSum: Double?, _ response: RecordedResponse = RecordedResponse()) -> SubjectTumourData {
        var data = Onc.subject([Onc.target("T1"), Onc.target("T2", "LUNG"), Onc.nonTarget("NT1")],
                               baseline: ["T1": Onc.mm(30), "T2": Onc.mm(20.5), "NT1": .present],
                               followUps: [["T1": Onc.mm(20), "T2": Onc.mm(10), "NT1": .present]])
        data.baseline.recorded.sumOfDiameters = Diameter(mm: baselineSum)
        data.followUps[0].recorded = response
        data.followUps[0].recorded.sumOfDiameters = followUpSum.flatMap { Diameter(mm: $0) }
        return data
    }

    @Test func aRecordedSumThatDiffersFromTheComputedSumIsAFinding() {
        let findings = checkRecordedSums(withRecorded(baselineSum: 50, followUpSum: 31))
        #expect(findings.map(\.visit) == ["SCREENING", "V1"])
        #expect(findings.map(\.recorded) == ["50 mm", "31 mm"])
        #expect(findings.map(\.expected) == ["50.5 mm", "30 mm"])
    }

    @Test func recordedSumsEqualToTheComputedOnesPass() {
        #expect(checkRecordedSums(withRecorded(baselineSum: 50.5, followUpSum: 30)).isEmpty)
        #expect(checkRecordedSums(withRecorded(baselineSum: 50.5, followUpSum: nil)).isEmpty)
    }

    @Test func anInvestigatorResponseThatContradictsTheMeasurementsIsAFinding() {
        // 50.5 -> 30 mm is -40.6 %: PR, not the SD recorded.
        let data = withRecorded(baselineSum: 50.5, followUpSum: 30,
                                RecordedResponse(target: .sd, nonTarget: .nonCRNonPD, overall: .sd))
        let findings = checkRecordedResponses(data)
        #expect(findings.map(\.test) == ["TRGRESP", "OVRLRESP"])
        #expect(findings.map(\.recorded) == ["SD", "SD"])
        #expect(findings.map(\.expected) == ["PR", "PR"])
        #expect(findings.allSatisfy { $0.rule == RECISTRule.responseMismatch && $0.visit == "V1" && $0.subject == "S1" })
    }

    @Test func investigatorResponsesThatAgreePass() {
        let data = withRecorded(baselineSum: 50.5, followUpSum: 30,
                                RecordedResponse(target: .pr, nonTarget: .nonCRNonPD, overall: .pr))
        #expect(checkRecordedResponses(data).isEmpty)
        #expect(recistChecks(data).isEmpty)
    }
}
