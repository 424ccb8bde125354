import SDTMModel
import Testing
import Validation

private let context = ValidationContext(terminology: handMadeTerminology)

@Suite struct ValueInCodelistTests {
    private let dmColumns = ["STUDYID", "DOMAIN", "USUBJID", "SEX"]
    private let aeColumns = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "EPOCH"]

    private func ae(_ epochs: [String], in name: String = "AE") -> DatasetView {
        view(name, name == "AE" ? aeColumns : ["STUDYID", "DOMAIN", "USUBJID", "EXSEQ", "EPOCH"],
             epochs.enumerated().map { i, e in ["S1", name, "S-001", String(i + 1), e] })
    }

    @Test func aValueOutsideANonExtensibleCodelistIsAnError() {
        let v = view("DM", dmColumns, [["S1", "DM", "S-001", "F"], ["S1", "DM", "S-002", "MALE"]])
        #expect(validate(ValueInCodelist(), v, context: context).spots
            == [Spot("CT.VALUE", .error, "DM", record: 2, variable: "SEX", value: "MALE")])
    }

    /// RACE is bound to C74457, which the hand-made terminology lacks: its values cannot be checked.
    @Test func aValueWhoseCodelistTheTerminologyLacksIsAWarning() {
        let v = view("DM", dmColumns + ["RACE"], [["S1", "DM", "S-001", "F", "ASIAN"]])
        #expect(validate(ValueInCodelist(), v, context: context).spots
            == [Spot("CT.VALUE", .warning, "DM", record: 1, variable: "RACE", value: "ASIAN")])
    }

    @Test func submissionValuesAndNullPass() {
        let v = view("DM", dmColumns, [["S1", "DM", "S-001", "F"], ["S1", "DM", "S-002", "M"], ["S1", "DM", "S-003", ""]])
        #expect(validate(ValueInCodelist(), v, context: context).isEmpty)
    }

    @Test func aValueOutsideAnExtensibleCodelistIsAWarningReportedOncePerVariableAndValue() {
        let v = ae(["TREATMENT", "RUN-IN", "RUN-IN", "EXTENSION", "RUN-IN"])
        // One finding per value, in value order, each on the value's first record.
        #expect(validate(ValueInCodelist(), v, context: context).spots == [
            Spot("CT.VALUE", .warning, "AE", record: 4, variable: "EPOCH", value: "EXTENSION"),
            Spot("CT.VALUE", .warning, "AE", record: 2, variable: "EPOCH", value: "RUN-IN"),
        ])
    }

    @Test func anExtensionIsReportedInEachDataset() {
        #expect(validate(ValueInCodelist(), ae(["RUN-IN"], in: "EX"), ae(["RUN-IN"]), context: context).spots == [
            Spot("CT.VALUE", .warning, "AE", record: 1, variable: "EPOCH", value: "RUN-IN"),
            Spot("CT.VALUE", .warning, "EX", record: 1, variable: "EPOCH", value: "RUN-IN"),
        ])
    }

    @Test func theExtensiblesTermsPass() {
        #expect(validate(ValueInCodelist(), ae(["SCREENING", "TREATMENT", "FOLLOW-UP"]), context: context).isEmpty)
    }

    @Test func aCaseVariantIsNotTheSubmissionValue() {
        let v = view("DM", dmColumns, [["S1", "DM", "S-001", "f"]])
        #expect(validate(ValueInCodelist(), v, context: context).spots
            == [Spot("CT.VALUE", .error, "DM", record: 1, variable: "SEX", value: "f")])
    }

    @Test func aValueTheImplementationGuidePrescribesIsANotice() {
        let context = ValidationContext(terminology: handMadeTerminology,
                                        terminologyExceptions: ["AE.EPOCH=RUN-IN": "SDTMIG 3.4 §4.1.4.9"])
        #expect(validate(ValueInCodelist(), ae(["RUN-IN", "RUN-IN"]), ae(["RUN-IN"], in: "EX"), context: context).spots == [
            Spot("CT.VALUE", .notice, "AE", record: 1, variable: "EPOCH", value: "RUN-IN"),
            Spot("CT.VALUE", .warning, "EX", record: 1, variable: "EPOCH", value: "RUN-IN"),
        ])
    }

    @Test func withoutTerminologyNothingIsChecked() {
        let v = view("DM", dmColumns, [["S1", "DM", "S-001", "MALE"]])
        #expect(validate(ValueInCodelist(), v).isEmpty)
    }

    @Test func aDatasetTheStandardDoesNotDefineIsNotChecked() {
        let v = view("XX", ["USUBJID", "SEX"], [["S-001", "MALE"]])
        #expect(validate(ValueInCodelist(), v, context: context).isEmpty)
    }
}
