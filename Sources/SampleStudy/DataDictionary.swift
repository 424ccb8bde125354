import Export

/// `data_dictionary.csv`: every coded choice of every coded field, in file and column order.
enum DataDictionary {
    static let fileName = "data_dictionary.csv"
    static let columns = ["form", "field", "code", "label"]

    struct Entry: Sendable {
        var form: String
        var field: String
        var code: String
        var label: String
    }

    static func entries(for design: SampleDesign) -> [Entry] {
        var result: [Entry] = []
        func add<C: SiteCode>(_ form: SiteForm, _ field: String, _ type: C.Type) {
            for choice in C.allCases { result.append(Entry(form: form.name, field: field, code: choice.code, label: choice.label)) }
        }
        add(.enrollment, "sex", Sex.self)
        add(.enrollment, "race", Race.self)
        add(.enrollment, "ethnicity", Ethnicity.self)
        add(.enrollment, "cohort", Cohort.self)
        add(.enrollment, "eligible", YesNo.self)
        for t in design.treatments {
            result.append(Entry(form: SiteForm.drugAdministration.name, field: "drug", code: t.code, label: t.name))
        }
        add(.drugAdministration, "administered", YesNo.self)
        add(.adverseEvents, "ongoing", YesNo.self)
        add(.adverseEvents, "grade", Grade.self)
        add(.adverseEvents, "serious", YesNo.self)
        for criterion in SeriousCriterion.allCases {
            result.append(Entry(form: SiteForm.adverseEvents.name, field: criterion.column, code: criterion.code,
                                label: criterion.label))
        }
        for t in design.treatments { add(.adverseEvents, "rel_" + t.columnSlug, Relationship.self) }
        for t in design.treatments { add(.adverseEvents, "action_" + t.columnSlug, ActionTaken.self) }
        add(.adverseEvents, "outcome", Outcome.self)
        return result
    }

    /// Writes the dictionary and returns the number of data rows.
    static func write(for design: SampleDesign, to directory: String) throws -> Int {
        let sink = try FileSink(path: directory + "/" + fileName)
        try sink.write(CSVWriter.line(columns))
        let all = entries(for: design)
        for e in all { try sink.write(CSVWriter.line([e.form, e.field, e.code, e.label])) }
        try sink.close()
        return all.count
    }
}
