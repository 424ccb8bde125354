import SDTMModel
import Testing
import Validation

private let ae = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AETERM"]

@Suite struct VariableKnownToStandardTests {
    @Test func aVariableNotInTheDomainIsAWarning() {
        let findings = validate(VariableKnownToStandard(), view("AE", ae + ["AEXTRA"], [["S1", "AE", "S-001", "1", "Rash", "x"]]))
        #expect(findings.spots == [Spot("SDTM.VAR.UNKNOWN", .warning, "AE", record: nil, variable: "AEXTRA", value: nil)])
    }

    @Test func theDomainsOwnVariablesPass() {
        #expect(validate(VariableKnownToStandard(), view("AE", ae, [["S1", "AE", "S-001", "1", "Rash"]])).isEmpty)
    }

    @Test func aSupplementalDatasetIsCheckedAgainstSUPPQUAL() {
        let findings = validate(VariableKnownToStandard(), view("SUPPAE", ["STUDYID", "RDOMAIN", "AESEQ"], []))
        #expect(findings.spots == [Spot("SDTM.VAR.UNKNOWN", .warning, "SUPPAE", record: nil, variable: "AESEQ", value: nil)])
    }

    @Test func aDatasetTheStandardDoesNotDefineIsNotChecked() {
        #expect(validate(VariableKnownToStandard(), view("XX", ["XXFOO"], [["1"]])).isEmpty)
    }
}

@Suite struct VariableLabelAsSpecTests {
    @Test func aLabelOtherThanTheStandardsIsAWarning() {
        let findings = validate(VariableLabelAsSpec(), view("AE", ae, [], labels: ["AETERM": "Adverse Event"]))
        #expect(findings.spots == [Spot("SDTM.VAR.LABEL", .warning, "AE", record: nil, variable: "AETERM", value: "Adverse Event")])
    }

    @Test func theStandardsLabelsPass() {
        #expect(validate(VariableLabelAsSpec(), view("AE", ae, [])).isEmpty)
    }

    @Test func aMissingLabelIsNotChecked() {
        // CSV carries no labels.
        #expect(validate(VariableLabelAsSpec(), view("AE", ae, [], labels: ["AETERM": ""])).isEmpty)
    }
}

@Suite struct VariableTypeAsSpecTests {
    @Test func textInANumVariableIsAnError() {
        let v = view("AE", ae, [["S1", "AE", "S-001", "1", "Rash"], ["S1", "AE", "S-001", "first", "Fever"]])
        #expect(validate(VariableTypeAsSpec(), v).spots
            == [Spot("SDTM.VAR.TYPE", .error, "AE", record: 2, variable: "AESEQ", value: "first")])
    }

    @Test func textInDMAgeIsAnError() {
        let v = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "AGE"], [["S1", "DM", "S-001", "unknown"]])
        #expect(validate(VariableTypeAsSpec(), v).spots
            == [Spot("SDTM.VAR.TYPE", .error, "DM", record: 1, variable: "AGE", value: "unknown")])
    }

    @Test func numbersAndNullsInNumVariablesPass() {
        let v = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "AGE"], [["S1", "DM", "S-001", "64"], ["S1", "DM", "S-002", ""]])
        #expect(validate(VariableTypeAsSpec(), v).isEmpty)
    }

    @Test func digitsInACharVariablePass() {
        let v = view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AETOXGR"], [["S1", "AE", "S-001", "3"]])
        #expect(validate(VariableTypeAsSpec(), v).isEmpty)
    }
}

@Suite struct VariableOrderAsSpecTests {
    @Test func aVariableAfterOneTheStandardPutsLaterIsANotice() {
        let v = view("DM", ["STUDYID", "USUBJID", "DOMAIN", "SEX"], [])
        #expect(validate(VariableOrderAsSpec(), v).spots
            == [Spot("SDTM.VAR.ORDER", .notice, "DM", record: nil, variable: "DOMAIN", value: nil)])
    }

    @Test func theStandardOrderPassesWithGapsAndUnknownVariables() {
        let v = view("DM", ["STUDYID", "USUBJID", "DMEXTRA", "SEX", "COUNTRY"], [])
        #expect(validate(VariableOrderAsSpec(), v).isEmpty)
    }
}
