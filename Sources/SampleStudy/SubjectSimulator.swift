import SDTMModel

/// Simulates one subject's truth from its screening slot: demographics, dosing, end of treatment and study.
struct SubjectSimulator {
    let design: SampleDesign
    let antiCD47: [Bool]

    init(design: SampleDesign) {
        self.design = design
        antiCD47 = design.treatments.map(\.isAntiCD47)
    }

    func simulate(_ slot: ScreeningSlot) -> SubjectHistory {
        var rng = RandomSource(seed: design.seed, StreamLabel.subject, UInt64(slot.number))
        var age = 0
        repeat { age = Int(rng.normal(mean: 64, sd: 9.5).rounded()) } while !(30...85).contains(age)
        let birth = birthDate(age: age, consent: slot.consent, rng: &rng)
        let sex: Sex = rng.chance(0.70) ? .male : .female
        let race = [Race.americanIndian, .asian, .black, .pacificIslander, .white, .multiple, .notReported, .unknown][
            rng.weighted([1, 8, 20, 1, 57, 3, 5, 5])]
        let ethnicity = [Ethnicity.hispanic, .notHispanic, .notReported, .unknown][rng.weighted([24, 68, 5, 3])]
        var course: TreatmentCourse?
        let end: StudyEnd
        if let cohort = slot.cohort {
            var treated = treatment(cohort: cohort, consent: slot.consent, rng: &rng)
            end = studyEnd(course: treated, rng: &rng)
            AdverseEventSimulator(design: design, antiCD47: antiCD47)
                .simulate(course: &treated, consent: slot.consent, end: end, rng: &rng)
            course = treated
        } else {
            let failed = min(slot.consent.adding(days: rng.int(1...21)), design.dataCutoff)
            end = StudyEnd(studyEnd: failed, studyEndReason: .screenFailure, lastContact: failed)
        }
        return SubjectHistory(number: slot.number, subjectID: slot.subjectID, consent: slot.consent, birth: birth, age: age,
                              sex: sex, race: race, ethnicity: ethnicity, course: course, end: end)
    }

    /// A birth date giving exactly `age` whole years at consent, with the day or month sometimes unknown.
    private func birthDate(age: Int, consent: CivilDate, rng: inout RandomSource) -> SiteDate {
        func anniversary(_ year: Int) -> CivilDate {
            CivilDate(year: year, month: consent.month, day: min(consent.day, CivilDate.daysIn(month: consent.month, year: year)))!
        }
        let latest = anniversary(consent.year - age)
        let earliest = anniversary(consent.year - age - 1).adding(days: 1)
        let birth = earliest.adding(days: rng.below(latest.daysSinceEpoch - earliest.daysSinceEpoch + 1))
        let precision = [DatePrecision.day, .month, .year][rng.weighted([85, 11, 4])]
        return SiteDate(date: birth, precision: precision)
    }

    /// Enrolment and day 1 of each cycle until the planned end of treatment or the cut-off.
    private func treatment(cohort: Cohort, consent: CivilDate, rng: inout RandomSource) -> TreatmentCourse {
        let enrollment = consent.adding(days: rng.int(3...25))
        var date = enrollment.adding(days: rng.int(0...3))
        let planned = 1 + rng.geometric(0.11, cap: design.maxCycles - 1)
        var visits: [CycleVisit] = []
        visits.reserveCapacity(planned)
        for cycle in 1...planned {
            if cycle > 1 {
                date = date.adding(days: design.cycleDays + (rng.chance(0.15) ? rng.int(1...7) : 0))
            }
            guard date <= design.dataCutoff else { break }
            visits.append(CycleVisit(cycle: cycle, date: date, doses: infusions(rng: &rng)))
        }
        if visits.count > 2 {
            for k in 1..<(visits.count - 1) where rng.chance(0.012) {
                for d in visits[k].doses.indices {
                    visits[k].doses[d].given = false
                    visits[k].doses[d].notGivenReason = "Patient decision"
                }
            }
        }
        return TreatmentCourse(cohort: cohort, enrollment: enrollment, plannedCycles: planned, visits: visits, adverseEvents: [])
    }

    /// The drugs one after another: the second starts 60-90 minutes after the first, each runs 30-60 minutes.
    private func infusions(rng: inout RandomSource) -> [Dose] {
        var start = 8 * 60 + 5 * rng.below(55)
        var doses: [Dose] = []
        doses.reserveCapacity(design.treatments.count)
        for i in design.treatments.indices {
            if i > 0 { start += rng.int(60...90) }
            doses.append(Dose(given: true, start: start, end: start + rng.int(30...60), printedWithDecimal: rng.chance(0.03)))
        }
        return doses
    }

    /// End of treatment and of study; death, withdrawal, loss to follow-up or completion during follow-up.
    private func studyEnd(course: TreatmentCourse, rng: inout RandomSource) -> StudyEnd {
        let cutoff = design.dataCutoff
        let lastDose = course.lastDose
        let onTreatment = StudyEnd(studyEndReason: .ongoing, lastContact: lastDose)
        guard course.visits.count == course.plannedCycles else { return onTreatment }
        let reason: TreatmentEndReason = course.plannedCycles == design.maxCycles
            ? .completed
            : [.progression, .adverseEvent, .withdrawal, .death, .physicianDecision][rng.weighted([64, 13, 9, 5, 9])]
        if reason == .death {
            let death = lastDose.adding(days: rng.int(1...7))
            guard death <= cutoff else { return onTreatment }
            return StudyEnd(treatmentEnd: death, treatmentEndReason: .death, studyEnd: death, studyEndReason: .death,
                            death: deathDate(death, rng: &rng), lastContact: death)
        }
        let eot = lastDose.adding(days: rng.int(0...7))
        guard eot <= cutoff else { return onTreatment }
        var end = StudyEnd(treatmentEnd: eot, treatmentEndReason: reason, studyEndReason: .ongoing, lastContact: eot)
        if reason == .withdrawal && rng.chance(0.6) {
            let withdrawn = min(eot.adding(days: rng.int(0...14)), cutoff)
            end.studyEnd = withdrawn
            end.studyEndReason = .withdrawal
            end.lastContact = withdrawn
            return end
        }
        let weeklyDeath = switch reason {
        case .progression: 0.011
        case .adverseEvent: 0.008
        case .completed: 0.003
        default: 0.005
        }
        let completion = max(eot, course.firstDose.adding(days: 730))
        let horizon = min(cutoff, completion)
        var day = eot
        while day.adding(days: 7) <= horizon {
            day = day.adding(days: 7)
            if rng.chance(weeklyDeath) {
                let death = day.adding(days: -rng.below(7))
                end.death = deathDate(death, rng: &rng)
                end.studyEnd = death
                end.studyEndReason = .death
                end.lastContact = death
                return end
            }
            if rng.chance(0.002) {
                end.studyEnd = day
                end.studyEndReason = .lostToFollowUp
                end.lastContact = max(eot, day.adding(days: -rng.int(28...84)))
                return end
            }
            if rng.chance(0.0015) {
                end.studyEnd = day
                end.studyEndReason = .withdrawal
                end.lastContact = day
                return end
            }
        }
        if completion <= cutoff {
            end.studyEnd = completion
            end.studyEndReason = .completed
            end.lastContact = completion
        } else {
            end.lastContact = max(eot, cutoff.adding(days: -rng.below(84)))
        }
        return end
    }

    private func deathDate(_ date: CivilDate, rng: inout RandomSource) -> SiteDate {
        SiteDate(date: date, precision: rng.chance(0.08) ? .month : .day)
    }
}
