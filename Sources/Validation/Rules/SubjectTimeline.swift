import SDTMModel

/// The start (and, when asked, end) dates of a record that place it in the subject's timeline.
private struct TimelineDates {
    let columns: [(index: Int, name: String)]
    private var dates = ColumnDates()

    init(_ view: DatasetView, includingEnd: Bool) {
        let p = view.prefix
        columns = (["STDTC", "DTC"] + (includingEnd ? ["ENDTC"] : [])).compactMap { s in view.column(p + s).map { ($0, p + s) } }
        dates = ColumnDates(view.dataset)
    }

    /// The record's dates for which `violates(date)` holds, with their variable.
    mutating func violations(_ record: Dataset.Row, _ violates: (ISODateTime) -> Bool) -> [(name: String, date: ISODateTime)] {
        columns.compactMap { index, name in
            dates.date(record, index).flatMap { violates($0) ? (name, $0) : nil }
        }
    }
}

private func appliesToTimeline(_ view: DatasetView) -> Bool { view.name != "DM" && !view.name.hasPrefix("SUPP") }

/// A record that starts after the subject's death is a data error (SDTMIG 3.4 §5.2 DM: DTHDTC).
public struct RecordAfterDeath: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.TIMELINE.AFTER-DEATH", severity: .error, reference: "SDTMIG 3.4 §5.2 DM (DTHDTC); CDISC CORE (dates after death)",
        title: "Record starts after the subject's death",
        explanation: "An event, dose or finding cannot start after DTHDTC: query the site for the date or the death date.")
    private var dates: TimelineDates?
    public init() {}
    public func applies(to view: DatasetView) -> Bool { appliesToTimeline(view) }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        dates = TimelineDates(view, includingEnd: false)
    }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard let death = context.milestones[record.text(view, "USUBJID")]?.death else { return }
        for (name, date) in dates?.violations(record, { isAfter($0, death) }) ?? [] {
            findings.append(finding(view, record: number, variable: name, value: date.description,
                                    "\(name) \(date) is after the death date \(death)"))
        }
    }
}

/// A record before informed consent is outside what the study may collect (SDTMIG 3.4 §5.2 DM: RFICDTC).
public struct RecordBeforeConsent: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.TIMELINE.BEFORE-CONSENT", severity: .warning, reference: "SDTMIG 3.4 §5.2 DM (RFICDTC)",
        title: "Record starts before informed consent",
        explanation: "Data collected before consent needs a reason (e.g. medical history); check the date with the site.")
    private var dates: TimelineDates?
    public init() {}
    public func applies(to view: DatasetView) -> Bool { appliesToTimeline(view) }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        dates = TimelineDates(view, includingEnd: false)
    }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard let consent = context.milestones[record.text(view, "USUBJID")]?.consent else { return }
        for (name, date) in dates?.violations(record, { isAfter(consent, $0) }) ?? [] {
            findings.append(finding(view, record: number, variable: name, value: date.description,
                                    "\(name) \(date) is before informed consent \(consent)"))
        }
    }
}

/// A record dated after the subject's end of participation contradicts RFPENDTC (SDTMIG 3.4 §5.2 DM).
/// Compared by day: RFPENDTC is a day, and a dose at 10:00 that day is not after it.
public struct RecordAfterParticipation: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.TIMELINE.AFTER-RFPENDTC", severity: .warning, reference: "SDTMIG 3.4 §5.2 DM (RFPENDTC)",
        title: "Record after the end of participation",
        explanation: "RFPENDTC is the last known contact: a later record means the date or the end of participation is wrong.")
    private var dates: TimelineDates?
    public init() {}
    public func applies(to view: DatasetView) -> Bool { appliesToTimeline(view) }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        dates = TimelineDates(view, includingEnd: true)
    }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard let end = context.milestones[record.text(view, "USUBJID")]?.endOfParticipation?.dateOnly else { return }
        for (name, date) in dates?.violations(record, { isAfter($0.dateOnly, end) }) ?? [] {
            findings.append(finding(view, record: number, variable: name, value: date.description,
                                    "\(name) \(date) is after the end of participation \(end)"))
        }
    }
}

extension ISODateTime {
    /// The date part alone.
    fileprivate var dateOnly: ISODateTime { ISODateTime(year: year, month: month, day: day)! }
}
