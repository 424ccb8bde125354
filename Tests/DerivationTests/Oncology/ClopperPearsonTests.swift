import Testing

@testable import Derivation

@Suite struct ClopperPearsonTests {
    private func close(_ a: Double?, _ b: Double, _ tolerance: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    /// The published exact 95 % bounds to 4 decimals (Clopper and Pearson tables; e.g. 0/10 -> [0, 0.3085]).
    @Test(arguments: [
        (0, 10, 0.0, 0.3085),
        (5, 10, 0.1871, 0.8129),
        (10, 10, 0.6915, 1.0),
    ])
    func clopperPearsonMatchesPublishedValues(k: Int, n: Int, lower: Double, upper: Double) {
        let ci = clopperPearson(count: k, total: n)
        #expect(close(ci.lower, lower, 5e-5))
        #expect(close(ci.upper, upper, 5e-5))
    }

    /// Reference values from scipy.stats.beta.ppf (SciPy 1.17.1), full precision.
    @Test(arguments: [
        (13, 32, 0.23698410055174315, 0.5935507534235236),
        (1, 20, 0.0012650894979498038, 0.24873276277202777),
        (7, 25, 0.12071668850406661, 0.49387682180625553),
        (5, 10, 0.18708602844739855, 0.8129139715526015),
        (0, 10, 0.0, 0.3084971078187607),
    ])
    func clopperPearsonMatchesScipyToNineDecimals(k: Int, n: Int, lower: Double, upper: Double) {
        let ci = clopperPearson(count: k, total: n)
        #expect(close(ci.lower, lower, 1e-9))
        #expect(close(ci.upper, upper, 1e-9))
        #expect(close(ci.proportion, Double(k) / Double(n), 0))
    }

    @Test func regularizedIncompleteBetaMatchesScipy() {
        // scipy.stats.beta.cdf(0.3, 2.5, 4.0) and beta.cdf(0.9, 10, 3).
        #expect(abs(regularizedIncompleteBeta(0.3, 2.5, 4.0) - 0.3521975859067672) < 1e-12)
        #expect(abs(regularizedIncompleteBeta(0.9, 10, 3) - 0.889130022255) < 1e-11)
        #expect(regularizedIncompleteBeta(0, 2, 3) == 0)
        #expect(regularizedIncompleteBeta(1, 2, 3) == 1)
    }

    @Test func anEmptyCohortHasNoEstimate() {
        let ci = clopperPearson(count: 0, total: 0)
        #expect(ci.proportion == nil && ci.lower == nil && ci.upper == nil)
    }

    @Test func responseSummaryCountsORRAndDCRPerCohort() {
        let subjects: [(cohort: String, best: OverallResponse)] =
            [("B", .pd), ("A", .cr), ("A", .pr), ("A", .pr), ("A", .sd), ("A", .pd), ("A", .ne),
             ("A", .pd), ("A", .sd), ("A", .pd), ("A", .nonCRNonPD)]
        let summary = responseSummary(subjects)
        #expect(summary.map(\.cohort) == ["A", "B"])
        let a = summary[0]
        #expect(a.evaluable == 10)
        #expect(a.counts[.cr] == 1 && a.counts[.pr] == 2 && a.counts[.sd] == 2 && a.counts[.pd] == 3 && a.counts[.ne] == 1)
        #expect(a.counts[.nonCRNonPD] == 1)
        #expect(a.orr.count == 3 && a.orr.total == 10)
        #expect(a.dcr.count == 6 && a.dcr.total == 10)
        #expect(summary[1].orr == clopperPearson(count: 0, total: 1))
        #expect(summary[1].counts[.cr] == 0)
    }
}
