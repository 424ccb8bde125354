import SDTMModel

/// A variable the derive stage computes, the method that computes it, and the inputs it needs.
public struct DerivedVariable: Sendable, Hashable {
    /// The variable, with `--` for the domain prefix (`--SEQ`).
    public var variable: String
    /// The dataset it applies to, or nil for any dataset that has the variable.
    public var domain: String?
    /// A short identifier of the method, for define.xml's MethodDef OID (`MT.<method>`).
    public var method: String
    /// What a reviewer reads in define.xml.
    public var description: String
    /// Variables the method reads, `DATASET.VARIABLE` or `--VARIABLE` of the same dataset.
    public var inputs: [String]
}

/// Every derivation of the derive stage, described once: check-mappings checks their inputs, define.xml
/// writes their MethodDefs.
public enum DerivationCatalog {
    public static let all: [DerivedVariable] = [
        .init(variable: "RFXSTDTC", domain: "DM", method: "RFXSTDTC",
              description: "Date/time of first study treatment: the earliest EX.EXSTDTC of the subject; null without an EX record.",
              inputs: ["EX.EXSTDTC"]),
        .init(variable: "RFXENDTC", domain: "DM", method: "RFXENDTC",
              description: "Date/time of last study treatment: the latest EX.EXENDTC (or EX.EXSTDTC when it is later or EXENDTC is missing) of the subject; null without an EX record.",
              inputs: ["EX.EXENDTC"]),
        .init(variable: "RFSTDTC", domain: "DM", method: "RFSTDTC",
              description: "Subject reference start: equal to RFXSTDTC, the first study treatment.", inputs: ["EX.EXSTDTC"]),
        .init(variable: "RFENDTC", domain: "DM", method: "RFENDTC",
              description: "Subject reference end: equal to RFXENDTC, the last study treatment.", inputs: ["EX.EXENDTC"]),
        .init(variable: "RFPENDTC", domain: "DM", method: "RFPENDTC",
              description: "End of participation: the last contact date collected, or the date of death when it is later; for a subject with neither, the latest date known in any dataset.",
              inputs: []),
        .init(variable: "DTHFL", domain: "DM", method: "DTHFL",
              description: "Y when the date of death (DTHDTC) is known, otherwise null.", inputs: ["DM.DTHDTC"]),
        .init(variable: "AGE", domain: "DM", method: "AGE",
              description: "Completed years from BRTHDTC to RFICDTC when both are complete dates (a birthday counts once reached); otherwise the age collected at consent. A collected age that differs is reported.",
              inputs: ["DM.RFICDTC"]),
        .init(variable: "AGEU", domain: "DM", method: "AGEU", description: "YEARS whenever AGE is known.", inputs: []),
        .init(variable: "ACTARMCD", domain: "DM", method: "ACTARM",
              description: "For a subject with a planned arm and at least one EX record, ACTARMCD and ACTARM equal ARMCD and ARM; otherwise null.",
              inputs: ["DM.ARMCD", "EX.USUBJID"]),
        .init(variable: "ACTARM", domain: "DM", method: "ACTARM",
              description: "For a subject with a planned arm and at least one EX record, ACTARMCD and ACTARM equal ARMCD and ARM; otherwise null.",
              inputs: ["DM.ARM", "EX.USUBJID"]),
        .init(variable: "ARMNRS", domain: "DM", method: "ARMNRS",
              description: "SCREEN FAILURE as collected; ASSIGNED, NOT TREATED for a subject with an arm but no EX record; NOT ASSIGNED for a subject with neither arm nor reason.",
              inputs: ["DM.ARMCD"]),
        .init(variable: "--SEQ", domain: nil, method: "SEQ",
              description: "1, 2, ... within each subject after sorting the records by USUBJID and the mapping's sequence variables; ties keep the raw file's order.",
              inputs: []),
        .init(variable: "--DY", domain: nil, method: "DY",
              description: "Study day of --DTC: date - RFSTDTC + 1 on or after RFSTDTC, date - RFSTDTC before it (no day 0); null when either date is partial.",
              inputs: ["--DTC", "DM.RFSTDTC"]),
        .init(variable: "--STDY", domain: nil, method: "DY",
              description: "Study day of --STDTC: date - RFSTDTC + 1 on or after RFSTDTC, date - RFSTDTC before it (no day 0); null when either date is partial.",
              inputs: ["--STDTC", "DM.RFSTDTC"]),
        .init(variable: "--ENDY", domain: nil, method: "DY",
              description: "Study day of --ENDTC: date - RFSTDTC + 1 on or after RFSTDTC, date - RFSTDTC before it (no day 0); null when either date is partial.",
              inputs: ["--ENDTC", "DM.RFSTDTC"]),
        .init(variable: "LBSTRESC", domain: "LB", method: "LBSTRES", description: standardResult, inputs: ["--ORRES", "--ORRESU", "--TESTCD"]),
        .init(variable: "LBSTRESN", domain: "LB", method: "LBSTRES", description: standardResult, inputs: ["--ORRES", "--ORRESU", "--TESTCD"]),
        .init(variable: "LBSTRESU", domain: "LB", method: "LBSTRES", description: standardResult, inputs: ["--ORRESU", "--TESTCD"]),
        .init(variable: "VSSTRESC", domain: "VS", method: "VSSTRES", description: standardResult, inputs: ["--ORRES", "--ORRESU", "--TESTCD"]),
        .init(variable: "VSSTRESN", domain: "VS", method: "VSSTRES", description: standardResult, inputs: ["--ORRES", "--ORRESU", "--TESTCD"]),
        .init(variable: "VSSTRESU", domain: "VS", method: "VSSTRES", description: standardResult, inputs: ["--ORRESU", "--TESTCD"]),
        .init(variable: "LBSTNRLO", domain: "LB", method: "LBSTNR", description: standardRange, inputs: ["--ORNRLO", "--ORRESU", "--TESTCD"]),
        .init(variable: "LBSTNRHI", domain: "LB", method: "LBSTNR", description: standardRange, inputs: ["--ORNRHI", "--ORRESU", "--TESTCD"]),
        .init(variable: "LBNRIND", domain: "LB", method: "LBNRIND",
              description: "LOW when the result is below LBORNRLO, HIGH when above LBORNRHI, NORMAL within them (limits included), compared in the collected unit; a censored result (<0.2) only when it is certainly on one side; null without a numeric result or a range.",
              inputs: ["--ORRES", "--ORNRLO", "--ORNRHI"]),
        .init(variable: "LBTOXGR", domain: "LB", method: "LBTOXGR", description: toxicityGrade, inputs: ["--ORRES", "--ORRESU", "--ORNRLO", "--ORNRHI", "--LOBXFL"]),
        .init(variable: "LBTOX", domain: "LB", method: "LBTOXGR", description: toxicityGrade, inputs: ["--ORRES", "--ORRESU", "--ORNRLO", "--ORNRHI", "--LOBXFL"]),
        .init(variable: "LBLOBXFL", domain: "LB", method: "LBLOBXFL", description: lastBeforeExposure, inputs: ["--DTC", "--STRESC", "DM.RFXSTDTC"]),
        .init(variable: "VSLOBXFL", domain: "VS", method: "VSLOBXFL", description: lastBeforeExposure, inputs: ["--DTC", "--STRESC", "DM.RFXSTDTC"]),
        .init(variable: "VISITNUM", domain: nil, method: "VISIT", description: visitNumbering, inputs: []),
        .init(variable: "VISIT", domain: nil, method: "VISIT", description: visitNumbering, inputs: []),
        .init(variable: "EPOCH", domain: nil, method: "EPOCH",
              description: "The epoch of the study design in which --STDTC (or --DTC) falls: the last epoch whose start (a DM reference date plus an offset) is on or before it; null for partial dates.",
              inputs: ["--STDTC", "DM.RFXSTDTC"]),
    ]

    static let visitNumbering = "Planned visits: VISIT and VISITNUM of the study's visit schedule that the raw event name selects. Unscheduled visits: VISITNUM is the number of the subject's last scheduled visit on or before the record's date (in any dataset) plus 0.01 per distinct unscheduled date after it (3.01, 3.02, ...), and VISIT is UNSCHEDULED followed by that number; a record without a complete date keeps VISIT UNSCHEDULED and no VISITNUM."
    static let lastBeforeExposure = "Y on the last record with a standardized result (--STRESC) on or before the first dose (DM.RFXSTDTC), per subject and --TESTCD (and LBSPEC in LB). A partial date counts only when its whole period is before the first-dose date; a record on the first-dose day without a time counts as pre-dose. Ties on the same date/time go to the higher VISITNUM, then the higher --SEQ."
    static let standardResult = "--ORRES converted to the test's standard (SI) unit by the factor of specs/lb/unit-conversions.csv (exact decimal arithmetic; unit spellings through specs/lb/unit-synonyms.csv). A censored result (<0.2) is converted and kept as character with LBSTRESN null; a character result of a numeric test (see comment) is a finding and all three stay null, as they do when the unit has no conversion."
    static let standardRange = "LBORNRLO and LBORNRHI converted to the standard unit by the same factor as the result; null when the collected limit is not a number or the unit has no conversion."
    static let toxicityGrade = "CTCAE v5.0 grade of the result by the criteria of specs/lb/ctcae-v5.csv (absolute limits in the standard unit, or multiples of the lab's LLN/ULN); 0 when no grade's interval holds the result; null for tests CTCAE does not grade, censored or missing results. LBTOX is the CTCAE term when the grade is 1 or more. After the subject's baseline (LBLOBXFL), AST, ALT, ALP and bilirubin are graded by multiples of the baseline when it was above the ULN, and creatinine by multiples of the baseline as well as of the ULN (the higher grade)."

    /// The derivations that apply to a dataset, by variable name.
    public static func derivations(for spec: DomainSpec) -> [String: DerivedVariable] {
        let prefix = spec.name.hasPrefix("SUPP") ? "" : spec.name
        var out: [String: DerivedVariable] = [:]
        for entry in all where entry.domain == nil || entry.domain == spec.name {
            let name = entry.variable.replacingPrefix(prefix)
            if spec.variable(name) != nil { out[name] = entry }
        }
        return out
    }
}

extension String {
    /// `--SEQ` with prefix `AE` is `AESEQ`.
    func replacingPrefix(_ prefix: String) -> String { hasPrefix("--") ? prefix + dropFirst(2) : self }
}
