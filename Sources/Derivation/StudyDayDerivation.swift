import SDTMModel

/// --DY, --STDY and --ENDY from --DTC, --STDTC and --ENDTC against the subject's RFSTDTC:
/// no day 0, and empty when either date is partial.
func deriveStudyDays(_ dataset: inout Dataset, subjects: SubjectTable) {
    guard let usubjid = dataset.column(ifPresent: "USUBJID") else { return }
    let pairs = studyDayColumns(of: dataset)
    guard !pairs.isEmpty else { return }
    // Each subject's reference day, by its code; each run of its records with it.
    let subjectCodes = dataset.columns[usubjid].codes
    let references = subjects.dates("RFSTDTC", byCodeOf: dataset.columns[usubjid]).map { $0?.date?.daysSinceEpoch }
    let runs = subjectCodes.codeRuns.compactMap { records in references[Int(subjectCodes[records.lowerBound])].map { (records, $0) } }
    // A pair at a time: each distinct date's day number (nil unless complete), by code; each study day's code in its
    // column, by day.
    for pair in pairs {
        let days = dataset.columns[pair.date].isoDates.map { $0?.date?.daysSinceEpoch }
        let dateCodes = dataset.columns[pair.date].codes
        var dayCodes = DayCodes()
        var codes = [UInt32](repeating: 0, count: dataset.count)
        for (records, reference) in runs {
            for i in records {
                guard let date = days[Int(dateCodes[i])] else { continue }
                let day = ISODateTime.studyDay(date, from: reference)
                if let known = dayCodes[day] {
                    codes[i] = known
                } else {
                    codes[i] = dataset.intern(.number(Double(day)), column: pair.day)
                    dayCodes[day] = codes[i]
                }
            }
        }
        dataset.setCodes(interned: codes, column: pair.day)
    }
}

/// Study days' codes in their column, by day: in an array for the days of a century around the reference date.
private struct DayCodes {
    private static let span = 36_525
    private var near = [UInt32?](repeating: nil, count: 2 * span + 1)
    private var far: [Int: UInt32] = [:]

    subscript(day: Int) -> UInt32? {
        get { abs(day) <= Self.span ? near[day + Self.span] : far[day] }
        set {
            if abs(day) <= Self.span { near[day + Self.span] = newValue } else { far[day] = newValue }
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
