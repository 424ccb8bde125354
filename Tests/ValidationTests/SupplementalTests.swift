import SDTMModel
import Testing
import Validation

@Suite struct SupplementalParentExistsTests {
    private let ae = view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AESPID"],
                          [["S1", "AE", "S-001", "1", "AE-07"], ["S1", "AE", "S-001", "2", ""], ["S1", "AE", "S-002", "1", ""]])
    private let columns = ["STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QLABEL", "QVAL", "QORIG"]

    private func supp(_ name: String, _ rows: [(rdomain: String, usubjid: String, idvar: String, idvarval: String)]) -> DatasetView {
        view(name, columns, rows.map { ["S1", $0.rdomain, $0.usubjid, $0.idvar, $0.idvarval, "AEREL1", "Relationship to AK117", "RELATED", "CRF"] })
    }

    @Test func anIDVARVALThatIsNotAParentAESEQIsAnError() {
        // SUPPAE comes first in the list: the validator reads it last anyway.
        let v = supp("SUPPAE", [("AE", "S-001", "AESEQ", "2"), ("AE", "S-001", "AESEQ", "3")])
        #expect(validate(SupplementalParentExists(), v, ae).spots
            == [Spot("SDTM.SUPP.PARENT", .error, "SUPPAE", record: 2, variable: "IDVARVAL", value: "3")])
    }

    @Test func aParentOfAnotherSubjectIsAnError() {
        let v = supp("SUPPAE", [("AE", "S-002", "AESEQ", "2")])
        #expect(validate(SupplementalParentExists(), ae, v).spots
            == [Spot("SDTM.SUPP.PARENT", .error, "SUPPAE", record: 1, variable: "IDVARVAL", value: "2")])
    }

    @Test func parentRecordsByAnyIdentifierPass() {
        let v = supp("SUPPAE", [("AE", "S-001", "AESEQ", "1"), ("AE", "S-001", "AESEQ", "2"), ("AE", "S-002", "AESEQ", "1"),
                                ("AE", "S-001", "AESPID", "AE-07")])
        #expect(validate(SupplementalParentExists(), v, ae).isEmpty)
    }

    @Test func aSubjectLevelQualifierNeedsTheSubjectInDM() {
        let v = supp("SUPPDM", [("DM", "S-001", "", ""), ("DM", "S-009", "", "")])
        #expect(validate(SupplementalParentExists(), v, dm([("S-001", "2025-03-10")])).spots
            == [Spot("SDTM.SUPP.PARENT", .error, "SUPPDM", record: 2, variable: "IDVARVAL", value: "")])
    }

    @Test func aLinkGroupIdentifiesItsParentRecords() {
        let ex = view("EX", ["STUDYID", "DOMAIN", "USUBJID", "EXSEQ", "EXLNKGRP"], [["S1", "EX", "S-001", "1", "C1"]])
        let v = supp("SUPPEX", [("EX", "S-001", "EXLNKGRP", "C1")])
        #expect(validate(SupplementalParentExists(), ex, v).isEmpty)
    }

    @Test func withoutTheParentDatasetEveryRecordIsAnError() {
        let v = supp("SUPPAE", [("AE", "S-001", "AESEQ", "1")])
        #expect(validate(SupplementalParentExists(), v).spots
            == [Spot("SDTM.SUPP.PARENT", .error, "SUPPAE", record: 1, variable: "IDVARVAL", value: "1")])
    }
}
