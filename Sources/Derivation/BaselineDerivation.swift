import SDTMModel

/// --LOBXFL of a findings dataset: `Y` on the last record with a standardized result (--STRESC, else --ORRES) on or
/// before the subject's first dose (DM.RFXSTDTC), per test and specimen; see `baselineFlags` for partial dates and ties.
func deriveBaselineFlags(_ dataset: inout Dataset, subjects: SubjectTable) {
    let p = dataset.prefix
    guard let flag = dataset.column(ifPresent: p + "LOBXFL"), let usubjid = dataset.column(ifPresent: "USUBJID"),
          let testcd = dataset.column(ifPresent: p + "TESTCD"), let dtc = dataset.column(ifPresent: p + "DTC"),
          let result = dataset.column(ifPresent: p + "STRESC") ?? dataset.column(ifPresent: p + "ORRES")
    else { return }
    let specimen = dataset.column(ifPresent: p + "SPEC")
    let stat = dataset.column(ifPresent: p + "STAT")
    let visitnum = dataset.column(ifPresent: "VISITNUM"), seq = dataset.column(ifPresent: p + "SEQ")
    let dates = dataset.columns[dtc].isoDates, dateCodes = dataset.columns[dtc].codes
    let yes = dataset.intern(.text("Y"), column: flag)
    // One subject at a time, so that only one subject's candidates are in memory. Records come subject by subject
    // (sorted for --SEQ): their rows are gathered a run at a time.
    var rowsBySubject: [UInt32: [Int]] = [:]
    let subjectCodes = dataset.columns[usubjid].codes
    var start = 0
    while start < dataset.count {
        var end = start + 1
        while end < dataset.count, subjectCodes[end] == subjectCodes[start] { end += 1 }
        rowsBySubject[subjectCodes[start], default: []] += start..<end
        start = end
    }
    // Subjects are independent: their baselines are found on all cores, then flagged here.
    let runs = Array(rowsBySubject.values)
    let baselines = concurrentRuns(of: runs.count) { [dataset] part in
        var baselines: [Int] = []
        for rows in runs[part] {
            let subject = dataset[rows[0], usubjid].text
            guard let dose = subjects.date("RFXSTDTC", of: subject) else { continue }
            // Only a record dated certainly on or before the first dose can be the baseline: the others are not candidates.
            let eligible = rows.filter { i in dates[Int(dateCodes[i])].map { isCertainlyOnOrBefore($0, dose) } ?? false }
            let candidates = eligible.map { i in
                let done = stat.map { dataset[i, $0].text != "NOT DONE" } ?? true
                return BaselineCandidate(
                    usubjid: subject, testcd: dataset[i, testcd].text, specimen: specimen.map { dataset[i, $0].text } ?? "",
                    dtc: dates[Int(dateCodes[i])], hasResult: done && !dataset[i, result].isNull,
                    visitnum: visitnum.flatMap { if case .number(let n) = dataset[i, $0] { n } else { nil } },
                    seq: seq.flatMap { if case .number(let n) = dataset[i, $0] { Int(n) } else { nil } })
            }
            for (i, isBaseline) in zip(eligible, baselineFlags(candidates, firstDose: [subject: dose])) where isBaseline {
                baselines.append(i)
            }
        }
        return baselines
    }
    for i in 0..<dataset.count { dataset.setCode(0, row: i, column: flag) }
    for i in baselines.joined() { dataset.setCode(yes, row: i, column: flag) }
}
