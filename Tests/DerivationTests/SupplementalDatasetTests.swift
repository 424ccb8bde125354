import SDTMModel
import Testing

@testable import Derivation
@testable import Mapping

private let dm = dataset("DM", [
    ["STUDYID": "TEST-01", "USUBJID": "S1", "RFICDTC": "2025-01-06"],
    ["STUDYID": "TEST-01", "USUBJID": "S2", "RFICDTC": "2025-01-07"],
])

/// AE rows in raw order; sorted by subject and start date they become
/// S1 FATIGUE (AESEQ 1), S1 RASH (AESEQ 2), S2 HEADACHE (AESEQ 1).
/// The relationship values are given in raw order too, one per row, the last row having none.
private let ae = mapped(aeMapping, dataset("AE", [
    ["STUDYID": "TEST-01", "USUBJID": "S1", "AETERM": "RASH", "AESTDTC": "2025-03-01"],
    ["STUDYID": "TEST-01", "USUBJID": "S2", "AETERM": "HEADACHE", "AESTDTC": "2025-01-10"],
    ["STUDYID": "TEST-01", "USUBJID": "S1", "AETERM": "FATIGUE", "AESTDTC": "2025-02-01"],
    ["STUDYID": "TEST-01", "USUBJID": "S1", "AETERM": "COUGH", "AESTDTC": "2025-04-01"],
]), supplemental: [relationship(0, "RASH RELATED"), relationship(1, "HEADACHE NOT RELATED"),
                   relationship(2, "FATIGUE RELATED")])

private func derived() throws -> (ae: Dataset, suppae: Dataset) {
    let package = Derivations.run([mapped(dmMapping, dm), ae], study: study, standard: standard)
    return (try #require(package.datasets.first { $0.name == "AE" }),
            try #require(package.datasets.first { $0.name == "SUPPAE" }))
}

@Suite struct SupplementalDatasetTests {
    @Test func suppaeFollowsAEInThePackage() throws {
        let package = Derivations.run([mapped(dmMapping, dm), ae], study: study, standard: standard)
        #expect(package.datasets.map(\.name) == ["DM", "AE", "SUPPAE"])
    }

    @Test func suppaeRowsPointToTheParentsAESEQAfterSorting() throws {
        let (ae, suppae) = try derived()
        #expect(ae.values("AETERM") == ["FATIGUE", "RASH", "COUGH", "HEADACHE"])
        #expect(ae.values("AESEQ") == ["1", "2", "3", "1"])
        #expect(suppae.values("USUBJID") == ["S1", "S1", "S2"])
        #expect(suppae.values("IDVARVAL") == ["1", "2", "1"])
        #expect(suppae.values("QVAL") == ["FATIGUE RELATED", "RASH RELATED", "HEADACHE NOT RELATED"])
    }

    @Test func suppaeIdentifiesItsParentByAESEQInDomainAE() throws {
        let (_, suppae) = try derived()
        #expect(suppae.values("RDOMAIN") == ["AE", "AE", "AE"])
        #expect(suppae.values("IDVAR") == ["AESEQ", "AESEQ", "AESEQ"])
        #expect(suppae.values("STUDYID") == ["TEST-01", "TEST-01", "TEST-01"])
    }

    @Test func idvarvalIsTheSequenceNumberAsText() throws {
        let (_, suppae) = try derived()
        #expect(suppae.records.map { $0.values[suppae.column("IDVARVAL")] } == [.text("1"), .text("2"), .text("1")])
    }

    @Test func suppaeCarriesTheQualifierNameLabelOriginAndEvaluator() throws {
        let (_, suppae) = try derived()
        #expect(suppae.values("QNAM") == ["AEREL1", "AEREL1", "AEREL1"])
        #expect(suppae.values("QLABEL") == Array(repeating: "Relationship to Drug A", count: 3))
        #expect(suppae.values("QORIG") == ["CRF", "CRF", "CRF"])
        #expect(suppae.values("QEVAL") == ["INVESTIGATOR", "INVESTIGATOR", "INVESTIGATOR"])
    }

    @Test func suppaeUsesTheSUPPQUALSpecNamedSUPPAE() throws {
        let (_, suppae) = try derived()
        #expect(suppae.spec.name == "SUPPAE")
        #expect(suppae.spec.variables == standard.domain("SUPPQUAL")?.variables)
    }

    @Test func missingEvaluatorLeavesQEVALEmpty() throws {
        var values = ae.supplemental
        values[0].evaluator = nil
        let domain = mapped(aeMapping, ae.dataset, supplemental: values)
        let package = Derivations.run([mapped(dmMapping, dm), domain], study: study, standard: standard)
        let suppae = try #require(package.datasets.first { $0.name == "SUPPAE" })
        #expect(suppae.values("QEVAL") == ["INVESTIGATOR", "", "INVESTIGATOR"])
    }

    @Test func domainWithoutSupplementalQualifiersHasNoSUPPDataset() {
        let ex = mapped(exMapping, dataset("EX", [["STUDYID": "TEST-01", "USUBJID": "S1", "EXSTDTC": "2025-01-20"]]))
        let package = Derivations.run([mapped(dmMapping, dm), ex], study: study, standard: standard)
        #expect(package.datasets.map(\.name) == ["DM", "EX"])
    }
}
