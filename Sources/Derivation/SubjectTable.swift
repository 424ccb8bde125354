import SDTMModel

/// DM records by USUBJID, for derivations that need a subject's reference dates.
struct SubjectTable {
    private let dm: Dataset
    private var rows: [String: Int] = [:]

    init(dm: Dataset) {
        self.dm = dm
        let usubjid = dm.column("USUBJID")
        rows.reserveCapacity(dm.count)
        for i in 0..<dm.count { rows[dm[i, usubjid].text] = i }
    }

    func contains(_ usubjid: String) -> Bool { rows[usubjid] != nil }

    /// A DM date variable for each subject of another dataset, by the code of its USUBJID column (`usubjids`): nil for
    /// a subject not in DM or without the date. Each subject is looked up once, rather than once per run of records.
    func dates(_ variable: String, byCodeOf usubjids: Column) -> [ISODateTime?] {
        dates(variable, atRows: rows(byCodeOf: usubjids))
    }

    /// The DM row of each subject of another dataset, by the code of its USUBJID column (nil for one not in DM).
    func rows(byCodeOf usubjids: Column) -> [Int?] { usubjids.distinct.map { rows[$0.text] } }

    /// A DM date variable at `rows` (from `rows(byCodeOf:)`): nil where a row is nil or has no date.
    func dates(_ variable: String, atRows rows: [Int?]) -> [ISODateTime?] {
        guard let column = dm.column(ifPresent: variable) else { return Array(repeating: nil, count: rows.count) }
        let dates = dm.columns[column].isoDates, codes = dm.columns[column].codes
        return rows.map { $0.flatMap { dates[Int(codes[$0])] } }
    }
}

extension Dataset {
    /// The variable's column when the domain has it, e.g. `column(ifPresent: "EXSEQ")`.
    func column(ifPresent name: String) -> Int? { spec.index(of: name) }

    /// The two-letter prefix of the domain's variables (`AE` for AESEQ).
    var prefix: String { spec.name.hasPrefix("SUPP") ? "" : spec.name }
}
