import Export
import Foundation
import SDTMModel
import Testing

private func variable(_ name: String, _ type: VariableType, _ label: String, order: Int) -> VariableSpec {
    VariableSpec(name: name, label: label, type: type, core: .required, role: "", codelists: [], order: order)
}

/// A DM-like spec: Char and Num variables, one label with a non-ASCII character.
private let dmSpec = DomainSpec(name: "DM", label: "Demographics", class: "Special-Purpose", structure: "", keys: ["USUBJID"], variables: [
    variable("STUDYID", .char, "Study Identifier", order: 1),
    variable("USUBJID", .char, "Unique Subject Identifier", order: 2),
    variable("AGE", .num, "Age", order: 3),
    variable("INVNAM", .char, "Investigator Name (Prüfarzt)", order: 4),
    variable("WEIGHT", .num, "Weight", order: 5),
    variable("RACE", .char, "Race", order: 6),
])

private let dmRows: [[Value]] = [
    [.text("LIGCAD"), .text("LIGCAD-001-0001"), .number(54), .text("Müller, José"), .number(72.5), .text("ASIAN")],
    [.text("LIGCAD"), .text("LIGCAD-001-0002"), .null, .null, .number(-0.125), .text("WHITE")],
    [.text("LIGCAD"), .text("LIGCAD-002-0003"), .number(61), .text("王医生 \"Dr\" Wang"), .null, .null],
    [.text("LIGCAD"), .text("LIGCAD-002-0004"), .number(0.1), .text("O'Brien"), .number(1e-30), .text("BLACK OR AFRICAN AMERICAN")],
]

private let dm = Dataset(spec: dmSpec, records: dmRows.map { Record(values: $0, origin: nil) })

/// Writes `dataset` and returns the file's bytes.
private func xpt(_ dataset: Dataset, label: String = "Demographics") throws -> [UInt8] {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try XPTWriter.write(dataset, columns: ColumnMetadata.of(dataset), label: label, created: "2026-11-01T00:00:00", to: dir.path)
    return try dir.bytes(file.file)
}

/// Where `dm`'s observations start: 8 header records, 6 NAMESTRs (840 bytes, 11 records), the OBS header.
private let observations = 8 * 80 + 11 * 80 + 80

private func readError(_ bytes: [UInt8]) -> XPTError? {
    do throws(XPTError) {
        _ = try XPTReader.read(bytes: bytes, file: "test.xpt")
        return nil
    } catch {
        return error
    }
}

private let sdtmExamples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path + "/shared/reference/dataset-json/examples/sdtm"

@Suite struct XPTReaderTests {
    @Test func roundTripKeepsEveryNameLabelLengthAndValue() throws {
        let file = try XPTReader.read(bytes: try xpt(dm), file: "dm.xpt")
        #expect(file.datasets.count == 1)
        let read = try #require(file.datasets.first)
        #expect(read.name == "DM")
        #expect(read.label == "Demographics")
        let columns = ColumnMetadata.of(dm)
        #expect(read.variables.map(\.name) == columns.map(\.name))
        #expect(read.variables.map(\.label) == columns.map(\.label))
        #expect(read.variables.map(\.type) == columns.map(\.type))
        #expect(read.variables.map(\.length) == columns.map(\.length))
        #expect(read.rows == dmRows)
    }

    @Test func positionsFollowOneAnother() throws {
        let read = try XPTReader.read(bytes: try xpt(dm), file: "dm.xpt").datasets[0]
        var position = 0
        for v in read.variables {
            #expect(v.position == position)
            position += v.length
        }
    }

    @Test func utf8LengthIsCountedInBytes() throws {
        let read = try XPTReader.read(bytes: try xpt(dm), file: "dm.xpt").datasets[0]
        #expect(read.variables[3].length == "王医生 \"Dr\" Wang".utf8.count)
    }

    @Test func manyRowsAcrossRecordBoundariesRoundTrip() throws {
        let rows: [[Value]] = (0..<1000).map { n in
            [.text("LIGCAD"), .text("LIGCAD-\(n)"), n % 7 == 0 ? .null : .number(Double(n) / 3), .null, .number(Double(n)), .text(String(repeating: "x", count: n % 11 + 1))]
        }
        let ds = Dataset(spec: dmSpec, records: rows.map { Record(values: $0, origin: nil) })
        let read = try XPTReader.read(bytes: try xpt(ds), file: "dm.xpt").datasets[0]
        let emitted = ColumnMetadata.of(ds).map(\.index)
        #expect(read.rows == rows.map { row in emitted.map { row[$0] } })
    }

    @Test func emptyDatasetHasNoRows() throws {
        let read = try XPTReader.read(bytes: try xpt(Dataset(spec: dmSpec)), file: "dm.xpt").datasets[0]
        #expect(read.rows.isEmpty)
        #expect(read.variables.count == 6)
    }

    @Test func trailingBlanksOfCharacterValuesAreRemoved() throws {
        let ds = Dataset(spec: dmSpec, records: [Record(values: [.text("A  "), .text("  B"), .null, .text("   "), .null, .null], origin: nil)])
        let row = try XPTReader.read(bytes: try xpt(ds), file: "dm.xpt").datasets[0].rows[0]
        #expect(row[0] == .text("A"))
        #expect(row[1] == .text("  B"))
        #expect(row[3] == .null)
    }

    @Test func specialMissingNumericsReadAsNull() throws {
        var bytes = try xpt(Dataset(spec: dmSpec, records: [Record(values: dmRows[0], origin: nil)]))
        let read = try XPTReader.read(bytes: bytes, file: "dm.xpt").datasets[0]
        let age = observations + read.variables[2].position
        bytes.replaceSubrange(age..<age + 8, with: [0x41, 0, 0, 0, 0, 0, 0, 0])  // .A
        #expect(try XPTReader.read(bytes: bytes, file: "dm.xpt").datasets[0].rows[0][2] == .null)
    }

    @Test func severalMembersAreReadInOrder() throws {
        let ae = DomainSpec(name: "AE", label: "Adverse Events", class: "", structure: "", keys: [],
                            variables: [variable("AETERM", .char, "Reported Term for the Adverse Event", order: 1)])
        let aeRows: [[Value]] = [[.text("HEADACHE")], [.text("RASH")]]
        let second = try xpt(Dataset(spec: ae, records: aeRows.map { Record(values: $0, origin: nil) }), label: "Adverse Events")
        let file = try XPTReader.read(bytes: try xpt(dm) + second[240...], file: "two.xpt")
        #expect(file.datasets.map(\.name) == ["DM", "AE"])
        #expect(file.datasets[0].rows == dmRows)
        #expect(file.datasets[1].label == "Adverse Events")
        #expect(file.datasets[1].rows == aeRows)
    }

    @Test func csvIsNotXPT() {
        let error = readError(Array("STUDYID,USUBJID\nLIGCAD,LIGCAD-001\n".utf8) + [UInt8](repeating: 0x20, count: 300))
        guard case .notXPT("test.xpt")? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(error!.description == "test.xpt: not a SAS transport file (the first record is not the library header)")
    }

    @Test func emptyFileIsNotXPT() {
        guard case .notXPT? = readError([]) else { Issue.record("empty file read"); return }
    }

    @Test func version8TransportIsNamedAsUnsupported() {
        let v8 = Array("HEADER RECORD*******LIBV8 HEADER RECORD!!!!!!!000000000000000000000000000000  ".utf8)
        let error = readError(v8 + [UInt8](repeating: 0x20, count: 160))
        guard case .malformed? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(error!.description.contains("version 8"))
    }

    @Test func fileCutInsideTheHeadersIsTruncated() throws {
        let bytes = try xpt(dm)
        for cut in [1, 40, 79, 80, 239, 240, 300, 400, 641, 1000, 1120] {
            let error = readError(Array(bytes[..<cut]))
            guard case .truncated? = error else { Issue.record("cut at \(cut): \(String(describing: error))"); continue }
        }
    }

    @Test func fileCutAnywhereGivesAnErrorOrFewerRowsNeverACrash() throws {
        let bytes = try xpt(dm)
        let data = observations
        #expect(bytes[(data - 80)..<(data - 80 + 48)].elementsEqual("HEADER RECORD*******OBS     HEADER RECORD!!!!!!!".utf8))
        for cut in 1..<bytes.count {
            let result = Result { () throws(XPTError) in try XPTReader.read(bytes: Array(bytes[..<cut]), file: "cut.xpt") }
            switch result {
            case .success(let file):
                #expect(cut >= data && cut % 80 == 0, "cut at \(cut) read without error")
                #expect(file.datasets[0].rows.count < dmRows.count)
            case .failure(let error):
                guard case .truncated = error else { Issue.record("cut at \(cut): \(error)"); continue }
            }
        }
    }

    @Test func missingFileIsAnError() {
        #expect(throws: XPTError.self) { try XPTReader.read(path: "/nonexistent/dm.xpt") }
    }

    @Test func readsAFileFromDisk() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try XPTWriter.write(dm, columns: ColumnMetadata.of(dm), label: "Demographics", created: "2026-11-01T00:00:00", to: dir.path)
        #expect(try XPTReader.read(path: dir.path + "/" + file.file).datasets[0].rows == dmRows)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sdtmExamples + "/dm.xpt"), "needs ../shared/reference (the standard's data); skipped"))
    func publishedDMExampleAgreesWithItsDatasetJSON() throws {
        let file = try XPTReader.read(path: sdtmExamples + "/dm.xpt")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sdtmExamples + "/dm.json"))) as? [String: Any])
        let columns = try #require(json["columns"] as? [[String: Any]])
        let rows = try #require(json["rows"] as? [[Any]])
        #expect(file.datasets.count == 1)
        let dm = try #require(file.datasets.first)
        #expect(dm.name == "DM")
        #expect(dm.name == json["name"] as? String)
        #expect(dm.label == json["label"] as? String)
        #expect(dm.variables.map(\.name) == columns.map { $0["name"] as? String ?? "" })
        #expect(dm.variables.map(\.label) == columns.map { $0["label"] as? String ?? "" })
        for (variable, column) in zip(dm.variables, columns) {
            if let length = column["length"] as? Int { #expect(variable.length == length, "\(variable.name)") }
            let numeric = ["integer", "float", "double", "decimal"].contains(column["dataType"] as? String ?? "")
            #expect(variable.type == (numeric ? .num : .char), "\(variable.name)")
        }
        #expect(dm.rows.count == json["records"] as? Int)
        #expect(dm.rows.count == rows.count)
        for (r, (read, expected)) in zip(dm.rows, rows).enumerated() {
            for (c, (value, cell)) in zip(read, expected).enumerated() {
                let same: Bool
                switch value {
                case .null: same = cell is NSNull || (cell as? String) == ""
                case .text(let s): same = (cell as? String) == s
                case .number(let d): same = (cell as? NSNumber)?.doubleValue == d
                }
                #expect(same, "row \(r + 1), \(dm.variables[c].name): \(value) vs \(cell)")
            }
        }
    }
}
