import SDTMModel

/// EPOCH from the record's start date (--STDTC, else --DTC): the last of the study's epochs whose start
/// (a DM reference date plus an offset) is on or before it. On the start day itself, when both the record and the
/// reference date/time have a time, the times decide (a pre-dose draw on the first-dose day is before TREATMENT).
/// A partial date gets the epoch when its first and last possible days fall in the same epoch; otherwise, and before
/// every epoch, EPOCH is empty.
func deriveEpoch(_ dataset: inout Dataset, subjects: SubjectTable, epochs: [StudyDefinition.Epoch]) {
    guard let epoch = dataset.column(ifPresent: "EPOCH"), let usubjid = dataset.column(ifPresent: "USUBJID"),
          let dateColumn = dataset.column(ifPresent: dataset.prefix + "STDTC") ?? dataset.column(ifPresent: dataset.prefix + "DTC")
    else { return }
    // Each subject's epoch starts, computed once: records come subject by subject. Days are counted from the epoch
    // of `CivilDate`, each distinct date's first and last possible days once.
    let dates = dataset.columns[dateColumn].isoDates, dateCodes = dataset.columns[dateColumn].codes
    let possibleDays = dates.map { $0?.possibleDays.map { (first: $0.0.daysSinceEpoch, last: $0.1.daysSinceEpoch) } }
    let subjectCodes = dataset.columns[usubjid].codes
    // Each epoch's anchor date (a DM variable) for each subject, by the subject's code.
    let rows = subjects.rows(byCodeOf: dataset.columns[usubjid])
    let anchorDates = epochs.map { subjects.dates($0.anchor, atRows: rows) }
    /// Each epoch's EPOCH code once interned, by its position in `epochs`.
    var epochCodes = [UInt32?](repeating: nil, count: epochs.count)
    // Within a subject, records on the same date get the same EPOCH: a date's EPOCH code is kept by date code, marked
    // with the run of the subject's records it was found in.
    var epochOfDate = [UInt32](repeating: 0, count: dates.count)
    var runOfDate = [Int](repeating: -1, count: dates.count)
    var run = -1
    var codes = [UInt32](repeating: 0, count: dataset.count)
    var subject: UInt32?
    var starts: [(epoch: Int, day: Int, minute: Int?)] = []
    for i in 0..<dataset.count {
        if subjectCodes[i] != subject {
            subject = subjectCodes[i]
            run += 1
            starts = epochs.indices.compactMap { n in
                let e = epochs[n]
                return anchorDates[n][Int(subjectCodes[i])].flatMap { anchor in
                    anchor.date.map { (n, $0.daysSinceEpoch + e.offsetDays, e.offsetDays == 0 ? anchor.minuteOfDay : nil) }
                }
            }
        }
        let date = Int(dateCodes[i])
        if runOfDate[date] == run {
            codes[i] = epochOfDate[date]
            continue
        }
        runOfDate[date] = run
        guard let value = dates[date], let (first, last) = possibleDays[date] else {
            epochOfDate[date] = 0
            codes[i] = 0
            continue
        }
        func epochOn(_ day: Int, minute: Int?) -> Int? {
            starts.last { start in
                start.day < day || (start.day == day && (minute == nil || start.minute == nil || start.minute! <= minute!))
            }?.epoch
        }
        let n = epochOn(first, minute: value.minuteOfDay)
        guard let n, let m = epochOn(last, minute: value.minuteOfDay), epochs[n].name == epochs[m].name else {
            epochOfDate[date] = 0
            codes[i] = 0
            continue
        }
        let code = epochCodes[n] ?? dataset.intern(.text(epochs[n].name), column: epoch)
        epochCodes[n] = code
        epochOfDate[date] = code
        codes[i] = code
    }
    dataset.setCodes(interned: codes, column: epoch)
}

extension ISODateTime {
    /// Minutes since midnight when the time is known to the minute.
    var minuteOfDay: Int? { hour.flatMap { h in minute.map { h * 60 + $0 } } }

    /// The first and last days the date may be: the day itself, or the whole month or year of a partial date.
    var possibleDays: (CivilDate, CivilDate)? {
        if let date { return (date, date) }
        if let month {
            guard let first = CivilDate(year: year, month: month, day: 1) else { return nil }
            return (first, CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!)
        }
        guard let first = CivilDate(year: year, month: 1, day: 1) else { return nil }
        return (first, CivilDate(year: year, month: 12, day: 31)!)
    }
}
