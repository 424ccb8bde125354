import ArgumentParser
import Foundation
import Export
import Pipeline
import SDTMModel

/// `sdtm export`: ingest, map, derive and write the package.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Map a study's raw site exports to SDTM datasets.",
        discussion: """
            Writes one file per dataset (dm.csv, ex.csv, ae.csv, lb.csv, ...; .xpt, .json, .ndjson with --format), \
            define.xml, rejects.csv (every raw row not mapped, with the reason), findings.csv, \
            validation.json/.html/.sarif, eligibility.csv (with LB), response-summary.json (with TU/TR/RS; also \
            printed) and manifest.json. --out is replaced atomically when it is a package this tool wrote (or empty); any other \
            existing folder is left untouched. Exit code 0: clean; 1: errors remain (see findings, rejects and \
            validation); 2: the command line or the study's configuration is wrong, or a raw file cannot be read.
            """)

    @OptionGroup var project: ProjectOptions

    /// Console messages shown per rule; the package's logs have them all.
    static let perRule = 10

    @Option(help: "Folder of raw site CSV exports (default: samples/<study>).")
    var raw: String?

    @Option(help: "Output folder (default: out/<STUDYID>). Replaced atomically.")
    var out: String?

    @Option(help: "An NCI EVS SDTM terminology file to use instead of the study's own.")
    var ct: String?

    @Option(help: "Dataset formats, comma-separated: csv, xpt (SAS transport v5), json and ndjson (Dataset-JSON 1.1).")
    var format = "csv"

    @Option(help: "The Define-XML 2.1 schema folder (holding cdisc-define-2.1/define2-1-0.xsd): validate define.xml against it.")
    var defineSchema: String?

    @Option(help: "An XSLT 1.0 stylesheet (CDISC's define2-1.xsl): render define.html and ship the stylesheet in the package.")
    var stylesheet: String?

    func run() throws {
        let configuration = try project.loadStudy(terminologyFile: ct)
        let rawDirectory = raw ?? "samples/" + project.study
        guard FileManager.default.fileExists(atPath: rawDirectory) else {
            printError("error: the raw data folder \(rawDirectory) does not exist\n  fix: pass --raw with the folder of site exports")
            throw ExitCode(2)
        }
        guard let formats = OutputFormat.list(format) else {
            let unknown = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { OutputFormat(rawValue: $0.lowercased()) == nil }
            printError("error: unknown format '\(unknown.joined(separator: "', '"))'\n  fix: use a comma-separated list of csv, xpt, json, ndjson")
            throw ExitCode(2)
        }
        for (option, path) in [("--define-schema", defineSchema), ("--stylesheet", stylesheet)] {
            if let path, !FileManager.default.fileExists(atPath: path) {
                printError("error: \(option) \(path) does not exist\n  fix: give the path of the official Define-XML 2.1 package's file")
                throw ExitCode(2)
            }
        }
        let job = ExportJob(configuration: configuration, rawDirectory: rawDirectory,
                            outputDirectory: out ?? "out/" + configuration.study.studyID, formats: formats,
                            defineSchema: defineSchema, stylesheet: stylesheet)
        let report: ExportReport
        do throws(ExportError) {
            report = try job.run()
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        var shown: [String: Int] = [:]
        for diagnostic in report.diagnostics where diagnostic.severity >= .warning {
            shown[diagnostic.rule, default: 0] += 1
            if shown[diagnostic.rule]! <= Self.perRule { printError(diagnostic.description) }
        }
        for r in report.rejections where r.severity >= .warning {
            shown[r.rule, default: 0] += 1
            if shown[r.rule]! <= Self.perRule {
                printError("\(r.file):\(r.line): \(r.severity.rawValue): row not mapped: \(r.reason) [\(r.rule)]")
            }
        }
        for (rule, count) in shown.sorted(by: { $0.key < $1.key }) where count > Self.perRule {
            printError("... \(count - Self.perRule) more [\(rule)] (all are in findings.csv and rejects.csv)")
        }
        print(summary(report))
        if let responses = report.responses { print(ResponseSummary.table(responses)) }
        if report.validation.findings.contains(where: { $0.severity >= .warning }) {
            printError(report.validation.summary(top: Self.perRule))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    private func summary(_ report: ExportReport) -> String {
        var lines = ["Wrote \(report.outputDirectory)"]
        for d in report.manifest.datasets { lines.append("  \(d.file.padding(12)) \(d.records) records") }
        for f in report.manifest.rawFiles {
            if let reason = f.unreadable {
                lines.append("  \(f.file): NOT READ (\(reason)); its rows are in no dataset")
                continue
            }
            lines.append("  \(f.file): \(f.rowsRead) rows read, \(f.rowsMapped) mapped, \(f.rowsRejected) rejected")
        }
        lines.append("\(report.manifest.errors) errors, \(report.manifest.warnings) warnings"
                     + (report.manifest.errors > 0 ? " (see findings.csv, rejects.csv and validation.html)" : ""))
        return lines.joined(separator: "\n")
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
