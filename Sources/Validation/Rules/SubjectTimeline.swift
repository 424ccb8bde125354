import SDTMModel

/// What a timeline rule compares, resolved in `begin`: the DM milestone of each subject (by value of USUBJID) and
/// the record's start (and, when asked, end) dates, each parsed once per distinct value.
private struct Timeline {
    /// Per value of USUBJID: the subject's milestone, or nil when DM does not give it.
    private var milestones: PerValue<ISODateTime?>?
    /// The milestone of every record when the dataset has no USUBJID (that of the subject "").
    private var withoutSubject: ISODateTime?
    /// The date columns, each value's date by code.
    private(set) var columns: [(name: String, dates: PerValue<ISODateTime?>)] = []

    init() {}

    init(_ view: DatasetView, context: ValidationContext, includingEnd: Bool,
         milestone: (SubjectMilestones) -> ISODateTime?) {
        let p = view.prefix
        columns = (["STDTC", "DTC"] + (includingEnd ? ["ENDTC"] : [])).compactMap { s in
            PerValue(dates: view, p + s).map { (p + s, $0) }
        }
        milestones = PerValue(view, "USUBJID") { context.milestones[$0.text].flatMap(milestone) }
        withoutSubject = context.milestones[""].flatMap(milestone)
    }

    /// Whether some record may have a date to compare with its subject's milestone.
    var hasWork: Bool {
        !columns.isEmpty && (milestones.map { $0.values.contains { $0 != nil } } ?? (withoutSubject != nil))
    }

    /// The milestone of the record's subject.
    func milestone(_ record: Dataset.Row) -> ISODateTime? {
        guard let milestones else { return withoutSubject }
        return milestones[record]
    }

    /// Calls `body` with each of the record's dates for which `breaks(date, milestone)` holds, with the column's name
    /// and the milestone; nothing when the subject has no milestone.
    func forEachBreak(_ record: Dataset.Row, _ breaks: (ISODateTime, ISODateTime) -> Bool,
                      _ body: (_ name: String, _ date: ISODateTime, _ milestone: ISODateTime) -> Void) {
        guard let milestone = milestone(record) else { return }
        // By index: binding each column would retain its arrays on every record.
        for i in columns.indices {
            guard let date = columns[i].dates[record], breaks(date, milestone) else { continue }
            body(columns[i].name, date, milestone)
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
    private var timeline = Timeline()
    public init() {}
    public func applies(to view: DatasetView) -> Bool { appliesToTimeline(view) }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        timeline = Timeline(view, context: context, includingEnd: false) { $0.death }
    }
    public var visitsRecords: Bool { timeline.hasWork }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        timeline.forEachBreak(record, isAfter) { name, date, death in
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
    private var timeline = Timeline()
    public init() {}
    public func applies(to view: DatasetView) -> Bool { appliesToTimeline(view) }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        timeline = Timeline(view, context: context, includingEnd: false) { $0.consent }
    }
    public var visitsRecords: Bool { timeline.hasWork }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        timeline.forEachBreak(record, { date, consent in isAfter(consent, date) }) { name, date, consent in
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
    private var timeline = Timeline()
    public init() {}
    public func applies(to view: DatasetView) -> Bool { appliesToTimeline(view) }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        timeline = Timeline(view, context: context, includingEnd: true) { $0.endOfParticipation?.dateOnly }
    }
    public var visitsRecords: Bool { timeline.hasWork }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        timeline.forEachBreak(record, isAfter) { name, date, end in
            findings.append(finding(view, record: number, variable: name, value: date.description,
                                    "\(name) \(date) is after the end of participation \(end)"))
        }
    }
}

extension ISODateTime {
    /// The date part alone.
    fileprivate var dateOnly: ISODateTime { ISODateTime(year: year, month: month, day: day)! }
}
