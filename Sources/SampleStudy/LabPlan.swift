/// Decides which enrolled subjects break an eligibility threshold at screening and which carry the deliberate lab
/// defects, on a stream of its own so that `DirtPlan`'s choices stay as they are. Like `DirtPlan` it works in blocks
/// of 64 enrolled subjects: each block has five breaches (one per planted threshold, on five different subjects)
/// and one of each lab defect on subjects without a breach; a final partial block after the first gets a
/// proportional share. A subject that cannot take a defect passes it on to the next one.
struct LabPlan {
    static let defects: [DirtKind] = [.unknownLabTest, .unknownLabUnit, .nonNumericLabResult, .unparseableRange]

    private let seed: UInt64
    private let enrolled: Int
    private var block = -1
    /// The current block's breaches and defects, by subject offset within the block.
    private var breaches: [EligibilityThreshold?] = []
    private var scheduled: [[DirtOrder]] = []
    private var pending: [DirtOrder] = []

    init(seed: UInt64, enrolled: Int) {
        self.seed = seed
        self.enrolled = enrolled
    }

    /// The breach and defects for the enrolled subject at `ordinal` (0-based), including defects passed on.
    mutating func assignment(forEnrolled ordinal: Int) -> (breach: EligibilityThreshold?, orders: [DirtOrder]) {
        let b = ordinal / DirtPlan.blockSize
        if b != block { schedule(block: b) }
        let offset = ordinal - b * DirtPlan.blockSize
        let orders = pending + scheduled[offset]
        pending.removeAll(keepingCapacity: true)
        return (breaches[offset], orders)
    }

    /// Defects a subject could not take, for the next subject.
    mutating func passOn(_ orders: [DirtOrder]) {
        pending += orders
    }

    private mutating func schedule(block b: Int) {
        block = b
        let size = DirtPlan.blockSize
        let length = min(size, enrolled - b * size)
        var rng = RandomSource(seed: seed, StreamLabel.labs, 0, UInt64(b))
        let partial = b > 0 && length < size
        var offsets = Array(0..<length)
        var taken = 0
        breaches = Array(repeating: nil, count: length)
        for threshold in EligibilityThreshold.planted where taken < length {
            if partial && rng.below(size) >= length { continue }
            offsets.swapAt(taken, taken + rng.below(length - taken))
            breaches[offsets[taken]] = threshold
            taken += 1
        }
        scheduled = Array(repeating: [], count: length)
        for kind in LabPlan.defects {
            if partial && rng.below(size) >= length { continue }
            let offset = taken < length ? offsets[taken + rng.below(length - taken)] : rng.below(length)
            scheduled[offset].append(DirtOrder(form: .localLabs, kind: kind))
        }
    }
}
