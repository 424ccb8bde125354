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

/// The validation report in its forms (JSON, HTML, SARIF), written into a folder, each on a core of its own.
public enum ValidationReports {
    public static func write(_ report: ValidationReport, package: String, to directory: String) throws(ExportError) -> [WrittenFile] {
        let written = concurrentMap([0, 1, 2]) { form in
            Result { () throws(ExportError) -> WrittenFile in
                switch form {
                case 0: try ValidationJSON.write(report, package: package, to: directory)
                case 1: try ValidationHTML.write(report, package: package, to: directory)
                default: try ValidationSARIF.write(report, package: package, to: directory)
                }
            }
        }
        return try written.map { (result) throws(ExportError) in try result.get() }
    }
}
