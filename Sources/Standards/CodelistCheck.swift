import SDTMModel

/// A value of a CT-bound variable that is not a submission value of the variable's codelist, with the
/// records that hold it. One finding per dataset, variable, codelist and value.
public struct CodelistFinding: Sendable, Hashable {
    /// Why the value is reported.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Not in a non-extensible codelist: an error.
        case notInCodelist = "ct.not-in-codelist"
        /// Not in an extensible codelist and not declared as a sponsor extension: a warning.
        case undeclaredExtension = "ct.undeclared-extension"
        /// Not in an extensible codelist, declared as a sponsor extension: a notice.
        case sponsorExtension = "ct.sponsor-extension"
        /// The terminology lacks the variable's codelist, so the value could not be checked: a warning.
        case codelistMissing = "ct.codelist-missing"
    }

    public var dataset: String
    public var variable: String
    /// The codelist's C-code.
    public var codelist: String
    /// The codelist's name; empty when the terminology lacks the codelist.
    public var codelistName: String
    public var value: String
    /// Records holding the value.
    public var count: Int
    /// 1-based positions in the dataset of the first records (up to five) holding the value.
    public var firstRecords: [Int]
    /// The raw row the first of them was mapped from, when known.
    public var firstOrigin: SourceLocation?
    public var kind: Kind
    public var severity: Severity

    public init(dataset: String, variable: String, codelist: String, codelistName: String, value: String, count: Int,
                firstRecords: [Int], firstOrigin: SourceLocation?, kind: Kind, severity: Severity) {
        self.dataset = dataset
        self.variable = variable
        self.codelist = codelist
        self.codelistName = codelistName
        self.value = value
        self.count = count
        self.firstRecords = firstRecords
        self.firstOrigin = firstOrigin
        self.kind = kind
        self.severity = severity
    }

    /// The rule identifier, as in `Diagnostic.rule`.
    public var rule: String { kind.rawValue }

    /// `Name (C-code)`, or the C-code alone when the name is unknown.
    public var codelistLabel: String { codelistName.isEmpty ? codelist : "\(codelistName) (\(codelist))" }

    public var message: String {
        let what: String
        switch kind {
        case .notInCodelist: what = "is not in the non-extensible codelist \(codelistLabel)"
        case .undeclaredExtension: what = "is not in the extensible codelist \(codelistLabel) and is not a declared sponsor extension"
        case .sponsorExtension: what = "is a declared sponsor extension of \(codelistLabel)"
        case .codelistMissing: what = "could not be checked: codelist \(codelist) is not in the terminology"
        }
        let records = firstRecords.map(String.init).joined(separator: ", ") + (count > firstRecords.count ? ", ..." : "")
        return "\(dataset).\(variable) '\(value)' \(what): \(count) record\(count == 1 ? "" : "s") (\(records))"
    }

    public var hint: String {
        switch kind {
        case .notInCodelist:
            "map the raw value to a submission value of \(codelistLabel) (e.g. with 'synonyms:'), or correct it at the site"
        case .undeclaredExtension:
            "map it to a CDISC term if one fits; otherwise declare it in the study's sponsor extensions with a reason"
        case .sponsorExtension:
            "none: define.xml marks it as an extended value"
        case .codelistMissing:
            "use a terminology file that has codelist \(codelist) (--ct, or add it to the study's CT)"
        }
    }

    /// The finding as a diagnostic located at the first record's raw row.
    public var diagnostic: Diagnostic { Diagnostic(severity, rule, at: firstOrigin, message, hint: hint) }
}

/// The validate-time terminology check: every value of every CT-bound variable against its codelists.
public enum CodelistCheck {
    /// How many record numbers a finding lists.
    public static let recordsListed = 5

    /// Checks each variable of `dataset` that the spec binds to codelists (`VariableSpec.codelists`).
    ///
    /// A value passes when it is a submission value (exact, case-sensitive) of any of the variable's codelists.
    /// Otherwise: an error when its codelists are non-extensible; a warning when one is extensible, or a notice
    /// when the value is declared for it in `extensions`; a `codelistMissing` warning when one of the variable's
    /// codelists is not in `terminology`, so the value could not be checked. Null values are not checked.
    /// Findings come in spec order of the variables, then by value.
    public static func check(_ dataset: Dataset, terminology: Terminology, extensions: SponsorExtensions) -> [CodelistFinding] {
        var findings: [CodelistFinding] = []
        var valueSets: [String: Set<String>] = [:]
        func submissionValues(_ codelist: Codelist) -> Set<String> {
            if let known = valueSets[codelist.code] { return known }
            let values = Set(codelist.terms.map(\.submissionValue))
            valueSets[codelist.code] = values
            return values
        }

        for (column, variable) in dataset.spec.variables.enumerated() {
            let codes = variable.codelists.filter { !$0.isEmpty }
            if codes.isEmpty { continue }
            let tally = Tally(dataset, column: column)
            if tally.values.isEmpty { continue }
            let present = codes.compactMap { terminology.codelists[$0] }
            let missing = codes.filter { terminology.codelists[$0] == nil }
            for value in tally.values.keys.sorted() {
                if present.contains(where: { submissionValues($0).contains(value) }) { continue }
                let seen = tally.values[value]!
                let codelist: String
                let name: String
                let kind: CodelistFinding.Kind
                if let first = missing.first {
                    (codelist, name, kind) = (first, "", .codelistMissing)
                } else if let declared = present.first(where: { $0.extensible && extensions.contains(codelist: $0.code, value: value) }) {
                    (codelist, name, kind) = (declared.code, declared.name, .sponsorExtension)
                } else if let open = present.first(where: \.extensible) {
                    (codelist, name, kind) = (open.code, open.name, .undeclaredExtension)
                } else {
                    (codelist, name, kind) = (present[0].code, present[0].name, .notInCodelist)
                }
                findings.append(CodelistFinding(
                    dataset: dataset.name, variable: variable.name, codelist: codelist, codelistName: name, value: value,
                    count: seen.count, firstRecords: seen.firstRecords, firstOrigin: seen.firstOrigin, kind: kind,
                    severity: severity(kind)))
            }
        }
        return findings
    }

    static func severity(_ kind: CodelistFinding.Kind) -> Severity {
        switch kind {
        case .notInCodelist: .error
        case .undeclaredExtension, .codelistMissing: .warning
        case .sponsorExtension: .notice
        }
    }

    /// The distinct values of one column, with their counts and first records.
    private struct Tally {
        struct Seen {
            var count = 0
            var firstRecords: [Int] = []
            var firstOrigin: SourceLocation?
        }

        var values: [String: Seen] = [:]

        init(_ dataset: Dataset, column: Int) {
            for (index, record) in dataset.records.enumerated() {
                let value = record.values[column]
                if value.isNull { continue }
                Self.count(&values[value.text, default: Seen(firstOrigin: record.origin)], record: index + 1)
            }
        }

        private static func count(_ seen: inout Seen, record: Int) {
            seen.count += 1
            if seen.firstRecords.count < CodelistCheck.recordsListed { seen.firstRecords.append(record) }
        }
    }
}
