import SDTMModel
import Testing
import Validation

@Suite struct SeriousEventHasCriterionTests {
    private let columns = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AESER", "AESHOSP", "AESDTH"]

    @Test func aSeriousEventWithoutACriterionIsAnError() {
        let v = view("AE", columns, [["S1", "AE", "S-001", "1", "Y", "Y", ""], ["S1", "AE", "S-001", "2", "Y", "N", "N"]])
        #expect(validate(SeriousEventHasCriterion(), v).spots
            == [Spot("SDTM.AE.SERIOUS-CRITERION", .error, "AE", record: 2, variable: "AESER", value: "Y")])
    }

    @Test func aSeriousEventWithACriterionOrANonSeriousEventPasses() {
        let v = view("AE", columns, [["S1", "AE", "S-001", "1", "Y", "", "Y"], ["S1", "AE", "S-001", "2", "N", "", ""],
                                     ["S1", "AE", "S-001", "3", "", "", ""]])
        #expect(validate(SeriousEventHasCriterion(), v).isEmpty)
    }

    @Test func aSeriousEventWithoutAnyCriterionColumnIsAnError() {
        let v = view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AESER"], [["S1", "AE", "S-001", "1", "Y"]])
        #expect(validate(SeriousEventHasCriterion(), v).spots
            == [Spot("SDTM.AE.SERIOUS-CRITERION", .error, "AE", record: 1, variable: "AESER", value: "Y")])
    }
}

@Suite struct ToxicityGradeInRangeTests {
    private func ae(_ grades: [String]) -> DatasetView {
        view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AETOXGR"],
             grades.enumerated().map { i, g in ["S1", "AE", "S-001", String(i + 1), g] })
    }

    @Test func aGradeOutside1To5IsAnError() {
        #expect(validate(ToxicityGradeInRange(), ae(["3", "6", "0", "Grade 2"])).spots == [
            Spot("SDTM.AE.TOXGR-RANGE", .error, "AE", record: 2, variable: "AETOXGR", value: "6"),
            Spot("SDTM.AE.TOXGR-RANGE", .error, "AE", record: 3, variable: "AETOXGR", value: "0"),
            Spot("SDTM.AE.TOXGR-RANGE", .error, "AE", record: 4, variable: "AETOXGR", value: "Grade 2"),
        ])
    }

    @Test func grades1To5AndNullPass() {
        #expect(validate(ToxicityGradeInRange(), ae(["1", "2", "3", "4", "5", ""])).isEmpty)
    }
}

@Suite struct ExposureDoseAndUnitTests {
    private let columns = ["STUDYID", "DOMAIN", "USUBJID", "EXSEQ", "EXTRT", "EXDOSE", "EXDOSTXT", "EXDOSU"]

    @Test func aDoseWithoutAUnitIsAnError() {
        let v = view("EX", columns, [["S1", "EX", "S-001", "1", "AK117", "30", "", "mg/kg"], ["S1", "EX", "S-001", "2", "AK117", "30", "", ""]])
        #expect(validate(ExposureDoseAndUnit(), v).spots
            == [Spot("SDTM.EX.DOSE-UNIT", .error, "EX", record: 2, variable: "EXDOSU", value: "30")])
    }

    @Test func aRecordWithoutDoseOrDoseDescriptionIsAnError() {
        let v = view("EX", columns, [["S1", "EX", "S-001", "1", "AK117", "", "", "mg/kg"]])
        #expect(validate(ExposureDoseAndUnit(), v).spots
            == [Spot("SDTM.EX.DOSE-UNIT", .error, "EX", record: 1, variable: "EXDOSE", value: nil)])
    }

    @Test func aDoseWithItsUnitOrADoseDescriptionPasses() {
        let v = view("EX", columns, [["S1", "EX", "S-001", "1", "AK117", "30", "", "mg/kg"],
                                     ["S1", "EX", "S-001", "2", "AK104", "", "10-20", "mg/kg"],
                                     ["S1", "EX", "S-001", "3", "AK104", "0", "", "mg"]])
        #expect(validate(ExposureDoseAndUnit(), v).isEmpty)
    }

    @Test func onlyEXIsChecked() {
        let v = view("XX", ["USUBJID", "EXDOSE", "EXDOSU"], [["S-001", "30", ""]])
        #expect(validate(ExposureDoseAndUnit(), v).isEmpty)
    }
}
