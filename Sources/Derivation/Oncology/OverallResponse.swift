import SDTMModel

/// Overall response at one assessment (RSTESTCD OVRLRESP), and the best overall response (BESTRESP).
public enum OverallResponse: String, Hashable, Sendable, CaseIterable {
    case cr = "CR"
    case pr = "PR"
    case sd = "SD"
    /// Only for subjects without target lesions (RECIST 1.1 table 2), where "SD" is not used.
    case nonCRNonPD = "NON-CR/NON-PD"
    case pd = "PD"
    case ne = "NE"
}

/// RECIST 1.1 table 1 (subjects with target lesions) and table 2 (non-target lesions only).
///
/// Any PD (target, non-target, or an unequivocal new lesion) is PD; an equivocal new lesion is not.
/// Table 1: CR + CR (or no non-target lesions) -> CR; CR + NON-CR/NON-PD or NE -> PR; PR + non-PD or NE -> PR;
/// SD + non-PD or NE -> SD; target NE + non-PD -> NE.
/// Table 2: CR -> CR; NON-CR/NON-PD -> NON-CR/NON-PD; NE -> NE.
/// A subject with neither target nor non-target lesions is NE unless a new lesion makes it PD.
public func overallResponse(target: TargetResponse, nonTarget: NonTargetResponse, newLesions: NewLesionStatus) -> OverallResponse {
    if target == .pd || nonTarget == .pd || newLesions == .unequivocal { return .pd }
    switch target {
    case .cr:
        return nonTarget == .cr || nonTarget == .notApplicable ? .cr : .pr
    case .pr: return .pr
    case .sd: return .sd
    case .ne, .pd: return .ne
    case .notApplicable:
        switch nonTarget {
        case .cr: return .cr
        case .nonCRNonPD: return .nonCRNonPD
        case .ne, .notApplicable, .pd: return .ne
        }
    }
}

/// Everything the engine derives for one follow-up assessment.
public struct TimepointResponse: Hashable, Sendable {
    public var visit: String
    public var date: CivilDate
    public var sumOfDiameters: Diameter?
    public var target: TargetResponse
    public var nonTarget: NonTargetResponse
    public var newLesions: NewLesionStatus
    public var overall: OverallResponse
}

/// The target, non-target, new-lesion and overall response at every follow-up of a subject, in date order.
public func timepointResponses(_ data: SubjectTumourData) -> [TimepointResponse] {
    let targets = evaluateTargets(data)
    return zip(data.orderedFollowUps, targets.assessments).map { assessment, target in
        let nonTarget = nonTargetResponse(data.lesions, at: assessment)
        return TimepointResponse(
            visit: assessment.visit, date: assessment.date, sumOfDiameters: target.sum, target: target.response,
            nonTarget: nonTarget, newLesions: assessment.newLesions,
            overall: overallResponse(target: target.response, nonTarget: nonTarget, newLesions: assessment.newLesions))
    }
}
