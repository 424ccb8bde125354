import SDTMModel
import Testing

@testable import Derivation

@Suite struct NonTargetResponseTests {
    private let lesions = [Onc.nonTarget("NT1"), Onc.nonTarget("NN1", "LYMPH NODE", node: true)]

    private func response(_ observations: [String: Observation]) -> NonTargetResponse {
        nonTargetResponse(lesions, at: Onc.assessment("V1", day: 42, observations))
    }

    @Test func completeResponseWhenAllGoneAndNodesUnder10mm() {
        #expect(response(["NT1": .absent, "NN1": Onc.mm(9.9)]) == .cr)
        #expect(response(["NT1": .absent, "NN1": .absent]) == .cr)
    }

    @Test func aNonTargetNodeAt10mmIsStillPresent() {
        #expect(response(["NT1": .absent, "NN1": Onc.mm(10)]) == .nonCRNonPD)
    }

    @Test func persistingLesionIsNonCRNonPD() {
        #expect(response(["NT1": .present, "NN1": .absent]) == .nonCRNonPD)
    }

    @Test func unequivocalProgressionIsPDEvenWithALesionNotAssessed() {
        #expect(response(["NT1": .unequivocalProgression, "NN1": .notAssessed]) == .pd)
    }

    @Test func notAllAssessedIsNotEvaluable() {
        #expect(response(["NT1": .present, "NN1": .notAssessed]) == .ne)
        #expect(response(["NT1": .absent]) == .ne)
    }

    @Test func noNonTargetLesionsIsNotApplicable() {
        #expect(nonTargetResponse([Onc.target("T1")], at: Onc.assessment("V1", day: 42, ["T1": Onc.mm(10)])) == .notApplicable)
    }
}
