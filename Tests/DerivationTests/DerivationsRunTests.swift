import SDTMModel
import Testing

@testable import Derivation
@testable import Mapping

/// The whole derive stage on one dosed subject (S1) and one undosed subject (S2).
private func run() throws -> (dm: Dataset, ex: Dataset, ae: Dataset) {
    let dm = dataset("DM", [
        ["USUBJID": "S1", "RFICDTC": "2025-01-06", "ARMCD": "A", "ARM": "Drug A", "BRTHDTC": "1980-06-15"],
        ["USUBJID": "S2", "RFICDTC": "2025-01-08", "ARMCD": "A", "ARM": "Drug A", "AGE": "51"],
    ])
    let ex = dataset("EX", [
        ["USUBJID": "S1", "EXSTDTC": "2025-02-10T09:00", "EXENDTC": "2025-02-10T09:45"],
        ["USUBJID": "S1", "EXSTDTC": "2025-01-20T09:30", "EXENDTC": "2025-01-20T10:15"],
    ])
    let ae = dataset("AE", [["USUBJID": "S1", "AETERM": "RASH", "AESTDTC": "2025-01-22", "AEENDTC": "2025-03-05"]])
    let package = Derivations.run([mapped(dmMapping, dm), mapped(exMapping, ex), mapped(aeMapping, ae)],
                                  study: study, standard: standard)
    func named(_ name: String) throws -> Dataset { try #require(package.datasets.first { $0.name == name }) }
    return (try named("DM"), try named("EX"), try named("AE"))
}

@Suite struct DerivationsRunTests {
    @Test func dmGetsReferenceDatesAgeAndArmsTogether() throws {
        let dm = try run().dm
        #expect(dm.value("RFSTDTC", of: "S1") == "2025-01-20T09:30")
        #expect(dm.value("RFXENDTC", of: "S1") == "2025-02-10T09:45")
        #expect(dm.value("AGE", of: "S1") == "44")
        #expect(dm.value("AGE", of: "S2") == "51")
        #expect(dm.value("ACTARMCD", of: "S1") == "A")
        #expect(dm.value("ARMNRS", of: "S2") == "ASSIGNED, NOT TREATED")
    }

    @Test func otherDomainsUseTheDerivedReferenceDatesForStudyDaysAndEpoch() throws {
        let ae = try run().ae
        #expect(ae.values("AESTDY") == ["3"])
        #expect(ae.values("AEENDY") == ["45"])
        #expect(ae.values("EPOCH") == ["TREATMENT"])
    }

    @Test func exposureIsSequencedAndDated() throws {
        let ex = try run().ex
        #expect(ex.values("EXSTDTC") == ["2025-01-20T09:30", "2025-02-10T09:00"])
        #expect(ex.values("EXSEQ") == ["1", "2"])
        #expect(ex.values("EXSTDY") == ["1", "22"])
        #expect(ex.values("EPOCH") == ["TREATMENT", "TREATMENT"])
    }
}
