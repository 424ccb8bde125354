import Ingest
import SDTMModel

/// Whether a CTCAE term grades values below normal (`Platelet count decreased`) or above (`ALT increased`).
public enum CTCAEDirection: String, Sendable, Hashable {
    case low, high
}

/// What a bound of a grade's interval is measured in: the test's standard unit, or a multiple of the
/// lab's upper or lower limit of normal, or of the subject's baseline value.
public enum CTCAEBoundKind: String, Sendable, Hashable {
    case absolute, xULN, xLLN, xBaseline
}

/// Which subjects a grade's criterion applies to: CTCAE v5.0 grades AST, ALT, ALP and bilirubin by multiples of the
/// ULN when the baseline was normal and by multiples of the baseline when it was abnormal.
public enum CTCAEBaselineCondition: String, Sendable, Hashable {
    case any = "", normal, abnormal
}

/// A subject's baseline result of a test, in the table's unit, and whether it was outside the normal range.
public struct CTCAEBaseline: Hashable, Sendable {
    public var value: LabNumber
    public var abnormal: Bool

    public init(value: LabNumber, abnormal: Bool) {
        self.value = value
        self.abnormal = abnormal
    }
}

/// One end of a grade's interval: `75 absolute, inclusive` or `3 x ULN, exclusive`.
public struct CTCAEBound: Hashable, Sendable {
    public var value: LabNumber
    public var kind: CTCAEBoundKind
    public var inclusive: Bool

    public init(_ value: LabNumber, _ kind: CTCAEBoundKind, inclusive: Bool) {
        self.value = value
        self.kind = kind
        self.inclusive = inclusive
    }

    /// The bound in the standard unit, or nil when it needs a limit (or baseline) that is missing.
    func resolved(lln: LabNumber?, uln: LabNumber?, baseline: LabNumber?) -> Double? {
        switch kind {
        case .absolute: value.double
        case .xULN: uln.flatMap { value.multiplied(by: $0) }?.double
        case .xLLN: lln.flatMap { value.multiplied(by: $0) }?.double
        case .xBaseline: baseline.flatMap { value.multiplied(by: $0) }?.double
        }
    }
}

/// One row of `specs/lb/ctcae-v5.csv`: a grade of a term as an interval of the standard value.
/// A missing bound is unbounded; CTCAE's `<LLN - 75,000` is `[75, 1 x LLN)` and `>3.0 - 5.0 x ULN` is `(3 x ULN, 5 x ULN]`.
public struct CTCAECriterion: Hashable, Sendable {
    public var testcd: String
    public var term: String
    public var direction: CTCAEDirection
    public var grade: Int
    public var lower: CTCAEBound?
    public var upper: CTCAEBound?
    public var baseline: CTCAEBaselineCondition
    /// The standard unit the value and the absolute bounds are in.
    public var unit: String
    public var source: String

    public init(testcd: String, term: String, direction: CTCAEDirection, grade: Int, lower: CTCAEBound?, upper: CTCAEBound?,
                baseline: CTCAEBaselineCondition = .any, unit: String, source: String = "") {
        self.testcd = testcd
        self.term = term
        self.direction = direction
        self.grade = grade
        self.lower = lower
        self.upper = upper
        self.baseline = baseline
        self.unit = unit
        self.source = source
    }

    /// What grading reads of the criterion.
    var interval: CTCAEInterval { CTCAEInterval(grade: grade, lower: lower, upper: upper, baseline: baseline) }

    /// The limit a bound needs, for the error message.
    var neededLimit: String {
        [lower, upper].contains { $0?.kind == .xULN } ? "ULN" : "LLN"
    }
}

/// What grading reads of a criterion: its grade, bounds and baseline condition, without its texts, so that threads
/// grading records at once copy it without touching shared reference counts.
struct CTCAEInterval: Sendable {
    var grade: Int
    var lower: CTCAEBound?
    var upper: CTCAEBound?
    var baseline: CTCAEBaselineCondition

    /// Whether the criterion applies to a subject with this baseline (none known counts as normal); a criterion in
    /// multiples of the baseline needs one.
    func applies(to baseline: CTCAEBaseline?) -> Bool {
        if baseline == nil, lower?.kind == .xBaseline || upper?.kind == .xBaseline { return false }
        switch self.baseline {
        case .any: return true
        case .normal: return baseline?.abnormal != true
        case .abnormal: return baseline?.abnormal == true
        }
    }

    /// Whether the value lies in the interval, or nil when a needed limit (LLN, ULN) is missing.
    func contains(_ value: Double, lln: LabNumber?, uln: LabNumber?, baseline: LabNumber? = nil) -> Bool? {
        if let lower {
            guard let b = lower.resolved(lln: lln, uln: uln, baseline: baseline) else { return nil }
            if lower.inclusive ? value < b : value <= b { return false }
        }
        if let upper {
            guard let b = upper.resolved(lln: lln, uln: uln, baseline: baseline) else { return nil }
            if upper.inclusive ? value > b : value >= b { return false }
        }
        return true
    }
}

/// A graded result: LBTOXGR and the CTCAE term it was graded by (grade 0 within the term's normal).
public struct CTCAEGrade: Hashable, Sendable {
    public var grade: Int
    public var term: String
    public var direction: CTCAEDirection
}

/// The CTCAE v5.0 lab grading table (`specs/lb/ctcae-v5.csv`), with both of CTCAE's branches where the grade
/// depends on the subject's baseline: AST, ALT, ALP and bilirubin by x ULN when the baseline was normal and by
/// x baseline when it was abnormal; creatinine by x ULN and by x baseline, whichever gives the higher grade.
public struct CTCAETable: Sendable {
    public static let file = "ctcae-v5.csv"
    public private(set) var criteria: [CTCAECriterion]
    private var byTest: [String: [CTCAECriterion]] = [:]
    /// Each test's criteria as intervals, highest grade first, at `positions[testcd]` of one array.
    private var intervals: [CTCAEInterval] = []
    private var terms: [(term: String, direction: CTCAEDirection)] = []
    private var positions: [String: Range<Int>] = [:]

    public init(criteria: [CTCAECriterion]) {
        self.criteria = criteria
        for c in criteria { byTest[c.testcd, default: []].append(c) }
        for k in byTest.keys { byTest[k]!.sort { $0.grade > $1.grade } }
        for (testcd, rows) in byTest {
            positions[testcd] = intervals.count..<intervals.count + rows.count
            intervals += rows.map(\.interval)
            terms += rows.map { ($0.term, $0.direction) }
        }
    }

    public static func load(directory: String) throws(Diagnostic) -> CTCAETable {
        let path = directory + "/" + file
        return try load(RawTable(path: path, file: path))
    }

    public static func load(_ table: RawTable) throws(Diagnostic) -> CTCAETable {
        let c = try NamedColumns(table, [
            "testcd", "term", "direction", "grade", "lower", "lower_kind", "lower_inclusive",
            "upper", "upper_kind", "upper_inclusive", "baseline", "unit", "source",
        ])
        var list: [CTCAECriterion] = []
        for row in table.rows {
            guard let direction = CTCAEDirection(rawValue: c[row, "direction"]) else {
                throw c.invalid(row, "direction '\(c[row, "direction"])' is not low or high")
            }
            guard let grade = Int(c[row, "grade"]), (1...5).contains(grade) else {
                throw c.invalid(row, "grade '\(c[row, "grade"])' is not 1 to 5")
            }
            func bound(_ side: String) throws(Diagnostic) -> CTCAEBound? {
                let text = c[row, side]
                if text.isEmpty { return nil }
                guard let value = LabNumber(text) else { throw c.invalid(row, "\(side) '\(text)' is not a decimal number") }
                guard let kind = CTCAEBoundKind(rawValue: c[row, side + "_kind"]) else {
                    throw c.invalid(row, "\(side)_kind '\(c[row, side + "_kind"])' is not absolute, xULN, xLLN or xBaseline")
                }
                let inclusive = c[row, side + "_inclusive"]
                guard inclusive == "yes" || inclusive == "no" else {
                    throw c.invalid(row, "\(side)_inclusive '\(inclusive)' is not yes or no")
                }
                return CTCAEBound(value, kind, inclusive: inclusive == "yes")
            }
            let lower = try bound("lower")
            let upper = try bound("upper")
            guard lower != nil || upper != nil else { throw c.invalid(row, "a grade needs a lower or an upper bound") }
            guard let baseline = CTCAEBaselineCondition(rawValue: c[row, "baseline"]) else {
                throw c.invalid(row, "baseline '\(c[row, "baseline"])' is not empty, normal or abnormal")
            }
            list.append(CTCAECriterion(testcd: c[row, "testcd"], term: c[row, "term"], direction: direction, grade: grade,
                                       lower: lower, upper: upper, baseline: baseline, unit: c[row, "unit"],
                                       source: c[row, "source"]))
        }
        return CTCAETable(criteria: list)
    }

    /// Whether the table grades a test.
    public func grades(_ testcd: String) -> Bool { byTest[testcd] != nil }

    /// Whether a test's grade can depend on the subject's baseline.
    public func dependsOnBaseline(_ testcd: String) -> Bool {
        byTest[testcd]?.contains { $0.baseline != .any || $0.lower?.kind == .xBaseline || $0.upper?.kind == .xBaseline } ?? false
    }

    /// The grade of a value already in the table's unit for the test, with the lab's LLN and ULN in
    /// that unit and the subject's baseline when known (else it counts as normal): the highest grade whose
    /// interval holds the value, else 0. Nil when the test is not graded; throws when a limit the decision needs
    /// is missing.
    public func grade(testcd: String, value: LabNumber, lln: LabNumber?, uln: LabNumber?,
                      baseline: CTCAEBaseline? = nil) throws(LabError) -> CTCAEGrade? {
        guard let test = test(testcd) else { return nil }
        return try grade(test, value: value, lln: lln, uln: uln, baseline: baseline)
    }

    /// A graded test's place in the table, looked up once for grading many of its results.
    public struct Test: Sendable {
        fileprivate let testcd: String
        fileprivate let range: Range<Int>
    }

    /// The test's place in the table; nil when the test is not graded.
    public func test(_ testcd: String) -> Test? {
        positions[testcd].flatMap { $0.isEmpty ? nil : Test(testcd: testcd, range: $0) }
    }

    /// `grade(testcd:value:lln:uln:baseline:)` for a test looked up with `test(_:)`.
    public func grade(_ test: Test, value: LabNumber, lln: LabNumber?, uln: LabNumber?,
                      baseline: CTCAEBaseline? = nil) throws(LabError) -> CTCAEGrade {
        let (testcd, range) = (test.testcd, test.range)
        let v = value.double
        for i in range where intervals[i].applies(to: baseline) {
            switch intervals[i].contains(v, lln: lln, uln: uln, baseline: baseline?.value) {
            case true?: return CTCAEGrade(grade: intervals[i].grade, term: terms[i].term, direction: terms[i].direction)
            case false?: continue
            case nil: throw .missingReferenceLimit(testcd: testcd, limit: byTest[testcd]![i - range.lowerBound].neededLimit)
            }
        }
        let lowest = range.upperBound - 1
        return CTCAEGrade(grade: 0, term: terms[lowest].term, direction: terms[lowest].direction)
    }

    /// The grade of a value, LLN and ULN in a unit as printed, converted through the table first
    /// (haemoglobin in g/dL is graded in g/L).
    public func grade(testcd: String, value: LabNumber, unit: String, lln: LabNumber?, uln: LabNumber?,
                      conversions: UnitConversions) throws(LabError) -> CTCAEGrade?
    {
        guard let rows = byTest[testcd], let tableUnit = rows.first?.unit else { return nil }
        if conversions.unit(forRaw: unit) == tableUnit {
            return try grade(testcd: testcd, value: value, lln: lln, uln: uln)
        }
        let row = try conversions.conversion(testcd: testcd, unit: unit)
        guard row.toUnit == tableUnit else {
            throw .noConversion(testcd: testcd, unit: row.toUnit, standardUnit: tableUnit)
        }
        let range = try conversions.convertRange(low: lln, high: uln, testcd: testcd, from: unit)
        return try grade(testcd: testcd, value: conversions.convert(value, testcd: testcd, from: unit), lln: range.low, uln: range.high)
    }
}
