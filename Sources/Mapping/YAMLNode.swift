import SDTMModel
import Yams

/// A YAML node with its position in the mapping file, and typed accessors that fail with that position.
struct YAMLNode {
    let node: Node
    let file: String

    static func load(text: String, file: String) throws(Diagnostic) -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw Diagnostic(.error, "mapping.empty", at: SourceLocation(file: file, line: 1), "the file is empty")
            }
            return YAMLNode(node: node, file: file)
        } catch let error as Diagnostic {
            throw error
        } catch let error as YamlError {
            var at = SourceLocation(file: file, line: 1)
            var problem = "\(error)"
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
                at = SourceLocation(file: file, line: mark.line, column: mark.column)
                problem = p
            default:
                break
            }
            throw Diagnostic(.error, "mapping.yaml", at: at, "not valid YAML: \(problem)", hint: "fix the YAML syntax here")
        } catch {
            throw Diagnostic(.error, "mapping.yaml", at: SourceLocation(file: file, line: 1), "not valid YAML: \(error)")
        }
    }

    var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column)
    }

    func error(_ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, "mapping.invalid", at: location, message, hint: hint)
    }

    var scalar: String? { node.scalar?.string }

    func string() throws(Diagnostic) -> String {
        guard let s = scalar else { throw error("expected a single value here") }
        return s
    }

    /// `true` or `false` (YAML's spellings of them); anything else is an error rather than a silent false.
    func bool() throws(Diagnostic) -> Bool {
        switch scalar {
        case "true", "True", "TRUE", "yes", "Yes", "YES": return true
        case "false", "False", "FALSE", "no", "No", "NO": return false
        default: throw error("expected true or false here")
        }
    }

    func int() throws(Diagnostic) -> Int {
        guard let s = scalar, let n = Int(s) else { throw error("expected a whole number here") }
        return n
    }

    func double() throws(Diagnostic) -> Double {
        guard let s = scalar, let n = Double(s) else { throw error("expected a number here") }
        return n
    }

    func list() throws(Diagnostic) -> [YAMLNode] {
        guard let seq = node.sequence else { throw error("expected a list here") }
        return seq.map { YAMLNode(node: $0, file: file) }
    }

    func strings() throws(Diagnostic) -> [String] {
        var out: [String] = []
        for item in try list() { out.append(try item.string()) }
        return out
    }

    /// The entries of a mapping in file order, each key with its own node for positions.
    func entries() throws(Diagnostic) -> [(key: YAMLNode, value: YAMLNode)] {
        guard let map = node.mapping else { throw error("expected a set of 'key: value' entries here") }
        return map.map { (YAMLNode(node: $0.key, file: file), YAMLNode(node: $0.value, file: file)) }
    }

    var isMapping: Bool { node.mapping != nil }

    /// A mapping whose keys must all be among `allowed`; an unknown key is an error at its line.
    func keyed(_ allowed: Set<String>, required: Set<String> = []) throws(Diagnostic) -> Keyed {
        var values: [String: YAMLNode] = [:]
        for (key, value) in try entries() {
            let name = try key.string()
            guard allowed.contains(name) else {
                throw key.error("unknown key '\(name)'", hint: "allowed here: \(allowed.sorted().joined(separator: ", "))")
            }
            values[name] = value
        }
        for name in required.sorted() where values[name] == nil {
            throw error("missing key '\(name)'", hint: "add '\(name):' here")
        }
        return Keyed(node: self, values: values)
    }

    struct Keyed {
        let node: YAMLNode
        let values: [String: YAMLNode]
        subscript(_ key: String) -> YAMLNode? { values[key] }
        func required(_ key: String) throws(Diagnostic) -> YAMLNode {
            guard let v = values[key] else { throw node.error("missing key '\(key)'") }
            return v
        }
    }
}
