import Mapping
import SDTMModel

/// Everything define.xml is derived from: the study, the standard and terminology, the mappings and the
/// datasets as they were written.
public struct DefineInput: Sendable {
    public var study: StudyDefinition
    public var standard: StandardSpec
    public var terminology: Terminology
    public var mappings: [DomainMapping]
    /// The datasets as written, in package order, and the columns each wrote (`ColumnMetadata.of(dataset)`).
    public var datasets: [(dataset: Dataset, columns: [ColumnMetadata])] {
        didSet {
            uses = Self.uses(of: datasets, counted: nil)
            keyedValues = KeyedValues()
        }
    }
    /// Sponsor-extension values accepted into extensible codelists, by codelist C-code (`MappedDomain.extensions`).
    /// Every value in the data that is not a term of its codelist is written with `def:ExtendedValue="Yes"`:
    /// these, and values a mapping assigns itself (constants, `map:` results) outside the codelist.
    public var extensions: [String: Set<String>]
    /// File name of each dataset in the package (e.g. `dm.xpt` or `dm.csv`), for `def:leaf`.
    public var datasetFile: @Sendable (String) -> String
    /// The `xml-stylesheet` processing instruction's target, e.g. `define2-1.xsl`; none when nil.
    public var stylesheetHref: String?
    /// Which variables get value-level metadata, and by what; `ValueLevelRule.standard` unless changed.
    public var valueLevel: [ValueLevelRule]
    /// Sponsor comments, by dataset (`AE`) or variable (`AE.AEREL`), written as `def:CommentDef`s.
    public var comments: [String: String]
    /// The tool's version, for `SourceSystemVersion` (the SourceSystem is `sdtm`); left out when nil.
    public var sourceSystemVersion: String?
    /// How many records use each value of each written column (`Column.uses`), by dataset name and column position:
    /// counted once for the builder and the checks (again whenever `datasets` change).
    private(set) var uses: [String: [Int: [Int]]] = [:]
    /// Value lists' values by key, for the builder and the checks; new whenever `datasets` change.
    private(set) var keyedValues = KeyedValues()

    /// `columnUses` holds each dataset's `Dataset.columnUses` when the caller has counted them already.
    public init(
        study: StudyDefinition, standard: StandardSpec, terminology: Terminology, mappings: [DomainMapping],
        datasets: [(dataset: Dataset, columns: [ColumnMetadata])], extensions: [String: Set<String>] = [:],
        datasetFile: @escaping @Sendable (String) -> String = { $0.lowercased() + ".xpt" },
        stylesheetHref: String? = nil, valueLevel: [ValueLevelRule] = ValueLevelRule.standard,
        comments: [String: String] = [:], sourceSystemVersion: String? = nil, columnUses: [[[Int]]]? = nil
    ) {
        self.study = study
        self.standard = standard
        self.terminology = terminology
        self.mappings = mappings
        self.datasets = datasets
        self.extensions = extensions
        self.datasetFile = datasetFile
        self.stylesheetHref = stylesheetHref
        self.valueLevel = valueLevel
        self.comments = comments
        self.sourceSystemVersion = sourceSystemVersion
        uses = Self.uses(of: datasets, counted: columnUses)
    }

    /// Each written column's `Column.uses` by dataset name and column position, from `counted` (each dataset's
    /// `Dataset.columnUses`) when given.
    private static func uses(of datasets: [(dataset: Dataset, columns: [ColumnMetadata])], counted: [[[Int]]]?)
        -> [String: [Int: [Int]]]
    {
        Dictionary(datasets.enumerated().map { n, written in
            let (dataset, columns) = written
            let counts = columns.map { ($0.index, counted?[n][$0.index] ?? dataset.columns[$0.index].uses) }
            return (dataset.name, Dictionary(counts) { first, _ in first })
        }) { first, _ in first }
    }

    /// The input for datasets as written, each with `ColumnMetadata.of(dataset)`.
    public init(
        study: StudyDefinition, standard: StandardSpec, terminology: Terminology, mappings: [DomainMapping],
        datasets: [Dataset], extensions: [String: Set<String>] = [:],
        datasetFile: @escaping @Sendable (String) -> String = { $0.lowercased() + ".xpt" }, stylesheetHref: String? = nil
    ) {
        self.init(study: study, standard: standard, terminology: terminology, mappings: mappings,
                  datasets: datasets.map { ($0, ColumnMetadata.of($0)) }, extensions: extensions,
                  datasetFile: datasetFile, stylesheetHref: stylesheetHref)
    }
}

/// Value-level metadata for a dataset: the `variables` are described once per value of `key` that occurs
/// in the data (a `def:ValueListDef` with one `def:WhereClauseDef` per value). Adding one for another
/// dataset is a new rule, not new code.
public struct ValueLevelRule: Sendable, Hashable {
    /// A dataset name (`LB`), or a prefix ending in `--` (`SUPP--` is every supplemental qualifier dataset).
    public var dataset: String
    /// The variables described per value, e.g. `QVAL`, or `LBORRES`, `LBSTRESC` and `LBSTRESN`.
    public var variables: [String]
    /// The variable whose values select the definitions, e.g. `QNAM` or `LBTESTCD`.
    public var key: String
    /// The variable that gives each value's label, e.g. `QLABEL` or `LBTEST`.
    public var label: String?
    /// Character values that are all numbers are described as integer or float rather than text.
    public var numericValues: Bool

    public init(dataset: String, variables: [String], key: String, label: String?, numericValues: Bool = false) {
        self.dataset = dataset
        self.variables = variables
        self.key = key
        self.label = label
        self.numericValues = numericValues
    }

    public func applies(to name: String) -> Bool {
        dataset.hasSuffix("--") ? name.hasPrefix(String(dataset.dropLast(2))) : name == dataset
    }

    /// SUPP-- QVAL by QNAM, as the mapping's `supplemental:` declares each qualifier.
    public static let supplementalQualifiers = ValueLevelRule(dataset: "SUPP--", variables: ["QVAL"], key: "QNAM",
                                                              label: "QLABEL")

    /// Supplemental qualifiers, and the results of LB, TR, TU and RS by test code.
    public static let standard: [ValueLevelRule] = [
        supplementalQualifiers,
        ValueLevelRule(dataset: "LB", variables: ["LBORRES", "LBSTRESC", "LBSTRESN"], key: "LBTESTCD", label: "LBTEST",
                       numericValues: true),
        ValueLevelRule(dataset: "TR", variables: ["TRORRES", "TRSTRESC", "TRSTRESN"], key: "TRTESTCD", label: "TRTEST",
                       numericValues: true),
        ValueLevelRule(dataset: "TU", variables: ["TUORRES", "TUSTRESC"], key: "TUTESTCD", label: "TUTEST"),
        ValueLevelRule(dataset: "RS", variables: ["RSORRES", "RSSTRESC", "RSSTRESN"], key: "RSTESTCD", label: "RSTEST",
                       numericValues: true),
    ]
}

/// A problem found in define.xml: by the schema, by the checks against the data, or while writing it.
public struct DefineFinding: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    /// A stable identifier such as `define.schema` or `define.oid.undefined`.
    public var rule: String
    /// The line in define.xml of the element concerned, when there is one.
    public var line: Int?
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ severity: Severity, _ rule: String, line: Int?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.rule = rule
        self.line = line
        self.message = message
        self.hint = hint
    }

    /// The finding as the project's diagnostics report it, located in `file`.
    public func diagnostic(file: String = "define.xml") -> Diagnostic {
        Diagnostic(severity, rule, at: line.map { SourceLocation(file: file, line: $0) }, message, hint: hint)
    }

    public var description: String { diagnostic().description }
}

/// Why define.xml could not be written, read, validated or rendered.
public enum DefineError: Error, Sendable, CustomStringConvertible {
    /// The inputs cannot make a valid define.xml (e.g. a dataset name that is not a SAS name).
    case invalidInput(String)
    /// libxml2's writer failed.
    case writerFailed(String)
    /// The bytes are not a well-formed XML document.
    case notWellFormed([DefineFinding])
    /// The schema folder does not hold a schema libxml2 can load.
    case schemaUnreadable(path: String, [DefineFinding])
    /// The stylesheet cannot be read or compiled.
    case stylesheetUnreadable(path: String, [DefineFinding])
    /// The stylesheet ran but produced no document.
    case transformFailed(String)

    public var description: String {
        func lines(_ findings: [DefineFinding]) -> String {
            findings.prefix(5).map { "\n  \($0.line.map { "line \($0): " } ?? "")\($0.message)" }.joined()
        }
        switch self {
        case .invalidInput(let message): return "define.xml cannot be written: \(message)"
        case .writerFailed(let message): return "define.xml writer failed: \(message)"
        case .notWellFormed(let findings): return "define.xml is not well-formed XML:" + lines(findings)
        case .schemaUnreadable(let path, let findings): return "the schema \(path) cannot be loaded:" + lines(findings)
        case .stylesheetUnreadable(let path, let findings):
            return "the stylesheet \(path) cannot be loaded:" + lines(findings)
        case .transformFailed(let message): return "define.html cannot be rendered: \(message)"
        }
    }
}

/// Define-XML 2.1: written, validated against the schema, checked against the data, and rendered.
public enum DefineXML {
    /// The define.xml bytes, identical for the same input (CreationDateTime is `study.creationDateTime`).
    public static func write(_ input: DefineInput) throws(DefineError) -> [UInt8] {
        try make(input).bytes
    }

    /// As `write(_:)`, appending to `findings` what had to be changed to make the XML valid
    /// (control characters removed from text), each with its line.
    public static func write(_ input: DefineInput, findings: inout [DefineFinding]) throws(DefineError) -> [UInt8] {
        let output = try make(input)
        findings += output.findings
        return output.bytes
    }

    static func make(_ input: DefineInput) throws(DefineError) -> (bytes: [UInt8], findings: [DefineFinding]) {
        let model = try DefineBuilder(input).build()
        return try DefineWriter.write(model)
    }

    /// Validates against `<dir>/cdisc-define-2.1/define2-1-0.xsd` (the folder layout of the official package).
    /// Loads the schema on each call; keep a `DefineSchema` to validate several documents.
    public static func validate(_ xml: [UInt8], schemaDirectory: String) throws(DefineError) -> [DefineFinding] {
        try DefineSchema(directory: schemaDirectory).validate(xml)
    }

    /// The checks a schema cannot make: references, datasets and variables against the data, labels,
    /// types, lengths and controlled terminology. Each finding carries the element's line.
    public static func check(_ xml: [UInt8], input: DefineInput) -> [DefineFinding] {
        DefineChecks(input: input).run(xml)
    }

    /// Renders define.html with an XSLT 1.0 stylesheet (e.g. CDISC's define2-1.xsl).
    public static func render(_ xml: [UInt8], stylesheet: String) throws(DefineError) -> [UInt8] {
        try StylesheetRenderer.render(xml, stylesheet: stylesheet)
    }

    /// The document as a tree of elements with their line numbers, for tools and tests that inspect it.
    public static func parse(_ xml: [UInt8]) throws(DefineError) -> DefineNode {
        try DefineNode.parse(xml)
    }
}
