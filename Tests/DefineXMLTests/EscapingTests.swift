import DefineXML
import SDTMModel
import Testing

/// Text that XML must escape, or cannot carry at all, still gives a well-formed define.xml that says the same.
@Suite struct EscapingTests {
    static let label = "Reported Term & <Verbatim> \"quoted\" 'single' — naïve µg ✓"

    static func relabel(_ label: String) -> [Dataset] {
        Fixture.datasets { spec in
            if let i = spec.index(of: "AETERM") { spec.variables[i].label = label }
        }
    }

    @Test func markupCharactersAndNonASCIIRoundTrip() throws {
        let input = Fixture.input(datasets: Self.relabel(Self.label))
        let xml = Fixture.write(input)
        let text = xml.text
        #expect(text.contains("Reported Term &amp; &lt;Verbatim&gt;"))
        // Non-ASCII is written as UTF-8, not as character references.
        #expect(text.contains("— naïve µg ✓"))
        let item = Fixture.parse(xml).element("ItemDef", "OID", "IT.AE.AETERM")
        #expect(item?.translatedText() == Self.label)
        #expect(DefineXML.check(xml, input: input).filter { $0.rule == "define.label.mismatch" } == [])
    }

    @Test func quotesInAttributesAreEscaped() throws {
        var input = Fixture.input()
        input.study.sponsor = "The \"Sponsor\" & <Partners>"
        let xml = Fixture.write(input)
        #expect(xml.text.contains("Originator=\"The &quot;Sponsor&quot; &amp; &lt;Partners&gt;\""))
        #expect(Fixture.parse(xml)["Originator"] == "The \"Sponsor\" & <Partners>")
    }

    @Test func aCommentWithANewlineKeepsIt() throws {
        let comment = "First line of the comment\nsecond line: 5 < 6 & \"so on\""
        let xml = Fixture.write(Fixture.input(comments: ["AE.AEREL": comment]))
        let node = Fixture.parse(xml).element("def:CommentDef", "OID", "COM.AE.AEREL")
        #expect(node?.translatedText() == comment)
    }

    @Test func controlCharactersAreStrippedAndReported() throws {
        let input = Fixture.input(datasets: Self.relabel("Reported\u{1} Term\u{0}\u{7}"))
        var findings: [DefineFinding] = []
        let xml = try DefineXML.write(input, findings: &findings)
        #expect(!xml.contains(0x01) && !xml.contains(0x00) && !xml.contains(0x07))
        let item = Fixture.parse(xml).element("ItemDef", "OID", "IT.AE.AETERM")
        #expect(item?.translatedText() == "Reported Term")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.rule == "define.text.control-stripped")
        #expect(finding.message.contains("U+0001, U+0000, U+0007"))
        #expect(finding.message.contains("IT.AE.AETERM"))
        let line = try #require(finding.line)
        let lines = xml.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[line - 1].contains("<TranslatedText xml:lang=\"en\">Reported Term</TranslatedText>"))
        // The checks compare the label as written: no mismatch on top of the warning.
        #expect(DefineXML.check(xml, input: input).filter { $0.severity == .error } == [])
        // As a project diagnostic, in define.xml.
        #expect(finding.diagnostic().location == SourceLocation(file: "define.xml", line: line))
    }
}
