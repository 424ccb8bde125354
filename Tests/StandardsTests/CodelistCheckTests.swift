import SDTMModel
import Standards
import Testing

/// A dataset `XX` whose variables are bound to the fixture release's codelists (see `CTFixture`):
/// SEX (non-extensible), ROUTE (extensible), BOTH (SEX or ROUTE), LOST (a codelist the release lacks),
/// FREE (no codelist), NUMS (NY, holding numbers) and MIXED (ROUTE or the codelist the release lacks).
private let spec = DomainSpec(name: "XX", label: "Test", class: "Events", structure: "One record per row", keys: [], variables: [
    VariableSpec(name: "SEX", label: "Sex", type: .char, core: .required, role: "Record Qualifier", codelists: ["C66731"], order: 1),
    VariableSpec(name: "ROUTE", label: "Route", type: .char, core: .permissible, role: "Variable Qualifier", codelists: ["C66729"], order: 2),
    VariableSpec(name: "BOTH", label: "Both", type: .char, core: .permissible, role: "Record Qualifier",
                 codelists: ["C66731", "C66729"], order: 3),
    VariableSpec(name: "LOST", label: "Lost", type: .char, core: .permissible, role: "Record Qualifier", codelists: ["C00000"], order: 4),
    VariableSpec(name: "FREE", label: "Free", type: .char, core: .permissible, role: "Topic", codelists: [], order: 5),
    VariableSpec(name: "NUMS", label: "Numbers", type: .char, core: .permissible, role: "Record Qualifier", codelists: ["C66742"], order: 6),
    VariableSpec(name: "MIXED", label: "Mixed", type: .char, core: .permissible, role: "Record Qualifier",
                 codelists: ["C66729", "C00000"], order: 7),
])

/// One record per row; each row gives SEX, ROUTE, BOTH, LOST, FREE, NUMS, MIXED (empty string for null; missing
/// trailing values are null).
private func dataset(_ rows: [[String]]) -> Dataset {
    Dataset(spec: spec, records: rows.enumerated().map { i, row in
        let values = row.map(Value.of) + Array(repeating: Value.null, count: spec.variables.count - row.count)
        return Record(values: values, origin: SourceLocation(file: "raw.csv", line: i + 2))
    })
}

private let declared = SponsorExtensions(entries: [
    .init(codelist: "C66729", value: "INTRATHECAL", reason: "a device route that CT lacks"),
])

private func check(_ d: Dataset, extensions: SponsorExtensions = declared, guide: [String: String] = [:]) -> [CodelistFinding] {
    CodelistCheck.check(d, terminology: CTFixture.old, extensions: extensions, guideExceptions: guide)
}

@Suite struct CodelistCheckTests {
    @Test func numericResultsInAStandardResultVariableAreOutsideItsCharacterCodelist() {
        let stresc = DomainSpec(name: "XX", label: "Test", class: "Findings", structure: "One record per row", keys: [], variables: [
            VariableSpec(name: "XXSTRESC", label: "Result", type: .char, core: .expected, role: "Result Qualifier",
                         codelists: ["C66742"], order: 1),
        ])
        let d = Dataset(spec: stresc, records: ["20.52", "<3.42", ">=1000", "Y", "1.2.3", "HEMOLYZED"].enumerated().map {
            Record(values: [.text($0.element)], origin: SourceLocation(file: "raw.csv", line: $0.offset + 2))
        })
        #expect(check(d).map(\.value) == ["1.2.3", "HEMOLYZED"])
    }

    @Test func submissionValuesPass() {
        let d = dataset([["M", "INTRAVENOUS", "F", "", "anything", "Y"], ["F", "ORAL", "ORAL", "", "", "N"], ["", "", "", "", "", ""]])
        #expect(check(d).isEmpty)
    }

    @Test func valueOutsideANonExtensibleCodelistIsAnError() throws {
        let d = dataset([["M", "", "", "", "", ""], ["MALE", "", "", "", "", ""]])
        let finding = try #require(check(d).first)
        #expect(check(d).count == 1)
        #expect(finding.dataset == "XX")
        #expect(finding.variable == "SEX")
        #expect(finding.codelist == "C66731")
        #expect(finding.codelistName == "Sex")
        #expect(finding.value == "MALE")
        #expect(finding.count == 1)
        #expect(finding.firstRecords == [2])
        #expect(finding.firstOrigin == SourceLocation(file: "raw.csv", line: 3))
        #expect(finding.kind == .notInCodelist)
        #expect(finding.severity == .error)
        #expect(finding.rule == "ct.not-in-codelist")
    }

    @Test func matchingIsExactAndCaseSensitive() {
        let d = dataset([["m", "", "", "", "", ""], [" M", "", "", "", "", ""]])
        #expect(check(d).map(\.value) == [" M", "m"])
    }

    @Test func valueOutsideAnExtensibleCodelistIsAWarning() throws {
        let finding = try #require(check(dataset([["", "INTRAOCULAR", "", "", "", ""]])).first)
        #expect(finding.kind == .undeclaredExtension)
        #expect(finding.severity == .warning)
        #expect(finding.codelist == "C66729")
    }

    @Test func declaredSponsorExtensionIsANotice() throws {
        let finding = try #require(check(dataset([["", "INTRATHECAL", "", "", "", ""]])).first)
        #expect(finding.kind == .sponsorExtension)
        #expect(finding.severity == .notice)
        #expect(finding.rule == "ct.sponsor-extension")
        // Without the declaration, the same value is a warning.
        #expect(check(dataset([["", "INTRATHECAL", "", "", "", ""]]), extensions: .none).first?.severity == .warning)
    }

    @Test func declarationCountsOnlyForItsCodelist() {
        // INTRATHECAL is declared for ROUTE, not SEX (which is not extensible anyway).
        let findings = check(dataset([["INTRATHECAL", "", "", "", "", ""]]))
        #expect(findings.map(\.severity) == [.error])
    }

    @Test func valuesAreGroupedWithCountsAndTheFirstFiveRecords() throws {
        let rows = (1...7).map { i in [i == 3 ? "M" : "X", "", "", "", "", ""] }
        let findings = check(dataset(rows))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.value == "X")
        #expect(finding.count == 6)
        #expect(finding.firstRecords == [1, 2, 4, 5, 6])
        #expect(finding.firstOrigin?.line == 2)
        #expect(finding.message.contains("6 records (1, 2, 4, 5, 6, ...)"))
    }

    @Test func variableWithSeveralCodelistsPassesWhenAnyHasTheValue() {
        let d = dataset([["", "", "F", "", "", ""], ["", "", "SUBCUTANEOUS", "", "", ""]])
        #expect(check(d).isEmpty)
    }

    @Test func variableWithSeveralCodelistsFailsWithTheExtensibleOne() throws {
        // Outside SEX (closed) and ROUTE (open): a warning against ROUTE, or a notice when declared there.
        let findings = check(dataset([["", "", "INTRAOCULAR", "", "", ""], ["", "", "INTRATHECAL", "", "", ""]]))
        #expect(findings.map(\.value) == ["INTRAOCULAR", "INTRATHECAL"])
        #expect(findings.map(\.codelist) == ["C66729", "C66729"])
        #expect(findings.map(\.severity) == [.warning, .notice])
    }

    @Test func codelistMissingFromTheTerminologyIsReportedNotSkipped() throws {
        let finding = try #require(check(dataset([["", "", "", "SOMETHING", "", ""]])).first)
        #expect(finding.kind == .codelistMissing)
        #expect(finding.severity == .warning)
        #expect(finding.codelist == "C00000")
        #expect(finding.codelistName == "")
        #expect(finding.message.contains("C00000"))
    }

    @Test func partlyMissingCodelistsStillAcceptTheKnownOnesValuesAndDeclarations() {
        let d = dataset([["", "", "", "", "", "", "ORAL"], ["", "", "", "", "", "", "INTRATHECAL"], ["", "", "", "", "", "", "OTHER"]])
        let findings = check(d)
        // ORAL is a ROUTE term; INTRATHECAL a declared ROUTE extension; OTHER might be in the missing codelist.
        #expect(findings.map(\.value) == ["INTRATHECAL", "OTHER"])
        #expect(findings.map(\.kind) == [.sponsorExtension, .codelistMissing])
        #expect(findings.map(\.codelist) == ["C66729", "C00000"])
    }

    @Test func aStandardResultsCodelistNeedsOnlyItsCharacterResults() {
        #expect(CodelistCheck.terms(among: ["NEGATIVE", "20.52", "<3.42", "POSITIVE"], of: "LBSTRESC") == ["NEGATIVE", "POSITIVE"])
        #expect(CodelistCheck.terms(among: ["NEGATIVE", "20.52"], of: "LBORRES") == ["NEGATIVE", "20.52"])
    }

    @Test func numbersAreCheckedAsTheirText() throws {
        var d = dataset([["", "", "", "", "", ""]])
        d[0, 5] = .number(1)
        let finding = try #require(check(d).first)
        #expect(finding.variable == "NUMS")
        #expect(finding.value == "1")
    }

    @Test func variablesWithoutCodelistAreNotChecked() {
        #expect(check(dataset([["", "", "", "", "whatever", ""]])).isEmpty)
    }

    @Test func findingsComeInSpecOrderThenByValue() {
        let d = dataset([
            ["Z", "ZZ", "", "", "", "MAYBE"],
            ["A", "AA", "", "", "", ""],
        ])
        let findings = check(d)
        #expect(findings.map { "\($0.variable)=\($0.value)" } == ["SEX=A", "SEX=Z", "ROUTE=AA", "ROUTE=ZZ", "NUMS=MAYBE"])
    }

    @Test func valuePrescribedByTheGuideIsANotice() throws {
        let finding = try #require(check(dataset([["MULTIPLE", "", "", "", "", ""]]), guide: ["XX.SEX=MULTIPLE": "a reference"]).first)
        #expect(finding.kind == .prescribedByGuide)
        #expect(finding.severity == .notice)
        #expect(finding.codelist == "C66731")
    }

    @Test func findingAsDiagnostic() {
        let finding = check(dataset([["MALE", "", "", "", "", ""]]))[0]
        let d = finding.diagnostic
        #expect(d.severity == .error)
        #expect(d.rule == "ct.not-in-codelist")
        #expect(d.location == SourceLocation(file: "raw.csv", line: 2))
        #expect(d.message == "XX.SEX 'MALE' is not in the non-extensible codelist Sex (C66731): 1 record (1)")
        #expect(d.hint != nil)
    }

    @Test func emptyDatasetHasNoFindings() {
        #expect(check(Dataset(spec: spec)).isEmpty)
    }
}
