import DefineXML
import Foundation
import SDTMModel
import Testing

/// Schema validation, the checks against the data, and rendering, on the fixture study.
@Suite struct ValidationTests {
    /// The 1-based line of the first line of `text` containing `needle`.
    static func line(of needle: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test(.enabled(if: Fixture.hasSchema, "needs ../shared/reference (the standard's data); skipped"))
    func theFixtureIsValidAgainstTheOfficialSchema() throws {
        let findings = try DefineXML.validate(Fixture.xml, schemaDirectory: Fixture.schemaDirectory)
        #expect(findings == [], "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test(.enabled(if: Fixture.hasSchema, "needs ../shared/reference (the standard's data); skipped"))
    func variantsAreValidToo() throws {
        // Comments, escaping, extra value lists, an external dictionary and no stylesheet all stay within the schema.
        var input = Fixture.input(datasets: EscapingTests.relabel(EscapingTests.label),
                                  comments: ["AE": "a\nb", "AE.AETERM": "c & d"], stylesheet: nil)
        input.valueLevel.append(ValueLevelRule(dataset: "EX", variables: ["EXDOSE"], key: "EXTRT", label: nil))
        input.study.dictionaries = [StudyDefinition.ExternalDictionary(name: "MedDRA", version: "27.1",
                                                                       href: "https://www.meddra.org/", variables: ["AE.AEDECOD"])]
        let schema = try DefineSchema(directory: Fixture.schemaDirectory)
        #expect(schema.validate(Fixture.write(input)) == [])
    }

    @Test(.enabled(if: Fixture.hasSchema, "needs ../shared/reference (the standard's data); skipped"))
    func validateReportsAnInvalidDocumentWithItsLine() throws {
        let text = Fixture.xml.text
        let target = "<ItemDef OID=\"IT.DM.SUBJID\" Name=\"SUBJID\" DataType=\"text\""
        let broken = text.replacingOccurrences(target, with: "<ItemDef OID=\"IT.DM.SUBJID\" Name=\"SUBJID\" DataType=\"string5\"")
        let findings = try DefineXML.validate(Array(broken.utf8), schemaDirectory: Fixture.schemaDirectory)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.rule == "define.schema")
        #expect(finding.line == Self.line(of: "OID=\"IT.DM.SUBJID\" Name", in: broken))
        #expect(finding.message.contains("DataType"))
        #expect(finding.message.contains("string5"))
    }

    @Test(.enabled(if: Fixture.hasSchema, "needs ../shared/reference (the standard's data); skipped"))
    func validateReportsElementsOutOfOrder() throws {
        // def:Class must follow the ItemRefs: the schema is strict about order.
        let text = Fixture.xml.text
        let moved = text.replacingOccurrences("        <def:Class Name=\"EVENTS\"/>\n", with: "")
            .replacingOccurrences("""
                          <TranslatedText xml:lang="en">Adverse Events</TranslatedText>
                        </Description>

                """, with: """
                          <TranslatedText xml:lang="en">Adverse Events</TranslatedText>
                        </Description>
                        <def:Class Name="EVENTS"/>

                """, maxCount: 1)
        #expect(moved != text)
        let findings = try DefineXML.validate(Array(moved.utf8), schemaDirectory: Fixture.schemaDirectory)
        #expect(findings.contains { $0.line == Self.line(of: "<ItemRef ItemOID=\"IT.AE.STUDYID\"", in: moved) })
    }

    @Test(.enabled(if: Fixture.hasSchema, "needs ../shared/reference (the standard's data); skipped"))
    func oneSchemaValidatesFromManyTasksAtOnce() async throws {
        let schema = try DefineSchema(directory: Fixture.schemaDirectory)
        let broken = Array(Fixture.xml.text.replacingOccurrences("DataType=\"integer\"", with: "DataType=\"int\"").utf8)
        let counts = await withTaskGroup(of: (Bool, Int).self) { group in
            for n in 0..<32 {
                group.addTask { (n.isMultiple(of: 2), schema.validate(n.isMultiple(of: 2) ? Fixture.xml : broken).count) }
            }
            return await group.reduce(into: [(Bool, Int)]()) { $0.append($1) }
        }
        #expect(counts.count == 32)
        #expect(counts.allSatisfy { $0.0 ? $0.1 == 0 : $0.1 > 0 })
    }

    @Test func validateOfAMissingSchemaIsAnError() {
        #expect(throws: DefineError.self) {
            _ = try DefineXML.validate(Fixture.xml, schemaDirectory: "/nonexistent")
        }
    }

    @Test func validateReportsBrokenXMLWithLineAndColumn() throws {
        guard Fixture.hasSchema else { return }
        let findings = try DefineXML.validate(Array("<ODM>\n<Study>\n</ODM>\n".utf8), schemaDirectory: Fixture.schemaDirectory)
        #expect(findings.first?.rule == "define.xml.syntax")
        #expect(findings.first?.line == 3)
    }

    @Test func checksPassOnTheFixture() {
        let findings = DefineXML.check(Fixture.xml, input: Fixture.input())
        #expect(findings.filter { $0.severity == .error } == [])
        // At most: codelists the study's CT subset lacks (RDOMAIN's DOMAIN, QEVAL's EVAL).
        let missing = ["C66734", "C78735"].filter { Fixture.terminology.codelists[$0] == nil }
        #expect(findings.map(\.rule) == missing.map { _ in "define.ct.codelist-unknown" })
        #expect(findings.map(\.line) == missing.map { Self.line(of: "<CodeList OID=\"CL.\($0)\"", in: Fixture.xml.text) })
    }

    @Test func aValueOutsideANonExtensibleCodelistIsReportedUnlessTheGuidePrescribesIt() throws {
        // SDTMIG prescribes AEACN MULTIPLE (specs/sdtmig-3.4/ct-exceptions.csv): the CodeList's comment cites it.
        let reference = try #require(Fixture.standard.terminologyExceptions["AE.AEACN=MULTIPLE"])
        let comment = Fixture.metaDataVersion.element("def:CommentDef", "OID", "COM.CL.ACN")?.translatedText()
        #expect(comment?.contains("MULTIPLE (\(reference))") == true)
        // Without the exception, the value is a warning at its line.
        var input = Fixture.input()
        input.standard.terminologyExceptions = [:]
        let xml = Fixture.write(input)
        let findings = DefineXML.check(xml, input: input).filter { $0.rule == "define.ct.non-extensible-extended" }
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.line == Self.line(of: "<EnumeratedItem CodedValue=\"MULTIPLE\"", in: xml.text))
        #expect(findings.first?.message.contains("ACN (C66767)") == true)
    }

    @Test func checksCatchABrokenDefineWithLines() throws {
        var text = Fixture.xml.text
        // 1. Remove the ItemDef of AETERM, which an ItemRef still refers to.
        let start = try #require(text.range(of: "      <ItemDef OID=\"IT.AE.AETERM\""))
        let end = try #require(text.range(of: "</ItemDef>\n", range: start.upperBound..<text.endIndex))
        text.removeSubrange(start.lowerBound..<end.upperBound)
        // 2. Add a CodeList nothing refers to.
        text = text.replacingOccurrences("      <MethodDef ", with: """
                  <CodeList OID="CL.UNUSED" Name="Unused" DataType="text">
                    <EnumeratedItem CodedValue="X"/>
                  </CodeList>
                  <MethodDef 
            """, maxCount: 1)
        // 3. A Length shorter than the data's longest value.
        text = text.replacingOccurrences("<ItemDef OID=\"IT.DM.SUBJID\" Name=\"SUBJID\" DataType=\"text\" Length=\"3\"",
                                         with: "<ItemDef OID=\"IT.DM.SUBJID\" Name=\"SUBJID\" DataType=\"text\" Length=\"2\"")
        // 4. A label that is not the data's.
        text = text.replacingOccurrences(">Sequence Number<", with: ">Sequence Nbr<")

        let findings = DefineXML.check(Array(text.utf8), input: Fixture.input())
        func finding(_ rule: String) -> DefineFinding? { findings.first { $0.rule == rule } }
        let undefined = try #require(finding("define.oid.undefined"))
        #expect(undefined.severity == .error)
        #expect(undefined.line == Self.line(of: "<ItemRef ItemOID=\"IT.AE.AETERM\"", in: text))
        #expect(undefined.message.contains("IT.AE.AETERM"))
        let undescribed = try #require(finding("define.variable.undescribed"))
        #expect(undescribed.message.contains("AETERM"))
        #expect(undescribed.line == Self.line(of: "<ItemGroupDef OID=\"IG.AE\"", in: text))
        let unused = try #require(finding("define.oid.unused"))
        #expect(unused.line == Self.line(of: "<CodeList OID=\"CL.UNUSED\"", in: text))
        #expect(unused.message.contains("CL.UNUSED"))
        let length = try #require(finding("define.length.mismatch"))
        #expect(length.severity == .error)
        #expect(length.line == Self.line(of: "<ItemDef OID=\"IT.DM.SUBJID\"", in: text))
        #expect(length.message.contains("needs 3"))
        let labels = findings.filter { $0.rule == "define.label.mismatch" }
        #expect(labels.count == 2)
        #expect(labels.allSatisfy { $0.message.contains("Sequence Nbr") })
        // Nothing else is reported as an error.
        let expected: Set = ["define.oid.undefined", "define.variable.undescribed", "define.length.mismatch", "define.label.mismatch"]
        #expect(Set(findings.filter { $0.severity == .error }.map(\.rule)) == expected)
    }

    @Test func checksCatchDataTheDefineDoesNotDescribe() throws {
        // The define of the fixture, checked against data that has changed since: a longer term, a new SEX value,
        // a QNAM without value-level metadata, and a dataset the define does not know.
        var datasets = Fixture.datasets()
        datasets[0][1, datasets[0].column("SEX")] = .text("U")
        datasets[2][0, datasets[2].column("AETERM")] = .text("Nausea and vomiting, persistent")
        var extra = datasets[3].rows[0].record
        extra.values[datasets[3].column("QNAM")] = .text("AEXTRA")
        datasets[3].append(extra)
        datasets.append(Fixture.dataset(Fixture.spec("SUPPQUAL"), []))
        datasets[4].spec.name = "SUPPEX"
        let findings = DefineXML.check(Fixture.xml, input: Fixture.input(datasets: datasets))
        let rules = Set(findings.filter { $0.severity == .error }.map(\.rule))
        #expect(rules == ["define.ct.value-not-covered", "define.length.mismatch", "define.vlm.value-undescribed",
                          "define.dataset.undescribed"])
        let sex = try #require(findings.first { $0.rule == "define.ct.value-not-covered" })
        #expect(sex.message.contains("DM.SEX"))
        #expect(sex.message.contains(": U"))
        #expect(sex.line == Self.line(of: "<ItemDef OID=\"IT.DM.SEX\"", in: Fixture.xml.text))
        let vlm = try #require(findings.first { $0.rule == "define.vlm.value-undescribed" })
        #expect(vlm.message.contains("AEXTRA"))
        #expect(vlm.line == Self.line(of: "<def:ValueListDef OID=\"VL.SUPPAE.QVAL\"", in: Fixture.xml.text))
    }

    @Test func anInputWhoseDatasetsChangeAfterWritingIsCheckedAgainstTheNewData() throws {
        // Writing works out the value lists' values by key and the columns' use counts; the same input, one of its
        // SUPPAE values then made longer, checks the define against the new data, not against what writing read.
        var input = Fixture.input()
        let xml = Fixture.write(input)
        #expect(DefineXML.check(xml, input: input).filter { $0.rule == "define.length.mismatch" } == [])
        let suppae = input.datasets[3].dataset
        input.datasets[3].dataset[0, suppae.column("QVAL")] = .text("RELATED TO BOTH STUDY DRUGS, PER THE INVESTIGATOR")
        let length = try #require(DefineXML.check(xml, input: input).first { $0.rule == "define.length.mismatch" })
        #expect(length.message.contains("QVAL"))
        // The columns' use counts are taken again too: a new SEX value is a value the codelist does not list.
        input.datasets[0].dataset[1, input.datasets[0].dataset.column("SEX")] = .text("U")
        let sex = try #require(DefineXML.check(xml, input: input).first { $0.rule == "define.ct.value-not-covered" })
        #expect(sex.message.contains("DM.SEX"))
    }

    @Test func checksOfSomethingElseThanXML() {
        let findings = DefineXML.check(Array("not xml".utf8), input: Fixture.input())
        #expect(findings.count >= 1)
        #expect(findings.allSatisfy { $0.severity == .error && $0.rule == "define.xml.syntax" })
        #expect(findings.first?.line == 1)
    }

    @Test(.enabled(if: Fixture.hasStylesheet, "needs ../shared/reference (the standard's stylesheet); skipped"))
    func renderShowsEveryDatasetVariableCodelistAndValueLevelEntry() throws {
        let html = try DefineXML.render(Fixture.xml, stylesheet: Fixture.stylesheet).text
        #expect(html.contains("<html"))
        let mdv = Fixture.metaDataVersion
        for group in mdv.children("ItemGroupDef") {
            #expect(html.contains(group["Name"] ?? "?"), "dataset \(group["Name"] ?? "?")")
            #expect(html.contains(group.translatedText() ?? "?"))
        }
        for item in mdv.children("ItemDef") {
            #expect(html.contains(item["Name"] ?? "?"), "variable \(item["Name"] ?? "?")")
        }
        for list in mdv.children("CodeList") {
            #expect(html.contains(list["Name"] ?? "?"), "codelist \(list["Name"] ?? "?")")
            for term in list.children("EnumeratedItem") + list.children("CodeListItem") {
                #expect(html.contains(term["CodedValue"] ?? "?"))
            }
        }
        for clause in mdv.children("def:WhereClauseDef") {
            for value in clause.descendants("CheckValue") { #expect(html.contains(value.text), "value-level \(value.text)") }
        }
        for method in mdv.children("MethodDef") {
            #expect(html.contains(method["Name"] ?? "?"), "method \(method["Name"] ?? "?")")
        }
    }

    @Test func renderWithAMissingStylesheetIsAnError() {
        #expect(throws: DefineError.self) { _ = try DefineXML.render(Fixture.xml, stylesheet: "/nonexistent/define2-1.xsl") }
    }
}

extension String {
    /// `self` with the first `maxCount` (all when nil) occurrences of `target` replaced.
    func replacingOccurrences(_ target: String, with replacement: String, maxCount: Int? = nil) -> String {
        var out = ""
        var rest = self[...]
        var count = 0
        while maxCount.map({ count < $0 }) ?? true, let range = rest.range(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
            count += 1
        }
        return out + rest
    }
}
