import SDTMModel

/// What baseline selection needs of one LB record.
public struct BaselineCandidate: Sendable, Hashable {
    public var usubjid: String
    public var testcd: String
    /// LBSPEC, empty when not collected: baselines are per subject, test and specimen.
    public var specimen: String
    public var dtc: ISODateTime?
    /// False for a missing or not-done result, which is never a baseline.
    public var hasResult: Bool
    public var visitnum: Double?
    public var seq: Int?

    public init(usubjid: String, testcd: String, specimen: String = "", dtc: ISODateTime?, hasResult: Bool,
                visitnum: Double? = nil, seq: Int? = nil) {
        self.usubjid = usubjid
        self.testcd = testcd
        self.specimen = specimen
        self.dtc = dtc
        self.hasResult = hasResult
        self.visitnum = visitnum
        self.seq = seq
    }
}

/// LBLOBXFL: per USUBJID, LBTESTCD and LBSPEC, the last record with a result on or before the first
/// dose (RFXSTDTC). Returns one flag per record, in order.
///
/// - A record is eligible only when its date is certainly on or before the first dose: a partial date
///   (`2025-03`) only when its whole period is before the first dose's date (`2025-03` is before
///   `2025-04-10`; `2025-04` is not). On the first-dose day itself, a record without a time counts
///   as on the first-dose date (pre-dose draws of day 1); with both times known, the record's time
///   must not be after the dose's.
/// - Records without a date, without a result, or of subjects without a first dose are never baseline.
/// - The latest eligible date wins (a known day sorts after the month it falls in); ties on the same
///   date/time go to the higher VISITNUM, then the higher --SEQ, then the later record in the input:
///   the later raw line wins.
public func baselineFlags(_ records: [BaselineCandidate], firstDose: [String: ISODateTime]) -> [Bool] {
    struct Group: Hashable { var usubjid, testcd, specimen: String }
    var numbers: [Group: Int] = [:]
    var latest = LatestBaselines()
    for (i, r) in records.enumerated() {
        guard r.hasResult, let dtc = r.dtc, let dose = firstDose[r.usubjid], isCertainlyOnOrBefore(dtc, dose) else { continue }
        let group = Group(usubjid: r.usubjid, testcd: r.testcd, specimen: r.specimen)
        let number = numbers[group] ?? numbers.count
        numbers[group] = number
        latest.offer(i, group: number, timing: BaselineTiming(dtc: dtc, visitnum: r.visitnum, seq: r.seq))
    }
    var flags = [Bool](repeating: false, count: records.count)
    for i in latest.take() { flags[i] = true }
    return flags
}

/// When a record that can be a baseline was taken: what ties between such records are decided by.
struct BaselineTiming {
    /// The date's `ISODateTime.sortKey`.
    var dtc: UInt64
    var visitnum: Double?
    var seq: Int?

    init(dtc: ISODateTime, visitnum: Double?, seq: Int?) {
        self.init(dtc: dtc.sortKey, visitnum: visitnum, seq: seq)
    }

    /// With the date as its `ISODateTime.sortKey`.
    init(dtc: UInt64, visitnum: Double?, seq: Int?) {
        (self.dtc, self.visitnum, self.seq) = (dtc, visitnum, seq)
    }

    /// True when `self` sorts strictly after `other`, so `other` (a later input record) does not replace it.
    func sortsAfter(_ other: BaselineTiming) -> Bool {
        if dtc != other.dtc { return other.dtc < dtc }
        let (va, vb) = (visitnum ?? -.infinity, other.visitnum ?? -.infinity)
        if va != vb { return va > vb }
        return (seq ?? Int.min) > (other.seq ?? Int.min)
    }
}

/// The rule of `baselineFlags` over records known by position, offered in input order: per group (subject, test and
/// specimen, numbered from 0), the latest record, a later record winning a tie. Kept in an array by group number and
/// emptied group by group by `take`, so that one serves every subject of a dataset in turn.
struct LatestBaselines {
    private var latest: [(position: Int, timing: BaselineTiming)?] = []
    /// The groups offered since the last `take`, in the order they first came.
    private var groups: [Int] = []

    init(groupCount: Int = 0) {
        latest = Array(repeating: nil, count: groupCount)
    }

    /// A record that can be a baseline (its result is certainly on or before the first dose).
    mutating func offer(_ position: Int, group: Int, timing: BaselineTiming) {
        if group >= latest.count { latest += Array(repeating: nil, count: group + 1 - latest.count) }
        if let current = latest[group] {
            if current.timing.sortsAfter(timing) { return }
        } else {
            groups.append(group)
        }
        latest[group] = (position, timing)
    }

    /// The baseline of each group offered since the last call, in the order the groups first came; then none.
    mutating func take() -> [Int] {
        defer { groups.removeAll(keepingCapacity: true) }
        return groups.map { group in
            defer { latest[group] = nil }
            return latest[group]!.position
        }
    }
}

/// Whether every moment `date` can stand for is on or before the first dose (see `baselineFlags`).
public func isCertainlyOnOrBefore(_ date: ISODateTime, _ dose: ISODateTime) -> Bool {
    // The calendar parts: equal so far and one of them stops here, and the record could fall after the dose.
    if let verdict = earlier(date.year, dose.year, unknown: false) { return verdict }
    if let verdict = earlier(date.month, dose.month, unknown: false) { return verdict }
    if let verdict = earlier(date.day, dose.day, unknown: false) { return verdict }
    // Same day: a time that either lacks counts as on or before the dose (a pre-dose draw of day 1).
    if let verdict = earlier(date.hour, dose.hour, unknown: true) { return verdict }
    if let verdict = earlier(date.minute, dose.minute, unknown: true) { return verdict }
    if let verdict = earlier(date.second, dose.second, unknown: true) { return verdict }
    return true
}

/// Whether `x` comes before `y` when they differ, `unknown` when either is missing, nil when they are equal.
private func earlier(_ x: Int?, _ y: Int?, unknown: Bool) -> Bool? {
    guard let x, let y else { return unknown }
    return x == y ? nil : x < y
}
