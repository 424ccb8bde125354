import SDTMModel

/// Simulates a subject's adverse events and the doses they cause to be held.
struct AdverseEventSimulator {
    let design: SampleDesign
    let antiCD47: [Bool]

    static let maxPerSubject = 12

    func simulate(course: inout TreatmentCourse, consent: CivilDate, end: StudyEnd, rng: inout RandomSource) {
        let cycles = course.visits.count
        let known = min(design.dataCutoff, end.lastContact)
        let onsetEnd = end.treatmentEnd == nil ? known : min(known, course.lastDose.adding(days: 30))
        let p = min(0.6, 0.12 + 0.045 * Double(cycles))
        var count = 0
        for _ in 0..<AdverseEventSimulator.maxPerSubject where rng.chance(p) { count += 1 }

        var events: [AdverseEvent] = []
        events.reserveCapacity(AdverseEventSimulator.maxPerSubject)
        if end.treatmentEndReason == .death, let death = end.death {
            events.append(fatal(course: course, death: death, rng: &rng))
        } else if end.treatmentEndReason == .adverseEvent, let eot = end.treatmentEnd {
            events.append(stopping(course: course, eot: eot, known: known, rng: &rng))
        }
        count = min(count, AdverseEventSimulator.maxPerSubject - events.count)
        for _ in 0..<count {
            events.append(ordinary(course: course, consent: consent, onsetEnd: onsetEnd, known: known, rng: &rng))
        }
        events.sort { $0.start.date < $1.start.date }
        for i in events.indices {
            events[i].number = i + 1
            holdDoses(for: &events[i], course: &course)
        }
        course.adverseEvents = events
    }

    private func ordinary(course: TreatmentCourse, consent: CivilDate, onsetEnd: CivilDate, known: CivilDate,
                          rng: inout RandomSource) -> AdverseEvent {
        let cohortWeights = course.cohort == .hcc ? AdverseEventCatalog.weightsA : AdverseEventCatalog.weightsB
        let termIndex = rng.weighted(cohortWeights)
        let term = AdverseEventCatalog.terms[termIndex]
        let firstDose = course.firstDose
        let screening = firstDose > consent && rng.chance(0.06)
        let start: CivilDate
        if screening {
            start = consent.adding(days: rng.below(firstDose.daysSinceEpoch - consent.daysSinceEpoch))
        } else if term.profile == .infusion {
            start = rng.chance(0.7) ? firstDose : rng.pick(course.visits).date
        } else {
            start = firstDose.adding(days: rng.int(0...max(0, onsetEnd.daysSinceEpoch - firstDose.daysSinceEpoch)))
        }
        let grade = Grade(rawValue: 1 + rng.weighted(term.grades))!
        let relationships = screening
            ? Array(repeating: Relationship.notRelated, count: antiCD47.count)
            : antiCD47.map { Relationship(rawValue: 1 + rng.weighted(AdverseEventCatalog.relationshipWeights(term.profile, antiCD47: $0)))! }

        var event = AdverseEvent(term: termIndex, verbatim: verbatim(term, rng: &rng), start: startDate(start, rng: &rng),
                                 end: nil, grade: grade, criteria: criteria(grade, rng: &rng), relationships: relationships,
                                 actions: [], outcome: .recovered)
        let persists = term.chronic ? rng.chance(0.7) : rng.chance(0.08)
        let duration = switch grade {
        case .mild: rng.int(3...45)
        case .moderate: rng.int(5...60)
        case .severe: rng.int(5...40)
        default: rng.int(3...30)
        }
        let resolved = start.adding(days: duration)
        if persists || resolved > known {
            event.outcome = rng.chance(0.4) ? .recovering : .notRecovered
        } else {
            event.end = SiteDate(date: resolved, precision: rng.chance(0.08) ? .month : .day)
            event.outcome = grade >= .severe && rng.chance(0.08) ? .recoveredWithSequelae : .recovered
        }
        event.actions = actions(for: event, course: course, screening: screening, rng: &rng)
        return event
    }

    /// The toxicity that ended treatment: grade 3-4, related, both drugs withdrawn.
    private func stopping(course: TreatmentCourse, eot: CivilDate, known: CivilDate, rng: inout RandomSource) -> AdverseEvent {
        let termIndex = rng.pick(AdverseEventCatalog.treatmentStopping)
        let term = AdverseEventCatalog.terms[termIndex]
        let earliest = max(course.firstDose, course.lastDose.adding(days: -10))
        let start = earliest.adding(days: rng.int(0...(eot.daysSinceEpoch - earliest.daysSinceEpoch)))
        let grade: Grade = rng.chance(0.7) ? .severe : .lifeThreatening
        var relationships = antiCD47.map {
            Relationship(rawValue: 1 + rng.weighted(AdverseEventCatalog.relationshipWeights(term.profile, antiCD47: $0)))!
        }
        if !relationships.contains(where: \.isRelated) {
            let blamed = antiCD47.firstIndex(of: term.profile == .hematologic) ?? 0
            relationships[blamed] = .probably
        }
        var event = AdverseEvent(term: termIndex, verbatim: verbatim(term, rng: &rng), start: startDate(start, rng: &rng),
                                 end: nil, grade: grade, criteria: criteria(grade, rng: &rng), relationships: relationships,
                                 actions: Array(repeating: .withdrawn, count: antiCD47.count), outcome: .recovering)
        let resolved = start.adding(days: rng.int(14...75))
        if resolved <= known && rng.chance(0.7) {
            event.end = SiteDate(date: resolved)
            event.outcome = rng.chance(0.15) ? .recoveredWithSequelae : .recovered
        } else {
            event.outcome = rng.chance(0.5) ? .recovering : .notRecovered
        }
        return event
    }

    /// The AE the subject died of: grade 5, ending on the day of death.
    private func fatal(course: TreatmentCourse, death: SiteDate, rng: inout RandomSource) -> AdverseEvent {
        let termIndex = rng.pick(AdverseEventCatalog.fatal)
        let term = AdverseEventCatalog.terms[termIndex]
        let earliest = max(course.firstDose, death.date.adding(days: -14))
        let start = earliest.adding(days: rng.int(0...(death.date.daysSinceEpoch - earliest.daysSinceEpoch)))
        var criteria: [SeriousCriterion] = [.death]
        if rng.chance(0.6) { criteria.append(.hospitalization) }
        let relationships = antiCD47.map {
            Relationship(rawValue: 1 + rng.weighted(AdverseEventCatalog.relationshipWeights(term.profile, antiCD47: $0)))!
        }
        return AdverseEvent(term: termIndex, verbatim: verbatim(term, rng: &rng),
                            start: SiteDate(date: start, precision: death.precision), end: death, grade: .death,
                            criteria: criteria, relationships: relationships,
                            actions: Array(repeating: .withdrawn, count: antiCD47.count), outcome: .fatal)
    }

    private func verbatim(_ term: AdverseEventTerm, rng: inout RandomSource) -> String {
        term.verbatims.count == 1 || rng.chance(0.6) ? term.verbatims[0] : term.verbatims[1 + rng.below(term.verbatims.count - 1)]
    }

    private func startDate(_ date: CivilDate, rng: inout RandomSource) -> SiteDate {
        SiteDate(date: date, precision: [DatePrecision.day, .month, .year][rng.weighted([845, 140, 15])])
    }

    private func criteria(_ grade: Grade, rng: inout RandomSource) -> [SeriousCriterion] {
        let serious = switch grade {
        case .mild, .moderate: rng.chance(0.02)
        case .severe: rng.chance(0.4)
        case .lifeThreatening: rng.chance(0.85)
        case .death: true
        }
        guard serious else { return [] }
        var checked: [SeriousCriterion] = []
        if grade == .death { checked.append(.death) }
        if grade == .lifeThreatening && rng.chance(0.6) { checked.append(.lifeThreatening) }
        if rng.chance(grade >= .severe ? 0.85 : 0.7) { checked.append(.hospitalization) }
        if grade >= .severe && rng.chance(0.02) { checked.append(.disability) }
        if rng.chance(0.15) { checked.append(.otherMedical) }
        if checked.isEmpty { checked.append(.hospitalization) }
        return checked
    }

    /// Not applicable outside treatment; a related grade 3+ (or immune grade 2) AE sometimes interrupts the drugs
    /// it is related to.
    private func actions(for event: AdverseEvent, course: TreatmentCourse, screening: Bool,
                         rng: inout RandomSource) -> [ActionTaken] {
        if screening || event.start.date > course.lastDose {
            return Array(repeating: .notApplicable, count: antiCD47.count)
        }
        let interrupt = switch event.grade {
        case .mild: false
        case .moderate: event.catalogTerm.profile == .immune && rng.chance(0.15)
        default: rng.chance(0.6)
        }
        return event.relationships.map { rel in
            if rng.chance(0.01) { return .unknown }
            return interrupt && rel.isRelated ? .interrupted : .doseNotChanged
        }
    }

    /// An interrupted drug is not given at the next cycle; when that cycle is the first or the last, the site
    /// recorded no interruption.
    private func holdDoses(for event: inout AdverseEvent, course: inout TreatmentCourse) {
        guard event.actions.contains(.interrupted) else { return }
        let next = course.visits.firstIndex { $0.date > event.start.date }
        guard let next, next > 0, next < course.visits.count - 1 else {
            event.actions = event.actions.map { $0 == .interrupted ? .doseNotChanged : $0 }
            return
        }
        for (d, action) in event.actions.enumerated() where action == .interrupted {
            course.visits[next].doses[d].given = false
            course.visits[next].doses[d].notGivenReason = "Adverse event"
        }
    }
}
