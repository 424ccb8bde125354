import Export
import SDTMModel
import Standards
import Validation

/// `sdtm validate`: the conformance rules over a package on disk, made by this tool or another.
public struct ValidateJob {
    public var standard: StandardSpec
    public var terminology: Terminology?
    /// The study's epochs, when the package's study is known.
    public var epochs: [String]?
    public var sponsorExtensions: SponsorExtensions

    public init(standard: StandardSpec, terminology: Terminology?, epochs: [String]?, sponsorExtensions: SponsorExtensions = .none) {
        self.standard = standard
        self.terminology = terminology
        self.epochs = epochs
        self.sponsorExtensions = sponsorExtensions
    }

    public func run(directory: String) -> ValidationReport {
        // One dataset file in memory at a time: memory is bounded by the largest dataset.
        let reader = PackageReader(standard: standard)
        var readFindings: [Finding] = []
        let files = reader.datasetFiles(in: directory, findings: &readFindings)
        var report = Validator().validate(names: Array(files.keys), load: { name in
            reader.load(files[name]!, in: directory, findings: &readFindings)
        }, context: ValidationContext(
            epochs: epochs, terminology: terminology, terminologyExceptions: standard.terminologyExceptions,
            sponsorExtensions: sponsorExtensions))
        report.findings = readFindings + report.findings
        report.rules = PackageReader.rules + report.rules
        return report
    }
}
