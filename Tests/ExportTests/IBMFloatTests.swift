import Export
import Testing

/// SplitMix64: a seeded generator, so that the random tests are the same on every run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct IBMFloatTests {
    static let knownAnswerPairs: [(Double, UInt64)] = [
        (0, 0x0000_0000_0000_0000),
        (1, 0x4110_0000_0000_0000),
        (-1, 0xC110_0000_0000_0000),
        (0.5, 0x4080_0000_0000_0000),
        (100, 0x4264_0000_0000_0000),
        (0.1, 0x4019_9999_9999_999A),
        (1.0 / 3, 0x4055_5555_5555_5554),
        (3.141592653589793, 0x4132_43F6_A888_5A30),
        (123456.789, 0x451E_240C_9FBE_76C9),
        (1e70, 0x7B17_2EBA_D6DD_C73D),
        (-1e70, 0xFB17_2EBA_D6DD_C73D),
        (1e-70, 0x06B0_AF48_EC79_ACE8),
    ]

    @Test(arguments: knownAnswerPairs)
    func knownAnswers(value: Double, ibm: UInt64) throws {
        #expect(try IBMFloat.encode(value) == ibm)
        #expect(IBMFloat.decode(ibm) == value)
    }

    @Test func bytesAreBigEndian() throws {
        #expect(IBMFloat.bytes(try IBMFloat.encode(1)) == [0x41, 0x10, 0, 0, 0, 0, 0, 0])
        #expect(IBMFloat.bytes(try IBMFloat.encode(0.1)) == [0x40, 0x19, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A])
        #expect(IBMFloat.bits([0x42, 0x64, 0, 0, 0, 0, 0, 0]) == 0x4264_0000_0000_0000)
    }

    @Test func negativeZeroIsWrittenAsZero() throws {
        #expect(try IBMFloat.encode(-0.0) == 0)
    }

    @Test func missingIsADotAndSevenZeroBytes() {
        #expect(IBMFloat.bytes(IBMFloat.missing) == [0x2E, 0, 0, 0, 0, 0, 0, 0])
        #expect(IBMFloat.decode(IBMFloat.missing) == nil)
    }

    @Test func specialMissingValuesDecodeAsMissing() {
        #expect(IBMFloat.decode(0x5F00_0000_0000_0000) == nil)
        for letter in UInt64(0x41)...0x5A {
            #expect(IBMFloat.decode(letter << 56) == nil)
        }
    }

    @Test func smallestIBMNumberIsKept() throws {
        let smallest = Double(sign: .plus, exponent: -260, significand: 1)
        #expect(try IBMFloat.encode(smallest) == 0x0010_0000_0000_0000)
        #expect(IBMFloat.decode(0x0010_0000_0000_0000) == smallest)
    }

    @Test func tinyValuesUnderflowToZero() throws {
        #expect(try IBMFloat.encode(1e-80) == 0)
        #expect(try IBMFloat.encode(-1e-80) == 0)
        #expect(try IBMFloat.encode(Double(sign: .plus, exponent: -260, significand: 1).nextDown) == 0)
        #expect(try IBMFloat.encode(.leastNonzeroMagnitude) == 0)
    }

    @Test func largestValueBelowSixteenToThe63IsKept() throws {
        let largest = Double(sign: .plus, exponent: 252, significand: 1).nextDown
        #expect(try IBMFloat.encode(largest) == 0x7FFF_FFFF_FFFF_FFF8)
        #expect(IBMFloat.decode(0x7FFF_FFFF_FFFF_FFF8) == largest)
    }

    @Test(arguments: [Double(sign: .plus, exponent: 252, significand: 1), 1e76, -1e76, .greatestFiniteMagnitude, .infinity, -.infinity, .nan])
    func valuesBeyondIBMRangeAreAnError(value: Double) {
        #expect(throws: IBMFloatOverflow.self) { try IBMFloat.encode(value) }
    }

    @Test func integersAreExact() throws {
        for n in [2, 7, 15, 16, 17, 255, 256, 1000, 65535, 1 << 40, (1 << 53) - 1] {
            #expect(IBMFloat.decode(try IBMFloat.encode(Double(n))) == Double(n))
            #expect(IBMFloat.decode(try IBMFloat.encode(-Double(n))) == -Double(n))
        }
    }

    @Test func randomDoublesRoundTripExactly() throws {
        var random = SeededGenerator(state: 20261101)
        var mismatches: [Double] = []
        for _ in 0..<100_000 {
            // Any sign and significand; binary exponents across the whole IBM range (2^-260 ..< 2^252).
            let exponent = Int.random(in: -260..<252, using: &random)
            let significand = 1 + Double(random.next() >> 12) / Double(1 << 52)
            let value = Double(sign: random.next() & 1 == 0 ? .plus : .minus, exponent: exponent, significand: significand)
            if IBMFloat.decode(try IBMFloat.encode(value)) != value { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty)
    }

    @Test func ibmFractionsWiderThan53BitsRoundToNearest() {
        // 0x41 exponent: value = fraction × 2^-52. A 54-bit fraction ending in 1 is halfway between two doubles.
        let base = Double(1 << 53)
        #expect(IBMFloat.decode(0x4120_0000_0000_0003) == (base + 4) / Double(1 << 52))  // tie, rounds up to even
        #expect(IBMFloat.decode(0x4120_0000_0000_0001) == base / Double(1 << 52))  // tie, rounds down to even
        #expect(IBMFloat.decode(0x41F0_0000_0000_0007) == Double(0xF0_0000_0000_0008) / Double(1 << 52))  // above half
        #expect(IBMFloat.decode(0x41F0_0000_0000_0001) == Double(0xF0_0000_0000_0000) / Double(1 << 52))  // below half
    }

    @Test func roundingCanCarryIntoTheNextPowerOfTwo() {
        #expect(IBMFloat.decode(0x41FF_FFFF_FFFF_FFFF) == 16)
        #expect(IBMFloat.decode(0xC1FF_FFFF_FFFF_FFFF) == -16)
    }

    @Test func unnormalisedIBMNumbersAreRead() {
        #expect(IBMFloat.decode(0x4201_0000_0000_0000) == 1)
        #expect(IBMFloat.decode(0x4300_1000_0000_0000) == 1)
    }

    @Test func truncatedNumericsAreReadWithZeroLowBytes() {
        #expect(IBMFloat.bits([0x41, 0x10, 0x00]) == 0x4110_0000_0000_0000)
        #expect(IBMFloat.decode(IBMFloat.bits([0x42, 0x64, 0x80])) == 100.5)
    }
}
