import SDTMModel
import Testing

@testable import Derivation

/// S1 is assigned and dosed, S2 assigned but never dosed, S3 never assigned, S4 a screen failure.
private func derivedArms() -> Dataset {
    var dm = dataset("DM", [
        ["USUBJID": "S1", "ARMCD": "A", "ARM": "Drug A"],
        ["USUBJID": "S2", "ARMCD": "B", "ARM": "Drug B"],
        ["USUBJID": "S3"],
        ["USUBJID": "S4", "ARMNRS": "SCREEN FAILURE"],
    ])
    deriveArms(dm: &dm, treated: ["S1"])
    return dm
}

@Suite struct ArmDerivationTests {
    @Test func treatedSubjectHasActualArmEqualToPlannedArm() {
        let dm = derivedArms()
        #expect(dm.value("ACTARMCD", of: "S1") == "A")
        #expect(dm.value("ACTARM", of: "S1") == "Drug A")
        #expect(dm.value("ARMNRS", of: "S1") == "")
    }

    @Test func assignedButUntreatedSubjectIsAssignedNotTreated() {
        let dm = derivedArms()
        #expect(dm.value("ARMNRS", of: "S2") == "ASSIGNED, NOT TREATED")
        #expect(dm.value("ARMCD", of: "S2") == "B")
        #expect(dm.value("ACTARMCD", of: "S2") == "")
        #expect(dm.value("ACTARM", of: "S2") == "")
    }

    @Test func subjectWithoutPlannedArmIsNotAssigned() {
        let dm = derivedArms()
        #expect(dm.value("ARMNRS", of: "S3") == "NOT ASSIGNED")
        #expect(dm.value("ARM", of: "S3") == "")
        #expect(dm.value("ACTARMCD", of: "S3") == "")
    }

    @Test func collectedReasonForNullArmIsKept() {
        #expect(derivedArms().value("ARMNRS", of: "S4") == "SCREEN FAILURE")
    }
}
