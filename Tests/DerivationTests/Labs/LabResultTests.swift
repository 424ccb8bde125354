import Testing

@testable import Derivation

@Suite struct LabResultTests {
    @Test func aPlainNumberIsNumeric() {
        #expect(LabResult(raw: "12.5") == .number(n("12.5")))
        #expect(LabResult(raw: " 12.5 ").number == n("12.5"))
        #expect(LabResult(raw: "-3").number == n("-3"))
    }

    @Test func lessThanAResultIsCensoredNotNumeric() {
        #expect(LabResult(raw: "<0.2") == .censored(.lessThan, n("0.2")))
        #expect(LabResult(raw: "< 0.2") == .censored(.lessThan, n("0.2")))
        #expect(LabResult(raw: "<0.2").number == nil)
    }

    @Test func greaterThanAResultIsCensoredNotNumeric() {
        #expect(LabResult(raw: ">1000") == .censored(.greaterThan, n("1000")))
        #expect(LabResult(raw: ">=5") == .censored(.greaterOrEqual, n("5")))
        #expect(LabResult(raw: "<=5") == .censored(.lessOrEqual, n("5")))
    }

    @Test func aNumberAsADoubleIsItsTextReadAsADouble() {
        var random = SystemRandomNumberGenerator()
        // Exact and inexact decimals, significands past 2^53, and powers of ten past 1e22.
        let texts = ["0", "12.5", "-3", "0.1", "0.3", "1.005", "123456789012345678", "-0.00000000000123",
                     "9007199254740993", "4.35", "88.4", "17.1", "0.0884", "12300000000000000"]
            + (0..<2_000).map { _ in
                let digits = String(Int.random(in: 1...999_999_999_999, using: &random))
                let point = Int.random(in: 0...digits.count, using: &random)
                return String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            }
        let numbers = texts.compactMap(LabNumber.init) + [LabNumber(significand: 45, exponent: -30), LabNumber(significand: 7, exponent: 25)]
        #expect(numbers.count == texts.count + 2)
        for number in numbers {
            #expect(number.double == Double(number.description)!, "\(number)")
        }
    }

    @Test func notDoneSpellingsAreNotDone() {
        for raw in ["NOT DONE", "not done", "ND", "Not Performed"] {
            #expect(LabResult(raw: raw) == .notDone, "\(raw)")
        }
        #expect(!LabResult.notDone.hasResult)
    }

    @Test func anEmptyResultIsMissing() {
        #expect(LabResult(raw: "  ") == .missing)
        #expect(!LabResult.missing.hasResult)
    }

    @Test func aDecimalCommaIsUnreadableAndReported() {
        #expect(LabResult(raw: " 12,5") == .unreadable("12,5"))
        #expect(LabResult(raw: "1,000") == .unreadable("1,000"))
        #expect(LabResult(raw: "1.2.3") == .unreadable("1.2.3"))
        #expect(LabResult(raw: "12,5").problem(testcd: "HGB") == .unreadableResult(testcd: "HGB", text: "12,5"))
        #expect(LabResult(raw: "12.5").problem(testcd: "HGB") == nil)
    }

    @Test func wordsAreCharacterResults() {
        #expect(LabResult(raw: "POSITIVE") == .text("POSITIVE"))
        #expect(LabResult(raw: "HEMOLYZED").hasResult)
    }

    @Test func decimalsPrintWithoutTrailingZeros() {
        #expect(n("20.520").description == "20.52")
        #expect(n("0.005").description == "0.005")
        #expect(n("5000").description == "5000")
        #expect(n("-1.50").description == "-1.5")
        #expect(n("5.").description == "5")
        #expect(n("0.0").description == "0")
        #expect(n(".5").description == "0.5")
    }

    @Test func decimalsThatAreEqualCompareEqual() {
        #expect(n("1.50") == n("1.5"))
        #expect(n("75") == n("75.000"))
        #expect(n("74.9") < n("75"))
    }

    @Test func moreThan18DigitsOrExponentsAreNotDecimals() {
        #expect(LabNumber("1234567890123456789") == nil)
        #expect(LabNumber("1e3") == nil)
        #expect(LabNumber("-") == nil)
        #expect(LabNumber(".") == nil)
    }
}
