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
    var firstDose: [String: ISODateTime] = [:]
    let candidates = dataset.rows.map { r in
        let subject = r[usubjid].text
        if firstDose[subject] == nil, let date = subjects.date("RFXSTDTC", of: subject) { firstDose[subject] = date }
        let done = stat.map { r[$0].text != "NOT DONE" } ?? true
        return BaselineCandidate(
            usubjid: subject, testcd: r[testcd].text, specimen: specimen.map { r[$0].text } ?? "",
            dtc: ISODateTime(iso: r[dtc].text), hasResult: done && !r[result].isNull,
            visitnum: visitnum.flatMap { if case .number(let n) = r[$0] { n } else { nil } },
            seq: seq.flatMap { if case .number(let n) = r[$0] { Int(n) } else { nil } })
    }
    for (i, isBaseline) in baselineFlags(candidates, firstDose: firstDose).enumerated() {
        dataset[i, flag] = isBaseline ? .text("Y") : .null
    }
}
