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
    let screeningLabs = latestScreening(lb, screening, test: "LBTESTCD")
    let screeningVitals = vs.map { latestScreening($0, screening, test: "VSTESTCD") } ?? [:]
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
    // Each subject's inputs gathered and checked on all cores: subjects are independent of each other.
    let parts = concurrentRuns(of: enrolled.count) { run in
        enrolled[run].map { subject in
            let id = subject[usubjid].text
            let labs = screeningLabs[id] ?? [:]
            var screening = [String: ScreeningLab](minimumCapacity: labs.count)
            for (test, row) in labs {
                screening[test] = ScreeningLab(notDone(row) ? .notDone : result(row), unit: unit(row), uln: uln(row))
            }
            let weight = screeningVitals[id]?["WEIGHT"].flatMap { row -> Double? in
                guard case .number(let kg) = weights?[row] else { return nil }
                return kg
            }
            let years: Int? = if case .number(let years) = subject[age] { Int(years) } else { nil }
            let input = EligibilitySubject(usubjid: id, ageYears: years, sex: Sex(rawValue: subject[sex].text), weightKg: weight,
                                           labs: screening)
            return ((subject, labs, input), checkEligibility(input, criteria: criteria, conversions: conversions))
        }
    }
    var rows: [EligibilityRow] = []
    var diagnostics: [Diagnostic] = []
    for ((subject, labs, input), checked) in parts.joined() {
        let usubjid = input.usubjid
        rows += checked
        for row in checked where row.status == .notEvaluable {
            diagnostics.append(Diagnostic(
                .notice, "lb.eligibility.not-evaluable", at: subject.origin,
                "\(usubjid): the eligibility criterion \(row.criterion) \(row.threshold) cannot be checked: \(row.reason)",
                hint: "ask the site for the missing screening value; eligibility.csv lists it as NOT EVALUABLE"))
        }
        for row in checked where row.status == .notMet {
            let source = row.criterion == "AGE" ? subject.origin
                : labs[row.criterion == creatinineClearance ? "CREAT" : row.criterion].flatMap { lb.origins[$0] }
            diagnostics.append(Diagnostic(
                .warning, "lb.eligibility.not-met", at: source,
                "\(usubjid) does not meet the eligibility criterion \(row.criterion) \(row.threshold): \(row.value)",
                hint: "confirm the value with the site and record the protocol deviation or waiver; the subject's data are kept"))
        }
    }
    return (rows, diagnostics)
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
private func latestScreening(_ dataset: Dataset, _ screening: Screening, test: String) -> [String: [String: Int]] {
    guard let selector = dataset.column(ifPresent: screening.variable), let testColumn = dataset.column(ifPresent: test),
          let dtc = dataset.column(ifPresent: dataset.prefix + "DTC"), let orres = dataset.column(ifPresent: dataset.prefix + "ORRES")
    else { return [:] }
    // Found by codes, in a table indexed by subject and test code.
    let subjects = dataset.columns[dataset.column("USUBJID")], tests = dataset.columns[testColumn]
    let selectors = dataset.columns[selector].codes, results = dataset.columns[orres].codes, dates = dataset.columns[dtc]
    let selected = dataset.columns[selector].distinct.map { $0.text == screening.value }
    var latestRow = [Int](repeating: -1, count: subjects.distinct.count * tests.distinct.count)
    for i in 0..<dataset.count where selected[Int(selectors[i])] && results[i] != 0 {
        let key = Int(subjects.codes[i]) * tests.distinct.count + Int(tests.codes[i])
        let kept = latestRow[key]
        if kept >= 0, dates.codes[kept] != dates.codes[i], dates[kept].text > dates[i].text { continue }
        latestRow[key] = i
    }
    var latest = [String: [String: Int]](minimumCapacity: subjects.distinct.count)
    for subject in subjects.distinct.indices {
        var byTest = [String: Int](minimumCapacity: tests.distinct.count)
        for test in tests.distinct.indices {
            let i = latestRow[subject * tests.distinct.count + test]
            if i >= 0 { byTest[tests.distinct[test].text] = i }
        }
        if !byTest.isEmpty { latest[subjects.distinct[subject].text, default: [:]].merge(byTest) { $1 } }
    }
    return latest
}
