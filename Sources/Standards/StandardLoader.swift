import Foundation
import Ingest
import SDTMModel

/// Reads the implementation guide's metadata from `specs/<standard>-<version>/`:
/// `domains.csv` (domain, label, class, structure, keys) and `variables.csv`
/// (domain, order, variable, label, type, core, role, codelist, source).
public enum StandardLoader {
    public static func load(directory: String, name: String, version: String) throws(Diagnostic) -> StandardSpec {
        let domainsFile = directory + "/domains.csv"
        let variablesFile = directory + "/variables.csv"
        let domainTable = try RawTable(path: domainsFile, file: domainsFile)
        let variableTable = try RawTable(path: variablesFile, file: variablesFile)
        let d = try NamedColumns(domainTable, ["domain", "label", "class", "structure", "keys"])
        let v = try NamedColumns(variableTable, ["domain", "order", "variable", "label", "type", "core", "role", "codelist"])

        var variables: [String: [VariableSpec]] = [:]
        for row in variableTable.rows {
            let at = SourceLocation(file: variablesFile, line: row.line)
            guard let order = Int(v[row, "order"]) else { throw bad(at, "order", v[row, "order"]) }
            guard let type = VariableType(rawValue: v[row, "type"]) else { throw bad(at, "type", v[row, "type"]) }
            guard let core = Core(rawValue: v[row, "core"]) else { throw bad(at, "core", v[row, "core"]) }
            let codelists = v[row, "codelist"].split(separator: ";").map { String($0).trimmingSpaces }
            variables[v[row, "domain"], default: []].append(VariableSpec(
                name: v[row, "variable"], label: v[row, "label"], type: type, core: core,
                role: v[row, "role"], codelists: codelists, order: order))
        }
        var domains: [String: DomainSpec] = [:]
        for row in domainTable.rows {
            let name = d[row, "domain"]
            domains[name] = DomainSpec(
                name: name, label: d[row, "label"], class: d[row, "class"], structure: d[row, "structure"],
                keys: d[row, "keys"].split(separator: ",").map { String($0).trimmingSpaces },
                variables: variables[name] ?? [])
        }
        var standard = StandardSpec(name: name, version: version, domains: domains)
        standard.terminologyExceptions = try exceptions(directory + "/ct-exceptions.csv")
        return standard
    }

    /// `ct-exceptions.csv` (dataset, variable, value, reference), when the spec folder has one.
    private static func exceptions(_ path: String) throws(Diagnostic) -> [String: String] {
        guard let table = try? RawTable(path: path, file: path) else { return [:] }
        let c = try NamedColumns(table, ["dataset", "variable", "value", "reference"])
        var out: [String: String] = [:]
        for row in table.rows { out[c[row, "dataset"] + "." + c[row, "variable"] + "=" + c[row, "value"]] = c[row, "reference"] }
        return out
    }

    private static func bad(_ at: SourceLocation, _ column: String, _ value: String) -> Diagnostic {
        Diagnostic(.error, "spec.invalid", at: at, "\(column) '\(value)' is not valid in the spec",
                   hint: "fix the spec file; it is derived from the SDTMIG metadata")
    }
}

extension StandardSpec {
    /// The spec of a domain, or of `SUPP<parent>` built from SUPPQUAL.
    public func domain(_ name: String) -> DomainSpec? {
        if let spec = domains[name] { return spec }
        guard name.hasPrefix("SUPP"), name.count == 6, var supp = domains["SUPPQUAL"] else { return nil }
        let parent = String(name.dropFirst(4))
        supp.name = name
        // "Supplemental Qualifiers for AE": the domain code keeps the label within XPT's 40 characters.
        supp.label = supp.label.replacingPlaceholder("[domain name]", with: parent)
        return supp
    }
}

extension String {
    func replacingPlaceholder(_ placeholder: String, with value: String) -> String {
        guard let range = range(of: placeholder) else { return self }
        return replacingCharacters(in: range, with: value)
    }
}
