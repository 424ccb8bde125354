import Foundation
@testable import SampleStudy

/// The two study drugs with illustrative doses (the synopsis gives none).
func studyDesign(enrolled: Int = 64, seed: UInt64 = 20_250_218) -> SampleDesign {
    SampleDesign(enrolled: enrolled, seed: seed, treatments: [
        .init(name: "Ligufalimab (AK117)", code: "1", dose: 30, unit: "mg/kg"),
        .init(name: "Cadonilimab (AK104)", code: "2", dose: 6, unit: "mg/kg"),
    ])
}

/// A fresh, empty folder under the system's temporary directory.
func temporaryFolder(_ label: String = #function) -> String {
    let name = "sample-study-\(label.filter(\.isLetter))-\(UUID().uuidString)"
    return FileManager.default.temporaryDirectory.appendingPathComponent(name).path
}

func removeFolder(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// A CSV file as written: the header and every line's fields, addressable by 1-based line number.
struct CSVTable {
    let header: [String]
    /// Index 0 is line 2 (the first line after the header).
    let lines: [[String]]
    let rawLines: [String]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        precondition(text.hasSuffix("\n"))
        let raw = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        header = CSVTable.fields(raw[0])
        rawLines = Array(raw.dropFirst())
        lines = rawLines.map(CSVTable.fields)
    }

    func column(_ name: String) -> Int {
        guard let i = header.firstIndex(of: name) else { preconditionFailure("no column \(name)") }
        return i
    }

    /// Fields of 1-based file line `line`.
    func line(_ line: Int) -> [String] { lines[line - 2] }

    func value(_ line: Int, _ name: String) -> String { self.line(line)[column(name)] }

    /// Rows that are neither blank nor deliberately spoiled at the given lines.
    func rows(excluding lineNumbers: Set<Int> = []) -> [[String]] {
        lines.enumerated().filter { !lineNumbers.contains($0.offset + 2) && !$0.element.allSatisfy(\.isEmpty) }.map(\.element)
    }

    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var quoted = false
        var afterQuote = false
        for byte in line.utf8 {
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    quoted = false
                    afterQuote = true
                } else {
                    current.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                afterQuote = false
            } else if byte == UInt8(ascii: "\"") {
                if afterQuote { current.append(byte) }
                quoted = true
                afterQuote = false
            } else {
                current.append(byte)
                afterQuote = false
            }
        }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}

/// A generated study read back: the summary and every file.
struct GeneratedStudy {
    let directory: String
    let summary: SampleSummary
    let enrollment: CSVTable
    let drugs: CSVTable
    let events: CSVTable
    let ends: CSVTable
    let dictionary: CSVTable
    let tumorLesions: CSVTable
    let tumorMeasurements: CSVTable
    let tumorResponses: CSVTable
    let labs: CSVTable
    let vitals: CSVTable

    init(_ design: SampleDesign, label: String = #function) throws {
        let directory = temporaryFolder(label)
        self.directory = directory
        defer { removeFolder(directory) }
        summary = try SampleGenerator.write(design, to: directory)
        enrollment = try CSVTable(path: directory + "/enrollment.csv")
        drugs = try CSVTable(path: directory + "/drug_administration.csv")
        events = try CSVTable(path: directory + "/adverse_events.csv")
        ends = try CSVTable(path: directory + "/end_of_study.csv")
        dictionary = try CSVTable(path: directory + "/data_dictionary.csv")
        tumorLesions = try CSVTable(path: directory + "/tumor_lesions.csv")
        tumorMeasurements = try CSVTable(path: directory + "/tumor_measurements.csv")
        tumorResponses = try CSVTable(path: directory + "/tumor_response.csv")
        labs = try CSVTable(path: directory + "/local_labs.csv")
        vitals = try CSVTable(path: directory + "/vital_signs.csv")
    }

    func table(_ file: String) -> CSVTable {
        switch file {
        case "enrollment.csv": enrollment
        case "drug_administration.csv": drugs
        case "adverse_events.csv": events
        case "end_of_study.csv": ends
        case "tumor_lesions.csv": tumorLesions
        case "tumor_measurements.csv": tumorMeasurements
        case "tumor_response.csv": tumorResponses
        case "local_labs.csv": labs
        case "vital_signs.csv": vitals
        default: dictionary
        }
    }

    /// Lines of `file` that hold a deliberate defect.
    func issueLines(_ file: String) -> Set<Int> {
        Set(summary.deliberateIssues.filter { $0.file == file }.map(\.line))
    }

    /// Line numbers of `file` (2...) that are neither blank nor deliberately spoiled.
    func cleanLines(_ file: String) -> [Int] {
        let t = table(file), spoiled = issueLines(file)
        return (2..<(t.lines.count + 2)).filter { !spoiled.contains($0) }
    }

    /// Enrolment rows by subject id.
    var subjects: [String: [String]] {
        Dictionary(enrollment.rows().map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
    }
}

/// A site date as `yyyymmdd`, from `DD-MMM-YYYY`, `MM/DD/YYYY` or `YYYY-MM-DD`; nil when partial or impossible.
func siteDay(_ text: String) -> Int? {
    let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    let p = text.split(separator: text.contains("/") ? "/" : "-").map(String.init)
    guard p.count == 3 else { return nil }
    var y = 0, m = 0, d = 0
    if text.contains("/") {
        guard let mm = Int(p[0]), let dd = Int(p[1]), let yy = Int(p[2]) else { return nil }
        (y, m, d) = (yy, mm, dd)
    } else if p[0].count == 4 {
        guard let yy = Int(p[0]), let mm = Int(p[1]), let dd = Int(p[2]) else { return nil }
        (y, m, d) = (yy, mm, dd)
    } else {
        guard let dd = Int(p[0]), let mi = months.firstIndex(of: p[1]), let yy = Int(p[2]) else { return nil }
        (y, m, d) = (yy, mi + 1, dd)
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...12).contains(m), (1...lengths[m - 1]).contains(d) else { return nil }
    return y * 10_000 + m * 100 + d
}

/// The `DD-MMM-YYYY` family the site uses by default: complete, or with `UN` day, or `UN-UNK` day and month.
func isSiteDateText(_ text: String) -> Bool {
    let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    let p = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard p.count == 3, p[2].count == 4, Int(p[2]) != nil else { return false }
    if p[0] == "UN" { return p[1] == "UNK" || months.contains(p[1]) }
    return p[0].count == 2 && months.contains(p[1]) && siteDay(text) != nil
}
