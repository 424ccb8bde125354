import SDTMModel
import Testing
import Validation

@Suite struct RequiredVariablePresentTests {
    @Test func aMissingRequiredVariableIsAnError() {
        let columns = variables(of: "DM", .required).filter { $0 != "SEX" }
        let findings = validate(RequiredVariablePresent(), view("DM", columns, [row(columns, ["USUBJID": "S-001"])]))
        #expect(findings.spots == [Spot("SDTM.VAR.REQ-MISSING", .error, "DM", record: nil, variable: "SEX", value: nil)])
    }

    @Test func allRequiredVariablesPresentPass() {
        let columns = variables(of: "DM", .required)
        #expect(validate(RequiredVariablePresent(), view("DM", columns, [row(columns, ["USUBJID": "S-001"])])).isEmpty)
    }

    @Test func aSupplementalDatasetNeedsSUPPQUALsRequiredVariables() {
        let columns = ["STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QLABEL", "QVAL"]
        let findings = validate(RequiredVariablePresent(), view("SUPPAE", columns, []))
        #expect(findings.spots == [Spot("SDTM.VAR.REQ-MISSING", .error, "SUPPAE", record: nil, variable: "QORIG", value: nil)])
    }

    @Test func aDatasetTheStandardDoesNotDefineIsNotChecked() {
        #expect(validate(RequiredVariablePresent(), view("XX", ["USUBJID"], [["S-001"]])).isEmpty)
    }
}

@Suite struct RequiredValueNotNullTests {
    let columns = ["STUDYID", "DOMAIN", "USUBJID", "SEX"]

    @Test func aNullRequiredValueIsAnError() {
        let dm = view("DM", columns, [["S1", "DM", "S-001", "F"], ["S1", "DM", "S-002", ""]])
        #expect(validate(RequiredValueNotNull(), dm).spots
            == [Spot("SDTM.VAR.REQ-NULL", .error, "DM", record: 2, variable: "SEX", value: nil)])
    }

    @Test func populatedRequiredValuesPass() {
        let dm = view("DM", columns, [["S1", "DM", "S-001", "F"], ["S1", "DM", "S-002", "M"]])
        #expect(validate(RequiredValueNotNull(), dm).isEmpty)
    }

    @Test func aNullPermissibleOrExpectedValueIsNotChecked() {
        let dm = view("DM", ["STUDYID", "DOMAIN", "USUBJID", "RFSTDTC", "ETHNIC"], [["S1", "DM", "S-001", "", ""]])
        #expect(validate(RequiredValueNotNull(), dm).isEmpty)
    }

    @Test func aNullRequiredNumberIsAnError() {
        let ae = view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AESEQ"], [["S1", "AE", "S-001", "1"], ["S1", "AE", "S-001", ""]])
        #expect(validate(RequiredValueNotNull(), ae).spots
            == [Spot("SDTM.VAR.REQ-NULL", .error, "AE", record: 2, variable: "AESEQ", value: nil)])
    }
}

@Suite struct ExpectedVariablePresentTests {
    @Test func aMissingExpectedVariableIsAWarning() {
        let columns = (variables(of: "DM", .required) + variables(of: "DM", .expected)).filter { $0 != "ARMNRS" }
        let findings = validate(ExpectedVariablePresent(), view("DM", columns, [row(columns, ["USUBJID": "S-001"])]))
        #expect(findings.spots == [Spot("SDTM.VAR.EXP-MISSING", .warning, "DM", record: nil, variable: "ARMNRS", value: nil)])
    }

    @Test func expectedVariablesPresentPassEvenWhenNull() {
        let columns = variables(of: "DM", .required) + variables(of: "DM", .expected)
        #expect(validate(ExpectedVariablePresent(), view("DM", columns, [row(columns, ["USUBJID": "S-001"])])).isEmpty)
    }

    @Test func aMissingPermissibleVariableIsNotAFinding() {
        let columns = variables(of: "AE", .required) + variables(of: "AE", .expected)
        #expect(validate(ExpectedVariablePresent(), view("AE", columns, [])).isEmpty)
    }
}
