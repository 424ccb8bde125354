import SDTMModel
import Testing

@testable import Derivation

@Suite struct OverallResponseTests {
    @Test(arguments: [
        // RECIST 1.1 table 1: target, non-target, new lesions -> overall.
        (TargetResponse.cr, NonTargetResponse.cr, NewLesionStatus.none, OverallResponse.cr),
        (.cr, .notApplicable, .none, .cr),
        (.cr, .nonCRNonPD, .none, .pr),
        (.cr, .ne, .none, .pr),
        (.pr, .nonCRNonPD, .none, .pr),
        (.pr, .ne, .none, .pr),
        (.pr, .cr, .none, .pr),
        (.sd, .nonCRNonPD, .none, .sd),
        (.sd, .ne, .none, .sd),
        (.ne, .nonCRNonPD, .none, .ne),
        (.pd, .cr, .none, .pd),
        (.cr, .pd, .none, .pd),
        (.ne, .pd, .none, .pd),
        (.cr, .cr, .unequivocal, .pd),
        // Table 2: no target lesions.
        (.notApplicable, .cr, .none, .cr),
        (.notApplicable, .nonCRNonPD, .none, .nonCRNonPD),
        (.notApplicable, .ne, .none, .ne),
        (.notApplicable, .pd, .none, .pd),
        (.notApplicable, .nonCRNonPD, .unequivocal, .pd),
        // Neither target nor non-target lesions.
        (.notApplicable, .notApplicable, .none, .ne),
    ])
    func recistTables1And2(target: TargetResponse, nonTarget: NonTargetResponse, new: NewLesionStatus, expected: OverallResponse) {
        #expect(overallResponse(target: target, nonTarget: nonTarget, newLesions: new) == expected)
    }

    @Test func aNewUnequivocalLesionIsProgressionWhateverTheTargetsDo() {
        let data = Onc.subject([Onc.target("T1")], baseline: ["T1": Onc.mm(50)], followUps: [["T1": Onc.mm(10)]],
                               new: [.unequivocal])
        let t = timepointResponses(data)[0]
        #expect(t.target == .pr)
        #expect(t.overall == .pd)
    }

    @Test func anEquivocalNewLesionIsNotProgression() {
        let data = Onc.subject([Onc.target("T1")], baseline: ["T1": Onc.mm(50)], followUps: [["T1": Onc.mm(10)]],
                               new: [.equivocal])
        #expect(timepointResponses(data)[0].overall == .pr)
    }

    @Test func aSubjectWithOnlyNonTargetLesionsFollowsTable2() {
        let data = Onc.subject([Onc.nonTarget("NT1"), Onc.nonTarget("NT2", "BONE")],
                               baseline: ["NT1": .present, "NT2": .present],
                               followUps: [["NT1": .present, "NT2": .absent], ["NT1": .absent, "NT2": .absent]])
        let responses = timepointResponses(data)
        #expect(responses.map(\.target) == [.notApplicable, .notApplicable])
        #expect(responses.map(\.overall) == [.nonCRNonPD, .cr])
        let best = bestOverallResponse(data, firstDose: Onc.firstDose, rules: BestOverallResponseRules(minimumSDDays: 35))
        #expect(best.response == .nonCRNonPD)  // the CR at day 84 is never confirmed
    }

    @Test func followUpsAreEvaluatedInDateOrder() {
        var data = Onc.subject([Onc.target("T1")], baseline: ["T1": Onc.mm(100)],
                               followUps: [["T1": Onc.mm(50)], ["T1": Onc.mm(60)]])
        data.followUps.reverse()
        #expect(timepointResponses(data).map(\.overall) == [.pr, .pd])
    }
}
