import SDTMModel

/// VISITNUM and VISIT of unplanned visits, which the mapping writes as VISIT `UNSCHEDULED` without a VISITNUM.
///
/// An unplanned visit is numbered after the subject's last scheduled visit on or before its date in the same
/// dataset, plus 0.01 for each distinct unplanned date after that visit: 3.01, 3.02, ... (SDTMIG's decimal
/// numbering for inserted visits). VISIT becomes `UNSCHEDULED 3.01`, so VISIT and VISITNUM stay one to one.
/// An unplanned date before every scheduled visit counts from 0; a record without a complete date keeps VISIT
/// `UNSCHEDULED` and no VISITNUM.
func deriveUnscheduledVisits(_ dataset: inout Dataset) {
    guard let visit = dataset.column(ifPresent: "VISIT"), let visitnum = dataset.column(ifPresent: "VISITNUM"),
          let usubjid = dataset.column(ifPresent: "USUBJID"),
          let dateColumn = dataset.column(ifPresent: dataset.prefix + "DTC") ?? dataset.column(ifPresent: dataset.prefix + "STDTC")
    else { return }
    let marker = Value.text(StudyDefinition.Visit.unscheduled)
    let unplanned = dataset.records.indices.filter { dataset.records[$0].values[visit] == marker }
    guard !unplanned.isEmpty else { return }

    // Each subject's scheduled visits: (date, VISITNUM), in date order.
    var scheduled: [String: [(date: CivilDate, number: Double)]] = [:]
    for record in dataset.records where record.values[visit] != marker {
        guard case .number(let number) = record.values[visitnum],
              let date = ISODateTime(iso: record.values[dateColumn].text)?.date else { continue }
        scheduled[record.values[usubjid].text, default: []].append((date, number))
    }
    func base(_ subject: String, _ date: CivilDate) -> Double {
        var best: (date: CivilDate, number: Double)?
        for v in scheduled[subject] ?? [] where v.date <= date {
            if best == nil || (v.date, v.number) > (best!.date, best!.number) { best = v }
        }
        return best?.number ?? 0
    }

    struct Slot: Hashable { var subject: String; var base: Double }
    var dates: [Slot: Set<CivilDate>] = [:]
    var placed: [(record: Int, slot: Slot, date: CivilDate)] = []
    for i in unplanned {
        let subject = dataset.records[i].values[usubjid].text
        guard let date = ISODateTime(iso: dataset.records[i].values[dateColumn].text)?.date else { continue }
        let slot = Slot(subject: subject, base: base(subject, date))
        dates[slot, default: []].insert(date)
        placed.append((i, slot, date))
    }
    let order = dates.mapValues { Dictionary(uniqueKeysWithValues: $0.sorted().enumerated().map { ($1, $0 + 1) }) }
    for (i, slot, date) in placed {
        let number = ((slot.base * 100).rounded() + Double(order[slot]![date]!)) / 100
        dataset.records[i].values[visitnum] = .number(number)
        dataset.records[i].values[visit] = .text(StudyDefinition.Visit.unscheduled + " " + Value.format(number))
    }
}
