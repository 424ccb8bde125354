import Export
import Foundation
import SDTMModel
import Testing

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// SDTM_PYTHON, else the package's `.venv`, else `python3` on PATH, as an executable and its leading arguments.
private let python: (executable: String, arguments: [String]) = {
    if let path = ProcessInfo.processInfo.environment["SDTM_PYTHON"], !path.isEmpty { return (path, []) }
    let venv = packageRoot + "/.venv/bin/python"
    if FileManager.default.isExecutableFile(atPath: venv) { return (venv, []) }
    return ("/usr/bin/env", ["python3"])
}()

/// Runs Python with `arguments`; its exit status and standard output.
private func runPython(_ arguments: [String]) throws -> (status: Int32, output: Data) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pyreadstat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let stdout = dir.appendingPathComponent("stdout"), stderr = dir.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python.executable)
    process.arguments = python.arguments + arguments
    process.standardOutput = try FileHandle(forWritingTo: stdout)
    process.standardError = try FileHandle(forWritingTo: stderr)
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try Data(contentsOf: stdout))
}

private let pyreadstatInstalled: Bool = (try? runPython(["-c", "import pyreadstat"]).status == 0) ?? false

/// Prints, for each .xpt file named on the command line, what pyreadstat reads: names, labels, storage widths,
/// types and every cell: numbers as Python's shortest round-trip text (Foundation's JSON numbers may lose the last
/// bit), NaN as null.
private let script = """
    import json, math, sys, pyreadstat
    out = []
    for path in sys.argv[1:]:
        data, meta = pyreadstat.read_xport(path, output_format="dict", encoding="utf-8")
        names = meta.column_names
        count = len(data[names[0]]) if names else 0
        cell = lambda v: (None if math.isnan(v) else repr(v)) if isinstance(v, float) else v
        out.append({
            "name": meta.table_name, "label": meta.file_label, "names": names, "labels": meta.column_labels,
            "widths": [meta.variable_storage_width[n] for n in names],
            "types": [meta.readstat_variable_types[n] for n in names],
            "rows": [[cell(data[n][i]) for n in names] for i in range(count)],
        })
    print(json.dumps(out))
    """

private func variable(_ name: String, _ type: VariableType, _ label: String, order: Int) -> VariableSpec {
    VariableSpec(name: name, label: label, type: type, core: .required, role: "", codelists: [], order: order)
}

private func dataset(_ name: String, _ variables: [VariableSpec], _ rows: [[Value]]) -> Dataset {
    Dataset(spec: DomainSpec(name: name, label: name, class: "", structure: "", keys: [], variables: variables),
            records: rows.map { Record(values: $0, origin: nil) })
}

private let dmRows: [[Value]] = [
    [.text("LIGCAD"), .text("LIGCAD-001-0001"), .number(54), .text("Müller, José"), .number(72.5)],
    [.text("LIGCAD"), .text("LIGCAD-001-0002"), .null, .text("\"Dr\" O'Brien, \"Jo\""), .number(-0.1)],
    [.text("LIGCAD"), .text("LIGCAD-002-0003"), .number(61), .text("王医生; 李医生"), .null],
    [.text("LIGCAD"), .text("LIGCAD-002-0004"), .number(1e-30), .null, .number(1e70)],
]

private func aeRow(_ n: Int) -> [Value] {
    let term = n % 5 == 0 ? "RASH, \"MILD\" – día \(n)" : "HEADACHE"
    let day: Value = n % 3 == 0 ? .null : .number(Double(n) / 7)
    return [.text("LIGCAD-\(n % 97)"), .number(Double(n)), .text(term), day]
}

private let coRows: [[Value]] = [
    [.text(String(repeating: "é", count: 100)), .text("2025-03")],
    [.text("a,b"), .null],
    [.null, .text("2025-03-28")],
]

/// Datasets that exercise what a reader can get wrong: UTF-8, delimiters and quotes, missing values, many
/// observation records, a character-only dataset whose padding could be read as observations, no rows.
private let datasets: [(dataset: Dataset, label: String)] = [
    (dataset("DM", [
        variable("STUDYID", .char, "Study Identifier", order: 1),
        variable("USUBJID", .char, "Unique Subject Identifier", order: 2),
        variable("AGE", .num, "Age", order: 3),
        variable("INVNAM", .char, "Investigator Name", order: 4),
        variable("WEIGHT", .num, "Weight (kg)", order: 5),
    ], dmRows), "Demographics"),
    (dataset("AE", [
        variable("USUBJID", .char, "Unique Subject Identifier", order: 1),
        variable("AESEQ", .num, "Sequence Number", order: 2),
        variable("AETERM", .char, "Reported Term for the Adverse Event", order: 3),
        variable("AESTDY", .num, "Study Day of Start of Adverse Event", order: 4),
    ], (1...5000).map(aeRow)), "Adverse Events"),
    (dataset("CO", [
        variable("COVAL", .char, "Comment", order: 1),
        variable("CODTC", .char, "Date/Time of Comment", order: 2),
    ], coRows), "Comments"),
    (dataset("SUPPDM", [
        variable("QNAM", .char, "Qualifier Variable Name", order: 1),
        variable("QVAL", .char, "Data Value", order: 2),
    ], []), "Supplemental Qualifiers for DM"),
]

@Suite struct PyreadstatInteropTests {
    @Test(.enabled(if: pyreadstatInstalled, "pyreadstat is not installed (.ci/run installs it into .venv); skipped"))
    func pyreadstatReadsWhatWeWrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var paths: [String] = []
        var columns: [[ColumnMetadata]] = []
        for (dataset, label) in datasets {
            let metadata = ColumnMetadata.of(dataset)
            let file = try XPTWriter.write(dataset, columns: metadata, label: label, created: "2026-11-01T00:00:00", to: dir.path)
            paths.append(dir.path + "/" + file.file)
            columns.append(metadata)
        }
        let (status, output) = try runPython(["-c", script] + paths)
        try #require(status == 0, "the pyreadstat script failed")
        let read = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: Any]])
        try #require(read.count == datasets.count)

        for ((dataset, label), (metadata, result)) in zip(datasets, zip(columns, read)) {
            let name = dataset.name
            #expect(result["name"] as? String == name)
            #expect(result["label"] as? String == label, "\(name)")
            #expect(result["names"] as? [String] == metadata.map(\.name), "\(name)")
            #expect(result["labels"] as? [String] == metadata.map(\.label), "\(name)")
            #expect(result["widths"] as? [Int] == metadata.map(\.length), "\(name)")
            #expect(result["types"] as? [String] == metadata.map { $0.type == .num ? "double" : "string" }, "\(name)")
            let rows = try #require(result["rows"] as? [[Any]], "\(name)")
            #expect(rows.count == dataset.records.count, "\(name)")
            var differing: [String] = []
            for (r, (record, row)) in zip(dataset.records, rows).enumerated() {
                for (column, cell) in zip(metadata, row) {
                    let value = record.values[column.index]
                    let same: Bool = switch value {
                    case .null: cell is NSNull || (cell as? String) == ""
                    case .text(let s): (cell as? String) == s
                    case .number(let d): (cell as? String).flatMap(Double.init) == d
                    }
                    if !same { differing.append("\(name) record \(r + 1) \(column.name): wrote \(value), pyreadstat read \(cell)") }
                }
            }
            #expect(differing.isEmpty, "\(differing.prefix(10))")
        }
    }
}
