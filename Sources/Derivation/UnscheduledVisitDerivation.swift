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
        // Columns are read through their codes: a visit, date or subject repeated on many records is looked at once.
        let read = datasets.map { dataset in VisitColumns(dataset).map { ($0, $0.read(dataset)) } }
        var unplanned: [String: Set<CivilDate>] = [:]
        for (dataset, read) in zip(datasets, read) {
            guard let (_, r) = read else { continue }
            var byCode: [UInt32: Set<CivilDate>] = [:]
            for i in 0..<dataset.count where r.unplanned[Int(r.visits[i])] {
                guard let date = r.days[Int(r.dates[i])] else { continue }
                byCode[r.subjects[i], default: []].insert(date)
            }
            for (code, dates) in byCode { unplanned[r.subjectIDs[Int(code)], default: []].formUnion(dates) }
        }
        guard !unplanned.isEmpty else { return }
        // The scheduled visits of the subjects who have unplanned ones.
        var scheduled: [String: [(date: CivilDate, number: Double)]] = [:]
        for (dataset, read) in zip(datasets, read) {
            guard let (c, r) = read else { continue }
            let wanted = r.subjectIDs.map { unplanned[$0] != nil }
            let numbers = dataset.columns[c.visitnum].distinct.map { if case .number(let n) = $0 { n } else { nil } as Double? }
            let visitnums = dataset.columns[c.visitnum].codes
            // By subject code; a record that repeats the previous one's subject, date and visit (the tests of one
            // draw) adds nothing.
            var byCode: [UInt32: [(date: CivilDate, number: Double)]] = [:]
            var previous: (subject: UInt32, date: UInt32, visit: UInt32)?
            for i in 0..<dataset.count where !r.unplanned[Int(r.visits[i])] && wanted[Int(r.subjects[i])] {
                if let p = previous, p == (r.subjects[i], r.dates[i], visitnums[i]) { continue }
                previous = (r.subjects[i], r.dates[i], visitnums[i])
                guard let number = numbers[Int(visitnums[i])], let date = r.days[Int(r.dates[i])] else { continue }
                byCode[r.subjects[i], default: []].append((date, number))
            }
            for (code, visits) in byCode { scheduled[r.subjectIDs[Int(code)], default: []] += visits }
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
        let r = c.read(dataset)
        for i in 0..<dataset.count where r.unplanned[Int(r.visits[i])] {
            guard let date = r.days[Int(r.dates[i])], let number = numbers[r.subjectIDs[Int(r.subjects[i])]]?[date] else { continue }
            dataset[i, c.visitnum] = .number(number)
            dataset[i, c.visit] = .text(StudyDefinition.Visit.unscheduled + " " + Value.format(number))
        }
    }
}

/// The columns visit numbering reads: USUBJID, VISIT, VISITNUM and the record's date (--DTC, else --STDTC).
private struct VisitColumns {
    let usubjid, visit, visitnum, date: Int
    let marker = Value.text(StudyDefinition.Visit.unscheduled)

    /// Each record's codes of USUBJID, VISIT and the date, with what each code stands for.
    func read(_ dataset: Dataset) -> (subjects: [UInt32], subjectIDs: [String], visits: [UInt32], unplanned: [Bool],
                                      dates: [UInt32], days: [CivilDate?]) {
        let subjects = dataset.columns[usubjid], visits = dataset.columns[visit], dates = dataset.columns[date]
        return (subjects.codes, subjects.distinct.map(\.text), visits.codes, visits.distinct.map { $0 == marker },
                dates.codes, dates.isoDates.map { $0?.date })
    }

    init?(_ dataset: Dataset) {
        guard let visit = dataset.column(ifPresent: "VISIT"), let visitnum = dataset.column(ifPresent: "VISITNUM"),
              let usubjid = dataset.column(ifPresent: "USUBJID"),
              let date = dataset.column(ifPresent: dataset.prefix + "DTC") ?? dataset.column(ifPresent: dataset.prefix + "STDTC")
        else { return nil }
        (self.usubjid, self.visit, self.visitnum, self.date) = (usubjid, visit, visitnum, date)
    }
}
