import SDTMModel
import Testing
import Validation

private let ae = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AEDECOD", "AESTDTC"]

@Suite struct SequenceUniqueWithinSubjectTests {
    @Test func aRepeatedSequenceNumberWithinASubjectIsAnError() {
        let v = view("AE", ae, [["S1", "AE", "S-001", "1", "Headache", "2025-03-10"], ["S1", "AE", "S-001", "2", "Rash", "2025-03-11"],
                                ["S1", "AE", "S-001", "1", "Fever", "2025-03-12"]])
        #expect(validate(SequenceUniqueWithinSubject(), v).spots
            == [Spot("SDTM.SEQ.DUPLICATE", .error, "AE", record: 3, variable: "AESEQ", value: "1")])
    }

    @Test func theSameSequenceNumberForDifferentSubjectsPasses() {
        let v = view("AE", ae, [["S1", "AE", "S-001", "1", "Headache", "2025-03-10"], ["S1", "AE", "S-002", "1", "Headache", "2025-03-10"],
                                ["S1", "AE", "S-001", "2", "Rash", "2025-03-11"]])
        #expect(validate(SequenceUniqueWithinSubject(), v).isEmpty)
    }

    @Test func aDatasetWithoutSequenceIsNotChecked() {
        #expect(validate(SequenceUniqueWithinSubject(), view("DM", ["USUBJID"], [["S-001"], ["S-001"]])).isEmpty)
    }
}

@Suite struct KeysUniqueTests {
    @Test func aRepeatedNaturalKeyIsAWarningOnTheSecondRecord() {
        let v = view("AE", ae, [["S1", "AE", "S-001", "1", "Headache", "2025-03-10"], ["S1", "AE", "S-001", "2", "Rash", "2025-03-10"],
                                ["S1", "AE", "S-001", "3", "Headache", "2025-03-10"]])
        #expect(validate(KeysUnique(), v).spots
            == [Spot("SDTM.KEYS.DUPLICATE", .warning, "AE", record: 3, variable: nil, value: "S1 | S-001 | Headache | 2025-03-10")])
    }

    @Test func distinctNaturalKeysPass() {
        let v = view("AE", ae, [["S1", "AE", "S-001", "1", "Headache", "2025-03-10"], ["S1", "AE", "S-001", "2", "Headache", "2025-03-17"],
                                ["S1", "AE", "S-002", "1", "Headache", "2025-03-10"]])
        #expect(validate(KeysUnique(), v).isEmpty)
    }

    @Test func aDatasetWithoutAllItsKeysIsNotChecked() {
        let v = view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AEDECOD"], [["S1", "AE", "S-001", "Headache"], ["S1", "AE", "S-001", "Headache"]])
        #expect(validate(KeysUnique(), v).isEmpty)
    }

    @Test func aDatasetTheStandardDoesNotDefineIsNotChecked() {
        #expect(validate(KeysUnique(), view("XX", ["STUDYID", "USUBJID"], [["S1", "S-001"], ["S1", "S-001"]])).isEmpty)
    }
}
