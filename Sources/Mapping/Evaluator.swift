import Ingest
import SDTMModel

/// The raw data one record is mapped from.
struct RowContext {
    var main: RawRow
    /// The joined files' rows for the same key, by join position (nil when the file has none).
    var joined: [RawRow?]
    var values: [Value]
    var parameters: [String: String]
    /// The variable being computed, for messages.
    var variable = ""

    func field(_ ref: ColumnRef) -> String? {
        let row = ref.source == 0 ? main : joined[ref.source - 1]
        guard let row else { return nil }
        let text = row[ref.index].trimmingSpaces
        return text.isEmpty ? nil : text
    }

    func line(_ ref: ColumnRef) -> Int {
        (ref.source == 0 ? main : joined[ref.source - 1])?.line ?? main.line
    }
}

/// Evaluates mapping expressions over raw rows, reporting every value it cannot map.
struct Evaluator {
    let study: StudyDefinition
    let dictionary: DataDictionary
    let dates: SiteDateParser
    /// Raw file names by source position (0 is the main source).
    let files: [String]
    let mappingFile: String
    private let arms: [String: StudyDefinition.Arm]
    private let treatments: [String: StudyDefinition.Treatment]
    private let visits: [String: StudyDefinition.Visit]
    private let unscheduledVisits: Set<String>
    var diagnostics: [Diagnostic] = []
    /// Each decoded column's code table, looked up once.
    private var decodeTables: [Int: [String: String]] = [:]
    /// Site dates already read (the same dates recur across a subject's rows).
    private var parsedDates = FieldMemo<SiteDateParser.Outcome>()
    /// Site times already read, nil for one that is not a time.
    private var parsedTimes = FieldMemo<(hour: Int, minute: Int, second: Int?)?>()
    /// Values accepted into extensible codelists as sponsor extensions: codelist C-code to values.
    var extensions: [String: Set<String>] = [:]

    init(study: StudyDefinition, dictionary: DataDictionary, dates: SiteDateParser, files: [String], mappingFile: String) {
        self.study = study
        self.dictionary = dictionary
        self.dates = dates
        self.files = files
        self.mappingFile = mappingFile
        arms = Dictionary(study.arms.map { ($0.raw, $0) }, uniquingKeysWith: { a, _ in a })
        treatments = Dictionary(study.treatments.map { ($0.raw, $0) }, uniquingKeysWith: { a, _ in a })
        visits = Dictionary(study.visits.map { ($0.raw.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        unscheduledVisits = Set(study.unscheduledVisits.map { $0.uppercased() })
    }

    /// The findings since the last call, which it clears.
    mutating func takeDiagnostics() -> [Diagnostic] {
        if diagnostics.isEmpty { return [] }
        let taken = diagnostics
        diagnostics = []
        return taken
    }

    mutating func evaluate(_ expression: Expression, _ row: RowContext) -> Value {
        switch expression {
        case .constant(let text):
            return .of(text)
        case .column(let ref):
            return row.field(ref).map(Value.text) ?? .null
        case .study(let field):
            return .of(field == "studyid" ? study.studyID : field == "country" ? study.country : study.sponsor)
        case .concat(let parts, let separator):
            var texts: [String] = []
            for part in parts {
                let v = evaluate(part, row)
                if v.isNull { return .null }
                texts.append(v.text)
            }
            return .text(texts.joined(separator: separator))
        case .date(let ref, let timeRef):
            return date(ref, time: timeRef, row)
        case .number(let inner, let at):
            let v = evaluate(inner, row)
            guard !v.isNull else { return .null }
            if case .number = v { return v }
            guard let d = decimalNumber(v.text) else {
                report(.error, "map.number.invalid", inner, row, at: at,
                       "\(describe(inner)) '\(v.text)' is not a number",
                       hint: "correct the value at the site; \(row.variable) is left empty")
                return .null
            }
            return .number(d)
        case .decode(let ref):
            guard let code = row.field(ref) else { return .null }
            let labels = decodeTable(ref)
            if let label = labels[code] { return .text(label) }
            let allowed = labels.keys.sorted()
            report(.error, "map.decode.unknown-code", row, ref,
                   "\(ref.name) code '\(code)' is not in the data dictionary"
                       + (allowed.isEmpty ? "" : " (codes: \(allowed.joined(separator: ", ")))"),
                   hint: "query the site to correct the value, or add the code to the data dictionary; \(row.variable) is left empty")
            return .null
        case .recode(let inner, let recode, let at):
            let v = evaluate(inner, row)
            guard !v.isNull else { return .null }
            if let value = recode.recode(v.text) { return .text(value) }
            let list = recode.codelist
            if list.extensible {
                extensions[list.code, default: []].insert(v.text)
                report(.warning, "ct.sponsor-extension", inner, row, at: at,
                       "'\(v.text)' is not in the extensible codelist \(list.name) (\(list.code)); kept as a sponsor extension",
                       hint: "if a CDISC term fits, add a synonym for it in \(mappingFile); closest: \(closest(v.text, list))")
                return .text(v.text)
            }
            report(.error, "ct.not-in-codelist", inner, row, at: at,
                   "'\(v.text)' for \(row.variable) is not in the non-extensible codelist \(list.name) (\(list.code))",
                   hint: "map it to a submission value with 'synonyms:' in \(mappingFile), or correct the raw value; "
                       + "closest: \(closest(v.text, list))")
            return .null
        case .map(let inner, let values, let otherwise, let at):
            let v = evaluate(inner, row)
            if !v.isNull, let mapped = values[v.text] { return .of(mapped) }
            if let otherwise { return evaluate(otherwise, row) }
            guard !v.isNull else { return .null }
            report(.error, "map.value.unmapped", inner, row, at: at,
                   "\(describe(inner)) '\(v.text)' has no entry in the mapping (\(values.keys.sorted().joined(separator: ", ")))",
                   hint: "correct the raw value at the site, or add it under 'values:' in \(mappingFile); \(row.variable) is left empty")
            return .null
        case .when(let branches, let otherwise):
            for (condition, result) in branches where test(condition, row) { return evaluate(result, row) }
            return otherwise.map { evaluate($0, row) } ?? .null
        case .variable(let index, _):
            return row.values[index]
        case .arm(let ref, let field):
            guard let raw = row.field(ref) else { return .null }
            guard let arm = arms[raw] else {
                report(.error, "map.unknown-arm", row, ref, "\(ref.name) '\(raw)' selects no arm of the study",
                       hint: "arms are \(study.arms.map { "\($0.raw)=\($0.code)" }.joined(separator: ", ")) in study.yaml")
                return .null
            }
            return .text(field == "code" ? arm.code : arm.name)
        case .treatment(let ref, let field):
            guard let raw = row.field(ref) else { return .null }
            guard let t = treatments[raw] else {
                report(.error, "map.unknown-treatment", row, ref, "\(ref.name) '\(raw)' is not a study treatment",
                       hint: "treatments are \(study.treatments.map { "\($0.raw)=\($0.name)" }.joined(separator: ", ")) in study.yaml")
                return .null
            }
            return field == "name" ? .text(t.name) : field == "dose" ? .number(t.dose) : .text(t.unit)
        case .visit(let ref, let field):
            guard let raw = row.field(ref) else { return .null }
            guard let visit = visits[raw.uppercased()] else {
                if unscheduledVisits.contains(raw.uppercased()) {
                    return field == "name" ? .text(StudyDefinition.Visit.unscheduled) : .null
                }
                report(.error, "map.unknown-visit", row, ref, "\(ref.name) '\(raw)' is not a visit of the schedule",
                       hint: "add the visit to 'visits:' in study.yaml (or to 'unscheduled:'), or correct the event name")
                return .null
            }
            switch field {
            case "name": return .text(visit.name)
            case "number": return .number(visit.number)
            default: return visit.plannedDay.map { .number(Double($0)) } ?? .null
            }
        case .parameter(let name, _):
            return .of(row.parameters[name] ?? "")
        }
    }

    mutating func test(_ condition: Condition, _ row: RowContext) -> Bool {
        switch condition {
        case .all(let list): return list.allSatisfy { test($0, row) }
        case .any(let list): return list.contains { test($0, row) }
        case .not(let inner): return !test(inner, row)
        case .equals(let a, let b): return evaluate(a, row) == evaluate(b, row)
        case .oneOf(let a, let set): return set.contains(evaluate(a, row).text)
        case .present(let a, let wanted): return evaluate(a, row).isNull != wanted
        }
    }

    private mutating func date(_ ref: ColumnRef, time timeRef: ColumnRef?, _ row: RowContext) -> Value {
        guard let (raw, outcome) = parsedDates.read(ref, row, dates.parse) else { return .null }
        switch outcome {
        case .unknown:
            return .null
        case .unparseable:
            report(.error, "map.date.unparseable", row, ref,
                   "\(ref.name) '\(raw)' is not a date in the site's formats (\(dates.formatNames.joined(separator: ", ")))",
                   hint: "correct the date at the site, or add its format to 'dateFormats' in study.yaml; \(row.variable) is left empty")
            return .null
        case .impossible(let why):
            report(.error, "map.date.impossible", row, ref, "\(ref.name) '\(raw)' is not a real date: \(why)",
                   hint: "query the site for the correct date; \(row.variable) is left empty")
            return .null
        case .date(let date):
            guard let timeRef, let (rawTime, time) = parsedTimes.read(timeRef, row, SiteDateParser.time) else {
                return .text(date.description)
            }
            guard let t = time else {
                report(.error, "map.time.invalid", row, timeRef, "\(timeRef.name) '\(rawTime)' is not a time (HH:MM)",
                       hint: "correct the time at the site; \(row.variable) keeps the date only")
                return .text(date.description)
            }
            guard let full = date.with(hour: t.hour, minute: t.minute, second: t.second) else {
                return .text(date.description)
            }
            return .text(full.description)
        }
    }

    private mutating func decodeTable(_ ref: ColumnRef) -> [String: String] {
        let key = ref.source << 20 | ref.index
        if let table = decodeTables[key] { return table }
        let table = dictionary.labels(form: Self.form(files[ref.source]), field: ref.name)
        decodeTables[key] = table
        return table
    }

    /// The raw file a column belongs to, without its extension: the form name in the data dictionary.
    static func form(_ file: String) -> String {
        file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
    }

    private func describe(_ expression: Expression) -> String {
        if case .column(let ref) = expression { return ref.name }
        if case .decode(let ref) = expression { return ref.name }
        return "the value"
    }

    private func firstColumn(_ expression: Expression) -> ColumnRef? {
        switch expression {
        case .column(let ref), .decode(let ref), .date(let ref, _), .arm(let ref, _), .treatment(let ref, _), .visit(let ref, _):
            return ref
        case .number(let inner, _), .recode(let inner, _, _), .map(let inner, _, _, _):
            return firstColumn(inner)
        default:
            return nil
        }
    }

    private mutating func report(
        _ severity: Severity, _ rule: String, _ expression: Expression, _ row: RowContext, at: SourceLocation,
        _ message: String, hint: String
    ) {
        if let ref = firstColumn(expression) {
            report(severity, rule, row, ref, message, hint: hint)
        } else {
            diagnostics.append(Diagnostic(severity, rule, at: SourceLocation(file: files[0], line: row.main.line),
                                          message + " (mapping at \(at))", hint: hint))
        }
    }

    private mutating func report(
        _ severity: Severity, _ rule: String, _ row: RowContext, _ ref: ColumnRef, _ message: String, hint: String
    ) {
        let at = SourceLocation(file: files[ref.source], line: row.line(ref), column: ref.index + 1)
        diagnostics.append(Diagnostic(severity, rule, at: at, message, hint: hint))
    }

    private func closest(_ text: String, _ list: Codelist) -> String {
        let target = Array(text.uppercased().utf8)
        let ranked = list.terms.map { (term: $0.submissionValue, distance: editDistance(target, Array($0.submissionValue.utf8))) }
            .sorted { ($0.distance, $0.term) < ($1.distance, $1.term) }
        return ranked.prefix(3).map(\.term).joined(separator: ", ")
    }
}

/// A decimal number as sites write them (`12`, `-0.5`, `1.5e3`); not hexadecimal, `nan` or `inf`.
func decimalNumber(_ text: String) -> Double? {
    guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 69 || $0 == 101 }),
          let d = Double(text), d.isFinite else { return nil }
    return d
}

/// Levenshtein distance, for suggesting the closest valid values.
func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// What reading a raw field gave, remembered so that a text repeated down a column is read once: by the field's code in
/// its column for the main source (an array lookup, no text hashed), by its text for a joined file.
struct FieldMemo<T> {
    /// Per main-source column, per code: the field's trimmed text (nil when empty) and what it read as.
    private var byCode: [[(text: String, value: T)??]] = []
    private var byText: [String: T] = [:]

    /// The field's trimmed text and `read` of it; nil when the field is empty (or its joined row is missing).
    mutating func read(_ ref: ColumnRef, _ row: RowContext, _ read: (String) -> T) -> (text: String, value: T)? {
        guard ref.source == 0 else {
            guard let text = row.field(ref) else { return nil }
            if let known = byText[text] { return (text, known) }
            let value = read(text)
            byText[text] = value
            return (text, value)
        }
        let code = Int(row.main.code(ref.index))
        if ref.index >= byCode.count { byCode += Array(repeating: [], count: ref.index + 1 - byCode.count) }
        if code < byCode[ref.index].count, let known = byCode[ref.index][code] { return known }
        let field = row.field(ref).map { (text: $0, value: read($0)) }
        if code >= byCode[ref.index].count { byCode[ref.index] += Array(repeating: nil, count: code + 1 - byCode[ref.index].count) }
        byCode[ref.index][code] = .some(field)
        return field
    }
}
