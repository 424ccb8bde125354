import Derivation
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
        if let method = catalogMethod(variable, domain: spec.name, mapped: mapped) { return .method(method) }
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
        return DerivationCatalog.derivations(for: spec)[variable].map { entry in
            let names = DerivationCatalog.all.filter { $0.method == entry.method }.map(\.variable)
            return .method(DefineMethod(oid: "MT.\(entry.method)", name: "Algorithm to derive \(names.joined(separator: " and "))",
                                        type: "Computation", description: entry.description))
        }
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
                started on or before that date; \(list). A partial date gets the epoch when its first and last possible \
                days fall in the same epoch; otherwise, and before every epoch, EPOCH is empty.
                """)
    }

    /// A dataset's own derivations (DM's reference dates, age and arms; LB's standardization, grades and baseline):
    /// the derive stage's description (DerivationCatalog), one method per rule.
    private func catalogMethod(_ variable: String, domain: String, mapped: String?) -> DefineMethod? {
        guard let entry = DerivationCatalog.all.first(where: { $0.domain == domain && $0.variable == variable }) else { return nil }
        let names = DerivationCatalog.all.filter { $0.domain == domain && $0.method == entry.method }.map(\.variable)
        return DefineMethod(oid: "MT.\(entry.method)", name: "Algorithm to derive \(names.joined(separator: " and "))",
                            type: "Computation", description: entry.description + (mapped.map { " The mapping's part: \($0)." } ?? ""))
    }
}
