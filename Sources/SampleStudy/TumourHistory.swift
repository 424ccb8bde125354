import SDTMModel

/// What a lesion is on the worksheet, as the site prints it.
enum LesionType: String, Sendable {
    case target = "Target"
    case nonTarget = "Non-target"
    case new = "New"
}

/// One lesion as the worksheet identifies it.
struct TumourLesion: Sendable {
    /// `T1`, `NT2`, `NEW1`.
    var id: String
    var type: LesionType
    var organ: String
    var location: String
    var isNode: Bool
    /// `CT` or `MRI`.
    var method: String
}

/// One imaging assessment: the scan's event and date and what was seen of every lesion.
struct TumourScan: Sendable {
    var event: String
    var date: CivilDate
    /// One per target lesion, in lesion order.
    var targets: [TargetReading]
    /// One per non-target lesion, in lesion order.
    var nonTargets: [LesionStatus]
    /// Lesions first seen at this scan (status `Present`).
    var newLesions: [TumourLesion] = []

    /// The sum of diameters in tenths of a millimetre.
    var sum: Int { targets.reduce(0) { $0 + $1.tenths } }
}

/// One enrolled subject's simulated tumour course: the baseline lesions, every scan, the investigator's
/// responses computed by RECIST 1.1 and the best overall response.
struct TumourHistory: Sendable {
    /// Baseline lesions: targets first, then non-targets.
    var lesions: [TumourLesion]
    var baseline: TumourScan
    var followUps: [TumourScan]
    /// One per follow-up.
    var responses: [ScanResponse] = []
    var best: TumourResponse = .ne

    var targets: [TumourLesion] { lesions.filter { $0.type == .target } }
    var nonTargets: [TumourLesion] { lesions.filter { $0.type == .nonTarget } }

    /// Fills in the responses and, from them, the best overall response.
    mutating func assess(firstDose: CivilDate) {
        responses = RECIST.responses(self)
        best = RECIST.best(zip(followUps, responses).map { (day: $0.date.daysSinceEpoch, overall: $1.overall) },
                           firstDoseDay: firstDose.daysSinceEpoch)
    }
}
