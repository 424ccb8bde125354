import DefineXML
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
    /// The RECIST readout per cohort, when the study has tumour data.
    public var responses: ResponseReadout?
    /// Seconds spent in each stage, for the benchmark.
    public var timings: [(stage: String, seconds: Double)]
    /// Processor seconds each stage used on all cores together (its work, whatever the cores), for the benchmark.
    public var processorTimings: [(stage: String, seconds: Double)] = []
    /// Seconds the validation, the writing of the dataset files (its two tasks together) and define.xml took in the
    /// stage that validates while it writes (they share the cores).
    public var validateSeconds: Double = 0
    public var writeSeconds: Double = 0
    public var defineSeconds: Double = 0

    public var errorCount: Int { manifest.errors }
    /// 2 when a raw file could not be read (its rows are unaccounted for), 1 when other errors remain, else 0.
    public var exitCode: Int32 {
        manifest.rawFiles.contains { $0.unreadable != nil } ? 2 : errorCount > 0 ? 1 : 0
    }
}

/// ingest → map → derive → emit for one study.
public struct ExportJob: Sendable {
    public var configuration: StudyConfiguration
    public var rawDirectory: String
    public var outputDirectory: String
    public var formats: [OutputFormat]
    /// The Define-XML 2.1 schema folder (the official package's `schema/`): define.xml is validated against it.
    public var defineSchema: String?
    /// An XSLT 1.0 stylesheet (CDISC's define2-1.xsl): copied into the package and used to render define.html.
    public var stylesheet: String?

    public init(configuration: StudyConfiguration, rawDirectory: String, outputDirectory: String, formats: [OutputFormat] = [.csv],
                defineSchema: String? = nil, stylesheet: String? = nil) {
        self.configuration = configuration
        self.rawDirectory = rawDirectory
        self.outputDirectory = outputDirectory
        self.formats = formats
        self.defineSchema = defineSchema
        self.stylesheet = stylesheet
    }

    public func run() throws(ExportError) -> ExportReport {
        var clock = StageClock()
        let study = configuration.study
        var diagnostics: [Diagnostic] = configuration.sponsorExtensionFindings
        var rejections: [Rejection] = []

        // Ingest: each raw file once.
        var ingested = ingest()
        rejections += ingested.rejections
        diagnostics += ingested.diagnostics
        clock.lap("ingest")

        // Map.
        let (mapped, mapFailure) = map(ingested)
        for domain in mapped {
            rejections += domain.rejections
            diagnostics += domain.diagnostics
        }
        diagnostics += mapFailure.map { [$0] } ?? []
        let rawFiles = ingested.order.map { file in
            (file: file, read: ingested.tables[file]?.recordsRead ?? 0, bytes: ingested.tables[file]?.bytes ?? 0,
             unreadable: ingested.unreadable[file])
        }
        ingested.tables.removeAll()
        clock.lap("map")

        // Derive.
        let mappedExtensions = mapped.reduce(into: [String: Set<String>]()) { all, domain in
            all.merge(domain.extensions) { $0.union($1) }
        }
        let derived = Derivations.run(consume mapped, study: study, standard: configuration.standard,
                                      labs: configuration.labStandards)
        rejections += derived.rejections
        diagnostics += derived.diagnostics
        clock.lap("derive")

        // How many records use each value of each column: counted once, for the columns' metadata and define.xml.
        let uses = Trace.span("column uses") { derived.datasets.map(\.columnUses) }
        let columns = zip(derived.datasets, uses).map { ColumnMetadata.of($0, uses: $1) }
        // Validate, and write the dataset files and define.xml meanwhile: all three only read the datasets.
        let context = ValidationContext(
            epochs: study.epochs.map(\.name), terminology: configuration.terminology,
            terminologyExceptions: configuration.standard.terminologyExceptions, sponsorExtensions: configuration.sponsorExtensions)
        let package = try PackageDirectory(destination: outputDirectory)
        let withColumns = Array(zip(derived.datasets, columns))
        // The largest dataset's files are written by one task and the others' by another, so that the writing, the
        // validation and define.xml share the cores evenly.
        let largest = withColumns.indices.max { withColumns[$0].0.count < withColumns[$1].0.count }
        let rest = withColumns.indices.filter { $0 != largest }
        let (heavyWrite, validated, defined, lightWrite) = concurrently(
            { [formats, staging = package.staging] in
                StageClock.timed {
                    Trace.span("write the largest dataset") {
                        Self.writeDatasets(largest.map { [withColumns[$0]] } ?? [], formats: formats, study: study, to: staging)
                    }
                }
            },
            { [standard = configuration.standard] in
                StageClock.timed {
                    Trace.span("validate") {
                        // The views (each --DTC column's dates parsed once) are built here, beside the writing.
                        let views = withColumns.map { dataset, columns in
                            DatasetView(written: dataset, columns: columns.map(\.index), standard: standard.domain(dataset.name))
                        }
                        return Validator().validate(views, context: context)
                    }
                }
            },
            { [self, staging = package.staging] in
                StageClock.timed {
                    Trace.span("define") {
                        Result { () throws(ExportError) in
                            try writeDefine(withColumns, uses: uses, extensions: mappedExtensions, into: staging)
                        }
                    }
                }
            },
            { [formats, staging = package.staging] in
                StageClock.timed {
                    Trace.span("write the other datasets") {
                        Self.writeDatasets(rest.map { withColumns[$0] }, formats: formats, study: study, to: staging)
                    }
                }
            })
        clock.lap(Self.writeStage)
        let ((heavy, heavySeconds), (light, lightSeconds)) = (heavyWrite, lightWrite)
        let ((validation, validateSeconds), (defineFiles, defineSeconds)) = (validated, defined)
        let writeSeconds = heavySeconds + lightSeconds
        // Each dataset's files and findings, in package order.
        let datasetFiles = heavy.flatMap { heavy in
            light.map { light in
                var byDataset = Array(repeating: (files: [WrittenFile](), diagnostics: [Diagnostic]()), count: withColumns.count)
                for (position, written) in zip((largest.map { [$0] } ?? []) + rest, heavy + light) { byDataset[position] = written }
                return (byDataset.flatMap(\.files), byDataset.flatMap(\.diagnostics))
            }
        }

        // Emit the reports.
        do {
            let (written, emitDiagnostics) = try datasetFiles.get()
            let (metadata, defineDiagnostics) = try defineFiles.get()
            diagnostics += emitDiagnostics + defineDiagnostics
            // One report of everything the run found: the conformance rules' findings and the export's own.
            var complete = validation
            complete.findings += diagnostics.map(Finding.init) + rejections.filter { $0.severity >= .warning }.map(Finding.init)
            // The reports are written at once, each on a core of its own, the one of most rows first.
            let writers = reportWriters(rejections: rejections, diagnostics: diagnostics, validation: complete,
                                        derived: derived, to: package.staging)
            let reports = metadata + (try Trace.span("reports") { () throws(ExportError) in
                try writeReports(writers.map(\.write), rows: writers.map(\.rows))
            })
            let errors = complete.count(.error)
            let warnings = complete.count(.warning)
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
                                rejections: rejections, validation: validation, responses: derived.responses,
                                timings: clock.laps, processorTimings: clock.processorLaps, validateSeconds: validateSeconds,
                                writeSeconds: writeSeconds, defineSeconds: defineSeconds)
        } catch {
            package.discard()
            throw error
        }
    }

    /// What ingest read: the raw tables by file name, the files in the order the mappings name them, why those that
    /// could not be read could not, the data dictionary, and what reading found.
    private struct Ingested {
        var tables: [String: RawTable] = [:]
        var order: [String] = []
        var unreadable: [String: String] = [:]
        var dictionary = DataDictionary()
        var rejections: [Rejection] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Reads every raw file the mappings name, once, and the data dictionary; a raw file no mapping reads is a finding.
    private func ingest() -> Ingested {
        let study = configuration.study
        var ingested = Ingested()
        for file in configuration.mappings.flatMap(\.rawFiles) where !ingested.order.contains(file) {
            ingested.order.append(file)
            do throws(Diagnostic) {
                let table = try Trace.span("ingest \(file)") { () throws(Diagnostic) in try RawTable(path: rawDirectory + "/" + file, file: file) }
                ingested.tables[file] = table
                ingested.rejections += table.rejections
                ingested.diagnostics += table.warnings
            } catch {
                ingested.unreadable[file] = error.message
                ingested.diagnostics.append(Diagnostic(error.severity, error.rule, at: error.location,
                                                       "\(file) cannot be read, so none of its rows is mapped: \(error.message)",
                                                       hint: error.hint ?? "check that \(file) is in \(rawDirectory)"))
            }
        }
        // A raw file no mapping reads would leave its rows unaccounted for: say so.
        let known = Set(ingested.order + [study.dataDictionary].compactMap { $0 })
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: rawDirectory)) ?? []).sorted()
        where file.lowercased().hasSuffix(".csv") && !known.contains(file) {
            ingested.diagnostics.append(Diagnostic(
                .warning, "ingest.unmapped-file", at: SourceLocation(file: file, line: 1), "no mapping reads \(file): its rows are in no dataset",
                hint: "add a mapping for it under mappings/\(study.key)/, or remove it from the raw folder"))
        }
        if let name = study.dataDictionary {
            do throws(Diagnostic) {
                ingested.dictionary = try DataDictionary(table: RawTable(path: rawDirectory + "/" + name, file: name))
            } catch {
                ingested.diagnostics.append(error)
            }
        }
        return ingested
    }

    /// Every mapping whose source was read, mapped; or why no mapping could run (the study's date formats).
    private func map(_ ingested: Ingested) -> (domains: [MappedDomain], failure: Diagnostic?) {
        do throws(Diagnostic) {
            let mapper = try DomainMapper(study: configuration.study, dictionary: ingested.dictionary)
            let tables = ingested.tables
            let readable = configuration.mappings.filter { tables[$0.source] != nil }
            // Domains map independently of each other: one per core, the largest source first so that the smaller ones
            // fill the other cores meanwhile.
            let domains = concurrentMap(readable, heaviestFirst: { tables[$0.source]!.bytes }) { m in
                Trace.span("map \(m.domain)") { mapper.map(m, tables: tables) }
            }
            return (domains, nil)
        } catch {
            return ([], error)
        }
    }

    /// The run's reports, each with the number of rows it writes: the reject log, the findings log, the validation
    /// reports, and, when the study has them, eligibility.csv and the RECIST readout.
    private func reportWriters(
        rejections: [Rejection], diagnostics: [Diagnostic], validation: ValidationReport, derived: DerivedPackage,
        to staging: String
    ) -> [(rows: Int, write: ReportWriter)] {
        let study = configuration.study
        var writers: [(rows: Int, write: ReportWriter)] = [
            (rejections.count, { Result { () throws(ExportError) in try RejectLog.write(rejections, to: staging) } }),
            (diagnostics.count, { Result { () throws(ExportError) in try FindingsLog.write(diagnostics, to: staging) } }),
        ]
        writers += ValidationReports.writers(validation, package: study.studyID, to: staging).map { (validation.findings.count, $0) }
        if configuration.labStandards != nil, study.eligibility != nil {
            let eligibility = derived.eligibility
            writers.append((eligibility.count, {
                Result { () throws(ExportError) in
                    try CSVReport.write(
                        eligibility.map { [$0.usubjid, $0.criterion, $0.value, $0.threshold, $0.status.rawValue, $0.reason] },
                        header: ["USUBJID", "criterion", "value", "threshold", "status", "reason"], name: "eligibility.csv",
                        to: staging)
                }
            }))
        }
        if let responses = derived.responses {
            writers.append((0, { Result { () throws(ExportError) in try ResponseSummary.write(responses, to: staging) } }))
        }
        return writers
    }

    /// Every dataset in every format, each dataset's files and findings; a dataset XPT v5 cannot hold is a finding, not
    /// a failure of the run.
    private static func writeDatasets(
        _ datasets: [(Dataset, [ColumnMetadata])], formats: [OutputFormat], study: StudyDefinition, to directory: String
    ) -> Result<[(files: [WrittenFile], diagnostics: [Diagnostic])], ExportError> {
        var written: [(files: [WrittenFile], diagnostics: [Diagnostic])] = []
        do throws(ExportError) {
            for (dataset, columns) in datasets {
                var files: [WrittenFile] = []
                var diagnostics: [Diagnostic] = []
                for format in formats {
                    do throws(XPTError) {
                        files += try DatasetWriters.write([(dataset, columns)], format: format, study: study, to: directory)
                    } catch {
                        // A file that cannot be written fails the run; a value XPT v5 cannot hold is a finding.
                        if case .cannotWrite(let ioError) = error { throw ioError }
                        diagnostics.append(Diagnostic(.error, "emit.xpt", at: nil, "\(dataset.name).xpt not written: \(error)",
                                                      hint: "fix the value at its source; XPT v5 limits are not truncated silently"))
                    }
                }
                written.append((files, diagnostics))
            }
        } catch {
            return .failure(error)
        }
        return .success(written)
    }

    /// Writes define.xml (and define.html with a stylesheet), validating it against the schema when one is given and
    /// checking it against the data; every finding is returned as a diagnostic at its define.xml line.
    private func writeDefine(
        _ datasets: [(Dataset, [ColumnMetadata])], uses: [[[Int]]], extensions: [String: Set<String>], into directory: String
    ) throws(ExportError) -> (files: [WrittenFile], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let fileFormat = formats.first { $0 == .xpt } ?? formats.first ?? .csv
        let stylesheetName = stylesheet.map { URL(fileURLWithPath: $0).lastPathComponent }
        let input = DefineInput(
            study: configuration.study, standard: configuration.standard, terminology: configuration.terminology,
            mappings: configuration.mappings, datasets: datasets, extensions: extensions,
            datasetFile: { $0.lowercased() + "." + fileFormat.rawValue }, stylesheetHref: stylesheetName,
            sourceSystemVersion: Self.toolVersion, columnUses: uses)
        var findings: [DefineFinding] = []
        let xml: [UInt8]
        do throws(DefineError) {
            xml = try DefineXML.write(input, findings: &findings)
        } catch {
            diagnostics.append(Diagnostic(.error, "define.write", at: nil, "define.xml not written: \(error)"))
            return ([], diagnostics)
        }
        findings += DefineXML.check(xml, input: input)
        if let defineSchema {
            do throws(DefineError) {
                findings += try DefineXML.validate(xml, schemaDirectory: defineSchema)
            } catch {
                diagnostics.append(Diagnostic(.error, "define.schema", at: nil, "define.xml not validated: \(error)",
                                              hint: "--define-schema names the folder that holds cdisc-define-2.1/define2-1-0.xsd"))
            }
        }
        diagnostics += findings.map { $0.diagnostic() }
        var files = [try writeBytes(xml, name: "define.xml", into: directory)]
        if let stylesheet, let stylesheetName {
            let html: [UInt8]
            do throws(DefineError) {
                html = try DefineXML.render(xml, stylesheet: stylesheet)
            } catch {
                diagnostics.append(Diagnostic(.error, "define.render", at: nil, "define.html not rendered: \(error)",
                                              hint: "--stylesheet names an XSLT 1.0 stylesheet such as CDISC's define2-1.xsl"))
                return (files, diagnostics)
            }
            files.append(try writeBytes(html, name: "define.html", into: directory))
            let sheet = FileManager.default.contents(atPath: stylesheet).map { [UInt8]($0) } ?? []
            files.append(try writeBytes(sheet, name: stylesheetName, into: directory))
        }
        return (files, diagnostics)
    }

    private func writeBytes(_ bytes: [UInt8], name: String, into directory: String) throws(ExportError) -> WrittenFile {
        let sink = try FileSink(path: directory + "/" + name)
        try sink.write(bytes: bytes)
        let count = sink.bytesWritten
        return WrittenFile(file: name, records: 0, bytes: count, sha256: try sink.close())
    }

    /// The name of the stage that validates the datasets while it writes them and define.xml, in `timings`.
    public static let writeStage = "validate, write datasets and define.xml"

    /// The version stamped into Dataset-JSON's sourceSystem and define.xml.
    public static let toolVersion = "0.1.0"

    /// Rows read = rows mapped + rows rejected; a row rejected for several reasons counts once.
    private func account(
        _ files: [(file: String, read: Int, bytes: Int, unreadable: String?)], rejections: [Rejection]
    ) -> [Manifest.RawFile] {
        var rejected: [String: Set<Int>] = [:]
        for r in rejections { rejected[r.file, default: []].insert(r.line) }
        return files.map { f in
            let n = rejected[f.file]?.count ?? 0
            return Manifest.RawFile(file: f.file, rowsRead: f.read, rowsMapped: f.read - n, rowsRejected: n, bytes: f.bytes,
                                    unreadable: f.unreadable)
        }
    }
}

extension Finding {
    /// A finding of the export, at its raw file and line (the dataset column holds the file).
    init(_ d: Diagnostic) {
        self.init(rule: d.rule, severity: d.severity, dataset: d.location?.file ?? "", record: d.location?.line, variable: nil,
                  value: nil, message: d.message + (d.hint.map { " Fix: \($0)" } ?? ""))
    }

    /// A raw row that was not mapped.
    init(_ r: Rejection) {
        self.init(rule: r.rule, severity: r.severity, dataset: r.file, record: r.line, variable: nil, value: nil,
                  message: "row not mapped: \(r.reason)")
    }
}

/// Wall-clock and processor time per stage.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastProcessor = ProcessorTime.process
    private(set) var laps: [(stage: String, seconds: Double)] = []
    private(set) var processorLaps: [(stage: String, seconds: Double)] = []

    /// What `body` returns, and the seconds it took.
    static func timed<T>(_ body: () -> T) -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((stage, Double(now - last) / 1e9))
        last = now
        let processor = ProcessorTime.process
        processorLaps.append((stage, processor - lastProcessor))
        lastProcessor = processor
    }

}
