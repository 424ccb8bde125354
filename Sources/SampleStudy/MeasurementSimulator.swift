import SDTMModel

/// Simulates a subject's local labs and weights from its truth: screening values by cohort and sex that meet the
/// eligibility thresholds unless a breach is planned, early anaemia on an anti-CD47 drug, the lab side of the
/// subject's AEs at the draws they span, decline before progression, and tumour markers that follow the course.
struct MeasurementSimulator {
    let design: SampleDesign
    let antiCD47: Bool

    init(design: SampleDesign) {
        self.design = design
        antiCD47 = design.treatments.contains(where: \.isAntiCD47)
    }

    func simulate(_ h: SubjectHistory, breach: EligibilityThreshold?) -> Measurements {
        var rng = RandomSource(seed: design.seed, StreamLabel.labs, 1, UInt64(h.number))
        let lab = LabProfile.allCases[rng.weighted(LabProfile.weights)]
        let cohort = h.course?.cohort ?? (rng.chance(0.5) ? .hcc : .btc)
        let s = LabSubject(lab: lab, sex: h.sex, age: h.age, cohort: cohort)
        let screening = screeningDate(h, rng: &rng)
        let kilograms = LabFormat.round(bodyWeight(h.sex, rng: &rng), 1)
        var base = baseline(s, rng: &rng)
        if h.isEnrolled {
            meetThresholds(&base, s, kilograms: kilograms, except: breach, rng: &rng)
            if let breach { breakThreshold(&base, breach, s, kilograms: kilograms, rng: &rng) }
        } else if rng.chance(0.4) {
            breakThreshold(&base, rng.pick(EligibilityThreshold.allCases), s, kilograms: kilograms, rng: &rng)
        }
        var m = Measurements(lab: lab, breach: h.isEnrolled ? breach : nil)
        m.weights.append(WeightRecord(event: .screening, date: screening, kilograms: kilograms))
        let marker = LabTest.marker(cohort)
        m.draws.append(LabDraw(event: .screening, date: screening, time: 450 + rng.below(480),
                               results: results(LabTest.routine + [marker], base.values, mayBeMissing: !h.isEnrolled,
                                                rng: &rng)))
        guard let course = h.course else { return m }

        let effects = labEffects(course, s, base, rng: &rng)
        let extra = unscheduledDraws(course, end: h.end, effects: effects, rng: &rng)
        let anaemia = antiCD47 && rng.chance(0.55) ? rng.between(1.0, 2.0) : 0
        let declining = h.end.treatmentEndReason == .progression || h.end.treatmentEndReason == .death
        let markerStep = MarkerCourse(declining: declining, responds: rng.chance(0.3))
        let markerFloor = min(base.values[marker.rawValue], s.uln(marker) * 0.4)
        var markerLevel = base.values[marker.rawValue]
        var weight = kilograms
        let n = course.visits.count
        var next = 0
        m.draws.reserveCapacity(n + 1 + extra.count)
        m.weights.reserveCapacity(n + 1)
        for (k, visit) in course.visits.enumerated() {
            let late = declining ? max(0, k - (n - 3)) : 0
            let context = DrawContext(date: visit.date, firstDose: course.firstDose, late: late, anaemia: anaemia)
            var values = drawValues(base, s, context, effects, rng: &rng)
            let tests = visit.cycle % 2 == 1 ? LabTest.routine + [marker] : LabTest.routine
            if k > 0 { markerLevel = max(markerFloor, markerLevel * markerStep.step(k, of: n, rng: &rng)) }
            values[marker.rawValue] = markerLevel * (1 + rng.normal(mean: 0, sd: 0.04))
            m.draws.append(LabDraw(event: .cycle(visit.cycle), date: visit.date,
                                   time: visit.doses[0].start - rng.int(20...90),
                                   results: results(tests, values, mayBeMissing: true, rng: &rng)))
            weight = k == 0 ? kilograms + rng.normal(mean: 0, sd: 0.4)
                : weight + rng.normal(mean: -0.1, sd: 0.5) - (late > 0 ? rng.between(0.4, 1.4) : 0)
            weight = min(160, max(35, weight))
            m.weights.append(WeightRecord(event: .cycle(visit.cycle), date: visit.date,
                                          kilograms: LabFormat.round(weight, 1)))
            while next < extra.count, k + 1 == n || extra[next].date < course.visits[k + 1].date {
                let context = DrawContext(date: extra[next].date, firstDose: course.firstDose, late: late,
                                          anaemia: anaemia)
                let values = drawValues(base, s, context, effects, rng: &rng)
                m.draws.append(LabDraw(event: .unscheduled, date: extra[next].date, time: 480 + rng.below(480),
                                       results: results(extra[next].panel, values, mayBeMissing: true, rng: &rng)))
                next += 1
            }
        }
        return m
    }

    /// On or after consent and before enrolment (within 28 days of it); before the failure for a screen failure.
    private func screeningDate(_ h: SubjectHistory, rng: inout RandomSource) -> CivilDate {
        let last = h.course?.enrollment ?? h.end.studyEnd ?? h.consent.adding(days: 1)
        return h.consent.adding(days: rng.below(max(1, last.daysSinceEpoch - h.consent.daysSinceEpoch)))
    }

    private func bodyWeight(_ sex: Sex, rng: inout RandomSource) -> Double {
        let w = sex == .female ? rng.normal(mean: 65, sd: 12) : rng.normal(mean: 78, sd: 13)
        return min(150, max(40, w))
    }

    /// Screening values, typical of advanced HCC (cirrhosis: lower platelets and albumin, higher AST and INR) or BTC
    /// (cholestasis: higher ALP and bilirubin).
    private func baseline(_ s: LabSubject, rng: inout RandomSource) -> Baseline {
        let hcc = s.cohort == .hcc
        var v = [Double](repeating: 0, count: LabTest.allCases.count)
        func set(_ t: LabTest, _ value: Double) { v[t.rawValue] = value }
        func clamp(_ value: Double, _ low: Double, _ high: Double) -> Double { min(high, max(low, value)) }
        let female = s.sex == .female
        set(.hemoglobin, clamp(rng.normal(mean: (female ? 12.1 : 13.3) - (hcc ? 0.3 : 0), sd: female ? 1.3 : 1.5), 7.5, 18))
        set(.platelets, clamp(hcc ? rng.normal(mean: 170, sd: 70) : rng.normal(mean: 255, sd: 80), 30, 600))
        set(.wbc, clamp(rng.normal(mean: 6.8, sd: 2.0), 2.5, 16))
        var u = rng.unit()
        set(.ast, s.uln(.ast) * (hcc ? 0.6 + 2.0 * u * u : 0.4 + 1.1 * u))
        u = rng.unit()
        set(.alt, s.uln(.alt) * (hcc ? 0.4 + 1.6 * u * u : 0.3 + 1.1 * u))
        u = rng.unit()
        set(.alp, s.uln(.alp) * (hcc ? 0.6 + 1.4 * u : 0.7 + 3.0 * u * u))
        u = rng.unit()
        set(.bilirubin, hcc ? 0.4 + 1.4 * u * u : 0.4 + 2.0 * u * u)
        set(.albumin, clamp(rng.normal(mean: hcc ? 3.5 : 3.7, sd: 0.4), 1.6, 5.0))
        set(.creatinine, clamp(rng.normal(mean: female ? 0.76 : 0.95, sd: female ? 0.15 : 0.2), 0.45, 2.0))
        set(.sodium, clamp(rng.normal(mean: hcc ? 137.5 : 138.5, sd: hcc ? 3 : 2.5), 126, 147))
        set(.potassium, clamp(rng.normal(mean: 4.2, sd: 0.35), 3.1, 5.6))
        let diabetic = rng.chance(hcc ? 0.2 : 0.12)
        set(.glucose, clamp(diabetic ? rng.normal(mean: 165, sd: 40) : rng.normal(mean: 98, sd: 12), 62, 400))
        set(.inr, clamp(hcc ? rng.normal(mean: 1.13, sd: 0.1) : rng.normal(mean: 1.03, sd: 0.07), 0.85, 2.6))
        set(.afp, afp(rng: &rng))
        set(.ca199, ca199(rng: &rng))
        let (ptLow, ptHigh) = s.method(.prothrombinTime).limits(s.sex)
        var b = Baseline(values: v, neutrophilShare: rng.between(0.52, 0.72), lymphocyteShare: rng.between(0.14, 0.28),
                         directShare: hcc ? rng.between(0.25, 0.45) : rng.between(0.35, 0.65),
                         normalPT: ((ptLow ?? 11) + (ptHigh ?? 13.5)) / 2)
        b.deriveFromParents()
        return b
    }

    /// Normal in about a third of HCC, often hundreds, sometimes beyond the lab's 1000 ng/mL.
    private func afp(rng: inout RandomSource) -> Double {
        rng.inBand([(35, 1.0, 9.0), (30, 10, 200), (20, 200, 1000), (15, 1000, 30000)])
    }

    private func ca199(rng: inout RandomSource) -> Double {
        rng.inBand([(25, 4, 36), (35, 37, 200), (25, 200, 1000), (15, 1000, 20000)])
    }

    /// Moves screening values inside every threshold but `except`, with a margin that survives the printed rounding.
    /// Creatinine clearance is kept at 43 mL/min or more even with the female factor.
    private func meetThresholds(_ b: inout Baseline, _ s: LabSubject, kilograms: Double, except: EligibilityThreshold?,
                                rng: inout RandomSource) {
        for t in EligibilityThreshold.allCases where t != except {
            switch t {
            case .platelets:
                if b[.platelets] < 60 { b[.platelets] = rng.between(60, 95) }
            case .hemoglobin:
                if b[.hemoglobin] < 9.4 { b[.hemoglobin] = rng.between(9.4, 10.6) }
            case .neutrophils:
                if b[.neutrophils] < 1.2 { b[.wbc] = rng.between(1.2, 1.9) / b.neutrophilShare }
            case .bilirubin:
                if b[.bilirubin] > 2.7 { b[.bilirubin] = rng.between(1.6, 2.7) }
            case .inr:
                if b[.inr] > 1.8 { b[.inr] = rng.between(1.3, 1.75) }
            case .ast, .alt:
                let test = t.test, limit = 4.5 * s.uln(test)
                if b[test] > limit { b[test] = s.uln(test) * rng.between(2.0, 4.5) }
            case .creatinineClearance:
                let most = Double(140 - s.age) * kilograms * 0.85 / (72 * 43)
                if b[.creatinine] > most { b[.creatinine] = most * rng.between(0.8, 0.97) }
            case .albumin:
                if b[.albumin] < 2.2 { b[.albumin] = rng.between(2.2, 2.7) }
            }
        }
        b.deriveFromParents()
    }

    /// Sets one screening value well beyond its threshold; the clearance falls to 36 mL/min or less even with the
    /// male factor.
    private func breakThreshold(_ b: inout Baseline, _ t: EligibilityThreshold, _ s: LabSubject, kilograms: Double,
                                rng: inout RandomSource) {
        switch t {
        case .platelets: b[.platelets] = rng.between(28, 47)
        case .hemoglobin: b[.hemoglobin] = rng.between(7.4, 8.7)
        case .neutrophils: b[.wbc] = rng.between(0.45, 0.9) / b.neutrophilShare
        case .bilirubin: b[.bilirubin] = rng.between(3.3, 4.8)
        case .inr: b[.inr] = rng.between(2.15, 2.7)
        case .ast, .alt: b[t.test] = s.uln(t.test) * rng.between(5.6, 8.5)
        case .creatinineClearance:
            b[.creatinine] = Double(140 - s.age) * kilograms / (72 * rng.between(26, 36))
        case .albumin: b[.albumin] = rng.between(1.55, 1.85)
        }
        b.deriveFromParents()
    }

    /// One draw's values: day-to-day variation around the baseline, then the drug, disease and AE effects.
    private func drawValues(_ b: Baseline, _ s: LabSubject, _ c: DrawContext, _ effects: [LabEffect],
                            rng: inout RandomSource) -> [Double] {
        var v = b
        for (test, cv) in MeasurementSimulator.variation {
            v[test] *= 1 + rng.normal(mean: 0, sd: cv)
        }
        v[.neutrophils] = v[.wbc] * b.neutrophilShare * (1 + rng.normal(mean: 0, sd: 0.05))
        v[.lymphocytes] = v[.wbc] * b.lymphocyteShare * (1 + rng.normal(mean: 0, sd: 0.06))
        v[.hemoglobin] -= c.anaemia * MeasurementSimulator.anaemiaShape(days: c.date.daysSinceEpoch - c.firstDose.daysSinceEpoch)
        if c.late > 0 {
            let late = Double(c.late)
            v[.hemoglobin] -= 0.3 * late
            v[.albumin] -= 0.15 * late
            v[.bilirubin] *= 1 + 0.25 * late
            v[.alp] *= 1 + 0.2 * late
            v[.ast] *= 1 + 0.15 * late
        }
        let cells = (neutrophils: v[.neutrophils], lymphocytes: v[.lymphocytes])
        for effect in effects where effect.start <= c.date && effect.end.map({ c.date <= $0 }) ?? true {
            for shift in effect.shifts {
                let level = shift.level * (1 + rng.normal(mean: 0, sd: 0.04))
                v[shift.test] = shift.raise ? max(v[shift.test], level) : min(v[shift.test], level)
            }
        }
        let lost = cells.neutrophils - v[.neutrophils] + cells.lymphocytes - v[.lymphocytes]
        v[.wbc] = max(v[.wbc] - lost, v[.neutrophils] + v[.lymphocytes] + 0.2)
        v[.directBilirubin] = v[.bilirubin] * b.directShare * (1 + rng.normal(mean: 0, sd: 0.05))
        v[.prothrombinTime] = b.normalPT * v[.inr] * (1 + rng.normal(mean: 0, sd: 0.015))
        for (test, floor) in MeasurementSimulator.floors { v[test] = max(v[test], floor) }
        return v.values
    }

    /// Coefficient of variation from draw to draw.
    private static let variation: [(LabTest, Double)] = [
        (.hemoglobin, 0.04), (.platelets, 0.08), (.wbc, 0.1), (.ast, 0.12), (.alt, 0.12), (.alp, 0.08),
        (.bilirubin, 0.12), (.albumin, 0.04), (.creatinine, 0.06), (.sodium, 0.012), (.potassium, 0.06),
        (.glucose, 0.1), (.inr, 0.04),
    ]

    /// The lowest value a living subject's sample gives.
    private static let floors: [(LabTest, Double)] = [
        (.hemoglobin, 5.0), (.platelets, 5), (.wbc, 0.3), (.neutrophils, 0.05), (.lymphocytes, 0.05), (.ast, 5),
        (.alt, 4), (.alp, 20), (.bilirubin, 0.1), (.directBilirubin, 0.03), (.albumin, 1.2), (.creatinine, 0.3),
        (.sodium, 115), (.potassium, 2.5), (.glucose, 40), (.inr, 0.8),
    ]

    /// The share of the anti-CD47 haemoglobin drop on a day after the first dose: full within a week, held for the
    /// first three cycles, then 40% after partial recovery.
    static func anaemiaShape(days: Int) -> Double {
        switch days {
        case ..<1: 0
        case ..<8: Double(days) / 8
        case ...63: 1
        case ..<126: 1 - 0.6 * Double(days - 63) / 63
        default: 0.4
        }
    }

    /// The tests in `tests` with their values; a few not done when `mayBeMissing` (never at an enrolled subject's
    /// screening).
    private func results(_ tests: [LabTest], _ values: [Double], mayBeMissing: Bool,
                         rng: inout RandomSource) -> [LabResult] {
        var missing: [LabCategory: String] = [:]
        var hemolyzedPotassium = false
        if mayBeMissing {
            for category in [LabCategory.hematology, .chemistry, .coagulation] where rng.chance(0.002) {
                missing[category] = rng.pick(["Insufficient sample", "Not collected", "Hemolyzed sample"])
            }
            if rng.chance(0.02) { missing[.tumorMarkers] = "Not collected" }
            hemolyzedPotassium = rng.chance(0.006)
        }
        return tests.map { test in
            var result = LabResult(test: test, value: values[test.rawValue])
            if let reason = missing[test.category] {
                result.notDoneReason = reason
            } else if hemolyzedPotassium && test == .potassium {
                result.notDoneReason = "Hemolyzed sample"
            }
            return result
        }
    }

    /// The lab side of the subject's AEs, at the CTCAE v5.0 grade recorded.
    private func labEffects(_ course: TreatmentCourse, _ s: LabSubject, _ b: Baseline,
                            rng: inout RandomSource) -> [LabEffect] {
        var effects: [LabEffect] = []
        for ae in course.adverseEvents {
            let g = min(ae.grade.rawValue, 4) - 1
            func band(_ bands: [(Double, Double)]) -> Double { rng.between(bands[g].0, bands[g].1) }
            func lower(_ t: LabTest, _ level: Double) -> LabShift { LabShift(test: t, raise: false, level: level) }
            func raise(_ t: LabTest, _ multiple: Double) -> LabShift {
                LabShift(test: t, raise: true, level: multiple * s.uln(t))
            }
            let shifts: [LabShift]
            var panel = LabTest.liverPanel
            switch ae.catalogTerm.preferredTerm {
            case "Anaemia", "Haemoglobin decreased":
                let g1 = (10.0, max(10.1, s.lln(.hemoglobin) - 0.2))
                shifts = [lower(.hemoglobin, band([g1, (8.0, 9.9), (7.0, 7.9), (6.0, 6.9)]))]
                panel = LabTest.hematologyPanel
            case "Haemolysis":
                shifts = [lower(.hemoglobin, b[.hemoglobin] - rng.between(1.0, 2.5)),
                          raise(.bilirubin, rng.between(1.1, 2.0))]
                panel = LabTest.hematologyPanel
            case "Thrombocytopenia", "Platelet count decreased":
                let g1 = (75.0, max(76, s.lln(.platelets) - 5))
                shifts = [lower(.platelets, band([g1, (50, 74), (25, 49), (8, 24)]))]
                panel = LabTest.hematologyPanel
            case "Neutropenia":
                let g1 = (1.5, max(1.55, s.lln(.neutrophils) - 0.05))
                shifts = [lower(.neutrophils, band([g1, (1.0, 1.45), (0.5, 0.95), (0.1, 0.45)]))]
                panel = LabTest.hematologyPanel
            case "Lymphocyte count decreased":
                let g1 = (0.8, max(0.85, s.lln(.lymphocytes) - 0.05))
                shifts = [lower(.lymphocytes, band([g1, (0.5, 0.78), (0.2, 0.48), (0.05, 0.18)]))]
                panel = LabTest.hematologyPanel
            case "Aspartate aminotransferase increased":
                shifts = [raise(.ast, band(MeasurementSimulator.transaminaseBands))]
            case "Alanine aminotransferase increased":
                shifts = [raise(.alt, band(MeasurementSimulator.transaminaseBands))]
            case "Immune-mediated hepatitis":
                let bands = [(1.5, 2.9), (3.1, 4.9), (5.2, 10), (21, 30)]
                shifts = [raise(.ast, band(bands)), raise(.alt, band(bands)),
                          raise(.bilirubin, band([(0.8, 1.0), (1.2, 1.5), (1.6, 3.0), (3.1, 6.0)]))]
            case "Hyperbilirubinaemia", "Blood bilirubin increased":
                shifts = [raise(.bilirubin, band([(1.1, 1.5), (1.6, 3.0), (3.1, 9.0), (10.5, 14)]))]
            case "Blood alkaline phosphatase increased":
                shifts = [raise(.alp, band([(1.1, 2.5), (2.6, 5.0), (5.1, 15), (21, 25)]))]
            case "Hyponatraemia":
                let g1 = (130.0, max(130.5, s.lln(.sodium) - 1))
                shifts = [lower(.sodium, band([g1, (126, 129), (121, 124), (116, 119)]))]
                panel = [.sodium, .potassium, .glucose, .creatinine]
            case "Hypoalbuminaemia":
                let g1 = (3.0, max(3.05, s.lln(.albumin) - 0.1))
                shifts = [lower(.albumin, band([g1, (2.0, 2.9), (1.5, 1.9), (1.5, 1.9)]))]
            case "Hepatic failure":
                shifts = [raise(.bilirubin, rng.between(3.5, 8)), lower(.albumin, rng.between(2.0, 2.6)),
                          LabShift(test: .inr, raise: true, level: rng.between(1.8, 3.0))]
                panel = LabTest.liverPanel + [.inr, .prothrombinTime]
            default:
                continue
            }
            effects.append(LabEffect(start: ae.start.date, end: ae.end?.date, shifts: shifts, panel: panel))
        }
        return effects
    }

    private static let transaminaseBands = [(1.2, 2.9), (3.1, 4.9), (5.2, 12), (21, 30)]

    /// About 15% of the enrolled have one or two draws between cycles (or within a cycle's length after the last),
    /// preferably where a lab AE starts, with the panel that AE calls for; otherwise haematology or the liver panel.
    private func unscheduledDraws(_ course: TreatmentCourse, end: StudyEnd, effects: [LabEffect],
                                  rng: inout RandomSource) -> [(date: CivilDate, panel: [LabTest])] {
        guard rng.chance(0.15) else { return [] }
        let count = rng.chance(0.3) ? 2 : 1
        let visits = course.visits
        let known = min(end.lastContact, design.dataCutoff)
        var gaps: [(from: CivilDate, to: CivilDate)] = []
        for k in visits.indices {
            let to = k + 1 < visits.count ? visits[k + 1].date.adding(days: -2)
                : min(known, visits[k].date.adding(days: design.cycleDays))
            let from = visits[k].date.adding(days: 3)
            if from <= to { gaps.append((from, to)) }
        }
        guard !gaps.isEmpty else { return [] }
        var prompted: [(date: CivilDate, panel: [LabTest])] = []
        for effect in effects {
            guard let gap = gaps.first(where: { $0.from <= effect.start && effect.start <= $0.to }) else { continue }
            prompted.append((min(effect.start.adding(days: rng.int(0...2)), gap.to), effect.panel))
        }
        var draws: [(date: CivilDate, panel: [LabTest])] = []
        for _ in 0..<count {
            var draw: (date: CivilDate, panel: [LabTest])
            if !prompted.isEmpty {
                draw = prompted.remove(at: rng.below(prompted.count))
            } else {
                let gap = rng.pick(gaps)
                draw = (gap.from.adding(days: rng.below(gap.to.daysSinceEpoch - gap.from.daysSinceEpoch + 1)),
                        rng.chance(0.55) ? LabTest.hematologyPanel : LabTest.liverPanel)
            }
            if !draws.contains(where: { $0.date == draw.date }) { draws.append(draw) }
        }
        return draws.sorted { $0.date < $1.date }
    }
}

/// The subject attributes that set how its lab prints and what its ranges are.
private struct LabSubject {
    let lab: LabProfile
    let sex: Sex
    let age: Int
    let cohort: Cohort

    func method(_ t: LabTest) -> LabMethod { LabCatalog.method(t, lab) }
    /// Upper limit of normal in the conventional unit.
    func uln(_ t: LabTest) -> Double { method(t).limits(sex).high ?? 1 }
    /// Lower limit of normal in the conventional unit.
    func lln(_ t: LabTest) -> Double { method(t).limits(sex).low ?? 0 }
}

/// Screening values with the shares that tie derived tests (ANC, lymphocytes, direct bilirubin, PT) to their parents.
private struct Baseline {
    var values: [Double]
    var neutrophilShare: Double
    var lymphocyteShare: Double
    var directShare: Double
    /// PT at an INR of 1 on this lab's analyser.
    var normalPT: Double

    subscript(_ t: LabTest) -> Double {
        get { values[t.rawValue] }
        set { values[t.rawValue] = newValue }
    }

    mutating func deriveFromParents() {
        self[.neutrophils] = self[.wbc] * neutrophilShare
        self[.lymphocytes] = self[.wbc] * lymphocyteShare
        self[.directBilirubin] = self[.bilirubin] * directShare
        self[.prothrombinTime] = normalPT * self[.inr]
    }
}

private struct DrawContext {
    var date: CivilDate
    var firstDose: CivilDate
    /// 1 or 2 at the last two visits before progression, else 0.
    var late: Int
    /// The anti-CD47 haemoglobin drop at its deepest, g/dL.
    var anaemia: Double
}

/// A test pushed to a level (conventional unit): raised to at least it, or lowered to at most it.
private struct LabShift {
    var test: LabTest
    var raise: Bool
    var level: Double
}

/// What an AE does to the labs from its start to its end (open while ongoing), and the panel it prompts.
private struct LabEffect {
    var start: CivilDate
    var end: CivilDate?
    var shifts: [LabShift]
    var panel: [LabTest]
}

/// How a tumour marker moves from cycle to cycle: rising in the second half before progression, falling in
/// responders, otherwise drifting.
private struct MarkerCourse {
    var declining: Bool
    var responds: Bool

    func step(_ k: Int, of n: Int, rng: inout RandomSource) -> Double {
        if declining { return 2 * k < n ? rng.between(0.85, 1.05) : rng.between(1.15, 1.5) }
        return responds ? rng.between(0.6, 0.85) : rng.between(0.9, 1.12)
    }
}

private extension RandomSource {
    /// Uniform in [low, high).
    mutating func between(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }
}

extension RandomSource {
    /// A value uniform within one of the bands, each band chosen in proportion to its weight.
    fileprivate mutating func inBand(_ bands: [(weight: Int, low: Double, high: Double)]) -> Double {
        let band = bands[weighted(bands.map(\.weight))]
        return between(band.low, band.high)
    }
}
