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
    let dates = dataset.columns[dtc].isoDates
    let yes = dataset.intern(.text("Y"), column: flag)
    // One subject at a time, so that only one subject's candidates are in memory.
    var rowsBySubject: [UInt32: [Int]] = [:]
    for i in 0..<dataset.count { rowsBySubject[dataset.columns[usubjid].codes[i], default: []].append(i) }
    for rows in rowsBySubject.values {
        let subject = dataset[rows[0], usubjid].text
        guard let dose = subjects.date("RFXSTDTC", of: subject) else {
            for i in rows { dataset.setCode(0, row: i, column: flag) }
            continue
        }
        let candidates = rows.map { i in
            let done = stat.map { dataset[i, $0].text != "NOT DONE" } ?? true
            return BaselineCandidate(
                usubjid: subject, testcd: dataset[i, testcd].text, specimen: specimen.map { dataset[i, $0].text } ?? "",
                dtc: dates[Int(dataset.columns[dtc].codes[i])], hasResult: done && !dataset[i, result].isNull,
                visitnum: visitnum.flatMap { if case .number(let n) = dataset[i, $0] { n } else { nil } },
                seq: seq.flatMap { if case .number(let n) = dataset[i, $0] { Int(n) } else { nil } })
        }
        for (i, isBaseline) in zip(rows, baselineFlags(candidates, firstDose: [subject: dose])) {
            dataset.setCode(isBaseline ? yes : 0, row: i, column: flag)
        }
    }
}
