/// xoshiro256** seeded through SplitMix64: the only source of randomness in the generator, so that a seed
/// gives the same files on every platform. It uses integer and basic floating-point arithmetic only.
struct RandomSource {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A stream identified by the seed and a path of labels, independent of every other path.
    init(seed: UInt64, _ labels: UInt64...) {
        var mixed = seed
        for label in labels { mixed = RandomSource.splitMix(mixed ^ RandomSource.splitMix(label &+ 0x632B_E59B_D9B4_E019)) }
        var sm = mixed
        func nextSplit() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            return RandomSource.splitMix(sm)
        }
        s0 = nextSplit(); s1 = nextSplit(); s2 = nextSplit(); s3 = nextSplit()
    }

    private static func splitMix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in `0..<n` (Lemire's multiply-and-reject, unbiased).
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// Uniform in [0, 1) with 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index into `weights`, drawn in proportion to the weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var r = below(weights.reduce(0, +))
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Approximately normal (Irwin-Hall sum of twelve uniforms): no transcendental functions, so no libm drift.
    mutating func normal(mean: Double, sd: Double) -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return mean + (sum - 6) * sd
    }

    /// Number of failed trials before the first success, each succeeding with probability `p`, at most `cap`.
    mutating func geometric(_ p: Double, cap: Int) -> Int {
        var n = 0
        while n < cap && !chance(p) { n += 1 }
        return n
    }
}
