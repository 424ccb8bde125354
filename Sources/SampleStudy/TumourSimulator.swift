import SDTMModel

/// Simulates an enrolled subject's tumours on a stream of their own, so the other forms do not change: the
/// baseline lesions, the scans of the subject's treatment course and every lesion's size at every scan.
struct TumourSimulator {
    let design: SampleDesign
    private var plan: ResponsePlan

    init(design: SampleDesign) {
        self.design = design
        plan = ResponsePlan(seed: design.seed)
    }

    /// Nil for a screen failure.
    mutating func simulate(_ h: SubjectHistory) -> TumourHistory? {
        guard let course = h.course else { return nil }
        var rng = RandomSource(seed: design.seed, StreamLabel.recist, 0, UInt64(h.number))
        let decimals = rng.chance(0.35)
        let liverMRI = rng.chance(course.cohort == .hcc ? 0.5 : 0.2)
        var lesions: [TumourLesion] = []
        var sizes: [Int] = []
        var used: Set<String> = []
        Self.addTargets(course.cohort, decimals: decimals, liverMRI: liverMRI, to: &lesions, sizes: &sizes, used: &used,
                        rng: &rng)
        Self.addNonTargets(course.cohort, liverMRI: liverMRI, to: &lesions, used: &used, rng: &rng)
        let dates = scanDates(h, course, rng: &rng)
        let ends = h.end.treatmentEndReason == .progression
        let progressionScan = ends && dates.count > 1 ? dates.count - 2 : nil
        let scans = dates.count - 1 - (progressionScan == nil ? 0 : 1)
        let role = plan.role(course.cohort, scans: scans, rng: &rng)
        let pattern = ResponsePattern(role, scans: scans, rng: &rng)
        var growth = TumourGrowth(baseline: sizes, nodes: lesions.prefix(sizes.count).map(\.isNode),
                                  nonTargets: lesions.count - sizes.count, decimals: decimals, liverMRI: liverMRI,
                                  used: used, pattern: pattern, progressionScan: progressionScan)
        let baseline = TumourScan(event: dates[0].event, date: dates[0].date, targets: sizes.map { .measured($0) },
                                  nonTargets: Array(repeating: .present, count: lesions.count - sizes.count))
        let followUps = dates.dropFirst().enumerated().map { k, scan in
            growth.scan(k, event: scan.event, date: scan.date, rng: &rng)
        }
        var history = TumourHistory(lesions: lesions, baseline: baseline, followUps: followUps)
        history.assess(firstDose: course.firstDose)
        return history
    }

    /// The baseline scan within 28 days before the first dose (not before consent), a scan 0-5 days before day 1
    /// of cycles 3, 5, 7... while on treatment, and for a subject whose treatment ended for progression after an
    /// even cycle, a scan at the end of treatment named after the next cycle due.
    private func scanDates(_ h: SubjectHistory, _ course: TreatmentCourse,
                           rng: inout RandomSource) -> [(event: String, date: CivilDate)] {
        let first = course.firstDose
        let earliest = max(h.consent, first.adding(days: -28))
        let latest = min(course.enrollment, first.adding(days: -1))
        let baseline = earliest.adding(days: rng.below(latest.daysSinceEpoch - earliest.daysSinceEpoch + 1))
        var dates = [(event: "Screening", date: baseline)]
        for visit in course.visits where visit.cycle >= 3 && visit.cycle % 2 == 1 {
            dates.append((event: "Cycle \(visit.cycle) Day 1", date: visit.date.adding(days: -rng.int(0...5))))
        }
        let last = course.visits.count
        if h.end.treatmentEndReason == .progression, last >= 3, last % 2 == 0, let end = h.end.treatmentEnd {
            dates.append((event: "Cycle \(last + 1) Day 1", date: end))
        }
        return dates
    }

    /// 1-5 measurable target lesions, at most 2 per organ (lymph nodes count as one organ).
    private static func addTargets(_ cohort: Cohort, decimals: Bool, liverMRI: Bool, to lesions: inout [TumourLesion],
                                   sizes: inout [Int], used: inout Set<String>, rng: inout RandomSource) {
        let sites = LesionSites.targets(cohort)
        var weights = sites.map(\.weight)
        var perOrgan: [String: Int] = [:]
        let count = 1 + rng.weighted([18, 30, 27, 15, 10])
        while sizes.count < count, weights.contains(where: { $0 > 0 }) {
            let i = rng.weighted(weights)
            let site = sites[i].site
            guard let location = freeLocation(site, used: used, rng: &rng) else {
                weights[i] = 0
                continue
            }
            used.insert(site.organ + "|" + location)
            perOrgan[site.organ, default: 0] += 1
            if perOrgan[site.organ] == 2 { weights[i] = 0 }
            let u = rng.unit()
            let mm = site.targetSize.lowerBound + Int(Double(site.targetSize.count - 1) * u * u)
            sizes.append(mm * 10 + (decimals ? rng.below(10) : 0))
            lesions.append(TumourLesion(id: "T\(sizes.count)", type: .target, organ: site.organ, location: location,
                                        isNode: site.isNode, method: site.method(liverMRI: liverMRI)))
        }
    }

    /// 0-3 non-target lesions.
    private static func addNonTargets(_ cohort: Cohort, liverMRI: Bool, to lesions: inout [TumourLesion],
                                      used: inout Set<String>, rng: inout RandomSource) {
        let sites = LesionSites.nonTargets(cohort)
        let count = rng.weighted([30, 35, 25, 10])
        var added = 0
        for _ in 0..<count {
            let site = sites[rng.weighted(sites.map(\.weight))].site
            guard let location = freeLocation(site, used: used, rng: &rng) else { continue }
            used.insert(site.organ + "|" + location)
            added += 1
            lesions.append(TumourLesion(id: "NT\(added)", type: .nonTarget, organ: site.organ, location: location,
                                        isNode: site.isNode, method: site.method(liverMRI: liverMRI)))
        }
    }

    /// A location of `site` no other lesion of the subject occupies.
    static func freeLocation(_ site: LesionSite, used: Set<String>, rng: inout RandomSource) -> String? {
        let free = site.locations.filter { !used.contains(site.organ + "|" + $0) }
        return free.isEmpty ? nil : rng.pick(free)
    }
}

/// How a subject's tumours behave on treatment. Scans are numbered from 0, the first follow-up.
struct ResponsePattern: Sendable {
    var responds: Bool
    /// A responder whose tumours disappear.
    var clears: Bool
    /// A responder that shrinks just past -30 % once, then grows back (an unconfirmed PR).
    var transient: Bool
    /// The first scan showing the partial response.
    var onset: Int
    /// The first scan showing the complete response.
    var clearance: Int
    /// The smallest fraction of the baseline a partial responder shrinks to.
    var floor: Double

    /// `scans` counts the follow-ups before any progression; a response starts late only when two scans remain to
    /// show and confirm it.
    init(_ role: ResponseRole, scans: Int, rng: inout RandomSource) {
        responds = role != .noResponse
        clears = role == .complete
        transient = role == .partial && rng.chance(0.15)
        onset = clears || scans < 3 || rng.chance(0.6) ? 0 : 1
        clearance = onset + 1
        floor = 0.15 + 0.35 * rng.unit()
    }
}

/// One subject's tumour sizes from scan to scan, kept RECIST-consistent with the intended pattern: every scan is
/// drawn with per-lesion noise and redrawn when RECIST would read it otherwise.
struct TumourGrowth {
    /// Baseline target sizes in tenths of a millimetre.
    let baseline: [Int]
    let nodes: [Bool]
    let decimals: Bool
    let liverMRI: Bool
    let pattern: ResponsePattern
    /// The follow-up that shows progression: the last one of a subject whose treatment ended for progression.
    let progressionScan: Int?
    private let baselineSum: Int
    private var used: Set<String>
    private var nadir: Int
    private var previous: [TargetReading]
    private var statuses: [LesionStatus]
    /// Non-nodal targets that have disappeared.
    private var gone: [Bool]
    /// The fraction of the baseline sum the tumours were drawn at last.
    private var ratio = 1.0

    init(baseline: [Int], nodes: [Bool], nonTargets: Int, decimals: Bool, liverMRI: Bool, used: Set<String>,
         pattern: ResponsePattern, progressionScan: Int?) {
        self.baseline = baseline
        self.nodes = nodes
        self.decimals = decimals
        self.liverMRI = liverMRI
        self.used = used
        self.pattern = pattern
        self.progressionScan = progressionScan
        baselineSum = baseline.reduce(0, +)
        nadir = baselineSum
        previous = baseline.map { .measured($0) }
        statuses = Array(repeating: .present, count: nonTargets)
        gone = Array(repeating: false, count: baseline.count)
    }

    /// Follow-up `k`. The progression scan shows PD by target growth, by a non-target lesion's unequivocal
    /// progression or by a new lesion; no other scan shows PD.
    mutating func scan(_ k: Int, event: String, date: CivilDate, rng: inout RandomSource) -> TumourScan {
        var scan = TumourScan(event: event, date: date, targets: [], nonTargets: [])
        if k == progressionScan {
            let kind = rng.weighted([50, 35, 15])
            if kind == 0, let grown = grownTargets(rng: &rng) {
                scan.targets = grown
            } else {
                scan.targets = onPattern(k, rng: &rng)
                let present = statuses.indices.filter { statuses[$0] == .present }
                if kind == 2 && !present.isEmpty {
                    statuses[rng.pick(present)] = .progressed
                } else {
                    scan.newLesions = [newLesion(rng: &rng)]
                }
            }
        } else {
            scan.targets = onPattern(k, rng: &rng)
        }
        scan.nonTargets = statuses
        previous = scan.targets
        nadir = min(nadir, scan.sum)
        return scan
    }

    /// The targets as the pattern wants them at follow-up `k`, never progressing.
    private mutating func onPattern(_ k: Int, rng: inout RandomSource) -> [TargetReading] {
        let p = pattern
        if p.responds && p.clears && k >= p.clearance { return cleared(rng: &rng) }
        let nadirRatio = Double(nadir) / Double(baselineSum)
        let intended: TumourResponse
        let target: Double
        if p.responds && k == p.onset {
            intended = .pr
            target = p.transient ? 0.64 + 0.04 * rng.unit() : 0.42 + 0.24 * rng.unit()
        } else if p.responds && k > p.onset && !p.transient {
            intended = .pr
            target = max(p.floor, min(0.66, ratio * (0.78 + 0.2 * rng.unit())))
        } else if p.responds && k > p.onset {
            intended = .sd
            target = 0.72 + max(0, nadirRatio * 1.15 - 0.72) * rng.unit()
        } else if p.responds {
            intended = .sd
            target = 0.80 + 0.15 * rng.unit()
        } else {
            intended = .sd
            let high = max(0.76, min(1.15, nadirRatio * 1.14))
            let drift = k == 0 ? 0.85 + 0.27 * rng.unit() : ratio * (0.94 + 0.12 * rng.unit())
            target = min(high, max(0.76, drift))
        }
        for attempt in 0..<8 {
            let (readings, disappeared) = drawn(at: target, noise: attempt < 7, shrinking: p.responds, rng: &rng)
            let response = respond(readings)
            if response == intended || (attempt == 7 && response != .pd) {
                ratio = target
                gone = disappeared
                if intended == .pr { shrinkNonTargets(rng: &rng) }
                return readings
            }
        }
        return previous
    }

    /// Every target at `target` times its baseline size, each with up to 6 % noise; a shrinking lesion under
    /// 5 mm may be written too small to measure or disappear.
    private func drawn(at target: Double, noise: Bool, shrinking: Bool,
                       rng: inout RandomSource) -> (readings: [TargetReading], gone: [Bool]) {
        var disappeared = gone
        let readings = baseline.indices.map { i -> TargetReading in
            if disappeared[i] { return .measured(0) }
            let raw = Double(baseline[i]) * target * (noise ? 0.94 + 0.12 * rng.unit() : 1)
            if nodes[i] { return .measured(max(50, rounded(raw))) }
            guard shrinking && raw < 50 else { return .measured(rounded(raw)) }
            if raw < 30 && rng.chance(0.3) {
                disappeared[i] = true
                return .measured(0)
            }
            return rng.chance(0.5) ? .tooSmallToMeasure : .measured(max(20, rounded(raw)))
        }
        return (readings, disappeared)
    }

    /// Non-nodal targets gone, nodes back under 10 mm short axis (but not 0), non-target lesions gone.
    private mutating func cleared(rng: inout RandomSource) -> [TargetReading] {
        gone = nodes.map { !$0 }
        statuses = statuses.map { _ in .absent }
        ratio = 0
        return nodes.map { $0 ? .measured(rounded(50 + 44 * rng.unit())) : .measured(0) }
    }

    /// The targets grown by 25-60 % over the nadir (and at least 6 mm); nil when nothing is left to grow.
    private func grownTargets(rng: inout RandomSource) -> [TargetReading]? {
        let alive = previous.indices.filter { !gone[$0] }
        let aliveSum = alive.reduce(0) { $0 + previous[$1].tenths }
        guard aliveSum > 0, respond(previous) != .cr else { return nil }
        let goal = max(Double(nadir) * (1.25 + 0.35 * rng.unit()), Double(nadir + 60 + rng.below(60)))
        let growth = goal / Double(aliveSum)
        guard growth <= 4 else { return nil }
        for attempt in 0..<8 {
            let readings = previous.indices.map { i -> TargetReading in
                guard !gone[i] else { return .measured(0) }
                let noise = attempt < 7 ? 0.94 + 0.12 * rng.unit() : 1
                return .measured(max(10, rounded(Double(previous[i].tenths) * growth * noise)))
            }
            if respond(readings) == .pd { return readings }
        }
        return nil
    }

    /// Responders' non-target lesions disappear one by one.
    private mutating func shrinkNonTargets(rng: inout RandomSource) {
        for j in statuses.indices where statuses[j] == .present && rng.chance(0.25) { statuses[j] = .absent }
    }

    private mutating func newLesion(rng: inout RandomSource) -> TumourLesion {
        var weights = LesionSites.new.map(\.weight)
        while true {
            let i = rng.weighted(weights)
            let site = LesionSites.new[i].site
            if let location = TumourSimulator.freeLocation(site, used: used, rng: &rng) {
                used.insert(site.organ + "|" + location)
                return TumourLesion(id: "NEW1", type: .new, organ: site.organ, location: location, isNode: site.isNode,
                                    method: site.method(liverMRI: liverMRI))
            }
            weights[i] = 0
        }
    }

    private func respond(_ readings: [TargetReading]) -> TumourResponse {
        RECIST.targetResponse(readings, nodes: nodes, baselineSum: baselineSum, nadir: nadir)
    }

    /// Tenths of a millimetre as the radiologist writes them: whole millimetres, or to 0.1 mm.
    private func rounded(_ tenths: Double) -> Int {
        decimals ? Int(tenths.rounded()) : Int((tenths / 10).rounded()) * 10
    }
}
