import SDTMModel

/// DM reference dates from exposure and the subject's other data:
/// RFXSTDTC/RFXENDTC are the first and last dose (EXSTDTC, EXENDTC), RFSTDTC/RFENDTC equal them,
/// RFPENDTC is the collected end of participation (or the death date when later; the latest date known for
/// the subject when neither is collected), and DTHFL is Y when DTHDTC is known.
func deriveReferenceDates(dm: inout Dataset, exposure: Dataset?, others: [Dataset]) {
    let usubjid = dm.column("USUBJID")
    var first: [String: ISODateTime] = [:]
    var last: [String: ISODateTime] = [:]
    if let ex = exposure, let id = ex.column(ifPresent: "USUBJID"),
       let start = ex.column(ifPresent: "EXSTDTC"), let end = ex.column(ifPresent: "EXENDTC") {
        for record in ex.rows {
            let subject = record[id].text
            if let s = ISODateTime(iso: record[start].text) {
                if first[subject].map({ s < $0 }) ?? true { first[subject] = s }
                if last[subject].map({ $0 < s }) ?? true { last[subject] = s }
            }
            if let e = ISODateTime(iso: record[end].text), last[subject].map({ $0 < e }) ?? true {
                last[subject] = e
            }
        }
    }
    // The latest date known is needed only for subjects without a collected end of participation.
    let rfpendtc = dm.column("RFPENDTC")
    let needLatest = Set(dm.rows.filter { $0[rfpendtc].isNull }.map { $0[usubjid].text })
    var latest: [String: ISODateTime] = [:]
    for dataset in needLatest.isEmpty ? [] : [dm] + others + (exposure.map { [$0] } ?? []) {
        guard let id = dataset.column(ifPresent: "USUBJID") else { continue }
        let dateColumns = dataset.spec.variables.indices.filter {
            let name = dataset.spec.variables[$0].name
            return name.hasSuffix("DTC") && name != "BRTHDTC"
        }
        // Read through codes: each subject's need and each date parsed once per distinct value.
        let subjects = dataset.columns[id]
        let needed = subjects.distinct.map { needLatest.contains($0.text) }
        let dates = dateColumns.map { (codes: dataset.columns[$0].codes, values: dataset.columns[$0].isoDates) }
        var latestByCode: [UInt32: ISODateTime] = [:]
        for i in 0..<dataset.count where needed[Int(subjects.codes[i])] {
            let subject = subjects.codes[i]
            for column in dates {
                guard let d = column.values[Int(column.codes[i])] else { continue }
                if latestByCode[subject].map({ $0 < d }) ?? true { latestByCode[subject] = d }
            }
        }
        for (code, d) in latestByCode {
            let subject = subjects.distinct[Int(code)].text
            if latest[subject].map({ $0 < d }) ?? true { latest[subject] = d }
        }
    }
    let columns = ["RFSTDTC", "RFENDTC", "RFXSTDTC", "RFXENDTC", "RFPENDTC", "DTHDTC", "DTHFL"].map(dm.column)
    for i in 0..<dm.count {
        let subject = dm[i, usubjid].text
        let start = first[subject].map { Value.text($0.description) } ?? .null
        let end = last[subject].map { Value.text($0.description) } ?? .null
        dm[i, columns[0]] = start
        dm[i, columns[1]] = end
        dm[i, columns[2]] = start
        dm[i, columns[3]] = end
        // The collected end of participation (last contact) stands, or the death date when that is later;
        // only a subject with neither gets the latest date known in any dataset.
        let collected = ISODateTime(iso: dm[i, columns[4]].text)
        let death = ISODateTime(iso: dm[i, columns[5]].text)
        if let collected {
            if let death, death.dateOnly > collected.dateOnly { dm[i, columns[4]] = .text(death.description) }
        } else if let l = latest[subject] {
            dm[i, columns[4]] = .text(l.description)
        }
        dm[i, columns[6]] = dm[i, columns[5]].isNull ? .null : .text("Y")
    }
}

extension ISODateTime {
    /// The date part alone, so that a time of day does not outrank a later date.
    var dateOnly: ISODateTime { ISODateTime(year: year, month: month, day: day)! }
}
