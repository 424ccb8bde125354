import ArgumentParser
import Pipeline
import SampleStudy
import SDTMModel

/// `sdtm sample`: synthetic raw site exports for a study, at any scale.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate synthetic raw site exports for a study (deterministic for a seed).",
        discussion: "Doses come from the study definition. The committed sample is this command's output with the defaults.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "Enrolled (treated) subjects; screen failures are added on top.")
    var subjects = SampleDesign.defaultEnrolled

    @Option(help: "Random seed.")
    var seed = SampleDesign.defaultSeed

    @Option(help: "Output folder for the raw CSV files.")
    var out: String

    func run() throws {
        let configuration = try project.loadStudy()
        guard subjects > 0 else {
            printError("error: --subjects must be at least 1 (got \(subjects))")
            throw ExitCode(2)
        }
        let design = SampleDesign(study: configuration.study, enrolled: subjects, seed: seed)
        let summary = try SampleGenerator.write(design, to: out)
        print("Wrote \(summary.subjects) subjects to \(out):")
        for (file, rows) in summary.files.sorted(by: { $0.key < $1.key }) { print("  \(file): \(rows) rows") }
    }
}
