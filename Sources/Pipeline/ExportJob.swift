import Derivation
import Export
import Foundation
import Ingest
import Mapping
import SDTMModel
import Validation

/// What an export run produced and found.
public struct ExportReport: Sendable {
    public var outputDirectory: String
    public var manifest: Manifest
    /// The datasets as written, with each record's raw origin.
    public var datasets: [Dataset]
    public var diagnostics: [Diagnostic]
    public var rejections: [Rejection]
    /// The conformance rules run over the datasets as written.
    public var validation: ValidationReport
    /// Seconds spent in each stage, for the benchmark.
    public var timings: [(stage: String, seconds: Double)]

    public var errorCount: Int { manifest.errors }
    /// 0 when no error remains, 1 otherwise.
    public var exitCode: Int32 { errorCount > 0 ? 1 : 0 }
}

/// ingest → map → derive → emit for one study.
public struct ExportJob: Sendable {
    public var configuration: StudyConfiguration
    public var rawDirectory: String
    public var outputDirectory: String
    public var formats: [OutputFormat]

    public init(configuration: StudyConfiguration, rawDirectory: String, outputDirectory: String, formats: [OutputFormat] = [.csv]) {
        self.configuration = configuration
        self.rawDirectory = rawDirectory
        self.outputDirectory = outputDirectory
        self.formats = formats
    }

    public func run() throws(ExportError) -> ExportReport {
        var clock = StageClock()
        let study = configuration.study
        var diagnostics: [Diagnostic] = []
        var rejections: [Rejection] = []

        // Ingest: each raw file once.
        var tables: [String: RawTable] = [:]
        var rawOrder: [String] = []
        for file in configuration.mappings.flatMap(\.rawFiles) where !rawOrder.contains(file) {
            rawOrder.append(file)
            do throws(Diagnostic) {
                let table = try RawTable(path: rawDirectory + "/" + file, file: file)
                tables[file] = table
                rejections += table.rejections
                diagnostics += table.warnings
            } catch {
                diagnostics.append(Diagnostic(error.severity, error.rule, at: error.location,
                                              "\(file) cannot be read: \(error.message)",
                                              hint: error.hint ?? "check that \(file) is in \(rawDirectory)"))
            }
        }
        var dictionary = DataDictionary()
        if let name = study.dataDictionary {
            do throws(Diagnostic) {
                dictionary = try DataDictionary(table: RawTable(path: rawDirectory + "/" + name, file: name))
            } catch {
                diagnostics.append(error)
            }
        }
        clock.lap("ingest")

        // Map.
        var mapped: [MappedDomain] = []
        do throws(Diagnostic) {
            let mapper = try DomainMapper(study: study, dictionary: dictionary)
            for mapping in configuration.mappings where tables[mapping.source] != nil {
                let domain = mapper.map(mapping, tables: tables)
                rejections += domain.rejections
                diagnostics += domain.diagnostics
                mapped.append(domain)
            }
        } catch {
            diagnostics.append(error)
        }
        let rawFiles = rawOrder.compactMap { tables[$0] }.map { (file: $0.file, read: $0.recordsRead, bytes: $0.bytes) }
        tables.removeAll()
        clock.lap("map")

        // Derive.
        let derived = Derivations.run(consume mapped, study: study, standard: configuration.standard)
        rejections += derived.rejections
        diagnostics += derived.diagnostics
        clock.lap("derive")

        // Validate.
        let views = derived.datasets.map { DatasetView(written: $0, standard: configuration.standard.domain($0.name)) }
        let validation = Validator().validate(views, context: ValidationContext(
            epochs: study.epochs.map(\.name), terminology: configuration.terminology,
            terminologyExceptions: configuration.standard.terminologyExceptions))
        clock.lap("validate")

        // Emit.
        let package = try PackageDirectory(destination: outputDirectory)
        do {
            var written: [WrittenFile] = []
            for dataset in derived.datasets {
                for format in formats {
                    do throws(XPTError) {
                        written += try DatasetWriters.write([dataset], format: format, study: study, to: package.staging)
                    } catch {
                        diagnostics.append(Diagnostic(.error, "emit.xpt", at: nil, "\(dataset.name).xpt not written: \(error)",
                                                      hint: "fix the value at its source; XPT v5 limits are not truncated silently"))
                    }
                }
            }
            let reports = [try RejectLog.write(rejections, to: package.staging),
                           try FindingsLog.write(diagnostics, to: package.staging)]
                + (try ValidationReports.write(validation, package: study.studyID, to: package.staging))
            let errors = diagnostics.filter { $0.severity == .error }.count + rejections.filter { $0.severity == .error }.count
                + validation.count(.error)
            let warnings = diagnostics.filter { $0.severity == .warning }.count
                + rejections.filter { $0.severity == .warning }.count + validation.count(.warning)
            let manifest = Manifest(
                study: study.studyID, created: study.creationDateTime, standard: "SDTMIG \(study.standardVersion)",
                terminology: "SDTM CT \(configuration.terminology.version)",
                rawFiles: account(rawFiles, rejections: rejections),
                datasets: written, reports: reports, errors: errors, warnings: warnings)
            try manifest.write(to: package.staging)
            try package.commit()
            clock.lap("emit")
            return ExportReport(outputDirectory: package.destination, manifest: manifest, datasets: derived.datasets,
                                diagnostics: diagnostics,
                                rejections: rejections, validation: validation, timings: clock.laps)
        } catch {
            package.discard()
            throw error
        }
    }

    /// The version stamped into Dataset-JSON's sourceSystem and define.xml.
    public static let toolVersion = "0.1.0"

    /// Rows read = rows mapped + rows rejected; a row rejected for several reasons counts once.
    private func account(_ files: [(file: String, read: Int, bytes: Int)], rejections: [Rejection]) -> [Manifest.RawFile] {
        var rejected: [String: Set<Int>] = [:]
        for r in rejections { rejected[r.file, default: []].insert(r.line) }
        return files.map { f in
            let n = rejected[f.file]?.count ?? 0
            return Manifest.RawFile(file: f.file, rowsRead: f.read, rowsMapped: f.read - n, rowsRejected: n, bytes: f.bytes)
        }
    }
}

/// Wall-clock time per stage.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(stage: String, seconds: Double)] = []

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((stage, Double(now - last) / 1e9))
        last = now
    }
}
