import SDTMModel

/// What define.xml says about a mapping beyond `origin(of:)`: where supplemental values come from and,
/// in words a reviewer reads, how each mapped value is computed.
extension DomainMapping {
    /// The origin of a supplemental qualifier's values (as `origin(of:)` gives it for a variable).
    public func supplementalOrigin(of qnam: String) -> VariableOrigin? {
        supplemental.first { $0.qnam == qnam }.map { Self.origin(of: $0.value) }
    }

    /// How the mapping computes a variable, e.g. `STUDYID, "-" and enrollment.csv.subject_id joined`;
    /// nil for variables it does not assign. Raw columns are named `file.column`.
    public func derivationText(of variable: String) -> String? {
        assignments.first { $0.variable == variable }.map { reviewText($0.expression) }
    }

    /// How the mapping computes a supplemental qualifier's value; nil when it declares no such QNAM.
    public func supplementalDerivationText(of qnam: String) -> String? {
        supplemental.first { $0.qnam == qnam }.map { reviewText($0.value) }
    }

    /// The raw file a column of the mapping belongs to (`alias.column` names a joined file).
    public func rawFile(ofColumn qualifiedName: String) -> (file: String, column: String) {
        let parts = qualifiedName.split(separator: ".", maxSplits: 1)
        if parts.count == 2, let join = joins.first(where: { $0.alias == String(parts[0]) }) {
            return (join.file, String(parts[1]))
        }
        return (source, qualifiedName)
    }

    private func column(_ ref: ColumnRef) -> String {
        let (file, name) = rawFile(ofColumn: ref.qualifiedName)
        return "\(file).\(name)"
    }

    func reviewText(_ expression: Expression) -> String {
        switch expression {
        case .constant(let value):
            return quoted(value)
        case .column(let ref):
            return column(ref)
        case .study(let field):
            return field == "studyid" ? "the study identifier (study.yaml studyid)" : "the study's \(field) (study.yaml)"
        case .concat(let parts, let separator):
            let items = parts.map(reviewText)
            let list = items.count > 1 ? items.dropLast().joined(separator: ", ") + " and " + items.last! : items.joined()
            let glue = separator.isEmpty ? "" : " separated by \(quoted(separator))"
            return "\(list) joined\(glue) (empty when a part is empty)"
        case .date(let ref, let time):
            if let time { return "\(column(ref)) and time \(column(time)) as an ISO 8601 date/time" }
            return "\(column(ref)) as an ISO 8601 date (partial dates right-truncated)"
        case .number(let inner, _):
            return "\(reviewText(inner)) as a number"
        case .decode(let ref):
            return "the label of the coded value \(column(ref)) in the data dictionary"
        case .recode(let inner, let recode, _):
            return "\(reviewText(inner)) recoded to CDISC CT \(recode.codelist.shortName) (\(recode.codelist.code))"
        case .map(let inner, let values, let otherwise, _):
            let table = values.sorted { $0.key < $1.key }.map { "\(quoted($0.key)) to \(quoted($0.value))" }
                .joined(separator: ", ")
            let rest = otherwise.map { "; otherwise \(reviewText($0))" } ?? "; otherwise empty"
            return "\(reviewText(inner)) mapped \(table)\(rest)"
        case .when(let branches, let otherwise):
            let cases = branches.map { "\(reviewText($0.1)) when \(reviewText($0.0))" }.joined(separator: "; ")
            let rest = otherwise.map { "; otherwise \(reviewText($0))" } ?? "; otherwise empty"
            return cases + rest
        case .variable(_, let name):
            return "the value of \(name)"
        case .arm(let ref, let field):
            return "the \(field) of the study arm that \(column(ref)) selects"
        case .treatment(let ref, let field):
            return "the \(field) of the study treatment that \(column(ref)) selects"
        case .visit(let ref, let field):
            return "the \(field) of the planned visit that \(column(ref)) selects"
        case .parameter(let name, _):
            let values = records.compactMap { $0[name] }.map(quoted).joined(separator: ", ")
            return "the record's \(name) (one record per raw row for each of \(values))"
        }
    }

    func reviewText(_ condition: Condition) -> String {
        switch condition {
        case .all(let parts): return group(parts.map(reviewText), "and")
        case .any(let parts): return group(parts.map(reviewText), "or")
        case .not(let inner): return "not (\(reviewText(inner)))"
        case .equals(let a, let b): return "\(reviewText(a)) = \(reviewText(b))"
        case .oneOf(let a, let set): return "\(reviewText(a)) is one of \(set.sorted().map(quoted).joined(separator: ", "))"
        case .present(let a, let present): return "\(reviewText(a)) is \(present ? "present" : "empty")"
        }
    }

    private func group(_ parts: [String], _ conjunction: String) -> String {
        parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " \(conjunction) ") + ")"
    }

    private func quoted(_ s: String) -> String { "\"\(s)\"" }
}
