@testable import Export
import Foundation
import Testing

struct PrettyJSONTests {
    /// A document with every shape the writer makes: nested objects and arrays, empty ones, integers and
    /// strings that need escaping.
    private struct Document: Encodable {
        struct Entry: Encodable {
            var name: String
            var line: Int
        }

        var empty: [String: String] = [:]
        var entries = [Entry(name: "a/b \"q\" \\ \n\t\u{1}é😀", line: -3), Entry(name: "", line: 0)]
        var nothing: [Int] = []
        var nested = [[1, 22], []]
    }

    private func written() -> [UInt8] {
        var json = PrettyJSON()
        json.beginObject()
        json.key("empty")
        json.beginObject()
        json.endObject()
        json.key("entries")
        json.beginArray()
        for entry in Document().entries {
            json.item()
            json.beginObject()
            json.key("line")
            json.integer(entry.line)
            json.key("name")
            json.string(entry.name)
            json.endObject()
        }
        json.endArray()
        json.key("nested")
        json.beginArray()
        for list in Document().nested {
            json.item()
            json.beginArray()
            for n in list {
                json.item()
                json.integer(n)
            }
            json.endArray()
        }
        json.endArray()
        json.key("nothing")
        json.beginArray()
        json.endArray()
        json.endObject()
        return json.bytes
    }

    @Test func writesTheBytesOfFoundationsPrettyPrintedSortedOutput() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(Document())
        #expect(String(decoding: written(), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(written() == Array(expected))
    }
}
