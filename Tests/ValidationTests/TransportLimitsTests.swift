import SDTMModel
import Testing
import Validation

private let ae = ["STUDYID", "DOMAIN", "USUBJID", "AETERM"]

@Suite struct NameLengthTests {
    @Test func aVariableNameOfNineCharactersIsAnError() {
        let v = view("AE", ae + ["AERELDRUG"], [["S1", "AE", "S-001", "Rash", "Y"]])
        #expect(validate(NameLength(), v).spots
            == [Spot("XPT.NAME-LENGTH", .error, "AE", record: nil, variable: "AERELDRUG", value: nil)])
    }

    @Test func aDatasetNameOfNineCharactersIsAnError() {
        let v = view("SUPPAERELD", ["STUDYID"], [])
        #expect(validate(NameLength(), v).spots
            == [Spot("XPT.NAME-LENGTH", .error, "SUPPAERELD", record: nil, variable: nil, value: nil)])
    }

    @Test func namesOfEightCharactersPass() {
        #expect(validate(NameLength(), view("SUPPAE", ["STUDYID", "AESDISAB", "IDVARVAL"], [])).isEmpty)
    }
}

@Suite struct LabelLengthTests {
    @Test func aLabelOf41CharactersIsAnError() {
        let label = String(repeating: "L", count: 41)
        #expect(validate(LabelLength(), view("AE", ae, [], labels: ["AETERM": label])).spots
            == [Spot("XPT.LABEL-LENGTH", .error, "AE", record: nil, variable: "AETERM", value: label)])
    }

    @Test func aLabelOf40CharactersPasses() {
        #expect(validate(LabelLength(), view("AE", ae, [], labels: ["AETERM": String(repeating: "L", count: 40)])).isEmpty)
    }

    @Test func theLimitIsInBytes() {
        let label = "Sévérité" + String(repeating: "L", count: 32)  // 40 characters, 42 bytes in UTF-8
        #expect(validate(LabelLength(), view("AE", ae, [], labels: ["AETERM": label])).spots
            == [Spot("XPT.LABEL-LENGTH", .error, "AE", record: nil, variable: "AETERM", value: label)])
    }

    @Test(arguments: ["DM", "EX", "AE", "SUPPAE"])
    func theStandardsLabelsPass(domain: String) {
        #expect(validate(LabelLength(), view(domain, standardSpec(domain)!.variables.map(\.name), [])).isEmpty)
    }
}

@Suite struct CharacterValueLengthTests {
    @Test func aValueOf201BytesIsAnError() {
        let v = view("AE", ae, [["S1", "AE", "S-001", "Rash"], ["S1", "AE", "S-001", String(repeating: "x", count: 201)]])
        #expect(validate(CharacterValueLength(), v).spots
            == [Spot("XPT.VALUE-LENGTH", .error, "AE", record: 2, variable: "AETERM", value: nil)])
    }

    @Test func aValueOf200BytesPasses() {
        let v = view("AE", ae, [["S1", "AE", "S-001", String(repeating: "x", count: 200)]])
        #expect(validate(CharacterValueLength(), v).isEmpty)
    }

    @Test func theLimitIsInBytes() {
        // 101 characters, 202 bytes in UTF-8.
        let v = view("AE", ae, [["S1", "AE", "S-001", String(repeating: "é", count: 101)]])
        #expect(validate(CharacterValueLength(), v).spots
            == [Spot("XPT.VALUE-LENGTH", .error, "AE", record: 1, variable: "AETERM", value: nil)])
    }
}
