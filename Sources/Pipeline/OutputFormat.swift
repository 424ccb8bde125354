import Foundation

/// A file format the export writes datasets in.
public enum OutputFormat: String, Sendable, CaseIterable, Hashable {
    case csv
    /// SAS transport version 5, what FDA requires.
    case xpt
    /// Dataset-JSON 1.1.
    case json
    /// Dataset-JSON 1.1 as newline-delimited JSON.
    case ndjson

    /// Parses a comma-separated list such as `csv,xpt,json`; nil when a name is unknown.
    public static func list(_ text: String) -> [OutputFormat]? {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let formats = names.compactMap(OutputFormat.init(rawValue:))
        return formats.count == names.count && !formats.isEmpty ? formats : nil
    }
}
