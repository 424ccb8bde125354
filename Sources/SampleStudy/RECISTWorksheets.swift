/// The RECIST worksheets, written subject by subject: `tumor_lesions.csv` (each lesion where it is first identified),
/// `tumor_measurements.csv` (each lesion at each scan, then the scan's sum of diameters) and `tumor_response.csv`
/// (the investigator's responses at each follow-up scan).
struct RECISTWorksheets {
    static let lesionColumns = ["subject_id", "event_name", "scan_date", "lesion_id", "lesion_type", "organ",
                                "location_detail", "lymph_node", "method"]
    static let measurementColumns = ["subject_id", "event_name", "scan_date", "lesion_id", "measurement", "result", "unit"]
    static let responseColumns = ["subject_id", "event_name", "scan_date", "target_response", "nontarget_response",
                                  "new_lesions", "overall_response"]

    let lesions: FormFile
    let measurements: FormFile
    let responses: FormFile
    let seed: UInt64

    init(directory: String, seed: UInt64) throws {
        lesions = try FormFile(directory: directory, form: .tumorLesions, columns: Self.lesionColumns)
        measurements = try FormFile(directory: directory, form: .tumorMeasurements, columns: Self.measurementColumns)
        responses = try FormFile(directory: directory, form: .tumorResponse, columns: Self.responseColumns)
        self.seed = seed
    }

    var files: [FormFile] { [lesions, measurements, responses] }

    /// Writes the subject's worksheets with the first of `offered` errors the subject can carry planted; returns
    /// the errors not planted.
    func write(_ h: SubjectHistory, _ tumours: TumourHistory, offered: [DirtKind],
               issues: inout [SampleIssue]) throws -> [DirtKind] {
        var rng = RandomSource(seed: seed, StreamLabel.recist, 2, UInt64(h.number))
        var planted: PlantedRECISTError?
        var declined: [DirtKind] = []
        for kind in offered {
            if planted == nil, let error = PlantedRECISTError(kind, in: tumours, rng: &rng) {
                planted = error
            } else {
                declined.append(kind)
            }
        }
        let sheet = Worksheet(subjectID: h.subjectID, tumours: tumours, planted: planted)
        try sheet.lesionRows().write(to: lesions, issues: &issues)
        try sheet.measurementRows().write(to: measurements, issues: &issues)
        try sheet.responseRows().write(to: responses, issues: &issues)
        return declined
    }
}

/// One planted worksheet error and where it goes; `scan` indexes the follow-ups.
enum PlantedRECISTError: Sendable {
    case wrongSum(scan: Int, written: Int)
    case responseContradiction(scan: Int)
    case missingLesion(scan: Int, lesion: Int)
    case nodeLongAxis(scan: Int, lesion: Int, longAxis: Int)
    case unknownLesion(scan: Int, tenths: Int)
    case nonNumericDiameter(scan: Int, lesion: Int, text: String)
    case invalidResponse(scan: Int, field: String, text: String)
    case missingBaseline

    /// The lesion id no subject has.
    static let unknownLesionID = "T9"

    /// A place for `kind` in the subject's worksheets; nil when there is none (every kind needs a follow-up scan).
    init?(_ kind: DirtKind, in tumours: TumourHistory, rng: inout RandomSource) {
        let scans = Array(tumours.followUps.indices)
        guard !scans.isEmpty else { return nil }
        let stable = scans.filter { tumours.responses[$0].overall == .sd }
        let targets = tumours.targets
        let measured = scans.flatMap { k in
            targets.indices.compactMap { i -> (scan: Int, lesion: Int, tenths: Int)? in
                guard case .measured(let t) = tumours.followUps[k].targets[i], t > 0 else { return nil }
                return (k, i, t)
            }
        }
        switch kind {
        case .recistWrongSum:
            let k = rng.pick(scans)
            let sum = tumours.followUps[k].sum
            self = .wrongSum(scan: k, written: sum >= 150 && rng.chance(0.5) ? sum - 100 : sum + 100)
        case .recistResponseContradiction:
            guard !stable.isEmpty else { return nil }
            self = .responseContradiction(scan: rng.pick(stable))
        case .recistMissingLesion:
            self = .missingLesion(scan: rng.pick(scans), lesion: rng.below(targets.count))
        case .recistNodeLongAxis:
            let nodes = measured.filter { targets[$0.lesion].isNode }
            guard !nodes.isEmpty else { return nil }
            let place = rng.pick(nodes)
            let long = (place.tenths + max(30, place.tenths * (3 + rng.below(5)) / 10)) / 10 * 10
            self = .nodeLongAxis(scan: place.scan, lesion: place.lesion, longAxis: long)
        case .recistUnknownLesion:
            self = .unknownLesion(scan: rng.pick(scans), tenths: 10 * rng.int(10...35))
        case .recistNonNumericDiameter:
            let large = measured.filter { $0.tenths >= 100 }
            guard !large.isEmpty else { return nil }
            let place = rng.pick(large)
            let t = place.tenths
            let text = t % 10 == 0 ? "\(t / 100).\(t / 10 % 10) cm" : "approx \(t / 10 + (t % 10 >= 5 ? 1 : 0))"
            self = .nonNumericDiameter(scan: place.scan, lesion: place.lesion, text: text)
        case .recistInvalidResponse:
            guard !stable.isEmpty else { return nil }
            self = .invalidResponse(scan: rng.pick(stable), field: rng.pick(["target_response", "overall_response"]),
                                    text: rng.pick(["Stable", "MR"]))
        case .recistMissingBaseline:
            self = .missingBaseline
        default:
            return nil
        }
    }
}

/// One subject's worksheet rows, with the planted error applied.
private struct Worksheet {
    let subjectID: String
    let tumours: TumourHistory
    let planted: PlantedRECISTError?

    private var missingBaseline: Bool {
        if case .missingBaseline = planted { return true }
        return false
    }

    /// Each lesion where it is first identified: the baseline lesions at Screening, new lesions where they appear.
    func lesionRows() -> SubjectRows {
        var rows = SubjectRows(columns: RECISTWorksheets.lesionColumns)
        let identified = missingBaseline ? tumours.followUps[0] : tumours.baseline
        for lesion in tumours.lesions { rows.append(fields(identified, lesion)) }
        if missingBaseline {
            rows.spoil(0, "event_name", with: identified.event, .recistMissingBaseline,
                       "no baseline (Screening) scan: the lesions are first identified at \(identified.event)")
        }
        for scan in tumours.followUps {
            for lesion in scan.newLesions { rows.append(fields(scan, lesion)) }
        }
        return rows
    }

    /// Each scan's target lesions, non-target and new lesions, then its sum of diameters.
    func measurementRows() -> SubjectRows {
        var rows = SubjectRows(columns: RECISTWorksheets.measurementColumns)
        let targets = tumours.targets, nonTargets = tumours.nonTargets
        for k in (missingBaseline ? 0 : -1)..<tumours.followUps.count {
            let scan = k < 0 ? tumours.baseline : tumours.followUps[k]
            let head = [subjectID, scan.event, SiteFormat.dmy(scan.date)]
            var missing: String?
            for (i, lesion) in targets.enumerated() {
                if case .missingLesion(k, i) = planted {
                    missing = lesion.id
                } else {
                    appendTarget(lesion, scan.targets[i], head: head, scan: k, index: i, to: &rows)
                }
            }
            for (j, lesion) in nonTargets.enumerated() {
                rows.append(head + [lesion.id, "Status", scan.nonTargets[j].rawValue, ""])
            }
            for lesion in scan.newLesions { rows.append(head + [lesion.id, "Status", LesionStatus.present.rawValue, ""]) }
            if case .unknownLesion(k, let tenths) = planted {
                let id = PlantedRECISTError.unknownLesionID
                rows.append(head + [id, "Longest diameter", millimetres(tenths), "mm"])
                rows.spoil(rows.count - 1, "lesion_id", with: id, .recistUnknownLesion,
                           "lesion \(id) is not identified in tumor_lesions.csv")
            }
            rows.append(head + ["", "Sum of diameters", millimetres(scan.sum), "mm"])
            if case .wrongSum(k, let written) = planted {
                rows.spoil(rows.count - 1, "result", with: millimetres(written), .recistWrongSum,
                           "sum of diameters written as \(millimetres(written)) mm; the targets add up to \(millimetres(scan.sum)) mm")
            }
            if let missing {
                rows.spoil(rows.count - 1, "lesion_id", with: "", .recistMissingLesion,
                           "target lesion \(missing) has no measurement at \(scan.event); the scan's sum row is kept")
            }
        }
        return rows
    }

    /// A target lesion's row: its longest diameter, or short axis for a node, unless an error is planted in it.
    private func appendTarget(_ lesion: TumourLesion, _ reading: TargetReading, head: [String], scan k: Int, index i: Int,
                              to rows: inout SubjectRows) {
        let axis = lesion.isNode ? "Short axis" : "Longest diameter"
        let size = millimetres(reading.tenths)
        switch planted {
        case .nodeLongAxis(k, i, let long):
            rows.append(head + [lesion.id, axis, millimetres(long), "mm"])
            rows.spoil(rows.count - 1, "measurement", with: "Longest diameter", .recistNodeLongAxis,
                       "target lymph node \(lesion.id) measured on its long axis (\(millimetres(long)) mm) "
                           + "instead of its short axis (\(size) mm)")
        case .nonNumericDiameter(k, i, let text):
            rows.append(head + [lesion.id, axis, size, "mm"])
            rows.spoil(rows.count - 1, "result", with: text, .recistNonNumericDiameter,
                       "diameter of \(lesion.id) written as \(text) instead of millimetres (\(size))")
        default:
            let tooSmall = reading == .tooSmallToMeasure
            rows.append(head + [lesion.id, axis, tooSmall ? "Too small to measure" : size, tooSmall ? "" : "mm"])
        }
    }

    /// The investigator's responses at each follow-up.
    func responseRows() -> SubjectRows {
        var rows = SubjectRows(columns: RECISTWorksheets.responseColumns)
        for (k, (scan, r)) in zip(tumours.followUps, tumours.responses).enumerated() {
            rows.append([subjectID, scan.event, SiteFormat.dmy(scan.date), r.target.rawValue, r.nonTarget?.rawValue ?? "",
                         r.newLesions ? "Yes" : "No", r.overall.rawValue])
            switch planted {
            case .responseContradiction(k):
                rows.spoil(k, "overall_response", with: TumourResponse.pr.rawValue, .recistResponseContradiction,
                           "overall_response PR contradicts the measurements, which give \(r.overall.rawValue)")
            case .invalidResponse(k, let field, let text):
                rows.spoil(k, field, with: text, .recistInvalidResponse,
                           "\(field) \(text) is not a RECIST response; the measurements give SD")
            default:
                break
            }
        }
        return rows
    }

    private func fields(_ scan: TumourScan, _ lesion: TumourLesion) -> [String] {
        [subjectID, scan.event, SiteFormat.dmy(scan.date), lesion.id, lesion.type.rawValue, lesion.organ, lesion.location,
         lesion.isNode ? "Y" : "N", lesion.method]
    }
}

/// Tenths of a millimetre as millimetres with at most one decimal: `21`, `21.4`.
func millimetres(_ tenths: Int) -> String {
    tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
}
