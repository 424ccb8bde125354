import Testing

@testable import Derivation

@Suite struct CockcroftGaultTests {
    @Test func male60Years70Kg1MgPerDLIs77Point8() throws {
        let crcl = try #require(cockcroftGault(ageYears: 60, weightKg: 70, sex: .male, creatinineMgPerDL: 1.0))
        #expect(roundedClearance(crcl) == 77.8)  // 80 x 70 / 72 = 77.78
    }

    @Test func femaleIs0Point85OfMale() throws {
        let crcl = try #require(cockcroftGault(ageYears: 60, weightKg: 70, sex: .female, creatinineMgPerDL: 1.0))
        #expect(roundedClearance(crcl) == 66.1)  // 77.78 x 0.85 = 66.11
    }

    @Test func male40Years80Kg1Point2MgPerDLIs92Point6() throws {
        let crcl = try #require(cockcroftGault(ageYears: 40, weightKg: 80, sex: .male, creatinineMgPerDL: 1.2))
        #expect(roundedClearance(crcl) == 92.6)  // 100 x 80 / 86.4 = 92.59
    }

    @Test func creatinineInMicromolPerLIsConvertedThroughTheTable() throws {
        let crcl = try #require(try cockcroftGault(ageYears: 60, weightKg: 70, sex: .male, creatinine: n("88.4"), unit: "umol/L",
                                                   conversions: conversions))
        #expect(roundedClearance(crcl) == 77.8)
        let female = try #require(try cockcroftGault(ageYears: 75, weightKg: 55, sex: .female, creatinine: n("132.6"),
                                                     unit: "umol/L", conversions: conversions))
        #expect(roundedClearance(female) == 28.1)  // 65 x 55 / (72 x 1.5) x 0.85 = 28.14
    }

    @Test func aZeroCreatinineOrWeightGivesNoClearance() {
        #expect(cockcroftGault(ageYears: 60, weightKg: 70, sex: .male, creatinineMgPerDL: 0) == nil)
        #expect(cockcroftGault(ageYears: 60, weightKg: 0, sex: .male, creatinineMgPerDL: 1) == nil)
    }
}
