import Ingest
import Mapping
import SDTMModel
import Standards

/// The derive stage's output: finished datasets in package order, plus what it rejected and found.
public struct DerivedPackage: Sendable {
    public var datasets: [Dataset]
    public var rejections: [Rejection]
    public var diagnostics: [Diagnostic]
    /// The study's eligibility criteria per enrolled subject, when the study has LB and states criteria.
    public var eligibility: [EligibilityRow] = []
    /// Best overall responses and the per-cohort readout, when the study has TU and TR and RECIST criteria.
    public var responses: ResponseReadout?
}

/// Runs every cross-row and cross-domain derivation over the mapped domains.
public enum Derivations {
    /// `labs` holds the unit conversions and CTCAE criteria LB's derivations need; without it LB keeps what was mapped.
    public static func run(_ mapped: consuming [MappedDomain], study: StudyDefinition, standard: StandardSpec,
                           labs: LabStandards? = nil) -> DerivedPackage {
        var domains = mapped
        var rejections: [Rejection] = []
        var diagnostics: [Diagnostic] = []
        guard let dmIndex = domains.firstIndex(where: { $0.dataset.name == "DM" }) else {
            return DerivedPackage(datasets: domains.map(\.dataset), rejections: [], diagnostics: [
                Diagnostic(.error, "derive.no-dm", at: nil, "no DM mapping: subjects and reference dates cannot be derived",
                           hint: "add dm.yaml to the study's mappings"),
            ])
        }
        let enrolled = SubjectTable(dm: domains[dmIndex].dataset)
        for i in domains.indices where i != dmIndex {
            rejections += Trace.span("reconcile") { reconcileSubjects(&domains[i], subjects: enrolled) }
        }

        let dm: Dataset, unscheduled: UnscheduledVisitNumbers
        do {
            // DM's own derivations and the numbering of unscheduled visits read the other domains and write none of
            // them: both at once. Scoped, so that no second reference to a dataset's columns outlives the reads (and
            // forces copies later).
            let others = domains.indices.filter { $0 != dmIndex }.map { domains[$0].dataset }
            let ((derived, ageFindings), numbers) = concurrently(
                { [mapped = domains[dmIndex]] in
                    Trace.span("reference dates, arms, age") { derivedDM(mapped, others: others) }
                },
                { Trace.span("unscheduled numbers") { UnscheduledVisitNumbers(others) } })
            (dm, unscheduled) = (derived, numbers)
            diagnostics += ageFindings
        }
        let subjects = SubjectTable(dm: dm)

        // A domain's own derivations do not read the other domains: one domain per core, the largest first. The RECIST
        // readout reads TU, TR and RS and writes nothing: those three are derived and read out on one side while the
        // other domains, their baselines and the eligibility check are derived on the other. Each task takes its
        // domains out of their handoffs, so that it alone holds the columns it rewrites.
        let others = domains.indices.filter { $0 != dmIndex }
        let slots = others.map { Handoff(domains[$0]) }
        let isOncology = others.map { ["TU", "TR", "RS"].contains(domains[$0].dataset.name) }
        let records = others.map { domains[$0].dataset.count }
        domains.removeAll()
        @Sendable func derive(_ slot: Int) -> DerivedDomain {
            Trace.span("derive domain") {
                deriveDomain(slots[slot].take(), subjects: subjects, unscheduled: unscheduled, study: study, standard: standard, labs: labs)
            }
        }
        let (main, oncology) = concurrently(
            {
                derivedWithBaselines(others.indices.filter { !isOncology[$0] }, records: records, derive: derive, dm: dm,
                                     subjects: subjects, study: study, labs: labs)
            },
            { derivedWithReadout(others.indices.filter { isOncology[$0] }, derive: derive, dm: dm, study: study) })
        let (eligibility, responses) = (main.1, oncology.1)
        var datasets: [Dataset] = [dm]
        for (_, domain) in (main.0 + oncology.0).sorted(by: { $0.0 < $1.0 }) {
            datasets += domain.datasets
            diagnostics += domain.diagnostics
        }
        var package = DerivedPackage(datasets: datasets, rejections: rejections, diagnostics: diagnostics)
        if let eligibility {
            package.eligibility = eligibility.rows
            package.diagnostics += eligibility.diagnostics
        }
        if let responses {
            package.responses = responses.readout
            package.diagnostics += responses.diagnostics
        }
        return package
    }

    /// One domain's datasets (the domain and its SUPP--) and what deriving it found.
    private typealias DerivedDomain = (datasets: [Dataset], diagnostics: [Diagnostic])

    /// The domains at `positions` derived (one per core, the most `records` first), the smaller ones' baselines (VS's
    /// flags) right after them, then the largest's (LB's flags and grades) beside the eligibility check, which reads
    /// the standardized results, not the flags. Each baseline task rewrites its own copy of its dataset (only the
    /// columns it writes are copied).
    private static func derivedWithBaselines(
        _ positions: [Int], records: [Int], derive: @escaping @Sendable (Int) -> DerivedDomain, dm: Dataset,
        subjects: SubjectTable, study: StudyDefinition, labs: LabStandards?
    ) -> (domains: [(Int, DerivedDomain)], eligibility: (rows: [EligibilityRow], diagnostics: [Diagnostic])?) {
        @Sendable func withBaselines(_ dataset: Dataset) -> Dataset {
            guard ["LB", "VS"].contains(dataset.name) else { return dataset }
            var dataset = dataset
            Trace.span("baselines \(dataset.name)") { deriveBaselines(&dataset, subjects: subjects, labs: labs) }
            return dataset
        }
        // The smaller domains' baselines (VS's) on their own task, while the largest is still being derived.
        let largest = positions.max { records[$0] < records[$1] }
        let derived = concurrentMap(positions, heaviestFirst: { records[$0] }) { position -> DerivedDomain in
            let domain = derive(position)
            return position == largest ? domain : (domain.datasets.map(withBaselines), domain.diagnostics)
        }
        let package = DerivedPackage(datasets: [dm] + derived.flatMap(\.datasets), rejections: [], diagnostics: [])
        let largestDatasets = largest.map { largest in derived[positions.firstIndex(of: largest)!].datasets } ?? []
        let (baselined, eligibility) = concurrently(
            { largestDatasets.map { ($0.name, withBaselines($0)) } },
            { Trace.span("eligibility") { labs.flatMap { checkEligibility(package, study: study, conversions: $0.conversions) } } })
        let baselines = Dictionary(baselined) { first, _ in first }
        let final = derived.map { domain in
            (datasets: domain.datasets.map { baselines[$0.name] ?? $0 }, diagnostics: domain.diagnostics)
        }
        return (Array(zip(positions, final)), eligibility)
    }

    /// The domains at `positions` (TU, TR and RS) derived, then their RECIST 1.1 readout, when there are any.
    private static func derivedWithReadout(
        _ positions: [Int], derive: (Int) -> DerivedDomain, dm: Dataset, study: StudyDefinition
    ) -> (domains: [(Int, DerivedDomain)], readout: (readout: ResponseReadout, diagnostics: [Diagnostic])?) {
        let derived = positions.map(derive)
        let readout = positions.isEmpty ? nil : Trace.span("RECIST readout") {
            deriveResponses(DerivedPackage(datasets: [dm] + derived.flatMap(\.datasets), rejections: [], diagnostics: []), study: study)
        }
        return (Array(zip(positions, derived)), readout)
    }

    /// DM with its reference dates (from EX and the other domains), arms, age and DMSEQ, and what deriving the age found.
    private static func derivedDM(_ mapped: MappedDomain, others: [Dataset]) -> (Dataset, [Diagnostic]) {
        var dm = mapped.dataset
        let exposure = others.first { $0.name == "EX" }
        deriveReferenceDates(dm: &dm, exposure: exposure, others: others.filter { $0.name != "EX" })
        let treated = Set(exposure.map { ex in ex.columns[ex.column("USUBJID")].usedValues.map(\.text) } ?? [])
        deriveArms(dm: &dm, treated: treated)
        let findings = deriveAge(dm: &dm)
        _ = deriveSequence(&dm, order: mapped.mapping.sequence)
        return (dm, findings)
    }

    /// One domain's derivations: unscheduled visits, --SEQ, study days, EPOCH, LB's and VS's results, and its SUPP--
    /// dataset.
    private static func deriveDomain(
        _ mapped: consuming MappedDomain, subjects: SubjectTable, unscheduled: UnscheduledVisitNumbers, study: StudyDefinition,
        standard: StandardSpec, labs: LabStandards?
    ) -> DerivedDomain {
        // The columns move out of the mapped domain, so that rewriting them copies nothing.
        var domain = mapped
        var dataset = domain.dataset
        domain.dataset = Dataset(spec: dataset.spec)
        var diagnostics: [Diagnostic] = []
        Trace.span("unscheduled \(dataset.name)") { unscheduled.apply(to: &dataset) }
        let newPosition = Trace.span("seq \(dataset.name)") { deriveSequence(&dataset, order: domain.mapping.sequence) }
        if ["LB", "VS"].contains(dataset.name), let labs {
            // Study days and EPOCH write columns that the lab results neither read nor write: one per core, each on
            // its own copy (only the columns it writes are copied), then the timing columns join the results.
            let (timed, (standardized, found)) = concurrently(
                { [dataset] in
                    var timed = dataset
                    Trace.span("timing") { deriveTiming(&timed, subjects: subjects, epochs: study.epochs) }
                    return timed
                },
                { [dataset, rawColumns = domain.rawColumns] in
                    var standardized = dataset
                    let found = Trace.span("lab results") { deriveLabResults(&standardized, standards: labs, rawColumns: rawColumns) }
                    return (standardized, found)
                })
            dataset = standardized
            dataset.adoptColumns(timingColumns(of: dataset), from: timed)
            diagnostics += found
        } else {
            deriveTiming(&dataset, subjects: subjects, epochs: study.epochs)
        }
        var datasets = [dataset]
        if domain.mapping.hasSupplemental, let spec = standard.domain("SUPP" + dataset.name) {
            datasets.append(supplementalDataset(spec: spec, parent: dataset, values: domain.supplemental, newPosition: newPosition))
        }
        return (datasets, diagnostics)
    }

    /// --LOBXFL of LB and VS, and LB's grades relative to the baseline.
    private static func deriveBaselines(_ dataset: inout Dataset, subjects: SubjectTable, labs: LabStandards?) {
        Trace.span("baseline flags") { deriveBaselineFlags(&dataset, subjects: subjects) }
        if dataset.name == "LB", let labs { Trace.span("baseline grades") { deriveBaselineRelativeGrades(&dataset, ctcae: labs.ctcae) } }
    }

    /// --DY, --STDY, --ENDY and EPOCH.
    private static func deriveTiming(_ dataset: inout Dataset, subjects: SubjectTable, epochs: [StudyDefinition.Epoch]) {
        deriveStudyDays(&dataset, subjects: subjects)
        deriveEpoch(&dataset, subjects: subjects, epochs: epochs)
    }

    /// The columns `deriveTiming` writes.
    private static func timingColumns(of dataset: Dataset) -> [Int] {
        studyDayColumns(of: dataset).map(\.day) + [dataset.column(ifPresent: "EPOCH")].compactMap { $0 }
    }

    /// The study's eligibility criteria against DM, LB and VS, when study.yaml states criteria.
    private static func checkEligibility(_ package: DerivedPackage, study: StudyDefinition, conversions: UnitConversions)
        -> (rows: [EligibilityRow], diagnostics: [Diagnostic])?
    {
        guard let eligibility = study.eligibility, let criteria = EligibilityCriteria(eligibility),
              let screening = eligibility.visit.map(Screening.visit) ?? study.epochs.first.map({ Screening.epoch($0.name) }),
              let dm = package.dataset("DM")
        else { return nil }
        return deriveEligibility(dm: dm, lb: package.dataset("LB"), vs: package.dataset("VS"), screening: screening,
                                 criteria: criteria, conversions: conversions)
    }

    /// RECIST 1.1 best overall responses and the readout, when the study has TU, TR and response criteria.
    private static func deriveResponses(_ package: DerivedPackage, study: StudyDefinition)
        -> (readout: ResponseReadout, diagnostics: [Diagnostic])?
    {
        guard let criteria = study.responseCriteria, let dm = package.dataset("DM"), let tu = package.dataset("TU"),
              let tr = package.dataset("TR")
        else { return nil }
        let rules = BestOverallResponseRules(confirmationDays: criteria.confirmationDays,
                                             minimumSDDays: criteria.minimumStableDiseaseDays)
        return Derivation.deriveResponses(dm: dm, tu: tu, tr: tr, rs: package.dataset("RS"), rules: rules)
    }
}

extension DerivedPackage {
    /// The dataset of that name, if the package has it.
    func dataset(_ name: String) -> Dataset? { datasets.first { $0.name == name } }
}
