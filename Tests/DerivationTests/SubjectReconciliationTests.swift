import Ingest
import SDTMModel
import Testing

@testable import Derivation
@testable import Mapping

private let dm = dataset("DM", [["USUBJID": "S1", "RFICDTC": "2025-01-06"]])

/// AE rows of S1 (lines 2 and 4) around one of S9 (line 3), who has no DM record;
/// each row carries one supplemental value naming its line.
private let ae = mapped(aeMapping, dataset("AE", [
    ["USUBJID": "S1", "AETERM": "RASH", "AESTDTC": "2025-02-01"],
    ["USUBJID": "S9", "AETERM": "NAUSEA", "AESTDTC": "2025-02-02"],
    ["USUBJID": "S1", "AETERM": "FATIGUE", "AESTDTC": "2025-02-03"],
]), supplemental: [relationship(0, "line 2"), relationship(1, "line 3"), relationship(2, "line 4")])

@Suite struct SubjectReconciliationTests {
    @Test func recordOfSubjectAbsentFromDMIsRejectedWithItsLine() throws {
        var domain = ae
        let rejections = reconcileSubjects(&domain, subjects: SubjectTable(dm: dm))
        let rejection = try #require(rejections.first)
        #expect(rejections.count == 1)
        #expect(rejection.rule == "map.unknown-subject")
        #expect(rejection.severity == .error)
        #expect(rejection.file == "ae.csv")
        #expect(rejection.line == 3)
        #expect(rejection.reason.contains("S9"))
    }

    @Test func recordsOfKnownSubjectsAreKeptInOrder() {
        var domain = ae
        _ = reconcileSubjects(&domain, subjects: SubjectTable(dm: dm))
        #expect(domain.dataset.values("AETERM") == ["RASH", "FATIGUE"])
    }

    @Test func supplementalValuesOfRejectedRecordsAreDroppedAndTheRestRepointed() {
        var domain = ae
        _ = reconcileSubjects(&domain, subjects: SubjectTable(dm: dm))
        #expect(domain.supplemental.map(\.value) == ["line 2", "line 4"])
        #expect(domain.supplemental.map(\.parent) == [0, 1])
    }

    @Test func supplementalValuesFollowTheirParentsPastSeveralDroppedRecords() {
        var domain = mapped(aeMapping, dataset("AE", [
            ["USUBJID": "S9", "AETERM": "A", "AESTDTC": "2025-02-01"],
            ["USUBJID": "S1", "AETERM": "B", "AESTDTC": "2025-02-02"],
            ["USUBJID": "S8", "AETERM": "C", "AESTDTC": "2025-02-03"],
            ["USUBJID": "S1", "AETERM": "D", "AESTDTC": "2025-02-04"],
            ["USUBJID": "S9", "AETERM": "E", "AESTDTC": "2025-02-05"],
        ]), supplemental: (0..<5).map { relationship($0, "record \($0)") })
        let rejections = reconcileSubjects(&domain, subjects: SubjectTable(dm: dm))
        #expect(rejections.map(\.line) == [2, 4, 6])
        #expect(domain.dataset.values("AETERM") == ["B", "D"])
        #expect(domain.supplemental.map(\.value) == ["record 1", "record 3"])
        #expect(domain.supplemental.map(\.parent) == [0, 1])
    }

    @Test func runReportsUnknownSubjectsAndLeavesThemOutOfAEAndSUPPAE() throws {
        let package = Derivations.run([mapped(dmMapping, dm), ae], study: study, standard: standard)
        #expect(package.rejections.map(\.rule) == ["map.unknown-subject"])
        #expect(package.rejections.map(\.line) == [3])
        let aeOut = try #require(package.datasets.first { $0.name == "AE" })
        let suppae = try #require(package.datasets.first { $0.name == "SUPPAE" })
        #expect(aeOut.values("USUBJID") == ["S1", "S1"])
        #expect(suppae.values("QVAL") == ["line 2", "line 4"])
        #expect(!suppae.values("USUBJID").contains("S9"))
    }

    @Test func runWithoutDMIsAnError() {
        let package = Derivations.run([ae], study: study, standard: standard)
        #expect(package.diagnostics.map(\.rule) == ["derive.no-dm"])
        #expect(package.diagnostics.first?.severity == .error)
    }
}
