import SDTMModel

/// The simulated truth for one subject, before the site prints it.
struct SubjectHistory: Sendable {
    /// 1-based, in screening order.
    var number: Int
    var subjectID: String
    var consent: CivilDate
    var birth: SiteDate
    /// Whole years at consent.
    var age: Int
    var sex: Sex
    var race: Race
    var ethnicity: Ethnicity
    /// Nil for a screen failure.
    var course: TreatmentCourse?
    var end: StudyEnd
    /// Filled in by `MeasurementSimulator` after the rest.
    var measurements = Measurements()

    var isEnrolled: Bool { course != nil }
}

/// What happened to an enrolled subject from enrolment to the cut-off.
struct TreatmentCourse: Sendable {
    var cohort: Cohort
    var enrollment: CivilDate
    /// Cycles the subject would receive without the cut-off; more than `visits.count` while still on treatment.
    var plannedCycles: Int
    /// Day 1 of each cycle up to the last one before the cut-off; never empty.
    var visits: [CycleVisit]
    /// In `ae_number` order.
    var adverseEvents: [AdverseEvent]

    var firstDose: CivilDate { visits[0].date }
    /// The last cycle always has at least one drug given.
    var lastDose: CivilDate { visits[visits.count - 1].date }
}

struct CycleVisit: Sendable {
    var cycle: Int
    var date: CivilDate
    /// One per treatment, in the design's order.
    var doses: [Dose]
}

struct Dose: Sendable {
    var given: Bool
    /// Minutes after midnight.
    var start: Int
    var end: Int
    var notGivenReason = ""
    /// The site printed the dose with a decimal (`30.0`).
    var printedWithDecimal = false
}

struct AdverseEvent: Sendable {
    var number = 0
    /// Index into `AdverseEventCatalog.terms`.
    var term: Int
    var verbatim: String
    var start: SiteDate
    /// Nil while ongoing.
    var end: SiteDate?
    var grade: Grade
    /// Empty unless serious.
    var criteria: [SeriousCriterion]
    /// One per treatment, in the design's order.
    var relationships: [Relationship]
    var actions: [ActionTaken]
    var outcome: Outcome

    var catalogTerm: AdverseEventTerm { AdverseEventCatalog.terms[term] }
    var ongoing: Bool { end == nil }
    var serious: Bool { !criteria.isEmpty }
}

/// The end-of-treatment and end-of-study record.
struct StudyEnd: Sendable {
    /// Nil while still on treatment at the cut-off, and for screen failures.
    var treatmentEnd: CivilDate?
    var treatmentEndReason: TreatmentEndReason?
    /// Nil while still on study.
    var studyEnd: CivilDate?
    var studyEndReason: StudyEndReason
    var death: SiteDate?
    var lastContact: CivilDate
}
