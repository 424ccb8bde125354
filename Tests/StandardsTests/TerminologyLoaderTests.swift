import Foundation
import SDTMModel
import Standards
import Testing

private let header = "Code\tCodelist Code\tCodelist Extensible (Yes/No)\tCodelist Name\tCDISC Submission Value\t"
    + "CDISC Synonym(s)\tCDISC Definition\tNCI Preferred Term"

/// A terminology file: the NCI EVS header, then one tab-separated line per row.
private func ct(_ rows: [String], lineEnding: String = "\n") -> [UInt8] {
    Array(([header] + rows).map { $0 + lineEnding }.joined().utf8)
}

private func row(_ fields: String...) -> String { fields.joined(separator: "\t") }

private let sexCodelist = row("C66731", "", "No", "Sex", "SEX", "Sex", "A codelist of sexes.", "CDISC SDTM Sex of Individual Terminology")
private let male = row("C20197", "C66731", "", "Sex", "M", "Male", "A male person. (NCI)", "Male")
private let unknown = row("C17998", "C66731", "", "Sex", "U", "U; UNK; Unknown", "Not known. (NCI)", "Unknown")
private let unitCodelist = row("C71620", "", "Yes", "Unit", "UNIT", "Unit", "Units of measure.", "CDISC SDTM Unit of Measure Terminology")
private let inch = row("C48500", "C71620", "", "Unit", "in", "\"; in; Inch", "A unit of length, written 1\" or 1 in.", "Inch")

private func parse(_ bytes: [UInt8]) throws(Diagnostic) -> Terminology {
    try TerminologyLoader.parse(bytes: bytes, file: "ct.txt", version: "test")
}

private func parseError(_ bytes: [UInt8]) -> Diagnostic? {
    do throws(Diagnostic) {
        _ = try parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The full NCI EVS release, when the reference data is beside the package; loaded once for the whole suite.
enum PublishedCT {
    static let file = PackagePaths.reference + "/ct/SDTM_Terminology_2025-03-28.txt"
    static let present = FileManager.default.fileExists(atPath: file)
    static let release: Terminology? = present ? try? TerminologyLoader.load(path: file, version: "2025-03-28") : nil
}

private let hasPublishedFile = PublishedCT.present
private let published = PublishedCT.release

@Suite struct TerminologyLoaderTests {
    @Test func codelistRowsKeepTheirExtensibleFlagAndNames() throws {
        let t = try parse(ct([sexCodelist, unitCodelist]))
        let sex = try #require(t.codelists["C66731"])
        let unit = try #require(t.codelists["C71620"])
        #expect(!sex.extensible)
        #expect(unit.extensible)
        #expect(sex.shortName == "SEX")
        #expect(sex.name == "Sex")
        #expect(sex.terms.isEmpty)
        #expect(t.version == "test")
    }

    @Test func termsSplitSynonymsOnSemicolons() throws {
        let t = try parse(ct([sexCodelist, male, unknown]))
        let sex = try #require(t.codelist("SEX"))
        #expect(sex.term(submissionValue: "U")?.synonyms == ["U", "UNK", "Unknown"])
        #expect(sex.term(submissionValue: "M")?.synonyms == ["Male"])
    }

    @Test func termsKeepCodeDefinitionAndPreferredTerm() throws {
        let t = try parse(ct([sexCodelist, male]))
        let m = try #require(t.codelists["C66731"]?.term(submissionValue: "M"))
        #expect(m == Term(code: "C20197", submissionValue: "M", synonyms: ["Male"],
                          definition: "A male person. (NCI)", preferredTerm: "Male"))
    }

    @Test func termsStayInFileOrderUnderTheirCodelist() throws {
        let t = try parse(ct([sexCodelist, unitCodelist, unknown, inch, male]))
        #expect(t.codelists["C66731"]?.terms.map(\.submissionValue) == ["U", "M"])
        #expect(t.codelists["C71620"]?.terms.map(\.submissionValue) == ["in"])
    }

    @Test func termMayComeBeforeItsCodelistRow() throws {
        let t = try parse(ct([male, sexCodelist]))
        #expect(t.codelists["C66731"]?.terms.map(\.code) == ["C20197"])
    }

    @Test func doubleQuotesAreKeptLiterally() throws {
        let t = try parse(ct([unitCodelist, inch]))
        let term = try #require(t.codelists["C71620"]?.terms.first)
        #expect(term.definition == "A unit of length, written 1\" or 1 in.")
        #expect(term.synonyms == ["\"", "in", "Inch"])
    }

    @Test func quotedFieldIsNotUnquoted() throws {
        let quoted = row("C99999", "C71620", "", "Unit", "\"ft\"", "", "\"A foot\", twelve inches", "Foot")
        let t = try parse(ct([unitCodelist, quoted]))
        let term = try #require(t.codelists["C71620"]?.terms.first)
        #expect(term.submissionValue == "\"ft\"")
        #expect(term.definition == "\"A foot\", twelve inches")
        #expect(term.synonyms.isEmpty)
    }

    @Test func crlfLineEndingsGiveTheSameTerminology() throws {
        let rows = [sexCodelist, male, unknown, unitCodelist, inch]
        let lf = try parse(ct(rows))
        let crlf = try parse(ct(rows, lineEnding: "\r\n"))
        #expect(crlf.codelists == lf.codelists)
        #expect(crlf.codelists["C66731"]?.terms.last?.preferredTerm == "Unknown")
    }

    @Test func blankLinesAreSkipped() throws {
        let t = try parse(ct([sexCodelist, "", male]))
        #expect(t.codelists["C66731"]?.terms.count == 1)
    }

    @Test func wrongHeaderIsRejectedOnLine1() throws {
        let bytes = Array(("Code,Codelist Code,Codelist Extensible (Yes/No)\n" + sexCodelist + "\n").utf8)
        let error = try #require(parseError(bytes))
        #expect(error.rule == "ct.header")
        #expect(error.location == SourceLocation(file: "ct.txt", line: 1))
    }

    @Test func emptyFileIsAHeaderError() throws {
        let error = try #require(parseError([]))
        #expect(error.rule == "ct.header")
        #expect(error.location?.line == 1)
    }

    @Test func shortRowIsRejectedWithItsLine() throws {
        let short = row("C16576", "C66731", "", "Sex", "F", "Female")
        let error = try #require(parseError(ct([sexCodelist, male, short, unknown])))
        #expect(error.rule == "ct.short-row")
        #expect(error.location == SourceLocation(file: "ct.txt", line: 4))
        #expect(error.message.contains("6"))
    }

    @Test func termOfAMissingCodelistIsAnOrphanWithItsLine() throws {
        let error = try #require(parseError(ct([sexCodelist, male, inch, unknown])))
        #expect(error.rule == "ct.orphan-term")
        #expect(error.location == SourceLocation(file: "ct.txt", line: 4))
        #expect(error.message.contains("C71620"))
    }

    @Test func missingFileIsReported() throws {
        do throws(Diagnostic) {
            _ = try TerminologyLoader.load(path: "/nonexistent/ct.txt", version: "x")
            Issue.record("loading a missing file succeeded")
        } catch {
            #expect(error.rule == "ct.file-missing")
        }
    }

    @Test func committedStudyTerminologyLoads() throws {
        let t = try TerminologyLoader.load(path: PackagePaths.studyTerminology, version: "2025-03-28")
        let sex = try #require(t.codelist("SEX"))
        #expect(sex.code == "C66731")
        #expect(Set(sex.terms.map(\.submissionValue)) == ["M", "F", "U", "INTERSEX"])
        #expect(t.codelist("NY")?.extensible == false)
    }

    @Test(.enabled(if: hasPublishedFile, "needs ../shared/reference (the standard's data); skipped"))
    func publishedRelease20250328Has1158Codelists() throws {
        let t = try #require(published, "the published file did not load")
        #expect(t.codelists.count == 1158)
    }

    @Test(.enabled(if: hasPublishedFile, "needs ../shared/reference (the standard's data); skipped"))
    func publishedSexCodelistHasMFUAndIntersex() throws {
        let sex = try #require(published?.codelists["C66731"])
        #expect(sex.shortName == "SEX")
        #expect(!sex.extensible)
        #expect(sex.terms.map(\.submissionValue).sorted() == ["F", "INTERSEX", "M", "U"])
        #expect(sex.term(submissionValue: "U")?.synonyms == ["U", "UNK", "Unknown"])
    }

    @Test(.enabled(if: hasPublishedFile, "needs ../shared/reference (the standard's data); skipped"))
    func publishedReleaseHasEveryRowAsACodelistOrATerm() throws {
        let t = try #require(published, "the published file did not load")
        // 44,857 lines: the header, then 44,856 rows.
        #expect(t.codelists.count + t.codelists.values.reduce(0) { $0 + $1.terms.count } == 44_856)
        #expect(t.codelists.values.allSatisfy { !$0.code.isEmpty && !$0.shortName.isEmpty })
    }

    @Test(.enabled(if: hasPublishedFile, "needs ../shared/reference (the standard's data); skipped"))
    func publishedQuotesInsideValuesAreKeptLiterally() throws {
        let list = try #require(published?.codelists["C181169"])
        let term = try #require(list.terms.first { $0.code == "C193256" })
        #expect(term.submissionValue == "COMPLEMENT C1Q")
        #expect(term.definition.hasPrefix("An antigen of the \"q\" subcomponent of the C1 complement protein complex."))
    }

    @Test(.enabled(if: hasPublishedFile, "needs ../shared/reference (the standard's data); skipped"))
    func publishedReleaseSavedWithCRLFGivesTheSameTerminology() throws {
        let lf = try #require(published, "the published file did not load")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: PublishedCT.file)))
        var crlf: [UInt8] = []
        crlf.reserveCapacity(bytes.count + 50_000)
        for b in bytes {
            if b == 0x0A { crlf.append(0x0D) }
            crlf.append(b)
        }
        let t = try TerminologyLoader.parse(bytes: crlf, file: "crlf.txt", version: "2025-03-28")
        #expect(t.codelists == lf.codelists)
    }
}
