import SDTMModel

/// The parameters of the best-overall-response derivation that come from the study, not from RECIST.
public struct BestOverallResponseRules: Hashable, Sendable {
    /// A CR or PR counts only when a later assessment at least this many days after it confirms it
    /// (RECIST 1.1: at least 4 weeks, so 28).
    public var confirmationDays: Int
    /// SD (or NON-CR/NON-PD) counts only at an assessment at least this many days after the first dose.
    /// RECIST 1.1 leaves it to the protocol; this study's synopsis gives none, so it is the study
    /// definition's choice: e.g. 6 weeks less a one-week imaging window, 42 - 7 = 35 days.
    public var minimumSDDays: Int

    public init(confirmationDays: Int = 28, minimumSDDays: Int) {
        self.confirmationDays = confirmationDays
        self.minimumSDDays = minimumSDDays
    }
}

/// A subject's best overall response and the assessments it rests on.
public struct BestOverallResponse: Hashable, Sendable {
    public var response: OverallResponse
    /// The first assessment showing the response (for PD, the progression; for NE, nil).
    public var date: CivilDate?
    /// The later assessment that confirmed a CR or PR.
    public var confirmedOn: CivilDate?
}

/// Best overall response, RECIST 1.1 section 4.4 and table 3, for a study that requires confirmation.
///
/// - Only assessments up to and including the first PD count (later ones are ignored), in date order.
/// - CR: a CR confirmed by a CR at least `confirmationDays` later, with only CR or NE between.
/// - PR: a PR confirmed by a PR or CR at least `confirmationDays` later, with only CR, PR or NE between (an SD
///   between breaks the confirmation; so does a PD, which ends the series). A CR followed by a PR is not confirmed.
/// - SD: otherwise, any assessment of SD or better (an unconfirmed CR or PR counts as SD) at least
///   `minimumSDDays` after the first dose; reported as NON-CR/NON-PD for a subject without target lesions.
/// - PD: otherwise, when progression was seen (early PD, or a response or SD that did not last long enough).
/// - NE: otherwise (no assessment, or only NE and too-early SD).
public func bestOverallResponse(_ timepoints: [(date: CivilDate, overall: OverallResponse)], firstDose: CivilDate,
                                hasTargetLesions: Bool, rules: BestOverallResponseRules) -> BestOverallResponse {
    var series = timepoints.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    if let pd = series.firstIndex(where: { $0.overall == .pd }) { series = Array(series[...pd]) }

    /// The first response of `first` confirmed by one of `by` at least `confirmationDays` later, with only `between`
    /// in the meantime.
    func confirmed(_ first: OverallResponse, by: Set<OverallResponse>, between allowed: Set<OverallResponse>)
        -> (CivilDate, CivilDate)?
    {
        for i in series.indices where series[i].overall == first {
            for j in series.indices where j > i {
                let r = series[j].overall
                if by.contains(r), series[j].date.daysSinceEpoch - series[i].date.daysSinceEpoch >= rules.confirmationDays {
                    return (series[i].date, series[j].date)
                }
                if !allowed.contains(r) { break }
            }
        }
        return nil
    }
    if let (first, confirmation) = confirmed(.cr, by: [.cr], between: [.cr, .ne]) {
        return BestOverallResponse(response: .cr, date: first, confirmedOn: confirmation)
    }
    // A PR is confirmed by a later PR or CR; a CR followed by a PR is not a confirmed response (RECIST 1.1 table 3:
    // disease that reappears after a CR is SD or PD, by the SD duration rule below).
    if let (first, confirmation) = confirmed(.pr, by: [.pr, .cr], between: [.cr, .pr, .ne]) {
        return BestOverallResponse(response: .pr, date: first, confirmedOn: confirmation)
    }
    let stable: Set<OverallResponse> = [.cr, .pr, .sd, .nonCRNonPD]
    if let sd = series.first(where: {
        stable.contains($0.overall) && $0.date.daysSinceEpoch - firstDose.daysSinceEpoch >= rules.minimumSDDays
    }) {
        return BestOverallResponse(response: hasTargetLesions ? .sd : .nonCRNonPD, date: sd.date, confirmedOn: nil)
    }
    if let pd = series.last, pd.overall == .pd {
        return BestOverallResponse(response: .pd, date: pd.date, confirmedOn: nil)
    }
    return BestOverallResponse(response: .ne, date: nil, confirmedOn: nil)
}

/// The best overall response of a subject from its worksheets.
public func bestOverallResponse(_ data: SubjectTumourData, firstDose: CivilDate, rules: BestOverallResponseRules) -> BestOverallResponse {
    bestOverallResponse(timepointResponses(data).map { (date: $0.date, overall: $0.overall) }, firstDose: firstDose,
                        hasTargetLesions: !data.targetLesions.isEmpty, rules: rules)
}
