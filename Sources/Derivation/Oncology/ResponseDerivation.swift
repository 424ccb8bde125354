import SDTMModel

/// One subject's best overall response, derived by the RECIST 1.1 engine from the measurements and taken from the
/// investigator's per-visit overall responses by the same confirmation rules.
public struct SubjectResponse: Sendable, Hashable {
    public var usubjid: String
    public var cohort: String
    public var derived: BestOverallResponse
    /// Nil when the investigator recorded no overall response.
    public var investigator: BestOverallResponse?
}

/// The data manager's readout of the primary endpoint: per cohort, derived and investigator side by side.
public struct ResponseReadout: Sendable {
    public var rules: BestOverallResponseRules
    public var subjects: [SubjectResponse]
    public var derived: [CohortResponseSummary]
    public var investigator: [CohortResponseSummary]
    /// The cohort code (ARMCD) to its name (ARM).
    public var cohortNames: [String: String]

    /// What the readout is, for its file and its printed table.
    public static let disclaimer = "A data manager's check of the RECIST 1.1 derivation against the investigator's "
        + "responses, not an analysis dataset: the statistical analysis plan's populations and rules govern the reported ORR."
    public static let population = "Response-evaluable: treated subjects (DM.ACTARMCD) with at least one target lesion "
        + "at a baseline assessment; a best overall response of NE stays in the denominator."
}

/// Reads TU, TR and RS back into worksheets, runs every RECIST 1.1 check (each finding at the raw line to correct)
/// and derives each response-evaluable subject's best overall response and the per-cohort readout.
func deriveResponses(dm: Dataset, tu: Dataset, tr: Dataset, rs: Dataset?, rules: BestOverallResponseRules)
    -> (readout: ResponseReadout, diagnostics: [Diagnostic])
{
    let usubjid = TextColumn(dm, "USUBJID"), rfxstdtc = TextColumn(dm, "RFXSTDTC"), actarmcd = TextColumn(dm, "ACTARMCD")
    let armcd = TextColumn(dm, "ARMCD"), arm = TextColumn(dm, "ARM")
    var firstDose: [String: CivilDate] = [:]
    var cohort: [String: String] = [:]
    var cohortNames: [String: String] = [:]
    for i in 0..<dm.count {
        let subject = usubjid[i]
        if let date = ISODateTime(iso: rfxstdtc[i])?.date { firstDose[subject] = date }
        if !actarmcd[i].isEmpty { cohort[subject] = armcd[i] }
        cohortNames[armcd[i]] = arm[i]
    }

    let worksheets = Trace.span("worksheets") { TumourWorksheets(tu: tu, tr: tr, rs: rs, firstDose: firstDose) }
    // Each subject's checks and best overall response (many subjects' on all cores), in subject order.
    let perSubject: @Sendable (SubjectTumourData) -> (diagnostics: [Diagnostic], response: SubjectResponse?) = {
        [worksheets, firstDose, cohort] data in
        let diagnostics = recistChecks(data).map { finding in
            // A lesion missing from a visit's worksheet has no line of its own: the visit's sum row stands for it.
            let onSumRow = finding.rule == RECISTRule.sumMismatch || finding.rule == RECISTRule.targetMissing
            let item = finding.test ?? (onSumRow ? "SUMDIAM" : finding.lesionID)
            return Diagnostic(
                .error, finding.rule, at: worksheets.origin(subject: data.subject, visit: finding.visit, item: item),
                "\(data.subject)\(finding.visit.map { " " + $0 } ?? ""): \(finding.message) (recorded \(finding.recorded), expected \(finding.expected))",
                hint: "check the RECIST worksheet with the site and correct the measurement or the response")
        }
        guard let arm = cohort[data.subject], let dose = firstDose[data.subject], !data.targetLesions.isEmpty else {
            return (diagnostics, nil)
        }
        let recorded = data.orderedFollowUps.compactMap { a in a.recorded.overall.map { (date: a.date, overall: $0) } }
        return (diagnostics, SubjectResponse(
            usubjid: data.subject, cohort: arm, derived: bestOverallResponse(data, firstDose: dose, rules: rules),
            investigator: recorded.isEmpty ? nil : bestOverallResponse(recorded, firstDose: dose, hasTargetLesions: true, rules: rules)))
    }
    let results = worksheets.subjects.count < 1_000 ? worksheets.subjects.map(perSubject)
        : concurrentRuns(of: worksheets.subjects.count, perCore: 4) { run in run.map { perSubject(worksheets.subjects[$0]) } }.flatMap { $0 }
    let diagnostics = worksheets.diagnostics + results.flatMap(\.diagnostics)
    let subjects = results.compactMap(\.response)
    let readout = ResponseReadout(
        rules: rules, subjects: subjects,
        derived: responseSummary(subjects.map { ($0.cohort, $0.derived.response) }),
        investigator: responseSummary(subjects.map { ($0.cohort, $0.investigator?.response ?? .ne) }),
        cohortNames: cohortNames)
    return (readout, diagnostics)
}
