import SDTMModel

/// ACTARMCD/ACTARM equal the planned arm for treated subjects. A subject with a planned arm but no
/// exposure has ARMNRS ASSIGNED, NOT TREATED; a subject with neither arm nor reason has NOT ASSIGNED.
func deriveArms(dm: inout Dataset, treated: Set<String>) {
    let (usubjid, armcd, arm, actarmcd, actarm, armnrs) = (
        dm.column("USUBJID"), dm.column("ARMCD"), dm.column("ARM"), dm.column("ACTARMCD"), dm.column("ACTARM"),
        dm.column("ARMNRS"))
    for i in 0..<dm.count {
        var v = dm.rows[i].values
        if !v[armcd].isNull {
            if treated.contains(v[usubjid].text) {
                v[actarmcd] = v[armcd]
                v[actarm] = v[arm]
            } else if v[armnrs].isNull {
                v[armnrs] = .text("ASSIGNED, NOT TREATED")
            }
        } else {
            v[arm] = .null
            if v[armnrs].isNull { v[armnrs] = .text("NOT ASSIGNED") }
        }
        dm.replace(i, with: v)
    }
}
