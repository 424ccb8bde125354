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
    let dateKeys = lb.columns[dtc].isoDates.map { $0?.sortKey }, dateCodes = lb.columns[dtc].codes
    @Sendable func date(_ i: Int) -> UInt64? { dateKeys[Int(dateCodes[i])] }
    let flagged = lb.columns[flag].distinct.map { $0 == .text("Y") }, flags = lb.columns[flag].codes
    // Subjects are independent: each one's baselines found among its records, then its later records graded, on all
    // cores; the grades are written here, in record order.
    let runs = recordsBySubject(lb, usubjid: usubjid)
    let parts = concurrentRuns(of: runs.count) { run in
        var part = GradedRecords()
        for rows in runs[run] {
            // The subject's baselines by test and specimen: the last flagged record of each.
            var baselines: [(key: UInt64, date: UInt64, result: UInt32, abnormal: Bool)] = []
            for i in rows where depends[Int(tests.codes[i])] && flagged[Int(flags[i])] {
                guard let date = date(i), let value = number(i, results) else { continue }
                let entry = (key(i), date, results.codes[i], number(i, highs).map { value.double > $0.double } ?? false)
                if let k = baselines.firstIndex(where: { $0.key == entry.0 }) { baselines[k] = entry } else { baselines.append(entry) }
            }
            guard !baselines.isEmpty else { continue }
            for i in rows where depends[Int(tests.codes[i])] {
                let k = key(i)
                guard let baseline = baselines.first(where: { $0.key == k }), let date = date(i), baseline.date < date
                else { continue }
                let inputs = GradeInputs(test: tests.codes[i], result: results.codes[i], low: lows?.codes[i] ?? 0,
                                         high: highs?.codes[i] ?? 0, baseline: baseline.result, abnormal: baseline.abnormal)
                guard !part.addKnown(i, inputs) else { continue }
                let grade: CTCAEGrade? = if let value = number(i, results), let test = gradedTests[Int(tests.codes[i])],
                                            let baselineValue = results.numbers[Int(baseline.result)] {
                    try? ctcae.grade(test, value: value, lln: number(i, lows), uln: number(i, highs),
                                     baseline: CTCAEBaseline(value: baselineValue, abnormal: baseline.abnormal))
                } else {
                    nil
                }
                part.add(i, inputs, grade: grade)
            }
        }
        return part
    }
    // Each grade's LBTOXGR and LBTOX values interned in the order of its first record (so that values come in record
    // order), then every graded record's codes written, part by part, into the columns rewritten in one go.
    let firsts = parts.enumerated().flatMap { p, part in part.grades.indices.map { (row: part.firstRows[$0], part: p, grade: $0) } }
    guard !firsts.isEmpty else { return }
    var partCodes = parts.map { [(toxgr: UInt32, tox: UInt32)](repeating: (0, 0), count: $0.grades.count) }
    var gradeCodes: [CTCAEGrade: (toxgr: UInt32, tox: UInt32)] = [:]
    for (_, p, g) in firsts.sorted(by: { $0.row < $1.row }) {
        let grade = parts[p].grades[g]
        let codes = gradeCodes[grade] ?? (lb.intern(.text(String(grade.grade)), column: toxgr),
                                          tox.map { lb.intern(grade.grade > 0 ? .text(grade.term) : .null, column: $0) } ?? 0)
        gradeCodes[grade] = codes
        partCodes[p][g] = codes
    }
    var toxgrCodes = lb.columns[toxgr].codes, toxCodes = tox.map { lb.columns[$0].codes } ?? []
    for (p, part) in parts.enumerated() {
        for (row, g) in part.records {
            toxgrCodes[row] = partCodes[p][Int(g)].toxgr
            if tox != nil { toxCodes[row] = partCodes[p][Int(g)].tox }
        }
    }
    lb.setCodes(interned: toxgrCodes, column: toxgr)
    if let tox { lb.setCodes(interned: toxCodes, column: tox) }
}

/// What a baseline-relative grade depends on, by code: records that share them share the grade.
private struct GradeInputs: Equatable {
    var test, result, low, high, baseline: UInt32
    var abnormal: Bool

    /// A multiplicative hash of the codes (a `Hasher` per record cost more than the grading it saves).
    var hash: UInt64 {
        let a = UInt64(result) << 32 | UInt64(baseline), b = UInt64(low) << 32 | UInt64(high)
        let c = UInt64(test) << 1 | (abnormal ? 1 : 0)
        return (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ (c &* 0x1656_67B1_9E37_79F9)
    }
}

/// One part's graded records, each grade worked out once per combination of its inputs.
private struct GradedRecords {
    /// The distinct grades, in the order they came, and the first record (lowest row) of each.
    private(set) var grades: [CTCAEGrade] = []
    private(set) var firstRows: [Int] = []
    /// Each graded record and the position of its grade in `grades`.
    private(set) var records: [(row: Int, grade: Int32)] = []
    /// The inputs met so far and their grade's position in `grades` (-1 for none), in an open-addressing table kept at
    /// most half full.
    private var slots = [(inputs: GradeInputs, grade: Int32)?](repeating: nil, count: 1 << 12)
    private var used = 0

    /// Grades record `row` as the record before it with the same inputs, if there was one; false when there was none.
    mutating func addKnown(_ row: Int, _ inputs: GradeInputs) -> Bool {
        guard let grade = slots.withUnsafeBufferPointer({ slots in
            var slot = Int(truncatingIfNeeded: inputs.hash >> 32) & (slots.count - 1)
            while let entry = slots[slot] {
                if entry.inputs == inputs { return entry.grade }
                slot = (slot + 1) & (slots.count - 1)
            }
            return nil
        }) else { return false }
        if grade >= 0 { graded(row, grade) }
        return true
    }

    /// Grades record `row`, the first with its inputs, by `grade` (nil for none).
    mutating func add(_ row: Int, _ inputs: GradeInputs, grade: CTCAEGrade?) {
        var position: Int32 = -1
        if let grade {
            position = Int32(grades.firstIndex(of: grade) ?? grades.count)
            if position == grades.count {
                grades.append(grade)
                firstRows.append(row)
            }
            graded(row, position)
        }
        var slot = Int(truncatingIfNeeded: inputs.hash >> 32) & (slots.count - 1)
        while slots[slot] != nil { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = (inputs, position)
        used += 1
        if 2 * used > slots.count { grow() }
    }

    private mutating func graded(_ row: Int, _ grade: Int32) {
        records.append((row, grade))
        if row < firstRows[Int(grade)] { firstRows[Int(grade)] = row }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: 2 * old.count)
        for case let entry? in old {
            var slot = Int(truncatingIfNeeded: entry.inputs.hash >> 32) & (slots.count - 1)
            while slots[slot] != nil { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = entry
        }
    }
}
