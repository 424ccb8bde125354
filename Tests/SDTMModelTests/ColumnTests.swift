import Testing

@testable import SDTMModel

struct ColumnTests {
    @Test func aColumnBuiltFromCodesMergesTextsThatAreOneValue() {
        let column = Column(codes: [0, 1, 2, 1], values: [.null, .number(1), .number(1)])
        #expect((0..<4).map { column[$0] } == [.null, .number(1), .number(1), .number(1)])
        #expect(column.usedValues == [.null, .number(1)])
    }

    @Test func equalValuesShareOneCodeAndDifferentOnesDoNot() {
        var column = Column()
        // Canonically equivalent texts are equal Strings: the Kelvin sign and K, a decomposed and a composed e acute.
        let equal: [(Value, Value)] = [
            (.text("\u{212A}"), .text("K")), (.text("e\u{301}"), .text("\u{E9}")), (.number(-0.0), .number(0)),
            (.text("2025-02-20T10:28"), .text("2025-02-" + "20T10:28")),
        ]
        for (a, b) in equal {
            #expect(a == b && a.codeHash == b.codeHash)
            #expect(column.code(of: a) == column.code(of: b))
        }
        let different: [Value] = [.text("1"), .number(1), .text("K "), .text("k"), .text("e"), .text(""), .null]
        let codes = different.map { column.code(of: $0) }
        #expect(Set(codes).count == different.count && column.code(of: .null) == 0)
        // A value that is not equal to itself (NaN) is new each time, as in a Dictionary.
        #expect(column.code(of: .number(.nan)) != column.code(of: .number(.nan)))
    }

    @Test func isoDatesAreTheDistinctValuesParsedEvenAfterACopyGainsOne() {
        var original = Column(codes: [1, 2], values: [.null, .text("2025-02-20"), .text("2025-03")])
        let before = original.isoDates
        #expect(before == [nil, ISODateTime(iso: "2025-02-20"), ISODateTime(iso: "2025-03")])
        // A copy shares the parsed dates until one of the two gains a distinct value.
        var copy = original
        #expect(copy.isoDates == before)
        copy[0] = .text("2025-04-01")
        original[1] = .text("2024-12-31")
        #expect(copy.isoDates == before + [ISODateTime(iso: "2025-04-01")])
        #expect(original.isoDates == before + [ISODateTime(iso: "2024-12-31")])
        #expect(copy.isoDates.last != original.isoDates.last)
    }

    @Test func codesStayPutAsTheTableGrows() {
        var column = Column()
        let values = (0..<5_000).map { Value.text("2025-\($0 % 12)-\($0)T10:\($0 % 60) result \($0)") }
        let first = values.map { column.code(of: $0) }
        #expect(first == (1...5_000).map(UInt32.init))
        #expect(values.map { column.code(of: $0) } == first && column.distinct.count == 5_001)
    }
}

@Test func codesComeAsRunsOfConsecutivePositionsSharingOne() {
    let codes: [UInt32] = [3, 3, 1, 1, 1, 3, 2]
    #expect(codes.codeRuns == [0..<2, 2..<5, 5..<6, 6..<7])
    #expect([UInt32]().codeRuns == [])
}
