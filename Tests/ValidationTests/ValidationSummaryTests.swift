import SDTMModel
import Testing
@testable import Validation

/// A report built by hand: three rules fire (one of each severity), one does not; findings are in
/// the order a validator would make them, not the order the summary shows them.
private let report = ValidationReport(
    rules: [
        RuleDescriptor(id: "SDTM.DTC.ISO8601", severity: .error, reference: "SDTMIG 3.4 §4.4.1",
                       title: "Date/time is not valid ISO 8601", explanation: "Write dates as YYYY-MM-DD."),
        RuleDescriptor(id: "SDTM.CT.EXTENSIBLE", severity: .warning, reference: "SDTMIG 3.4 §4.3",
                       title: "Value outside an extensible codelist", explanation: "Check the sponsor extension."),
        RuleDescriptor(id: "SDTM.VAR.ORDER", severity: .notice, reference: "SDTMIG 3.4 §2.4",
                       title: "Variables not in SDTMIG order", explanation: "Reorder the columns."),
        RuleDescriptor(id: "SDTM.AE.TOXGR-RANGE", severity: .error, reference: "CTCAE v5.0",
                       title: "AETOXGR outside 1-5", explanation: "Correct the grade."),
    ],
    findings: [
        Finding(rule: "SDTM.CT.EXTENSIBLE", severity: .warning, dataset: "AE", record: 2, variable: "AESEV",
                value: "<script>alert(\"x\")</script>", message: "'<script>' & \"friends\" is not in SEV"),
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

private let clean = ValidationReport(rules: report.rules, findings: [], datasets: ["DM": 2])

/// The summary's lines, without the indentation.
private func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingPrefix(while: { $0 == " " }) }.map(String.init)
}

/// The rows of the "Rules that fired" table: id, severity, count, title.
private func firedRules(_ text: String) -> [[String]] {
    let all = lines(text)
    guard let start = all.firstIndex(of: "Rules that fired:") else { return [] }
    return all[(start + 2)...].prefix { !$0.isEmpty }.map { line in
        let words = line.split(separator: " ").map(String.init)
        return Array(words.prefix(3)) + [words.dropFirst(3).joined(separator: " ")]
    }
}

@Suite struct ValidationSummaryTests {
    @Test func lastLineCountsErrorsWarningsAndNotices() {
        let text = report.summary()
        #expect(text.hasSuffix("\n3 errors, 1 warnings, 1 notices\n"))
    }

    @Test func countsBySeverityComeFirstMostSevereFirst() {
        let all = lines(report.summary())
        let counts = all[1...3].map { $0.split(separator: " ").map(String.init) }
        #expect(counts == [["error", "3"], ["warning", "1"], ["notice", "1"]])
    }

    @Test func ruleTableListsEachFiredRuleWithSeverityCountAndTitle() throws {
        let all = lines(report.summary())
        let start = try #require(all.firstIndex(of: "Rules that fired:"))
        #expect(all[start + 1].split(separator: " ") == ["RULE", "SEVERITY", "COUNT", "TITLE"])
        #expect(firedRules(report.summary()) == [
            ["SDTM.DTC.ISO8601", "error", "3", "Date/time is not valid ISO 8601"],
            ["SDTM.CT.EXTENSIBLE", "warning", "1", "Value outside an extensible codelist"],
            ["SDTM.VAR.ORDER", "notice", "1", "Variables not in SDTMIG order"],
        ])
    }

    @Test func ruleReportingBelowItsOwnSeverityGetsARowPerSeverity() {
        var mixed = report
        mixed.findings.append(Finding(rule: "SDTM.DTC.ISO8601", severity: .notice, dataset: "EX", record: 1,
                                      variable: "EXSTDTC", value: "2025", message: "as the guide prescribes"))
        #expect(firedRules(mixed.summary()) == [
            ["SDTM.DTC.ISO8601", "error", "3", "Date/time is not valid ISO 8601"],
            ["SDTM.CT.EXTENSIBLE", "warning", "1", "Value outside an extensible codelist"],
            ["SDTM.DTC.ISO8601", "notice", "1", "Date/time is not valid ISO 8601"],
            ["SDTM.VAR.ORDER", "notice", "1", "Variables not in SDTMIG order"],
        ])
    }

    @Test func ruleTableLeavesOutRulesThatDidNotFire() {
        #expect(!report.summary().contains("SDTM.AE.TOXGR-RANGE"))
    }

    @Test func topFindingsComeMostSevereFirstThenByDatasetAndRecord() throws {
        let all = lines(report.summary())
        let start = try #require(all.firstIndex(of: "Findings, most severe first:"))
        let rows = Array(all[(start + 1)...].prefix { !$0.isEmpty })
        #expect(rows == [
            "error   AE record 1 AEENDTC='UNK': not a date [SDTM.DTC.ISO8601]",
            "error   AE record 3 AESTDTC='2025-13-01': not a date [SDTM.DTC.ISO8601]",
            "error   DM record 1 RFSTDTC='2025-02-30': no such day [SDTM.DTC.ISO8601]",
            "warning AE record 2 AESEV='<script>alert(\"x\")</script>': '<script>' & \"friends\" is not in SEV [SDTM.CT.EXTENSIBLE]",
            "notice  DM: columns are not in SDTMIG order [SDTM.VAR.ORDER]",
        ])
    }

    @Test func topLimitsHowManyFindingsAreListed() throws {
        let all = lines(report.summary(top: 2))
        let start = try #require(all.firstIndex(of: "Top 2 of 5 findings, most severe first:"))
        let rows = Array(all[(start + 1)...].prefix { !$0.isEmpty })
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.hasPrefix("error") })
    }

    @Test func topOfZeroListsNoFindingsButKeepsTheCounts() {
        let text = report.summary(top: 0)
        #expect(!text.contains("[SDTM.DTC.ISO8601]"))
        #expect(text.contains("Rules that fired:"))
        #expect(text.hasSuffix("3 errors, 1 warnings, 1 notices\n"))
    }

    @Test func cleanReportHasNoRuleTableAndZeroCounts() {
        let text = clean.summary()
        #expect(!text.contains("Rules that fired:"))
        #expect(!text.contains("most severe first"))
        #expect(text.hasSuffix("\n0 errors, 0 warnings, 0 notices\n"))
    }

    @Test func findingWithALineBreakStaysOnOneLine() {
        let finding = Finding(rule: "R", severity: .error, dataset: "AE", record: 4, variable: "AETERM",
                              value: "HEAD\nACHE", message: "two\tparts")
        #expect(ValidationReport.line(finding) == "AE record 4 AETERM='HEAD\\nACHE': two\\tparts [R]")
    }

    @Test func rankedFindingsKeepTheValidatorsOrderForTies() {
        let a = Finding(rule: "A", severity: .error, dataset: "AE", record: 5, variable: "AESTDTC", value: nil, message: "a")
        let b = Finding(rule: "B", severity: .error, dataset: "AE", record: 5, variable: "AEENDTC", value: nil, message: "b")
        let level = Finding(rule: "C", severity: .error, dataset: "AE", record: nil, variable: nil, value: nil, message: "c")
        let ranked = ValidationReport(rules: [], findings: [b, a, level], datasets: [:]).rankedFindings
        #expect(ranked == [level, b, a])
    }

    @Test func ruleTalliesCountEveryRuleAndAddRulesTheRunDidNotList() {
        var withStray = report
        withStray.findings.append(Finding(rule: "X.STRAY", severity: .warning, dataset: "EX", record: 1, variable: nil,
                                          value: nil, message: "stray"))
        let tallies = withStray.ruleTallies
        #expect(tallies.map(\.rule.id) == ["SDTM.DTC.ISO8601", "SDTM.CT.EXTENSIBLE", "SDTM.VAR.ORDER", "SDTM.AE.TOXGR-RANGE", "X.STRAY"])
        #expect(tallies.map(\.count) == [3, 1, 1, 0, 1])
        #expect(tallies.last?.rule.severity == .warning)
    }
}
