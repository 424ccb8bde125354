import ArgumentParser
import Foundation
import Mapping
import Pipeline
import SDTMModel
import Standards

/// `sdtm ct`: controlled terminology tools.
struct CTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ct",
        abstract: "Controlled terminology: what a new NCI EVS SDTM CT release changes.",
        subcommands: [Diff.self])
}

extension CTCommand {
    /// `sdtm ct diff`: terms added, retired and changed between two releases, and the study values that break.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two NCI EVS SDTM CT releases, optionally for one study's codelists.",
            discussion: """
                Lists, per codelist, terms added (+), removed or retired (-) and changed (~: submission value, \
                synonyms, definition, preferred term; matched by term C-code), codelists added and removed, and \
                changes of extensibility. With --study, only the codelists the study's mappings use are compared, \
                and the values the mappings name (constants, map: results, recode synonyms, epochs) are checked \
                against the new release. Exit code 0: nothing of the study breaks; 1: a study value breaks or a \
                mapping no longer loads with the new release; 2: bad input.
                """)

        @Option(help: "The release in use: an NCI EVS SDTM Terminology .txt file.")
        var from: String

        @Option(help: "The release to move to: an NCI EVS SDTM Terminology .txt file.")
        var to: String

        @Option(help: "Restrict to the codelists this study's mappings use, and check its values.")
        var study: String?

        @Option(help: "Folder holding one folder of mapping files per study (with --study).")
        var mappings = "mappings"

        @Option(help: "Folder holding the SDTMIG metadata (with --study).")
        var specs = "specs"

        @Flag(help: "Write JSON (sorted keys) instead of text.")
        var json = false

        func run() throws {
            let old: Terminology
            let new: Terminology
            var restriction: Set<String>?
            var used: [String: Set<String>] = [:]
            var mappingErrors: [Diagnostic] = []
            do throws(Diagnostic) {
                new = try TerminologyLoader.load(path: to, version: Self.version(of: to))
                if let study {
                    // The study as it stands on the old release: its mappings must load with it.
                    let configuration = try StudyConfiguration.load(
                        study: study, mappingsDirectory: mappings, specsDirectory: specs, terminologyFile: from)
                    var loaded = configuration.terminology
                    loaded.version = Self.version(of: from)
                    old = loaded
                    let usage = StudyTerminologyUsage(configuration)
                    restriction = usage.codelists
                    used = usage.values
                    mappingErrors = Self.reload(configuration, with: new)
                } else {
                    old = try TerminologyLoader.load(path: from, version: Self.version(of: from))
                }
            } catch {
                var error = error
                if error.rule == "ct.file-missing" { error.hint = "check the paths given with --from and --to" }
                printError(error.description)
                throw ExitCode(2)
            }

            let diff = TerminologyDiff(from: old, to: new, codelists: restriction)
            let breaking = study == nil ? nil : diff.breakingValues(for: used)
            if json {
                print(diff.json(breaking: breaking), terminator: "")
            } else {
                var text = diff.text(breaking: breaking)
                if study != nil {
                    let count = used.values.reduce(0) { $0 + $1.count }
                    text += "(\(count) value\(count == 1 ? "" : "s") named by the mappings checked, in \(used.count) codelists)\n"
                }
                print(text, terminator: "")
            }
            for error in mappingErrors {
                printError("the study's mappings do not load with CT \(new.version):\n" + error.description)
            }
            if !(breaking ?? []).isEmpty || !mappingErrors.isEmpty { throw ExitCode(1) }
        }

        /// The release date in the file name (`SDTM_Terminology_2025-03-28.txt`), else the file name.
        static func version(of path: String) -> String {
            let name = URL(fileURLWithPath: path).lastPathComponent
            if let range = name.range(of: #"[0-9]{4}-[0-9]{2}-[0-9]{2}"#, options: .regularExpression) {
                return String(name[range])
            }
            return name
        }

        /// Parses the study's mapping files again against the new release; the errors say what stops loading.
        static func reload(_ configuration: StudyConfiguration, with terminology: Terminology) -> [Diagnostic] {
            var errors: [Diagnostic] = []
            for mapping in configuration.mappings {
                guard let text = try? String(contentsOfFile: mapping.file, encoding: .utf8) else { continue }
                do throws(Diagnostic) {
                    _ = try MappingParser.parse(text: text, file: mapping.file, standard: configuration.standard,
                                                terminology: terminology)
                } catch {
                    errors.append(error)
                }
            }
            return errors
        }
    }
}

/// The codelists a study's mappings use and the values they name in each.
struct StudyTerminologyUsage {
    /// C-codes: the spec codelists of the mapped variables and of EPOCH, and the codelists recoded through.
    var codelists: Set<String> = []
    /// C-code to the values the mappings name for variables bound to it.
    var values: [String: Set<String>] = [:]

    init(_ configuration: StudyConfiguration) {
        let terminology = configuration.terminology
        for mapping in configuration.mappings {
            for variable in mapping.mappedVariables {
                var codes = mapping.spec.variable(variable)?.codelists ?? []
                if let recoded = mapping.recodeCodelist(of: variable) { codes.append(recoded) }
                add(mapping.namedValues(of: variable), to: codes, terminology)
            }
            for qualifier in mapping.supplementalQualifiers {
                guard let codelist = qualifier.codelist else { continue }
                add(mapping.namedValues(ofSupplemental: qualifier.qnam), to: [codelist], terminology)
            }
            // EPOCH is derived from the epochs study.yaml names.
            if let epoch = mapping.spec.variable("EPOCH") {
                add(configuration.study.epochs.map(\.name), to: epoch.codelists, terminology)
            }
        }
    }

    /// A value goes to the codelists (of a variable's several) that have it; to all of them when none does
    /// (a sponsor extension, or a value already outside the codelist).
    private mutating func add(_ named: [String], to codes: [String], _ terminology: Terminology) {
        var unique: [String] = []
        for code in codes where !code.isEmpty && !unique.contains(code) { unique.append(code) }
        if unique.isEmpty { return }
        codelists.formUnion(unique)
        for value in named {
            let having = unique.filter { terminology.codelists[$0]?.term(submissionValue: value) != nil }
            for code in having.isEmpty ? unique : having { values[code, default: []].insert(value) }
        }
    }
}
