import SDTMModel

/// SDTMIG 3.4 §4.4: every --DTC is ISO 8601 (extended, right-truncated) and a real calendar date.
public struct DateTimeIsISO8601: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.DTC.ISO8601", severity: .error, reference: "SDTMIG 3.4 §4.4.1 (ISO 8601)",
        title: "Date/time is not valid ISO 8601",
        explanation: "Write --DTC values as YYYY-MM-DDThh:mm:ss, truncated on the right when parts are unknown; the date must exist.")
    /// The --DTC columns with an invalid value, each with a verdict per value: whether it is invalid.
    private var columns: [(name: String, invalid: PerValue<Bool>)] = []
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        columns = view.present.compactMap { i in
            let name = view.variable(at: i).name
            guard name.hasSuffix("DTC") else { return nil }
            // A value that parsed as a date is valid: its text is read only when it did not.
            let invalid = PerValue(view, i, values: zip(view.dataset.columns[i].distinct, view.isoDates(i)).map { value, date in
                guard date == nil else { return false }
                let text = value.text
                return !text.isEmpty && !hasOmittedComponents(text)
            })
            return invalid.any ? (name, invalid) : nil
        }
    }
    public var visitsRecords: Bool { !columns.isEmpty }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for (name, invalid) in columns where invalid[record] {
            let text = record[invalid.column].text
            findings.append(finding(view, record: number, variable: name, value: text, "'\(text)' is not a valid ISO 8601 date/time"))
        }
    }
}

/// SDTMIG 3.4 §4.4: an event or intervention does not end before it starts.
public struct StartNotAfterEnd: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.DTC.START-AFTER-END", severity: .error, reference: "SDTMIG 3.4 §4.4.8; CDISC CORE (start after end)",
        title: "Start after end",
        explanation: "--STDTC must not be after --ENDTC. Query the site for the correct dates.")
    /// --STDTC and --ENDTC, each value's date by code.
    private var pair: (start: PerValue<ISODateTime?>, end: PerValue<ISODateTime?>, startName: String)?
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        let p = view.prefix
        pair = PerValue(dates: view, p + "STDTC").flatMap { s in PerValue(dates: view, p + "ENDTC").map { (s, $0, p + "STDTC") } }
    }
    public var visitsRecords: Bool { pair != nil }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard let (s, e, name) = pair else { return }
        if let start = s[record], let end = e[record], isAfter(start, end) {
            findings.append(finding(view, record: number, variable: name, value: "\(start) > \(end)",
                                    "\(name) \(start) is after the end \(end)"))
        }
    }
}

/// SDTMIG 3.4 DM: RFSTDTC is not after RFENDTC.
public struct ReferenceStartNotAfterEnd: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.DM.RFSTDTC-AFTER-RFENDTC", severity: .error, reference: "SDTMIG 3.4 §5.2 DM",
        title: "RFSTDTC after RFENDTC",
        explanation: "The subject's reference start must not be after the reference end; check the dosing dates.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name == "DM" }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        if let start = ISODateTime(iso: record.text(view, "RFSTDTC")), let end = ISODateTime(iso: record.text(view, "RFENDTC")),
           isAfter(start, end) {
            findings.append(finding(view, record: number, variable: "RFSTDTC", value: "\(start) > \(end)",
                                    "RFSTDTC \(start) is after RFENDTC \(end)"))
        }
    }
}

/// SDTMIG 3.4 §4.4.2: an unknown component in the middle is written as a hyphen (`2003---15`,
/// `2003-12-15T-:15`). True when the text has that form, at least one component is omitted, and every
/// component given is in range.
func hasOmittedComponents(_ text: String) -> Bool {
    let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
    let date = Array(parts[0].utf8)
    var components: [Substring?] = []
    // Date: YYYY or "-", then "-MM" or "--", then "-DD" or "--"; a hyphen stands for an omitted component.
    var i = 0
    func take(_ width: Int) -> Substring?? {
        if i < date.count, date[i] == UInt8(ascii: "-"), i + 1 == date.count || date[i + 1] == UInt8(ascii: "-") || width == 4 {
            i += 1
            return .some(nil)
        }
        guard i + width <= date.count, date[i..<(i + width)].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        defer { i += width }
        return .some(parts[0].dropFirst(i).prefix(width))
    }
    guard let year = take(4) else { return false }
    components.append(year)
    for _ in 0..<2 where i < date.count {
        guard date[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let c = take(2) else { return false }
        components.append(c)
    }
    guard i == date.count else { return false }
    if parts.count == 2 {
        for (n, piece) in parts[1].split(separator: ":", omittingEmptySubsequences: false).enumerated() {
            guard n < 3 else { return false }
            if piece == "-" { components.append(nil); continue }
            guard piece.count == 2, piece.allSatisfy(\.isASCIIDigitCharacter) else { return false }
            components.append(piece)
        }
    }
    guard components.contains(where: { $0 == nil }) else { return false }
    let limits = [9999, 12, 31, 23, 59, 59]
    for (n, c) in components.enumerated() {
        guard let c else { continue }
        guard let v = Int(c), v <= limits[n], n < 3 ? v >= 1 : v >= 0 else { return false }
    }
    return true
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

/// A value as an ISO 8601 date/time, or nil when it is empty or not one.
func isoDate(_ value: Value) -> ISODateTime? { ISODateTime(iso: value.text) }

/// Compares two date/times on the precision both have, so that `2025-03` is not after `2025-03-10` (and a date/time
/// is not after a date alone on its day).
func isAfter(_ a: ISODateTime, _ b: ISODateTime) -> Bool {
    // The first component both have and that differs decides; one that either lacks ends the comparison: not after.
    func decides(_ p: Int?, _ q: Int?) -> Bool? {
        guard let p, let q else { return false }
        return p == q ? nil : p > q
    }
    return decides(a.year, b.year) ?? decides(a.month, b.month) ?? decides(a.day, b.day) ?? decides(a.hour, b.hour)
        ?? decides(a.minute, b.minute) ?? decides(a.second, b.second) ?? false
}
