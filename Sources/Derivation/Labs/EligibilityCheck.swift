import SDTMModel

/// A screening lab as collected: the result, its unit as printed and the lab's ULN in the same unit.
public struct ScreeningLab: Sendable, Hashable {
    public var result: LabResult
    public var unit: String
    public var uln: LabNumber?

    public init(_ result: LabResult, unit: String, uln: LabNumber? = nil) {
        self.result = result
        self.unit = unit
        self.uln = uln
    }
}

/// What the eligibility check needs of one subject: DM's age and sex, the screening weight and the
/// screening labs by LBTESTCD.
public struct EligibilitySubject: Sendable, Hashable {
    public var usubjid: String
    public var ageYears: Int?
    public var sex: Sex?
    public var weightKg: Double?
    public var labs: [String: ScreeningLab]

    public init(usubjid: String, ageYears: Int?, sex: Sex?, weightKg: Double?, labs: [String: ScreeningLab]) {
        self.usubjid = usubjid
        self.ageYears = ageYears
        self.sex = sex
        self.weightKg = weightKg
        self.labs = labs
    }
}

public enum EligibilityStatus: String, Sendable, Hashable {
    case met = "MET", notMet = "NOT MET", notEvaluable = "NOT EVALUABLE"
}

/// One row of `eligibility.csv`: a subject against one criterion.
public struct EligibilityRow: Sendable, Hashable {
    public var usubjid: String
    /// `AGE`, the LBTESTCD of a lab criterion, or `CRCL` for creatinine clearance.
    public var criterion: String
    /// The value as collected (`8.5 g/dL`), with the x ULN or computed clearance where it applies.
    public var value: String
    public var threshold: String
    public var status: EligibilityStatus
    /// Why the criterion could not be evaluated; empty otherwise.
    public var reason: String
}

/// A protocol threshold on a lab: `>= 50` or `<= 3`, in a unit, or as a multiple of ULN.
public struct EligibilityThreshold: Sendable, Hashable {
    public enum Comparison: String, Sendable, Hashable { case atLeast = ">=", atMost = "<=" }
    public var testcd: String
    public var comparison: Comparison
    public var limit: LabNumber
    /// The unit of `limit`, or nil when the limit is a multiple of the lab's ULN.
    public var unit: String?

    public var text: String { comparison.rawValue + " " + limit.description + " " + (unit ?? "x ULN") }
}

/// The criteria a study checks at screening, in the order `eligibility.csv` lists them (from study.yaml's
/// `eligibility:`): a minimum age, then lab thresholds. The pseudo-test `CRCL` is creatinine clearance by
/// Cockcroft-Gault (in mL/min) from the screening creatinine, age, sex and weight.
public struct EligibilityCriteria: Sendable, Hashable {
    public var minimumAgeYears: Int?
    public var thresholds: [EligibilityThreshold]

    public init(minimumAgeYears: Int?, thresholds: [EligibilityThreshold]) {
        self.minimumAgeYears = minimumAgeYears
        self.thresholds = thresholds
    }

    /// The study definition's criteria, their limits as exact decimals; nil when a limit is not a decimal.
    public init?(_ definition: StudyDefinition.Eligibility) {
        var thresholds: [EligibilityThreshold] = []
        for t in definition.thresholds {
            guard let limit = LabNumber(t.limit) else { return nil }
            thresholds.append(EligibilityThreshold(testcd: t.test, comparison: t.atLeast ? .atLeast : .atMost, limit: limit,
                                                   unit: t.unit == StudyDefinition.Eligibility.timesULN ? nil : t.unit))
        }
        self.init(minimumAgeYears: definition.minimumAgeYears, thresholds: thresholds)
    }
}

/// The test code of creatinine clearance by Cockcroft-Gault among the thresholds.
public let creatinineClearance = "CRCL"

/// The LBTESTCD a criterion reads its screening result from: creatinine for the clearance, else its own.
func screeningTest(of criterion: String) -> String {
    criterion == creatinineClearance ? "CREAT" : criterion
}

/// Evaluates the study's eligibility criteria for a subject: one row per criterion, never
/// dropping the subject. Values are compared exactly in the test's standard unit (a haemoglobin of
/// 90 g/L meets >= 9 g/dL); the clearance is compared after rounding to one decimal, as reported.
/// A censored result decides a criterion only when it lies wholly on one side (`<0.2` mg/dL
/// bilirubin meets <= 3 mg/dL); otherwise, and for a missing, not-done or character result, a unit
/// with no conversion or a missing ULN, the criterion is not evaluable with the reason.
public func checkEligibility(_ subject: EligibilitySubject, criteria: EligibilityCriteria, conversions: UnitConversions)
    -> [EligibilityRow]
{
    var evaluator = EligibilityEvaluator(criteria: criteria, conversions: conversions)
    return evaluator.rows(for: subject)
}

/// `checkEligibility` for many subjects: each threshold's text is composed once, and each distinct screening lab is
/// evaluated once per threshold (a study's subjects share most of their results).
public struct EligibilityEvaluator: Sendable {
    public let criteria: EligibilityCriteria
    public let conversions: UnitConversions
    /// The LBTESTCDs the criteria read: their thresholds' tests, and creatinine for the clearance.
    public let testsRead: [String]
    private let ageThreshold: String
    private let thresholdTexts: [String]
    private var outcomes: [[ScreeningLab: (value: String, status: EligibilityStatus, reason: String)]]

    public init(criteria: EligibilityCriteria, conversions: UnitConversions) {
        self.criteria = criteria
        self.conversions = conversions
        let tests = criteria.thresholds.map { screeningTest(of: $0.testcd) }
        testsRead = tests.enumerated().filter { tests.firstIndex(of: $0.element) == $0.offset }.map(\.element)
        ageThreshold = criteria.minimumAgeYears.map { ">= \($0) years" } ?? ""
        thresholdTexts = criteria.thresholds.map { $0.testcd == creatinineClearance ? $0.text + " (Cockcroft-Gault)" : $0.text }
        outcomes = Array(repeating: [:], count: criteria.thresholds.count)
    }

    /// The subject's row for each criterion, as `checkEligibility` gives them.
    public mutating func rows(for subject: EligibilitySubject) -> [EligibilityRow] {
        var rows: [EligibilityRow] = []
        rows.reserveCapacity(criteria.thresholds.count + 1)
        func row(_ criterion: String, _ value: String, _ threshold: String, _ status: EligibilityStatus, _ reason: String = "") {
            rows.append(EligibilityRow(usubjid: subject.usubjid, criterion: criterion, value: value, threshold: threshold,
                                       status: status, reason: reason))
        }
        if let minimum = criteria.minimumAgeYears {
            if let age = subject.ageYears {
                row("AGE", "\(age) years", ageThreshold, age >= minimum ? .met : .notMet)
            } else {
                row("AGE", "", ageThreshold, .notEvaluable, "AGE is missing in DM")
            }
        }
        for (i, t) in criteria.thresholds.enumerated() {
            let outcome: (value: String, status: EligibilityStatus, reason: String)
            if t.testcd == creatinineClearance {
                outcome = clearance(subject, minimum: t.limit.double, conversions)
            } else if let lab = subject.labs[t.testcd] {
                if let known = outcomes[i][lab] {
                    outcome = known
                } else {
                    outcome = evaluate(t, lab, conversions)
                    outcomes[i][lab] = outcome
                }
            } else {
                outcome = ("", .notEvaluable, "no screening \(t.testcd) result")
            }
            row(t.testcd, outcome.value, thresholdTexts[i], outcome.status, outcome.reason)
        }
        return rows
    }
}

private func evaluate(_ t: EligibilityThreshold, _ lab: ScreeningLab, _ conversions: UnitConversions)
    -> (String, EligibilityStatus, String)
{
    let shown = shownValue(lab)
    let bound: LabNumber
    switch lab.result {
    case .number(let n): bound = n
    case .censored(_, let n): bound = n
    case .missing: return ("", .notEvaluable, "the screening \(t.testcd) result is missing")
    case .notDone: return ("NOT DONE", .notEvaluable, "the screening \(t.testcd) was not done")
    case .text(let x), .unreadable(let x): return (x, .notEvaluable, "the screening \(t.testcd) result '\(x)' is not a number")
    }
    do throws(LabError) {
        let value = try conversions.convert(bound, testcd: t.testcd, from: lab.unit).double
        let limit: Double
        var text = shown
        if let unit = t.unit {
            limit = try conversions.convert(t.limit, testcd: t.testcd, from: unit).double
        } else {
            guard let uln = lab.uln else { return (shown, .notEvaluable, "the lab's ULN of \(t.testcd) is missing") }
            guard let l = t.limit.multiplied(by: uln) else { throw LabError.overflow(testcd: t.testcd, value: uln.description) }
            limit = try conversions.convert(l, testcd: t.testcd, from: lab.unit).double
            if uln.significand > 0 { text += " (" + twoDecimals(bound.double / uln.double) + " x ULN " + uln.description + ")" }
        }
        return (text, decide(lab.result, value, t.comparison, limit), "")
    } catch {
        return (shown, .notEvaluable, error.description)
    }
}

/// Met or not met, or not evaluable when a censored result straddles the limit.
private func decide(_ result: LabResult, _ value: Double, _ comparison: EligibilityThreshold.Comparison, _ limit: Double)
    -> EligibilityStatus
{
    let satisfied: (Double) -> Bool = comparison == .atLeast ? { $0 >= limit } : { $0 <= limit }
    switch result {
    case .censored(let op, _):
        // The true value lies below (or above) `value`: decided only when every such value agrees.
        let below = op == .lessThan || op == .lessOrEqual
        switch (below, comparison) {
        case (true, .atMost): return value <= limit ? .met : .notEvaluable
        case (true, .atLeast): return value <= limit ? .notMet : .notEvaluable
        case (false, .atLeast): return value >= limit ? .met : .notEvaluable
        case (false, .atMost): return value >= limit ? .notMet : .notEvaluable
        }
    default:
        return satisfied(value) ? .met : .notMet
    }
}

private func clearance(_ s: EligibilitySubject, minimum: Double, _ conversions: UnitConversions) -> (String, EligibilityStatus, String) {
    guard let lab = s.labs["CREAT"] else { return ("", .notEvaluable, "no screening CREAT result") }
    guard let creatinine = lab.result.number else {
        return (shownValue(lab), .notEvaluable, "the screening CREAT result is not a number")
    }
    guard let age = s.ageYears else { return ("", .notEvaluable, "AGE is missing in DM") }
    guard let weight = s.weightKg else { return ("", .notEvaluable, "the screening weight is missing") }
    guard let sex = s.sex else { return ("", .notEvaluable, "SEX is neither M nor F") }
    do throws(LabError) {
        guard let crcl = try cockcroftGault(ageYears: Double(age), weightKg: weight, sex: sex, creatinine: creatinine,
                                            unit: lab.unit, conversions: conversions)
        else { return ("", .notEvaluable, "creatinine and weight must be positive") }
        let rounded = roundedClearance(crcl)
        return (oneDecimal(rounded) + " mL/min", rounded >= minimum ? .met : .notMet, "")
    } catch {
        return (shownValue(lab), .notEvaluable, error.description)
    }
}

private func shownValue(_ lab: ScreeningLab) -> String {
    let text: String = switch lab.result {
    case .number(let n): n.description
    case .censored(let op, let n): op.rawValue + n.description
    case .missing: ""
    case .notDone: "NOT DONE"
    case .text(let x), .unreadable(let x): x
    }
    return lab.unit.isEmpty || text.isEmpty ? text : text + " " + lab.unit
}

/// A ratio with at most two decimals, without trailing zeros.
private func twoDecimals(_ x: Double) -> String {
    LabNumber(significand: Int((x * 100).rounded()), exponent: -2).description
}

private func oneDecimal(_ x: Double) -> String {
    let n = Int((x * 10).rounded())
    let s = LabNumber(significand: n, exponent: -1).description
    return s.contains(".") ? s : s + ".0"
}
