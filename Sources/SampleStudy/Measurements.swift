import SDTMModel

/// A subject's local lab draws and body weights: truth like the rest of `SubjectHistory`, simulated on a stream of
/// its own by `MeasurementSimulator`.
struct Measurements: Sendable {
    var lab: LabProfile = .hospital
    /// In collection order.
    var draws: [LabDraw] = []
    /// Screening, then day 1 of each cycle.
    var weights: [WeightRecord] = []
    /// The eligibility threshold this enrolled subject breaks at screening, if any.
    var breach: EligibilityThreshold?
}

enum LabEvent: Sendable, Equatable {
    case screening
    case cycle(Int)
    case unscheduled

    /// `Screening`, `Cycle 3 Day 1` or `Unscheduled`.
    var name: String {
        switch self {
        case .screening: "Screening"
        case .cycle(let n): "Cycle \(n) Day 1"
        case .unscheduled: "Unscheduled"
        }
    }
}

struct LabDraw: Sendable {
    var event: LabEvent
    var date: CivilDate
    /// Minutes after midnight.
    var time: Int
    /// In report order.
    var results: [LabResult]
}

struct LabResult: Sendable {
    var test: LabTest
    /// In the test's conventional unit.
    var value: Double
    /// Empty unless the test was not done.
    var notDoneReason = ""

    var isDone: Bool { notDoneReason.isEmpty }
}

struct WeightRecord: Sendable {
    var event: LabEvent
    var date: CivilDate
    /// Kilograms, rounded to 0.1.
    var kilograms: Double
}

/// A screening threshold of inclusion criterion 9; the raw value is the key tests and reports use.
enum EligibilityThreshold: String, CaseIterable, Sendable {
    case platelets = "PLAT"
    case hemoglobin = "HGB"
    case neutrophils = "NEUT"
    case bilirubin = "BILI"
    case inr = "INR"
    case ast = "AST"
    case alt = "ALT"
    case creatinineClearance = "CRCL"
    case albumin = "ALB"

    /// The thresholds broken on purpose in each block of enrolled subjects, one subject each.
    static let planted: [EligibilityThreshold] = [.platelets, .bilirubin, .ast, .albumin, .creatinineClearance]

    /// The screening result that shows the breach (creatinine for the clearance).
    var test: LabTest {
        switch self {
        case .platelets: .platelets
        case .hemoglobin: .hemoglobin
        case .neutrophils: .neutrophils
        case .bilirubin: .bilirubin
        case .inr: .inr
        case .ast: .ast
        case .alt: .alt
        case .creatinineClearance: .creatinine
        case .albumin: .albumin
        }
    }

    /// Cockcroft-Gault creatinine clearance in mL/min.
    static func clearance(age: Int, kilograms: Double, creatinine: Double, female: Bool) -> Double {
        Double(140 - age) * kilograms / (72 * creatinine) * (female ? 0.85 : 1)
    }
}
