import SDTMModel

/// Every subject's RECIST worksheets read back from TU, TR and RS, with the raw line of each value so that the
/// engine's findings point at the worksheet to correct.
struct TumourWorksheets {
    var subjects: [SubjectTumourData] = []
    /// Problems found while reading, such as a node measured on its long axis or follow-ups without a baseline.
    var diagnostics: [Diagnostic] = []
    /// The raw lines, by the `key` of a subject, a visit (empty for the subject's TU records, `#TR` for its first TR
    /// record) and an item (a lesion, a test or a response; empty for the visit's or the subject's first record).
    private var origins: [UInt64: SourceLocation] = [:]
    /// A number for each subject id, visit and item met, so that origins are kept and found by integers: each
    /// distinct text of a column is numbered once, not hashed on every record.
    private var numbers: [String: Int] = ["": 0, "#TR": 1]

    /// Assessments are the TR records of one VISIT; the baseline is the latest on or before the first dose (for a
    /// subject never dosed, the first assessment).
    init(tu: Dataset, tr: Dataset, rs: Dataset?, firstDose: [String: CivilDate]) {
        // At most two origins per TU and TR record and one per RS record: sized once, not grown by rehashing.
        origins.reserveCapacity(2 * tu.count + 2 * tr.count + (rs?.count ?? 0))
        let lesions = lesions(tu)
        /// Each subject's assessments by visit, and its visits in the order they came, by number.
        var assessments: [Int: [Int: Assessment]] = [:]
        var visitOrder: [Int: [Int]] = [:]
        let subject = TextColumn(tr, "USUBJID"), visit = TextColumn(tr, "VISIT"), link = TextColumn(tr, "TRLNKID")
        let test = TextColumn(tr, "TRTESTCD"), dtc = TextColumn(tr, "TRDTC")
        let subjects = number(subject), visits = number(visit), links = number(link), tests = number(test)
        let dates = dtc.texts.map { ISODateTime(iso: $0)?.date }
        let results = (text: TextColumn(tr, "TRSTRESC"), number: NumberColumn(tr, "TRSTRESN"))
        for i in 0..<tr.count {
            let s = subjects[subject.codes[i]], v = visits[visit.codes[i]], testcd = test[i], linkID = link[i]
            let origin = tr.origins[i]
            guard let date = dates[dtc.codes[i]] else {
                diagnostics.append(Diagnostic(
                    .error, "recist.assessment-date", at: origin,
                    "\(subject[i]) \(visit[i]): a tumour measurement without a complete scan date ('\(dtc[i])') is in no assessment",
                    hint: "ask the site for the scan date"))
                continue
            }
            if assessments[s]?[v] == nil {
                origins[Self.key(s, v, 0)] = origin
                assessments[s, default: [:]][v] = Assessment(visit: visit[i], date: date, observations: [])
                visitOrder[s, default: []].append(v)
            }
            origins[Self.key(s, v, linkID.isEmpty ? tests[test.codes[i]] : links[link.codes[i]])] = origin
            if let at = origin, at.line < origins[Self.key(s, 1, 0)]?.line ?? .max { origins[Self.key(s, 1, 0)] = at }
            if testcd == "SUMDIAM" {
                assessments[s]![v]!.recorded.sumOfDiameters = results.number[i].flatMap { Diameter(mm: $0) }
                continue
            }
            guard !linkID.isEmpty else { continue }
            let lesion = lesions[s]?.first { $0.id == linkID }
            if lesion?.isLymphNode == true, lesion?.role == .target, testcd == "LDIAM" {
                diagnostics.append(Diagnostic(
                    .error, "recist.node-long-axis", at: origin,
                    "\(subject[i]) \(visit[i]): lymph node \(linkID) is measured on its longest diameter (LDIAM)",
                    hint: "RECIST 1.1 measures a target node on its short axis: ask the site for it (TRTESTCD LPERP)"))
            }
            assessments[s]![v]!.observations.append(LesionObservation(linkID, Self.observation(testcd, results.text[i], results.number[i])))
        }
        for (subject, visit, origin) in newLesions(tu) {
            guard let s = numbers[subject], let v = numbers[visit], assessments[s]?[v] != nil else {
                diagnostics.append(Diagnostic(
                    .error, "recist.unmatched-new-lesion", at: origin,
                    "\(subject) \(visit): a new lesion is identified at a visit with no tumour measurements",
                    hint: "check the visit of the new lesion, or ask the site for that scan's measurements"))
                continue
            }
            assessments[s]![v]!.newLesions = .unequivocal
        }
        if let rs { diagnostics += recordResponses(rs, into: &assessments) }

        let names = Dictionary(numbers.map { ($1, $0) }) { first, _ in first }
        for s in assessments.keys.sorted(by: { names[$0]! < names[$1]! }) {
            let subject = names[s]!
            let visits = visitOrder[s]!.map { assessments[s]![$0]! }
            // An untreated subject has no response to derive; the earliest scan stands as baseline for the checks.
            let candidates = firstDose[subject].map { dose in visits.filter { $0.date <= dose } } ?? Array(visits.prefix(1))
            guard let baseline = candidates.max(by: { $0.date < $1.date }) else {
                diagnostics.append(Diagnostic(
                    .error, "recist.missing-baseline", at: origins[Self.key(s, 0, 0)] ?? origins[Self.key(s, 1, 0)],
                    "\(subject) has tumour assessments but none on or before the first dose: responses cannot be derived",
                    hint: "ask the site for the baseline (screening) scan's worksheet; the subject's responses are NE"))
                continue
            }
            self.subjects.append(SubjectTumourData(subject: subject, lesions: lesions[s] ?? [], baseline: baseline,
                                                   followUps: visits.filter { $0.date > baseline.date }))
        }
    }

    /// The raw line behind a finding: the RS response, the TR measurement or sum, else the visit's first TR row,
    /// else the lesion's TU record, else the subject's first TU record.
    func origin(subject: String, visit: String?, item: String?) -> SourceLocation? {
        guard let s = numbers[subject] else { return nil }
        func at(_ visit: String, _ item: String) -> SourceLocation? {
            guard let v = numbers[visit], let i = numbers[item] else { return nil }
            return origins[Self.key(s, v, i)]
        }
        if let visit, let item, let found = at(visit, item) { return found }
        if let visit, let found = at(visit, "") { return found }
        if let item, let found = at("", item) { return found }
        return at("", "")
    }

    /// The numbers of a subject, a visit and an item packed into one integer (21 bits each).
    private static func key(_ subject: Int, _ visit: Int, _ item: Int) -> UInt64 {
        UInt64(subject) << 42 | UInt64(visit) << 21 | UInt64(item)
    }

    /// The number of each distinct text of a column, by code; texts not met before are numbered.
    private mutating func number(_ column: TextColumn) -> [Int] {
        column.texts.map { text in
            if let known = numbers[text] { return known }
            precondition(numbers.count < 1 << 21, "more subjects, visits and items than an origin key holds")
            numbers[text] = numbers.count
            return numbers.count - 1
        }
    }

    /// Each subject's lesions (TU), by subject number; the origin of each lesion and of the subject's first TU record.
    private mutating func lesions(_ tu: Dataset) -> [Int: [Lesion]] {
        let subject = TextColumn(tu, "USUBJID"), id = TextColumn(tu, "TULNKID"), result = TextColumn(tu, "TUORRES")
        let location = TextColumn(tu, "TULOC"), method = TextColumn(tu, "TUMETHOD")
        let subjects = number(subject), ids = number(id)
        var out: [Int: [Lesion]] = [:]
        for i in 0..<tu.count {
            guard let role = LesionRole(rawValue: result[i]) else { continue }
            let s = subjects[subject.codes[i]], organ = location[i], origin = tu.origins[i]
            out[s, default: []].append(Lesion(id: id[i], subject: subject[i], organ: organ, role: role,
                                              isLymphNode: organ == "LYMPH NODE", method: method[i]))
            origins[Self.key(s, 0, ids[id.codes[i]])] = origin
            if let at = origin, at.line < origins[Self.key(s, 0, 0)]?.line ?? .max { origins[Self.key(s, 0, 0)] = at }
        }
        return out
    }

    /// The new lesions TU identifies: subject, visit and raw line.
    private func newLesions(_ tu: Dataset) -> [(subject: String, visit: String, origin: SourceLocation?)] {
        let subject = TextColumn(tu, "USUBJID"), result = TextColumn(tu, "TUORRES"), visit = TextColumn(tu, "VISIT")
        return (0..<tu.count).filter { result[$0] == LesionRole.new.rawValue }.map { (subject[$0], visit[$0], tu.origins[$0]) }
    }

    private static func observation(_ test: String, _ result: String, _ number: Double?) -> Observation {
        switch test {
        case "LDIAM", "LPERP":
            if let mm = number, let d = Diameter(mm: mm) { return .measured(d) }
            return result == "TOO SMALL TO MEASURE" ? .tooSmallToMeasure : .notAssessed
        default:
            switch result {
            case "PRESENT": return .present
            case "ABSENT": return .absent
            case "UNEQUIVOCAL", "UNEQUIVOCAL PROGRESSION": return .unequivocalProgression
            default: return .notAssessed
            }
        }
    }

    /// The investigator's target, non-target and overall responses (RS) on the assessment of the same VISIT; a value
    /// RECIST 1.1 does not use (`MR` is in the CDISC codelist but not in RECIST) is a finding.
    private mutating func recordResponses(_ rs: Dataset, into assessments: inout [Int: [Int: Assessment]]) -> [Diagnostic] {
        let subject = TextColumn(rs, "USUBJID"), test = TextColumn(rs, "RSTESTCD"), result = TextColumn(rs, "RSSTRESC")
        let visit = TextColumn(rs, "VISIT")
        let subjects = number(subject), visits = number(visit), tests = number(test)
        var diagnostics: [Diagnostic] = []
        for i in 0..<rs.count {
            let s = subjects[subject.codes[i]], v = visits[visit.codes[i]], testcd = test[i], origin = rs.origins[i]
            origins[Self.key(s, v, tests[test.codes[i]])] = origin
            let value = result[i]
            let allowed: [String]
            switch testcd {
            case "TRGRESP": allowed = TargetResponse.allCases.map(\.rawValue)
            case "NTRGRESP": allowed = NonTargetResponse.allCases.map(\.rawValue)
            case "OVRLRESP": allowed = OverallResponse.allCases.map(\.rawValue)
            default: continue
            }
            if !value.isEmpty, !allowed.contains(value) {
                diagnostics.append(Diagnostic(
                    .error, "recist.response-value", at: origin, "\(subject[i]) \(visit[i]): \(testcd) '\(value)' is not a RECIST 1.1 response",
                    hint: "use one of \(allowed.joined(separator: ", ")); ask the site which was meant"))
            }
            guard assessments[s]?[v] != nil else {
                diagnostics.append(Diagnostic(
                    .error, "recist.unmatched-response", at: origin,
                    "\(subject[i]) \(visit[i]): the investigator's \(testcd) is for a visit with no tumour measurements",
                    hint: "check the visit of the response, or ask the site for that scan's measurements"))
                continue
            }
            switch testcd {
            case "TRGRESP": assessments[s]![v]!.recorded.target = TargetResponse(rawValue: value)
            case "NTRGRESP": assessments[s]![v]!.recorded.nonTarget = NonTargetResponse(rawValue: value)
            default: assessments[s]![v]!.recorded.overall = OverallResponse(rawValue: value)
            }
        }
        return diagnostics
    }
}

/// A numeric variable down a dataset: nil where a record's value is not a number.
private struct NumberColumn {
    let codes: [UInt32]
    let numbers: [Double?]

    init(_ dataset: Dataset, _ name: String) {
        guard let c = dataset.column(ifPresent: name) else {
            (codes, numbers) = (Array(repeating: 0, count: dataset.count), [nil])
            return
        }
        codes = dataset.columns[c].codes
        numbers = dataset.columns[c].distinct.map { if case .number(let n) = $0 { n } else { nil } }
    }

    subscript(record: Int) -> Double? { numbers[Int(codes[record])] }
}
