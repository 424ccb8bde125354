import SDTMModel

/// AGE in completed years from BRTHDTC to RFICDTC when both are complete dates, else the collected age;
/// AGEU is YEARS whenever AGE is known. A collected age that disagrees with the dates is a warning.
func deriveAge(dm: inout Dataset) -> [Diagnostic] {
    // BRTHDTC is permissible: a study that collects only AGE does not carry it.
    let (birth, consent, age, ageu) = (dm.column(ifPresent: "BRTHDTC"), dm.column("RFICDTC"), dm.column("AGE"), dm.column("AGEU"))
    var findings: [Diagnostic] = []
    for i in 0..<dm.count {
        if let birth, let b = ISODateTime(iso: dm[i, birth].text)?.date, let c = ISODateTime(iso: dm[i, consent].text)?.date {
            let years = completedYears(from: b, to: c)
            if case .number(let collected) = dm[i, age], Int(collected) != years {
                findings.append(Diagnostic(
                    .warning, "derive.age-mismatch", at: dm.origins[i],
                    "collected age \(Value.format(collected)) differs from the \(years) years between BRTHDTC \(b) and RFICDTC \(c)",
                    hint: "query the site; AGE is derived from the dates"))
            }
            dm[i, age] = .number(Double(years))
        }
        dm[i, ageu] = dm[i, age].isNull ? .null : .text("YEARS")
    }
    return findings
}

/// Whole years from one date to another, counting a birthday only once it has been reached.
func completedYears(from birth: CivilDate, to date: CivilDate) -> Int {
    var years = date.year - birth.year
    if (date.month, date.day) < (birth.month, birth.day) { years -= 1 }
    return years
}
