import SDTMModel

/// SDTMIG 3.4 §5.2: DM has one record per subject.
public struct OneDMRecordPerSubject: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.DM.ONE-PER-SUBJECT", severity: .error, reference: "SDTMIG 3.4 §5.2 DM (structure)",
        title: "More than one DM record for a subject",
        explanation: "DM holds exactly one record per subject: remove the duplicate enrolment row.")
    private var seen: Set<String> = []
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name == "DM" }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        let id = record.text(view, "USUBJID")
        if !id.isEmpty, !seen.insert(id).inserted {
            findings.append(finding(view, record: number, variable: "USUBJID", value: id, "\(id) has more than one DM record"))
        }
    }
}

/// SDTMIG 3.4 §5.2: every subject in any dataset is in DM.
public struct SubjectInDM: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.USUBJID.NOT-IN-DM", severity: .error, reference: "SDTMIG 3.4 §5.2 DM; CDISC CORE (USUBJID in DM)",
        title: "Subject not in DM",
        explanation: "Every USUBJID must have a DM record: correct the subject identifier or add the subject to DM.")
    /// Per value of USUBJID: whether the subject is missing from DM.
    private var missing = PerValue<Bool>()
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name != "DM" && view.column("USUBJID") != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        missing = PerValue(view, "USUBJID") { id in !id.text.isEmpty && !context.subjects.contains(id.text) }!
    }
    public var visitsRecords: Bool { missing.any }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        if missing[record] {
            let id = record[missing.column].text
            findings.append(finding(view, record: number, variable: "USUBJID", value: id, "\(id) is not in DM"))
        }
    }
}

/// SDTMIG 3.4 §4.4.4: --DY is the day from RFSTDTC, with no day 0.
public struct StudyDayConsistent: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.DY.INCONSISTENT", severity: .error, reference: "SDTMIG 3.4 §4.4.4 (study day)",
        title: "--DY does not match --DTC and RFSTDTC",
        explanation: "--DY = date - RFSTDTC + 1 on or after RFSTDTC, date - RFSTDTC before it; null when either date is partial.")
    /// Each --DTC with its --DY: per value, the day number of a complete date, and the study day recorded.
    private var pairs: [(days: PerValue<Int?>, recorded: PerValue<Int?>, name: String)] = []
    /// Per value of DM's own RFSTDTC in DM, of USUBJID elsewhere: the day number of the reference start (RFSTDTC) when
    /// it is a complete date; nil when that column is absent.
    private var reference: PerValue<Int?>?
    /// The reference start of every record when that column is absent.
    private var withoutReference: Int?
    /// The positions, ascending, of the records with a --DY that the dates do not give, found in `begin` a pair at a
    /// time so that only those records are visited.
    private var mismatched: [Int] = []
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        let p = view.prefix
        pairs = [("DTC", "DY"), ("STDTC", "STDY"), ("ENDTC", "ENDY")].compactMap { dtc, dy in
            guard let days = PerValue(dates: view, p + dtc, Self.dayNumber),
                  let recorded = PerValue(view, p + dy, { value -> Int? in if case .number(let n) = value { Int(exactly: n) } else { nil } })
            else { return nil }
            return (days, recorded, p + dy)
        }
        // DM's own RFSTDTC is on the record itself; other datasets take it from DM.
        let start: (Value) -> Int? = view.name == "DM"
            ? { Self.dayNumber(isoDate($0)) }
            : { context.referenceStart[$0.text].flatMap { Self.dayNumber(ISODateTime(iso: $0)) } }
        reference = PerValue(view, view.name == "DM" ? "RFSTDTC" : "USUBJID", start)
        withoutReference = start(.null)
        var isMismatched = [Bool](repeating: false, count: view.dataset.count)
        let (startCodes, starts) = (reference?.codes, reference?.values)
        for pair in pairs {
            let (dayCodes, days) = (pair.days.codes, pair.days.values)
            let (recordedCodes, recorded) = (pair.recorded.codes, pair.recorded.values)
            for r in isMismatched.indices {
                let start = startCodes.map { starts![Int($0[r])] } ?? withoutReference
                if recorded[Int(recordedCodes[r])] != Self.studyDay(days[Int(dayCodes[r])], from: start) { isMismatched[r] = true }
            }
        }
        mismatched = isMismatched.indices.filter { isMismatched[$0] }
    }
    public var visitsRecords: Bool { !mismatched.isEmpty }

    /// The day number of a complete date (study days are counted between complete dates only).
    private static func dayNumber(_ date: ISODateTime?) -> Int? { date?.date?.daysSinceEpoch }

    /// The study day of a day number from the reference start's, nil unless both are known.
    private static func studyDay(_ day: Int?, from start: Int?) -> Int? {
        guard let day, let start else { return nil }
        return ISODateTime.studyDay(day, from: start)
    }

    public mutating func visit(_ rows: Range<Int>, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        for record in mismatched.positions(in: rows) {
            let start = reference.map { $0[record] } ?? withoutReference
            for pair in pairs {
                let expected = Self.studyDay(pair.days[record], from: start)
                guard pair.recorded[record] != expected else { continue }
                let value = view.dataset[record, pair.recorded.column]
                findings.append(finding(view, record: record + 1, variable: pair.name, value: value.text,
                                        "\(pair.name) is \(value.isNull ? "null" : value.text) but the dates give \(expected.map(String.init) ?? "null")"))
            }
        }
    }
}

/// SDTMIG 3.4 §4.1.4.9: EPOCH names an epoch of the trial design.
public struct EpochKnown: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.EPOCH.UNKNOWN", severity: .error, reference: "SDTMIG 3.4 §4.1.4.9 (EPOCH); TA/TE",
        title: "EPOCH is not an epoch of the study",
        explanation: "EPOCH must be one of the epochs of the study's design (study.yaml).")
    /// Per value of EPOCH: whether it is an epoch the study does not have (all false when the epochs are unknown).
    private var unknown = PerValue<Bool>()
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.column("EPOCH") != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        unknown = PerValue(view, "EPOCH") { value in
            context.epochs.map { epochs in !value.text.isEmpty && !epochs.contains(value.text) } ?? false
        }!
    }
    public var visitsRecords: Bool { unknown.any }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        if unknown[record], let epochs = context.epochs {
            let epoch = record[unknown.column].text
            findings.append(finding(view, record: number, variable: "EPOCH", value: epoch,
                                    "EPOCH '\(epoch)' is not one of \(epochs.joined(separator: ", "))"))
        }
    }
}

/// SDTMIG 3.4 DM: DTHFL is Y exactly when DTHDTC is known.
public struct DeathFlagConsistent: Rule {
    public let descriptor = RuleDescriptor(
        id: "SDTM.DM.DTHFL", severity: .error, reference: "SDTMIG 3.4 §5.2 DM (DTHFL, DTHDTC)",
        title: "DTHFL inconsistent with DTHDTC",
        explanation: "DTHFL is Y when the subject died (DTHDTC known) and null otherwise.")
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name == "DM" }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        let flag = record.text(view, "DTHFL"), date = record.text(view, "DTHDTC")
        if (flag == "Y") != !date.isEmpty || (!flag.isEmpty && flag != "Y") {
            findings.append(finding(view, record: number, variable: "DTHFL", value: flag,
                                    "DTHFL is '\(flag)' while DTHDTC is '\(date)'"))
        }
    }
}
