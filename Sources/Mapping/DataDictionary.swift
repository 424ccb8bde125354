import Ingest
import SDTMModel

/// The site's list of coded choices: form, field and code to the label the site shows.
public struct DataDictionary: Sendable {
    private var fields: [FieldKey: [String: String]] = [:]

    private struct FieldKey: Hashable {
        var form: String
        var field: String
    }

    public init() {}

    /// Reads a CSV with columns form, field, code, label.
    public init(table: RawTable) throws(Diagnostic) {
        guard let form = table.column("form"), let field = table.column("field"),
              let code = table.column("code"), let label = table.column("label") else {
            throw Diagnostic(.error, "dictionary.columns", at: SourceLocation(file: table.file, line: 1),
                             "the data dictionary needs the columns form, field, code and label")
        }
        for row in table.rows {
            let f = row.fields
            fields[FieldKey(form: f[form].trimmingSpaces, field: f[field].trimmingSpaces), default: [:]][f[code].trimmingSpaces] =
                f[label].trimmingSpaces
        }
    }

    /// The label of a code; `form` is the raw file name without `.csv`.
    public func label(form: String, field: String, code: String) -> String? { labels(form: form, field: field)[code] }

    /// All codes of a field with their labels.
    public func labels(form: String, field: String) -> [String: String] { fields[FieldKey(form: form, field: field)] ?? [:] }
}
