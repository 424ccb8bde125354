internal import CLibXML2
import SDTMModel

/// Serialises the model with libxml2's xmlTextWriter: streaming, indented by two spaces, UTF-8, elements
/// and attributes in the order the Define-XML 2.1 schema requires. Text is stripped of the characters
/// XML 1.0 cannot carry (C0 controls other than tab, LF and CR); each removal is reported with its line.
enum DefineWriter {
    static let odmNamespace = "http://www.cdisc.org/ns/odm/v1.3"
    static let defNamespace = "http://www.cdisc.org/ns/def/v2.1"
    static let xlinkNamespace = "http://www.w3.org/1999/xlink"

    static func write(_ model: DefineModel) throws(DefineError) -> (bytes: [UInt8], findings: [DefineFinding]) {
        _ = libxmlInitialized
        let out = try XMLStream()
        out.document(stylesheet: model.stylesheetHref) {
            out.element("ODM", [
                ("xmlns", odmNamespace), ("xmlns:xlink", xlinkNamespace), ("xmlns:def", defNamespace),
                ("ODMVersion", "1.3.2"), ("FileOID", model.fileOID), ("FileType", "Snapshot"),
                ("CreationDateTime", model.creationDateTime), ("Originator", model.originator),
                ("SourceSystem", model.sourceSystem), ("SourceSystemVersion", model.sourceSystemVersion),
                ("def:Context", model.context),
            ]) {
                out.element("Study", [("OID", model.study.oid)]) {
                    out.element("GlobalVariables") {
                        out.element("StudyName", text: model.study.name)
                        out.element("StudyDescription", text: model.study.description)
                        out.element("ProtocolName", text: model.study.protocolName)
                    }
                    metaDataVersion(model, out)
                }
            }
        }
        return try out.finish()
    }

    private static func metaDataVersion(_ model: DefineModel, _ out: XMLStream) {
        let mdv = model.metaDataVersion
        out.element("MetaDataVersion", [("OID", mdv.oid), ("Name", mdv.name), ("Description", mdv.description),
                                        ("def:DefineVersion", mdv.defineVersion)]) {
            out.element("def:Standards") {
                for s in model.standards {
                    out.element("def:Standard", [("OID", s.oid), ("Name", s.name), ("Type", s.type),
                                                 ("PublishingSet", s.publishingSet), ("Version", s.version),
                                                 ("Status", s.status)])
                }
            }
            for list in model.valueLists {
                out.element("def:ValueListDef", [("OID", list.oid)]) {
                    for ref in list.itemRefs { itemRef(ref, out) }
                }
            }
            for clause in model.whereClauses {
                out.element("def:WhereClauseDef", [("OID", clause.oid)]) {
                    for check in clause.checks {
                        out.element("RangeCheck", [("Comparator", check.comparator), ("SoftHard", "Soft"),
                                                   ("def:ItemOID", check.itemOID)]) {
                            for value in check.values { out.element("CheckValue", text: value) }
                        }
                    }
                }
            }
            for group in model.itemGroups { itemGroup(group, out) }
            for item in model.items { itemDef(item, out) }
            for list in model.codeLists { codeList(list, out) }
            for method in model.methods {
                out.element("MethodDef", [("OID", method.oid), ("Name", method.name), ("Type", method.type)]) {
                    description(method.description, out)
                }
            }
            for comment in model.comments {
                out.element("def:CommentDef", [("OID", comment.oid)]) { description(comment.text, out) }
            }
            for leaf in model.leaves { self.leaf(leaf, out) }
        }
    }

    private static func description(_ text: String, _ out: XMLStream, element: String = "Description") {
        out.element(element) { out.element("TranslatedText", [("xml:lang", "en")], text: text) }
    }

    private static func itemRef(_ ref: DefineItemRef, _ out: XMLStream) {
        out.element("ItemRef", [
            ("ItemOID", ref.itemOID), ("OrderNumber", String(ref.orderNumber)), ("Mandatory", ref.mandatory ? "Yes" : "No"),
            ("KeySequence", ref.keySequence.map(String.init)), ("MethodOID", ref.methodOID), ("Role", ref.role),
            ("def:HasNoData", ref.hasNoData ? "Yes" : nil),
        ]) {
            for oid in ref.whereClauseOIDs { out.element("def:WhereClauseRef", [("WhereClauseOID", oid)]) }
        }
    }

    private static func itemGroup(_ group: DefineItemGroup, _ out: XMLStream) {
        out.element("ItemGroupDef", [
            ("OID", group.oid), ("Domain", group.domain), ("Name", group.name), ("Repeating", group.repeating ? "Yes" : "No"),
            ("IsReferenceData", group.isReferenceData ? "Yes" : "No"), ("SASDatasetName", group.sasDatasetName),
            ("def:Structure", group.structure), ("Purpose", group.purpose), ("def:StandardOID", group.standardOID),
            ("def:ArchiveLocationID", group.archiveLocationID), ("def:CommentOID", group.commentOID),
        ]) {
            description(group.description, out)
            for ref in group.itemRefs { itemRef(ref, out) }
            if let text = group.domainDescription {
                out.element("Alias", [("Context", "DomainDescription"), ("Name", text)])
            }
            out.element("def:Class", [("Name", group.className)])
            if let leaf = group.leaf { self.leaf(leaf, out) }
        }
    }

    private static func itemDef(_ item: DefineItem, _ out: XMLStream) {
        out.element("ItemDef", [
            ("OID", item.oid), ("Name", item.name), ("DataType", item.dataType), ("Length", item.length.map(String.init)),
            ("SignificantDigits", item.significantDigits.map(String.init)), ("SASFieldName", item.sasFieldName),
            ("def:CommentOID", item.commentOID),
        ]) {
            description(item.description, out)
            if let oid = item.codeListOID { out.element("CodeListRef", [("CodeListOID", oid)]) }
            if let origin = item.origin {
                out.element("def:Origin", [("Type", origin.type.rawValue), ("Source", origin.source)]) {
                    if let text = origin.description { description(text, out) }
                }
            }
            if let oid = item.valueListOID { out.element("def:ValueListRef", [("ValueListOID", oid)]) }
        }
    }

    private static func codeList(_ list: DefineCodeList, _ out: XMLStream) {
        out.element("CodeList", [
            ("OID", list.oid), ("Name", list.name), ("DataType", list.dataType), ("def:StandardOID", list.standardOID),
            ("def:IsNonStandard", list.external == nil ? nil : "Yes"), ("def:CommentOID", list.commentOID),
        ]) {
            for (n, term) in list.terms.enumerated() {
                let attributes = [("CodedValue", term.codedValue), ("OrderNumber", String(n + 1)),
                                  ("def:ExtendedValue", term.extended ? "Yes" : nil)]
                out.element(list.decoded ? "CodeListItem" : "EnumeratedItem", attributes) {
                    if list.decoded { description(term.decode ?? term.codedValue, out, element: "Decode") }
                    if let code = term.code { out.element("Alias", [("Context", "nci:ExtCodeID"), ("Name", code)]) }
                }
            }
            if let external = list.external {
                out.element("ExternalCodeList", [("Dictionary", external.dictionary), ("Version", external.version),
                                                 ("href", external.href)])
            }
            if let code = list.code { out.element("Alias", [("Context", "nci:ExtCodeID"), ("Name", code)]) }
        }
    }

    private static func leaf(_ leaf: DefineLeaf, _ out: XMLStream) {
        out.element("def:leaf", [("ID", leaf.id), ("xlink:href", leaf.href)]) {
            out.element("def:title", text: leaf.title)
        }
    }
}

/// A thin, failure-recording wrapper over xmlTextWriter writing into memory.
final class XMLStream {
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?
    private var failure: String?
    /// Open elements, with the OID (or ID) that identifies each, for reports.
    private var open: [(name: String, oid: String?)] = []
    private(set) var findings: [DefineFinding] = []

    init() throws(DefineError) {
        guard let buffer = xmlBufferCreate() else { throw .writerFailed("xmlBufferCreate returned NULL") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .writerFailed("xmlNewTextWriterMemory returned NULL")
        }
        self.buffer = buffer
        self.writer = writer
        check(xmlTextWriterSetIndent(writer, 1), "set indent")
        check(xmlTextWriterSetIndentString(writer, xc("  ")), "set indent string")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    func document(stylesheet: String?, _ body: () -> Void) {
        guard let writer else { return }
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
        if let href = stylesheet {
            let target = Self.escapePseudoAttribute(clean(href, "the stylesheet reference"))
            check(xmlTextWriterWritePI(writer, xc("xml-stylesheet"), xc("type=\"text/xsl\" href=\"\(target)\"")),
                  "write the xml-stylesheet instruction")
        }
        body()
        check(xmlTextWriterEndDocument(writer), "end the document")
    }

    /// An element with its attributes (nil values are left out), then its content.
    func element(_ name: String, _ attributes: [(String, String?)] = [], text: String? = nil, _ body: () -> Void = {}) {
        guard let writer else { return }
        check(xmlTextWriterStartElement(writer, xc(name)), "start \(name)")
        let oid = attributes.first { $0.0 == "OID" || $0.0 == "ID" }?.1
        open.append((name, oid))
        for case let (attribute, value?) in attributes {
            let cleaned = clean(value, "attribute \(attribute)")
            check(xmlTextWriterWriteAttribute(writer, xc(attribute), xc(cleaned)), "write \(name)/@\(attribute)")
        }
        if let text { check(xmlTextWriterWriteString(writer, xc(clean(text, "text"))), "write the text of \(name)") }
        body()
        check(xmlTextWriterEndElement(writer), "end \(name)")
        open.removeLast()
    }

    /// The document's bytes; the writer is freed (and flushed) first.
    func finish() throws(DefineError) -> (bytes: [UInt8], findings: [DefineFinding]) {
        if let writer { xmlFreeTextWriter(writer) }
        writer = nil
        if let failure { throw .writerFailed(failure) }
        guard let content = xmlBufferContent(buffer) else { throw .writerFailed("the output buffer is empty") }
        return (Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer)))), findings)
    }

    private func check(_ rc: Int32, _ what: String) {
        if rc < 0, failure == nil { failure = "could not \(what) (libxml2 returned \(rc))" }
    }

    /// The text without the characters XML 1.0 forbids: C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF.
    private func clean(_ s: String, _ what: String) -> String {
        guard s.unicodeScalars.contains(where: { !Self.allowed($0) }) else { return s }
        var scalars = String.UnicodeScalarView()
        var removed: [String] = []
        for scalar in s.unicodeScalars {
            if Self.allowed(scalar) { scalars.append(scalar) } else { removed.append("U+" + Self.hex(scalar.value)) }
        }
        let owner = open.last { $0.oid != nil }
        let place = open.last.map { "\(what) of \($0.name)" } ?? what
        let ownerText = owner.map { " in \($0.name) \($0.oid!)" } ?? ""
        findings.append(DefineFinding(
            .warning, "define.text.control-stripped", line: currentLine(),
            "\(removed.joined(separator: ", ")) removed from the \(place)\(ownerText): XML 1.0 cannot carry control characters",
            hint: "remove the control characters from the source (spec, study definition, mapping or data)"))
        return String(scalars)
    }

    /// The text as the writer writes it.
    static func stripped(_ s: String) -> String {
        s.unicodeScalars.allSatisfy(allowed) ? s : String(String.UnicodeScalarView(s.unicodeScalars.filter(allowed)))
    }

    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v >= 0x20 ? v != 0xFFFE && v != 0xFFFF : v == 0x09 || v == 0x0A || v == 0x0D
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The line being written (1-based), for reports.
    private func currentLine() -> Int? {
        guard let writer else { return nil }
        xmlTextWriterFlush(writer)
        guard let content = xmlBufferContent(buffer) else { return nil }
        let bytes = UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer)))
        return bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// A pseudo-attribute value of the xml-stylesheet instruction: markup characters as entity references.
    static func escapePseudoAttribute(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
