import SDTMModel
import Testing

@Test func wholeNumberFormatsWithoutDecimalPoint() {
    #expect(Value.format(30) == "30")
}

@Test func wholeDoubleFormatsWithoutTrailingZero() {
    #expect(Value.format(30.0) == "30")
}

@Test func fractionFormatsWithItsDecimals() {
    #expect(Value.format(2.5) == "2.5")
}

@Test func tenthFormatsAsShortestExactText() {
    #expect(Value.format(0.1) == "0.1")
}

@Test func negativeWholeNumberKeepsItsSign() {
    #expect(Value.format(-3) == "-3")
}

@Test func notANumberAndInfinityFormatAsEmpty() {
    #expect(Value.format(.nan) == "")
    #expect(Value.format(.infinity) == "")
}

@Test func numberValueTextUsesTheNumberFormat() {
    #expect(Value.number(30).text == "30")
    #expect(Value.number(2.5).text == "2.5")
}

@Test func emptyTextIsNull() {
    #expect(Value.of("") == .null)
    #expect(Value.of("").isNull)
    #expect(Value.null.text == "")
}

@Test func nonEmptyTextIsKeptAsIs() {
    #expect(Value.of(" a ") == .text(" a "))
    #expect(!Value.of("a").isNull)
}
