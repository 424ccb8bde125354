import Mapping
import SDTMModel
import Standards

/// The checks a schema cannot make, on define.xml as written (re-parsed, so that each finding has the line
/// of its element) against the datasets it describes:
/// - every OID (and leaf ID) referenced is defined once, and every definition is referenced;
/// - every dataset and variable in the package is described, and nothing else is, in column order;
/// - labels, data types, lengths and significant digits agree with the data, as do Mandatory and HasNoData;
/// - every variable bound to controlled terminology has a CodeList, and its CodeList covers the values used;
///   CodeLists agree with the terminology (C-codes, extended values, extensibility);
/// - value-level definitions select records, describe them correctly, and cover every record.
/// Control characters removed while writing are reported by `DefineXML.write(_:findings:)`, not here.
struct DefineChecks {
    let input: DefineInput

    func run(_ xml: [UInt8]) -> [DefineFinding] {
        let root: DefineNode
        do {
            root = try DefineNode.parse(xml)
        } catch {
            if case .notWellFormed(let findings) = error { return findings }
            return [DefineFinding(.error, "define.xml.syntax", line: nil, error.description)]
        }
        guard let mdv = root.descendants("MetaDataVersion").first else {
            return [DefineFinding(.error, "define.structure", line: root.line, "define.xml has no MetaDataVersion",
                                  hint: "write define.xml with DefineXML.write")]
        }
        var findings = references(root)
        let index = Index(mdv)
        findings += datasets(mdv, index)
        findings += codeLists(index)
        return findings.enumerated()
            .sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }
            .map(\.element)
    }

    // MARK: - References

    /// A kind of definition, the attribute that names it, and the attributes that refer to it.
    private struct Reference {
        var definition: String
        var key: String
        /// (element, attribute): nil element means any element.
        var referrers: [(String?, String)]
        var mustBeUsed: Bool
    }

    private static let kinds: [Reference] = [
        Reference(definition: "ItemGroupDef", key: "OID", referrers: [], mustBeUsed: false),
        Reference(definition: "ItemDef", key: "OID", referrers: [("ItemRef", "ItemOID"), ("RangeCheck", "def:ItemOID")],
                  mustBeUsed: true),
        Reference(definition: "CodeList", key: "OID", referrers: [("CodeListRef", "CodeListOID")], mustBeUsed: true),
        Reference(definition: "MethodDef", key: "OID", referrers: [("ItemRef", "MethodOID")], mustBeUsed: true),
        Reference(definition: "def:CommentDef", key: "OID", referrers: [(nil, "def:CommentOID")], mustBeUsed: true),
        Reference(definition: "def:ValueListDef", key: "OID", referrers: [("def:ValueListRef", "ValueListOID")],
                  mustBeUsed: true),
        Reference(definition: "def:WhereClauseDef", key: "OID", referrers: [("def:WhereClauseRef", "WhereClauseOID")],
                  mustBeUsed: true),
        Reference(definition: "def:Standard", key: "OID", referrers: [(nil, "def:StandardOID")], mustBeUsed: true),
        Reference(definition: "def:leaf", key: "ID", referrers: [(nil, "def:ArchiveLocationID"), ("def:DocumentRef", "leafID")],
                  mustBeUsed: true),
    ]

    private func references(_ root: DefineNode) -> [DefineFinding] {
        var findings: [DefineFinding] = []
        var defined: [String: [String: Int]] = [:]
        var used: [String: Set<String>] = [:]
        var refs: [(kind: String, oid: String, node: DefineNode, attribute: String)] = []
        func walk(_ node: DefineNode) {
            for kind in Self.kinds {
                if node.name == kind.definition, let oid = node[kind.key] {
                    if let first = defined[kind.definition]?[oid] {
                        findings.append(DefineFinding(
                            .error, "define.oid.duplicate", line: node.line,
                            "\(kind.definition) \(oid) is defined twice (first on line \(first))",
                            hint: "OIDs must be unique within define.xml"))
                    } else {
                        defined[kind.definition, default: [:]][oid] = node.line
                    }
                }
                for (element, attribute) in kind.referrers where element == nil || element == node.name {
                    if let oid = node[attribute] { refs.append((kind.definition, oid, node, attribute)) }
                }
            }
            node.children.forEach(walk)
        }
        walk(root)
        for ref in refs {
            used[ref.kind, default: []].insert(ref.oid)
            if defined[ref.kind]?[ref.oid] == nil {
                findings.append(DefineFinding(
                    .error, "define.oid.undefined", line: ref.node.line,
                    "\(ref.node.name)/@\(ref.attribute) refers to \(ref.kind) \(ref.oid), which is not defined",
                    hint: "define \(ref.kind) \(ref.oid), or remove the reference"))
            }
        }
        for kind in Self.kinds where kind.mustBeUsed {
            for (oid, line) in (defined[kind.definition] ?? [:]).sorted(by: { $0.value < $1.value })
            where used[kind.definition]?.contains(oid) != true {
                findings.append(DefineFinding(
                    .warning, "define.oid.unused", line: line, "\(kind.definition) \(oid) is defined but nothing refers to it",
                    hint: "remove the unused definition, or refer to it"))
            }
        }
        return findings
    }

    // MARK: - Datasets and variables

    /// The definitions of a MetaDataVersion by OID.
    private struct Index {
        var groups: [DefineNode]
        var items: [String: DefineNode] = [:]
        var codeLists: [String: DefineNode] = [:]
        var valueLists: [String: DefineNode] = [:]
        var whereClauses: [String: DefineNode] = [:]
        var codeListNodes: [DefineNode]
        /// `DATASET.VARIABLE` of each dataset variable's ItemDef OID.
        var variables: [String: String] = [:]
        /// The ItemDef OIDs that refer to each CodeList.
        var codeListUsers: [String: [String]] = [:]
        /// The CodedValues of each CodeList, gathered once: a CodeList of a value-level variable is checked per value.
        var codedValues: [String: Set<String>] = [:]

        init(_ mdv: DefineNode) {
            groups = mdv.children("ItemGroupDef")
            codeListNodes = mdv.children("CodeList")
            for item in mdv.children("ItemDef") { if let oid = item["OID"] { items[oid] = item } }
            for list in codeListNodes { if let oid = list["OID"] { codeLists[oid] = list } }
            // A CodeList that is an external dictionary (MedDRA) lists no values to check the data against.
            codedValues = codeLists.filter { $0.value.child("ExternalCodeList") == nil }.mapValues { list in
                Set((list.children("EnumeratedItem") + list.children("CodeListItem")).compactMap { $0["CodedValue"] })
            }
            for list in mdv.children("def:ValueListDef") { if let oid = list["OID"] { valueLists[oid] = list } }
            for clause in mdv.children("def:WhereClauseDef") { if let oid = clause["OID"] { whereClauses[oid] = clause } }
            for group in groups {
                for ref in group.children("ItemRef") {
                    if let oid = ref["ItemOID"], let name = items[oid]?["Name"] { variables[oid] = "\(group["Name"] ?? "").\(name)" }
                }
            }
            for (oid, item) in items {
                if let list = item.child("CodeListRef")?["CodeListOID"] { codeListUsers[list, default: []].append(oid) }
            }
        }
    }

    private func datasets(_ mdv: DefineNode, _ index: Index) -> [DefineFinding] {
        var findings: [DefineFinding] = []
        var groups: [String: DefineNode] = [:]
        for group in index.groups { if let name = group["Name"] { groups[name] = group } }
        let names = Set(input.datasets.map(\.dataset.name))
        for group in index.groups where !names.contains(group["Name"] ?? "") {
            findings.append(DefineFinding(
                .error, "define.dataset.not-in-package", line: group.line,
                "ItemGroupDef \(group["Name"] ?? "?") describes a dataset that is not in the package",
                hint: "describe only the datasets written"))
        }
        for (dataset, columns) in input.datasets {
            let name = dataset.name
            guard let group = groups[name] else {
                findings.append(DefineFinding(
                    .error, "define.dataset.undescribed", line: mdv.line,
                    "the package's dataset \(name) has no ItemGroupDef", hint: "write define.xml from the datasets written"))
                continue
            }
            if let label = group.translatedText(), label != XMLStream.stripped(dataset.spec.label) {
                findings.append(DefineFinding(.error, "define.label.mismatch", line: group.line,
                                              "\(name) is labelled \"\(label)\"; the dataset's label is \"\(dataset.spec.label)\""))
            }
            let file = input.datasetFile(name)
            if let leaf = group.child("def:leaf"), let href = leaf["xlink:href"], href != file {
                findings.append(DefineFinding(.error, "define.dataset.file", line: leaf.line,
                                              "the leaf of \(name) points to \(href); the dataset is written as \(file)"))
            }
            findings += variables(group, dataset, columns, index)
        }
        return findings
    }

    private func variables(_ group: DefineNode, _ dataset: Dataset, _ columns: [ColumnMetadata], _ index: Index)
        -> [DefineFinding]
    {
        var findings: [DefineFinding] = []
        let name = dataset.name
        let byName = Dictionary(columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let mapping = input.mappings.first { $0.domain == (DefineBuilder.supplementalParent(of: name) ?? name) }
        var described: [String] = []
        func isBound(_ column: ColumnMetadata) -> Bool {
            !dataset.spec.variables[column.index].codelists.isEmpty || mapping?.recodeCodelist(of: column.name) != nil
        }
        // Every column's profile; values are collected where a codelist is bound or described.
        var distinct = Set<Int>()
        for ref in group.children("ItemRef") {
            guard let item = ref["ItemOID"].flatMap({ index.items[$0] }), let column = byName[item["Name"] ?? ""] else { continue }
            if isBound(column) || item.child("CodeListRef") != nil { distinct.insert(column.index) }
        }
        let profiles = ColumnProfile.of(dataset, columns: columns.map(\.index), distinct: distinct,
                                        uses: input.uses[name, default: [:]])
        for ref in group.children("ItemRef") {
            guard let oid = ref["ItemOID"], let item = index.items[oid] else { continue }
            let variable = item["Name"] ?? ""
            guard let column = byName[variable] else {
                findings.append(DefineFinding(.error, "define.variable.not-in-data", line: ref.line,
                                              "\(name).\(variable) (\(oid)) is described but \(name) has no such column",
                                              hint: "describe only the columns written"))
                continue
            }
            described.append(variable)
            findings += compare(column, profile: profiles[column.index]!, bound: isBound(column), item: item, ref: ref, dataset: dataset,
                                columns: columns, index)
        }
        let missing = columns.map(\.name).filter { !described.contains($0) }
        if !missing.isEmpty {
            findings.append(DefineFinding(.error, "define.variable.undescribed", line: group.line,
                                          "\(name) has columns with no ItemRef: \(missing.joined(separator: ", "))",
                                          hint: "every column written needs an ItemRef and an ItemDef"))
        }
        let written = columns.map(\.name).filter { described.contains($0) }
        if missing.isEmpty, written != described {
            findings.append(DefineFinding(.warning, "define.variable.order", line: group.line,
                                          "the ItemRefs of \(name) are not in column order (\(written.joined(separator: ", ")))"))
        }
        return findings
    }

    private func compare(
        _ column: ColumnMetadata, profile: ColumnProfile, bound: Bool, item: DefineNode, ref: DefineNode, dataset: Dataset,
        columns: [ColumnMetadata], _ index: Index
    ) -> [DefineFinding] {
        var findings: [DefineFinding] = []
        let where_ = "\(dataset.name).\(column.name)"
        let records = dataset.count
        if let label = item.translatedText(), label != XMLStream.stripped(column.label) {
            findings.append(DefineFinding(.error, "define.label.mismatch", line: item.line,
                                          "\(where_) is labelled \"\(label)\"; the data's label is \"\(column.label)\""))
        }
        if let type = item["DataType"], type != column.dataType.rawValue {
            findings.append(DefineFinding(.error, "define.type.mismatch", line: item.line,
                                          "\(where_) has DataType \(type); its values are \(column.dataType.rawValue)"))
        }
        let (length, digits) = DefineBuilder.length(column, profile)
        findings += sizes(item, length: length, digits: digits, what: where_)
        if ref["Mandatory"] == "Yes", profile.present < records {
            findings.append(DefineFinding(.warning, "define.mandatory.null", line: ref.line,
                                          "\(where_) is Mandatory but \(records - profile.present) records have no value"))
        }
        if ref["def:HasNoData"] == "Yes", profile.present > 0 {
            findings.append(DefineFinding(.error, "define.hasnodata", line: ref.line,
                                          "\(where_) is marked def:HasNoData but \(profile.present) records have a value"))
        }
        let origin = item.child("def:Origin")
        if origin == nil, item.child("def:ValueListRef") == nil, profile.present > 0 {
            findings.append(DefineFinding(.warning, "define.origin.missing", line: item.line, "\(where_) has no def:Origin",
                                          hint: "map the variable, or derive it in a rule define.xml describes"))
        }
        if origin?["Type"] == "Derived", ref["MethodOID"] == nil {
            findings.append(DefineFinding(.warning, "define.method.missing", line: ref.line,
                                          "\(where_) is Derived but its ItemRef names no MethodDef"))
        }
        findings += terminology(item, values: profile.values, bound: bound, what: where_, index)
        if let oid = item.child("def:ValueListRef")?["ValueListOID"], let list = index.valueLists[oid] {
            findings += valueList(list, of: column, dataset: dataset, columns: columns, index)
        }
        return findings
    }

    private func sizes(_ item: DefineNode, length: Int?, digits: Int?, what: String) -> [DefineFinding] {
        var findings: [DefineFinding] = []
        if let length, item["Length"] != String(length) {
            findings.append(DefineFinding(
                .error, "define.length.mismatch", line: item.line,
                "\(what) has Length \(item["Length"] ?? "(none)"); the data needs \(length)",
                hint: "Length is the longest value in bytes for text, the most digits for numbers"))
        }
        if item["SignificantDigits"] != digits.map(String.init) {
            findings.append(DefineFinding(
                .error, "define.digits.mismatch", line: item.line,
                "\(what) has SignificantDigits \(item["SignificantDigits"] ?? "(none)"); the data has \(digits.map(String.init) ?? "none")"))
        }
        return findings
    }

    private func terminology(_ item: DefineNode, values: Set<String>, bound: Bool, what: String, _ index: Index)
        -> [DefineFinding]
    {
        guard !values.isEmpty else { return [] }
        guard let oid = item.child("CodeListRef")?["CodeListOID"] else {
            return bound
                ? [DefineFinding(.error, "define.ct.codelist-missing", line: item.line,
                                 "\(what) draws on controlled terminology but has no CodeListRef")] : []
        }
        guard let coded = index.codedValues[oid] else { return [] }
        let missing = values.subtracting(coded).sorted()
        guard !missing.isEmpty else { return [] }
        return [DefineFinding(.error, "define.ct.value-not-covered", line: item.line,
                              "\(what) has values that CodeList \(oid) does not list: \(missing.joined(separator: ", "))",
                              hint: "add the values to the CodeList (def:ExtendedValue for sponsor extensions)")]
    }

    // MARK: - Value-level metadata

    private func valueList(
        _ list: DefineNode, of column: ColumnMetadata, dataset: Dataset, columns: [ColumnMetadata], _ index: Index
    ) -> [DefineFinding] {
        var findings: [DefineFinding] = []
        let columns = Dictionary(columns.map { ($0.oid, $0) }, uniquingKeysWith: { a, _ in a })
        let rule = input.valueLevel.first { $0.applies(to: dataset.name) && $0.variables.contains(column.name) }
        let labelIndex = rule?.label.flatMap(dataset.spec.index(of:))
        /// The records that definitions of several conditions (or none on a key) select; made when the first is met.
        var covered: [Bool] = []
        // The rows of each code of a where-clause variable, built once per variable: each clause then costs its own rows.
        var rowsByCode: [Int: [[Int]]] = [:]
        func rows(of key: Int, in wanted: Set<String>) -> [Int] {
            if rowsByCode[key] == nil { rowsByCode[key] = dataset.columns[key].rowsByCode }
            return dataset.columns[key].rows(withTextIn: wanted, rowsByCode[key]!)
        }
        let valueColumn = dataset.columns[column.index]
        // A definition whose one condition is its key's value (EQ, or IN one value of the data) is checked by key code:
        // per key variable, the values and label of each code (`KeyedValues`), and the codes so described.
        var coveredCodes: [Int: [Bool]] = [:]
        func selectedCode(_ ref: DefineNode) -> (key: Int, code: Int?)? {
            let checks = ref.children("def:WhereClauseRef").compactMap { $0["WhereClauseOID"].flatMap { index.whereClauses[$0] } }
                .flatMap { $0.children("RangeCheck") }
            guard checks.count == 1, let check = checks.first, let key = check["def:ItemOID"].flatMap({ columns[$0] }),
                  !["NE", "NOTIN"].contains(check["Comparator"] ?? "EQ")
            else { return nil }
            let matching = dataset.columns[key.index].codes(withTextIn: Set(check.children("CheckValue").map(\.text)))
            return matching.count <= 1 ? (key.index, matching.first) : nil
        }
        for ref in list.children("ItemRef") {
            guard let oid = ref["ItemOID"], let item = index.items[oid] else { continue }
            let what = "\(dataset.name).\(column.name) for \(item["Name"] ?? oid)"
            let present: [Value], nulls: Int, label: Value?
            if let (key, code) = selectedCode(ref) {
                if coveredCodes[key] == nil { coveredCodes[key] = Array(repeating: false, count: dataset.columns[key].distinct.count) }
                if let code { coveredCodes[key]![code] = true }
                (present, nulls) = code.map { input.keyedValues.values(of: dataset, column: column.index, byKey: key)[$0] } ?? ([], 0)
                label = code.flatMap { code in
                    labelIndex.flatMap { input.keyedValues.firstValues(of: dataset, column: $0, byKey: key)[code] }
                }
            } else {
                var selected: [Int]?
                for clauseRef in ref.children("def:WhereClauseRef") {
                    guard let clause = clauseRef["WhereClauseOID"].flatMap({ index.whereClauses[$0] }) else { continue }
                    for check in clause.children("RangeCheck") {
                        // Conditions on another dataset's variables (joins) are not evaluated here.
                        guard let key = check["def:ItemOID"].flatMap({ columns[$0] }) else { continue }
                        let wanted = Set(check.children("CheckValue").map(\.text))
                        let excludes = ["NE", "NOTIN"].contains(check["Comparator"] ?? "EQ")
                        if selected == nil, !excludes {
                            selected = rows(of: key.index, in: wanted)
                            continue
                        }
                        let keyCodes = dataset.columns[key.index].codes
                        let matches = dataset.columns[key.index].matches(wanted)
                        selected = (selected ?? Array(0..<dataset.count)).filter { matches[Int(keyCodes[$0])] != excludes }
                    }
                }
                let rows = selected ?? Array(0..<dataset.count)
                if covered.isEmpty { covered = Array(repeating: false, count: dataset.count) }
                for r in rows { covered[r] = true }
                (present, nulls) = valueColumn.values(at: rows)
                label = labelIndex.flatMap { dataset.columns[$0].firstValue(at: rows) }
            }
            guard !present.isEmpty else {
                findings.append(DefineFinding(.warning, "define.vlm.no-records", line: ref.line,
                                              "the value-level definition \(oid) selects no record with a value"))
                continue
            }
            if let label, let text = item.translatedText(), text != XMLStream.stripped(label.text) {
                findings.append(DefineFinding(.error, "define.label.mismatch", line: item.line,
                                              "\(what) is labelled \"\(text)\"; the data's label is \"\(label.text)\""))
            }
            let spec = dataset.spec.variables[column.index]
            let (type, length, digits) = DefineBuilder.valueType(present, type: spec.type, numeric: rule?.numericValues ?? false)
            if item["DataType"] != type {
                findings.append(DefineFinding(.error, "define.type.mismatch", line: item.line,
                                              "\(what) has DataType \(item["DataType"] ?? "(none)"); its values are \(type)"))
            } else {
                findings += sizes(item, length: length, digits: digits, what: what)
            }
            if ref["Mandatory"] == "Yes", nulls > 0 {
                findings.append(DefineFinding(.warning, "define.mandatory.null", line: ref.line,
                                              "\(what) is Mandatory but \(nulls) records have no value"))
            }
            if item.child("def:Origin") == nil {
                findings.append(DefineFinding(.warning, "define.origin.missing", line: item.line, "\(what) has no def:Origin"))
            }
            let coded = CodelistCheck.terms(among: present.map(\.text), of: spec.name)
            findings += terminology(item, values: coded, bound: false, what: what, index)
        }
        let codes = valueColumn.codes
        let uncovered: [Int]
        if covered.isEmpty, coveredCodes.count == 1, let (key, keyCovered) = coveredCodes.first {
            // Definitions by one key's value alone: a record is described when its key's code is.
            let keyCodes = dataset.columns[key].codes
            uncovered = codes.indices.filter { codes[$0] != 0 && !keyCovered[Int(keyCodes[$0])] }
        } else {
            // The records of the key codes described are covered too.
            if covered.isEmpty { covered = Array(repeating: false, count: dataset.count) }
            for (key, keyCovered) in coveredCodes {
                let keyCodes = dataset.columns[key].codes
                for r in keyCodes.indices where keyCovered[Int(keyCodes[r])] { covered[r] = true }
            }
            uncovered = codes.indices.filter { codes[$0] != 0 && !covered[$0] }
        }
        if !uncovered.isEmpty {
            let keys = rule.flatMap { dataset.spec.index(of: $0.key) }.map { k in
                let key = dataset.columns[k]
                let keyCodes = Set(uncovered.map { key.codes[$0] })
                let texts = Set(keyCodes.map { key.distinct[Int($0)].text }).sorted()
                return " (\(rule!.key) " + texts.joined(separator: ", ") + ")"
            } ?? ""
            findings.append(DefineFinding(.error, "define.vlm.value-undescribed", line: list.line,
                                          "\(uncovered.count) records of \(dataset.name) have a \(column.name) that no "
                                              + "value-level definition of \(list["OID"] ?? "") describes\(keys)"))
        }
        return findings
    }

    // MARK: - Codelists against the terminology

    private func codeLists(_ index: Index) -> [DefineFinding] {
        var findings: [DefineFinding] = []
        let version = input.terminology.version
        for list in index.codeListNodes {
            let oid = list["OID"] ?? "?"
            guard let code = list.children("Alias").first(where: { $0["Context"] == "nci:ExtCodeID" })?["Name"] else { continue }
            guard let codelist = input.terminology.codelists[code] else {
                findings.append(DefineFinding(.warning, "define.ct.codelist-unknown", line: list.line,
                                              "CodeList \(oid) names \(code), which is not a codelist of CDISC CT \(version)",
                                              hint: "add the codelist to the study's terminology file"))
                continue
            }
            for term in list.children("EnumeratedItem") + list.children("CodeListItem") {
                let value = term["CodedValue"] ?? ""
                let extended = term["def:ExtendedValue"] == "Yes"
                let alias = term.children("Alias").first { $0["Context"] == "nci:ExtCodeID" }?["Name"]
                if let known = codelist.term(submissionValue: value) {
                    if extended {
                        findings.append(DefineFinding(.error, "define.ct.extended-term", line: term.line,
                                                      "\(value) is a term of \(codelist.shortName) but is marked def:ExtendedValue"))
                    }
                    if let alias, alias != known.code {
                        findings.append(DefineFinding(.error, "define.ct.term-code", line: term.line,
                                                      "\(value) has C-code \(alias); in \(codelist.shortName) it is \(known.code)"))
                    }
                } else if !extended {
                    findings.append(DefineFinding(.error, "define.ct.term-unknown", line: term.line,
                                                  "\(value) is not a term of \(codelist.shortName) (\(code)) and is not marked def:ExtendedValue"))
                } else if !codelist.extensible, !prescribed(value, list: oid, index) {
                    findings.append(DefineFinding(
                        .warning, "define.ct.non-extensible-extended", line: term.line,
                        "\(value) extends \(codelist.shortName) (\(code)), which CDISC CT \(version) does not allow to be extended",
                        hint: "use a term of the codelist, or explain the value to reviewers"))
                }
            }
        }
        return findings
    }

    /// Whether the implementation guide prescribes the value, outside the codelist, for a variable that uses it
    /// (`StandardSpec.terminologyExceptions`, e.g. AEACN MULTIPLE).
    private func prescribed(_ value: String, list: String, _ index: Index) -> Bool {
        (index.codeListUsers[list] ?? []).contains { oid in
            index.variables[oid].map { input.standard.terminologyExceptions["\($0)=\(value)"] != nil } ?? false
        }
    }
}
