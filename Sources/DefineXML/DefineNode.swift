internal import CLibXML2

/// An element of a parsed define.xml, with the line it starts on. Names keep the document's prefixes
/// (`ItemDef`, `def:Origin`, `xlink:href`), which for define.xml are fixed by the standard.
public struct DefineNode: Sendable, Hashable {
    public var name: String
    public var attributes: [String: String]
    public var children: [DefineNode]
    /// The element's own text (its text children joined), e.g. a TranslatedText's content.
    public var text: String
    public var line: Int

    public subscript(attribute: String) -> String? { attributes[attribute] }

    /// Child elements with the name.
    public func children(_ name: String) -> [DefineNode] { children.filter { $0.name == name } }

    /// The first child element with the name.
    public func child(_ name: String) -> DefineNode? { children.first { $0.name == name } }

    /// Every element below this one with the name, in document order.
    public func descendants(_ name: String) -> [DefineNode] {
        var out: [DefineNode] = []
        func walk(_ node: DefineNode) {
            for child in node.children {
                if child.name == name { out.append(child) }
                walk(child)
            }
        }
        walk(self)
        return out
    }

    /// `Description/TranslatedText` (or another element's TranslatedText, e.g. Decode).
    public func translatedText(_ container: String = "Description") -> String? {
        child(container)?.child("TranslatedText")?.text
    }

    static func parse(_ xml: [UInt8]) throws(DefineError) -> DefineNode {
        let collector = IssueCollector(rule: "define.xml.syntax")
        guard let doc = readDocument(xml, collector: collector) else {
            throw .notWellFormed(collector.findings.isEmpty
                ? [DefineFinding(.error, "define.xml.syntax", line: nil, "the document is empty")] : collector.findings)
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else {
            throw .notWellFormed([DefineFinding(.error, "define.xml.syntax", line: nil, "the document has no root element")])
        }
        return node(root, doc)
    }

    private static func node(_ element: xmlNodePtr, _ doc: xmlDocPtr) -> DefineNode {
        var attributes: [String: String] = [:]
        var attribute = element.pointee.properties
        while let a = attribute {
            let name = qualified(a.pointee.name, a.pointee.ns)
            if let value = xmlNodeListGetString(doc, a.pointee.children, 1) {
                attributes[name] = String(cString: value)
                clibxml2_free(value)
            } else {
                attributes[name] = ""
            }
            attribute = a.pointee.next
        }
        // Namespace declarations are not attributes in libxml2's tree; keep them visible.
        var ns = element.pointee.nsDef
        while let n = ns {
            let prefix = n.pointee.prefix.map { "xmlns:" + String(cString: $0) } ?? "xmlns"
            attributes[prefix] = n.pointee.href.map { String(cString: $0) } ?? ""
            ns = n.pointee.next
        }
        var children: [DefineNode] = []
        var text = ""
        var child = element.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(node(c, doc))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = c.pointee.next
        }
        return DefineNode(name: qualified(element.pointee.name, element.pointee.ns), attributes: attributes,
                          children: children, text: text, line: Int(xmlGetLineNo(element)))
    }

    private static func qualified(_ name: UnsafePointer<xmlChar>?, _ ns: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        guard let prefix = ns?.pointee.prefix else { return local }
        return String(cString: prefix) + ":" + local
    }
}
