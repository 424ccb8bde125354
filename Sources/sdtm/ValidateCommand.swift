import ArgumentParser
import Export
import Foundation
import Pipeline
import SDTMModel
import Standards
import Validation

/// `sdtm validate`: conformance and CT rules over an SDTM package.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an SDTM package (XPT or CSV datasets) against SDTMIG 3.4 conformance and controlled terminology.",
        discussion: """
            Writes validation.json, validation.html and validation.sarif into the package folder (or --out). \
            Exit code 0: no error; 1: errors remain; 2: bad usage, or a dataset file cannot be read.
            """)

    @Argument(help: "The package folder.")
    var package: String

    @Option(help: "Folder for the reports (default: the package folder).")
    var out: String?

    @Option(help: "The study whose definition gives the epochs and terminology (optional).")
    var study: String?

    @Option(help: "Folder holding one folder of mapping files per study.")
    var mappings = "mappings"

    @Option(help: "Folder holding the SDTMIG metadata and the study terminology.")
    var specs = "specs"

    @Option(help: "An NCI EVS SDTM terminology file (default: the study's, else specs/ct's).")
    var ct: String?

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: package, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("error: no package folder at \(package)\n  fix: give the folder that holds dm.csv, ae.csv, ...")
            throw ExitCode(2)
        }
        let job: ValidateJob
        do throws(Diagnostic) {
            job = try makeJob()
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let report = job.run(directory: package)
        let name = URL(fileURLWithPath: package).lastPathComponent
        do throws(ExportError) {
            let outDirectory = out ?? package
            try? FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
            _ = try ValidationReports.write(report, package: name, to: outDirectory)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        print(report.summary())
        if report.findings.contains(where: { $0.rule.hasPrefix("PACKAGE.") && $0.severity == .error }) { throw ExitCode(2) }
        if report.hasErrors { throw ExitCode(1) }
    }

    private func makeJob() throws(Diagnostic) -> ValidateJob {
        if let study {
            let c = try StudyConfiguration.load(study: study, mappingsDirectory: mappings, specsDirectory: specs, terminologyFile: ct)
            return ValidateJob(standard: c.standard, terminology: c.terminology, epochs: c.study.epochs.map(\.name),
                               sponsorExtensions: c.sponsorExtensions)
        }
        let standard = try StandardLoader.load(directory: specs + "/sdtmig-3.4", name: "SDTMIG", version: "3.4")
        let ctFile = ct ?? (try? FileManager.default.contentsOfDirectory(atPath: specs + "/ct"))?
            .filter { $0.hasSuffix(".txt") }.sorted().last.map { specs + "/ct/" + $0 }
        let terminology = try ctFile.map { (path) throws(Diagnostic) in try TerminologyLoader.load(path: path, version: path) }
        return ValidateJob(standard: standard, terminology: terminology, epochs: nil)
    }
}

/// `sdtm check-mappings`: a study's mappings against the specs and the terminology, without data.
struct CheckMappingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-mappings",
        abstract: "Check a study's mapping files against SDTMIG and the terminology (for CI; no data needed).",
        discussion: "Raw column names are checked against the headers in --raw (default: samples/<study> when it exists). "
            + "Writes the same reports as validate into --out when given. Exit code 0: no error; 1: errors; 2: bad usage.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "Folder of raw exports whose headers the mappings' column names are checked against.")
    var raw: String?

    @Option(help: "Folder for validation.json, validation.html and validation.sarif.")
    var out: String?

    @Option(help: "An NCI EVS SDTM terminology file to use instead of the study's own.")
    var ct: String?

    func run() throws {
        // A mapping that does not even parse is what this command exists to catch: exit 1 like other findings.
        let configuration: StudyConfiguration
        do throws(Diagnostic) {
            configuration = try StudyConfiguration.load(
                study: project.study, mappingsDirectory: project.mappings, specsDirectory: project.specs, terminologyFile: ct)
        } catch {
            guard error.rule.hasPrefix("mapping") else {
                printError(error.description)
                throw ExitCode(2)
            }
            // Every mapping file that does not parse, not only the first: one run shows all there is to fix.
            let failures = StudyConfiguration.mappingFailures(
                study: project.study, mappingsDirectory: project.mappings, specsDirectory: project.specs, terminologyFile: ct)
            for failure in failures.flatMap({ $0.isEmpty ? nil : $0 }) ?? [error] { printError(failure.description) }
            throw ExitCode(1)
        }
        if let raw, !FileManager.default.fileExists(atPath: raw) {
            printError("error: the raw data folder \(raw) does not exist\n  fix: pass --raw with the folder of site exports")
            throw ExitCode(2)
        }
        let sample = "samples/" + project.study
        let rawDirectory = raw ?? (FileManager.default.fileExists(atPath: sample) ? sample : nil)
        let report = MappingCheck(configuration: configuration, rawDirectory: rawDirectory).run()
        if let out {
            do throws(ExportError) {
                try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                _ = try ValidationReports.write(report, package: project.study + " mappings", to: out)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
        }
        print(report.summary())
        if report.hasErrors { throw ExitCode(1) }
    }
}
