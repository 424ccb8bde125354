/// `adverse_events.csv`: one row per AE, numbered per subject.
struct AdverseEventForm: SiteFormWriter {
    let file: FormFile
    let columns: [String]
    private let siteID: String
    private let idWidth: Int
    private var unknownSubjects = 0

    init(directory: String, design: SampleDesign, idWidth: Int) throws {
        let slugs = design.treatments.map(\.columnSlug)
        columns = ["subject_id", "ae_number", "ae_term", "ae_pt", "ae_soc", "ae_start_date", "ae_end_date", "ongoing",
                   "grade", "serious"]
            + SeriousCriterion.allCases.map(\.column)
            + slugs.map { "rel_" + $0 } + slugs.map { "action_" + $0 }
            + ["outcome"]
        file = try FormFile(directory: directory, form: .adverseEvents, columns: columns)
        siteID = design.siteID
        self.idWidth = idWidth
    }

    func rows(for h: SubjectHistory) -> SubjectRows {
        var rows = SubjectRows(columns: columns)
        guard let course = h.course else { return rows }
        for ae in course.adverseEvents {
            let term = ae.catalogTerm
            rows.append(
                [h.subjectID, String(ae.number), ae.verbatim, term.preferredTerm, term.systemOrganClass,
                 SiteFormat.date(ae.start), ae.end.map(SiteFormat.date) ?? "", YesNo(ae.ongoing).code, ae.grade.code,
                 YesNo(ae.serious).code]
                    + SeriousCriterion.allCases.map { ae.criteria.contains($0) ? $0.code : "" }
                    + ae.relationships.map(\.code) + ae.actions.map(\.code)
                    + [ae.outcome.code])
        }
        return rows
    }

    mutating func apply(_ kind: DirtKind, to rows: inout SubjectRows, history: SubjectHistory,
                        rng: inout RandomSource) -> Bool {
        guard let events = history.course?.adverseEvents, !events.isEmpty else { return false }
        switch kind {
        case .straySpace:
            guard let row = rows.pickRow(&rng) else { return false }
            rows.addStraySpace(row, rng.pick(["ae_term", "ae_term", "grade", "outcome"]), &rng)
        case .caseVariation:
            guard let row = rows.pickRow(&rng) else { return false }
            let term = rows.value(row, "ae_term")
            let varied = term.lowercased() != term ? term.lowercased() : term.uppercased()
            rows.spoil(row, "ae_term", with: varied, .caseVariation, "ae_term typed in a different case")
        case .dateMDY, .dateISO:
            let complete = { (row: Int) in events[row].start.precision == .day }
            guard let row = rows.pickRow(&rng, where: complete) else { return false }
            let ae = events[row]
            let useEnd = ae.end?.precision == .day && rng.chance(0.3)
            let field = useEnd ? "ae_end_date" : "ae_start_date"
            let date = useEnd ? ae.end!.date : ae.start.date
            let mdy = kind == .dateMDY
            rows.spoil(row, field, with: mdy ? SiteFormat.mdy(date) : SiteFormat.iso(date), kind,
                       "\(field) printed as \(mdy ? "MM/DD/YYYY" : "YYYY-MM-DD")")
        case .blankLine:
            rows.blankLine(after: rng.below(rows.count))
        case .duplicateRow:
            guard let row = rows.pickRow(&rng) else { return false }
            rows.duplicate(row)
        case .impossibleDate:
            let shortMonth = { (row: Int) in
                events[row].start.precision == .day && [2, 4, 6, 9, 11].contains(events[row].start.date.month)
            }
            guard let row = rows.pickRow(&rng, where: shortMonth) else { return false }
            let date = events[row].start.date
            let day = date.month == 2 ? 30 : 31
            let text = "\(day)-\(SiteFormat.months[date.month - 1])-\(date.year)"
            rows.spoil(row, "ae_start_date", with: text, .impossibleDate, "ae_start_date \(text) does not exist")
        case .unknownSubject:
            guard let row = rows.pickRow(&rng) else { return false }
            var limit = 1
            for _ in 0..<idWidth { limit *= 10 }
            let id = siteID + "-" + SiteFormat.digits(limit - 1 - unknownSubjects, idWidth)
            unknownSubjects += 1
            var fields = rows.rows[row].fields
            fields[rows.column("subject_id")] = id
            fields[rows.column("ae_number")] = "1"
            rows.appendTrailing(OutputRow(fields: fields, issue: PendingIssue(
                kind: .unknownSubject, field: "subject_id", value: id, description: "subject \(id) is not enrolled")))
        case .textGrade:
            guard let row = rows.pickRow(&rng, where: { events[$0].grade == .severe }) else { return false }
            rows.spoil(row, "grade", with: "G3", .textGrade, "grade typed as text G3")
        default:
            return false
        }
        return true
    }
}
