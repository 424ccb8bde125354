import Derivation
import Ingest
import Mapping
import SDTMModel
import Validation

/// `sdtm check-mappings`: every mapping of a study against the specs and the terminology, without data.
/// Raw column names are checked against the raw files' headers when a raw folder is at hand.
public struct MappingCheck {
    public var configuration: StudyConfiguration
    /// A folder of raw exports whose headers the column names are checked against (nil: not checked).
    public var rawDirectory: String?

    public init(configuration: StudyConfiguration, rawDirectory: String?) {
        self.configuration = configuration
        self.rawDirectory = rawDirectory
    }

    public static let rules: [RuleDescriptor] = [
        .init(id: "MAP.REQ-UNMAPPED", severity: .error, reference: "SDTMIG 3.4 §4.1.2 (core variables)",
              title: "Required variable neither mapped nor derived",
              explanation: "Map the variable in the domain's mapping file; the derive stage does not compute it."),
        .init(id: "MAP.EXP-UNMAPPED", severity: .notice, reference: "SDTMIG 3.4 §4.1.2 (core variables)",
              title: "Expected variable neither mapped nor derived",
              explanation: "The variable will be written empty; map it if the study collects it."),
        .init(id: "MAP.RAW-COLUMN", severity: .error, reference: "mapping language",
              title: "Raw column not in the raw file",
              explanation: "Fix the column name in the mapping, or check the export's version."),
        .init(id: "MAP.TYPE", severity: .warning, reference: "SDTMIG 3.4 domain specification tables (Type)",
              title: "Numeric variable mapped without a numeric operation",
              explanation: "Map Num variables with 'number:' (or a treatment dose, a visit number): text in a Num variable is an error."),
        .init(id: "MAP.CODELIST-MISSING", severity: .error, reference: "SDTMIG 3.4 §4.3; NCI EVS SDTM CT",
              title: "Codelist of a CT-bound variable not in the terminology",
              explanation: "Add the codelist to the study's CT file (specs/ct), or load a full release with --ct."),
        .init(id: "MAP.CONSTANT-NOT-IN-CT", severity: .error, reference: "SDTMIG 3.4 §4.3; NCI EVS SDTM CT",
              title: "Assigned value not a submission value",
              explanation: "A constant assigned to a CT-bound variable must be a submission value of its codelist."),
        .init(id: "MAP.RECODE-CODELIST", severity: .warning, reference: "SDTMIG 3.4 domain specification tables (codelist)",
              title: "Recoded through another codelist than the variable's",
              explanation: "Recode the variable through the codelist the SDTMIG names for it."),
        .init(id: "MAP.DERIVATION-INPUT", severity: .error, reference: "derive stage",
              title: "A derivation lacks an input",
              explanation: "Map the input variable, or the derived variable will be empty."),
        .init(id: "MAP.DICTIONARY-VARIABLE", severity: .error, reference: "Define-XML 2.1 (CodeList, ExternalCodeList)",
              title: "External dictionary names a variable no mapped domain has",
              explanation: "Name the variable as DATASET.VARIABLE of a mapped domain (AE.AEDECOD), or define.xml cites the dictionary for nothing."),
    ]

    public func run() -> ValidationReport {
        var findings: [Finding] = []
        let byDomain = Dictionary(configuration.mappings.map { ($0.domain, $0) }, uniquingKeysWith: { a, _ in a })
        func add(_ id: String, _ mapping: DomainMapping, _ variable: String?, _ value: String?, at: SourceLocation?, _ message: String,
                 severity: Severity? = nil) {
            let rule = Self.rules.first { $0.id == id }!
            findings.append(Finding(rule: id, severity: severity ?? rule.severity, dataset: mapping.domain, record: nil,
                                    variable: variable, value: value, message: (at.map { "\($0): " } ?? "") + message))
        }
        /// An input is available when a mapping assigns it or the derive stage computes it.
        func isAvailable(_ qualified: String, prefix: String, in mapping: DomainMapping) -> Bool {
            let parts = qualified.split(separator: ".").map(String.init)
            let (source, name) = parts.count == 2
                ? (byDomain[parts[0]], parts[1])
                : (mapping, qualified.hasPrefix("--") ? prefix + qualified.dropFirst(2) : qualified)
            guard let source else { return false }
            return source.mappedVariables.contains(name) || DerivationCatalog.derivations(for: source.spec)[name] != nil
        }

        let headers = rawHeaders()
        let terminology = configuration.terminology
        for mapping in configuration.mappings {
            let spec = mapping.spec
            let prefix = spec.name
            let derived = DerivationCatalog.derivations(for: spec)
            let summaries = Dictionary(mapping.assignmentSummaries.map { ($0.variable, $0) }, uniquingKeysWith: { a, _ in a })
            for v in spec.variables where v.core != .permissible && summaries[v.name] == nil && derived[v.name] == nil {
                add(v.core == .required ? "MAP.REQ-UNMAPPED" : "MAP.EXP-UNMAPPED", mapping, v.name, nil,
                    at: SourceLocation(file: mapping.file, line: 1), "\(v.name) (\(v.label)) is \(v.core == .required ? "required" : "expected") "
                        + "but neither mapped nor derived")
            }
            for (name, entry) in derived.sorted(by: { $0.key < $1.key })
            where summaries[name] == nil && spec.variable(name)?.core != .permissible {
                for input in entry.inputs where !isAvailable(input, prefix: prefix, in: mapping) {
                    add("MAP.DERIVATION-INPUT", mapping, name, input, at: SourceLocation(file: mapping.file, line: 1),
                        "\(name) is derived from \(input.replacingOccurrencesOfPrefix(prefix)), which no mapping provides")
                }
            }
            for s in summaries.values.sorted(by: { $0.at.line < $1.at.line }) {
                guard let v = spec.variable(s.variable) else { continue }
                if v.type == .num, !s.yieldsNumber, !isNumericConstant(s.origin) {
                    add("MAP.TYPE", mapping, v.name, nil, at: s.at, "\(v.name) is Num but its operation yields text")
                }
                let lists = v.codelists.filter { terminology.codelists[$0] != nil }
                for code in v.codelists where terminology.codelists[code] == nil {
                    add("MAP.CODELIST-MISSING", mapping, v.name, code, at: s.at,
                        "\(v.name) is bound to codelist \(code), which CT \(terminology.version) as loaded does not have")
                }
                if let used = s.recodeCodelist, !v.codelists.isEmpty, !v.codelists.contains(used) {
                    add("MAP.RECODE-CODELIST", mapping, v.name, used, at: s.at,
                        "\(v.name) is recoded through \(used) but SDTMIG binds it to \(v.codelists.joined(separator: ", "))")
                }
                if case .assigned(let value) = s.origin, !lists.isEmpty {
                    let codelists = lists.compactMap { terminology.codelists[$0] }
                    if !codelists.contains(where: { $0.term(submissionValue: value) != nil }) {
                        let exception = configuration.standard.terminologyExceptions["\(mapping.domain).\(v.name)=\(value)"]
                        let extensible = codelists.contains { $0.extensible }
                        add("MAP.CONSTANT-NOT-IN-CT", mapping, v.name, value, at: s.at,
                            "'\(value)' is not a submission value of \(codelists.map { "\($0.name) (\($0.code))" }.joined(separator: ", "))"
                                + (exception.map { "; the implementation guide prescribes it: \($0)" } ?? ""),
                            severity: exception != nil ? .notice : extensible ? .warning : .error)
                    }
                }
            }
            if let headers {
                for ref in mapping.rawColumnReferences {
                    guard let header = headers[ref.file] else {
                        add("MAP.RAW-COLUMN", mapping, nil, ref.file, at: ref.at, "the raw file \(ref.file) is not in \(rawDirectory!)")
                        continue
                    }
                    if !header.contains(ref.column) {
                        add("MAP.RAW-COLUMN", mapping, nil, ref.column, at: ref.at,
                            "raw column '\(ref.column)' is not in \(ref.file) (columns: \(header.joined(separator: ", ")))")
                    }
                }
            }
        }
        // Each variable an external dictionary codes must be one of a mapped domain, or define.xml never cites it.
        let studyFile = "study.yaml"
        for dictionary in configuration.study.dictionaries {
            for qualified in dictionary.variables {
                let parts = qualified.split(separator: ".").map(String.init)
                guard let mapping = byDomain[parts[0]] else {
                    findings.append(Finding(rule: "MAP.DICTIONARY-VARIABLE", severity: .error, dataset: parts[0], record: nil,
                                            variable: parts.last, value: nil,
                                            message: "\(studyFile): \(dictionary.name) codes \(qualified), but no mapping makes \(parts[0])"))
                    continue
                }
                if mapping.spec.variable(parts[1]) == nil {
                    add("MAP.DICTIONARY-VARIABLE", mapping, parts[1], nil, at: nil,
                        "\(studyFile): \(dictionary.name) codes \(qualified), which is not a variable of \(parts[0]) in "
                            + "\(configuration.standard.name) \(configuration.standard.version)")
                }
            }
        }
        var unique: [Finding] = []
        var seen: Set<Finding> = []
        for f in findings where seen.insert(f).inserted { unique.append(f) }
        return ValidationReport(rules: Self.rules, findings: unique,
                                datasets: Dictionary(configuration.mappings.map { ($0.domain, 0) }, uniquingKeysWith: +))
    }

    private func isNumericConstant(_ origin: VariableOrigin) -> Bool {
        if case .assigned(let value) = origin { return Double(value) != nil }
        return false
    }

    /// The header of each raw file in the raw folder, read without the data rows.
    private func rawHeaders() -> [String: [String]]? {
        guard let rawDirectory else { return nil }
        var headers: [String: [String]] = [:]
        for file in Set(configuration.mappings.flatMap(\.rawFiles)) {
            guard var reader = try? CSVReader(path: rawDirectory + "/" + file, displayName: file),
                  let first = try? reader.next() else { continue }
            headers[file] = first.fields.map(\.trimmingSpaces)
        }
        return headers
    }
}

extension String {
    fileprivate func replacingOccurrencesOfPrefix(_ prefix: String) -> String { hasPrefix("--") ? prefix + dropFirst(2) : self }
}
