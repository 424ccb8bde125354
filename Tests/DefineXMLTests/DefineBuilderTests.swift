import SDTMModel
import Testing

@testable import DefineXML

@Suite struct DefineBuilderTests {
    @Test(arguments: [("12", (2, 0)), ("-12.50", (2, 2)), ("0.005", (1, 3)), ("150", (3, 0))])
    func aPlainDecimalHasItsDigitsBeforeAndAfterThePoint(text: String, shape: (Int, Int)) {
        let found = DefineBuilder.numericShape(text)
        #expect(found?.0 == shape.0 && found?.1 == shape.1, "\(text)")
    }

    @Test(arguments: ["", "-", ".5", "-.5", "5.", "1.2.3", "--1", "+1", "1e3", "<0.2", " 1", "1,5"])
    func anythingElseHasNoNumericShape(text: String) {
        #expect(DefineBuilder.numericShape(text) == nil, "\(text)")
    }

    @Test func valuesOfOneDecimalPlaceAreFloatsWithThatManySignificantDigits() {
        let (type, _, digits) = DefineBuilder.valueType([.text("12.5"), .text("7.25"), .text("3")], type: .char, numeric: true)
        #expect(type == "float")
        #expect(digits == 2)
        #expect(DefineBuilder.valueType([.text("12"), .text("abc")], type: .char, numeric: true).0 == "text")
    }
}
