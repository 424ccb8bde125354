import SDTMModel
import Testing

@testable import Derivation

@Suite struct TargetResponseTests {
    private let twoLesions = [Onc.target("T1"), Onc.target("T2", "LUNG")]

    @Test func partialResponseAtExactlyMinus30Percent() {
        // 60 + 40 = 100 mm at baseline, 42 + 28 = 70 mm: exactly -30 %.
        let r = Onc.targetResponses(twoLesions, baseline: ["T1": Onc.mm(60), "T2": Onc.mm(40)],
                                    followUps: [["T1": Onc.mm(42), "T2": Onc.mm(28)]])
        #expect(r == [.pr])
    }

    @Test func partialResponseAtExactlyMinus30PercentWithDecimalsHasNoFloatingError() {
        // 33.3 mm baseline, 23.31 mm is exactly 70 % but 23.31 rounds to 23.3 (< 70 %): PR; 23.4 is SD.
        #expect(meetsPartialResponse(sum: Diameter(mm: 23.3)!, baseline: Diameter(mm: 33.3)!))
        #expect(!meetsPartialResponse(sum: Diameter(mm: 23.4)!, baseline: Diameter(mm: 33.3)!))
        // 14.0 -> 9.8 mm is exactly -30 %, but (9.8 - 14) / 14 * 100 is -29.999999999999993 in Double.
        let floating: Double = (9.8 - 14.0) / 14.0 * 100
        #expect(floating > -30)
        #expect(meetsPartialResponse(sum: Diameter(mm: 9.8)!, baseline: Diameter(mm: 14)!))
    }

    @Test func minus29Point9PercentIsStableDisease() {
        let r = Onc.targetResponses(twoLesions, baseline: ["T1": Onc.mm(60), "T2": Onc.mm(40)],
                                    followUps: [["T1": Onc.mm(42.1), "T2": Onc.mm(28)]])
        #expect(r == [.sd])
    }

    @Test func plus20PercentButUnder5mmAbsoluteIsNotProgression() {
        // 20 mm -> 24 mm: +20 % but only +4 mm.
        let r = Onc.targetResponses([Onc.target("T1")], baseline: ["T1": Onc.mm(20)], followUps: [["T1": Onc.mm(24)]])
        #expect(r == [.sd])
    }

    @Test func plus20PercentAndAtLeast5mmIsProgression() {
        // 25 mm -> 30 mm: exactly +20 % and exactly +5 mm.
        let r = Onc.targetResponses([Onc.target("T1")], baseline: ["T1": Onc.mm(25)], followUps: [["T1": Onc.mm(30)]])
        #expect(r == [.pd])
        // 25 mm -> 29.9 mm: +4.9 mm and +19.6 %: not PD.
        #expect(Onc.targetResponses([Onc.target("T1")], baseline: ["T1": Onc.mm(25)], followUps: [["T1": Onc.mm(29.9)]]) == [.sd])
    }

    @Test func progressionIsMeasuredFromTheNadirNotFromBaseline() {
        // 100 -> 50 (PR, the nadir) -> 60: still -40 % from baseline, but +20 % and +10 mm from the nadir.
        let r = Onc.targetResponses([Onc.target("T1")], baseline: ["T1": Onc.mm(100)],
                                    followUps: [["T1": Onc.mm(50)], ["T1": Onc.mm(60)]])
        #expect(r == [.pr, .pd])
    }

    @Test func nodesReturningUnder10mmCountTowardCompleteResponse() {
        let lesions = [Onc.target("T1"), Onc.target("N1", "LYMPH NODE", node: true)]
        let data = Onc.subject(lesions, baseline: ["T1": Onc.mm(30), "N1": Onc.mm(20)],
                               followUps: [["T1": Onc.mm(0), "N1": Onc.mm(9.9)]])
        let result = evaluateTargets(data).assessments[0]
        #expect(result.response == .cr)
        #expect(result.sum == Diameter(mm: 9.9))  // the node's short axis stays in the sum
    }

    @Test func aNodeAt10mmBlocksCompleteResponse() {
        let lesions = [Onc.target("T1"), Onc.target("N1", "LYMPH NODE", node: true)]
        let r = Onc.targetResponses(lesions, baseline: ["T1": Onc.mm(30), "N1": Onc.mm(20)],
                                    followUps: [["T1": Onc.mm(0), "N1": Onc.mm(10)]])
        #expect(r == [.pr])
    }

    @Test func normalSizedNodesThatGrowStayCompleteResponseRatherThanProgression() {
        // Documented choice: only target nodes, all under 10 mm; 4 + 4 -> 9 + 9 mm is +125 % and +10 mm.
        let nodes = [Onc.target("N1", "LYMPH NODE", node: true), Onc.target("N2", "LYMPH NODE", node: true)]
        let r = Onc.targetResponses(nodes, baseline: ["N1": Onc.mm(20), "N2": Onc.mm(20)],
                                    followUps: [["N1": Onc.mm(4), "N2": Onc.mm(4)], ["N1": Onc.mm(9), "N2": Onc.mm(9)],
                                                ["N1": Onc.mm(10), "N2": Onc.mm(9)]])
        #expect(r == [.cr, .cr, .pd])
    }

    @Test func aNonNodalLesionTooSmallToMeasureCounts5mmAndBlocksCompleteResponse() {
        let data = Onc.subject([Onc.target("T1")], baseline: ["T1": Onc.mm(30)], followUps: [["T1": .tooSmallToMeasure]])
        let result = evaluateTargets(data).assessments[0]
        #expect(result.response == .pr)
        #expect(result.sum == Diameter(mm: 5))
    }

    @Test func notEvaluableWhenATargetLesionIsNotAssessedOrMissing() {
        let r = Onc.targetResponses(twoLesions, baseline: ["T1": Onc.mm(60), "T2": Onc.mm(40)],
                                    followUps: [["T1": Onc.mm(10), "T2": .notAssessed], ["T1": Onc.mm(10)]])
        #expect(r == [.ne, .ne])
    }

    @Test func progressionEvenWithALesionNotAssessedWhenTheOthersAlreadyProgress() {
        // Nadir 40 mm; the one lesion measured is 50 mm: +25 % and +10 mm whatever the other is.
        let r = Onc.targetResponses(twoLesions, baseline: ["T1": Onc.mm(20), "T2": Onc.mm(20)],
                                    followUps: [["T1": Onc.mm(50), "T2": .notAssessed]])
        #expect(r == [.pd])
    }

    @Test func anIncompleteSumNeverBecomesTheNadir() {
        // V1 is NE with 10 mm measured; the nadir stays 40, so 45 mm at V2 is SD, not PD against 10.
        let r = Onc.targetResponses(twoLesions, baseline: ["T1": Onc.mm(20), "T2": Onc.mm(20)],
                                    followUps: [["T1": Onc.mm(10), "T2": .notAssessed], ["T1": Onc.mm(25), "T2": Onc.mm(20)]])
        #expect(r == [.ne, .sd])
    }

    @Test func aBaselineWithoutEveryTargetMeasuredMakesEveryFollowUpNotEvaluable() {
        let r = Onc.targetResponses(twoLesions, baseline: ["T1": Onc.mm(60)],
                                    followUps: [["T1": Onc.mm(10), "T2": Onc.mm(5)]])
        #expect(r == [.ne])
    }

    @Test func noTargetLesionsIsNotApplicable() {
        let r = Onc.targetResponses([Onc.nonTarget("NT1")], baseline: ["NT1": .present], followUps: [["NT1": .present]])
        #expect(r == [.notApplicable])
    }

    @Test func diametersRoundToTheNearestTenthOnEntry() {
        #expect(Diameter(mm: 70.04)?.tenths == 700)
        #expect(Diameter(mm: 70.05)?.tenths == 701)
        #expect(Diameter(mm: -1) == nil)
        #expect(Diameter(mm: .nan) == nil)
        #expect(Diameter(tenths: 705).description == "70.5")
        #expect(Diameter(tenths: 700).description == "70")
    }
}
