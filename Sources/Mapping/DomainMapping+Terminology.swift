import SDTMModel

extension DomainMapping {
    /// The values a mapping names for a variable, as written in the mapping file: constants (also in `when:`
    /// branches and `map:` defaults), `map:` table results, the targets of a `recode:`'s own `synonyms:`, and the
    /// `records:` parameters it reads. Values that come from raw data alone (a recode of a raw column through the
    /// codelist's own terms) are not known without the data and are not included. Sorted; empty for a variable the
    /// mapping does not assign.
    public func namedValues(of variable: String) -> [String] {
        guard let assignment = assignments.first(where: { $0.variable == variable }) else { return [] }
        var values: Set<String> = []
        collectNamedValues(assignment.expression, into: &values)
        return values.sorted()
    }

    /// As `namedValues(of:)`, for the value of a supplemental qualifier (by QNAM).
    public func namedValues(ofSupplemental qnam: String) -> [String] {
        guard let qualifier = supplemental.first(where: { $0.qnam == qnam }) else { return [] }
        var values: Set<String> = []
        collectNamedValues(qualifier.value, into: &values)
        return values.sorted()
    }

    private func collectNamedValues(_ expression: Expression, into values: inout Set<String>) {
        switch expression {
        case .constant(let value):
            if !value.isEmpty { values.insert(value) }
        case .parameter(let name, _):
            for binding in records { if let value = binding[name], !value.isEmpty { values.insert(value) } }
        case .recode(let inner, let recode, _):
            var raw: Set<String> = []
            collectNamedValues(inner, into: &raw)
            for value in raw { values.insert(recode.recode(value) ?? value) }
            values.formUnion(recode.studySynonymTargets)
        case .map(_, let table, let otherwise, _):
            values.formUnion(table.values.filter { !$0.isEmpty })
            if let otherwise { collectNamedValues(otherwise, into: &values) }
        case .when(let branches, let otherwise):
            for (_, result) in branches { collectNamedValues(result, into: &values) }
            if let otherwise { collectNamedValues(otherwise, into: &values) }
        case .number, .column, .study, .concat, .date, .decode, .variable, .arm, .treatment, .visit:
            break
        }
    }
}

extension CodelistRecode {
    /// The submission values (or sponsor extensions) that the study's own `synonyms:` map to: the lookup entries
    /// that the codelist's terms alone would not give. A synonym that only repeats what a CDISC synonym or
    /// preferred term already gives is not told apart from it.
    var studySynonymTargets: Set<String> {
        let baseline = CodelistRecode(codelist: codelist, studySynonyms: [:], ignoreCase: ignoreCase).lookup
        return Set(lookup.compactMap { key, value in baseline[key] == value ? nil : value })
    }
}
