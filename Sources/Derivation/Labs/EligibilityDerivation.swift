import SDTMModel

/// The study's eligibility criteria for every enrolled subject (DM with a planned ARMCD), from DM's AGE and SEX, the
/// latest LB result of each test and the latest VS weight (VSTESTCD WEIGHT, in kg) at the screening visit (or, when
/// the criteria name no visit, in the screening epoch).
/// A criterion not met is a warning at the raw line of the value that breaks it, one that cannot be checked a notice
/// at the subject's DM line; no data is dropped.
func deriveEligibility(dm: Dataset, lb: Dataset?, vs: Dataset?, screening: Screening, criteria: EligibilityCriteria,
                       conversions: UnitConversions) -> (rows: [EligibilityRow], diagnostics: [Diagnostic])
{
    guard let lb else { return ([], []) }
    let tests = EligibilityEvaluator(criteria: criteria, conversions: conversions).testsRead
    let screeningLabs = LatestScreening(lb, screening, test: "LBTESTCD", of: tests)
    let screeningWeights = vs.map { LatestScreening($0, screening, test: "VSTESTCD", of: ["WEIGHT"]) }
    // Each distinct status, result, unit and ULN read once, by code; an absent column reads as empty.
    func read<T: Sendable>(_ name: String, _ transform: (String) -> T) -> @Sendable (Int) -> T {
        let column = lb.column(ifPresent: name).map { lb.columns[$0] }
        let codes = column?.codes ?? [], values = (column?.distinct ?? [.null]).map { transform($0.text) }
        return { row in values[codes.isEmpty ? 0 : Int(codes[row])] }
    }
    let notDone = read("LBSTAT") { $0 == "NOT DONE" }, result = read("LBORRES", LabResult.init(raw:))
    let unit = read("LBORRESU") { $0 }, uln = read("LBORNRHI", LabNumber.init)
    let weights = vs.flatMap { vs in vs.column(ifPresent: "VSSTRESN").map { vs.columns[$0] } }
    let (usubjid, armcd, sex, age) = (dm.column("USUBJID"), dm.column("ARMCD"), dm.column("SEX"), dm.column("AGE"))
    let enrolled = dm.rows.filter { !$0[armcd].isNull }
    // Each subject's inputs gathered and checked, and its breaches reported, on all cores: subjects are independent of
    // each other.
    let parts = concurrentRuns(of: enrolled.count) { run in
        var evaluator = EligibilityEvaluator(criteria: criteria, conversions: conversions)
        var rows: [EligibilityRow] = []
        var diagnostics: [Diagnostic] = []
        rows.reserveCapacity(run.count * (criteria.thresholds.count + 1))
        for subject in enrolled[run] {
            let id = subject[usubjid].text
            var labs = [String: ScreeningLab](minimumCapacity: tests.count)
            let screened = screeningLabs.subject(id)
            for (k, test) in tests.enumerated() {
                guard let screened, let row = screeningLabs.row(subject: screened, test: k) else { continue }
                labs[test] = ScreeningLab(notDone(row) ? .notDone : result(row), unit: unit(row), uln: uln(row))
            }
            let weight = screeningWeights?.row(of: id, test: 0).flatMap { row -> Double? in
                guard case .number(let kg) = weights?[row] else { return nil }
                return kg
            }
            let years: Int? = if case .number(let years) = subject[age] { Int(years) } else { nil }
            let input = EligibilitySubject(usubjid: id, ageYears: years, sex: Sex(rawValue: subject[sex].text), weightKg: weight,
                                           labs: labs)
            let checked = evaluator.rows(for: input)
            rows += checked
            for row in checked where row.status == .notEvaluable {
                diagnostics.append(Diagnostic(
                    .notice, "lb.eligibility.not-evaluable", at: subject.origin,
                    "\(id): the eligibility criterion \(row.criterion) \(row.threshold) cannot be checked: \(row.reason)",
                    hint: "ask the site for the missing screening value; eligibility.csv lists it as NOT EVALUABLE"))
            }
            for row in checked where row.status == .notMet {
                let source = row.criterion == "AGE" ? subject.origin
                    : tests.firstIndex(of: screeningTest(of: row.criterion))
                        .flatMap { screeningLabs.row(of: id, test: $0) }.flatMap { lb.origins[$0] }
                diagnostics.append(Diagnostic(
                    .warning, "lb.eligibility.not-met", at: source,
                    "\(id) does not meet the eligibility criterion \(row.criterion) \(row.threshold): \(row.value)",
                    hint: "confirm the value with the site and record the protocol deviation or waiver; the subject's data are kept"))
            }
        }
        return (rows: rows, diagnostics: diagnostics)
    }
    guard parts.count > 1 else { return parts.first ?? ([], []) }
    return (parts.flatMap(\.rows), parts.flatMap(\.diagnostics))
}

/// Which records are screening results: those of a VISIT, or of an EPOCH.
enum Screening {
    case visit(String)
    case epoch(String)

    var variable: String {
        switch self {
        case .visit: "VISIT"
        case .epoch: "EPOCH"
        }
    }

    var value: String {
        switch self {
        case .visit(let v), .epoch(let v): v
        }
    }
}

/// Per subject and test, the position of the latest screening record with a result (ties: the later record): a repeat
/// that was not done does not hide an earlier result.
private struct LatestScreening {
    /// Each USUBJID's position among the dataset's subjects.
    private let subjects: [String: Int]
    private let testCount: Int
    /// The record per subject and test (`subject * testCount + test`), or -1.
    private let rows: [Int]

    /// The latest screening records of the tests `names` (values of `test`).
    init(_ dataset: Dataset, _ screening: Screening, test: String, of names: [String]) {
        testCount = names.count
        guard let selector = dataset.column(ifPresent: screening.variable), let testColumn = dataset.column(ifPresent: test),
              let dtc = dataset.column(ifPresent: dataset.prefix + "DTC"),
              let orres = dataset.column(ifPresent: dataset.prefix + "ORRES")
        else {
            (subjects, rows) = ([:], [])
            return
        }
        // Found by codes, in a table indexed by subject and test.
        let subjectColumn = dataset.columns[dataset.column("USUBJID")], tests = dataset.columns[testColumn]
        let selectors = dataset.columns[selector].codes, results = dataset.columns[orres].codes, dates = dataset.columns[dtc]
        let selected = dataset.columns[selector].distinct.map { $0.text == screening.value }
        let position = tests.distinct.map { names.firstIndex(of: $0.text) ?? -1 }
        var latest = [Int](repeating: -1, count: subjectColumn.distinct.count * names.count)
        for i in 0..<dataset.count where selected[Int(selectors[i])] && results[i] != 0 {
            let test = position[Int(tests.codes[i])]
            guard test >= 0 else { continue }
            let key = Int(subjectColumn.codes[i]) * names.count + test
            let kept = latest[key]
            if kept >= 0, dates.codes[kept] != dates.codes[i], dates[kept].text > dates[i].text { continue }
            latest[key] = i
        }
        var subjects = [String: Int](minimumCapacity: subjectColumn.distinct.count)
        for (code, subject) in subjectColumn.distinct.enumerated() { subjects[subject.text] = code }
        (self.subjects, rows) = (subjects, latest)
    }

    /// The latest screening record of `usubjid` for the `test`-th name, if it has one.
    func row(of usubjid: String, test: Int) -> Int? {
        subject(usubjid).flatMap { row(subject: $0, test: test) }
    }

    /// The position of `usubjid` among the dataset's subjects, for `row(subject:test:)`.
    func subject(_ usubjid: String) -> Int? { subjects[usubjid] }

    /// The latest screening record of the subject at `subject` for the `test`-th name, if it has one.
    func row(subject: Int, test: Int) -> Int? {
        let row = rows[subject * testCount + test]
        return row >= 0 ? row : nil
    }
}
