import SDTMModel

/// SDTMIG 3.4 §4.4: every --DTC is ISO 8601 (extended, right-truncated) and a real calendar date.
public struct DateTimeIsISO8601: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.DTC.ISO8601", severity: .error, reference: "SDTMIG 3.4 §4.4.1 (ISO 8601)",
        title: "Date/time is not valid ISO 8601",
        explanation: "Write --DTC values as YYYY-MM-DDThh:mm:ss, truncated on the right when parts are unknown; the date must exist.")
    private var columns: [(index: Int, name: String)] = []
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        columns = view.present.map { ($0, view.variable(at: $0).name) }.filter { $0.name.hasSuffix("DTC") }
    }
    public mutating func visit(_ record: Record, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for (index, name) in columns {
            let text = record.values[index].text
            if !text.isEmpty, ISODateTime(iso: text) == nil {
                findings.append(finding(view, record: number, variable: name, value: text, "'\(text)' is not a valid ISO 8601 date/time"))
            }
        }
    }
}

/// SDTMIG 3.4 §4.4: an event or intervention does not end before it starts.
public struct StartNotAfterEnd: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.DTC.START-AFTER-END", severity: .error, reference: "SDTMIG 3.4 §4.4.8; CDISC CORE (start after end)",
        title: "Start after end",
        explanation: "--STDTC must not be after --ENDTC. Query the site for the correct dates.")
    private var pair: (start: Int, end: Int, startName: String)?
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        let p = view.prefix
        pair = view.column(p + "STDTC").flatMap { s in view.column(p + "ENDTC").map { (s, $0, p + "STDTC") } }
    }
    public mutating func visit(_ record: Record, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard let (s, e, name) = pair.map({ ($0.start, $0.end, $0.startName) }) else { return }
        if let start = ISODateTime(iso: record.values[s].text), let end = ISODateTime(iso: record.values[e].text),
           isAfter(start, end) {
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
    public mutating func visit(_ record: Record, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        if let start = ISODateTime(iso: record.text(view, "RFSTDTC")), let end = ISODateTime(iso: record.text(view, "RFENDTC")),
           isAfter(start, end) {
            findings.append(finding(view, record: number, variable: "RFSTDTC", value: "\(start) > \(end)",
                                    "RFSTDTC \(start) is after RFENDTC \(end)"))
        }
    }
}

/// Compares two date/times on the precision both have, so that `2025-03` is not after `2025-03-10`.
func isAfter(_ a: ISODateTime, _ b: ISODateTime) -> Bool {
    let x = [a.year, a.month, a.day, a.hour, a.minute, a.second]
    let y = [b.year, b.month, b.day, b.hour, b.minute, b.second]
    for (p, q) in zip(x, y) {
        guard let p, let q else { return false }
        if p != q { return p > q }
    }
    return false
}
