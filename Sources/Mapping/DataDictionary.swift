import Ingest
import SDTMModel

/// The site's list of coded choices: form, field and code to the label the site shows.
public struct DataDictionary: Sendable {
    private var labels: [String: String] = [:]

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
            labels[Self.key(f[form].trimmingSpaces, f[field].trimmingSpaces, f[code].trimmingSpaces)] = f[label].trimmingSpaces
        }
    }

    /// The label of a code; `form` is the raw file name without `.csv`.
    public func label(form: String, field: String, code: String) -> String? { labels[Self.key(form, field, code)] }

    /// The codes a field allows, for messages.
    public func codes(form: String, field: String) -> [String] {
        let prefix = form + "\u{1F}" + field + "\u{1F}"
        return labels.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    private static func key(_ form: String, _ field: String, _ code: String) -> String {
        form + "\u{1F}" + field + "\u{1F}" + code
    }
}
