/// `enrollment.csv`: one row per screened subject.
struct EnrollmentForm: SiteFormWriter {
    static let columns = ["subject_id", "site_id", "consent_date", "birth_date", "age", "sex", "race", "ethnicity",
                          "cohort", "eligible", "enrollment_date"]

    let file: FormFile
    let siteID: String

    init(directory: String, design: SampleDesign) throws {
        file = try FormFile(directory: directory, form: .enrollment, columns: EnrollmentForm.columns)
        siteID = design.siteID
    }

    func rows(for h: SubjectHistory) -> SubjectRows {
        var rows = SubjectRows(columns: EnrollmentForm.columns)
        rows.append([
            h.subjectID, siteID, SiteFormat.dmy(h.consent), SiteFormat.date(h.birth), String(h.age), h.sex.code,
            h.race.code, h.ethnicity.code, h.course?.cohort.code ?? "", YesNo(h.isEnrolled).code,
            h.course.map { SiteFormat.dmy($0.enrollment) } ?? "",
        ])
        return rows
    }

    func apply(_ kind: DirtKind, to rows: inout SubjectRows, history: SubjectHistory, rng: inout RandomSource) -> Bool {
        guard let row = rows.pickRow(&rng) else { return false }
        switch kind {
        case .straySpace:
            rows.addStraySpace(row, rng.pick(["age", "race", "ethnicity", "cohort"]), &rng)
        case .dateISO:
            let useConsent = history.course == nil || rng.chance(0.5)
            let field = useConsent ? "consent_date" : "enrollment_date"
            let date = useConsent ? history.consent : history.course!.enrollment
            rows.spoil(row, field, with: SiteFormat.iso(date), .dateISO, "\(field) printed as YYYY-MM-DD")
        case .invalidSexCode:
            rows.spoil(row, "sex", with: "7", .invalidSexCode, "sex code 7 is not in the data dictionary")
        default:
            return false
        }
        return true
    }
}
