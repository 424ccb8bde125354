import Export
import Foundation
import SDTMModel
import Testing

// MARK: - Fixture

private func variable(_ name: String, _ type: VariableType, _ core: Core = .required, order: Int) -> VariableSpec {
    VariableSpec(name: name, label: "Label of \(name)", type: type, core: core, role: "", codelists: [], order: order)
}

/// A DM-like spec with every kind of column: Char, Num (integer and decimal), date, datetime and partial date.
private let spec = DomainSpec(
    name: "DM", label: "Demographics", class: "Special-Purpose", structure: "One record per subject",
    keys: ["STUDYID", "USUBJID"],
    variables: [
        variable("STUDYID", .char, order: 1),
        variable("DOMAIN", .char, order: 2),
        variable("USUBJID", .char, order: 3),
        variable("RFSTDTC", .char, .expected, order: 4),
        variable("RFXSTDTC", .char, .expected, order: 5),
        variable("BRTHDTC", .char, .permissible, order: 6),
        variable("AGE", .num, .expected, order: 7),
        variable("WEIGHT", .num, .permissible, order: 8),
        variable("INVNAM", .char, .permissible, order: 9),
    ])

/// One record, values in spec order.
private func row(_ subject: String, age: Value = .number(61), weight: Value = .number(72.5),
                 invnam: Value = .text("Dr Müller")) -> [Value] {
    [.text("LIGCAD-HBC-01"), .text("DM"), .text("LIGCAD-HBC-01-\(subject)"), .text("2025-03-04"),
     .text("2025-03-04T09:30"), .text(subject == "101-002" ? "1960" : "1971-05"), age, weight, invnam]
}

private func dm(_ rows: [[Value]]) -> Dataset {
    Dataset(spec: spec, records: rows.map { Record(values: $0, origin: nil) })
}

private let sample = dm([
    row("101-001"),
    row("101-002", age: .number(-3), weight: .number(80)),
    row("101-003", age: .null, weight: .null, invnam: .null),
])

private let context = DatasetJSONContext(
    studyOID: "STUDY.LIGCAD-HBC-01", metaDataVersionOID: "MDV.1", metaDataRef: "define.xml",
    creationDateTime: "2025-12-01T09:00:00", dbLastModifiedDateTime: "2025-11-30T18:00:00",
    originator: "Akeso Biopharma", sourceSystemName: "sdtm", sourceSystemVersion: "0.1.0")

private struct Output {
    var file: WrittenFile
    var bytes: [UInt8]
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
}

private func written(_ dataset: Dataset = sample, _ format: DatasetJSONFormat = .json,
                     context: DatasetJSONContext = context) throws -> Output {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try DatasetJSONWriter.write(dataset, columns: ColumnMetadata.of(dataset), label: dataset.spec.label,
                                           context: context, format: format, to: dir.path)
    return Output(file: file, bytes: try dir.bytes(file.file))
}

// MARK: - A JSON reader that keeps member order and number text (JSONSerialization keeps neither)

private indirect enum JSON: Equatable {
    case object([Member])
    case array([JSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    struct Member: Equatable {
        var key: String
        var value: JSON
    }

    var keys: [String] {
        if case .object(let members) = self { return members.map(\.key) }
        return []
    }

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    var elements: [JSON] {
        if case .array(let items) = self { return items }
        return []
    }

    static func parse(_ text: some StringProtocol) throws -> JSON {
        var reader = Reader(bytes: Array(text.utf8))
        let value = try reader.value()
        reader.skipSpace()
        guard reader.at == reader.bytes.count else { throw reader.failure("trailing text") }
        return value
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        func failure(_ what: String) -> ParseError { ParseError(description: "\(what) at byte \(at)") }

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard at < bytes.count, bytes[at] == byte else { throw failure("expected \(UnicodeScalar(byte))") }
            at += 1
        }

        mutating func literal(_ word: String) throws {
            for b in word.utf8 { guard at < bytes.count, bytes[at] == b else { throw failure("bad literal") }; at += 1 }
        }

        mutating func value() throws -> JSON {
            skipSpace()
            guard at < bytes.count else { throw failure("unexpected end") }
            switch bytes[at] {
            case 0x7B:
                at += 1
                var members: [Member] = []
                skipSpace()
                if bytes[at] == 0x7D { at += 1; return .object(members) }
                repeat {
                    skipSpace()
                    let key = try string()
                    try expect(0x3A)
                    members.append(Member(key: key, value: try value()))
                    skipSpace()
                    at += 1
                } while bytes[at - 1] == 0x2C
                guard bytes[at - 1] == 0x7D else { throw failure("expected }") }
                return .object(members)
            case 0x5B:
                at += 1
                var items: [JSON] = []
                skipSpace()
                if bytes[at] == 0x5D { at += 1; return .array(items) }
                repeat {
                    items.append(try value())
                    skipSpace()
                    at += 1
                } while bytes[at - 1] == 0x2C
                guard bytes[at - 1] == 0x5D else { throw failure("expected ]") }
                return .array(items)
            case 0x22: return .string(try string())
            case 0x74: try literal("true"); return .bool(true)
            case 0x66: try literal("false"); return .bool(false)
            case 0x6E: try literal("null"); return .null
            default:
                let start = at
                while at < bytes.count, "-+.eE0123456789".utf8.contains(bytes[at]) { at += 1 }
                guard at > start else { throw failure("unexpected byte") }
                return .number(String(decoding: bytes[start..<at], as: UTF8.self))
            }
        }

        mutating func string() throws -> String {
            guard bytes[at] == 0x22 else { throw failure("expected string") }
            at += 1
            var out: [UInt8] = []
            while bytes[at] != 0x22 {
                guard bytes[at] >= 0x20 else { throw failure("raw control character") }
                if bytes[at] == 0x5C {
                    at += 1
                    switch bytes[at] {
                    case 0x6E: out.append(0x0A)
                    case 0x74: out.append(0x09)
                    case 0x72: out.append(0x0D)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x75:
                        let hex = String(decoding: bytes[at + 1...at + 4], as: UTF8.self)
                        guard let code = UInt32(hex, radix: 16), let scalar = UnicodeScalar(code) else {
                            throw failure("bad \\u escape")
                        }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                        at += 4
                    default: out.append(bytes[at])
                    }
                } else {
                    out.append(bytes[at])
                }
                at += 1
            }
            at += 1
            return String(decoding: out, as: UTF8.self)
        }
    }
}

private func foundationJSON(_ text: some StringProtocol) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

// MARK: - The published standard beside the repository (../shared/reference/dataset-json)

private enum Reference {
    /// `<package root>/../shared/reference/dataset-json`; the package root is two folders above this file's.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference/dataset-json").path
    static let schema = folder + "/schema/dataset.schema.json"
    static let example = folder + "/examples/sdtm/dm.json"

    static let present = FileManager.default.fileExists(atPath: schema)
        && FileManager.default.fileExists(atPath: example)

    /// Whether `python3` runs and can import `jsonschema`.
    static let jsonschema = present && (try? python(["-c", "import jsonschema"]).status) == 0

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Validates a .json file, or the first line of an .ndjson file, against the Dataset-JSON 1.1 schema
    /// (JSON Schema draft 2019-09); returns the errors, one a line.
    static func validate(_ path: String, firstLineOnly: Bool) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys
            from jsonschema import Draft201909Validator
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            with open(sys.argv[2], encoding="utf-8") as f:
                doc = json.loads(f.readline()) if sys.argv[3] == "first-line" else json.load(f)
            errors = ["/".join(map(str, e.absolute_path)) + ": " + e.message
                      for e in Draft201909Validator(schema).iter_errors(doc)]
            print("\\n".join(errors))
            sys.exit(1 if errors else 0)
            """
        return try python(["-c", script, schema, path, firstLineOnly ? "first-line" : "whole"])
    }
}

// MARK: - Tests

@Suite struct DatasetJSONTests {
    @Test func topLevelAttributesFollowTheSpecOrderWithRowsLast() throws {
        let json = try JSON.parse(try written().text)
        #expect(json.keys == [
            "datasetJSONCreationDateTime", "datasetJSONVersion", "fileOID", "dbLastModifiedDateTime", "originator",
            "sourceSystem", "studyOID", "metaDataVersionOID", "metaDataRef", "itemGroupOID", "records", "name",
            "label", "columns", "rows",
        ])
        #expect(json["sourceSystem"]?.keys == ["name", "version"])
    }

    @Test func optionalAttributesWithoutAValueAreLeftOut() throws {
        var bare = context
        bare.metaDataRef = nil
        bare.dbLastModifiedDateTime = nil
        let json = try JSON.parse(try written(context: bare).text)
        #expect(json["metaDataRef"] == nil)
        #expect(json["dbLastModifiedDateTime"] == nil)
        #expect(json.keys.last == "rows")
    }

    @Test func topLevelAttributesCarryTheContextAndDataset() throws {
        let json = try JSON.parse(try written().text)
        #expect(json["datasetJSONCreationDateTime"] == .string("2025-12-01T09:00:00"))
        #expect(json["datasetJSONVersion"] == .string("1.1.0"))
        #expect(json["fileOID"] == .string("STUDY.LIGCAD-HBC-01/MDV.1/2025-12-01T09:00:00/DM"))
        #expect(json["dbLastModifiedDateTime"] == .string("2025-11-30T18:00:00"))
        #expect(json["originator"] == .string("Akeso Biopharma"))
        #expect(json["sourceSystem"] == .object([.init(key: "name", value: .string("sdtm")),
                                                 .init(key: "version", value: .string("0.1.0"))]))
        #expect(json["studyOID"] == .string("STUDY.LIGCAD-HBC-01"))
        #expect(json["metaDataVersionOID"] == .string("MDV.1"))
        #expect(json["metaDataRef"] == .string("define.xml"))
        #expect(json["itemGroupOID"] == .string("IG.DM"))
        #expect(json["name"] == .string("DM"))
        #expect(json["label"] == .string("Demographics"))
    }

    @Test func charColumnsAreStringsWithLengthAndKeySequence() throws {
        let columns = try JSON.parse(try written().text)["columns"]?.elements ?? []
        #expect(columns[0] == .object([
            .init(key: "itemOID", value: .string("IT.DM.STUDYID")), .init(key: "name", value: .string("STUDYID")),
            .init(key: "label", value: .string("Label of STUDYID")), .init(key: "dataType", value: .string("string")),
            .init(key: "length", value: .number("13")), .init(key: "keySequence", value: .number("1")),
        ]))
        #expect(columns[1].keys == ["itemOID", "name", "label", "dataType", "length"])
        #expect(columns[2]["keySequence"] == .number("2"))
        // "Dr Müller" is 10 bytes of UTF-8.
        #expect(columns[8]["length"] == .number("10"))
    }

    @Test func integerNumColumnIsIntegerWithoutLength() throws {
        let columns = try JSON.parse(try written().text)["columns"]?.elements ?? []
        #expect(columns[6] == .object([
            .init(key: "itemOID", value: .string("IT.DM.AGE")), .init(key: "name", value: .string("AGE")),
            .init(key: "label", value: .string("Label of AGE")), .init(key: "dataType", value: .string("integer")),
        ]))
    }

    @Test func fractionalNumColumnIsDecimalWithDecimalTarget() throws {
        let columns = try JSON.parse(try written().text)["columns"]?.elements ?? []
        #expect(columns[7] == .object([
            .init(key: "itemOID", value: .string("IT.DM.WEIGHT")), .init(key: "name", value: .string("WEIGHT")),
            .init(key: "label", value: .string("Label of WEIGHT")), .init(key: "dataType", value: .string("decimal")),
            .init(key: "targetDataType", value: .string("decimal")),
        ]))
    }

    @Test func dateColumnsAreISO8601TypesWithoutTargetOrLength() throws {
        let columns = try JSON.parse(try written().text)["columns"]?.elements ?? []
        let dates = columns[3...5].map { [$0["name"], $0["dataType"]] }
        #expect(dates == [[.string("RFSTDTC"), .string("date")], [.string("RFXSTDTC"), .string("datetime")],
                          [.string("BRTHDTC"), .string("date")]])
        for column in columns[3...5] {
            #expect(column.keys == ["itemOID", "name", "label", "dataType"])
        }
    }

    @Test func columnsAreTheEmittedVariablesInSpecOrder() throws {
        // INVNAM and WEIGHT are permissible and empty here: not written, as in CSV.
        let empty = dm([row("101-001", weight: .null, invnam: .null)])
        let columns = try JSON.parse(try written(empty).text)["columns"]?.elements ?? []
        #expect(columns.map { $0["name"] ?? .null } == ["STUDYID", "DOMAIN", "USUBJID", "RFSTDTC", "RFXSTDTC", "BRTHDTC", "AGE"]
            .map { JSON.string($0) })
        #expect(try JSON.parse(try written(empty).text)["rows"]?.elements.first?.elements.count == 7)
    }

    @Test func missingValuesAreNull() throws {
        let rows = try JSON.parse(try written().text)["rows"]?.elements ?? []
        #expect(Array(rows[2].elements[6...8]) == [.null, .null, .null])
        #expect(try written(sample, .ndjson).lines.last
            == #"["LIGCAD-HBC-01","DM","LIGCAD-HBC-01-101-003","2025-03-04","2025-03-04T09:30","1971-05",null,null,null]"#)
    }

    @Test func quoteBackslashAndControlCharactersAreEscaped() throws {
        let tricky = "say \"hi\" \\ back\nnew\ttab\u{01}one\r\u{1F}"
        let output = try written(dm([row("101-001", invnam: .text(tricky))]))
        #expect(output.text.contains(#""say \"hi\" \\ back\nnew\ttab\u0001one\r\u001f""#))
        let rows = try #require(try foundationJSON(output.text) as? [String: Any])["rows"] as? [[Any]]
        #expect(rows?.first?[8] as? String == tricky)
    }

    @Test func nonASCIIIsWrittenAsUTF8() throws {
        let name = "Dr Müller 张伟 🧪"
        let output = try written(dm([row("101-001", invnam: .text(name))]))
        #expect(output.text.contains("\"\(name)\""))
        #expect(!output.text.contains("\\u"))
        #expect(try JSON.parse(output.text)["rows"]?.elements.first?.elements[8] == .string(name))
    }

    @Test func integersAreWrittenWithoutDecimalPoint() throws {
        let rows = try JSON.parse(try written().text)["rows"]?.elements ?? []
        #expect(rows.map { $0.elements[6] } == [.number("61"), .number("-3"), .null])
    }

    @Test func decimalsAreStringsInPlainShortestDecimalNotation() throws {
        let weights: [Double] = [72.5, 80, 0.1, 0.00001, -1.25, 1e16, 123456.789]
        let output = try written(dm(weights.map { row("101-001", weight: .number($0)) }))
        let rows = try JSON.parse(output.text)["rows"]?.elements ?? []
        #expect(rows.map { $0.elements[7] } == ["72.5", "80", "0.1", "0.00001", "-1.25", "10000000000000000", "123456.789"]
            .map { JSON.string($0) })
    }

    @Test func recordsEqualsTheNumberOfRows() throws {
        for count in [0, 1, 3, 250] {
            let output = try written(dm((0..<count).map { row(String(format: "101-%03d", $0)) }))
            let json = try JSON.parse(output.text)
            #expect(json["records"] == .number(String(count)))
            #expect(json["rows"]?.elements.count == count)
            #expect(output.file.records == count)
        }
    }

    @Test func ndjsonIsMetadataLineThenOneArrayPerRecord() throws {
        let output = try written(sample, .ndjson)
        #expect(output.file.file == "dm.ndjson")
        #expect(output.text.last == "\n")
        #expect(output.lines.count == 1 + sample.records.count)
        let metadata = try #require(try foundationJSON(output.lines[0]) as? [String: Any])
        #expect(metadata["rows"] == nil)
        #expect(metadata["records"] as? Int == 3)
        let width = (metadata["columns"] as? [Any])?.count
        #expect(width == 9)
        for line in output.lines.dropFirst() {
            let row = try foundationJSON(line) as? [Any]
            #expect(row?.count == width)
        }
    }

    @Test func ndjsonHoldsTheSameContentAsJSON() throws {
        let json = try JSON.parse(try written(sample, .json).text)
        let lines = try written(sample, .ndjson).lines
        guard case .object(let members) = json else { Issue.record("not an object"); return }
        #expect(try JSON.parse(lines[0]) == .object(members.filter { $0.key != "rows" }))
        #expect(try lines.dropFirst().map { try JSON.parse($0) } == json["rows"]?.elements)
    }

    @Test func emptyDatasetHasEmptyRowsOrOnlyTheMetadataLine() throws {
        let json = try JSON.parse(try written(dm([])).text)
        #expect(json["records"] == .number("0"))
        #expect(json["rows"] == .array([]))
        let ndjson = try written(dm([]), .ndjson)
        #expect(ndjson.lines.count == 1)
        #expect(ndjson.file.records == 0)
    }

    @Test func twoWritesAreByteIdentical() throws {
        for format in [DatasetJSONFormat.json, .ndjson] {
            let first = try written(sample, format)
            let second = try written(sample, format)
            #expect(first.bytes == second.bytes)
            #expect(first.file == second.file)
        }
    }

    @Test func writtenFileNamesTheFileAndReportsItsBytesAndHash() throws {
        let output = try written()
        #expect(output.file.file == "dm.json")
        #expect(output.file.records == 3)
        #expect(output.file.bytes == output.bytes.count)
        #expect(output.file.sha256 == SHA256.hash(output.bytes).hex)
    }

    @Test func rowsHaveTheColumnsWidthAndTheJSONTypeOfEachDataType() throws {
        // The schema does not check rows: the spec's "Supported Column Data Type Combinations" is checked here.
        let weights: [Value] = [.number(72.5), .number(80), .null, .number(0.001)]
        let dataset = dm(weights.enumerated().map { row("101-00\($0.offset)", weight: $0.element) })
        let json = try JSON.parse(try written(dataset).text)
        let types = (json["columns"]?.elements ?? []).map { $0["dataType"] }
        let rows = json["rows"]?.elements ?? []
        #expect(json["records"] == .number(String(rows.count)))
        for row in rows {
            #expect(row.elements.count == types.count)
            for (value, type) in zip(row.elements, types) where value != .null {
                switch (type, value) {
                case (.string("string"), .string): break
                case (.string("integer"), .number(let text)):
                    #expect(text.wholeMatch(of: /-?(0|[1-9][0-9]*)/) != nil, "integer \(text)")
                case (.string("decimal"), .string(let text)):
                    #expect(text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil, "decimal \(text)")
                case (.string("date"), .string(let text)):
                    #expect(text.wholeMatch(of: /[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?/) != nil, "date \(text)")
                case (.string("datetime"), .string(let text)):
                    #expect(text.wholeMatch(of: /[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}(:[0-9]{2}(:[0-9]{2})?)?)?)?)?/) != nil,
                            "datetime \(text)")
                default:
                    Issue.record("\(value) in a \(String(describing: type)) column")
                }
            }
        }
    }

    @Test func unwritableFolderIsReportedAsCannotWrite() {
        let error = #expect(throws: ExportError.self) {
            try DatasetJSONWriter.write(sample, columns: ColumnMetadata.of(sample), label: "Demographics",
                                        context: context, format: .json, to: "/nonexistent-folder")
        }
        guard case .cannotWrite(let path, _) = error else {
            Issue.record("expected cannotWrite, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent-folder/dm.json")
    }

    @Test(.enabled(if: Reference.present, "comparison with the published dm.json skipped: ../shared/reference/dataset-json is absent"))
    func topLevelAndColumnKeysMatchThePublishedExample() throws {
        let example = try JSON.parse(try String(contentsOfFile: Reference.example, encoding: .utf8))
        let ours = try JSON.parse(try written().text)
        #expect(ours.keys == example.keys)
        #expect(ours["sourceSystem"]?.keys == example["sourceSystem"]?.keys)
        // Column keys per kind of column: key and non-key strings, dates, integers.
        func keys(_ json: JSON, _ dataType: String, key: Bool) -> [String]? {
            json["columns"]?.elements.first { $0["dataType"] == .string(dataType) && ($0["keySequence"] != nil) == key }?.keys
        }
        for (dataType, key) in [("string", true), ("string", false), ("date", false), ("integer", false)] {
            #expect(keys(ours, dataType, key: key) != nil)
            #expect(keys(ours, dataType, key: key) == keys(example, dataType, key: key), "\(dataType) key: \(key)")
        }
        // The example has no decimal column: ours adds only targetDataType, in its specified place.
        #expect(keys(ours, "decimal", key: false) == ["itemOID", "name", "label", "dataType", "targetDataType"])
    }

    @Test(.enabled(if: Reference.jsonschema,
                   "schema check skipped: needs ../shared/reference/dataset-json and python3 with jsonschema"))
    func jsonValidatesAgainstTheDatasetJSONSchema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try DatasetJSONWriter.write(sample, columns: ColumnMetadata.of(sample), label: "Demographics",
                                               context: context, format: .json, to: dir.path)
        let result = try Reference.validate(dir.path + "/" + file.file, firstLineOnly: false)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: Reference.jsonschema,
                   "schema check skipped: needs ../shared/reference/dataset-json and python3 with jsonschema"))
    func ndjsonMetadataLineValidatesAgainstTheDatasetJSONSchema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try DatasetJSONWriter.write(sample, columns: ColumnMetadata.of(sample), label: "Demographics",
                                               context: context, format: .ndjson, to: dir.path)
        let result = try Reference.validate(dir.path + "/" + file.file, firstLineOnly: true)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: Reference.jsonschema,
                   "schema check skipped: needs ../shared/reference/dataset-json and python3 with jsonschema"))
    func schemaCheckRejectsABrokenFile() throws {
        // Guards the check above against passing vacuously: a file without "label" must fail.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let broken = try written().text.replacingOccurrences(of: #","label":"Demographics""#, with: "")
        try write(broken, to: dir.path + "/broken.json")
        let result = try Reference.validate(dir.path + "/broken.json", firstLineOnly: false)
        #expect(result.status == 1)
        #expect(result.output.contains("'label' is a required property"))
    }
}
