import SDTMModel

/// Non-target response at one assessment (RSTESTCD NTRGRESP), RECIST 1.1 section 4.3.3.
public enum NonTargetResponse: String, Hashable, Sendable, CaseIterable {
    case cr = "CR"
    case nonCRNonPD = "NON-CR/NON-PD"
    case pd = "PD"
    case ne = "NE"
    /// The subject has no non-target lesions.
    case notApplicable = "NA"
}

/// A non-target lesion's state at one assessment.
public enum NonTargetState: Hashable, Sendable {
    case absent, present, progressed, notEvaluated
}

/// Reads an observation of a non-target lesion. A measured lesion is present when > 0 mm (a node: when
/// >= 10 mm short axis, the size of a pathological node); too small to measure is present; a missing
/// observation is not evaluated.
public func nonTargetState(_ observation: Observation?, isLymphNode: Bool) -> NonTargetState {
    switch observation {
    case .unequivocalProgression: .progressed
    case .present, .tooSmallToMeasure: .present
    case .absent: .absent
    case .measured(let d): (isLymphNode ? d.tenths >= 100 : d.tenths > 0) ? .present : .absent
    case .notAssessed, nil: .notEvaluated
    }
}

/// PD when any non-target lesion progressed unequivocally (even if others were not evaluated); else NE
/// when any was not evaluated; CR when all disappeared (nodes < 10 mm); else NON-CR/NON-PD.
/// NA when the subject has no non-target lesions.
public func nonTargetResponse(_ lesions: [Lesion], at assessment: Assessment) -> NonTargetResponse {
    let nonTargets = lesions.filter { $0.role == .nonTarget }
    guard !nonTargets.isEmpty else { return .notApplicable }
    let states = nonTargets.map { nonTargetState(assessment.observation(of: $0.id), isLymphNode: $0.isLymphNode) }
    if states.contains(.progressed) { return .pd }
    if states.contains(.notEvaluated) { return .ne }
    if states.allSatisfy({ $0 == .absent }) { return .cr }
    return .nonCRNonPD
}
