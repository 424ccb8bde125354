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
        /// Outside the codelist as the implementation guide itself prescribes (e.g. AEACN `MULTIPLE`): a notice.
        case prescribedByGuide = "ct.guide-exception"
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
        case .prescribedByGuide: what = "is outside \(codelistLabel) as the implementation guide prescribes"
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
        case .prescribedByGuide:
            "none: the implementation guide prescribes the value"
        }
    }

    /// The finding as a diagnostic located at the first record's raw row.
    public var diagnostic: Diagnostic { Diagnostic(severity, rule, at: firstOrigin, message, hint: hint) }
}

/// The validate-time terminology check, streaming: feed it a dataset's records once, then ask for the findings.
///
/// A value passes when it is a submission value (exact, case-sensitive) of any of the variable's codelists.
/// Otherwise: a notice when the value is declared in `extensions` for one of them that is extensible; a
/// `codelistMissing` warning when one of the variable's codelists is not in `terminology`, so the value could
/// not be checked; a warning when one is extensible; an error when they are all non-extensible. A value the
/// implementation guide prescribes outside CT (`guideExceptions`, keyed `DATASET.VARIABLE=value` as
/// `StandardSpec.terminologyExceptions`) is a `prescribedByGuide` notice. Null values are not checked.
/// Findings come in spec order of the variables, then by value.
public struct CodelistCheck: Sendable {
    /// How many record numbers a finding lists.
    public static let recordsListed = 5

    private struct Column: Sendable {
        var index: Int
        var variable: String
        var present: [Codelist]
        var missing: [String]
        var values: Set<String>
        /// --STRESC: its codelist lists character results; numeric ones (`20.52`, `<3.42`) are outside it by design.
        var numericExempt: Bool
        var tally: [String: Seen] = [:]
        /// Codes of the dataset column's values already found in a codelist.
        var passing: Set<UInt32> = []

        /// Whether a text is a submission value of the codelists (or a numeric result the codelist is exempt from).
        func lists(_ text: String) -> Bool { values.contains(text) || (numericExempt && CodelistCheck.isNumericResult(text)) }
    }

    private struct Seen: Sendable {
        var count = 0
        var firstRecords: [Int] = []
        var firstOrigin: SourceLocation?
    }

    private let dataset: String
    private let extensions: SponsorExtensions
    private let guideExceptions: [String: String]
    private var columns: [Column]

    /// Checks the variables of `spec` that it binds to codelists (`VariableSpec.codelists`), restricted to `present`
    /// positions when given.
    public init(spec: DomainSpec, present: [Int]? = nil, terminology: Terminology, extensions: SponsorExtensions,
                guideExceptions: [String: String] = [:]) {
        dataset = spec.name
        self.extensions = extensions
        self.guideExceptions = guideExceptions
        columns = (present ?? Array(spec.variables.indices)).compactMap { i in
            let variable = spec.variables[i]
            let codes = variable.codelists.filter { !$0.isEmpty }
            guard !codes.isEmpty else { return nil }
            let present = codes.compactMap { terminology.codelists[$0] }
            return Column(index: i, variable: variable.name, present: present,
                          missing: codes.filter { terminology.codelists[$0] == nil },
                          values: Set(present.flatMap { $0.terms.map(\.submissionValue) }),
                          numericExempt: Self.takesNumericResults(variable.name))
        }
    }

    /// --STRESC: its codelist lists character results, so numeric ones are outside it by design.
    public static func takesNumericResults(_ variable: String) -> Bool { variable.hasSuffix("STRESC") }

    /// The values of a variable that its codelist must list: all of them but a --STRESC's numeric results.
    public static func terms(among values: some Sequence<String>, of variable: String) -> Set<String> {
        let exempt = takesNumericResults(variable)
        return Set(values.lazy.filter { !(exempt && isNumericResult($0)) })
    }

    /// A number, possibly after a comparator (`<0.2`, `>=1000`): a numeric result in standard format.
    public static func isNumericResult(_ text: String) -> Bool {
        var digits = 0, points = 0, signs = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="):
                guard digits + points + signs == 0 else { return false }
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): points += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard digits + points == 0 else { return false }
                signs += 1
            default: return false
            }
        }
        return digits > 0 && points <= 1 && signs <= 1
    }

    /// The positions of the variables checked, each with whether a value of it passes for sure: null, a submission value
    /// of its codelists, or a numeric --STRESC result. A record whose values all pass needs no `add`.
    public var checked: [(index: Int, passes: @Sendable (Value) -> Bool)] {
        columns.map { column in (column.index, { $0.isNull || column.lists($0.text) }) }
    }

    /// Counts one record's values; `number` is its 1-based position in the dataset. All records come from one dataset
    /// (values are remembered by their codes in its columns).
    public mutating func add(_ record: Dataset.Row, number: Int) {
        for c in columns.indices {
            let code = record.code(columns[c].index)
            if code == 0 || columns[c].passing.contains(code) { continue }
            let text = record[columns[c].index].text
            if columns[c].lists(text) {
                columns[c].passing.insert(code)
                continue
            }
            var seen = columns[c].tally[text] ?? Seen(firstOrigin: record.origin)
            seen.count += 1
            if seen.firstRecords.count < Self.recordsListed { seen.firstRecords.append(number) }
            columns[c].tally[text] = seen
        }
    }

    /// One finding per variable and value outside its codelists, with the count and the first records.
    public func findings() -> [CodelistFinding] {
        var findings: [CodelistFinding] = []
        for column in columns {
            for value in column.tally.keys.sorted() {
                let seen = column.tally[value]!
                let present = column.present
                let codelist: String
                let name: String
                let kind: CodelistFinding.Kind
                if guideExceptions[dataset + "." + column.variable + "=" + value] != nil, let listed = present.first {
                    (codelist, name, kind) = (listed.code, listed.name, .prescribedByGuide)
                } else if let declared = present.first(where: { $0.extensible && extensions.contains(codelist: $0.code, value: value) }) {
                    (codelist, name, kind) = (declared.code, declared.name, .sponsorExtension)
                } else if let first = column.missing.first {
                    (codelist, name, kind) = (first, "", .codelistMissing)
                } else if let open = present.first(where: \.extensible) {
                    (codelist, name, kind) = (open.code, open.name, .undeclaredExtension)
                } else {
                    (codelist, name, kind) = (present[0].code, present[0].name, .notInCodelist)
                }
                findings.append(CodelistFinding(
                    dataset: dataset, variable: column.variable, codelist: codelist, codelistName: name, value: value,
                    count: seen.count, firstRecords: seen.firstRecords, firstOrigin: seen.firstOrigin, kind: kind,
                    severity: Self.severity(kind)))
            }
        }
        return findings
    }

    /// Checks a whole dataset in one pass.
    public static func check(
        _ dataset: Dataset, terminology: Terminology, extensions: SponsorExtensions, guideExceptions: [String: String] = [:]
    ) -> [CodelistFinding] {
        var check = CodelistCheck(spec: dataset.spec, terminology: terminology, extensions: extensions,
                                  guideExceptions: guideExceptions)
        for record in dataset.rows { check.add(record, number: record.index + 1) }
        return check.findings()
    }

    static func severity(_ kind: CodelistFinding.Kind) -> Severity {
        switch kind {
        case .notInCodelist: .error
        case .undeclaredExtension, .codelistMissing: .warning
        case .sponsorExtension, .prescribedByGuide: .notice
        }
    }
}
