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
    let dates = dataset.columns[dtc].isoDates, dateCodes = dataset.columns[dtc].codes, dateKeys = dates.map { $0?.sortKey ?? 0 }
    let yes = dataset.intern(.text("Y"), column: flag)
    // One subject at a time, so that only one subject's candidates are in memory.
    let runs = recordsBySubject(dataset, usubjid: usubjid)
    let subjectCodes = dataset.columns[usubjid].codes
    let firstDoses = subjects.dates("RFXSTDTC", byCodeOf: dataset.columns[usubjid])
    // Per code: whether a result is there, and the numbers ties are decided by.
    let notDone = stat.map { c in dataset.columns[c].distinct.map { $0.text == "NOT DONE" } }
    let present = dataset.columns[result].distinct.map { !$0.isNull }
    func numbers(_ column: Int?) -> [Double?]? {
        column.map { c in dataset.columns[c].distinct.map { if case .number(let n) = $0 { n } else { nil } } }
    }
    let visitnums = numbers(visitnum), seqs = numbers(seq)
    let columns = dataset.columns
    func codes(_ column: Int?) -> [UInt32]? { column.map { columns[$0].codes } }
    let testCodes = columns[testcd].codes, specimenCodes = codes(specimen), statCodes = codes(stat),
        resultCodes = columns[result].codes, visitnumCodes = codes(visitnum), seqCodes = codes(seq)
    // Subjects are independent: their baselines are found on all cores, then flagged here. Within a subject, a
    // record's test and specimen codes number its group.
    let specimenCount = specimen.map { dataset.columns[$0].distinct.count } ?? 1
    let groupCount = dataset.columns[testcd].distinct.count * specimenCount
    let baselines = concurrentRuns(of: runs.count) { part in
        var baselines: [Int] = []
        var latest = LatestBaselines(groupCount: groupCount)
        for rows in runs[part] {
            guard let dose = firstDoses[Int(subjectCodes[rows[0]])] else { continue }
            // Records sorted for --SEQ come date by date: the last date's verdict serves the records that share it.
            var (lastDate, onOrBefore) = (UInt32.max, false)
            for i in rows {
                if dateCodes[i] != lastDate {
                    lastDate = dateCodes[i]
                    onOrBefore = dates[Int(lastDate)].map { isCertainlyOnOrBefore($0, dose) } ?? false
                }
                let done = statCodes.map { !notDone![Int($0[i])] } ?? true
                guard done, present[Int(resultCodes[i])], onOrBefore else { continue }
                let timing = BaselineTiming(dtc: dateKeys[Int(dateCodes[i])], visitnum: visitnumCodes.flatMap { visitnums![Int($0[i])] },
                                            seq: seqCodes.flatMap { seqs![Int($0[i])].map { Int($0) } })
                latest.offer(i, group: Int(testCodes[i]) * specimenCount + Int(specimenCodes?[i] ?? 0), timing: timing)
            }
            baselines += latest.take()
        }
        return baselines
    }
    // The flag column written in one pass: Y on the baselines, null elsewhere.
    var flags = [UInt32](repeating: 0, count: dataset.count)
    for i in baselines.joined() { flags[i] = yes }
    dataset.setCodes(interned: flags, column: flag)
}

/// Each subject's records (by the codes of `usubjid`), in record order, subjects in the order they first appear.
/// Records usually come subject by subject (sorted for --SEQ): they are gathered a run at a time.
func recordsBySubject(_ dataset: Dataset, usubjid: Int) -> [[Int]] {
    var groups: [[Int]] = []
    var group: [UInt32: Int] = [:]
    let subjects = dataset.columns[usubjid].codes
    for run in subjects.codeRuns {
        if let g = group[subjects[run.lowerBound]] {
            groups[g] += run
        } else {
            group[subjects[run.lowerBound]] = groups.count
            groups.append(Array(run))
        }
    }
    return groups
}
