import SDTMModel
import Testing

@testable import Derivation

@Suite struct BestOverallResponseTests {
    private let rules = BestOverallResponseRules(confirmationDays: 28, minimumSDDays: 35)

    private func best(_ series: [(Int, OverallResponse)], targets: Bool = true) -> BestOverallResponse {
        bestOverallResponse(series.map { (date: Onc.day($0.0), overall: $0.1) }, firstDose: Onc.firstDose,
                            hasTargetLesions: targets, rules: rules)
    }

    @Test func confirmedPartialResponse() {
        let b = best([(42, .pr), (84, .pr)])
        #expect(b.response == .pr)
        #expect(b.date == Onc.day(42))
        #expect(b.confirmedOn == Onc.day(84))
    }

    @Test func partialResponseConfirmedByALaterCompleteResponse() {
        #expect(best([(42, .pr), (84, .cr)]).response == .pr)
    }

    @Test func aCompleteResponseFollowedByAPartialOneIsStableDiseaseNotAConfirmedResponse() {
        // RECIST 1.1 table 3: disease seen again after a true CR is not a response; the SD duration rule decides.
        #expect(best([(42, .cr), (84, .pr)]).response == .sd)
    }

    @Test func completeResponseConfirmedExactly28DaysLater() {
        let b = best([(42, .cr), (70, .cr)])
        #expect(b.response == .cr)
        #expect(b.confirmedOn == Onc.day(70))
    }

    @Test func completeResponseConfirmedAcrossANotEvaluableAssessment() {
        #expect(best([(42, .cr), (63, .ne), (84, .cr)]).response == .cr)
    }

    @Test func completeResponse27DaysLaterIsNotConfirmed() {
        #expect(best([(42, .cr), (69, .cr)]).response == .sd)
    }

    @Test func confirmationDaysAreConfigurable() {
        let b = bestOverallResponse([(date: Onc.day(42), overall: .cr), (date: Onc.day(69), overall: .cr)], firstDose: Onc.firstDose,
                                    hasTargetLesions: true, rules: BestOverallResponseRules(confirmationDays: 21, minimumSDDays: 35))
        #expect(b.response == .cr)
    }

    @Test func unconfirmedPartialResponseFollowedByStableDiseaseIsStableDisease() {
        #expect(best([(42, .pr), (84, .sd)]).response == .sd)
    }

    @Test func unconfirmedPartialResponseBeforeTheMinimumSDDurationIsNotEvaluable() {
        // PR at day 30 (< 35 days), then nothing evaluable.
        #expect(best([(30, .pr), (60, .ne)]).response == .ne)
        #expect(best([(30, .pr)]).response == .ne)
    }

    @Test func unconfirmedPartialResponseThenEarlyProgressionIsProgression() {
        #expect(best([(30, .pr), (60, .pd)]).response == .pd)
    }

    @Test func stableDiseaseExactlyAtTheMinimumDurationCounts() {
        #expect(best([(35, .sd), (70, .pd)]).response == .sd)
        #expect(best([(34, .sd), (70, .pd)]).response == .pd)
    }

    @Test func stableDiseaseBetweenTwoPartialResponsesBreaksTheConfirmation() {
        #expect(best([(42, .pr), (84, .sd), (126, .pr)]).response == .sd)
    }

    @Test func assessmentsAfterProgressionAreIgnored() {
        let b = best([(20, .sd), (30, .pd), (60, .pr), (100, .pr)])
        #expect(b.response == .pd)
        #expect(b.date == Onc.day(30))
    }

    @Test func noAssessmentIsNotEvaluable() {
        #expect(best([]).response == .ne)
    }

    @Test func subjectWithoutTargetLesionsGetsNonCRNonPDInsteadOfSD() {
        #expect(best([(42, .nonCRNonPD)], targets: false).response == .nonCRNonPD)
    }

    @Test func fromWorksheetsAConfirmedPartialResponse() {
        let data = Onc.subject([Onc.target("T1"), Onc.nonTarget("NT1")], baseline: ["T1": Onc.mm(50), "NT1": .present],
                               followUps: [["T1": Onc.mm(30), "NT1": .present], ["T1": Onc.mm(28), "NT1": .present],
                                           ["T1": Onc.mm(40), "NT1": .present]])
        let b = bestOverallResponse(data, firstDose: Onc.firstDose, rules: rules)
        #expect(timepointResponses(data).map(\.overall) == [.pr, .pr, .pd])
        #expect(b.response == .pr)
        #expect(b.confirmedOn == Onc.day(84))
    }
}
