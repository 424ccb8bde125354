import SDTMModel

/// Named, trimmed access to the columns of a metadata table (a spec, a lookup table), checked once:
/// a missing column is an error at the header line that lists the columns the table needs.
public struct NamedColumns: Sendable {
    private let index: [String: Int]
    public let file: String

    public init(_ table: RawTable, _ required: [String]) throws(Diagnostic) {
        var index: [String: Int] = [:]
        for name in required {
            guard let i = table.column(name) else {
                throw Diagnostic(.error, "spec.missing-column", at: SourceLocation(file: table.file, line: 1),
                                 "the table has no column '\(name)'",
                                 hint: "the header must name: \(required.joined(separator: ", "))")
            }
            index[name] = i
        }
        self.index = index
        file = table.file
    }

    /// The trimmed value of a required column in a row.
    public subscript(row: RawRow, name: String) -> String { row[index[name]!].trimmingSpaces }
}
