import ArgumentParser
import Foundation
import Pipeline
import SDTMModel

/// `sdtm`: raw site exports to a CDISC SDTM submission package.
@main
struct SDTMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdtm",
        abstract: "Turn a clinical trial's raw site exports into a CDISC SDTM submission package.",
        discussion: "Exit codes: 0 clean, 1 errors remain in the data, 2 bad usage or unreadable input.",
        subcommands: [ExportCommand.self, ValidateCommand.self, CheckMappingsCommand.self, CTCommand.self, SampleCommand.self])

    /// Runs the command; usage errors exit 2 (argument-parser's own code is 64).
    static func main() {
        ProcessMemory.restartWithHugePages()
        ProcessMemory.returnLargeBlocksWhenFreed()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Where the study's mapping files and the standard's specs live.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The study: its folder name under the mappings folder.")
    var study: String

    @Option(help: "Folder holding one folder of mapping files per study.")
    var mappings = "mappings"

    @Option(help: "Folder holding the SDTMIG metadata and the study terminology.")
    var specs = "specs"

    /// The study's definition, specs, terminology and mappings; a problem is printed and exits 2.
    func loadStudy(terminologyFile: String? = nil) throws -> StudyConfiguration {
        do throws(Diagnostic) {
            return try StudyConfiguration.load(study: study, mappingsDirectory: mappings, specsDirectory: specs,
                                               terminologyFile: terminologyFile)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}
