import Foundation
import Ingest
import SDTMModel
import Testing

/// The committed specs checked against the standard's own data in `../shared/reference`:
/// the SDTMIG 3.4 metadata (CDISC Library export) and the published NCI EVS terminology file.
/// Skipped when that folder is not beside the package.

private let referenceVariablesFile = PackagePaths.reference + "/sdtmig/variables.csv"
private let referenceDomainsFile = PackagePaths.reference + "/sdtmig/domains.csv"
/// The CDISC Library export of every SDTMIG 3.4 variable: the reference for domains `variables.csv` lacks (VS).
private let libraryVariablesFile = PackagePaths.reference + "/sdtmig/sdtmig_v3.4_variables_cdisc_library.csv"
private let publishedTerminologyFile = PackagePaths.reference + "/ct/SDTM_Terminology_2025-03-28.txt"
private let hasReferenceMetadata = FileManager.default.fileExists(atPath: referenceVariablesFile)
    && FileManager.default.fileExists(atPath: referenceDomainsFile)
private let hasPublishedTerminology = FileManager.default.fileExists(atPath: publishedTerminologyFile)

/// The domains the project's spec covers.
private let specDomains = ["DM", "EX", "AE", "SUPPQUAL", "LB", "VS", "TU", "TR", "RS"]

/// One variable row, read the same way from our spec and from the reference.
private struct VariableRow: Equatable, CustomStringConvertible {
    var domain: String
    var order: Int
    var variable: String
    var label: String
    var type: String
    var core: String
    var role: String
    /// C-codes, in order, whatever the separator spacing.
    var codelists: [String]
    /// Only our spec has it.
    var source: String?

    var description: String { "\(domain).\(variable)" }
}

private func table(_ path: String) throws -> RawTable {
    try RawTable(path: path, file: path)
}

/// Rows of a variables file; `codelistColumn` is `codelist` in our spec and `codelist_ccode` in the reference.
private func variableRows(_ path: String, codelistColumn: String) throws -> [VariableRow] {
    let t = try table(path)
    func col(_ name: String) throws -> Int { try #require(t.column(name), "\(path) has no column \(name)") }
    let (domain, order, variable, label) = (try col("domain"), try col("order"), try col("variable"), try col("label"))
    let (type, core, role, codelist) = (try col("type"), try col("core"), try col("role"), try col(codelistColumn))
    let source = t.column("source")
    return try t.rows.map { r in
        let f = r.fields.map(\.trimmingSpaces)
        return VariableRow(
            domain: f[domain], order: try #require(Int(f[order]), "\(path):\(r.line) order"), variable: f[variable],
            label: f[label], type: f[type], core: f[core], role: f[role],
            codelists: f[codelist].split(separator: ";").map { String($0).trimmingSpaces },
            source: source.map { f[$0] })
    }
}

private func specVariables(_ domain: String) throws -> [VariableRow] {
    try variableRows(PackagePaths.specs + "/variables.csv", codelistColumn: "codelist").filter { $0.domain == domain }
        .sorted { $0.order < $1.order }
}

private func referenceVariables(_ domain: String) throws -> [VariableRow] {
    let rows = try variableRows(referenceVariablesFile, codelistColumn: "codelist_ccode").filter { $0.domain == domain }
    return (rows.isEmpty ? try libraryVariables(domain) : rows).sorted { $0.order < $1.order }
}

/// A domain's variables from the CDISC Library export, whose columns have other names.
private func libraryVariables(_ domain: String) throws -> [VariableRow] {
    let t = try table(libraryVariablesFile)
    func col(_ name: String) throws -> Int { try #require(t.column(name), "\(t.file) has no column \(name)") }
    let (dataset, order, variable, label) = (try col("Dataset Name"), try col("Variable Order"), try col("Variable Name"),
                                             try col("Variable Label"))
    let (type, core, role, codelist) = (try col("Type"), try col("Core"), try col("Role"), try col("CDISC CT Codelist Code(s)"))
    return try t.rows.filter { $0.fields[dataset] == domain }.map { r in
        let f = r.fields.map(\.trimmingSpaces)
        return VariableRow(
            domain: domain, order: try #require(Int(f[order])), variable: f[variable], label: f[label], type: f[type],
            core: f[core], role: f[role], codelists: f[codelist].split(separator: ";").map { String($0).trimmingSpaces },
            source: nil)
    }
}

/// The lines of a text file without their line endings, with their 1-based numbers.
private func lines(_ path: String) throws -> [(number: Int, text: String)] {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    if parts.last?.isEmpty == true { parts.removeLast() }
    return parts.enumerated().map { i, line in
        (i + 1, String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self))
    }
}

private func tabFields(_ line: String) -> [String] {
    line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
}

@Suite(.enabled(if: hasReferenceMetadata, "needs ../shared/reference (the standard's data); skipped"))
struct SpecsMatchSDTMIGReferenceTests {
    @Test(arguments: specDomains)
    func everyReferenceVariableIsInTheSpecWithTheSameMetadata(domain: String) throws {
        let reference = try referenceVariables(domain)
        let spec = Dictionary(uniqueKeysWithValues: try specVariables(domain).map { ($0.variable, $0) })
        #expect(!reference.isEmpty)
        for ref in reference {
            let ours = try #require(spec[ref.variable], "\(ref) is missing from the spec")
            #expect(ours.label == ref.label, "\(ref) label")
            #expect(ours.type == ref.type, "\(ref) type")
            #expect(ours.core == ref.core, "\(ref) core")
            #expect(ours.role == ref.role, "\(ref) role")
            #expect(ours.codelists == ref.codelists, "\(ref) codelist")
        }
    }

    @Test(arguments: specDomains)
    func referenceVariablesKeepTheirRelativeOrderInTheSpec(domain: String) throws {
        let referenceOrder = try referenceVariables(domain).map(\.variable)
        let names = Set(referenceOrder)
        let specOrder = try specVariables(domain).map(\.variable).filter(names.contains)
        #expect(specOrder == referenceOrder)
    }

    @Test(arguments: specDomains)
    func theOnlyExtraSpecVariablesAreMarkedAsNotFromSDTMIG34(domain: String) throws {
        let referenceNames = Set(try referenceVariables(domain).map(\.variable))
        for row in try specVariables(domain) {
            if referenceNames.contains(row.variable) {
                #expect(row.source == "SDTMIG 3.4", "\(row) is in SDTMIG 3.4 but its source says \(row.source ?? "nothing")")
            } else {
                #expect(row.source != "SDTMIG 3.4", "\(row) is not an SDTMIG 3.4 variable of \(domain) but claims to be")
                #expect(row.source?.isEmpty == false, "\(row) has no source")
            }
        }
    }

    /// VS is not in the reference's domain table; its keys are the SDTMIG 3.4 section 3.2.1 ones.
    @Test(arguments: specDomains.filter { $0 != "VS" })
    func domainMetadataMatchesTheReference(domain: String) throws {
        let ours = try table(PackagePaths.specs + "/domains.csv")
        let reference = try table(referenceDomainsFile)
        func row(_ t: RawTable) throws -> [String: String] {
            let r = try #require(t.rows.first { $0.fields[t.column("domain")!] == domain }, "\(t.file) has no \(domain)")
            return Dictionary(uniqueKeysWithValues: ["label", "class", "structure", "keys"].map { ($0, r.fields[t.column($0)!]) })
        }
        #expect(try row(ours) == row(reference))
    }
}

/// The published 2025-03-28 file, read once: its lines as a set, and its term lines by codelist.
private struct PublishedTerminology: Sendable {
    var lines: Set<String>
    var termLines: [String: [String]]

    static let shared: PublishedTerminology? = try? PublishedTerminology()

    init() throws {
        // Foundation splits the 13 MB file much faster than a byte loop in a debug build.
        let text = try String(contentsOfFile: publishedTerminologyFile, encoding: .utf8)
        var all = text.components(separatedBy: "\n")
        if all.last == "" { all.removeLast() }
        var termLines: [String: [String]] = [:]
        for (i, line) in all.enumerated() where line.utf8.last == 0x0D { all[i] = String(line.dropLast()) }
        for line in all {
            let codelist = secondField(line)
            if !codelist.isEmpty { termLines[codelist, default: []].append(line) }
        }
        self.lines = Set(all)
        self.termLines = termLines
    }
}

/// The Codelist Code of a terminology line, found without splitting the whole line.
private func secondField(_ line: String) -> String {
    let u = line.utf8
    guard let tab1 = u.firstIndex(of: 0x09) else { return "" }
    let start = u.index(after: tab1)
    let end = u[start...].firstIndex(of: 0x09) ?? u.endIndex
    return String(line[start..<end])
}

@Suite(.enabled(if: hasPublishedTerminology, "needs ../shared/reference (the standard's data); skipped"))
struct TerminologyMatchesPublishedReleaseTests {
    @Test func everyLineOfOurTerminologyIsALineOfThePublishedFile() throws {
        let published = try #require(PublishedTerminology.shared, "the published file could not be read")
        let ours = try lines(PackagePaths.studyTerminology)
        #expect(ours.count > 1)
        let foreign = ours.filter { !published.lines.contains($0.text) }
        #expect(foreign.isEmpty, "lines not in the published file: \(foreign.prefix(5).map { "\($0.number): \($0.text)" })")
    }

    @Test func everyTermOfAnIncludedCodelistIsPresent() throws {
        let published = try #require(PublishedTerminology.shared, "the published file could not be read")
        let ours = try lines(PackagePaths.studyTerminology).map(\.text)
        let ourLines = Set(ours)
        let included = ours.dropFirst().map(tabFields).filter { $0.count > 1 && $0[1].isEmpty }.map { $0[0] }
        #expect(!included.isEmpty)
        for code in included {
            let terms = try #require(published.termLines[code], "codelist \(code) has no terms in the published file")
            let missing = terms.filter { !ourLines.contains($0) }
            #expect(missing.isEmpty, "codelist \(code) lacks \(missing.count) of its \(terms.count) terms, e.g. \(missing.first ?? "")")
        }
    }

    @Test func everyTermOfOursBelongsToAnIncludedCodelist() throws {
        let ours = try lines(PackagePaths.studyTerminology).dropFirst().map { tabFields($0.text) }
        let included = Set(ours.filter { $0.count > 1 && $0[1].isEmpty }.map { $0[0] })
        let orphans = ours.filter { $0.count > 1 && !$0[1].isEmpty && !included.contains($0[1]) }
        #expect(orphans.isEmpty, "terms without their codelist: \(orphans.prefix(3).map { $0[0] })")
    }
}
