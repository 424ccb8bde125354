#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 coefficients), relative error about 1e-15.
func logGamma(_ x: Double) -> Double {
    if x < 0.5 { return logGamma(x + 1) - log(x) }  // Γ(x) = Γ(x + 1) / x keeps the series where it is accurate
    let coefficients: [Double] = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ]
    let z = x - 1
    var sum = coefficients[0]
    for i in 1..<coefficients.count { sum += coefficients[i] / (z + Double(i)) }
    let t = z + 7.5
    return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(sum)
}

/// The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1: the beta(a, b)
/// distribution function at x. Continued fraction (modified Lentz), on the side where it converges fast.
public func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront = a * log(x) + b * log(1 - x) - (logGamma(a) + logGamma(b) - logGamma(a + b))
    if x < (a + 1) / (a + b + 2) {
        return exp(logFront) * betaContinuedFraction(x, a, b) / a
    }
    return 1 - exp(logFront) * betaContinuedFraction(1 - x, b, a) / b
}

/// The continued fraction of I_x(a, b): 1 / (1 + d1 / (1 + d2 / (1 + ...))), with
/// d(2m+1) = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and d(2m) = m(b-m)x / ((a+2m-1)(a+2m)).
private func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    func guarded(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
    var c = 1.0
    var d = 1 / guarded(1 - (a + b) * x / (a + 1))
    var f = d
    for m in 1...10_000 {
        let m = Double(m)
        let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1 / guarded(1 + even * d)
        c = guarded(1 + even / c)
        f *= c * d
        let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1 / guarded(1 + odd * d)
        c = guarded(1 + odd / c)
        let delta = c * d
        f *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return f
}

/// The p-quantile of the beta(a, b) distribution: the x with I_x(a, b) = p, by bisection on [0, 1]
/// until the interval no longer shrinks in Double precision.
public func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
    if p <= 0 { return 0 }
    if p >= 1 { return 1 }
    var low = 0.0, high = 1.0
    for _ in 0..<200 {
        let mid = (low + high) / 2
        if mid <= low || mid >= high { break }
        if regularizedIncompleteBeta(mid, a, b) < p { low = mid } else { high = mid }
    }
    return (low + high) / 2
}

/// A proportion with its exact (Clopper-Pearson) confidence interval.
public struct ProportionEstimate: Hashable, Sendable {
    public var count: Int
    public var total: Int
    /// count / total; nil when total is 0 (and so are the bounds).
    public var proportion: Double?
    public var lower: Double?
    public var upper: Double?
}

/// The exact two-sided Clopper-Pearson interval for `count` successes in `total` trials:
/// lower = Beta quantile (alpha/2; k, n-k+1), 0 when k = 0; upper = Beta quantile (1-alpha/2; k+1, n-k), 1 when k = n.
public func clopperPearson(count: Int, total: Int, confidence: Double = 0.95) -> ProportionEstimate {
    precondition(count >= 0 && count <= total, "count must be within 0...total")
    guard total > 0 else { return ProportionEstimate(count: 0, total: 0, proportion: nil, lower: nil, upper: nil) }
    let alpha = 1 - confidence
    let k = Double(count), n = Double(total)
    let lower = count == 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1)
    let upper = count == total ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k)
    return ProportionEstimate(count: count, total: total, proportion: k / n, lower: lower, upper: upper)
}

/// The response readout of one cohort: a data manager's check of the derivation, not an analysis dataset.
public struct CohortResponseSummary: Hashable, Sendable {
    public var cohort: String
    /// Subjects in the denominator: every subject passed in for the cohort (the caller's response-evaluable
    /// population); a subject whose best overall response is NE stays in it as a non-responder.
    public var evaluable: Int
    /// Best overall responses counted, every value present (0 when none).
    public var counts: [OverallResponse: Int]
    /// Objective response rate: CR + PR.
    public var orr: ProportionEstimate
    /// Disease-control rate: CR + PR + SD + NON-CR/NON-PD.
    public var dcr: ProportionEstimate
}

/// ORR and DCR with exact confidence intervals per cohort, cohorts in ascending order.
public func responseSummary(_ subjects: [(cohort: String, best: OverallResponse)], confidence: Double = 0.95) -> [CohortResponseSummary] {
    let cohorts = Set(subjects.map(\.cohort)).sorted()
    return cohorts.map { cohort in
        let responses = subjects.filter { $0.cohort == cohort }.map(\.best)
        var counts = Dictionary(uniqueKeysWithValues: OverallResponse.allCases.map { ($0, 0) })
        for r in responses { counts[r, default: 0] += 1 }
        let responders = counts[.cr]! + counts[.pr]!
        let controlled = responders + counts[.sd]! + counts[.nonCRNonPD]!
        return CohortResponseSummary(
            cohort: cohort, evaluable: responses.count, counts: counts,
            orr: clopperPearson(count: responders, total: responses.count, confidence: confidence),
            dcr: clopperPearson(count: controlled, total: responses.count, confidence: confidence))
    }
}
