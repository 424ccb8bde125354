import Ingest
import SDTMModel

/// The study's sponsor extensions: values it adds to extensible codelists, each declared with a reason.
///
/// Declared in a CSV file with the columns `codelist,value,reason` (the codelist by C-code; its short name,
/// e.g. `UNIT`, is accepted too and stored as the C-code). Other columns are ignored.
public struct SponsorExtensions: Sendable {
    /// One declared extension.
    public struct Entry: Sendable, Hashable {
        /// The codelist's C-code.
        public var codelist: String
        public var value: String
        public var reason: String
        /// Where it is declared, when it was read from a file.
        public var location: SourceLocation?

        public init(codelist: String, value: String, reason: String, location: SourceLocation? = nil) {
            self.codelist = codelist
            self.value = value
            self.reason = reason
            self.location = location
        }
    }

    /// The declarations, in file order.
    public private(set) var entries: [Entry]
    /// Codelist C-code, then value, to the entry.
    private var index: [String: [String: Entry]]

    /// Extensions as given; the first declaration of a codelist and value wins.
    public init(entries: [Entry] = []) {
        self.entries = []
        index = [:]
        for entry in entries where index[entry.codelist]?[entry.value] == nil {
            self.entries.append(entry)
            index[entry.codelist, default: [:]][entry.value] = entry
        }
    }

    /// No declared extensions.
    public static let none = SponsorExtensions()

    public var isEmpty: Bool { entries.isEmpty }

    /// The declaration of `value` as an extension of the codelist with C-code `codelist`, if any.
    public func entry(codelist: String, value: String) -> Entry? { index[codelist]?[value] }

    public func contains(codelist: String, value: String) -> Bool { entry(codelist: codelist, value: value) != nil }

    /// The values declared for a codelist (C-code).
    public func values(codelist: String) -> Set<String> { index[codelist].map { Set($0.keys) } ?? [] }

    /// The columns of the file, in the order a new file should have them.
    public static let columns = ["codelist", "value", "reason"]

    /// Reads the declarations at `path` (named `file` in diagnostics) and checks them against `terminology`.
    ///
    /// Throws when the file cannot be read or lacks a column. Otherwise returns the valid declarations and a
    /// diagnostic for each problem, with its file:line:column: errors for an unknown codelist, a non-extensible
    /// codelist, an empty value or reason, or a ragged row (those rows are left out); warnings for a value that is
    /// already a submission value of the codelist and for a repeated declaration (also left out).
    public static func load(
        path: String, file: String? = nil, terminology: Terminology
    ) throws(Diagnostic) -> (extensions: SponsorExtensions, diagnostics: [Diagnostic]) {
        let name = file ?? path
        let table = try RawTable(path: path, file: name)
        return try check(table, terminology: terminology)
    }

    /// As `load`, from the file's bytes.
    public static func parse(
        bytes: [UInt8], file: String, terminology: Terminology
    ) throws(Diagnostic) -> (extensions: SponsorExtensions, diagnostics: [Diagnostic]) {
        try check(try RawTable(bytes: bytes, file: file), terminology: terminology)
    }

    private static func check(
        _ table: RawTable, terminology: Terminology
    ) throws(Diagnostic) -> (extensions: SponsorExtensions, diagnostics: [Diagnostic]) {
        var position: [String: Int] = [:]
        for name in columns {
            guard let i = table.column(name) else {
                throw Diagnostic(.error, "ct.extension.header", at: SourceLocation(file: table.file, line: 1),
                                 "the sponsor extensions file has no column '\(name)'",
                                 hint: "the header must be: \(columns.joined(separator: ","))")
            }
            position[name] = i
        }
        let (codelistColumn, valueColumn, reasonColumn) = (position["codelist"]!, position["value"]!, position["reason"]!)
        var diagnostics = table.warnings
        for rejection in table.rejections where rejection.severity >= .warning {
            diagnostics.append(Diagnostic(rejection.severity, rejection.rule,
                                          at: SourceLocation(file: rejection.file, line: rejection.line),
                                          "sponsor extension not read: \(rejection.reason)"))
        }
        var entries: [Entry] = []
        var declared: [String: Int] = [:]
        for row in table.rows {
            let key = row[codelistColumn].trimmingSpaces
            let value = row[valueColumn].trimmingSpaces
            let reason = row[reasonColumn].trimmingSpaces
            func at(_ column: Int) -> SourceLocation { SourceLocation(file: table.file, line: row.line, column: column + 1) }
            func report(_ severity: Severity, _ rule: String, _ column: Int, _ message: String, hint: String) {
                diagnostics.append(Diagnostic(severity, rule, at: at(column), message, hint: hint))
            }
            guard !key.isEmpty, !value.isEmpty else {
                report(.error, "ct.extension.empty", key.isEmpty ? codelistColumn : valueColumn,
                       "a sponsor extension needs both a codelist and a value",
                       hint: "fill in the codelist C-code and the value, or delete the row")
                continue
            }
            guard let codelist = terminology.codelist(key) else {
                report(.error, "ct.extension.unknown-codelist", codelistColumn,
                       "codelist '\(key)' is not in the terminology (CT \(terminology.version))",
                       hint: "name the codelist by its C-code as NCI EVS publishes it, and make sure the study's CT file has it")
                continue
            }
            guard codelist.extensible else {
                report(.error, "ct.extension.not-extensible", codelistColumn,
                       "'\(value)' is declared as an extension of \(codelist.name) (\(codelist.code)), which is not extensible",
                       hint: "a non-extensible codelist takes only its own submission values ("
                           + Self.sample(codelist) + "); map the value to one of them instead")
                continue
            }
            guard !reason.isEmpty else {
                report(.error, "ct.extension.no-reason", reasonColumn,
                       "the extension '\(value)' of \(codelist.name) (\(codelist.code)) has no reason",
                       hint: "say why no CDISC term of the codelist fits")
                continue
            }
            if let term = codelist.term(submissionValue: value) {
                report(.warning, "ct.extension.already-in-codelist", valueColumn,
                       "'\(value)' is already a submission value of \(codelist.name) (\(codelist.code)), term \(term.code)",
                       hint: "delete the declaration: the value needs no extension")
                continue
            }
            let id = codelist.code + "\t" + value
            if let first = declared[id] {
                report(.warning, "ct.extension.duplicate", valueColumn,
                       "'\(value)' of \(codelist.name) (\(codelist.code)) is already declared on line \(first)",
                       hint: "delete one of the two declarations")
                continue
            }
            declared[id] = row.line
            entries.append(Entry(codelist: codelist.code, value: value, reason: reason, location: at(valueColumn)))
        }
        return (SponsorExtensions(entries: entries), diagnostics)
    }

    /// A few of the codelist's submission values, for messages.
    private static func sample(_ codelist: Codelist) -> String {
        let values = codelist.terms.map(\.submissionValue).sorted()
        return values.prefix(8).joined(separator: ", ") + (values.count > 8 ? ", ..." : "")
    }
}
