/// Whether a subject's tumours respond to treatment.
enum ResponseRole: Sendable {
    case noResponse, partial, complete
}

/// Decides who responds. A cohort's subjects with enough scans to confirm a response (two follow-ups before any
/// progression) are taken in runs of 3 in HCC and 5 in BTC, one responder at a random place in each run, so that
/// even the 64-subject sample shows about the intended response rates (ORR about 20 % in HCC, 12 % in BTC among
/// subjects with a follow-up scan). Every sixth HCC run's responder clears completely (in BTC one run in twenty),
/// or the next responder with three follow-ups to show and confirm it. Other subjects respond by chance, and their
/// response cannot be confirmed.
struct ResponsePlan {
    static func runLength(_ cohort: Cohort) -> Int { cohort == .hcc ? 3 : 5 }
    static func clears(run: Int, _ cohort: Cohort) -> Bool { cohort == .hcc ? run % 6 == 0 : run % 20 == 10 }
    static func chanceUnconfirmed(_ cohort: Cohort) -> Double { cohort == .hcc ? 0.2 : 0.12 }

    private let seed: UInt64
    /// Per cohort, subjects able to confirm so far.
    private var counts: [Cohort: Int] = [:]
    /// Per cohort, a complete response still to place.
    private var owedComplete: Set<Cohort> = []

    init(seed: UInt64) {
        self.seed = seed
    }

    /// `scans` counts the follow-ups before any progression.
    mutating func role(_ cohort: Cohort, scans: Int, rng: inout RandomSource) -> ResponseRole {
        guard scans >= 2 else { return rng.chance(Self.chanceUnconfirmed(cohort)) ? .partial : .noResponse }
        let index = counts[cohort, default: 0]
        counts[cohort] = index + 1
        let length = Self.runLength(cohort)
        let run = index / length
        var runRNG = RandomSource(seed: seed, StreamLabel.recist, 3, UInt64(cohort.rawValue), UInt64(run))
        guard index % length == runRNG.below(length) else { return .noResponse }
        if Self.clears(run: run, cohort) { owedComplete.insert(cohort) }
        guard owedComplete.contains(cohort), scans >= 3 else { return .partial }
        owedComplete.remove(cohort)
        return .complete
    }
}
