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
    /// Per code of the dataset's USUBJID column: whether the subject is missing from DM.
    private var missing: [Bool] = []
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.name != "DM" && view.column("USUBJID") != nil }
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        missing = view.dataset.columns[view.column("USUBJID")!].distinct.map { id in
            !id.text.isEmpty && !context.subjects.contains(id.text)
        }
    }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        if missing[Int(record.code(view.column("USUBJID")!))] {
            let id = record.text(view, "USUBJID")
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
    private var pairs: [(dtc: Int, dy: Int, name: String)] = []
    private var dates = ColumnDates()
    /// The last subject's RFSTDTC: records come subject by subject.
    private var reference: (subject: String, date: ISODateTime?)?
    public init() {}
    public mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        let p = view.prefix
        dates = ColumnDates(view.dataset)
        pairs = [("DTC", "DY"), ("STDTC", "STDY"), ("ENDTC", "ENDY")].compactMap { dtc, dy in
            view.column(p + dtc).flatMap { d in view.column(p + dy).map { (d, $0, p + dy) } }
        }
    }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        for (dtc, dy, name) in pairs {
            let recorded = record[dy]
            // DM's own RFSTDTC is on the record itself; other datasets take it from DM.
            let start: ISODateTime?
            if view.name == "DM" {
                start = ISODateTime(iso: record.text(view, "RFSTDTC"))
            } else {
                let subject = record.text(view, "USUBJID")
                if reference?.subject != subject {
                    reference = (subject, context.referenceStart[subject].flatMap { ISODateTime(iso: $0) })
                }
                start = reference?.date
            }
            let expected = start.flatMap { ref in dates.date(record, dtc)?.studyDay(from: ref) }
            let actual: Int? = if case .number(let d) = recorded { Int(exactly: d) } else { nil }
            if actual != expected, !(actual == nil && recorded.isNull && expected == nil) {
                findings.append(finding(view, record: number, variable: name, value: recorded.text,
                                        "\(name) is \(recorded.isNull ? "null" : recorded.text) but the dates give \(expected.map(String.init) ?? "null")"))
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
    public init() {}
    public func applies(to view: DatasetView) -> Bool { view.column("EPOCH") != nil }
    public mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext,
                               findings: inout [Finding]) {
        guard let epochs = context.epochs else { return }
        let epoch = record.text(view, "EPOCH")
        if !epoch.isEmpty, !epochs.contains(epoch) {
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
