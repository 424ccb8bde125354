import SDTMModel

/// `end_of_study.csv`: end of treatment and of study, one row per screened subject.
struct EndOfStudyForm: SiteFormWriter {
    static let columns = ["subject_id", "eot_date", "eot_reason", "eos_date", "eos_reason", "death_date",
                          "last_contact_date"]

    let file: FormFile

    init(directory: String) throws {
        file = try FormFile(directory: directory, form: .endOfStudy, columns: EndOfStudyForm.columns)
    }

    func rows(for h: SubjectHistory) -> SubjectRows {
        var rows = SubjectRows(columns: EndOfStudyForm.columns)
        let end = h.end
        rows.append([
            h.subjectID, end.treatmentEnd.map(SiteFormat.dmy) ?? "", end.treatmentEndReason?.rawValue ?? "",
            end.studyEnd.map(SiteFormat.dmy) ?? "", end.studyEndReason.rawValue, end.death.map(SiteFormat.date) ?? "",
            SiteFormat.dmy(end.lastContact),
        ])
        return rows
    }

    func apply(_ kind: DirtKind, to rows: inout SubjectRows, history: SubjectHistory, rng: inout RandomSource) -> Bool {
        guard history.isEnrolled, let row = rows.pickRow(&rng) else { return false }
        let end = history.end
        switch kind {
        case .dateMDY:
            var choices: [(String, CivilDate)] = [("last_contact_date", end.lastContact)]
            if let eot = end.treatmentEnd { choices.append(("eot_date", eot)) }
            if let eos = end.studyEnd { choices.append(("eos_date", eos)) }
            let (field, date) = rng.pick(choices)
            rows.spoil(row, field, with: SiteFormat.mdy(date), .dateMDY, "\(field) printed as MM/DD/YYYY")
        case .straySpace:
            let field = end.treatmentEndReason != nil && rng.chance(0.5) ? "eot_reason" : "eos_reason"
            rows.addStraySpace(row, field, &rng)
        default:
            return false
        }
        return true
    }
}
