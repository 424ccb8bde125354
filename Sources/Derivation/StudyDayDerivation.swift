import SDTMModel

/// --DY, --STDY and --ENDY from --DTC, --STDTC and --ENDTC against the subject's RFSTDTC:
/// no day 0, and empty when either date is partial.
func deriveStudyDays(_ dataset: inout Dataset, subjects: SubjectTable) {
    guard let usubjid = dataset.column(ifPresent: "USUBJID") else { return }
    let pairs = studyDayColumns(of: dataset)
    guard !pairs.isEmpty else { return }
    // Each distinct date's day number (nil unless complete), by code; each study day's code in its column, by day.
    let days = pairs.map { dataset.columns[$0.date].isoDates.map { $0?.date?.daysSinceEpoch } }
    let dateCodes = pairs.map { dataset.columns[$0.date].codes }
    let subjectCodes = dataset.columns[usubjid].codes
    var dayCodes = Array(repeating: DayCodes(), count: pairs.count)
    var codes = Array(repeating: [UInt32](repeating: 0, count: dataset.count), count: pairs.count)
    var subject: UInt32?
    var reference: Int?
    for i in 0..<dataset.count {
        if subjectCodes[i] != subject {
            subject = subjectCodes[i]
            reference = subjects.date("RFSTDTC", of: dataset[i, usubjid].text)?.date?.daysSinceEpoch
        }
        for n in pairs.indices {
            let dy = pairs[n].day
            guard let reference, let date = days[n][Int(dateCodes[n][i])] else { continue }
            let day = ISODateTime.studyDay(date, from: reference)
            let code = dayCodes[n][day] ?? dataset.intern(.number(Double(day)), column: dy)
            dayCodes[n][day] = code
            codes[n][i] = code
        }
    }
    for (n, pair) in pairs.enumerated() { dataset.setCodes(interned: codes[n], column: pair.day) }
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
