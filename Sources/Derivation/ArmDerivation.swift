import SDTMModel

/// ACTARMCD/ACTARM equal the planned arm for treated subjects. A subject with a planned arm but no
/// exposure has ARMNRS ASSIGNED, NOT TREATED; a subject with neither arm nor reason has NOT ASSIGNED.
func deriveArms(dm: inout Dataset, treated: Set<String>) {
    let (usubjid, armcd, arm, actarmcd, actarm, armnrs) = (
        dm.column("USUBJID"), dm.column("ARMCD"), dm.column("ARM"), dm.column("ACTARMCD"), dm.column("ACTARM"),
        dm.column("ARMNRS"))
    for i in 0..<dm.count {
        if !dm[i, armcd].isNull {
            if treated.contains(dm[i, usubjid].text) {
                dm[i, actarmcd] = dm[i, armcd]
                dm[i, actarm] = dm[i, arm]
            } else if dm[i, armnrs].isNull {
                dm[i, armnrs] = .text("ASSIGNED, NOT TREATED")
            }
        } else {
            dm[i, arm] = .null
            if dm[i, armnrs].isNull { dm[i, armnrs] = .text("NOT ASSIGNED") }
        }
    }
}
