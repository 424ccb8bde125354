import Foundation
import Ingest
import SDTMModel
import Standards
import Testing

/// Where the package and the standard's reference data are, found from this file's path
/// (`<root>/Tests/StandardsTests/StandardLoaderTests.swift`), so tests run from any working directory.
enum PackagePaths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let specs = root + "/specs/sdtmig-3.4"
    static let studyTerminology = root + "/specs/ct/sdtm-ct-2025-03-28.txt"
    /// `shared/` sits beside the package: `/work/shared` here, `../shared` beside a fresh clone in CI.
    static let reference = URL(fileURLWithPath: root).deletingLastPathComponent().path + "/shared/reference"
}

/// The committed SDTMIG 3.4 spec, loaded once for the whole suite.
let committedStandard: StandardSpec = {
    do throws(Diagnostic) {
        return try StandardLoader.load(directory: PackagePaths.specs, name: "SDTMIG", version: "3.4")
    } catch {
        fatalError("the committed spec does not load: \(error)")
    }
}()

/// A folder holding `domains.csv` and `variables.csv` with the given text, for error cases.
private func specFolder(domains: String, variables: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spec-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(domains.utf8).write(to: dir.appendingPathComponent("domains.csv"))
    try Data(variables.utf8).write(to: dir.appendingPathComponent("variables.csv"))
    return dir.path
}

private func loadError(domains: String, variables: String) throws -> Diagnostic? {
    let dir = try specFolder(domains: domains, variables: variables)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do throws(Diagnostic) {
        _ = try StandardLoader.load(directory: dir, name: "TEST", version: "1")
        return nil
    } catch {
        return error
    }
}

private let oneDomain = "domain,label,class,structure,keys\nXX,Test,Events,One record per test,\"STUDYID, USUBJID\"\n"
private let variablesHeader = "domain,order,variable,label,type,core,role,codelist,source\n"

@Suite struct StandardLoaderTests {
    @Test func committedSpecHasTheStudyDomainsAndSUPPQUAL() {
        #expect(Set(committedStandard.domains.keys) == ["DM", "EX", "AE", "LB", "VS", "TU", "TR", "RS", "SUPPQUAL"])
        #expect(committedStandard.name == "SDTMIG")
        #expect(committedStandard.version == "3.4")
    }

    @Test func dmHas32VariablesInSDTMIGOrder() throws {
        let dm = try #require(committedStandard.domain("DM"))
        #expect(dm.variables.map(\.name) == [
            "STUDYID", "DOMAIN", "USUBJID", "SUBJID", "RFSTDTC", "RFENDTC", "RFXSTDTC", "RFXENDTC",
            "RFCSTDTC", "RFCENDTC", "RFICDTC", "RFPENDTC", "DTHDTC", "DTHFL", "SITEID", "INVID",
            "INVNAM", "BRTHDTC", "AGE", "AGEU", "SEX", "RACE", "ETHNIC", "ARMCD",
            "ARM", "ACTARMCD", "ACTARM", "ARMNRS", "ACTARMUD", "COUNTRY", "DMDTC", "DMDY",
        ])
        #expect(dm.variables.map(\.order) == Array(1...32))
    }

    @Test func everyDomainIsNumbered1ToNWithoutGapsOrRepeats() {
        for (name, domain) in committedStandard.domains {
            #expect(domain.variables.map(\.order) == Array(1...domain.variables.count), "\(name)")
            #expect(Set(domain.variables.map(\.name)).count == domain.variables.count, "\(name) repeats a variable")
        }
    }

    @Test func dmSexIsRequiredWithCodelistC66731() throws {
        let sex = try #require(committedStandard.domain("DM")?.variable("SEX"))
        #expect(sex.core == .required)
        #expect(sex.type == .char)
        #expect(sex.codelists == ["C66731"])
        #expect(sex.label == "Sex")
    }

    @Test func dmAgeIsNumeric() throws {
        let age = try #require(committedStandard.domain("DM")?.variable("AGE"))
        #expect(age.type == .num)
        #expect(age.core == .expected)
        #expect(age.codelists.isEmpty)
    }

    @Test func dmKeysAreSplitOnCommas() throws {
        let dm = try #require(committedStandard.domain("DM"))
        #expect(dm.keys == ["STUDYID", "USUBJID"])
        #expect(dm.label == "Demographics")
        #expect(dm.class == "Special-Purpose")
    }

    @Test func exHasVisitTimingVariablesBeforeEpoch() throws {
        let ex = try #require(committedStandard.domain("EX"))
        let visitnum = try #require(ex.variable("VISITNUM"))
        let visit = try #require(ex.variable("VISIT"))
        #expect(visitnum.type == .num)
        #expect(visit.type == .char)
        #expect(visitnum.role == "Timing" && visit.role == "Timing")
        let names = ex.variables.map(\.name)
        #expect(names.firstIndex(of: "VISITNUM")! + 1 == names.firstIndex(of: "VISIT")!)
        #expect(names.firstIndex(of: "VISIT")! < names.firstIndex(of: "EPOCH")!)
    }

    @Test func exVisitVariablesAreMarkedAsGeneralObservationAdditionsInSourceColumn() throws {
        let file = PackagePaths.specs + "/variables.csv"
        let table = try RawTable(path: file, file: file)
        let (domain, variable, source) = (table.column("domain")!, table.column("variable")!, table.column("source")!)
        let exSources = Dictionary(uniqueKeysWithValues: table.rows
            .filter { $0.fields[domain] == "EX" }
            .map { ($0.fields[variable], $0.fields[source]) })
        for name in ["VISITNUM", "VISIT"] {
            let marked = try #require(exSources[name])
            #expect(marked != "SDTMIG 3.4")
            #expect(marked.localizedCaseInsensitiveContains("general observation"))
        }
        #expect(exSources["EXTRT"] == "SDTMIG 3.4")
    }

    @Test func suppAEIsSUPPQUALNamedForAdverseEvents() throws {
        let suppqual = try #require(committedStandard.domain("SUPPQUAL"))
        let suppae = try #require(committedStandard.domain("SUPPAE"))
        #expect(suppae.name == "SUPPAE")
        #expect(suppae.label == "Supplemental Qualifiers for AE")
        #expect(!suppae.label.contains("[domain name]"))
        #expect(suppae.variables == suppqual.variables)
        #expect(suppae.variables.map(\.name) == [
            "STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QLABEL", "QVAL", "QORIG", "QEVAL",
        ])
    }

    @Test func unknownDomainIsNil() {
        #expect(committedStandard.domain("EG") == nil)
        #expect(committedStandard.domain("SUPP") == nil)
        #expect(committedStandard.domain("SUPPAEX") == nil)
    }

    @Test func severalCodelistsAreSplitOnSemicolons() throws {
        let dir = try specFolder(domains: oneDomain, variables: variablesHeader
            + "XX,2,XXDECOD,Decoded,Char,Req,Synonym Qualifier,C66727; C114118,SDTMIG 3.4\n"
            + "XX,1,STUDYID,Study Identifier,Char,Req,Identifier,,SDTMIG 3.4\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let xx = try #require(try StandardLoader.load(directory: dir, name: "TEST", version: "1").domain("XX"))
        #expect(xx.variables.map(\.name) == ["STUDYID", "XXDECOD"])
        #expect(xx.variable("XXDECOD")?.codelists == ["C66727", "C114118"])
        #expect(xx.variable("STUDYID")?.codelists == [])
    }

    @Test func invalidTypeIsReportedWithItsLine() throws {
        let error = try #require(try loadError(domains: oneDomain, variables: variablesHeader
            + "XX,1,STUDYID,Study Identifier,Char,Req,Identifier,,SDTMIG 3.4\n"
            + "XX,2,XXVAL,Value,Text,Req,Topic,,SDTMIG 3.4\n"))
        #expect(error.rule == "spec.invalid")
        #expect(error.location?.line == 3)
        #expect(error.location?.file.hasSuffix("variables.csv") == true)
        #expect(error.message.contains("Text"))
    }

    @Test func invalidCoreIsReported() throws {
        let error = try #require(try loadError(domains: oneDomain, variables: variablesHeader
            + "XX,1,STUDYID,Study Identifier,Char,Required,Identifier,,SDTMIG 3.4\n"))
        #expect(error.rule == "spec.invalid")
        #expect(error.location?.line == 2)
    }

    @Test func nonNumericOrderIsReported() throws {
        let error = try #require(try loadError(domains: oneDomain, variables: variablesHeader
            + "XX,first,STUDYID,Study Identifier,Char,Req,Identifier,,SDTMIG 3.4\n"))
        #expect(error.rule == "spec.invalid")
        #expect(error.location?.line == 2)
    }

    @Test func missingColumnIsReportedOnTheHeaderLine() throws {
        let error = try #require(try loadError(
            domains: oneDomain,
            variables: "domain,order,variable,label,type,role,codelist\nXX,1,STUDYID,Study Identifier,Char,Identifier,\n"))
        #expect(error.rule == "spec.missing-column")
        #expect(error.location?.line == 1)
        #expect(error.message.contains("core"))
    }
}
