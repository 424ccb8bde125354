import Foundation
import SDTMModel
import Standards
import Testing

/// Loads a declarations file's text against the old fixture release (ROUTE extensible, SEX not; see `CTFixture`).
private func load(_ text: String) throws(Diagnostic) -> (extensions: SponsorExtensions, diagnostics: [Diagnostic]) {
    try SponsorExtensions.parse(bytes: Array(text.utf8), file: "ext.csv", terminology: CTFixture.old)
}

@Suite struct SponsorExtensionsTests {
    @Test func validDeclarationsAreRead() throws {
        let (extensions, diagnostics) = try load("""
            codelist,value,reason
            C66729,INTRATHECAL,"Device route, not in CT"
            C66729,INTRAOCULAR,Ophthalmic dosing

            """)
        #expect(diagnostics.isEmpty)
        #expect(extensions.entries.map(\.value) == ["INTRATHECAL", "INTRAOCULAR"])
        #expect(extensions.entries.first?.reason == "Device route, not in CT")
        #expect(extensions.entries.first?.location == SourceLocation(file: "ext.csv", line: 2, column: 2))
        #expect(extensions.contains(codelist: "C66729", value: "INTRATHECAL"))
        #expect(!extensions.contains(codelist: "C66729", value: "ORAL"))
        #expect(!extensions.contains(codelist: "C66731", value: "INTRATHECAL"))
        #expect(extensions.values(codelist: "C66729") == ["INTRATHECAL", "INTRAOCULAR"])
        #expect(extensions.values(codelist: "C66731").isEmpty)
    }

    @Test func fieldsAreTrimmedAndShortNamesBecomeCCodes() throws {
        let (extensions, diagnostics) = try load("codelist,value,reason\n ROUTE , INTRATHECAL ,  a reason \n")
        #expect(diagnostics.isEmpty)
        #expect(extensions.entries == [SponsorExtensions.Entry(
            codelist: "C66729", value: "INTRATHECAL", reason: "a reason", location: SourceLocation(file: "ext.csv", line: 2, column: 2))])
    }

    @Test func columnsMayComeInAnyOrderBesideOthers() throws {
        let (extensions, diagnostics) = try load("reason,comment,value,codelist\nwhy,-,INTRATHECAL,C66729\n")
        #expect(diagnostics.isEmpty)
        #expect(extensions.contains(codelist: "C66729", value: "INTRATHECAL"))
    }

    @Test func extensionOfANonExtensibleCodelistIsAnErrorWithFileAndLine() throws {
        let (extensions, diagnostics) = try load("codelist,value,reason\nC66729,INTRATHECAL,ok\nC66731,X,a new sex\n")
        #expect(diagnostics.count == 1)
        let d = try #require(diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.rule == "ct.extension.not-extensible")
        #expect(d.location == SourceLocation(file: "ext.csv", line: 3, column: 1))
        #expect(d.message.contains("Sex (C66731)"))
        #expect(d.hint?.contains("F, M, U, UNDIFFERENTIATED") == true)
        #expect(!extensions.contains(codelist: "C66731", value: "X"))
        #expect(extensions.entries.count == 1)
    }

    @Test func unknownCodelistIsAnError() throws {
        let (extensions, diagnostics) = try load("codelist,value,reason\nC00000,X,why\n")
        #expect(diagnostics.map(\.rule) == ["ct.extension.unknown-codelist"])
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.location == SourceLocation(file: "ext.csv", line: 2, column: 1))
        #expect(diagnostics.first?.message.contains("CT old") == true)
        #expect(extensions.isEmpty)
    }

    @Test func valueAlreadyInTheCodelistIsAWarning() throws {
        let (extensions, diagnostics) = try load("codelist,value,reason\nC66729,ORAL,by mouth\n")
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.severity == .warning)
        #expect(d.rule == "ct.extension.already-in-codelist")
        #expect(d.location == SourceLocation(file: "ext.csv", line: 2, column: 2))
        #expect(d.message.contains("C38288"))
        #expect(extensions.isEmpty)
    }

    @Test func missingReasonIsAnError() throws {
        let (extensions, diagnostics) = try load("codelist,value,reason\nC66729,INTRATHECAL,\n")
        #expect(diagnostics.map(\.rule) == ["ct.extension.no-reason"])
        #expect(diagnostics.first?.location?.column == 3)
        #expect(extensions.isEmpty)
    }

    @Test func emptyCodelistOrValueIsAnError() throws {
        let (_, diagnostics) = try load("codelist,value,reason\n,INTRATHECAL,why\nC66729,,why\n")
        #expect(diagnostics.map(\.rule) == ["ct.extension.empty", "ct.extension.empty"])
        #expect(diagnostics.map { $0.location?.line } == [2, 3])
        #expect(diagnostics.map { $0.location?.column } == [1, 2])
    }

    @Test func repeatedDeclarationIsAWarningAndTheFirstCounts() throws {
        let (extensions, diagnostics) = try load("codelist,value,reason\nC66729,INTRATHECAL,first\nROUTE,INTRATHECAL,second\n")
        #expect(diagnostics.map(\.rule) == ["ct.extension.duplicate"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location?.line == 3)
        #expect(diagnostics.first?.message.contains("line 2") == true)
        #expect(extensions.entry(codelist: "C66729", value: "INTRATHECAL")?.reason == "first")
    }

    @Test func raggedRowIsReportedWithItsLine() throws {
        let (extensions, diagnostics) = try load("codelist,value,reason\nC66729,INTRATHECAL\nC66729,INTRAOCULAR,why\n")
        #expect(diagnostics.map(\.rule) == ["ingest.ragged-row"])
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.location?.line == 2)
        #expect(extensions.entries.map(\.value) == ["INTRAOCULAR"])
    }

    @Test func missingColumnIsThrownOnLine1() {
        do throws(Diagnostic) {
            _ = try load("codelist,value\nC66729,INTRATHECAL\n")
            Issue.record("a file without a reason column loaded")
        } catch {
            #expect(error.rule == "ct.extension.header")
            #expect(error.location == SourceLocation(file: "ext.csv", line: 1))
            #expect(error.message.contains("reason"))
        }
    }

    @Test func emptyFileIsThrown() {
        do throws(Diagnostic) {
            _ = try load("")
            Issue.record("an empty file loaded")
        } catch {
            #expect(error.location?.line == 1)
        }
    }

    @Test func loadsFromAPath() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ext-\(UUID().uuidString).csv").path
        try Data("codelist,value,reason\r\nC66729,INTRATHECAL,why\r\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (extensions, diagnostics) = try SponsorExtensions.load(path: path, file: "study-ext.csv", terminology: CTFixture.old)
        #expect(diagnostics.isEmpty)
        #expect(extensions.entries.first?.location?.file == "study-ext.csv")
        #expect(extensions.contains(codelist: "C66729", value: "INTRATHECAL"))
    }

    @Test func missingFileIsThrown() {
        do throws(Diagnostic) {
            _ = try SponsorExtensions.load(path: "/nonexistent/ext.csv", terminology: CTFixture.old)
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.severity == .error)
        }
    }

    @Test func entriesGivenInCodeKeepTheFirstOfADuplicate() {
        let e = SponsorExtensions(entries: [
            .init(codelist: "C1", value: "A", reason: "one"), .init(codelist: "C1", value: "A", reason: "two"),
            .init(codelist: "C1", value: "B", reason: "three"),
        ])
        #expect(e.entries.map(\.reason) == ["one", "three"])
        #expect(SponsorExtensions.none.isEmpty)
    }
}
