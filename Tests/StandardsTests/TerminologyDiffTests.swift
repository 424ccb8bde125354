import Foundation
import SDTMModel
import Standards
import Testing

/// Two small releases in the NCI EVS layout, written by hand so that every difference is known:
///
/// | codelist | old | new |
/// | --- | --- | --- |
/// | Dosage Form (FRM, C66726) | not extensible | extensible (terms unchanged) |
/// | Frequency (FREQ, C71113) | extensible | not extensible; QD's synonyms only reordered |
/// | No Yes Response (NY, C66742) | N, Y | the same |
/// | Retired Codelist (RETCL, C99999) | A, B | removed |
/// | New Codelist (NEWCL, C88888) | - | added, term X |
/// | Route (ROUTE, C66729) | ..., SUBCUTANEOUS (C38299) | C38299's submission value is SUBCUTANEOUS ROUTE |
/// | Sex (SEX, C66731) | F, M, U, UNDIFFERENTIATED (C45908) | F's definition and U's synonyms changed, C45908 retired, INTERSEX (C45909) added |
enum CTFixture {
    static let header = "Code\tCodelist Code\tCodelist Extensible (Yes/No)\tCodelist Name\tCDISC Submission Value\t"
        + "CDISC Synonym(s)\tCDISC Definition\tNCI Preferred Term"

    static func row(_ fields: String...) -> String { fields.joined(separator: "\t") }

    static func release(_ rows: [String], version: String) -> Terminology {
        let bytes = Array(([header] + rows).map { $0 + "\n" }.joined().utf8)
        do throws(Diagnostic) {
            return try TerminologyLoader.parse(bytes: bytes, file: "\(version).txt", version: version)
        } catch {
            fatalError("fixture release \(version) does not load: \(error)")
        }
    }

    static let frm = row("C66726", "", "No", "Dosage Form", "FRM", "Dosage Form", "Dosage forms.", "CDISC SDTM Dosage Form Terminology")
    static let solution = row("C42945", "C66726", "", "Dosage Form", "INJECTION, SOLUTION", "",
                              "A sterile \"solution\" for injection.", "Injectable Solution")
    static let freq = row("C71113", "", "Yes", "Frequency", "FREQ", "Frequency", "Frequencies.", "CDISC SDTM Frequency Terminology")
    static let qd = row("C25473", "C71113", "", "Frequency", "QD", "Daily; QD", "Once a day.", "Daily")
    static let ny = row("C66742", "", "No", "No Yes Response", "NY", "No Yes Response", "Yes or no.", "CDISC SDTM Yes No Terminology")
    static let no = row("C49487", "C66742", "", "No Yes Response", "N", "No", "The non-affirmative response.", "No")
    static let yes = row("C49488", "C66742", "", "No Yes Response", "Y", "Yes", "The affirmative response.", "Yes")
    static let retcl = row("C99999", "", "No", "Retired Codelist", "RETCL", "Retired Codelist", "A codelist NCI retires.", "Retired Terminology")
    static let alpha = row("C1", "C99999", "", "Retired Codelist", "A", "", "Alpha.", "Alpha")
    static let beta = row("C2", "C99999", "", "Retired Codelist", "B", "", "Beta.", "Beta")
    static let route = row("C66729", "", "Yes", "Route of Administration Response", "ROUTE", "Route of Administration Response",
                           "Routes.", "CDISC SDTM Route of Administration Terminology")
    static let iv = row("C38276", "C66729", "", "Route of Administration Response", "INTRAVENOUS", "IV; Intravenous",
                        "Within a vein.", "Intravenous Route of Administration")
    static let oral = row("C38288", "C66729", "", "Route of Administration Response", "ORAL", "Oral; PO", "By mouth.",
                          "Oral Route of Administration")
    static let subcutaneous = row("C38299", "C66729", "", "Route of Administration Response", "SUBCUTANEOUS", "SC; Subcutaneous",
                                  "Beneath the skin.", "Subcutaneous Route of Administration")
    static let sex = row("C66731", "", "No", "Sex", "SEX", "Sex", "Sexes.", "CDISC SDTM Sex of Individual Terminology")
    static let female = row("C16576", "C66731", "", "Sex", "F", "Female", "A female person.", "Female")
    static let male = row("C20197", "C66731", "", "Sex", "M", "Male", "A male person.", "Male")
    static let unknown = row("C17998", "C66731", "", "Sex", "U", "U; UNK; Unknown", "Not known.", "Unknown")
    static let undifferentiated = row("C45908", "C66731", "", "Sex", "UNDIFFERENTIATED", "Undifferentiated", "Not differentiated.", "Intersex")

    static let old = release([
        frm, solution, freq, qd, ny, no, yes, retcl, alpha, beta, route, iv, oral, subcutaneous,
        sex, female, male, unknown, undifferentiated,
    ], version: "old")

    static let new = release([
        row("C66726", "", "Yes", "Dosage Form", "FRM", "Dosage Form", "Dosage forms.", "CDISC SDTM Dosage Form Terminology"),
        solution,
        row("C71113", "", "No", "Frequency", "FREQ", "Frequency", "Frequencies.", "CDISC SDTM Frequency Terminology"),
        row("C25473", "C71113", "", "Frequency", "QD", "QD; Daily", "Once a day.", "Daily"),
        ny, yes, no,
        row("C88888", "", "Yes", "New Codelist", "NEWCL", "New Codelist", "A codelist NCI adds.", "New Terminology"),
        row("C3", "C88888", "", "New Codelist", "X", "", "Ex.", "Ex"),
        route, iv, oral,
        row("C38299", "C66729", "", "Route of Administration Response", "SUBCUTANEOUS ROUTE", "SC; Subcutaneous",
            "Beneath the skin.", "Subcutaneous Route of Administration"),
        sex,
        row("C16576", "C66731", "", "Sex", "F", "Female", "A female person. (NCI)", "Female"),
        male,
        row("C17998", "C66731", "", "Sex", "U", "UNK; Unknown", "Not known.", "Unknown"),
        row("C45909", "C66731", "", "Sex", "INTERSEX", "Intersex", "Having both.", "Intersex"),
    ], version: "new")
}

private typealias Change = TerminologyDiff.FieldChange

@Suite struct TerminologyDiffTests {
    let diff = TerminologyDiff(from: CTFixture.old, to: CTFixture.new)

    @Test func codelistsThatDifferAreListedByName() {
        #expect(diff.codelists.map(\.code) == ["C66726", "C71113", "C88888", "C99999", "C66729", "C66731"])
        #expect(diff.codelists.map(\.status) == [.changed, .changed, .added, .removed, .changed, .changed])
        #expect(diff.from == "old")
        #expect(diff.to == "new")
        #expect(diff.restrictedTo == nil)
    }

    @Test func unchangedCodelistIsNotListed() {
        // NY's terms come in another order in the new release: no difference.
        #expect(!diff.codelists.contains { $0.code == "C66742" })
    }

    @Test func summaryCountsEveryDifference() {
        let s = diff.summary
        #expect(s.codelistsCompared == 7)
        #expect((s.codelistsChanged, s.codelistsAdded, s.codelistsRemoved) == (4, 1, 1))
        // Added: INTERSEX and the new codelist's X; removed: UNDIFFERENTIATED and the retired codelist's A and B;
        // changed: F, U and SUBCUTANEOUS.
        #expect((s.termsAdded, s.termsRemoved, s.termsChanged) == (2, 3, 3))
    }

    @Test func addedTermIsMatchedByCode() throws {
        let sex = try #require(diff.codelists.first { $0.code == "C66731" })
        #expect(sex.added.map(\.code) == ["C45909"])
        #expect(sex.added.first?.submissionValue == "INTERSEX")
        #expect(sex.added.first?.synonyms == ["Intersex"])
    }

    @Test func retiredTermIsRemoved() throws {
        let sex = try #require(diff.codelists.first { $0.code == "C66731" })
        #expect(sex.removed.map(\.code) == ["C45908"])
        #expect(sex.removed.first?.submissionValue == "UNDIFFERENTIATED")
    }

    @Test func changedDefinitionAndSynonymsAreTermChanges() throws {
        let sex = try #require(diff.codelists.first { $0.code == "C66731" })
        #expect(sex.changed == [
            TerminologyDiff.TermChange(code: "C16576", submissionValue: "F", changes: [
                Change(field: "definition", from: "A female person.", to: "A female person. (NCI)"),
            ]),
            TerminologyDiff.TermChange(code: "C17998", submissionValue: "U", changes: [
                Change(field: "synonyms", from: "U; UNK; Unknown", to: "UNK; Unknown"),
            ]),
        ])
        #expect(sex.changes.isEmpty)
    }

    @Test func newSubmissionValueForTheSameCodeIsAChangeNotARemoval() throws {
        let route = try #require(diff.codelists.first { $0.code == "C66729" })
        #expect(route.added.isEmpty)
        #expect(route.removed.isEmpty)
        let change = try #require(route.changed.first)
        #expect(route.changed.count == 1)
        #expect(change.code == "C38299")
        #expect(change.submissionValue == "SUBCUTANEOUS ROUTE")
        #expect(change.oldSubmissionValue == "SUBCUTANEOUS")
        #expect(change.changes == [Change(field: "submissionValue", from: "SUBCUTANEOUS", to: "SUBCUTANEOUS ROUTE")])
    }

    @Test func codelistThatBecameExtensible() throws {
        let frm = try #require(diff.codelists.first { $0.code == "C66726" })
        #expect(frm.changes == [Change(field: "extensible", from: "No", to: "Yes")])
        #expect(frm.extensibilityChange?.from == false)
        #expect(frm.extensibilityChange?.to == true)
        #expect(frm.extensible)
        #expect(frm.added.isEmpty && frm.removed.isEmpty && frm.changed.isEmpty)
    }

    @Test func reorderedSynonymsAreNoChange() throws {
        let freq = try #require(diff.codelists.first { $0.code == "C71113" })
        #expect(freq.changes == [Change(field: "extensible", from: "Yes", to: "No")])
        #expect(freq.changed.isEmpty)
    }

    @Test func removedCodelistListsItsTermsAsRemoved() throws {
        let retired = try #require(diff.codelists.first { $0.code == "C99999" })
        #expect(retired.status == .removed)
        #expect(retired.name == "Retired Codelist")
        #expect(retired.removed.map(\.submissionValue) == ["A", "B"])
        #expect(retired.added.isEmpty)
    }

    @Test func addedCodelistListsItsTermsAsAdded() throws {
        let added = try #require(diff.codelists.first { $0.code == "C88888" })
        #expect(added.status == .added)
        #expect(added.extensible)
        #expect(added.added.map(\.code) == ["C3"])
    }

    @Test func releaseComparedWithItselfIsEmpty() {
        let same = TerminologyDiff(from: CTFixture.old, to: CTFixture.old)
        #expect(same.isEmpty)
        #expect(same.summary.codelistsCompared == 6)
    }

    @Test func restrictionKeepsOnlyTheNamedCodelists() {
        let restricted = TerminologyDiff(from: CTFixture.old, to: CTFixture.new, codelists: ["C66731", "C66742", "C99999", "C00000"])
        #expect(restricted.codelists.map(\.code) == ["C99999", "C66731"])
        #expect(restricted.restrictedTo == ["C00000", "C66731", "C66742", "C99999"])
        #expect(restricted.unknownCodelists == ["C00000"])
        #expect(restricted.summary.codelistsCompared == 3)
    }

    // MARK: - Breaking values

    @Test func breakingValuesOfAStudy() {
        let used: [String: Set<String>] = [
            "C66731": ["M", "U", "UNDIFFERENTIATED"],
            "C66729": ["INTRAVENOUS", "SUBCUTANEOUS", "INTRATHECAL"],
            "C99999": ["A"],
            "C66726": ["INJECTION, SOLUTION", "VIAL"],
            "C71113": ["QD", "EVERY 3 WEEKS"],
            "C00000": ["ANYTHING"],
        ]
        typealias B = TerminologyDiff.BreakingValue
        #expect(diff.breakingValues(for: used) == [
            B(codelist: "C71113", codelistName: "Frequency", value: "EVERY 3 WEEKS", termCode: nil, reason: .noLongerExtensible),
            B(codelist: "C99999", codelistName: "Retired Codelist", value: "A", termCode: "C1", reason: .codelistRemoved),
            B(codelist: "C66729", codelistName: "Route of Administration Response", value: "SUBCUTANEOUS", termCode: "C38299",
              reason: .submissionValueChanged, replacement: "SUBCUTANEOUS ROUTE"),
            B(codelist: "C66731", codelistName: "Sex", value: "UNDIFFERENTIATED", termCode: "C45908", reason: .termRetired),
        ])
    }

    @Test func valueWhoseTermIsReplacedUnderAnotherCodeStillBreaks() {
        // Old: M is C20197. New: C20197 says MALE, and another term took the submission value M.
        let old = CTFixture.release([CTFixture.sex, CTFixture.male], version: "a")
        let new = CTFixture.release([
            CTFixture.sex,
            CTFixture.row("C20197", "C66731", "", "Sex", "MALE", "Male", "A male person.", "Male"),
            CTFixture.row("C77777", "C66731", "", "Sex", "M", "", "Something else.", "Other"),
        ], version: "b")
        let breaking = TerminologyDiff(from: old, to: new).breakingValues(for: ["C66731": ["M"]])
        #expect(breaking.map(\.reason) == [.submissionValueChanged])
        #expect(breaking.first?.replacement == "MALE")
    }

    @Test func valueRecodedUnderANewCodeDoesNotBreak() {
        // The retired term's submission value lives on under a new C-code.
        let old = CTFixture.release([CTFixture.sex, CTFixture.male], version: "a")
        let new = CTFixture.release([CTFixture.sex, CTFixture.row("C77777", "C66731", "", "Sex", "M", "Male", "Male.", "Male")],
                                    version: "b")
        let diff = TerminologyDiff(from: old, to: new)
        #expect(diff.codelists.first?.removed.map(\.code) == ["C20197"])
        #expect(diff.codelists.first?.added.map(\.code) == ["C77777"])
        #expect(diff.breakingValues(for: ["C66731": ["M"]]).isEmpty)
    }

    @Test func nothingBreaksWhenTheStudyUsesNoChangedValue() {
        #expect(diff.breakingValues(for: ["C66731": ["M", "F", "U"], "C66742": ["N", "Y"]]).isEmpty)
        #expect(diff.breakingValues(for: [:]).isEmpty)
    }

    @Test func codelistsOutsideTheRestrictionAreNotJudged() {
        let restricted = TerminologyDiff(from: CTFixture.old, to: CTFixture.new, codelists: ["C66742"])
        #expect(restricted.breakingValues(for: ["C66731": ["UNDIFFERENTIATED"]]).isEmpty)
    }

    // MARK: - Output

    @Test func textForPeople() {
        let used: [String: Set<String>] = ["C66731": ["UNDIFFERENTIATED", "M"], "C99999": ["A"]]
        let expected = """
            CT old -> new, all codelists (7 in either release):
              codelists: 4 changed, 1 added, 1 removed; terms: 2 added, 3 removed, 3 changed

            Dosage Form (FRM, C66726)
              ~ extensible: No -> Yes

            Frequency (FREQ, C71113)
              ~ extensible: Yes -> No

            New Codelist (NEWCL, C88888): new codelist, extensible, 1 term
              + C3 X (Ex)

            Retired Codelist (RETCL, C99999): codelist removed, 2 terms
              - C1 A (Alpha)
              - C2 B (Beta)

            Route of Administration Response (ROUTE, C66729)
              ~ C38299 SUBCUTANEOUS ROUTE: submission value: SUBCUTANEOUS -> SUBCUTANEOUS ROUTE

            Sex (SEX, C66731)
              + C45909 INTERSEX (Intersex)
              - C45908 UNDIFFERENTIATED (Intersex)
              ~ C16576 F: definition: A female person. -> A female person. (NCI)
              ~ C17998 U: synonyms: U; UNK; Unknown -> UNK; Unknown

            Study values the upgrade breaks (2):
              ! Retired Codelist (C99999): 'A': the new release has no codelist C99999
              ! Sex (C66731): 'UNDIFFERENTIATED': term C45908 is retired

            """
        #expect(diff.text(breaking: diff.breakingValues(for: used)) == expected)
    }

    @Test func textOfATermWithSeveralChangesListsEachOnItsLine() {
        let old = CTFixture.release([CTFixture.sex, CTFixture.male], version: "a")
        let new = CTFixture.release([CTFixture.sex, CTFixture.row("C20197", "C66731", "", "Sex", "MALE", "", "A man.", "Male")],
                                    version: "b")
        let text = TerminologyDiff(from: old, to: new, codelists: ["C66731"]).text(breaking: [])
        #expect(text == """
            CT a -> b, 1 codelist of the study (1 in either release):
              codelists: 1 changed, 0 added, 0 removed; terms: 0 added, 0 removed, 1 changed

            Sex (SEX, C66731)
              ~ C20197 MALE
                  submission value: M -> MALE
                  synonyms: Male -> (none)
                  definition: A male person. -> A man.

            None of the study's values breaks.

            """)
    }

    @Test func textOfIdenticalReleases() {
        #expect(TerminologyDiff(from: CTFixture.old, to: CTFixture.old).text()
                == "CT old -> old, all codelists (6 in either release):\n  no differences\n")
    }

    @Test func jsonForMachines() throws {
        let breaking = diff.breakingValues(for: ["C66729": ["SUBCUTANEOUS"]])
        let text = diff.json(breaking: breaking)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["from", "to", "unknownCodelists", "summary", "codelists", "breaking"])
        #expect(object["from"] as? String == "old")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["codelistsCompared": 7, "codelistsAdded": 1, "codelistsRemoved": 1, "codelistsChanged": 4,
                            "termsAdded": 2, "termsRemoved": 3, "termsChanged": 3])
        let codelists = try #require(object["codelists"] as? [[String: Any]])
        #expect(codelists.map { $0["code"] as? String } == ["C66726", "C71113", "C88888", "C99999", "C66729", "C66731"])
        let route = codelists[4]
        #expect(route["status"] as? String == "changed")
        let change = try #require((route["changed"] as? [[String: Any]])?.first)
        #expect(change["code"] as? String == "C38299")
        #expect(change["changes"] as? [[String: String]]
                == [["field": "submissionValue", "from": "SUBCUTANEOUS", "to": "SUBCUTANEOUS ROUTE"]])
        let b = try #require((object["breaking"] as? [[String: Any]])?.first)
        #expect(b["reason"] as? String == "submissionValueChanged")
        #expect(b["replacement"] as? String == "SUBCUTANEOUS ROUTE")
        #expect(b["termCode"] as? String == "C38299")
    }

    @Test func jsonKeysAreSortedAndOutputIsDeterministic() throws {
        let text = diff.json()
        #expect(text == TerminologyDiff(from: CTFixture.old, to: CTFixture.new).json())
        #expect(!text.contains("\"breaking\""))
        #expect(!text.contains("\"restrictedTo\""))
        // Top-level keys are the lines indented by two spaces; every object's keys are sorted the same way.
        let topLevel = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }
            .map { $0.dropFirst(3).prefix { $0 != "\"" } }.map(String.init)
        #expect(topLevel == ["codelists", "from", "summary", "to", "unknownCodelists"])
        // In each object, each key sorts after the one before it (an object's keys share an indentation;
        // a line opening or closing an object starts a new run at that depth).
        var previous: [Int: String] = [:]
        for line in text.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if rest.hasPrefix("\""), let end = rest.dropFirst().firstIndex(of: "\""), rest[end...].hasPrefix("\" :") {
                let key = String(rest[rest.index(after: rest.startIndex)..<end])
                if let before = previous[indent] { #expect(before < key, "\(before) then \(key)") }
                previous[indent] = key
            } else if rest.hasPrefix("{") || rest.hasPrefix("}") {
                previous = previous.filter { $0.key < indent }
            }
        }
    }

    // MARK: - The published release

    @Test(.enabled(if: PublishedCT.present, "needs ../shared/reference (the standard's data); skipped"))
    func committedSubsetEqualsThePublishedReleaseOnItsCodelists() throws {
        let full = try #require(PublishedCT.release, "the published file did not load")
        let subset = try TerminologyLoader.load(path: PackagePaths.studyTerminology, version: "2025-03-28")
        let diff = TerminologyDiff(from: subset, to: full, codelists: Set(subset.codelists.keys))
        #expect(diff.summary.codelistsCompared == subset.codelists.count)
        #expect(diff.isEmpty, "\(diff.text())")
        #expect(diff.unknownCodelists.isEmpty)
    }

    @Test(.enabled(if: PublishedCT.present, "needs ../shared/reference (the standard's data); skipped"))
    func publishedReleaseAgainstItsStudySubsetHasOnlyAddedCodelists() throws {
        let full = try #require(PublishedCT.release, "the published file did not load")
        let subset = try TerminologyLoader.load(path: PackagePaths.studyTerminology, version: "2025-03-28")
        let diff = TerminologyDiff(from: subset, to: full)
        #expect(diff.codelists.allSatisfy { $0.status == .added })
        #expect(diff.summary.codelistsAdded == full.codelists.count - subset.codelists.count)
    }
}
