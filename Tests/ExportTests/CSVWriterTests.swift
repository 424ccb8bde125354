import Export
import Testing

@Suite struct CSVWriterTests {
    @Test func plainFieldIsNotQuoted() {
        #expect(CSVWriter.field("HEADACHE") == "HEADACHE")
        #expect(CSVWriter.field("2025-01-20T09:30") == "2025-01-20T09:30")
        #expect(CSVWriter.field("it's; fine") == "it's; fine")
    }

    @Test func emptyFieldIsEmpty() {
        #expect(CSVWriter.field("") == "")
    }

    @Test func fieldWithCommaIsQuoted() {
        #expect(CSVWriter.field("ASSIGNED, NOT TREATED") == "\"ASSIGNED, NOT TREATED\"")
    }

    @Test func quoteIsDoubledInsideQuotes() {
        #expect(CSVWriter.field("1\" tall") == "\"1\"\" tall\"")
        #expect(CSVWriter.field("\"") == "\"\"\"\"")
    }

    @Test func fieldWithNewlineIsQuoted() {
        #expect(CSVWriter.field("line 1\nline 2") == "\"line 1\nline 2\"")
    }

    @Test func fieldWithCarriageReturnIsQuoted() {
        #expect(CSVWriter.field("line 1\r\nline 2") == "\"line 1\r\nline 2\"")
    }

    @Test func nonASCIITextIsKeptAsIs() {
        #expect(CSVWriter.field("Müller, José") == "\"Müller, José\"")
        #expect(CSVWriter.field("naïve") == "naïve")
    }

    /// A combining mark after a quote makes one Swift Character of both; the quote must still be doubled.
    @Test func quoteFollowedByACombiningMarkIsStillDoubled() {
        #expect(CSVWriter.field("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
    }

    @Test func lineJoinsFieldsWithCommasAndEndsWithLF() {
        #expect(CSVWriter.line(["S1", "RASH, MILD", "", "3"]) == "S1,\"RASH, MILD\",,3\n")
    }

    @Test func emptyLineIsJustLF() {
        #expect(CSVWriter.line([]) == "\n")
    }

    @Test(arguments: ["HEADACHE", "", "ASSIGNED, NOT TREATED", "1\" tall", "line 1\nline 2", "line 1\r\nline 2", "Müller, José"])
    func appendWritesTheSameBytesAsField(text: String) {
        var out: [UInt8] = Array("x,".utf8)
        CSVWriter.append(text, to: &out)
        #expect(out == Array(("x," + CSVWriter.field(text)).utf8))
    }

    @Test func appendDoublesAQuoteFollowedByACombiningMark() {
        var out: [UInt8] = []
        CSVWriter.append("a\"\u{301}b", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"a\"\"\u{301}b\"")
    }
}
