import Mapping
import SDTMModel

/// The methods of the derive stage (Sources/Derivation), as define.xml's MethodDefs describe them to a
/// reviewer: one per derivation rule, with the OIDs of Derivation's `DerivationCatalog` (`MT.<method>`).
/// Variables a rule sets are Derived whatever the mapping assigns them; the mapping's part (e.g. a
/// collected value used as a fallback) is named in the description.
struct DerivationMethods {
    let study: StudyDefinition

    /// How the derive stage sets a variable.
    enum Rule {
        case method(DefineMethod)
        /// --SEQ: one method for every dataset, which names each dataset's sort order.
        case sequence(dataset: String, order: [String])
    }

    static let sequenceOID = "MT.SEQ"

    /// The rule that sets `variable` of a dataset, or nil when no derivation rule sets it.
    func rule(for variable: String, in spec: DomainSpec, mapping: DomainMapping?) -> Rule? {
        let mapped = mapping?.derivationText(of: variable)
        if spec.name == "DM" { return demographics(variable, mapped: mapped).map(Rule.method) }
        if spec.name.hasPrefix("SUPP") { return nil }
        let p = spec.name
        let has = { (name: String) in spec.index(of: name) != nil }
        guard has("USUBJID") else { return nil }
        if variable == p + "SEQ" {
            return .sequence(dataset: p, order: ["USUBJID"] + (mapping?.sequence ?? []).filter { $0 != "USUBJID" })
        }
        for (dtc, dy) in [("DTC", "DY"), ("STDTC", "STDY"), ("ENDTC", "ENDY")] where variable == p + dy && has(p + dtc) {
            return .method(studyDay)
        }
        if variable == "EPOCH", has(p + "STDTC") || has(p + "DTC") { return .method(epoch) }
        return nil
    }

    /// --SEQ of every dataset, with the sort order of each.
    func sequence(_ orders: [(dataset: String, order: [String])]) -> DefineMethod {
        let list = orders.map { "\($0.dataset) by \($0.order.joined(separator: ", "))" }.joined(separator: "; ")
        return DefineMethod(
            oid: Self.sequenceOID, name: "Algorithm to derive --SEQ", type: "Computation",
            description: "Records are sorted (\(list)), records that tie keeping the order of the raw file; "
                + "--SEQ numbers them 1, 2, 3, ... within each subject (USUBJID).")
    }

    /// --DY, --STDY and --ENDY of every dataset.
    var studyDay: DefineMethod {
        DefineMethod(
            oid: "MT.DY", name: "Algorithm to derive study days (--DY, --STDY, --ENDY)", type: "Computation",
            description: """
                Study day of a date relative to the subject's reference start date DM.RFSTDTC: \
                date - RFSTDTC + 1 when the date is on or after RFSTDTC, date - RFSTDTC when it is before \
                (there is no study day 0). Empty when either date is partial. \
                --DY is computed from --DTC, --STDY from --STDTC and --ENDY from --ENDTC.
                """)
    }

    /// EPOCH of every dataset, from the study's epochs.
    var epoch: DefineMethod {
        let starts = study.epochs.map { e -> String in
            let offset = e.offsetDays == 0 ? "" : e.offsetDays > 0 ? " + \(e.offsetDays) days" : " - \(-e.offsetDays) days"
            return "\(e.name) from DM.\(e.anchor)\(offset)"
        }
        let list = starts.isEmpty ? "the study defines no epochs" : "the epochs start: " + starts.joined(separator: "; ")
        return DefineMethod(
            oid: "MT.EPOCH", name: "Algorithm to derive EPOCH", type: "Computation",
            description: """
                The epoch of the record's start date (--STDTC, else --DTC): the last epoch of the study that \
                started on or before that date; \(list). Empty when the date is partial or precedes every epoch.
                """)
    }

    private func demographics(_ variable: String, mapped: String?) -> DefineMethod? {
        func method(_ oid: String, _ name: String, _ text: String) -> DefineMethod {
            DefineMethod(oid: "MT.\(oid)", name: "Algorithm to derive \(name)", type: "Computation", description: text)
        }
        let otherwise = mapped.map { "; otherwise \($0)" } ?? "; otherwise empty"
        switch variable {
        case "RFXSTDTC":
            return method("RFXSTDTC", "RFXSTDTC",
                          "Date/time of the subject's first dose: the earliest EX.EXSTDTC of the subject's EX records. "
                              + "Empty when the subject has no exposure record.")
        case "RFXENDTC":
            return method("RFXENDTC", "RFXENDTC",
                          "Date/time of the subject's last dose: the latest EX.EXENDTC (EX.EXSTDTC when it is later "
                              + "or EXENDTC is empty) of the subject's EX records. Empty when the subject has no exposure record.")
        case "RFSTDTC":
            return method("RFSTDTC", "RFSTDTC",
                          "Equal to RFXSTDTC: the earliest EX.EXSTDTC of the subject (first study treatment).")
        case "RFENDTC":
            return method("RFENDTC", "RFENDTC",
                          "Equal to RFXENDTC: the latest EX.EXENDTC (or EX.EXSTDTC) of the subject (last study treatment).")
        case "RFPENDTC":
            let source = mapped.map { ", including the end of participation collected as \($0)" } ?? ""
            return method("RFPENDTC", "RFPENDTC",
                          "The latest date/time known for the subject in any dataset (every --DTC variable except BRTHDTC\(source)).")
        case "DTHFL":
            return method("DTHFL", "DTHFL", "\"Y\" when DTHDTC is known; otherwise empty.")
        case "AGE":
            return method("AGE", "AGE",
                          "Completed years from BRTHDTC to RFICDTC when both are complete dates (a birthday counts once "
                              + "reached)\(otherwise).")
        case "AGEU":
            return method("AGEU", "AGEU", "\"YEARS\" whenever AGE is known; otherwise empty.")
        case "ACTARMCD", "ACTARM":
            return method("ACTARM", "ACTARMCD and ACTARM",
                          "For a subject with a planned arm and at least one EX record, ACTARMCD and ACTARM equal ARMCD "
                              + "and ARM; otherwise empty.")
        case "ARMNRS":
            let first = mapped.map { "As mapped: \($0). When that is empty: " } ?? ""
            return method("ARMNRS", "ARMNRS",
                          first + "\"ASSIGNED, NOT TREATED\" for a subject with a planned arm (ARMCD) and no EX record; "
                              + "\"NOT ASSIGNED\" for a subject without a planned arm; otherwise empty.")
        default:
            return nil
        }
    }
}
