import Derivation
import Foundation
import Ingest
import Mapping
import SDTMModel
import Standards

/// Everything a study's run needs before it reads raw data: study definition, spec, terminology and mappings.
public struct StudyConfiguration: Sendable {
    public var study: StudyDefinition
    public var standard: StandardSpec
    public var terminology: Terminology
    /// The sponsor extensions the study declares (none unless study.yaml names a file).
    public var sponsorExtensions: SponsorExtensions
    /// Problems in the declarations, each with file:line.
    public var sponsorExtensionFindings: [Diagnostic]
    public var mappings: [DomainMapping]
    /// Unit conversions and CTCAE criteria from `specs/lb/`, loaded when the study maps LB.
    public var labStandards: LabStandards?

    /// Loads `mappings/<study>/study.yaml`, every other `*.yaml` there, and the specs they name.
    /// `terminologyFile` overrides the study's own CT file (an NCI EVS release).
    public static func load(
        study key: String, mappingsDirectory: String, specsDirectory: String, terminologyFile: String? = nil
    ) throws(Diagnostic) -> StudyConfiguration {
        let (study, standard, terminology) = try definitions(study: key, mappingsDirectory: mappingsDirectory,
                                                              specsDirectory: specsDirectory, terminologyFile: terminologyFile)
        var mappings: [DomainMapping] = []
        for parsed in parseMappings(folder: mappingsDirectory + "/" + key, standard: standard, terminology: terminology) {
            mappings.append(try parsed.get())
        }
        let order = ["DM", "EX", "AE", "LB", "VS", "TU", "TR", "RS"]
        mappings.sort { (order.firstIndex(of: $0.domain) ?? 99, $0.domain) < (order.firstIndex(of: $1.domain) ?? 99, $1.domain) }
        var extensions = SponsorExtensions.none
        var extensionFindings: [Diagnostic] = []
        if let file = study.sponsorExtensionsFile {
            (extensions, extensionFindings) = try SponsorExtensions.load(path: specsDirectory + "/" + file, file: file,
                                                                         terminology: terminology)
        }
        let labs = mappings.contains { $0.domain == "LB" } ? try LabStandards.load(directory: specsDirectory + "/lb") : nil
        return StudyConfiguration(study: study, standard: standard, terminology: terminology, sponsorExtensions: extensions,
                                  sponsorExtensionFindings: extensionFindings, mappings: mappings, labStandards: labs)
    }

    /// The first problem of each of the study's mapping files that does not parse, in file order, where `load` stops at
    /// the first file's: for `check-mappings`, so that one run shows every file to fix. Nil when the study's
    /// definition, specs or terminology do not load (`load` reports that).
    public static func mappingFailures(
        study key: String, mappingsDirectory: String, specsDirectory: String, terminologyFile: String? = nil
    ) -> [Diagnostic]? {
        guard let (_, standard, terminology) = try? definitions(study: key, mappingsDirectory: mappingsDirectory,
                                                                 specsDirectory: specsDirectory, terminologyFile: terminologyFile)
        else { return nil }
        return parseMappings(folder: mappingsDirectory + "/" + key, standard: standard, terminology: terminology).compactMap {
            if case .failure(let problem) = $0 { problem } else { nil }
        }
    }

    /// The study's definition (`study.yaml`), the SDTMIG version it names and its terminology.
    private static func definitions(
        study key: String, mappingsDirectory: String, specsDirectory: String, terminologyFile: String?
    ) throws(Diagnostic) -> (StudyDefinition, StandardSpec, Terminology) {
        let studyFile = mappingsDirectory + "/" + key + "/study.yaml"
        guard let studyText = try? String(contentsOfFile: studyFile, encoding: .utf8) else {
            throw Diagnostic(.error, "study.missing", at: nil, "no study definition at \(studyFile)",
                             hint: "check --study (the folder name under \(mappingsDirectory)/) and --mappings")
        }
        let study = try StudyDefinitionLoader.parse(text: studyText, file: studyFile)
        let standard = try StandardLoader.load(directory: specsDirectory + "/sdtmig-" + study.standardVersion,
                                               name: "SDTMIG", version: study.standardVersion)
        let ctPath = terminologyFile ?? specsDirectory + "/" + study.terminologyFile
        let terminology = try TerminologyLoader.load(path: ctPath, version: study.terminologyVersion)
        return (study, standard, terminology)
    }

    /// Every `*.yaml` of the folder but `study.yaml`, in name order, each parsed or with the problem that stopped it.
    private static func parseMappings(folder: String, standard: StandardSpec, terminology: Terminology)
        -> [Result<DomainMapping, Diagnostic>]
    {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") && $0 != "study.yaml" }.sorted()
        return names.map { name in
            let path = folder + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                return .failure(Diagnostic(.error, "mapping.unreadable", at: nil, "cannot read \(path) as UTF-8 text"))
            }
            return Result { () throws(Diagnostic) in
                try MappingParser.parse(text: text, file: path, standard: standard, terminology: terminology,
                                        derived: DerivationCatalog.all.map(\.variable))
            }
        }
    }
}
