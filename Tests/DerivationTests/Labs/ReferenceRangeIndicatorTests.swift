import Testing

@testable import Derivation

private func nrind(_ raw: String, _ low: String?, _ high: String?) -> ReferenceRangeIndicator? {
    ReferenceRangeIndicator(LabResult(raw: raw), low: low.map(n), high: high.map(n))
}

@Suite struct ReferenceRangeIndicatorTests {
    @Test func theLimitsThemselvesAreNormal() {
        #expect(nrind("3.5", "3.5", "5.0") == .normal)
        #expect(nrind("5.0", "3.5", "5.0") == .normal)
        #expect(nrind("4.2", "3.5", "5.0") == .normal)
    }

    @Test func justBelowTheLowerLimitIsLow() {
        #expect(nrind("3.49", "3.5", "5.0") == .low)
    }

    @Test func justAboveTheUpperLimitIsHigh() {
        #expect(nrind("5.01", "3.5", "5.0") == .high)
    }

    @Test func withoutAResultOrARangeItIsNull() {
        #expect(nrind("4", nil, nil) == nil)
        #expect(nrind("", "3.5", "5.0") == nil)
        #expect(nrind("NOT DONE", "3.5", "5.0") == nil)
        #expect(nrind("POSITIVE", "3.5", "5.0") == nil)
        #expect(nrind("12,5", "3.5", "5.0") == nil)
    }

    @Test func aOneSidedRangeIsJudgedOnItsSide() {
        #expect(nrind("40", nil, "40") == .normal)
        #expect(nrind("41", nil, "40") == .high)
        #expect(nrind("60", "60", nil) == .normal)
        #expect(nrind("59", "60", nil) == .low)
    }

    @Test func aCensoredResultCountsOnlyWhenCertain() {
        #expect(nrind("<0.2", "0.3", "1.2") == .low)
        #expect(nrind("<0.2", "0.2", "1.2") == .low)
        #expect(nrind("<=0.2", "0.2", "1.2") == nil)
        #expect(nrind("<0.2", "0.1", "1.2") == nil)
        #expect(nrind("<0.2", nil, "1.2") == .normal)
        #expect(nrind("<0.2", "0.0", "0.4") == .normal)
        #expect(nrind(">1000", nil, "10") == .high)
        #expect(nrind(">10", nil, "10") == .high)
        #expect(nrind(">=10", nil, "10") == nil)
        #expect(nrind(">100", "60", nil) == .normal)
    }
}
