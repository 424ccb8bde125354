import Mapping
import Standards
import SDTMModel

/// A column's summary: how many records have a value, the distinct values (when asked), and for numbers
/// the most digits before the decimal point.
struct ColumnProfile {
    var present = 0
    var values: Set<String> = []
    var wholeDigits = 0

    /// The profiles of several columns, each from the column's distinct values and how many records use each;
    /// `distinct` names the columns whose values a codelist must cover.
    /// `uses` holds each written column's `Column.uses` (`DefineInput.uses`).
    static func of(_ dataset: Dataset, columns: [Int], distinct: Set<Int>, uses: [Int: [Int]]) -> [Int: ColumnProfile] {
        Dictionary(uniqueKeysWithValues: columns.map { index in
            let name = dataset.spec.variables[index].name
            return (index, ColumnProfile(dataset.columns[index], uses: uses[index] ?? dataset.columns[index].uses,
                                         collects: distinct.contains(index), numericExempt: CodelistCheck.takesNumericResults(name)))
        })
    }

    /// Numeric results of a --STRESC (`numericExempt`) are outside its character-result codelist by design
    /// (as `CodelistCheck` treats them), so they are not collected.
    init(_ column: Column, uses: [Int], collects: Bool, numericExempt: Bool) {
        for (value, uses) in zip(column.distinct, uses) where uses > 0 {
            switch value {
            case .null:
                continue
            case .text(let s):
                if collects, !(numericExempt && CodelistCheck.isNumericResult(s)) { values.insert(s) }
            case .number(let d):
                if collects { values.insert(value.text) }
                wholeDigits = max(wholeDigits, Self.digits(d))
            }
            present += uses
        }
    }

    /// Digits of the integer part of a number (at least 1).
    static func digits(_ d: Double) -> Int {
        let x = abs(d).rounded(.towardZero)
        guard x.isFinite else { return 1 }
        var n = 1
        var limit = 10.0
        while x >= limit, n < 309 {
            n += 1
            limit *= 10
        }
        return n
    }
}

/// Builds the define.xml model from the study, the standard, the terminology, the mappings and the data
/// written. Nothing here knows a particular study: origins come from the mappings, methods from the
/// derive stage's rules, codelists from the terminology restricted to the values in the data, and value-level
/// metadata from `DefineInput.valueLevel`.
struct DefineBuilder {
    let input: DefineInput
    private let derivations: DerivationMethods
    private let igStandard: DefineStandard
    private let ctStandard: DefineStandard

    /// Values seen per codelist C-code, and whether a numeric variable uses it.
    private var codelistValues: [String: Set<String>] = [:]
    private var numericCodelists: Set<String> = []
    /// The variables (`DATASET.VARIABLE`) bound to each codelist, for the guide's prescribed exceptions.
    private var codelistVariables: [String: Set<String>] = [:]
    /// The external dictionaries (by name) some variable with data is coded with.
    private var usedDictionaries: Set<String> = []
    private var methods: [DefineMethod] = []
    private var comments: [DefineComment] = []
    private var items: [DefineItem] = []
    private var valueItems: [DefineItem] = []
    private var valueLists: [DefineValueList] = []
    private var whereClauses: [DefineWhereClause] = []
    private var sequenceOrders: [(dataset: String, order: [String])] = []

    static let noDataCommentOID = "COM.NODATA"

    init(_ input: DefineInput) {
        self.input = input
        derivations = DerivationMethods(study: input.study)
        igStandard = DefineStandard(oid: "STD.\(input.standard.name).\(input.standard.version)", name: input.standard.name,
                                    type: "IG", publishingSet: nil, version: input.standard.version, status: "Final")
        ctStandard = DefineStandard(oid: "STD.CT.SDTM.\(input.terminology.version)", name: "CDISC/NCI", type: "CT",
                                    publishingSet: "SDTM", version: input.terminology.version, status: "Final")
    }

    func build() throws(DefineError) -> DefineModel {
        var builder = self
        return try builder.run()
    }

    private mutating func run() throws(DefineError) -> DefineModel {
        try validateInput()
        let study = input.study
        var groups: [DefineItemGroup] = []
        for (dataset, columns) in input.datasets {
            groups.append(group(dataset, columns))
        }
        if !sequenceOrders.isEmpty { add(derivations.sequence(sequenceOrders)) }
        let codeLists = buildCodeLists()
        let usesCT = !codeLists.allSatisfy { $0.standardOID == nil }
        return DefineModel(
            fileOID: "DEF.\(study.studyID).SDTM", creationDateTime: Self.dateTime(study.creationDateTime),
            originator: study.sponsor, sourceSystem: "sdtm", sourceSystemVersion: input.sourceSystemVersion,
            context: "Submission", stylesheetHref: input.stylesheetHref,
            study: StudyInfo(oid: study.studyOID, name: study.studyID, description: study.title,
                             protocolName: study.studyID),
            metaDataVersion: MetaDataVersionInfo(
                oid: StudyDefinition.metaDataVersionOID, name: "\(study.studyID) SDTM data definitions",
                description: "Data definitions of the SDTM datasets of study \(study.studyID) "
                    + "(\(input.standard.name) \(input.standard.version), CDISC CT \(input.terminology.version))",
                defineVersion: "2.1.0"),
            standards: usesCT ? [igStandard, ctStandard] : [igStandard],
            valueLists: valueLists, whereClauses: whereClauses, itemGroups: groups, items: items + valueItems,
            codeLists: codeLists, methods: methods, comments: comments, leaves: [])
    }

    // MARK: - Input

    private func validateInput() throws(DefineError) {
        var seen: Set<String> = []
        for (dataset, columns) in input.datasets {
            let name = dataset.name
            guard Self.isSASName(name) else {
                throw .invalidInput("the dataset name '\(name)' is not a SAS name (a letter or _, then letters, digits or _, at most 8)")
            }
            guard seen.insert(name).inserted else { throw .invalidInput("the dataset \(name) is given twice") }
            for column in columns {
                guard column.index < dataset.spec.variables.count, dataset.spec.variables[column.index].name == column.name
                else {
                    throw .invalidInput("\(name).\(column.name) is not a variable of the \(name) spec; "
                                        + "describe only the columns ColumnMetadata.of(dataset) gives")
                }
                guard Self.isSASName(column.name) else {
                    throw .invalidInput("the variable name \(name).\(column.name) is not a SAS name")
                }
            }
        }
    }

    static func isSASName(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard (1...8).contains(u.count) else { return false }
        func letter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
        return letter(u[0]) && u.dropFirst().allSatisfy { letter($0) || ($0 >= 48 && $0 <= 57) }
    }

    /// ISO 8601 date/time for CreationDateTime: a bare date gets midnight.
    static func dateTime(_ s: String) -> String { s.utf8.count == 10 ? s + "T00:00:00" : s }

    // MARK: - Datasets

    private mutating func group(_ dataset: Dataset, _ columns: [ColumnMetadata]) -> DefineItemGroup {
        let spec = dataset.spec
        let name = dataset.name
        let parent = Self.supplementalParent(of: name)
        let mapping = input.mappings.first { $0.domain == (parent ?? name) }
        var refs: [DefineItemRef] = []
        var valueListFor: [String: String] = [:]
        for rule in input.valueLevel where rule.applies(to: name) {
            for (variable, oid) in valueLevel(rule, dataset, columns, mapping: mapping, parent: parent) {
                valueListFor[variable] = oid
            }
        }
        let codelists = columns.map { codelistCode(spec.variables[$0.index], mapping: mapping) }
        let profiles = ColumnProfile.of(dataset, columns: columns.map(\.index),
                                        distinct: Set(zip(columns, codelists).filter { $0.1 != nil }.map(\.0.index)),
                                        uses: input.uses[name, default: [:]])
        for (position, column) in columns.enumerated() {
            let variable = spec.variables[column.index]
            let codelist = codelists[position]
            let profile = profiles[column.index]!
            let hasData = profile.present > 0
            let valueList = valueListFor[column.name]
            var (origin, methodOID) = provenance(of: column.name, spec: spec, mapping: mapping, parent: parent)
            if valueList != nil, parent != nil { (origin, methodOID) = (nil, nil) }
            var codeListOID: String?
            // A --STRESC whose results are all numeric has no term of its character-result codelist to list.
            let onlyNumericResults = profile.values.isEmpty && CodelistCheck.takesNumericResults(column.name)
            if hasData, let dictionary = input.study.dictionaries.first(where: { $0.variables.contains("\(name).\(column.name)") }) {
                usedDictionaries.insert(dictionary.name)
                codeListOID = Self.dictionaryOID(dictionary.name)
            } else if hasData, let code = codelist, !onlyNumericResults {
                register(code, values: profile.values, numeric: variable.type == .num, variable: "\(name).\(column.name)")
                codeListOID = codelistOID(code)
            }
            var commentOID = comment(for: "\(name).\(column.name)")
            if commentOID == nil, !hasData { commentOID = noDataComment() }
            refs.append(DefineItemRef(
                itemOID: column.oid, orderNumber: position + 1, mandatory: variable.core == .required,
                keySequence: column.keySequence, methodOID: methodOID, role: variable.role.isEmpty ? nil : variable.role,
                hasNoData: !hasData, whereClauseOIDs: []))
            let (length, digits) = Self.length(column, profile)
            items.append(DefineItem(
                oid: column.oid, name: column.name, dataType: column.dataType.rawValue, length: length,
                significantDigits: digits, sasFieldName: column.name, commentOID: commentOID, description: column.label,
                codeListOID: codeListOID, origin: origin, valueListOID: valueList))
        }
        return DefineItemGroup(
            oid: "IG.\(name)", name: name, domain: parent ?? name, repeating: !Self.oneRecordPerSubject(spec),
            isReferenceData: spec.index(of: "USUBJID") == nil, sasDatasetName: name, structure: spec.structure,
            purpose: "Tabulation", standardOID: igStandard.oid, archiveLocationID: "LF.\(name)",
            commentOID: comment(for: name), description: spec.label, itemRefs: refs,
            domainDescription: parent.map { input.standard.domain($0)?.label ?? $0 },
            className: Self.className(spec.class),
            leaf: DefineLeaf(id: "LF.\(name)", href: input.datasetFile(name), title: input.datasetFile(name)))
    }

    /// `AE` for `SUPPAE`; nil for other datasets.
    static func supplementalParent(of name: String) -> String? {
        name.hasPrefix("SUPP") && name.count > 4 ? String(name.dropFirst(4)) : nil
    }

    /// Subject-level datasets (keyed by STUDYID and USUBJID alone, as DM) have Repeating No.
    static func oneRecordPerSubject(_ spec: DomainSpec) -> Bool {
        Set(spec.keys) == ["STUDYID", "USUBJID"]
    }

    /// `def:Class` as Define-XML 2.1 names the SDTM classes: `Special-Purpose` is `SPECIAL PURPOSE`.
    static func className(_ specClass: String) -> String {
        specClass.uppercased().split(whereSeparator: { $0 == "-" || $0 == " " }).joined(separator: " ")
    }

    /// Length and SignificantDigits of a column: text its longest value in bytes; integer the most digits;
    /// float the most digits before the point plus SignificantDigits; none for dates and times.
    static func length(_ column: ColumnMetadata, _ profile: ColumnProfile) -> (Int?, Int?) {
        switch column.dataType {
        case .text: return (column.length, nil)
        case .integer: return (max(1, profile.wholeDigits), nil)
        case .float:
            let fraction = column.significantDigits ?? 0
            return (max(1, profile.wholeDigits) + fraction, fraction)
        default: return (nil, nil)
        }
    }

    static func numericLength(_ shapes: [(Int, Int)], float: Bool) -> (Int?, Int?) {
        let whole = max(1, shapes.map(\.0).max() ?? 1)
        guard float else { return (whole, nil) }
        let fraction = shapes.map(\.1).max() ?? 0
        return (whole + fraction, fraction)
    }

    /// Digits before and after the point of a plain decimal number (`-12.50` is (2, 2)); nil for other text.
    static func numericShape(_ s: String) -> (Int, Int)? {
        var before = 0, after = 0, point = false, first = true
        for byte in s.utf8 {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "-") where first: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): if point { after += 1 } else { before += 1 }
            case UInt8(ascii: ".") where !point: point = true
            default: return nil
            }
        }
        guard before > 0, !point || after > 0 else { return nil }
        return (before, after)
    }

    // MARK: - Origins and methods

    /// def:Origin of a variable, and the method that computes it when it is derived.
    private mutating func provenance(
        of variable: String, spec: DomainSpec, mapping: DomainMapping?, parent: String?
    ) -> (DefineOrigin?, String?) {
        if let parent {
            let declared = "the supplemental qualifiers declared in \(mapping.map { Self.fileName($0.file) } ?? "the \(parent) mapping")"
            switch variable {
            case "STUDYID", "USUBJID":
                return (DefineOrigin(type: .predecessor, source: nil, description: "\(parent).\(variable)"), nil)
            case "RDOMAIN":
                return (DefineOrigin(type: .assigned, source: "Sponsor", description: "The parent domain, \"\(parent)\""), nil)
            case "IDVAR":
                return (DefineOrigin(type: .assigned, source: "Sponsor",
                                     description: "The parent's identifying variable, \"\(parent)SEQ\""), nil)
            case "IDVARVAL":
                return (DefineOrigin(type: .predecessor, source: nil, description: "\(parent).\(parent)SEQ"), nil)
            case "QNAM", "QLABEL", "QORIG", "QEVAL":
                return (DefineOrigin(type: .assigned, source: "Sponsor", description: "From \(declared)"), nil)
            default:
                break
            }
        }
        switch derivations.rule(for: variable, in: spec, mapping: mapping) {
        case .method(let method):
            add(method)
            return (DefineOrigin(type: .derived, source: "Sponsor", description: nil), method.oid)
        case .sequence(let dataset, let order):
            if !sequenceOrders.contains(where: { $0.dataset == dataset }) { sequenceOrders.append((dataset, order)) }
            return (DefineOrigin(type: .derived, source: "Sponsor", description: nil), DerivationMethods.sequenceOID)
        case nil:
            break
        }
        guard let mapping, let origin = mapping.origin(of: variable) else { return (nil, nil) }
        let text = mapping.derivationText(of: variable)
        switch origin {
        case .collected:
            return (DefineOrigin(type: .collected, source: "Investigator", description: text.map { "From " + $0 }), nil)
        case .assigned(let value):
            return (DefineOrigin(type: .assigned, source: "Sponsor", description: "The constant \"\(value)\""), nil)
        case .protocolDefined:
            return (DefineOrigin(type: .protocolDefined, source: "Sponsor", description: text.map { "From " + $0 }), nil)
        case .derived:
            let method = DefineMethod(oid: "MT.\(spec.name).\(variable)", name: "Algorithm to derive \(spec.name).\(variable)",
                                      type: "Computation", description: "\(variable) = \(text ?? "derived")")
            add(method)
            return (DefineOrigin(type: .derived, source: "Sponsor", description: nil), method.oid)
        }
    }

    /// The origin of a supplemental qualifier's values: the type its QORIG declares (CRF is collected by the
    /// investigator, eDT by a vendor), described by how the mapping computes it.
    private mutating func supplementalProvenance(
        _ qualifier: SupplementalQualifier, dataset: String, mapping: DomainMapping
    ) -> (DefineOrigin, String?) {
        let text = mapping.supplementalDerivationText(of: qualifier.qnam)
        let kind: DefineOrigin.Kind
        var source: String? = "Sponsor"
        switch qualifier.origin.uppercased() {
        case "CRF", "COLLECTED": kind = .collected; source = "Investigator"
        case "EDT": kind = .collected; source = "Vendor"
        case "ASSIGNED": kind = .assigned
        case "DERIVED": kind = .derived
        case "PROTOCOL": kind = .protocolDefined
        case "PREDECESSOR": kind = .predecessor; source = nil
        default:
            switch mapping.supplementalOrigin(of: qualifier.qnam) {
            case .collected: kind = .collected; source = "Investigator"
            case .assigned: kind = .assigned
            case .protocolDefined: kind = .protocolDefined
            case .derived, nil: kind = .derived
            }
        }
        guard kind == .derived else {
            return (DefineOrigin(type: kind, source: source, description: text.map { "From " + $0 }), nil)
        }
        let method = DefineMethod(oid: "MT.\(dataset).\(qualifier.qnam)", name: "Algorithm to derive \(qualifier.qnam)",
                                  type: "Computation", description: "QVAL for QNAM \(qualifier.qnam) = \(text ?? "derived")")
        add(method)
        return (DefineOrigin(type: .derived, source: "Sponsor", description: nil), method.oid)
    }

    private mutating func add(_ method: DefineMethod) {
        if !methods.contains(where: { $0.oid == method.oid }) { methods.append(method) }
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    // MARK: - Comments

    private mutating func comment(for key: String) -> String? {
        guard let text = input.comments[key] else { return nil }
        let oid = "COM.\(key)"
        if !comments.contains(where: { $0.oid == oid }) { comments.append(DefineComment(oid: oid, text: text)) }
        return oid
    }

    private mutating func noDataComment() -> String {
        if !comments.contains(where: { $0.oid == Self.noDataCommentOID }) {
            comments.append(DefineComment(
                oid: Self.noDataCommentOID,
                text: "No record has a value: the variable is kept because \(input.standard.name) "
                    + "\(input.standard.version) requires or expects it, and nothing in the study's data sets it."))
        }
        return Self.noDataCommentOID
    }

    // MARK: - Value-level metadata

    /// Value lists for the rule's variables in this dataset; returns the value list OID per variable.
    private mutating func valueLevel(
        _ rule: ValueLevelRule, _ dataset: Dataset, _ columns: [ColumnMetadata], mapping: DomainMapping?, parent: String?
    ) -> [(String, String)] {
        let spec = dataset.spec
        let name = dataset.name
        guard let keyColumn = columns.first(where: { $0.name == rule.key }) else { return [] }
        let labelIndex = rule.label.flatMap(spec.index(of:))
        let qualifiers = parent != nil ? mapping?.supplementalQualifiers ?? [] : []

        // The key's values: as the mapping declares them (SUPP--), then as they occur. Values with one text
        // (a number and the same digits as text) are one key.
        let keyValues = dataset.columns[keyColumn.index]
        let firstRow = keyValues.firstRowByCode
        let codesInOrder = firstRow.indices.dropFirst().filter { firstRow[$0] >= 0 }.sorted { firstRow[$0] < firstRow[$1] }
        var keys: [String] = []
        var codes: [String: [Int]] = [:]
        for code in codesInOrder {
            let text = keyValues.distinct[code].text
            if codes[text] == nil { keys.append(text) }
            codes[text, default: []].append(code)
        }
        let declared = qualifiers.map(\.qnam).filter { codes[$0] != nil }
        keys = declared + keys.filter { !declared.contains($0) }
        guard !keys.isEmpty else { return [] }
        // Each variable's values (and the label's) per key code in one pass; a key several codes share (rare) by its rows.
        let labels = labelIndex.map { input.keyedValues.firstValues(of: dataset, column: $0, byKey: keyColumn.index) }
        var sharedRows: [String: [Int]] = [:]
        for key in keys where codes[key]!.count > 1 { sharedRows[key] = keyValues.rows(withCodes: codes[key]!) }

        var result: [(String, String)] = []
        for variable in rule.variables {
            guard let column = columns.first(where: { $0.name == variable }) else { continue }
            let variableSpec = spec.variables[column.index]
            let groups = input.keyedValues.values(of: dataset, column: column.index, byKey: keyColumn.index)
            var refs: [DefineItemRef] = []
            for key in keys {
                let (values, nulls) = sharedRows[key].map { dataset.columns[column.index].values(at: $0) } ?? groups[codes[key]![0]]
                guard !values.isEmpty else { continue }
                let labelValue = sharedRows[key].map { rows in labelIndex.flatMap { dataset.columns[$0].firstValue(at: rows) } }
                    ?? labels?[codes[key]![0]]
                let label = labelValue?.text ?? key
                let whereOID = whereClause(dataset: name, key: rule.key, keyOID: keyColumn.oid, value: key)
                let (dataType, length, digits) = Self.valueType(values, type: variableSpec.type, numeric: rule.numericValues)

                var origin: DefineOrigin?
                var methodOID: String?
                var codelist: String?
                if let qualifier = qualifiers.first(where: { $0.qnam == key }), let mapping {
                    (origin, methodOID) = supplementalProvenance(qualifier, dataset: name, mapping: mapping)
                    codelist = qualifier.codelist
                } else {
                    (origin, methodOID) = provenance(of: variable, spec: spec, mapping: mapping, parent: nil)
                    codelist = codelistCode(variableSpec, mapping: mapping)
                }
                var codeListOID: String?
                // As at column level, a --STRESC's numeric results are not terms of its character-result codelist.
                let coded = CodelistCheck.terms(among: values.map(\.text), of: variable)
                if let codelist, !coded.isEmpty {
                    register(codelist, values: coded, numeric: !CodelistCheck.takesNumericResults(variable) && dataType != "text",
                             variable: "\(name).\(variable)")
                    codeListOID = codelistOID(codelist)
                }
                let oid = "\(column.oid).\(key)"
                valueItems.append(DefineItem(
                    oid: oid, name: key, dataType: dataType, length: length, significantDigits: digits,
                    sasFieldName: Self.isSASName(key) ? key : nil, commentOID: comment(for: "\(name).\(variable).\(key)"),
                    description: label, codeListOID: codeListOID, origin: origin, valueListOID: nil))
                refs.append(DefineItemRef(
                    itemOID: oid, orderNumber: refs.count + 1, mandatory: nulls == 0, keySequence: nil,
                    methodOID: methodOID, role: nil, hasNoData: false, whereClauseOIDs: [whereOID]))
            }
            guard !refs.isEmpty else { continue }
            let oid = "VL.\(name).\(variable)"
            valueLists.append(DefineValueList(oid: oid, itemRefs: refs))
            result.append((variable, oid))
        }
        return result
    }

    private mutating func whereClause(dataset: String, key: String, keyOID: String, value: String) -> String {
        let oid = "WC.\(dataset).\(key).\(value)"
        if !whereClauses.contains(where: { $0.oid == oid }) {
            whereClauses.append(DefineWhereClause(oid: oid, checks: [.init(itemOID: keyOID, comparator: "EQ", values: [value])]))
        }
        return oid
    }

    /// DataType, Length and SignificantDigits of the values of one value-level definition.
    static func valueType(_ values: [Value], type: VariableType, numeric: Bool) -> (String, Int?, Int?) {
        let texts = values.map(\.text)
        if type == .num || numeric {
            let shapes = texts.compactMap(numericShape)
            if shapes.count == texts.count {
                let float = shapes.contains { $0.1 > 0 }
                let (length, digits) = numericLength(shapes, float: float)
                return (float ? "float" : "integer", length, digits)
            }
        }
        return ("text", max(1, texts.map(\.utf8.count).max() ?? 1), nil)
    }

    // MARK: - Codelists

    /// The codelist a variable is bound to: the one the mapping recodes through, else the spec's (preferring
    /// one the terminology has).
    private func codelistCode(_ variable: VariableSpec, mapping: DomainMapping?) -> String? {
        if let code = mapping?.recodeCodelist(of: variable.name) { return code }
        return variable.codelists.first { input.terminology.codelists[$0] != nil } ?? variable.codelists.first
    }

    private mutating func register(_ code: String, values: Set<String>, numeric: Bool, variable: String) {
        codelistValues[code, default: []].formUnion(values)
        codelistVariables[code, default: []].insert(variable)
        if numeric { numericCodelists.insert(code) }
    }

    private func codelistOID(_ code: String) -> String {
        "CL." + (input.terminology.codelists[code]?.shortName ?? code)
    }

    /// One CodeList per codelist used, restricted to the values in the data: terms in the terminology's
    /// order, then values that are not terms (sponsor extensions). CodeListItem with the NCI preferred term
    /// as Decode when a term's decode differs from its submission value, EnumeratedItem otherwise.
    private mutating func buildCodeLists() -> [DefineCodeList] {
        var lists: [DefineCodeList] = []
        let version = input.terminology.version
        for code in codelistValues.keys.sorted(by: { codelistOID($0) < codelistOID($1) }) {
            let values = codelistValues[code] ?? []
            let dataType = !numericCodelists.contains(code) ? "text"
                : values.allSatisfy { Self.numericShape($0)?.1 == 0 } ? "integer" : "float"
            guard let codelist = input.terminology.codelists[code] else {
                let oid = "COM.CL.\(code)"
                comments.append(DefineComment(
                    oid: oid,
                    text: "The codelist \(code) is not in the terminology used (CDISC CT \(version)); "
                        + "the values listed are those in the data, without NCI codes."))
                lists.append(DefineCodeList(
                    oid: codelistOID(code), name: "\(code) (values used)", dataType: dataType, standardOID: nil,
                    commentOID: oid, decoded: false,
                    terms: values.sorted().map { DefineCodeListTerm(codedValue: $0, decode: nil, code: nil, extended: false) },
                    code: code))
                continue
            }
            let used = codelist.terms.filter { values.contains($0.submissionValue) }
            let termValues = Set(used.map(\.submissionValue))
            let extended = values.subtracting(termValues).sorted()
            let decoded = used.contains { !$0.preferredTerm.isEmpty && $0.preferredTerm.uppercased() != $0.submissionValue.uppercased() }
            var terms = used.map {
                DefineCodeListTerm(codedValue: $0.submissionValue, decode: $0.preferredTerm.isEmpty ? $0.submissionValue : $0.preferredTerm,
                                   code: $0.code, extended: false)
            }
            terms += extended.map { DefineCodeListTerm(codedValue: $0, decode: $0, code: nil, extended: true) }
            var commentOID: String?
            if !codelist.extensible, !extended.isEmpty {
                // Values the implementation guide prescribes outside the codelist (e.g. AEACN MULTIPLE) cite it.
                let variables = (codelistVariables[code] ?? []).sorted()
                let exceptions = input.standard.terminologyExceptions
                let explained = extended.map { value -> String in
                    let reference = variables.compactMap { exceptions["\($0)=\(value)"] }.first
                    return reference.map { "\(value) (\($0))" } ?? value
                }
                commentOID = "COM.CL.\(codelist.shortName)"
                comments.append(DefineComment(
                    oid: commentOID!,
                    text: "Values used that are not terms of the non-extensible codelist \(codelist.shortName) "
                        + "(\(codelist.code)) in CDISC CT \(version): \(explained.joined(separator: "; "))."))
            }
            lists.append(DefineCodeList(
                oid: codelistOID(code), name: codelist.name, dataType: dataType, standardOID: ctStandard.oid,
                commentOID: commentOID, decoded: decoded, terms: terms, code: codelist.code))
        }
        for dictionary in input.study.dictionaries where usedDictionaries.contains(dictionary.name) {
            lists.append(DefineCodeList(
                oid: Self.dictionaryOID(dictionary.name), name: dictionary.name, dataType: "text",
                standardOID: nil, commentOID: nil, decoded: false, terms: [], code: nil,
                external: (dictionary.name, dictionary.version, dictionary.href)))
        }
        return lists
    }

    /// The OID of the CodeList that stands for an external dictionary: `CL.MEDDRA`.
    static func dictionaryOID(_ name: String) -> String {
        "CL." + String(name.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }
}
