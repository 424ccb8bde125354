import SDTMModel

/// A response as the site writes it on the RECIST worksheet.
enum TumourResponse: String, Sendable {
    case cr = "CR"
    case pr = "PR"
    case sd = "SD"
    case pd = "PD"
    case ne = "NE"
    /// Non-target lesions present, none progressed.
    case nonCRNonPD = "Non-CR/Non-PD"
}

/// A target lesion's reading at one scan; diameters in tenths of a millimetre (short axis for a node).
enum TargetReading: Hashable, Sendable {
    case measured(Int)
    case tooSmallToMeasure

    /// RECIST 1.1's default for a lesion too small to measure.
    static let tooSmallDefault = 50

    /// What the reading adds to the sum of diameters.
    var tenths: Int {
        switch self {
        case .measured(let t): t
        case .tooSmallToMeasure: TargetReading.tooSmallDefault
        }
    }
}

/// A non-target or new lesion's status at one scan.
enum LesionStatus: String, Sendable {
    case present = "Present"
    case absent = "Absent"
    case progressed = "Unequivocal progression"
}

/// The investigator's responses at one follow-up scan.
struct ScanResponse: Hashable, Sendable {
    var target: TumourResponse
    /// Nil when the subject has no non-target lesions.
    var nonTarget: TumourResponse?
    var newLesions: Bool
    var overall: TumourResponse
}

/// RECIST 1.1 as the sample's truth applies it, in exact tenths of a millimetre.
enum RECIST {
    /// A CR or PR counts once a CR or PR at least this many days later confirms it.
    static let confirmationDays = 28
    /// SD counts only at a scan at least this many days after the first dose: 6 weeks less the 1-week scan window,
    /// as the study definition's `recist: {minimumSDDays: 35}` says.
    static let minimumSDDays = 35

    /// CR when non-nodal targets are 0 and nodes under 10 mm; then PD (+20 % and +5 mm over the nadir);
    /// then PR (-30 % from baseline); else SD.
    static func targetResponse(_ readings: [TargetReading], nodes: [Bool], baselineSum: Int, nadir: Int) -> TumourResponse {
        let sum = readings.reduce(0) { $0 + $1.tenths }
        let complete = zip(readings, nodes).allSatisfy { reading, node in
            node ? reading.tenths < 100 : reading == .measured(0)
        }
        if complete { return .cr }
        if 10 * sum >= 12 * nadir && sum - nadir >= 50 { return .pd }
        if 10 * sum <= 7 * baselineSum { return .pr }
        return .sd
    }

    /// PD when any progressed, CR when all are absent, else Non-CR/Non-PD; nil without non-target lesions.
    static func nonTargetResponse(_ statuses: [LesionStatus]) -> TumourResponse? {
        guard !statuses.isEmpty else { return nil }
        if statuses.contains(.progressed) { return .pd }
        return statuses.allSatisfy { $0 == .absent } ? .cr : .nonCRNonPD
    }

    /// RECIST 1.1 table 1 for a subject with target lesions.
    static func overall(target: TumourResponse, nonTarget: TumourResponse?, newLesions: Bool) -> TumourResponse {
        if target == .pd || nonTarget == .pd || newLesions { return .pd }
        switch target {
        case .cr: return nonTarget == nil || nonTarget == .cr ? .cr : .pr
        case .pr, .sd: return target
        default: return .ne
        }
    }

    /// The responses at every follow-up, the nadir being the smallest earlier sum, baseline included.
    static func responses(_ history: TumourHistory) -> [ScanResponse] {
        let nodes = history.targets.map(\.isNode)
        let baselineSum = history.baseline.sum
        var nadir = baselineSum
        return history.followUps.map { scan in
            let target = targetResponse(scan.targets, nodes: nodes, baselineSum: baselineSum, nadir: nadir)
            nadir = min(nadir, scan.sum)
            let nonTarget = nonTargetResponse(scan.nonTargets)
            let newLesions = !scan.newLesions.isEmpty
            return ScanResponse(target: target, nonTarget: nonTarget, newLesions: newLesions,
                                overall: overall(target: target, nonTarget: nonTarget, newLesions: newLesions))
        }
    }

    /// Best overall response with confirmation, from the overall responses in date order up to the first PD.
    static func best(_ series: [(day: Int, overall: TumourResponse)], firstDoseDay: Int) -> TumourResponse {
        let end = series.firstIndex { $0.overall == .pd }.map { $0 + 1 } ?? series.count
        let counted = series[..<end]
        func confirmed(_ accepted: Set<TumourResponse>, between allowed: Set<TumourResponse>) -> Bool {
            for i in counted.indices where accepted.contains(counted[i].overall) {
                for j in counted.indices where j > i {
                    if accepted.contains(counted[j].overall), counted[j].day - counted[i].day >= confirmationDays { return true }
                    if !allowed.contains(counted[j].overall) { break }
                }
            }
            return false
        }
        if confirmed([.cr], between: [.cr, .ne]) { return .cr }
        if confirmed([.cr, .pr], between: [.cr, .pr, .ne]) { return .pr }
        if counted.contains(where: { [.cr, .pr, .sd].contains($0.overall) && $0.day - firstDoseDay >= minimumSDDays }) {
            return .sd
        }
        return counted.last?.overall == .pd ? .pd : .ne
    }
}
