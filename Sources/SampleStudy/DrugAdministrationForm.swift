/// `drug_administration.csv`: one row per drug on day 1 of each cycle.
struct DrugAdministrationForm: SiteFormWriter {
    static let columns = ["subject_id", "event_name", "drug", "dose", "dose_unit", "route", "infusion_date",
                          "start_time", "end_time", "administered", "not_given_reason"]

    let file: FormFile
    let treatments: [SampleDesign.Treatment]
    /// A code the data dictionary does not list.
    let unknownCode: String

    init(directory: String, design: SampleDesign) throws {
        file = try FormFile(directory: directory, form: .drugAdministration, columns: DrugAdministrationForm.columns)
        treatments = design.treatments
        var n = design.treatments.count + 1
        while design.treatments.contains(where: { $0.code == String(n) }) { n += 1 }
        unknownCode = String(n)
    }

    func rows(for h: SubjectHistory) -> SubjectRows {
        var rows = SubjectRows(columns: DrugAdministrationForm.columns)
        guard let course = h.course else { return rows }
        for visit in course.visits {
            let event = "Cycle \(visit.cycle) Day 1"
            let date = SiteFormat.dmy(visit.date)
            for (t, dose) in zip(treatments, visit.doses) {
                rows.append([
                    h.subjectID, event, t.code,
                    dose.given ? SiteFormat.dose(t.dose, withDecimal: dose.printedWithDecimal) : "",
                    t.unit, "IV", date,
                    dose.given ? SiteFormat.time(dose.start) : "", dose.given ? SiteFormat.time(dose.end) : "",
                    YesNo(dose.given).code, dose.notGivenReason,
                ])
            }
        }
        return rows
    }

    func apply(_ kind: DirtKind, to rows: inout SubjectRows, history: SubjectHistory, rng: inout RandomSource) -> Bool {
        guard let course = history.course else { return false }
        let perVisit = treatments.count
        let given = { (row: Int) in rows.value(row, "administered") == YesNo.yes.code }
        switch kind {
        case .dateMDY, .dateISO:
            guard let row = rows.pickRow(&rng) else { return false }
            let date = course.visits[row / perVisit].date
            let mdy = kind == .dateMDY
            rows.spoil(row, "infusion_date", with: mdy ? SiteFormat.mdy(date) : SiteFormat.iso(date), kind,
                       "infusion_date printed as \(mdy ? "MM/DD/YYYY" : "YYYY-MM-DD")")
        case .straySpace:
            guard let row = rows.pickRow(&rng, where: given) else { return false }
            rows.addStraySpace(row, rng.pick(["drug", "dose", "route"]), &rng)
        case .blankLine:
            guard rows.count > 0 else { return false }
            rows.blankLine(after: rng.below(rows.count))
        case .duplicateRow:
            guard let row = rows.pickRow(&rng) else { return false }
            rows.duplicate(row)
        case .unknownDrugCode:
            guard let row = rows.pickRow(&rng, where: given) else { return false }
            rows.spoil(row, "drug", with: unknownCode, .unknownDrugCode,
                       "drug code \(unknownCode) is not in the data dictionary")
        default:
            return false
        }
        return true
    }
}
