import SDTMModel

/// A disagreement between a subject's RECIST worksheets and RECIST 1.1: which rule, where, and both values.
public struct RECISTFinding: Hashable, Sendable {
    /// A stable rule id, e.g. `recist.sum-mismatch`.
    public var rule: String
    public var subject: String
    /// The assessment's visit; nil for a finding about the lesion list itself.
    public var visit: String?
    public var lesionID: String?
    /// The response test (RSTESTCD: TRGRESP, NTRGRESP, OVRLRESP) of a response mismatch, else nil.
    public var test: String?
    /// What the worksheet says.
    public var recorded: String
    /// What RECIST 1.1 (or the engine) expects.
    public var expected: String
    public var message: String

    public init(rule: String, subject: String, visit: String? = nil, lesionID: String? = nil, test: String? = nil,
                recorded: String, expected: String, message: String) {
        self.rule = rule
        self.subject = subject
        self.visit = visit
        self.lesionID = lesionID
        self.test = test
        self.recorded = recorded
        self.expected = expected
        self.message = message
    }
}

/// Rule ids of the checks below.
public enum RECISTRule {
    public static let targetCount = "recist.target-count"
    public static let targetsPerOrgan = "recist.target-per-organ"
    public static let notMeasurable = "recist.target-not-measurable"
    public static let unlinkedMeasurement = "recist.unlinked-measurement"
    public static let targetMissing = "recist.target-missing"
    public static let sumMismatch = "recist.sum-mismatch"
    public static let responseMismatch = "recist.response-mismatch"
}

/// RECIST 1.1 allows at most 5 target lesions per subject.
public func checkTargetCount(_ data: SubjectTumourData) -> [RECISTFinding] {
    let count = data.targetLesions.count
    guard count > 5 else { return [] }
    return [RECISTFinding(rule: RECISTRule.targetCount, subject: data.subject, visit: data.baseline.visit,
                          recorded: "\(count) target lesions", expected: "at most 5",
                          message: "RECIST 1.1 allows at most 5 target lesions; \(count) are identified")]
}

/// RECIST 1.1 allows at most 2 target lesions per organ (organs compared case-insensitively, trimmed).
public func checkTargetsPerOrgan(_ data: SubjectTumourData) -> [RECISTFinding] {
    var byOrgan: [String: [Lesion]] = [:]
    var order: [String] = []
    for lesion in data.targetLesions {
        let organ = lesion.organ.trimmingSpaces.uppercased()
        if byOrgan[organ] == nil { order.append(organ) }
        byOrgan[organ, default: []].append(lesion)
    }
    return order.compactMap { organ in
        let lesions = byOrgan[organ]!
        guard lesions.count > 2 else { return nil }
        return RECISTFinding(rule: RECISTRule.targetsPerOrgan, subject: data.subject, visit: data.baseline.visit,
                             lesionID: lesions[2].id, recorded: "\(lesions.count) target lesions in \(organ)",
                             expected: "at most 2 per organ",
                             message: "RECIST 1.1 allows at most 2 target lesions per organ; \(organ) has \(lesions.map(\.id).joined(separator: ", "))")
    }
}

/// A target lesion must be measurable at baseline: >= 10 mm longest diameter, a node >= 15 mm short axis.
public func checkMeasurableAtBaseline(_ data: SubjectTumourData) -> [RECISTFinding] {
    data.targetLesions.compactMap { lesion in
        let minimum = Diameter(tenths: lesion.isLymphNode ? 150 : 100)
        let what = lesion.isLymphNode ? "short axis" : "longest diameter"
        let observation = data.baseline.observation(of: lesion.id)
        if case .measured(let d) = observation {
            guard d < minimum else { return nil }
            return RECISTFinding(rule: RECISTRule.notMeasurable, subject: data.subject, visit: data.baseline.visit,
                                 lesionID: lesion.id, recorded: "\(d) mm", expected: ">= \(minimum) mm",
                                 message: "target lesion \(lesion.id) is not measurable at baseline: \(what) \(d) mm is under \(minimum) mm")
        }
        return RECISTFinding(rule: RECISTRule.notMeasurable, subject: data.subject, visit: data.baseline.visit,
                             lesionID: lesion.id, recorded: observation.map(describe) ?? "no measurement",
                             expected: ">= \(minimum) mm",
                             message: "target lesion \(lesion.id) has no baseline \(what) measurement")
    }
}

/// Every observation must refer to a lesion the worksheet identified (every TR links to a TU).
public func checkMeasurementsLinked(_ data: SubjectTumourData) -> [RECISTFinding] {
    let ids = Set(data.lesions.map(\.id))
    return ([data.baseline] + data.orderedFollowUps).flatMap { assessment in
        assessment.observations.filter { !ids.contains($0.lesionID) }.map {
            RECISTFinding(rule: RECISTRule.unlinkedMeasurement, subject: data.subject, visit: assessment.visit,
                          lesionID: $0.lesionID, recorded: $0.lesionID, expected: "a lesion identified for the subject",
                          message: "observation of lesion \($0.lesionID) at \(assessment.visit) links to no identified lesion")
        }
    }
}

/// Every target lesion must be on every follow-up worksheet (an explicit "not assessed" is accepted: it
/// makes the target response NE, without this finding).
public func checkTargetsPresentAtFollowUps(_ data: SubjectTumourData) -> [RECISTFinding] {
    data.orderedFollowUps.flatMap { assessment in
        data.targetLesions.filter { assessment.observation(of: $0.id) == nil }.map {
            RECISTFinding(rule: RECISTRule.targetMissing, subject: data.subject, visit: assessment.visit, lesionID: $0.id,
                          recorded: "no observation", expected: "a measurement or NOT ASSESSED",
                          message: "target lesion \($0.id) is missing at \(assessment.visit); the target response is NE")
        }
    }
}

/// The recorded sum of diameters must equal the computed one, exactly to 0.1 mm. Compared only where the
/// sum can be computed (every target lesion measured); otherwise the missing lesion is its own finding.
public func checkRecordedSums(_ data: SubjectTumourData) -> [RECISTFinding] {
    let evaluation = evaluateTargets(data)
    let pairs = [(data.baseline, evaluation.baselineSum)] + zip(data.orderedFollowUps, evaluation.assessments.map(\.sum))
    return pairs.compactMap { assessment, computed in
        guard let recorded = assessment.recorded.sumOfDiameters, let computed, recorded != computed else { return nil }
        return RECISTFinding(rule: RECISTRule.sumMismatch, subject: data.subject, visit: assessment.visit,
                             recorded: "\(recorded) mm", expected: "\(computed) mm",
                             message: "recorded sum of diameters \(recorded) mm differs from the computed \(computed) mm")
    }
}

/// The investigator's target, non-target and overall responses must agree with the computed ones.
public func checkRecordedResponses(_ data: SubjectTumourData) -> [RECISTFinding] {
    zip(data.orderedFollowUps, timepointResponses(data)).flatMap { assessment, computed -> [RECISTFinding] in
        let recorded = assessment.recorded
        let pairs: [(String, String?, String)] = [
            ("TRGRESP", recorded.target?.rawValue, computed.target.rawValue),
            ("NTRGRESP", recorded.nonTarget?.rawValue, computed.nonTarget.rawValue),
            ("OVRLRESP", recorded.overall?.rawValue, computed.overall.rawValue),
        ]
        return pairs.compactMap { test, recorded, expected -> RECISTFinding? in
            guard let recorded, recorded != expected else { return nil }
            return RECISTFinding(rule: RECISTRule.responseMismatch, subject: data.subject, visit: assessment.visit,
                                 test: test, recorded: recorded, expected: expected,
                                 message: "\(test): the investigator's \(recorded) differs from the computed \(expected)")
        }
    }
}

/// Every check above, in a stable order.
public func recistChecks(_ data: SubjectTumourData) -> [RECISTFinding] {
    checkTargetCount(data) + checkTargetsPerOrgan(data) + checkMeasurableAtBaseline(data) + checkMeasurementsLinked(data)
        + checkTargetsPresentAtFollowUps(data) + checkRecordedSums(data) + checkRecordedResponses(data)
}

private func describe(_ observation: Observation) -> String {
    switch observation {
    case .measured(let d): "\(d) mm"
    case .tooSmallToMeasure: "TOO SMALL TO MEASURE"
    case .present: "PRESENT"
    case .absent: "ABSENT"
    case .unequivocalProgression: "UNEQUIVOCAL PROGRESSION"
    case .notAssessed: "NOT ASSESSED"
    }
}

private extension String {
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
