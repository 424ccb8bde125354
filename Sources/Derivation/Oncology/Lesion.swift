import SDTMModel

/// A diameter held as an integer number of tenths of a millimetre, so that every RECIST threshold
/// (-30 %, +20 %, 5 mm, 10 mm, 15 mm) is compared with exact integer arithmetic and never with floating
/// error (a sum of 70.0 mm against a baseline of 100.0 mm is exactly -30 %, a PR).
///
/// Worksheets record diameters in whole millimetres or to one decimal; a value with more decimals is
/// rounded half away from zero to the nearest tenth when it enters (`init(mm:)`), and only then compared.
public struct Diameter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let tenths: Int

    public init(tenths: Int) { self.tenths = tenths }

    /// Rounds to the nearest 0.1 mm; nil for a negative, infinite or NaN value.
    public init?(mm: Double) {
        guard mm.isFinite, mm >= 0, mm < 1e9 else { return nil }
        tenths = Int((mm * 10).rounded(.toNearestOrAwayFromZero))
    }

    public static let zero = Diameter(tenths: 0)

    public var millimetres: Double { Double(tenths) / 10 }

    public static func < (a: Diameter, b: Diameter) -> Bool { a.tenths < b.tenths }
    public static func + (a: Diameter, b: Diameter) -> Diameter { Diameter(tenths: a.tenths + b.tenths) }

    /// Millimetres without a spurious trailing zero: `70`, `70.5`.
    public var description: String {
        tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}

/// What a lesion is at baseline (TUORRES): followed by measurement, followed qualitatively, or appeared on study.
public enum LesionRole: String, Sendable, CaseIterable {
    case target = "TARGET"
    case nonTarget = "NON-TARGET"
    case new = "NEW"
}

/// One lesion as the RECIST worksheet identifies it (a TU record).
public struct Lesion: Hashable, Sendable {
    /// The link id (TULNKID) that every measurement of the lesion refers to.
    public var id: String
    public var subject: String
    /// The organ, used for the "at most 2 target lesions per organ" rule (TULOC).
    public var organ: String
    /// A finer location, free text (e.g. "SEGMENT VII"); not used by the rules.
    public var location: String?
    public var role: LesionRole
    /// A lymph node is measured on its short axis and may be "normal" (< 10 mm) without disappearing.
    public var isLymphNode: Bool
    /// TUMETHOD, e.g. "CT SCAN" or "MRI".
    public var method: String?

    public init(id: String, subject: String, organ: String, location: String? = nil, role: LesionRole,
                isLymphNode: Bool = false, method: String? = nil) {
        self.id = id
        self.subject = subject
        self.organ = organ
        self.location = location
        self.role = role
        self.isLymphNode = isLymphNode
        self.method = method
    }
}

/// What was seen of one lesion at one assessment.
///
/// Target lesions are measured (longest diameter; short axis for nodes); a lesion that disappeared is
/// `.measured(.zero)` or `.absent`. Non-target lesions are qualitative. A measured non-target lesion
/// counts as present when it is > 0 mm (nodes: >= 10 mm short axis), as absent otherwise.
public enum Observation: Hashable, Sendable {
    case measured(Diameter)
    /// Visible but too small to measure: RECIST 1.1 assigns a default of 5 mm.
    case tooSmallToMeasure
    case present
    /// Disappeared; for a lymph node, returned to normal size (< 10 mm short axis).
    case absent
    case unequivocalProgression
    case notAssessed

    /// RECIST 1.1's default value for a lesion too small to measure.
    public static let tooSmallDefault = Diameter(tenths: 50)
}

/// One lesion's observation at an assessment (a TR record), linked by the lesion id.
public struct LesionObservation: Hashable, Sendable {
    public var lesionID: String
    public var observation: Observation

    public init(_ lesionID: String, _ observation: Observation) {
        self.lesionID = lesionID
        self.observation = observation
    }
}

/// New lesions at an assessment (NEWLIND): an equivocal one is not progression (yet).
public enum NewLesionStatus: String, Sendable {
    case none = "N"
    case equivocal = "EQUIVOCAL"
    case unequivocal = "Y"
}

/// What the investigator recorded on the worksheet for an assessment, to be checked against the engine.
public struct RecordedResponse: Hashable, Sendable {
    public var sumOfDiameters: Diameter?
    public var target: TargetResponse?
    public var nonTarget: NonTargetResponse?
    public var overall: OverallResponse?

    public init(sumOfDiameters: Diameter? = nil, target: TargetResponse? = nil, nonTarget: NonTargetResponse? = nil,
                overall: OverallResponse? = nil) {
        self.sumOfDiameters = sumOfDiameters
        self.target = target
        self.nonTarget = nonTarget
        self.overall = overall
    }
}

/// One imaging assessment of one subject: every lesion's observation, the new-lesion status and what
/// the investigator recorded.
public struct Assessment: Hashable, Sendable {
    public var visit: String
    public var date: CivilDate
    public var observations: [LesionObservation]
    public var newLesions: NewLesionStatus
    public var recorded: RecordedResponse

    public init(visit: String, date: CivilDate, observations: [LesionObservation], newLesions: NewLesionStatus = .none,
                recorded: RecordedResponse = RecordedResponse()) {
        self.visit = visit
        self.date = date
        self.observations = observations
        self.newLesions = newLesions
        self.recorded = recorded
    }

    /// The observation of a lesion, nil when the assessment does not mention it.
    public func observation(of lesionID: String) -> Observation? {
        observations.first { $0.lesionID == lesionID }?.observation
    }
}

/// A subject's RECIST worksheets: the lesions identified, the baseline assessment and the follow-ups.
public struct SubjectTumourData: Hashable, Sendable {
    public var subject: String
    public var lesions: [Lesion]
    public var baseline: Assessment
    /// In any order; the engine sorts them by date (ties keep their order).
    public var followUps: [Assessment]

    public init(subject: String, lesions: [Lesion], baseline: Assessment, followUps: [Assessment]) {
        self.subject = subject
        self.lesions = lesions
        self.baseline = baseline
        self.followUps = followUps
    }

    public var targetLesions: [Lesion] { lesions.filter { $0.role == .target } }
    public var nonTargetLesions: [Lesion] { lesions.filter { $0.role == .nonTarget } }

    /// Follow-ups in date order.
    public var orderedFollowUps: [Assessment] {
        followUps.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}
