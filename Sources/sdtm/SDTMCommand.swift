import ArgumentParser

/// `sdtm`: raw site exports to a CDISC SDTM submission package.
@main
struct SDTMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdtm",
        abstract: "Turn a clinical trial's raw site exports into a CDISC SDTM submission package.",
        subcommands: [ExportCommand.self, ValidateCommand.self, CheckMappingsCommand.self, CTCommand.self, SampleCommand.self])
}

/// Where the study's mapping files and the standard's specs live.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The study: its folder name under the mappings folder.")
    var study: String

    @Option(help: "Folder holding one folder of mapping files per study.")
    var mappings = "mappings"

    @Option(help: "Folder holding the SDTMIG metadata and the study terminology.")
    var specs = "specs"
}
