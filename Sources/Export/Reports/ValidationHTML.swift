import SDTMModel
import Validation

/// `validation.html`: the validation report for people, one self-contained page (inline CSS and
/// script, no fonts, images or requests; its Content-Security-Policy forbids any). It shows the
/// counts, the datasets, every rule of the run and every finding, most severe first. The findings
/// are plain table rows of fixed layout, streamed to the file; a few lines of script filter them by
/// dataset, rule and severity. Without script the filters stay hidden and every row shows.
public enum ValidationHTML {
    public static let fileName = "validation.html"

    /// Writes `validation.html` into `directory`; the written file's records are the findings.
    public static func write(_ report: ValidationReport, package: String, to directory: String) throws(ExportError) -> WrittenFile {
        let sink = try FileSink(path: directory + "/" + fileName)
        let ranked = report.rankedFindings
        let tallies = report.ruleTallies
        try sink.write(head(package: package))
        try sink.write(summary(report, package: package))
        try sink.write(rules(tallies, findings: report.findings))
        try sink.write(findingsStart(ranked, tallies: tallies))
        for finding in ranked {
            try sink.append { out in row(finding, into: &out) }
        }
        try sink.write(findingsEnd())
        let bytes = sink.bytesWritten
        let hash = try sink.close()
        return WrittenFile(file: fileName, records: report.findings.count, bytes: bytes, sha256: hash)
    }

    // MARK: - Escaping

    /// The text with `&`, `<`, `>`, `"` and `'` replaced by character references: safe in element
    /// content and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func escape(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: amp)
            case UInt8(ascii: "<"): out.append(contentsOf: lt)
            case UInt8(ascii: ">"): out.append(contentsOf: gt)
            case UInt8(ascii: "\""): out.append(contentsOf: quot)
            case UInt8(ascii: "'"): out.append(contentsOf: apos)
            default: out.append(byte)
            }
        }
    }

    private static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8), apos = Array("&#39;".utf8)

    // MARK: - Parts

    static func head(package: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
        <title>Validation report: \(escape(package))</title>
        <style>
        body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0 2rem 2rem; color: #1d1d1f; background: #fff; }
        h1 { font-size: 1.5rem; margin: 1.5rem 0 .5rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ddd; padding-bottom: .25rem; }
        table { border-collapse: collapse; }
        th, td { text-align: left; vertical-align: top; padding: .25rem .6rem; border-bottom: 1px solid #eee; }
        th { background: #f5f5f7; position: sticky; top: 0; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; }
        td.v code { word-break: break-all; }
        #rules-table td:first-child code { white-space: nowrap; }
        #findings-table { table-layout: fixed; width: 100%; }
        #findings-table td { overflow-wrap: anywhere; }
        #findings-table th:nth-child(1), #findings-table th:nth-child(2) { width: 6rem; }
        #findings-table th:nth-child(3) { width: 5rem; }
        #findings-table th:nth-child(4) { width: 7rem; }
        #findings-table th:nth-child(5) { width: 14rem; }
        #findings-table th:nth-child(7) { width: 17rem; }
        .counts { display: flex; gap: 1rem; margin: 1rem 0; padding: 0; list-style: none; }
        .counts li { border: 1px solid #ddd; border-radius: 6px; padding: .5rem 1rem; min-width: 6rem; }
        .counts b { display: block; font-size: 1.6rem; }
        .sev { font-weight: 600; text-transform: uppercase; font-size: 12px; }
        .error { color: #b00020; }
        .warning { color: #8a5a00; }
        .notice { color: #005a9c; }
        tr.quiet td { color: #888; }
        #filters { margin: .5rem 0 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
        #filters[hidden] { display: none; }
        #filters label { font-weight: 600; }
        #filters select { margin-left: .25rem; max-width: 28rem; }
        a { color: inherit; }
        </style>
        </head>
        <body>
        <h1>Validation report: \(escape(package))</h1>

        """
    }

    static func summary(_ report: ValidationReport, package: String) -> String {
        var html = "<section id=\"summary\">\n<h2>Summary</h2>\n<ul class=\"counts\">\n"
        for severity in Severity.allCases.reversed() {
            let name = severity.rawValue
            html += "<li class=\"\(name)\"><b>\(report.count(severity))</b>\(name)s</li>\n"
        }
        html += "<li><b>\(report.findings.count)</b>findings</li>\n</ul>\n"

        var perDataset: [String: [Severity: Int]] = [:]
        for finding in report.findings { perDataset[finding.dataset, default: [:]][finding.severity, default: 0] += 1 }
        let names = Set(report.datasets.keys).union(perDataset.keys).sorted()
        html += "<table id=\"datasets\">\n<thead><tr><th>Dataset</th><th class=\"num\">Records</th>"
        html += "<th class=\"num\">Errors</th><th class=\"num\">Warnings</th><th class=\"num\">Notices</th></tr></thead>\n<tbody>\n"
        for name in names {
            let counts = perDataset[name] ?? [:]
            html += "<tr><td>\(escape(name))</td><td class=\"num\">\(report.datasets[name].map(String.init) ?? "")</td>"
            for severity in Severity.allCases.reversed() { html += "<td class=\"num\">\(counts[severity] ?? 0)</td>" }
            html += "</tr>\n"
        }
        if names.isEmpty { html += "<tr><td colspan=\"5\">No datasets.</td></tr>\n" }
        html += "</tbody>\n</table>\n</section>\n"
        return html
    }

    /// The rules of the run, those that fired first. A rule that reported findings at another
    /// severity than its own shows how many at each.
    static func rules(_ tallies: [(rule: RuleDescriptor, count: Int)], findings: [Finding]) -> String {
        var bySeverity: [String: [Severity: Int]] = [:]
        for finding in findings { bySeverity[finding.rule, default: [:]][finding.severity, default: 0] += 1 }
        let ordered = tallies.sorted { x, y in
            if (x.count > 0) != (y.count > 0) { return x.count > 0 }
            if x.rule.severity != y.rule.severity { return x.rule.severity > y.rule.severity }
            if x.count != y.count { return x.count > y.count }
            return x.rule.id < y.rule.id
        }
        let fired = tallies.count(where: { $0.count > 0 })
        var html = "<section id=\"rules\">\n<h2>Rules</h2>\n<p>\(tallies.count) rules checked, \(fired) fired.</p>\n"
        html += "<table id=\"rules-table\">\n<thead><tr><th>Rule</th><th>Severity</th><th>Reference</th><th>Title</th>"
        html += "<th>Explanation</th><th class=\"num\">Findings</th></tr></thead>\n<tbody>\n"
        for (rule, count) in ordered {
            let severity = rule.severity.rawValue
            html += "<tr id=\"rule-\(escape(rule.id))\"\(count == 0 ? " class=\"quiet\"" : "")>"
            html += "<td><code>\(escape(rule.id))</code></td><td class=\"sev \(severity)\">\(severity)</td>"
            html += "<td>\(escape(rule.reference))</td><td>\(escape(rule.title))</td><td>\(escape(rule.explanation))</td>"
            html += "<td class=\"num\">\(count)"
            let counts = bySeverity[rule.id] ?? [:]
            if counts.keys.contains(where: { $0 != rule.severity }) {
                let parts = Severity.allCases.reversed().compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
                html += " <small>(" + parts.joined(separator: ", ") + ")</small>"
            }
            html += "</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</section>\n"
        return html
    }

    /// The heading, the filters (hidden until the script shows them) and the start of the table.
    static func findingsStart(_ findings: [Finding], tallies: [(rule: RuleDescriptor, count: Int)]) -> String {
        var datasets: [String: Int] = [:], severities: [Severity: Int] = [:]
        for finding in findings {
            datasets[finding.dataset, default: 0] += 1
            severities[finding.severity, default: 0] += 1
        }
        var html = "<section id=\"findings\">\n<h2>Findings (\(findings.count))</h2>\n"
        html += "<form id=\"filters\" hidden>\n"
        html += "<label>Dataset<select id=\"f-dataset\"><option value=\"\">all</option>"
        for (name, count) in datasets.sorted(by: { $0.key < $1.key }) {
            html += "<option value=\"\(escape(name))\">\(escape(name)) (\(count))</option>"
        }
        html += "</select></label>\n<label>Rule<select id=\"f-rule\"><option value=\"\">all</option>"
        for (rule, count) in tallies.filter({ $0.count > 0 }).sorted(by: { $0.rule.id < $1.rule.id }) {
            html += "<option value=\"\(escape(rule.id))\">\(escape(rule.id)) (\(count))</option>"
        }
        html += "</select></label>\n<label>Severity<select id=\"f-severity\"><option value=\"\">all</option>"
        for severity in Severity.allCases.reversed() where severities[severity] != nil {
            html += "<option value=\"\(severity.rawValue)\">\(severity.rawValue) (\(severities[severity] ?? 0))</option>"
        }
        html += "</select></label>\n<button type=\"reset\">Show all</button>\n"
        html += "<span><output id=\"shown\">\(findings.count)</output> of \(findings.count) shown</span>\n</form>\n"
        html += "<noscript><p>Filtering needs JavaScript; every finding is listed below.</p></noscript>\n"
        if findings.isEmpty { html += "<p>No findings.</p>\n" }
        html += "<table id=\"findings-table\">\n<thead><tr><th>Severity</th><th>Dataset</th><th class=\"num\">Record</th>"
        html += "<th>Variable</th><th>Value</th><th>Message</th><th>Rule</th></tr></thead>\n<tbody id=\"findings-body\">\n"
        return html
    }

    /// One finding as a table row; its `data-` attributes are what the filters compare.
    static func row(_ finding: Finding, into out: inout [UInt8]) {
        let severity = finding.severity.rawValue
        out.append(contentsOf: "<tr data-d=\"".utf8)
        escape(finding.dataset, into: &out)
        out.append(contentsOf: "\" data-r=\"".utf8)
        escape(finding.rule, into: &out)
        out.append(contentsOf: "\" data-s=\"\(severity)\"><td class=\"sev \(severity)\">\(severity)</td><td>".utf8)
        escape(finding.dataset, into: &out)
        out.append(contentsOf: "</td><td class=\"num\">".utf8)
        if let record = finding.record { out.append(contentsOf: String(record).utf8) }
        out.append(contentsOf: "</td><td>".utf8)
        if let variable = finding.variable { escape(variable, into: &out) }
        out.append(contentsOf: "</td><td class=\"v\">".utf8)
        if let value = finding.value {
            out.append(contentsOf: "<code>".utf8)
            escape(value, into: &out)
            out.append(contentsOf: "</code>".utf8)
        }
        out.append(contentsOf: "</td><td>".utf8)
        escape(finding.message, into: &out)
        out.append(contentsOf: "</td><td><a href=\"#rule-".utf8)
        escape(finding.rule, into: &out)
        out.append(contentsOf: "\"><code>".utf8)
        escape(finding.rule, into: &out)
        out.append(contentsOf: "</code></a></td></tr>\n".utf8)
    }

    /// The end of the table, the filter script and the end of the page.
    static func findingsEnd() -> String {
        """
        </tbody>
        </table>
        </section>
        <script>
        (function () {
          var form = document.getElementById("filters");
          var dataset = document.getElementById("f-dataset"), rule = document.getElementById("f-rule"),
              severity = document.getElementById("f-severity"), shown = document.getElementById("shown");
          var rows = document.getElementById("findings-body").rows;
          function apply() {
            var d = dataset.value, r = rule.value, s = severity.value, n = 0;
            for (var i = 0; i < rows.length; i++) {
              var row = rows[i];
              var match = (!d || row.getAttribute("data-d") === d) && (!r || row.getAttribute("data-r") === r) &&
                          (!s || row.getAttribute("data-s") === s);
              row.hidden = !match;
              if (match) n++;
            }
            shown.textContent = n;
          }
          form.addEventListener("change", apply);
          form.addEventListener("reset", function () { setTimeout(apply, 0); });
          form.addEventListener("submit", function (event) { event.preventDefault(); });
          form.hidden = false;
          apply();
        })();
        </script>
        </body>
        </html>

        """
    }
}
