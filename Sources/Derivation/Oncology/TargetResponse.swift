import SDTMModel

/// Target-lesion response at one assessment (RSTESTCD TRGRESP), RECIST 1.1 section 4.3.1.
public enum TargetResponse: String, Hashable, Sendable, CaseIterable {
    case cr = "CR"
    case pr = "PR"
    case sd = "SD"
    case pd = "PD"
    case ne = "NE"
    /// The subject has no target lesions.
    case notApplicable = "NA"
}

/// The target-lesion result of one follow-up assessment.
public struct TargetAssessment: Hashable, Sendable {
    public var visit: String
    public var date: CivilDate
    /// The sum of diameters when every target lesion was evaluated, else nil.
    public var sum: Diameter?
    /// The sum over the target lesions that were evaluated (equals `sum` when all were).
    public var partialSum: Diameter
    /// The reference for progression: the smallest complete sum before this assessment, baseline included.
    public var nadir: Diameter?
    public var response: TargetResponse
}

/// Target-lesion evaluation of a subject: the baseline sum and one result per follow-up, in date order.
public struct TargetEvaluation: Hashable, Sendable {
    public var baselineSum: Diameter?
    public var assessments: [TargetAssessment]
}

/// The diameter a target-lesion observation contributes to the sum, or nil when it cannot be measured.
///
/// Choices: `.absent` counts 0 mm (for a node RECIST wants the actual short axis; a worksheet that only
/// says "normal" gives no number, and 0 keeps the node below 10 mm); `.tooSmallToMeasure` counts 5 mm
/// (RECIST 1.1 default); `.present`, `.unequivocalProgression`, `.notAssessed` and a missing observation
/// make the lesion not evaluated.
public func targetDiameter(_ observation: Observation?) -> Diameter? {
    switch observation {
    case .measured(let d): d
    case .tooSmallToMeasure: Observation.tooSmallDefault
    case .absent: .zero
    case .present, .unequivocalProgression, .notAssessed, nil: nil
    }
}

/// PD when the sum is at least 20 % above the nadir AND at least 5 mm above it, in exact integer tenths:
/// `10 * sum >= 12 * nadir` and `sum - nadir >= 5.0 mm`.
public func meetsProgression(sum: Diameter, nadir: Diameter) -> Bool {
    10 * sum.tenths >= 12 * nadir.tenths && sum.tenths - nadir.tenths >= 50
}

/// PR when the sum is at least 30 % below the baseline sum, in exact integer tenths: `10 * sum <= 7 * baseline`
/// (so 70.0 mm against 100.0 mm is a PR, 70.1 mm is not).
public func meetsPartialResponse(sum: Diameter, baseline: Diameter) -> Bool {
    baseline.tenths > 0 && 10 * sum.tenths <= 7 * baseline.tenths
}

/// CR when every non-nodal target lesion is 0 mm and every target node is under 10 mm short axis.
public func meetsCompleteResponse(_ diameters: [(lesion: Lesion, diameter: Diameter)]) -> Bool {
    !diameters.isEmpty && diameters.allSatisfy { $0.lesion.isLymphNode ? $0.diameter.tenths < 100 : $0.diameter == .zero }
}

/// The target response at each follow-up, RECIST 1.1 section 4.3.1.
///
/// - No target lesions: NA at every assessment.
/// - A baseline without every target lesion measured: no baseline sum, NE at every assessment.
/// - A follow-up where a target lesion was not evaluated: PD when the lesions that were evaluated
///   already meet PD against the nadir, else NE; an incomplete sum never becomes the nadir.
/// - Otherwise CR, then PD (+20 % and +5 mm against the nadir, the smallest complete sum before this
///   assessment, baseline included), then PR (-30 % against baseline), else SD. CR is tested before PD:
///   when only target nodes remain, all under 10 mm, the response is CR even if their short axes grew
///   by 20 % and 5 mm (normal-sized nodes are not disease); any other growth is tested for PD first.
public func evaluateTargets(_ data: SubjectTumourData) -> TargetEvaluation {
    let targets = data.targetLesions
    let followUps = data.orderedFollowUps
    guard !targets.isEmpty else {
        return TargetEvaluation(baselineSum: nil, assessments: followUps.map {
            TargetAssessment(visit: $0.visit, date: $0.date, sum: nil, partialSum: .zero, nadir: nil, response: .notApplicable)
        })
    }
    let baselineDiameters = targets.map { targetDiameter(data.baseline.observation(of: $0.id)) }
    let baselineSum: Diameter? = baselineDiameters.contains(nil) ? nil : baselineDiameters.reduce(.zero) { $0 + $1! }
    var nadir = baselineSum
    var results: [TargetAssessment] = []
    for assessment in followUps {
        let measured = targets.compactMap { lesion in targetDiameter(assessment.observation(of: lesion.id)).map { (lesion: lesion, diameter: $0) } }
        let partial = measured.reduce(Diameter.zero) { $0 + $1.diameter }
        let complete = measured.count == targets.count
        var response: TargetResponse
        if let baselineSum, let reference = nadir {
            if !complete {
                response = meetsProgression(sum: partial, nadir: reference) ? .pd : .ne
            } else if meetsCompleteResponse(measured) {
                response = .cr
            } else if meetsProgression(sum: partial, nadir: reference) {
                response = .pd
            } else if meetsPartialResponse(sum: partial, baseline: baselineSum) {
                response = .pr
            } else {
                response = .sd
            }
        } else {
            response = .ne
        }
        results.append(TargetAssessment(visit: assessment.visit, date: assessment.date, sum: complete ? partial : nil,
                                        partialSum: partial, nadir: nadir, response: response))
        if complete, let current = nadir, partial < current { nadir = partial }
    }
    return TargetEvaluation(baselineSum: baselineSum, assessments: results)
}
