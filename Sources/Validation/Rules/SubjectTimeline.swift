import SDTMModel

/// What a timeline rule compares, resolved in `begin`: the DM milestone of each subject (by value of USUBJID) and
/// the record's start (and, when asked, end) dates, each parsed once per distinct value; and the records that have a
/// date on the wrong side of their subject's milestone, found in one pass that compares dates packed into integers
/// (`PackedDate`), so that the rule visits those records alone.
private struct Timeline {
    /// Per value of USUBJID: the subject's milestone, or nil when DM does not give it.
    private var milestones: PerValue<ISODateTime?>?
    /// The milestone of every record when the dataset has no USUBJID (that of the subject "").
    private var withoutSubject: ISODateTime?
    /// The date columns, each value's date by code.
    private var columns: [(name: String, dates: PerValue<ISODateTime?>)] = []
    /// Whether a date breaks the milestone by being before it, rather than after.
    private var before = false
    /// The positions, ascending, of the records with a date that breaks their subject's milestone.
    private var breaking: [Int] = []

    init() {}

    /// `before`: a date breaks the milestone by being before it, rather than after.
    init(_ view: DatasetView, context: ValidationContext, includingEnd: Bool, before: Bool = false,
         milestone: (SubjectMilestones) -> ISODateTime?) {
        let p = view.prefix
        columns = (["STDTC", "DTC"] + (includingEnd ? ["ENDTC"] : [])).compactMap { s in
            PerValue(dates: view, p + s).map { (p + s, $0) }
        }
        milestones = PerValue(view, "USUBJID") { context.milestones[$0.text].flatMap(milestone) }
        withoutSubject = context.milestones[""].flatMap(milestone)
        self.before = before

        // Each record's milestone and dates by code, packed; a subject without a milestone, or a null date, is 0.
        let count = view.dataset.count
        let subjects = milestones.map { view.dataset.columns[$0.column].codes } ?? Array(repeating: 0, count: count)
        let packedMilestones = (milestones?.values ?? [withoutSubject]).map { $0.map { PackedDate($0).bits } ?? 0 }
        guard packedMilestones.contains(where: { $0 != 0 }) else { return }
        var isBreaking = [Bool](repeating: false, count: count)
        for (_, dates) in columns {
            let codes = view.dataset.columns[dates.column].codes
            let packed = view.packedDates(dates.column)
            for r in 0..<count {
                let milestone = packedMilestones[Int(subjects[r])], date = packed[Int(codes[r])]
                guard milestone != 0, date != 0 else { continue }
                if before ? PackedDate.isAfter(milestone, date) : PackedDate.isAfter(date, milestone) { isBreaking[r] = true }
            }
        }
        breaking = isBreaking.indices.filter { isBreaking[$0] }
    }

    /// Whether some record has a date that breaks its subject's milestone.
    var hasWork: Bool { !breaking.isEmpty }

    /// Calls `body` with each break among the records at `rows`, in order: the record's position, the column's name, the
    /// date and the milestone.
    func forEachBreak(in rows: Range<Int>,
                      _ body: (_ record: Int, _ name: String, _ date: ISODateTime, _ milestone: ISODateTime) -> Void) {
        for record in breaking.positions(in: rows) {
            guard let milestone = milestones.map({ $0[record] }) ?? withoutSubject else { continue }
            for (name, dates) in columns {
                guard let date = dates[record], before ? isAfter(milestone, date) : isAfter(date, milestone) else { continue }
                body(record, name, date, milestone)
            }
        }
    }
}

/// An ISO 8601 date, complete or partial, as one integer: its components from the year down in fixed-width fields,
/// and how many it has in the low bits. Two dates compare as `isAfter` compares them by their common leading fields.
struct PackedDate: Sendable {
    /// Never 0: a date has at least its year.
    let bits: UInt64

    init(_ date: ISODateTime) {
        var bits = UInt64(date.year) << Self.shift(1), count: UInt64 = 1
        if let month = date.month {
            (bits, count) = (bits | UInt64(month) << Self.shift(2), 2)
            if let day = date.day {
                (bits, count) = (bits | UInt64(day) << Self.shift(3), 3)
                if let hour = date.hour {
                    (bits, count) = (bits | UInt64(hour) << Self.shift(4), 4)
                    if let minute = date.minute {
                        (bits, count) = (bits | UInt64(minute) << Self.shift(5), 5)
                        if let second = date.second { (bits, count) = (bits | UInt64(second) << Self.shift(6), 6) }
                    }
                }
            }
        }
        self.bits = bits | count
    }

    /// Whether this date is after `other`: by the first component both have that differs (`isAfter`).
    func isAfter(_ other: PackedDate) -> Bool { Self.isAfter(bits, other.bits) }

    /// `isAfter` of two dates' `bits`.
    static func isAfter(_ date: UInt64, _ other: UInt64) -> Bool {
        let mask: UInt64 = ~((1 << shift(Int(min(date & 7, other & 7)))) - 1)
        return date & mask > other & mask
    }

    /// The low bit of the field of the `n`th component (1 for the year): the year, month, day, hour, minute and
    /// second take 14, 4, 5, 5, 6 and 6 bits, above three bits that count the components.
    private static func shift(_ n: Int) -> UInt64 {
        switch n {
        case 1: 29
        case 2: 25
        case 3: 20
        case 4: 15
        case 5: 9
        default: 3
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
    public mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        timeline.forEachBreak(in: rows) { record, name, date, death in
            findings.append(finding(view, record: record + 1, variable: name, value: date.description,
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
        timeline = Timeline(view, context: context, includingEnd: false, before: true) { $0.consent }
    }
    public var visitsRecords: Bool { timeline.hasWork }
    public mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        timeline.forEachBreak(in: rows) { record, name, date, consent in
            findings.append(finding(view, record: record + 1, variable: name, value: date.description,
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
    public mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        timeline.forEachBreak(in: rows) { record, name, date, end in
            findings.append(finding(view, record: record + 1, variable: name, value: date.description,
                                    "\(name) \(date) is after the end of participation \(end)"))
        }
    }
}

extension ISODateTime {
    /// The date part alone.
    fileprivate var dateOnly: ISODateTime { ISODateTime(year: year, month: month, day: day)! }
}
