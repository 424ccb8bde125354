import SDTMModel

/// EPOCH from the record's start date (--STDTC, else --DTC): the last of the study's epochs whose start
/// (a DM reference date plus an offset) is on or before it. A partial date gets the epoch when its first and last
/// possible days fall in the same epoch; otherwise, and before every epoch, EPOCH is empty.
func deriveEpoch(_ dataset: inout Dataset, subjects: SubjectTable, epochs: [StudyDefinition.Epoch]) {
    guard let epoch = dataset.column(ifPresent: "EPOCH"), let usubjid = dataset.column(ifPresent: "USUBJID"),
          let dateColumn = dataset.column(ifPresent: dataset.prefix + "STDTC") ?? dataset.column(ifPresent: dataset.prefix + "DTC")
    else { return }
    for i in dataset.records.indices {
        let subject = dataset.records[i].values[usubjid].text
        guard let (first, last) = ISODateTime(iso: dataset.records[i].values[dateColumn].text)?.possibleDays else {
            dataset.records[i].values[epoch] = .null
            continue
        }
        func epochName(on date: CivilDate) -> String? {
            var name: String?
            for e in epochs {
                guard let anchor = subjects.date(e.anchor, of: subject)?.date else { continue }
                if anchor.adding(days: e.offsetDays) <= date { name = e.name }
            }
            return name
        }
        let name = epochName(on: first)
        dataset.records[i].values[epoch] = name != nil && name == epochName(on: last) ? .text(name!) : .null
    }
}

extension ISODateTime {
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
