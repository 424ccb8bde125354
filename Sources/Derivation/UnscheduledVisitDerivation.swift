import SDTMModel

/// VISITNUM and VISIT of unplanned visits, which the mappings write as VISIT `UNSCHEDULED` without a VISITNUM,
/// numbered once per subject across every dataset so that one unplanned visit has one number everywhere.
///
/// An unplanned visit is numbered after the subject's last scheduled visit on or before its date (in any dataset),
/// plus 0.01 for each distinct unplanned date after that visit: 3.01, 3.02, ... (SDTMIG's decimal numbering for
/// inserted visits). VISIT becomes `UNSCHEDULED 3.01`, so VISIT and VISITNUM stay one to one. An unplanned date
/// before every scheduled visit counts from 0; a record without a complete date keeps VISIT `UNSCHEDULED` and no
/// VISITNUM.
struct UnscheduledVisitNumbers {
    private var numbers: [String: [CivilDate: Double]] = [:]

    init(_ datasets: [Dataset]) {
        var unplanned: [String: Set<CivilDate>] = [:]
        for dataset in datasets {
            guard let c = VisitColumns(dataset) else { continue }
            for record in dataset.rows where record[c.visit] == c.marker {
                guard let date = ISODateTime(iso: record[c.date].text)?.date else { continue }
                unplanned[record[c.usubjid].text, default: []].insert(date)
            }
        }
        guard !unplanned.isEmpty else { return }
        // The scheduled visits of the subjects who have unplanned ones.
        var scheduled: [String: [(date: CivilDate, number: Double)]] = [:]
        for dataset in datasets {
            guard let c = VisitColumns(dataset) else { continue }
            for record in dataset.rows where record[c.visit] != c.marker {
                let subject = record[c.usubjid].text
                guard unplanned[subject] != nil, case .number(let number) = record[c.visitnum],
                      let date = ISODateTime(iso: record[c.date].text)?.date else { continue }
                scheduled[subject, default: []].append((date, number))
            }
        }
        for (subject, dates) in unplanned {
            let visits = scheduled[subject] ?? []
            var count: [Double: Int] = [:]
            for date in dates.sorted() {
                let base = visits.filter { $0.date <= date }.max { ($0.date, $0.number) < ($1.date, $1.number) }?.number ?? 0
                count[base, default: 0] += 1
                numbers[subject, default: [:]][date] = ((base * 100).rounded() + Double(count[base]!)) / 100
            }
        }
    }

    /// Numbers the unplanned records of a dataset.
    func apply(to dataset: inout Dataset) {
        guard let c = VisitColumns(dataset) else { return }
        for i in 0..<dataset.count where dataset[i, c.visit] == c.marker {
            let subject = dataset[i, c.usubjid].text
            guard let date = ISODateTime(iso: dataset[i, c.date].text)?.date,
                  let number = numbers[subject]?[date] else { continue }
            dataset[i, c.visitnum] = .number(number)
            dataset[i, c.visit] = .text(StudyDefinition.Visit.unscheduled + " " + Value.format(number))
        }
    }
}

/// The columns visit numbering reads: USUBJID, VISIT, VISITNUM and the record's date (--DTC, else --STDTC).
private struct VisitColumns {
    let usubjid, visit, visitnum, date: Int
    let marker = Value.text(StudyDefinition.Visit.unscheduled)

    init?(_ dataset: Dataset) {
        guard let visit = dataset.column(ifPresent: "VISIT"), let visitnum = dataset.column(ifPresent: "VISITNUM"),
              let usubjid = dataset.column(ifPresent: "USUBJID"),
              let date = dataset.column(ifPresent: dataset.prefix + "DTC") ?? dataset.column(ifPresent: dataset.prefix + "STDTC")
        else { return nil }
        (self.usubjid, self.visit, self.visitnum, self.date) = (usubjid, visit, visitnum, date)
    }
}
