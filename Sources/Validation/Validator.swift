import SDTMModel

/// What a validation run found, and the rules it ran.
public struct ValidationReport: Sendable {
    public var rules: [RuleDescriptor]
    public var findings: [Finding]
    public var datasets: [String: Int]

    public init(rules: [RuleDescriptor], findings: [Finding], datasets: [String: Int]) {
        self.rules = rules
        self.findings = findings
        self.datasets = datasets
    }

    public func count(_ severity: Severity) -> Int { findings.lazy.filter { $0.severity == severity }.count }
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// Runs every rule over every dataset, reading each dataset's records once.
public struct Validator: Sendable {
    public var rules: [any Rule]

    /// The standard rule set.
    public init(rules: [any Rule] = Validator.standardRules) {
        self.rules = rules
    }

    public static var standardRules: [any Rule] {
        [
            RequiredVariablePresent(), RequiredValueNotNull(), ExpectedVariablePresent(),
            VariableKnownToStandard(), VariableLabelAsSpec(), VariableTypeAsSpec(), VariableOrderAsSpec(),
            NameLength(), LabelLength(), CharacterValueLength(),
            DateTimeIsISO8601(), StartNotAfterEnd(), ReferenceStartNotAfterEnd(),
            SequenceUniqueWithinSubject(), KeysUnique(),
            OneDMRecordPerSubject(), SubjectInDM(), StudyDayConsistent(), EpochKnown(),
            DeathFlagConsistent(), RecordAfterDeath(), RecordBeforeConsent(), RecordAfterParticipation(), SeriousEventHasCriterion(), ToxicityGradeInRange(), ExposureDoseAndUnit(),
            StandardNumericWhenNumeric(), BaselineFlagOncePerTest(), SupplementalParentExists(), TumorResultLinksToTumor(),
            ValueInCodelist(),
        ]
    }

    /// Validates the datasets: DM first (other rules need its subjects), SUPP-- last.
    public func validate(_ views: [DatasetView], context: ValidationContext = ValidationContext()) -> ValidationReport {
        let byName = Dictionary(views.map { ($0.name, [$0]) }, uniquingKeysWith: +)
        return validate(names: Array(byName.keys), load: { byName[$0] ?? [] }, context: context)
    }

    /// Validates datasets loaded one at a time by name, in the order the cross-dataset rules need, so that at
    /// most one dataset is in memory: `load` is called once per name and its datasets are let go after their pass.
    public func validate(
        names: [String], load: (String) -> [DatasetView], context: ValidationContext = ValidationContext()
    ) -> ValidationReport {
        var context = context
        var findings: [Finding] = []
        var counts: [String: Int] = [:]
        // Only datasets that a SUPP-- dataset (or TR, for TU) may point into need their record keys kept.
        let present = Set(names)
        let referenced = Set(present.filter { present.contains("SUPP" + $0) || ($0 == "TU" && present.contains("TR")) })
        for name in names.sorted(by: { rank($0) < rank($1) }) {
            for view in load(name) {
                counts[view.name, default: 0] += view.dataset.count
                var active = rules.filter { $0.applies(to: view) }
                for i in active.indices { active[i].begin(view, context: context, findings: &findings) }
                let visiting = active.indices.filter { active[$0].visitsRecords }
                let collector = KeyCollector(view, referenced: referenced)
                let collects = collector.collects
                // Each rule visits a block of records at a time, and the block's findings are put back in record order
                // (then rule order). A dataset whose keys are collected goes record by record: its rules may read
                // what the records before have added to the context.
                let records = view.dataset.rows
                for start in stride(from: 0, to: records.count, by: collects ? 1 : 1024) {
                    let block = start..<min(start + (collects ? 1 : 1024), records.count)
                    let first = findings.count
                    var byRule: [(rule: Int, end: Int)] = []
                    for i in visiting {
                        active[i].visit(block, view: view, context: context, findings: &findings)
                        if findings.count > (byRule.last?.end ?? first) { byRule.append((i, findings.count)) }
                    }
                    if byRule.count > 1 { Self.inRecordOrder(&findings, from: first, byRule: byRule) }
                    if collects { for r in block { collector.collect(records[r], into: &context) } }
                }
                for i in active.indices { active[i].finish(view, context: &context, findings: &findings) }
            }
        }
        return ValidationReport(rules: rules.map(\.descriptor), findings: findings, datasets: counts)
    }

    /// Orders the findings after `first`, which the rules reported block by block (rule `byRule[k].rule` those up to
    /// `byRule[k].end`), by record, then rule, as visiting each record with every rule in turn would have.
    private static func inRecordOrder(_ findings: inout [Finding], from first: Int, byRule: [(rule: Int, end: Int)]) {
        var tagged: [(record: Int, rule: Int, order: Int)] = []
        var start = first
        for (rule, end) in byRule {
            for i in start..<end { tagged.append((findings[i].record ?? 0, rule, i)) }
            start = end
        }
        tagged.sort { ($0.record, $0.rule, $0.order) < ($1.record, $1.rule, $1.order) }
        let reordered = tagged.map { findings[$0.order] }
        findings.replaceSubrange(first..., with: reordered)
    }

    /// DM first, TU before TR, SUPP-- last: the order in which the cross-dataset keys become known.
    private func rank(_ name: String) -> (Int, String) {
        (name == "DM" ? 0 : name == "TU" ? 1 : name.hasPrefix("SUPP") ? 3 : 2, name)
    }
}

/// Records, while the engine streams a dataset, what later datasets point to: DM's subjects and
/// reference start, and each record's identifiers (--SEQ, --GRPID, --REFID, --SPID, --LNKID, --LNKGRP).
struct KeyCollector {
    let name: String
    let usubjid: Int?
    let rfstdtc: Int?
    let milestones: (consent: Int?, end: Int?, death: Int?)
    let identifiers: [(index: Int, name: String)]

    init(_ view: DatasetView, referenced: Set<String>) {
        name = view.name
        usubjid = view.column("USUBJID")
        rfstdtc = view.name == "DM" ? view.column("RFSTDTC") : nil
        milestones = view.name == "DM" ? (view.column("RFICDTC"), view.column("RFPENDTC"), view.column("DTHDTC")) : (nil, nil, nil)
        identifiers = !referenced.contains(view.name) ? [] : view.present.compactMap { i in
            let n = view.variable(at: i).name
            return ["SEQ", "GRPID", "REFID", "SPID", "LNKID", "LNKGRP"].contains(where: { n == view.prefix + $0 }) ? (i, n) : nil
        }
    }

    /// Whether the dataset has anything to record: DM's subjects, or identifiers a later dataset points to.
    var collects: Bool { usubjid != nil && (name == "DM" || !identifiers.isEmpty) }

    func collect(_ record: Dataset.Row, into context: inout ValidationContext) {
        guard let usubjid else { return }
        let id = record[usubjid].text
        if name == "DM" {
            context.subjects.insert(id)
            if let rfstdtc, !record[rfstdtc].isNull { context.referenceStart[id] = record[rfstdtc].text }
            func date(_ i: Int?) -> ISODateTime? { i.flatMap { ISODateTime(iso: record[$0].text) } }
            context.milestones[id] = SubjectMilestones(consent: date(milestones.consent), endOfParticipation: date(milestones.end),
                                                       death: date(milestones.death))
        }
        for (index, variable) in identifiers where !record[index].isNull {
            context.parentKeys[name, default: [:]][id, default: []].insert(variable + "\u{1F}" + record[index].text)
        }
    }
}
