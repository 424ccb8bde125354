@testable import Export
import Foundation
import SDTMModel
import Testing
import Validation

private let hostileValue = "<script>alert(\"x\")</script>"
private let hostileMessage = "'<script>' & \"friends\" is not in SEV"

/// A report built by hand: three rules fire (one of each severity), one does not; findings are in
/// the order a validator would make them; a value, a message and an explanation carry markup.
private let report = ValidationReport(
    rules: [
        RuleDescriptor(id: "SDTM.DTC.ISO8601", severity: .error, reference: "SDTMIG 3.4 §4.4.1",
                       title: "Date/time is not valid ISO 8601", explanation: "Write dates as YYYY-MM-DD."),
        RuleDescriptor(id: "SDTM.CT.EXTENSIBLE", severity: .warning, reference: "SDTMIG 3.4 §4.3",
                       title: "Value outside an extensible codelist",
                       explanation: "Check the sponsor's extension & <b>report</b> it."),
        RuleDescriptor(id: "SDTM.VAR.ORDER", severity: .notice, reference: "SDTMIG 3.4 §2.4",
                       title: "Variables not in SDTMIG order", explanation: "Reorder the columns."),
        RuleDescriptor(id: "SDTM.AE.TOXGR-RANGE", severity: .error, reference: "CTCAE v5.0",
                       title: "AETOXGR outside 1-5", explanation: "Correct the grade."),
    ],
    findings: [
        Finding(rule: "SDTM.CT.EXTENSIBLE", severity: .warning, dataset: "AE", record: 2, variable: "AESEV",
                value: hostileValue, message: hostileMessage),
        Finding(rule: "SDTM.DTC.ISO8601", severity: .error, dataset: "AE", record: 3, variable: "AESTDTC",
                value: "2025-13-01", message: "not a date"),
        Finding(rule: "SDTM.VAR.ORDER", severity: .notice, dataset: "DM", record: nil, variable: nil, value: nil,
                message: "columns are not in SDTMIG order"),
        Finding(rule: "SDTM.DTC.ISO8601", severity: .error, dataset: "DM", record: 1, variable: "RFSTDTC",
                value: "2025-02-30", message: "no such day"),
        Finding(rule: "SDTM.DTC.ISO8601", severity: .error, dataset: "AE", record: 1, variable: "AEENDTC",
                value: "UNK", message: "not a date"),
    ],
    datasets: ["DM": 2, "AE": 3, "EX": 0])

/// The three report files, for tests that hold for each.
enum ReportFormat: String, CaseIterable, Sendable {
    case json = "validation.json", html = "validation.html", sarif = "validation.sarif"

    func write(_ report: ValidationReport, to directory: String) throws -> WrittenFile {
        switch self {
        case .json: try ValidationJSON.write(report, package: "TEST-01", to: directory)
        case .html: try ValidationHTML.write(report, package: "TEST-01", to: directory)
        case .sarif: try ValidationSARIF.write(report, package: "TEST-01", to: directory)
        }
    }
}

/// Writes one report into a fresh folder and returns its bytes.
private func written(_ format: ReportFormat, _ report: ValidationReport = report) throws -> (file: WrittenFile, bytes: [UInt8]) {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try format.write(report, to: dir.path)
    return (file, try dir.bytes(format.rawValue))
}

private func text(_ format: ReportFormat) throws -> String {
    String(decoding: try written(format).bytes, as: UTF8.self)
}

private func jsonObject(_ format: ReportFormat) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(try written(format).bytes))
    return try #require(object as? [String: Any])
}

/// The lines of the HTML findings table, one per row.
private func findingRows(_ html: String) -> [String] {
    html.split(separator: "\n").filter { $0.hasPrefix("<tr data-d=") }.map(String.init)
}

@Suite struct ValidationReportTests {
    // MARK: - Every format

    @Test(arguments: ReportFormat.allCases)
    func writtenFileGivesNameFindingCountSizeAndHash(_ format: ReportFormat) throws {
        let (file, bytes) = try written(format)
        #expect(file.file == format.rawValue)
        #expect(file.records == 5)
        #expect(file.bytes == bytes.count)
        #expect(file.sha256 == SHA256.hash(bytes).hex)
    }

    @Test(arguments: ReportFormat.allCases)
    func sameReportGivesSameBytes(_ format: ReportFormat) throws {
        var shuffledDatasets = report
        shuffledDatasets.datasets = [:]
        for (name, count) in report.datasets.sorted(by: { $0.key > $1.key }) { shuffledDatasets.datasets[name] = count }
        #expect(try written(format).bytes == written(format, shuffledDatasets).bytes)
    }

    @Test func writingIntoAMissingFolderThrowsCannotWrite() {
        for format in ReportFormat.allCases {
            #expect(throws: ExportError.self) { try format.write(report, to: "/nonexistent-\(UUID().uuidString)") }
        }
    }

    // MARK: - JSON

    @Test func jsonRoundTripsWithPackageAndCountsBySeverity() throws {
        let json = try jsonObject(.json)
        #expect(json["package"] as? String == "TEST-01")
        let counts = try #require(json["counts"] as? [String: Int])
        #expect(counts == ["error": 3, "warning": 1, "notice": 1, "total": 5])
    }

    @Test func jsonGivesDatasetsWithRecordCounts() throws {
        #expect(try jsonObject(.json)["datasets"] as? [String: Int] == ["DM": 2, "AE": 3, "EX": 0])
    }

    @Test func jsonListsEveryRuleWithDescriptorAndCount() throws {
        let rules = try #require(try jsonObject(.json)["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == report.rules.map(\.id))
        #expect(rules.map { $0["count"] as? Int } == [3, 1, 1, 0])
        #expect(rules[1]["severity"] as? String == "warning")
        #expect(rules[1]["reference"] as? String == "SDTMIG 3.4 §4.3")
        #expect(rules[1]["title"] as? String == "Value outside an extensible codelist")
        #expect(rules[1]["explanation"] as? String == "Check the sponsor's extension & <b>report</b> it.")
    }

    @Test func jsonListsEveryFindingMostSevereFirstWithItsText() throws {
        let findings = try #require(try jsonObject(.json)["findings"] as? [[String: Any]])
        #expect(findings.map { $0["severity"] as? String } == ["error", "error", "error", "warning", "notice"])
        #expect(findings.map { $0["record"] as? Int } == [1, 3, 1, 2, nil])
        let hostile = findings[3]
        #expect(hostile["dataset"] as? String == "AE")
        #expect(hostile["variable"] as? String == "AESEV")
        #expect(hostile["value"] as? String == hostileValue)
        #expect(hostile["message"] as? String == hostileMessage)
        #expect(hostile["rule"] as? String == "SDTM.CT.EXTENSIBLE")
    }

    @Test func jsonIsSortedPrettyPrintedAndEndsWithANewline() throws {
        let json = try text(.json)
        #expect(json.hasPrefix("{\n  \"counts\" : {"))
        #expect(json.hasSuffix("}\n"))
    }

    // MARK: - HTML

    @Test func htmlHasARowForEveryFindingMostSevereFirst() throws {
        let rows = findingRows(try text(.html))
        #expect(rows.count == report.findings.count)
        #expect(rows.map { $0.contains("data-s=\"error\"") } == [true, true, true, false, false])
        #expect(rows[3].contains("data-s=\"warning\""))
        #expect(rows[4].contains("data-s=\"notice\""))
        #expect(rows[0].hasPrefix("<tr data-d=\"AE\" data-r=\"SDTM.DTC.ISO8601\" data-s=\"error\">"))
        #expect(rows[0].contains("<td class=\"num\">1</td><td>AEENDTC</td><td class=\"v\"><code>UNK</code></td><td>not a date</td>"))
    }

    @Test func htmlEscapesEveryTextItShows() throws {
        let html = try text(.html)
        #expect(html.contains("<code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</code>"))
        #expect(html.contains("<td>&#39;&lt;script&gt;&#39; &amp; &quot;friends&quot; is not in SEV</td>"))
        #expect(html.contains("Check the sponsor&#39;s extension &amp; &lt;b&gt;report&lt;/b&gt; it."))
        #expect(html.components(separatedBy: "<script").count - 1 == 1)
        #expect(!html.contains("<b>report"))
        #expect(!html.contains("alert(\"x\")"))
    }

    @Test func escapeReplacesAmpersandAnglesAndBothQuotes() {
        #expect(ValidationHTML.escape("a&b<c>d\"e'f é") == "a&amp;b&lt;c&gt;d&quot;e&#39;f é")
    }

    @Test func htmlRefersToNothingOnTheNetwork() throws {
        let html = try text(.html)
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("//"), "no protocol-relative URL either")
        #expect(!html.contains(" src="))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
    }

    @Test func htmlHasFilterSelectsForDatasetRuleAndSeverity() throws {
        let html = try text(.html)
        #expect(html.contains("<select id=\"f-dataset\"><option value=\"\">all</option><option value=\"AE\">AE (3)</option><option value=\"DM\">DM (2)</option></select>"))
        #expect(html.contains("<select id=\"f-rule\"><option value=\"\">all</option><option value=\"SDTM.CT.EXTENSIBLE\">SDTM.CT.EXTENSIBLE (1)</option>"))
        #expect(html.contains("<select id=\"f-severity\"><option value=\"\">all</option><option value=\"error\">error (3)</option><option value=\"warning\">warning (1)</option><option value=\"notice\">notice (1)</option></select>"))
        #expect(html.contains("form.addEventListener(\"change\", apply);"))
    }

    @Test func htmlShowsEveryRowWithoutScript() throws {
        let html = try text(.html)
        #expect(html.contains("<form id=\"filters\" hidden>"), "the filters appear only when the script runs")
        #expect(findingRows(html).allSatisfy { !$0.contains("hidden") })
    }

    @Test func htmlRuleTableGivesIdSeverityReferenceTitleExplanationAndCount() throws {
        let lines = try text(.html).split(separator: "\n")
        let iso = try #require(lines.first { $0.hasPrefix("<tr id=\"rule-SDTM.DTC.ISO8601\">") })
        #expect(iso.contains("<td><code>SDTM.DTC.ISO8601</code></td><td class=\"sev error\">error</td><td>SDTMIG 3.4 §4.4.1</td>"
                             + "<td>Date/time is not valid ISO 8601</td><td>Write dates as YYYY-MM-DD.</td><td class=\"num\">3</td></tr>"))
        let quiet = try #require(lines.first { $0.hasPrefix("<tr id=\"rule-SDTM.AE.TOXGR-RANGE\"") })
        #expect(quiet.contains("class=\"quiet\""))
        #expect(quiet.hasSuffix("<td class=\"num\">0</td></tr>"))
    }

    @Test func htmlRuleTableSplitsTheCountWhenFindingsHaveAnotherSeverity() throws {
        var mixed = report
        mixed.findings.append(Finding(rule: "SDTM.DTC.ISO8601", severity: .notice, dataset: "EX", record: 1,
                                      variable: "EXSTDTC", value: "2025", message: "as the guide prescribes"))
        let html = String(decoding: try written(.html, mixed).bytes, as: UTF8.self)
        let iso = try #require(html.split(separator: "\n").first { $0.hasPrefix("<tr id=\"rule-SDTM.DTC.ISO8601\">") })
        #expect(iso.hasSuffix("<td class=\"num\">4 <small>(3 error, 1 notice)</small></td></tr>"))
    }

    @Test func htmlSummaryGivesCountsAndDatasetsWithRecords() throws {
        let html = try text(.html)
        #expect(html.contains("<li class=\"error\"><b>3</b>errors</li>"))
        #expect(html.contains("<li class=\"warning\"><b>1</b>warnings</li>"))
        #expect(html.contains("<li class=\"notice\"><b>1</b>notices</li>"))
        #expect(html.contains("<tr><td>AE</td><td class=\"num\">3</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>"))
        #expect(html.contains("<tr><td>EX</td><td class=\"num\">0</td>"))
        #expect(html.contains("<title>Validation report: TEST-01</title>"))
    }

    @Test(.timeLimit(.minutes(1)))
    func htmlWritesTensOfThousandsOfFindingsAsPlainRows() throws {
        var large = report
        large.findings = (1...20_000).map {
            Finding(rule: "SDTM.DTC.ISO8601", severity: $0 % 3 == 0 ? .warning : .error, dataset: $0 % 2 == 0 ? "AE" : "EX",
                    record: $0, variable: "AESTDTC", value: "2025-13-\($0 % 28)", message: "not a date")
        }
        let (file, bytes) = try written(.html, large)
        #expect(file.records == 20_000)
        #expect(findingRows(String(decoding: bytes, as: UTF8.self)).count == 20_000)
    }

    // MARK: - SARIF

    private func run() throws -> [String: Any] {
        let sarif = try jsonObject(.sarif)
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    private func results() throws -> [[String: Any]] {
        try #require(try run()["results"] as? [[String: Any]])
    }

    @Test func sarifIsVersion210WithSchemaAndOneRunOfSdtm() throws {
        let sarif = try jsonObject(.sarif)
        #expect(sarif["version"] as? String == "2.1.0")
        #expect((sarif["$schema"] as? String)?.hasSuffix("sarif-2.1.0.json") == true)
        let tool = try #require(try run()["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "sdtm")
    }

    @Test func sarifDescribesEveryRuleWithLevelAndNoHelpUri() throws {
        let tool = try #require(try run()["tool"] as? [String: Any])
        let rules = try #require((tool["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == report.rules.map(\.id))
        #expect(rules.map { ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String }
                == ["error", "warning", "note", "error"])
        #expect((rules[0]["shortDescription"] as? [String: Any])?["text"] as? String == "Date/time is not valid ISO 8601")
        #expect((rules[0]["fullDescription"] as? [String: Any])?["text"] as? String == "Write dates as YYYY-MM-DD.")
        #expect(try !text(.sarif).contains("helpUri"))
    }

    @Test func sarifHasOneResultPerFindingWithRuleLevelAndMessage() throws {
        let results = try results()
        #expect(results.count == report.findings.count)
        #expect(results.map { $0["level"] as? String } == ["error", "error", "error", "warning", "note"])
        #expect(results.map { $0["ruleId"] as? String }
                == ["SDTM.DTC.ISO8601", "SDTM.DTC.ISO8601", "SDTM.DTC.ISO8601", "SDTM.CT.EXTENSIBLE", "SDTM.VAR.ORDER"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 0, 0, 1, 2])
        #expect((results[3]["message"] as? [String: Any])?["text"] as? String == hostileMessage)
    }

    @Test func sarifLocatesARecordAtItsLineInTheDatasetFile() throws {
        let results = try results()
        let lines = results.map { result -> Int? in
            let location = (result["locations"] as? [[String: Any]])?.first
            let region = (location?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
            return region?["startLine"] as? Int
        }
        #expect(lines == [2, 4, 2, 3, nil])
        let location = try #require((results[1]["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "ae.csv")
        let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
        #expect(logical["fullyQualifiedName"] as? String == "AE[3].AESTDTC")
        #expect(logical["name"] as? String == "AESTDTC")
        #expect(logical["kind"] as? String == "variable")
    }

    @Test func sarifLocatesADatasetLevelFindingAtTheFileWithoutARegion() throws {
        let location = try #require((try results()[4]["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "dm.csv")
        #expect(physical["region"] == nil)
        let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
        #expect(logical["fullyQualifiedName"] as? String == "DM")
        #expect(logical["kind"] as? String == "resource")
    }
}
