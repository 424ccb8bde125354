import Export
import Foundation
import Ingest
import SDTMModel
import Standards
import Validation

/// Reads an SDTM package made by this tool or another: one CSV or SAS transport (XPT v5) file per dataset;
/// when a dataset comes in both, the XPT file is read (it carries labels and types).
/// What it cannot read, and datasets the standard does not define, become findings, never a crash.
public struct PackageReader {
    public var standard: StandardSpec

    /// Files of a package that are reports, not datasets.
    static let reportFiles: Set<String> = ["rejects.csv", "findings.csv", "eligibility.csv"]

    /// What reading a package can find.
    public static let rules: [RuleDescriptor] = [
        .init(id: "PACKAGE.UNREADABLE", severity: .error, reference: "package",
              title: "Dataset file cannot be read", explanation: "The file is not valid CSV (e.g. truncated inside a quote): export it again."),
        .init(id: "PACKAGE.ROW-UNREADABLE", severity: .error, reference: "package",
              title: "Row cannot be read", explanation: "The row has another number of fields than the header: the file is damaged."),
        .init(id: "PACKAGE.UNKNOWN-DATASET", severity: .warning, reference: "SDTMIG 3.4 §2.6 (domains)",
              title: "Dataset not defined by the standard",
              explanation: "Only generic rules ran. Check the file name, or add the domain's metadata to specs/."),
        .init(id: "PACKAGE.EMPTY", severity: .error, reference: "package",
              title: "No datasets", explanation: "The folder holds no dataset files."),
    ]

    public init(standard: StandardSpec) {
        self.standard = standard
    }

    /// Every dataset in the package, read at once.
    public func read(directory: String) -> (views: [DatasetView], findings: [Finding]) {
        var findings: [Finding] = []
        let files = datasetFiles(in: directory, findings: &findings)
        var views: [DatasetView] = []
        for name in files.keys.sorted() { views += load(files[name]!, in: directory, findings: &findings) }
        return (views, findings)
    }

    /// The dataset files of a package by dataset name: XPT where a dataset comes in both, else CSV.
    public func datasetFiles(in directory: String, findings: inout [Finding]) -> [String: String] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var byName: [String: String] = [:]
        for file in files where file.hasSuffix(".csv") && !Self.reportFiles.contains(file) {
            byName[String(file.dropLast(4)).uppercased()] = file
        }
        for file in files where file.hasSuffix(".xpt") { byName[String(file.dropLast(4)).uppercased()] = file }
        if byName.isEmpty {
            findings.append(Finding(rule: "PACKAGE.EMPTY", severity: .error, dataset: "", record: nil, variable: nil, value: nil,
                                    message: "no dataset files (*.xpt, *.csv) in \(directory)"))
        }
        return byName
    }

    /// The datasets of one file (an XPT file may hold several); what cannot be read becomes a finding.
    public func load(_ file: String, in directory: String, findings: inout [Finding]) -> [DatasetView] {
        let name = String(file.dropLast(4)).uppercased()
        if file.hasSuffix(".xpt") {
            do throws(XPTError) {
                return try XPTReader.read(path: directory + "/" + file).datasets.map { member in
                    let (view, notes) = self.view(of: member)
                    findings += notes
                    return view
                }
            } catch {
                findings.append(Finding(rule: "PACKAGE.UNREADABLE", severity: .error, dataset: name, record: nil, variable: nil,
                                        value: nil, message: "\(file) cannot be read: \(error)"))
                return []
            }
        }
        do throws(Diagnostic) {
            let (view, notes) = self.view(of: try RawTable(path: directory + "/" + file, file: file), name: name)
            findings += notes
            return [view]
        } catch {
            findings.append(Finding(rule: "PACKAGE.UNREADABLE", severity: .error, dataset: name, record: nil, variable: nil,
                                    value: nil, message: "\(file) cannot be read: \(error.message)"))
            return []
        }
    }

    /// A dataset from a transport file: its own names, labels and types.
    func view(of member: XPTDataset) -> (DatasetView, [Finding]) {
        let standardSpec = standard.domain(member.name)
        let variables = member.variables.enumerated().map { i, v in
            let known = standardSpec?.variable(v.name)
            return VariableSpec(name: v.name, label: v.label, type: v.type, core: known?.core ?? .permissible,
                                role: known?.role ?? "", codelists: known?.codelists ?? [], order: i + 1)
        }
        let spec = DomainSpec(name: member.name, label: member.label, class: standardSpec?.class ?? "",
                              structure: standardSpec?.structure ?? "", keys: standardSpec?.keys ?? [], variables: variables)
        let file = member.name.lowercased() + ".xpt"
        let dataset = Dataset(spec: spec, records: member.rows.enumerated().map {
            Record(values: $1, origin: SourceLocation(file: file, line: $0 + 1))
        })
        return (DatasetView(dataset: dataset, present: Array(variables.indices), standard: standardSpec), unknown(member.name, standardSpec))
    }

    private func unknown(_ name: String, _ spec: DomainSpec?) -> [Finding] {
        spec != nil ? [] : [Finding(rule: "PACKAGE.UNKNOWN-DATASET", severity: .warning, dataset: name, record: nil, variable: nil,
                                    value: nil, message: "\(name) is not a dataset the standard defines here; only generic rules ran")]
    }

    /// A dataset whose variables are the file's columns, typed by the standard where it knows them.
    func view(of table: RawTable, name: String) -> (DatasetView, [Finding]) {
        let standardSpec = standard.domain(name)
        var findings = unknown(name, standardSpec)
        let variables = table.header.enumerated().map { i, column in
            let known = standardSpec?.variable(column)
            return VariableSpec(name: column, label: "", type: known?.type ?? .char, core: known?.core ?? .permissible,
                                role: known?.role ?? "", codelists: known?.codelists ?? [], order: i + 1)
        }
        let spec = DomainSpec(name: name, label: standardSpec?.label ?? name, class: standardSpec?.class ?? "",
                              structure: standardSpec?.structure ?? "", keys: standardSpec?.keys ?? [], variables: variables)
        let columns = variables.indices.map { i in
            let (codes, texts) = table.column(at: i)
            return Column(codes: codes, values: texts.map { field -> Value in
                guard !field.isEmpty else { return .null }
                if variables[i].type == .num, let d = Double(field) { return .number(d) }
                return .text(field)
            })
        }
        let dataset = Dataset(spec: spec, columns: columns, origins: Origins(file: table.file, lines: table.rows.map(\.line)))
        for r in table.rejections where r.rule != "ingest.blank-row" {
            findings.append(Finding(rule: "PACKAGE.ROW-UNREADABLE", severity: .error, dataset: name, record: nil, variable: nil,
                                    value: nil, message: "\(table.file):\(r.line): \(r.reason)"))
        }
        return (DatasetView(dataset: dataset, present: Array(variables.indices), standard: standardSpec), findings)
    }
}
