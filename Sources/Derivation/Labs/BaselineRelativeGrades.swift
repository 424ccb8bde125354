import SDTMModel

/// LBTOXGR and LBTOX again for the records after a subject's baseline (LBLOBXFL) of a test whose CTCAE grade
/// depends on the baseline: by multiples of the baseline when it was above the ULN (AST, ALT, ALP, bilirubin), and by
/// multiples of the baseline as well as of the ULN for creatinine. Reads the standardized result and range, so it runs
/// after `deriveLabResults` and `deriveBaselineFlags`; a record whose date or standardized result is missing keeps its grade.
func deriveBaselineRelativeGrades(_ lb: inout Dataset, ctcae: CTCAETable) {
    guard let usubjid = lb.column(ifPresent: "USUBJID"), let testcd = lb.column(ifPresent: "LBTESTCD"),
          let flag = lb.column(ifPresent: "LBLOBXFL"), let stresn = lb.column(ifPresent: "LBSTRESN"),
          let dtc = lb.column(ifPresent: "LBDTC"), let toxgr = lb.column(ifPresent: "LBTOXGR")
    else { return }
    let specimen = lb.column(ifPresent: "LBSPEC"), tox = lb.column(ifPresent: "LBTOX")
    let low = lb.column(ifPresent: "LBSTNRLO"), high = lb.column(ifPresent: "LBSTNRHI")
    let tests = lb.columns[testcd]
    let depends = tests.distinct.map { ctcae.dependsOnBaseline($0.text) }
    let gradedTests = tests.distinct.map { ctcae.test($0.text) }
    let specimens = specimen.map { lb.columns[$0].codes }
    /// Within a subject's records, whose baseline a record is graded against: its test and specimen codes.
    @Sendable func key(_ i: Int) -> UInt64 { UInt64(tests.codes[i]) << 32 | UInt64(specimens.map { $0[i] } ?? 0) }
    // Each distinct standardized number and limit read once.
    func numbers(_ column: Int?) -> (codes: [UInt32], numbers: [LabNumber?])? {
        column.map { c in
            (lb.columns[c].codes, lb.columns[c].distinct.map { if case .number(let d) = $0 { LabNumber(Value.format(d)) } else { nil } })
        }
    }
    let results = numbers(stresn)!, lows = numbers(low), highs = numbers(high)
    @Sendable func number(_ i: Int, _ column: (codes: [UInt32], numbers: [LabNumber?])?) -> LabNumber? {
        column.flatMap { $0.numbers[Int($0.codes[i])] }
    }
    let dates = lb.columns[dtc].isoDates, dateCodes = lb.columns[dtc].codes
    @Sendable func date(_ i: Int) -> ISODateTime? { dates[Int(dateCodes[i])] }
    let flagged = lb.columns[flag].distinct.map { $0 == .text("Y") }, flags = lb.columns[flag].codes
    // Subjects are independent: each one's baselines found among its records, then its later records graded, on all
    // cores; the grades are written here, in record order.
    let runs = recordsBySubject(lb, usubjid: usubjid)
    let graded = concurrentRuns(of: runs.count) { run in
        var graded: [(row: Int, grade: CTCAEGrade)] = []
        for rows in runs[run] {
            // The subject's baselines by test and specimen: the last flagged record of each.
            var baselines: [(key: UInt64, date: ISODateTime, baseline: CTCAEBaseline)] = []
            for i in rows where depends[Int(tests.codes[i])] && flagged[Int(flags[i])] {
                guard let date = date(i), let value = number(i, results) else { continue }
                let uln = number(i, highs)
                let entry = (key(i), date, CTCAEBaseline(value: value, abnormal: uln.map { value.double > $0.double } ?? false))
                if let k = baselines.firstIndex(where: { $0.key == entry.0 }) { baselines[k] = entry } else { baselines.append(entry) }
            }
            guard !baselines.isEmpty else { continue }
            for i in rows where depends[Int(tests.codes[i])] {
                let k = key(i)
                guard let (_, start, baseline) = baselines.first(where: { $0.key == k }), let date = date(i), start < date,
                      let value = number(i, results),
                      let test = gradedTests[Int(tests.codes[i])],
                      let grade = try? ctcae.grade(test, value: value, lln: number(i, lows), uln: number(i, highs), baseline: baseline)
                else { continue }
                graded.append((i, grade))
            }
        }
        return graded
    }
    // The grades in record order (runs come subject by subject, usually in order already); each grade's LBTOXGR and
    // LBTOX values interned at its first record, by test and grade, and written in place.
    var grades = graded.flatMap { $0 }
    guard !grades.isEmpty else { return }
    if zip(grades, grades.dropFirst()).contains(where: { $0.row > $1.row }) { grades.sort { $0.row < $1.row } }
    let levels = (grades.map(\.grade.grade).max() ?? 0) + 1
    var gradeCodes = [(toxgr: UInt32, tox: UInt32)?](repeating: nil, count: tests.distinct.count * levels)
    for (i, grade) in grades {
        let key = Int(tests.codes[i]) * levels + grade.grade
        let codes = gradeCodes[key] ?? (lb.intern(.text(String(grade.grade)), column: toxgr),
                                        tox.map { lb.intern(grade.grade > 0 ? .text(grade.term) : .null, column: $0) } ?? 0)
        gradeCodes[key] = codes
        lb.setCode(codes.toxgr, row: i, column: toxgr)
        if let tox { lb.setCode(codes.tox, row: i, column: tox) }
    }
}
