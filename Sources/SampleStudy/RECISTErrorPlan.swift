/// Decides which enrolled subjects carry the planted RECIST worksheet errors: one of each kind per block of 64
/// enrolled subjects (a final partial block gets each with a proportional chance), each at a random subject in the
/// first three quarters of its block. A subject carries at most one; the others it is offered pass on to the next
/// subject, and so does one it cannot carry (no follow-up scan, say).
struct RECISTErrorPlan {
    static let kinds: [DirtKind] = [
        .recistWrongSum, .recistResponseContradiction, .recistMissingLesion, .recistNodeLongAxis,
        .recistUnknownLesion, .recistNonNumericDiameter, .recistInvalidResponse, .recistMissingBaseline,
    ]

    private let seed: UInt64
    private let enrolled: Int
    private var ordinal = 0
    private var block = -1
    /// The current block's errors, by subject offset within the block.
    private var scheduled: [[DirtKind]] = []
    private var pending: [DirtKind] = []

    init(seed: UInt64, enrolled: Int) {
        self.seed = seed
        self.enrolled = enrolled
    }

    /// The errors the next enrolled subject is offered, in order of preference.
    mutating func next() -> [DirtKind] {
        let b = ordinal / DirtPlan.blockSize
        if b != block { schedule(block: b) }
        let offered = pending + scheduled[ordinal - b * DirtPlan.blockSize]
        pending.removeAll(keepingCapacity: true)
        ordinal += 1
        return offered
    }

    /// Errors a subject did not take, for the next subject.
    mutating func passOn(_ kinds: [DirtKind]) {
        pending += kinds
    }

    private mutating func schedule(block b: Int) {
        block = b
        let length = min(DirtPlan.blockSize, enrolled - b * DirtPlan.blockSize)
        var rng = RandomSource(seed: seed, StreamLabel.recist, 1, UInt64(b))
        scheduled = Array(repeating: [], count: length)
        let span = max(1, length * 3 / 4)
        for kind in Self.kinds {
            let included = b == 0 || length == DirtPlan.blockSize || rng.below(DirtPlan.blockSize) < length
            if included { scheduled[rng.below(span)].append(kind) }
        }
    }
}
