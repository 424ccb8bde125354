import SDTMModel
import Standards

/// Parses a domain mapping file (YAML) into a `DomainMapping`, checking every key, variable and codelist.
public enum MappingParser {
    /// With `derived`, the names of the variables later stages fill (`--SEQ`, `EPOCH`, ...), the domain's records
    /// carry only the required, expected, mapped and derived variables; without it, every variable of the spec.
    public static func parse(
        text: String, file: String, standard: StandardSpec, terminology: Terminology, derived: [String]? = nil
    ) throws(Diagnostic) -> DomainMapping {
        let root = try YAMLNode.load(text: text, file: file)
        let top = try root.keyed(
            ["domain", "source", "key", "join", "filters", "records", "omit", "variables", "sequence", "supplemental"],
            required: ["domain", "source", "variables"])
        let domainNode = try top.required("domain")
        let domain = try domainNode.string()
        guard var spec = standard.domain(domain) else {
            throw domainNode.error("domain '\(domain)' is not in the \(standard.name) \(standard.version) spec",
                                   hint: "add the domain's metadata to specs/, or fix the name")
        }
        if let derived {
            var keep = Set(derived.map { $0.hasPrefix("--") ? domain + $0.dropFirst(2) : $0 })
            for (key, _) in try top.required("variables").entries() { keep.insert(try key.string()) }
            spec = spec.narrowed(keeping: keep)
        }
        var parser = ExpressionParser(spec: spec, terminology: terminology, file: file)

        var joins: [DomainMapping.Join] = []
        for item in try top["join"]?.list() ?? [] {
            let j = try item.keyed(["file", "as", "on", "lookup"], required: ["file", "as", "on"])
            let on = try j.required("on")
            joins.append(DomainMapping.Join(file: try j.required("file").string(), alias: try j.required("as").string(),
                                            on: on.scalar != nil ? [try on.string()] : try on.strings(),
                                            lookup: try j["lookup"]?.bool() ?? false, at: item.location))
        }
        parser.aliases = Set(joins.map(\.alias))

        var records: [[String: String]] = [[:]]
        if let list = try top["records"]?.list() {
            records = []
            for item in list {
                var binding: [String: String] = [:]
                for (k, v) in try item.entries() { binding[try k.string()] = try v.string() }
                records.append(binding)
            }
            parser.parameters = Set(records.flatMap(\.keys))
        }

        var filters: [DomainMapping.Filter] = []
        for item in try top["filters"]?.list() ?? [] {
            let f = try item.keyed(["keep", "reason"], required: ["keep", "reason"])
            filters.append(DomainMapping.Filter(keep: try parser.condition(try f.required("keep")),
                                                reason: try f.required("reason").string(), at: item.location))
        }

        var assignments: [DomainMapping.Assignment] = []
        for (key, value) in try top.required("variables").entries() {
            let name = try key.string()
            guard let index = spec.index(of: name) else {
                throw key.error("\(name) is not a variable of \(domain) in \(standard.name) \(standard.version)",
                                hint: "use a variable of the domain spec, or a supplemental qualifier for non-standard data")
            }
            guard !assignments.contains(where: { $0.variable == name }) else {
                throw key.error("\(name) is mapped twice")
            }
            assignments.append(DomainMapping.Assignment(variable: name, index: index,
                                                        expression: try parser.expression(value), at: key.location))
            parser.mapped[name] = index
        }

        // Conditions on the mapped record, so after the variables they may read.
        var omissions: [DomainMapping.Filter] = []
        for item in try top["omit"]?.list() ?? [] {
            let o = try item.keyed(["if", "reason"], required: ["if", "reason"])
            omissions.append(DomainMapping.Filter(keep: try parser.condition(try o.required("if")),
                                                  reason: try o.required("reason").string(), at: item.location))
        }

        var sequence: [String] = []
        if let node = top["sequence"] {
            sequence = try node.strings()
            for name in sequence where spec.index(of: name) == nil {
                throw node.error("sequence names \(name), which is not a variable of \(domain)")
            }
        }

        var supplemental: [DomainMapping.Supplemental] = []
        for item in try top["supplemental"]?.list() ?? [] {
            let s = try item.keyed(["qnam", "qlabel", "value", "origin", "evaluator"],
                                   required: ["qnam", "qlabel", "value", "origin"])
            let qnam = try s.required("qnam").string()
            let qlabel = try s.required("qlabel").string()
            guard qnam.utf8.count <= 8, qlabel.utf8.count <= 40 else {
                throw item.error("QNAM must be at most 8 characters and QLABEL at most 40")
            }
            supplemental.append(DomainMapping.Supplemental(
                qnam: qnam, qlabel: qlabel, value: try parser.expression(try s.required("value")),
                origin: try s.required("origin").string(), evaluator: try s["evaluator"]?.string(), at: item.location))
        }

        return DomainMapping(
            domain: domain, file: file, source: try top.required("source").string(),
            key: try top["key"]?.strings() ?? [], keyLocation: top["key"]?.location ?? root.location, joins: joins, filters: filters, records: records, omissions: omissions,
            assignments: assignments, sequence: sequence, supplemental: supplemental, spec: spec)
    }
}

/// Turns YAML nodes into expressions and conditions.
struct ExpressionParser {
    let spec: DomainSpec
    let terminology: Terminology
    let file: String
    var aliases: Set<String> = []
    var parameters: Set<String> = []
    /// Variables assigned so far, which `variable:` may read.
    var mapped: [String: Int] = [:]

    static let operations: [String: Set<String>] = [
        "column": [], "constant": [], "study": [], "concat": ["separator"], "date": ["time"], "number": [],
        "decode": [], "recode": ["codelist", "synonyms", "ignoreCase"], "map": ["values", "default"],
        "when": ["else"], "variable": [], "arm": ["field"], "treatment": ["field"], "visit": ["field"], "param": [],
    ]

    func expression(_ node: YAMLNode) throws(Diagnostic) -> Expression {
        if let literal = node.scalar { return .constant(literal) }
        let entries = try node.entries()
        let names = try entries.map { (e) throws(Diagnostic) -> String in try e.key.string() }
        guard let op = names.first(where: { Self.operations[$0] != nil }) else {
            throw node.error("no mapping operation here",
                             hint: "use one of: \(Self.operations.keys.sorted().joined(separator: ", "))")
        }
        let k = try node.keyed(Self.operations[op]!.union([op]))
        let arg = try k.required(op)
        switch op {
        case "column": return .column(try column(arg))
        case "constant": return .constant(try arg.string())
        case "study":
            let field = try arg.string()
            guard ["studyid", "country", "sponsor"].contains(field) else {
                throw arg.error("unknown study field '\(field)'", hint: "use studyid, country or sponsor")
            }
            return .study(field)
        case "concat":
            var parts: [Expression] = []
            for item in try arg.list() { parts.append(try expression(item)) }
            return .concat(parts, separator: try k["separator"]?.string() ?? "")
        case "date": return .date(try column(arg), time: try k["time"].map { (n) throws(Diagnostic) in try column(n) })
        case "number": return .number(try operand(arg), at: arg.location)
        case "decode": return .decode(try column(arg))
        case "recode":
            let codelistNode = try k.required("codelist")
            let key = try codelistNode.string()
            guard let codelist = terminology.codelist(key) else {
                throw codelistNode.error("codelist '\(key)' is not in the terminology (CT \(terminology.version))",
                                         hint: "name the codelist by C-code or short name, and make sure the study's CT file has it")
            }
            var synonyms: [String: String] = [:]
            for (raw, value) in try k["synonyms"]?.entries() ?? [] {
                let target = try value.string()
                guard codelist.term(submissionValue: target) != nil || codelist.extensible else {
                    throw value.error("'\(target)' is not a submission value of \(codelist.name) (\(codelist.code))")
                }
                synonyms[try raw.string()] = target
            }
            let ignoreCase = try k["ignoreCase"]?.bool() ?? false
            return .recode(try operand(arg), CodelistRecode(codelist: codelist, studySynonyms: synonyms, ignoreCase: ignoreCase),
                           at: arg.location)
        case "map":
            var values: [String: String] = [:]
            for (raw, value) in try k.required("values").entries() { values[try raw.string()] = try value.string() }
            return .map(try operand(arg), values: values, otherwise: try k["default"].map { (n) throws(Diagnostic) in try expression(n) },
                        at: arg.location)
        case "when":
            var branches: [(Condition, Expression)] = []
            for item in try arg.list() {
                let b = try item.keyed(["if", "then"], required: ["if", "then"])
                branches.append((try condition(try b.required("if")), try expression(try b.required("then"))))
            }
            return .when(branches, otherwise: try k["else"].map { (n) throws(Diagnostic) in try expression(n) })
        case "variable":
            let name = try arg.string()
            guard let index = mapped[name] else {
                throw arg.error("\(name) is not mapped before this line", hint: "map \(name) above the variables that read it")
            }
            return .variable(index, name: name)
        case "arm", "treatment", "visit":
            let field = try k["field"]?.string() ?? "name"
            let allowed = ["arm": ["code", "name"], "treatment": ["name", "dose", "unit"], "visit": ["name", "number", "day"]][op]!
            guard allowed.contains(field) else {
                throw k["field"]!.error("unknown field '\(field)'", hint: "use one of: \(allowed.joined(separator: ", "))")
            }
            let ref = try column(arg)
            return op == "arm" ? .arm(ref, field: field) : op == "treatment" ? .treatment(ref, field: field) : .visit(ref, field: field)
        default:
            let name = try arg.string()
            guard parameters.contains(name) else {
                throw arg.error("parameter '\(name)' is not bound by any entry of 'records:'")
            }
            return .parameter(name, at: arg.location)
        }
    }

    /// The input of an operation: a column name, or a nested expression.
    func operand(_ node: YAMLNode) throws(Diagnostic) -> Expression {
        node.scalar != nil ? .column(try column(node)) : try expression(node)
    }

    func column(_ node: YAMLNode) throws(Diagnostic) -> ColumnRef {
        let ref = ColumnRef(try node.string(), at: node.location)
        if let alias = ref.alias, !aliases.contains(alias) {
            throw node.error("'\(alias)' is not the alias of a joined file", hint: "declare it under 'join:' with 'as: \(alias)'")
        }
        return ref
    }

    func condition(_ node: YAMLNode) throws(Diagnostic) -> Condition {
        let k = try node.keyed(["all", "any", "not", "column", "variable", "value", "equals", "in", "present"])
        if let all = k["all"] { return .all(try all.list().map { (n) throws(Diagnostic) in try condition(n) }) }
        if let any = k["any"] { return .any(try any.list().map { (n) throws(Diagnostic) in try condition(n) }) }
        if let not = k["not"] { return .not(try condition(not)) }
        let subject: Expression
        if let c = k["column"] {
            subject = .column(try column(c))
        } else if let v = k["variable"] {
            let name = try v.string()
            guard let index = mapped[name] else {
                throw v.error("\(name) is not mapped before this line", hint: "map \(name) above the variables that read it")
            }
            subject = .variable(index, name: name)
        } else if let v = k["value"] {
            subject = try expression(v)
        } else {
            throw node.error("a condition needs 'column', 'variable' or 'value', or 'all', 'any', 'not'")
        }
        if let e = k["equals"] { return .equals(subject, try expression(e)) }
        if let list = k["in"] { return .oneOf(subject, Set(try list.strings())) }
        if let p = k["present"] { return .present(subject, try p.bool()) }
        throw node.error("a condition needs 'equals', 'in' or 'present'")
    }
}
