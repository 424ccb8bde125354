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
    let keyColumns = [usubjid, testcd] + (specimen.map { [$0] } ?? [])
    func key(_ i: Int) -> [UInt32] { keyColumns.map { lb.columns[$0].codes[i] } }
    func number(_ i: Int, _ column: Int?) -> LabNumber? {
        guard let column, case .number(let d) = lb[i, column] else { return nil }
        return LabNumber(Value.format(d))
    }
    let dates = lb.columns[dtc].isoDates, dateCodes = lb.columns[dtc].codes
    func date(_ i: Int) -> ISODateTime? { dates[Int(dateCodes[i])] }
    var baselines: [[UInt32]: (date: ISODateTime, baseline: CTCAEBaseline)] = [:]
    for i in 0..<lb.count where depends[Int(tests.codes[i])] && lb[i, flag] == .text("Y") {
        guard let date = date(i), let value = number(i, stresn) else { continue }
        let uln = number(i, high)
        baselines[key(i)] = (date, CTCAEBaseline(value: value, abnormal: uln.map { value.double > $0.double } ?? false))
    }
    guard !baselines.isEmpty else { return }
    for i in 0..<lb.count where depends[Int(tests.codes[i])] {
        guard let (start, baseline) = baselines[key(i)], let date = date(i), start < date,
              let value = number(i, stresn),
              let grade = try? ctcae.grade(testcd: lb[i, testcd].text, value: value, lln: number(i, low), uln: number(i, high),
                                           baseline: baseline)
        else { continue }
        lb[i, toxgr] = .text(String(grade.grade))
        if let tox { lb[i, tox] = grade.grade > 0 ? .text(grade.term) : .null }
    }
}
