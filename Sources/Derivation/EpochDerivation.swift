import SDTMModel

/// EPOCH from the record's start date (--STDTC, else --DTC): the last of the study's epochs whose start
/// (a DM reference date plus an offset) is on or before it. Empty when the date is partial or precedes every epoch.
func deriveEpoch(_ dataset: inout Dataset, subjects: SubjectTable, epochs: [StudyDefinition.Epoch]) {
    guard let epoch = dataset.column(ifPresent: "EPOCH"), let usubjid = dataset.column(ifPresent: "USUBJID"),
          let dateColumn = dataset.column(ifPresent: dataset.prefix + "STDTC") ?? dataset.column(ifPresent: dataset.prefix + "DTC")
    else { return }
    for i in dataset.records.indices {
        let subject = dataset.records[i].values[usubjid].text
        guard let date = ISODateTime(iso: dataset.records[i].values[dateColumn].text)?.date else {
            dataset.records[i].values[epoch] = .null
            continue
        }
        var name: String?
        for e in epochs {
            guard let anchor = subjects.date(e.anchor, of: subject)?.date else { continue }
            if anchor.adding(days: e.offsetDays) <= date { name = e.name }
        }
        dataset.records[i].values[epoch] = name.map(Value.text) ?? .null
    }
}
