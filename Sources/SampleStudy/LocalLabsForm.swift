/// `local_labs.csv`: one row per test per draw, as the local lab printed it.
struct LocalLabsForm: SiteFormWriter {
    static let columns = ["subject_id", "event_name", "collection_date", "collection_time", "lab_category", "test_name",
                          "result", "unit", "normal_low", "normal_high", "not_done", "reason_not_done"]

    let file: FormFile

    init(directory: String) throws {
        file = try FormFile(directory: directory, form: .localLabs, columns: LocalLabsForm.columns)
    }

    func rows(for h: SubjectHistory) -> SubjectRows {
        var rows = SubjectRows(columns: LocalLabsForm.columns)
        let methods = LabCatalog.methods[h.measurements.lab.rawValue]
        for draw in h.measurements.draws {
            let event = draw.event.name, date = SiteFormat.dmy(draw.date), time = SiteFormat.time(draw.time)
            for r in draw.results {
                let category = r.test.category.rawValue, name = r.test.siteName
                if r.isDone {
                    let method = methods[r.test.rawValue], range = method.range(h.sex)
                    rows.append([h.subjectID, event, date, time, category, name, method.result(r.value), method.unit,
                                 range.low, range.high, "", ""])
                } else {
                    rows.append([h.subjectID, event, date, time, category, name, "", "", "", "", "1", r.notDoneReason])
                }
            }
        }
        return rows
    }

    /// The row of the screening result of `test` among the subject's rows; its draw comes first and is never spoiled.
    static func screeningRow(of test: LabTest, in m: Measurements) -> Int? {
        guard let draw = m.draws.first, draw.event == .screening else { return nil }
        return draw.results.firstIndex { $0.test == test }
    }

    /// Defects go on rows of cycle visits only, so no screening value that eligibility reads is touched.
    func apply(_ kind: DirtKind, to rows: inout SubjectRows, history: SubjectHistory, rng: inout RandomSource) -> Bool {
        func numeric(_ row: Int, _ tests: LabTest...) -> Bool {
            rows.value(row, "event_name").hasPrefix("Cycle") && tests.contains { rows.value(row, "test_name") == $0.siteName }
                && Double(rows.value(row, "result")) != nil
        }
        switch kind {
        case .unknownLabTest:
            guard let row = rows.pickRow(&rng, where: { numeric($0, .glucose) }) else { return false }
            var fields = rows.rows[row].fields
            fields[rows.column("test_name")] = "Ferritin"
            fields[rows.column("result")] = LabFormat.fixed(Double(rng.int(25...900)), 0)
            fields[rows.column("unit")] = "ng/mL"
            fields[rows.column("normal_low")] = "30"
            fields[rows.column("normal_high")] = "400"
            rows.insert(OutputRow(fields: fields, issue: PendingIssue(
                kind: .unknownLabTest, field: "test_name", value: "Ferritin",
                description: "test Ferritin is not one of the study's lab tests")), after: row)
        case .unknownLabUnit:
            guard let row = rows.pickRow(&rng, where: { numeric($0, .bilirubin) && rows.value($0, "unit").hasPrefix("mg/d") })
            else { return false }
            for name in ["result", "normal_low", "normal_high"] {
                if let value = Double(rows.value(row, name)) { rows.rewrite(row, name, with: LabFormat.fixed(value * 10, 0)) }
            }
            rows.spoil(row, "unit", with: "mg/L", .unknownLabUnit, "unit mg/L has no conversion for Total Bilirubin")
        case .nonNumericLabResult:
            guard let row = rows.pickRow(&rng, where: { numeric($0, .potassium) }) else { return false }
            let text = rng.chance(0.5) ? "hemolysed" : "see comment"
            rows.spoil(row, "result", with: text, .nonNumericLabResult, "result '\(text)' is not a number")
        case .unparseableRange:
            guard let row = rows.pickRow(&rng, where: { numeric($0, .ast, .alt, .alp) }) else { return false }
            let text: String
            if rng.chance(0.5) {
                text = "N/A"
            } else {
                text = rows.value(row, "normal_low") + "-" + rows.value(row, "normal_high")
                rows.rewrite(row, "normal_low", with: "")
            }
            rows.spoil(row, "normal_high", with: text, .unparseableRange, "normal_high '\(text)' is not a number")
        default:
            return false
        }
        return true
    }
}

/// `vital_signs.csv`: body weight at screening and on day 1 of each cycle.
struct VitalSignsForm: SiteFormWriter {
    static let columns = ["subject_id", "event_name", "assessment_date", "weight", "weight_unit"]

    let file: FormFile

    init(directory: String) throws {
        file = try FormFile(directory: directory, form: .vitalSigns, columns: VitalSignsForm.columns)
    }

    func rows(for h: SubjectHistory) -> SubjectRows {
        var rows = SubjectRows(columns: VitalSignsForm.columns)
        for w in h.measurements.weights {
            rows.append([h.subjectID, w.event.name, SiteFormat.dmy(w.date), LabFormat.fixed(w.kilograms, 1), "kg"])
        }
        return rows
    }

    func apply(_ kind: DirtKind, to rows: inout SubjectRows, history: SubjectHistory, rng: inout RandomSource) -> Bool {
        false
    }
}
