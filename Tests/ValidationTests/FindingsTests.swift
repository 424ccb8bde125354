import SDTMModel
import Testing
import Validation

@Suite struct StandardNumericWhenNumericTests {
    private let columns = ["STUDYID", "DOMAIN", "USUBJID", "LBSEQ", "LBTESTCD", "LBSTRESC", "LBSTRESN"]

    private func lb(_ results: [(String, String)]) -> DatasetView {
        view("LB", columns, results.enumerated().map { i, r in ["S1", "LB", "S-001", String(i + 1), "ALT", r.0, r.1] })
    }

    @Test func aNumericResultWithoutSTRESNIsAnError() {
        #expect(validate(StandardNumericWhenNumeric(), lb([("5.2", "5.2"), ("5.2", "")])).spots
            == [Spot("SDTM.FINDINGS.STRESN", .error, "LB", record: 2, variable: "LBSTRESN", value: "")])
    }

    @Test func aDifferentSTRESNIsAnError() {
        #expect(validate(StandardNumericWhenNumeric(), lb([("5.2", "5.3")])).spots
            == [Spot("SDTM.FINDINGS.STRESN", .error, "LB", record: 1, variable: "LBSTRESN", value: "5.3")])
    }

    @Test func matchingOrNonNumericResultsPass() {
        let v = lb([("5.2", "5.2"), ("5.20", "5.2"), ("-1", "-1"), ("40", "40"), ("<0.2", ""), ("NEGATIVE", ""), ("", "")])
        #expect(validate(StandardNumericWhenNumeric(), v).isEmpty)
    }

    @Test func aDatasetWithoutSTRESNIsNotChecked() {
        let v = view("LB", ["STUDYID", "DOMAIN", "USUBJID", "LBTESTCD", "LBSTRESC"], [["S1", "LB", "S-001", "ALT", "5.2"]])
        #expect(validate(StandardNumericWhenNumeric(), v).isEmpty)
    }
}

@Suite struct BaselineFlagOncePerTestTests {
    private let columns = ["STUDYID", "DOMAIN", "USUBJID", "LBSEQ", "LBTESTCD", "LBSPEC", "LBBLFL", "LBLOBXFL"]

    @Test func aSecondBaselineForASubjectAndTestIsAnError() {
        let v = view("LB", columns, [["S1", "LB", "S-001", "1", "ALT", "SERUM", "Y", ""], ["S1", "LB", "S-001", "2", "ALT", "SERUM", "Y", ""]])
        #expect(validate(BaselineFlagOncePerTest(), v).spots
            == [Spot("SDTM.FINDINGS.BASELINE-TWICE", .error, "LB", record: 2, variable: "LBBLFL", value: "Y")])
    }

    @Test func aSecondLastObservationBeforeExposureIsAnError() {
        let v = view("LB", columns, [["S1", "LB", "S-001", "1", "ALT", "SERUM", "Y", "Y"], ["S1", "LB", "S-001", "2", "ALT", "SERUM", "", "Y"]])
        #expect(validate(BaselineFlagOncePerTest(), v).spots
            == [Spot("SDTM.FINDINGS.BASELINE-TWICE", .error, "LB", record: 2, variable: "LBLOBXFL", value: "Y")])
    }

    @Test func oneBaselinePerSubjectTestAndSpecimenPasses() {
        let v = view("LB", columns, [
            ["S1", "LB", "S-001", "1", "ALT", "SERUM", "Y", "Y"], ["S1", "LB", "S-001", "2", "ALT", "SERUM", "", ""],
            ["S1", "LB", "S-001", "3", "GLUC", "SERUM", "Y", "Y"], ["S1", "LB", "S-001", "4", "GLUC", "URINE", "Y", "Y"],
            ["S1", "LB", "S-002", "1", "ALT", "SERUM", "Y", "Y"],
        ])
        #expect(validate(BaselineFlagOncePerTest(), v).isEmpty)
    }

    @Test func aRepeatIsFoundWhereverItIsAndOnlyTheLaterRecordIsReported() {
        let v = view("LB", columns, [
            ["S1", "LB", "S-001", "1", "ALT", "SERUM", "", "Y"], ["S1", "LB", "S-002", "1", "ALT", "SERUM", "", "Y"],
            ["S1", "LB", "S-002", "2", "AST", "SERUM", "", "Y"], ["S1", "LB", "S-001", "2", "ALT", "SERUM", "", "Y"],
            ["S1", "LB", "S-001", "3", "ALT", "SERUM", "", "Y"],
        ])
        #expect(validate(BaselineFlagOncePerTest(), v).map(\.record) == [4, 5])
    }

    @Test func tumourMeasurementsHaveOneBaselinePerLesion() {
        let columns = ["STUDYID", "DOMAIN", "USUBJID", "TRSEQ", "TRLNKID", "TRTESTCD", "TRLOBXFL"]
        let v = view("TR", columns, [
            ["S1", "TR", "S-001", "1", "T1", "LDIAM", "Y"], ["S1", "TR", "S-001", "2", "T2", "LDIAM", "Y"],
            ["S1", "TR", "S-001", "3", "T2", "LDIAM", "Y"],
        ])
        #expect(validate(BaselineFlagOncePerTest(), v).spots
            == [Spot("SDTM.FINDINGS.BASELINE-TWICE", .error, "TR", record: 3, variable: "TRLOBXFL", value: "Y")])
    }
}

@Suite struct TumorResultLinksToTumorTests {
    private let tu = view("TU", ["STUDYID", "DOMAIN", "USUBJID", "TUSEQ", "TULNKID", "TUTESTCD"],
                          [["S1", "TU", "S-001", "1", "T01", "TUMIDENT"], ["S1", "TU", "S-002", "1", "T02", "TUMIDENT"]])

    private func tr(_ links: [(String, String)]) -> DatasetView {
        view("TR", ["STUDYID", "DOMAIN", "USUBJID", "TRSEQ", "TRLNKID", "TRTESTCD"],
             links.enumerated().map { i, l in ["S1", "TR", l.0, String(i + 1), l.1, "LDIAM"] })
    }

    @Test func aLinkWithoutATULesionIsAnError() {
        // TR comes first in the list: the validator reads TU before it anyway.
        #expect(validate(TumorResultLinksToTumor(), tr([("S-001", "T01"), ("S-001", "T03")]), tu).spots
            == [Spot("SDTM.TR.LINK", .error, "TR", record: 2, variable: "TRLNKID", value: "T03")])
    }

    @Test func aLinkToAnotherSubjectsLesionIsAnError() {
        #expect(validate(TumorResultLinksToTumor(), tu, tr([("S-001", "T02")])).spots
            == [Spot("SDTM.TR.LINK", .error, "TR", record: 1, variable: "TRLNKID", value: "T02")])
    }

    @Test func withoutTUEveryLinkIsAnError() {
        #expect(validate(TumorResultLinksToTumor(), tr([("S-001", "T01")])).spots
            == [Spot("SDTM.TR.LINK", .error, "TR", record: 1, variable: "TRLNKID", value: "T01")])
    }

    @Test func linksToTheSubjectsLesionsPass() {
        #expect(validate(TumorResultLinksToTumor(), tr([("S-001", "T01"), ("S-002", "T02"), ("S-002", "")]), tu).isEmpty)
    }
}
