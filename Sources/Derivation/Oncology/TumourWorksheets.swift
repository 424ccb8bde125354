import SDTMModel

/// Every subject's RECIST worksheets read back from TU, TR and RS, with the raw line of each value so that the
/// engine's findings point at the worksheet to correct.
struct TumourWorksheets {
    var subjects: [SubjectTumourData] = []
    /// Problems found while reading, such as a node measured on its long axis or follow-ups without a baseline.
    var diagnostics: [Diagnostic] = []
    private var origins: [OriginKey: SourceLocation] = [:]

    /// Assessments are the TR records of one VISIT; the baseline is the latest on or before the first dose (for a
    /// subject never dosed, the first assessment).
    init(tu: Dataset, tr: Dataset, rs: Dataset?, firstDose: [String: CivilDate]) {
        // At most two origins per TU and TR record and one per RS record: sized once, not grown by rehashing.
        origins.reserveCapacity(2 * tu.count + 2 * tr.count + (rs?.count ?? 0))
        let lesions = Self.lesions(tu, origins: &origins)
        var assessments: [String: [String: Assessment]] = [:]
        var visitOrder: [String: [String]] = [:]
        let t = Columns(tr, ["USUBJID", "TRLNKID", "TRTESTCD", "TRORRES", "TRSTRESC", "TRSTRESN", "VISIT", "TRDTC"])
        for record in tr.rows {
            let subject = t.text(record, "USUBJID"), visit = t.text(record, "VISIT"), link = t.text(record, "TRLNKID")
            let test = t.text(record, "TRTESTCD")
            guard let date = ISODateTime(iso: t.text(record, "TRDTC"))?.date else {
                diagnostics.append(Diagnostic(
                    .error, "recist.assessment-date", at: record.origin,
                    "\(subject) \(visit): a tumour measurement without a complete scan date ('\(t.text(record, "TRDTC"))') is in no assessment",
                    hint: "ask the site for the scan date"))
                continue
            }
            if assessments[subject]?[visit] == nil {
                origins[Self.key(subject, visit, "")] = record.origin
                assessments[subject, default: [:]][visit] = Assessment(visit: visit, date: date, observations: [])
                visitOrder[subject, default: []].append(visit)
            }
            origins[Self.key(subject, visit, link.isEmpty ? test : link)] = record.origin
            if let at = record.origin, at.line < origins[Self.key(subject, "#TR", "")]?.line ?? .max {
                origins[Self.key(subject, "#TR", "")] = at
            }
            if test == "SUMDIAM" {
                assessments[subject]![visit]!.recorded.sumOfDiameters = t.number(record, "TRSTRESN").flatMap { Diameter(mm: $0) }
                continue
            }
            guard !link.isEmpty else { continue }
            let lesion = lesions[subject]?.first { $0.id == link }
            if lesion?.isLymphNode == true, lesion?.role == .target, test == "LDIAM" {
                diagnostics.append(Diagnostic(
                    .error, "recist.node-long-axis", at: record.origin,
                    "\(subject) \(visit): lymph node \(link) is measured on its longest diameter (LDIAM)",
                    hint: "RECIST 1.1 measures a target node on its short axis: ask the site for it (TRTESTCD LPERP)"))
            }
            assessments[subject]![visit]!.observations.append(LesionObservation(link, Self.observation(record, t)))
        }
        for (subject, visit, origin) in Self.newLesions(tu) {
            guard assessments[subject]?[visit] != nil else {
                diagnostics.append(Diagnostic(
                    .error, "recist.unmatched-new-lesion", at: origin,
                    "\(subject) \(visit): a new lesion is identified at a visit with no tumour measurements",
                    hint: "check the visit of the new lesion, or ask the site for that scan's measurements"))
                continue
            }
            assessments[subject]![visit]!.newLesions = .unequivocal
        }
        if let rs { diagnostics += Self.recordResponses(rs, into: &assessments, origins: &origins) }

        for subject in assessments.keys.sorted() {
            let visits = visitOrder[subject]!.map { assessments[subject]![$0]! }
            // An untreated subject has no response to derive; the earliest scan stands as baseline for the checks.
            let candidates = firstDose[subject].map { dose in visits.filter { $0.date <= dose } } ?? Array(visits.prefix(1))
            guard let baseline = candidates.max(by: { $0.date < $1.date }) else {
                diagnostics.append(Diagnostic(
                    .error, "recist.missing-baseline",
                    at: origins[Self.key(subject, "", "")] ?? origins[Self.key(subject, "#TR", "")],
                    "\(subject) has tumour assessments but none on or before the first dose: responses cannot be derived",
                    hint: "ask the site for the baseline (screening) scan's worksheet; the subject's responses are NE"))
                continue
            }
            subjects.append(SubjectTumourData(subject: subject, lesions: lesions[subject] ?? [], baseline: baseline,
                                              followUps: visits.filter { $0.date > baseline.date }))
        }
    }

    /// The raw line behind a finding: the RS response, the TR measurement or sum, else the visit's first TR row,
    /// else the lesion's TU record, else the subject's first TU record.
    func origin(subject: String, visit: String?, item: String?) -> SourceLocation? {
        if let visit, let item, let at = origins[Self.key(subject, visit, item)] { return at }
        if let visit, let at = origins[Self.key(subject, visit, "")] { return at }
        if let item, let at = origins[Self.key(subject, "", item)] { return at }
        return origins[Self.key(subject, "", "")]
    }

    /// What an origin is kept under: a subject, a visit (empty for the subject's TU records) and an item (a lesion,
    /// a test or a response; empty for the visit's or the subject's first record).
    private struct OriginKey: Hashable {
        var subject, visit, item: String
    }

    private static func key(_ subject: String, _ visit: String, _ item: String) -> OriginKey {
        OriginKey(subject: subject, visit: visit, item: item)
    }

    private static func lesions(_ tu: Dataset, origins: inout [OriginKey: SourceLocation]) -> [String: [Lesion]] {
        let c = Columns(tu, ["USUBJID", "TULNKID", "TUORRES", "TULOC", "TUMETHOD"])
        var out: [String: [Lesion]] = [:]
        for record in tu.rows {
            let subject = c.text(record, "USUBJID"), id = c.text(record, "TULNKID")
            guard let role = LesionRole(rawValue: c.text(record, "TUORRES")) else { continue }
            let organ = c.text(record, "TULOC")
            out[subject, default: []].append(Lesion(id: id, subject: subject, organ: organ, role: role,
                                                    isLymphNode: organ == "LYMPH NODE", method: c.text(record, "TUMETHOD")))
            origins[key(subject, "", id)] = record.origin
            if let at = record.origin, at.line < origins[key(subject, "", "")]?.line ?? .max { origins[key(subject, "", "")] = at }
        }
        return out
    }

    /// The new lesions TU identifies: subject, visit and raw line.
    private static func newLesions(_ tu: Dataset) -> [(subject: String, visit: String, origin: SourceLocation?)] {
        let c = Columns(tu, ["USUBJID", "TUORRES", "VISIT"])
        return tu.rows.filter { c.text($0, "TUORRES") == LesionRole.new.rawValue }.map {
            (c.text($0, "USUBJID"), c.text($0, "VISIT"), $0.origin)
        }
    }

    private static func observation(_ record: Dataset.Row, _ t: Columns) -> Observation {
        switch t.text(record, "TRTESTCD") {
        case "LDIAM", "LPERP":
            if let mm = t.number(record, "TRSTRESN"), let d = Diameter(mm: mm) { return .measured(d) }
            return t.text(record, "TRSTRESC") == "TOO SMALL TO MEASURE" ? .tooSmallToMeasure : .notAssessed
        default:
            switch t.text(record, "TRSTRESC") {
            case "PRESENT": return .present
            case "ABSENT": return .absent
            case "UNEQUIVOCAL", "UNEQUIVOCAL PROGRESSION": return .unequivocalProgression
            default: return .notAssessed
            }
        }
    }

    /// The investigator's target, non-target and overall responses (RS) on the assessment of the same VISIT; a value
    /// RECIST 1.1 does not use (`MR` is in the CDISC codelist but not in RECIST) is a finding.
    private static func recordResponses(_ rs: Dataset, into assessments: inout [String: [String: Assessment]],
                                        origins: inout [OriginKey: SourceLocation]) -> [Diagnostic] {
        let c = Columns(rs, ["USUBJID", "RSTESTCD", "RSSTRESC", "VISIT"])
        var diagnostics: [Diagnostic] = []
        for record in rs.rows {
            let subject = c.text(record, "USUBJID"), visit = c.text(record, "VISIT"), test = c.text(record, "RSTESTCD")
            origins[key(subject, visit, test)] = record.origin
            let value = c.text(record, "RSSTRESC")
            let allowed: [String]
            switch test {
            case "TRGRESP": allowed = TargetResponse.allCases.map(\.rawValue)
            case "NTRGRESP": allowed = NonTargetResponse.allCases.map(\.rawValue)
            case "OVRLRESP": allowed = OverallResponse.allCases.map(\.rawValue)
            default: continue
            }
            if !value.isEmpty, !allowed.contains(value) {
                diagnostics.append(Diagnostic(
                    .error, "recist.response-value", at: record.origin, "\(subject) \(visit): \(test) '\(value)' is not a RECIST 1.1 response",
                    hint: "use one of \(allowed.joined(separator: ", ")); ask the site which was meant"))
            }
            guard assessments[subject]?[visit] != nil else {
                diagnostics.append(Diagnostic(
                    .error, "recist.unmatched-response", at: record.origin,
                    "\(subject) \(visit): the investigator's \(test) is for a visit with no tumour measurements",
                    hint: "check the visit of the response, or ask the site for that scan's measurements"))
                continue
            }
            switch test {
            case "TRGRESP": assessments[subject]![visit]!.recorded.target = TargetResponse(rawValue: value)
            case "NTRGRESP": assessments[subject]![visit]!.recorded.nonTarget = NonTargetResponse(rawValue: value)
            default: assessments[subject]![visit]!.recorded.overall = OverallResponse(rawValue: value)
            }
        }
        return diagnostics
    }
}

/// Column positions of the variables read, nil for those a dataset lacks (read as empty).
struct Columns {
    /// Found by comparing names, not by hashing them: a handful of short names, read on every record.
    private var positions: [(name: String, index: Int?)] = []

    init(_ dataset: Dataset, _ names: [String]) {
        positions = names.map { ($0, dataset.column(ifPresent: $0)) }
    }

    private func position(_ name: String) -> Int? { positions.first { $0.name == name }?.index ?? nil }

    func text(_ record: Dataset.Row, _ name: String) -> String { position(name).map { record[$0].text } ?? "" }

    func number(_ record: Dataset.Row, _ name: String) -> Double? {
        guard let i = position(name), case .number(let n) = record[i] else { return nil }
        return n
    }
}
