import SDTMModel

/// DM reference dates from exposure and the subject's other data:
/// RFXSTDTC/RFXENDTC are the first and last dose (EXSTDTC, EXENDTC), RFSTDTC/RFENDTC equal them,
/// RFPENDTC is the collected end of participation (or the death date when later; the latest date known for
/// the subject when neither is collected), and DTHFL is Y when DTHDTC is known.
func deriveReferenceDates(dm: inout Dataset, exposure: Dataset?, others: [Dataset]) {
    let usubjid = dm.column("USUBJID")
    var first = [String: ISODateTime](minimumCapacity: dm.count)
    var last = [String: ISODateTime](minimumCapacity: dm.count)
    if let ex = exposure, let id = ex.column(ifPresent: "USUBJID"),
       let start = ex.column(ifPresent: "EXSTDTC"), let end = ex.column(ifPresent: "EXENDTC") {
        // Read through codes: each distinct date parsed once, each subject's dates kept by its code.
        let subjects = ex.columns[id], starts = ex.columns[start], ends = ex.columns[end]
        let startDates = starts.isoDates, endDates = ends.isoDates
        var firstByCode = [ISODateTime?](repeating: nil, count: subjects.distinct.count), lastByCode = firstByCode
        for i in 0..<ex.count {
            let subject = Int(subjects.codes[i])
            if let s = startDates[Int(starts.codes[i])] {
                if firstByCode[subject].map({ s < $0 }) ?? true { firstByCode[subject] = s }
                if lastByCode[subject].map({ $0 < s }) ?? true { lastByCode[subject] = s }
            }
            if let e = endDates[Int(ends.codes[i])], lastByCode[subject].map({ $0 < e }) ?? true { lastByCode[subject] = e }
        }
        for (code, value) in subjects.distinct.enumerated() {
            if let s = firstByCode[code], first[value.text].map({ s < $0 }) ?? true { first[value.text] = s }
            if let e = lastByCode[code], last[value.text].map({ $0 < e }) ?? true { last[value.text] = e }
        }
    }
    // The latest date known is needed only for subjects without a collected end of participation.
    let rfpendtc = dm.column("RFPENDTC")
    let needLatest = Set(dm.rows.filter { $0[rfpendtc].isNull }.map { $0[usubjid].text })
    var latest = [String: ISODateTime](minimumCapacity: needLatest.count)
    for dataset in needLatest.isEmpty ? [] : [dm] + others + (exposure.map { [$0] } ?? []) {
        guard let id = dataset.column(ifPresent: "USUBJID") else { continue }
        let dateColumns = dataset.spec.variables.indices.filter {
            let name = dataset.spec.variables[$0].name
            return name.hasSuffix("DTC") && name != "BRTHDTC"
        }
        // Read through codes: each subject's need once, and each column's dates as parsed once for every derivation
        // (`Column.isoDates`).
        let subjects = dataset.columns[id]
        let needed = subjects.distinct.map { needLatest.contains($0.text) }
        guard needed.contains(true) else { continue }
        // Per subject code, its latest date's code in each column, compared as dates only when the code changes.
        var latestByCode = [ISODateTime?](repeating: nil, count: subjects.distinct.count)
        for column in dateColumns.map({ dataset.columns[$0] }) {
            let dates = column.isoDates
            var latestCode = [UInt32](repeating: 0, count: subjects.distinct.count)
            for i in 0..<dataset.count where needed[Int(subjects.codes[i])] {
                let code = column.codes[i], subject = Int(subjects.codes[i])
                guard code != 0, code != latestCode[subject], let d = dates[Int(code)] else { continue }
                if latestByCode[subject].map({ $0 < d }) ?? true {
                    latestByCode[subject] = d
                    latestCode[subject] = code
                }
            }
        }
        for (code, d) in latestByCode.enumerated() {
            guard let d else { continue }
            let subject = subjects.distinct[code].text
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
