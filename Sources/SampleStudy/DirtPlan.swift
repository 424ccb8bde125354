/// The raw export files.
enum SiteForm: Sendable, CaseIterable {
    case enrollment, drugAdministration, adverseEvents, endOfStudy
    case tumorLesions, tumorMeasurements, tumorResponse
    case localLabs, vitalSigns

    /// The form name used in the data dictionary.
    var name: String {
        switch self {
        case .enrollment: "enrollment"
        case .drugAdministration: "drug_administration"
        case .adverseEvents: "adverse_events"
        case .endOfStudy: "end_of_study"
        case .tumorLesions: "tumor_lesions"
        case .tumorMeasurements: "tumor_measurements"
        case .tumorResponse: "tumor_response"
        case .localLabs: "local_labs"
        case .vitalSigns: "vital_signs"
        }
    }

    var fileName: String { name + ".csv" }
}

/// A kind of deliberate defect; the raw value is `SampleIssue.kind`.
enum DirtKind: String, Sendable {
    case straySpace = "stray-space"
    case caseVariation = "case-variation"
    case dateMDY = "date-format-mdy"
    case dateISO = "date-format-iso"
    case blankLine = "blank-line"
    case duplicateRow = "duplicate-row"
    case impossibleDate = "impossible-date"
    case unknownDrugCode = "unknown-drug-code"
    case invalidSexCode = "invalid-sex-code"
    case unknownSubject = "unknown-subject"
    case textGrade = "text-grade"
    case recistWrongSum = "recist-wrong-sum"
    case recistResponseContradiction = "recist-response-contradiction"
    case recistMissingLesion = "recist-missing-lesion"
    case recistNodeLongAxis = "recist-node-long-axis"
    case recistUnknownLesion = "recist-unknown-lesion"
    case recistNonNumericDiameter = "recist-non-numeric-diameter"
    case recistInvalidResponse = "recist-invalid-response"
    case recistMissingBaseline = "recist-missing-baseline"
    case unknownLabTest = "unknown-lab-test"
    case unknownLabUnit = "unknown-lab-unit"
    case nonNumericLabResult = "non-numeric-lab-result"
    case unparseableRange = "unparseable-range"
}

struct DirtOrder: Sendable {
    var form: SiteForm
    var kind: DirtKind
}

/// Decides which enrolled subjects receive which defects. Enrolled subjects are taken in blocks of 64; each block
/// gets a fixed quota of defects at random subjects (a final partial block gets a proportional share), so the
/// 64-subject sample has a handful of each and larger studies have proportionally more. A subject that cannot take
/// a defect (no AE to misdate, say) passes it on to the next one. Only one block is held at a time.
struct DirtPlan {
    static let blockSize = 64

    /// Defects per full block.
    static let quota: [(form: SiteForm, kind: DirtKind, count: Int)] = [
        (.enrollment, .straySpace, 1),
        (.enrollment, .dateISO, 1),
        (.enrollment, .invalidSexCode, 1),
        (.drugAdministration, .dateMDY, 3),
        (.drugAdministration, .dateISO, 1),
        (.drugAdministration, .straySpace, 1),
        (.drugAdministration, .blankLine, 1),
        (.drugAdministration, .duplicateRow, 1),
        (.drugAdministration, .unknownDrugCode, 1),
        (.adverseEvents, .straySpace, 2),
        (.adverseEvents, .caseVariation, 2),
        (.adverseEvents, .dateMDY, 2),
        (.adverseEvents, .dateISO, 1),
        (.adverseEvents, .blankLine, 1),
        (.adverseEvents, .duplicateRow, 2),
        (.adverseEvents, .impossibleDate, 1),
        (.adverseEvents, .unknownSubject, 1),
        (.adverseEvents, .textGrade, 1),
        (.endOfStudy, .dateMDY, 1),
        (.endOfStudy, .straySpace, 1),
    ]

    /// An upper bound on the AE rows written for subjects that are not enrolled.
    static func maxUnknownSubjects(enrolled: Int) -> Int {
        let perBlock = quota.filter { $0.kind == .unknownSubject }.reduce(0) { $0 + $1.count }
        return perBlock * ((enrolled + blockSize - 1) / blockSize)
    }

    private let seed: UInt64
    private let enrolled: Int
    private var block = -1
    /// The current block's orders, by subject offset within the block.
    private var scheduled: [[DirtOrder]] = []
    private var pending: [DirtOrder] = []

    init(seed: UInt64, enrolled: Int) {
        self.seed = seed
        self.enrolled = enrolled
    }

    /// The defects for the enrolled subject at `ordinal` (0-based), including any passed on by earlier subjects.
    mutating func orders(forEnrolled ordinal: Int) -> [DirtOrder] {
        let b = ordinal / DirtPlan.blockSize
        if b != block { schedule(block: b) }
        var result = pending
        pending.removeAll(keepingCapacity: true)
        result += scheduled[ordinal - b * DirtPlan.blockSize]
        return result
    }

    /// Defects a subject could not take, for the next subject.
    mutating func passOn(_ orders: [DirtOrder]) {
        pending += orders
    }

    private mutating func schedule(block b: Int) {
        block = b
        let length = min(DirtPlan.blockSize, enrolled - b * DirtPlan.blockSize)
        var rng = RandomSource(seed: seed, StreamLabel.dirtBlock, UInt64(b))
        scheduled = Array(repeating: [], count: length)
        for item in DirtPlan.quota {
            var count = item.count
            if b > 0 && length < DirtPlan.blockSize {
                let share = item.count * length
                count = share / DirtPlan.blockSize + (rng.below(DirtPlan.blockSize) < share % DirtPlan.blockSize ? 1 : 0)
            }
            for _ in 0..<count {
                scheduled[rng.below(length)].append(DirtOrder(form: item.form, kind: item.kind))
            }
        }
    }
}
