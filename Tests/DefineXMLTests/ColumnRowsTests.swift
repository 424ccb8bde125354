import SDTMModel
import Testing

@testable import DefineXML

/// LBTESTCD and LBORRES of six records: the key's codes are 1 (HGB), 2 (PLAT) and 3 (ALB, no record).
private let key = Column(codes: [1, 2, 1, 2, 1, 0], values: [.null, .text("HGB"), .text("PLAT"), .text("ALB")])
private let results = Column(codes: [1, 2, 0, 3, 1, 2], values: [.null, .text("12.1"), .text("150"), .text("9.8")])

@Suite struct ColumnRowsTests {
    @Test func valuesByKeyGivesEachKeyCodeWhatValuesAtItsRowsGives() {
        let groups = results.valuesByKey(key)
        let rowsByCode = key.rowsByCode
        for code in key.distinct.indices {
            let expected = results.values(at: rowsByCode[code])
            #expect(groups[code].values == expected.values)
            #expect(groups[code].nulls == expected.nulls)
        }
        #expect(groups[1].values == [.text("12.1")] && groups[1].nulls == 1)
        #expect(groups[2].values == [.text("150"), .text("9.8")])
        #expect(groups[3].values.isEmpty && groups[3].nulls == 0)
    }

    @Test func firstValueByKeyIsTheFirstNonNullValueOfEachKeyCode() {
        #expect(results.firstValueByKey(key) == [.text("150"), .text("12.1"), .text("150"), nil])
    }

    @Test func firstRowByCodeIsMinusOneForACodeNoRowHas() {
        #expect(key.firstRowByCode == [5, 0, 1, -1])
        #expect(key.rows(withCodes: [2, 0]) == [1, 3, 5])
    }
}
