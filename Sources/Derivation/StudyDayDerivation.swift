import SDTMModel

/// --DY, --STDY and --ENDY from --DTC, --STDTC and --ENDTC against the subject's RFSTDTC:
/// no day 0, and empty when either date is partial.
func deriveStudyDays(_ dataset: inout Dataset, subjects: SubjectTable) {
    guard let usubjid = dataset.column(ifPresent: "USUBJID") else { return }
    let pairs = studyDayColumns(of: dataset)
    guard !pairs.isEmpty else { return }
    let dates = pairs.map { dataset.columns[$0.0].isoDates }
    let dateCodes = pairs.map { dataset.columns[$0.0].codes }
    let subjectCodes = dataset.columns[usubjid].codes
    var dayCodes: [[Int: UInt32]] = Array(repeating: [:], count: pairs.count)
    var subject: UInt32?
    var reference: ISODateTime?
    for i in 0..<dataset.count {
        if subjectCodes[i] != subject {
            subject = subjectCodes[i]
            reference = subjects.date("RFSTDTC", of: dataset[i, usubjid].text)
        }
        for (n, (_, dy)) in pairs.enumerated() {
            guard let day = reference.flatMap({ ref in dates[n][Int(dateCodes[n][i])]?.studyDay(from: ref) }) else {
                dataset.setCode(0, row: i, column: dy)
                continue
            }
            let code = dayCodes[n][day] ?? dataset.intern(.number(Double(day)), column: dy)
            dayCodes[n][day] = code
            dataset.setCode(code, row: i, column: dy)
        }
    }
}

/// The dataset's date columns and the study-day column each gives (--DTC and --DY, --STDTC and --STDY, --ENDTC and
/// --ENDY), for the pairs it has both of.
func studyDayColumns(of dataset: Dataset) -> [(date: Int, day: Int)] {
    let p = dataset.prefix
    return [("DTC", "DY"), ("STDTC", "STDY"), ("ENDTC", "ENDY")].compactMap { dtc, dy in
        dataset.column(ifPresent: p + dtc).flatMap { d in dataset.column(ifPresent: p + dy).map { (d, $0) } }
    }
}
