import SDTMModel

extension ValidationReport {
    /// The findings most severe first, then by dataset and record (dataset-level findings before the
    /// dataset's records); findings that tie keep the order in which the validator made them.
    public var rankedFindings: [Finding] {
        findings.indices.sorted { a, b in
            let x = findings[a], y = findings[b]
            if x.severity != y.severity { return x.severity > y.severity }
            if x.dataset != y.dataset { return x.dataset < y.dataset }
            if x.record != y.record { return (x.record ?? 0) < (y.record ?? 0) }
            return a < b
        }.map { findings[$0] }
    }

    /// Every rule of the run, in the run's order, each with how many findings it made; a rule that a
    /// finding names but the run does not list comes last, described by its id and its findings'
    /// highest severity.
    public var ruleTallies: [(rule: RuleDescriptor, count: Int)] {
        var counts: [String: Int] = [:]
        var unlisted: [String: Severity] = [:]
        let listed = Set(rules.map(\.id))
        for finding in findings {
            counts[finding.rule, default: 0] += 1
            if !listed.contains(finding.rule) { unlisted[finding.rule] = max(unlisted[finding.rule] ?? .notice, finding.severity) }
        }
        var seen: Set<String> = []
        var tallies: [(rule: RuleDescriptor, count: Int)] = []
        for rule in rules where seen.insert(rule.id).inserted {
            tallies.append((rule, counts[rule.id] ?? 0))
        }
        for id in unlisted.keys.sorted() {
            let rule = RuleDescriptor(id: id, severity: unlisted[id] ?? .error, reference: "", title: id, explanation: "")
            tallies.append((rule, counts[id] ?? 0))
        }
        return tallies
    }

    /// A summary for the console: counts by severity, the rules that fired, the `top` most severe
    /// findings, and a last line `N errors, N warnings, N notices`.
    public func summary(top: Int = 10) -> String {
        let errors = count(.error), warnings = count(.warning), notices = count(.notice)
        var lines: [String] = []
        lines.append("Validation: \(findings.count) \(findings.count == 1 ? "finding" : "findings") in \(datasets.count) \(datasets.count == 1 ? "dataset" : "datasets")")
        for severity in Severity.allCases.reversed() {
            lines.append("  " + pad(severity.rawValue, 8) + pad(String(count(severity)), 8, right: true))
        }

        // One row per rule and severity: a rule may report some findings below its default severity.
        var titles: [String: String] = [:]
        for rule in rules where titles[rule.id] == nil { titles[rule.id] = rule.title }
        var counts: [RuleAndSeverity: Int] = [:]
        for finding in findings { counts[RuleAndSeverity(rule: finding.rule, severity: finding.severity), default: 0] += 1 }
        let fired = counts.sorted { x, y in
            if x.key.severity != y.key.severity { return x.key.severity > y.key.severity }
            if x.value != y.value { return x.value > y.value }
            return x.key.rule < y.key.rule
        }
        if !fired.isEmpty {
            let idWidth = max(4, fired.map { $0.key.rule.count }.max() ?? 0)
            let countWidth = max(5, fired.map { String($0.value).count }.max() ?? 0)
            lines.append("")
            lines.append("Rules that fired:")
            lines.append("  " + pad("RULE", idWidth) + "  " + pad("SEVERITY", 8) + "  " + pad("COUNT", countWidth, right: true) + "  TITLE")
            for (key, count) in fired {
                lines.append("  " + pad(key.rule, idWidth) + "  " + pad(key.severity.rawValue, 8) + "  "
                             + pad(String(count), countWidth, right: true) + "  " + Self.oneLine(titles[key.rule] ?? key.rule))
            }
        }

        let shown = max(0, min(top, findings.count))
        if shown > 0 {
            lines.append("")
            lines.append(shown == findings.count ? "Findings, most severe first:" : "Top \(shown) of \(findings.count) findings, most severe first:")
            for finding in rankedFindings.prefix(shown) {
                lines.append("  " + pad(finding.severity.rawValue, 8) + Self.line(finding))
            }
        }

        lines.append("")
        lines.append("\(errors) errors, \(warnings) warnings, \(notices) notices")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `DATASET record N VARIABLE='value': message [RULE]`, leaving out what the finding does not know.
    static func line(_ finding: Finding) -> String {
        var text = finding.dataset
        if let record = finding.record { text += " record \(record)" }
        if let variable = finding.variable {
            text += " " + variable
            if let value = finding.value { text += "='" + oneLine(value) + "'" }
        } else if let value = finding.value {
            text += " '" + oneLine(value) + "'"
        }
        return text + ": " + oneLine(finding.message) + " [" + finding.rule + "]"
    }

    /// The text with line breaks and tabs made visible, so that one finding stays on one line.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" }) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "\n": result += "\\n"
            case "\r\n": result += "\\r\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result
    }
}

private struct RuleAndSeverity: Hashable {
    var rule: String
    var severity: Severity
}

private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}
