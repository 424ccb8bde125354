import SDTMModel

@testable import Derivation

/// Hand-made RECIST cases: day 0 is the first dose (2025-01-06), dates are days after it.
enum Onc {
    static let firstDose = CivilDate(year: 2025, month: 1, day: 6)!

    static func day(_ n: Int) -> CivilDate { firstDose.adding(days: n) }

    static func mm(_ value: Double) -> Observation { .measured(Diameter(mm: value)!) }

    static func target(_ id: String, _ organ: String = "LIVER", node: Bool = false) -> Lesion {
        Lesion(id: id, subject: "S1", organ: organ, role: .target, isLymphNode: node, method: "CT SCAN")
    }

    static func nonTarget(_ id: String, _ organ: String = "LUNG", node: Bool = false) -> Lesion {
        Lesion(id: id, subject: "S1", organ: organ, role: .nonTarget, isLymphNode: node, method: "CT SCAN")
    }

    static func assessment(_ visit: String, day n: Int, _ observations: [String: Observation],
                           new: NewLesionStatus = .none, recorded: RecordedResponse = RecordedResponse()) -> Assessment {
        Assessment(visit: visit, date: day(n),
                   observations: observations.keys.sorted().map { LesionObservation($0, observations[$0]!) },
                   newLesions: new, recorded: recorded)
    }

    /// A subject with the given lesions, a baseline at day -7 and follow-ups every 6 weeks (V1 at day 42, ...).
    static func subject(_ lesions: [Lesion], baseline: [String: Observation], followUps: [[String: Observation]],
                        new: [NewLesionStatus] = []) -> SubjectTumourData {
        SubjectTumourData(
            subject: "S1", lesions: lesions, baseline: assessment("SCREENING", day: -7, baseline),
            followUps: followUps.enumerated().map { i, obs in
                assessment("V\(i + 1)", day: 42 * (i + 1), obs, new: i < new.count ? new[i] : .none)
            })
    }

    /// Target responses of a one-or-more-lesion subject, one per follow-up.
    static func targetResponses(_ lesions: [Lesion], baseline: [String: Observation],
                                followUps: [[String: Observation]]) -> [TargetResponse] {
        evaluateTargets(subject(lesions, baseline: baseline, followUps: followUps)).assessments.map(\.response)
    }
}
