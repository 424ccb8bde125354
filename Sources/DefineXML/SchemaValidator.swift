internal import CLibXML2

/// The Define-XML 2.1 schema, parsed once and shared: each validation has its own libxml2 context, so one
/// `DefineSchema` validates documents from several tasks at once.
public final class DefineSchema: @unchecked Sendable {
    /// Parsed once in `init` and only read afterwards (libxml2 allows concurrent validations of one schema).
    private let schema: xmlSchemaPtr
    public let path: String

    /// Loads `<directory>/cdisc-define-2.1/define2-1-0.xsd`, the entry schema of the official package, with its
    /// imports resolved relative to it (nothing is fetched from the network).
    public convenience init(directory: String) throws(DefineError) {
        try self.init(file: directory + "/cdisc-define-2.1/define2-1-0.xsd")
    }

    public init(file: String) throws(DefineError) {
        _ = libxmlInitialized
        path = file
        let collector = IssueCollector(rule: "define.schema.load")
        collector.keepWarnings = false
        let parsed: xmlSchemaPtr? = collector.capture { context in
            guard let parser = xmlSchemaNewParserCtxt(file) else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(parser, IssueCollector.handler, context)
            return xmlSchemaParse(parser)
        }
        guard let parsed else {
            throw .schemaUnreadable(path: file, collector.findings.isEmpty
                ? [DefineFinding(.error, "define.schema.load", line: nil, "\(file) cannot be read as an XML schema")]
                : collector.findings)
        }
        schema = parsed
    }

    deinit { xmlSchemaFree(schema) }

    /// Schema-validity errors, each with the line of the element concerned; none when the document is valid.
    /// A document that is not well-formed gives its syntax errors.
    public func validate(_ xml: [UInt8]) -> [DefineFinding] {
        let collector = IssueCollector(rule: "define.schema")
        guard let doc = readDocument(xml, collector: collector) else {
            return collector.findings.isEmpty
                ? [DefineFinding(.error, "define.xml.syntax", line: nil, "the document is empty")]
                : collector.findings.map { DefineFinding($0.severity, "define.xml.syntax", line: $0.line, $0.message) }
        }
        defer { xmlFreeDoc(doc) }
        let rc: Int32 = collector.capture { context in
            guard let validator = xmlSchemaNewValidCtxt(schema) else { return -1 }
            defer { xmlSchemaFreeValidCtxt(validator) }
            xmlSchemaSetValidStructuredErrors(validator, IssueCollector.handler, context)
            return xmlSchemaValidateDoc(validator, doc)
        }
        if rc < 0, collector.findings.isEmpty {
            collector.findings.append(DefineFinding(.error, "define.schema", line: nil,
                                                    "libxml2 could not validate the document (internal error \(rc))"))
        }
        return collector.findings.map {
            DefineFinding($0.severity, $0.rule, line: $0.line, $0.message,
                          hint: "the element does not conform to Define-XML 2.1 (\(path.split(separator: "/").last ?? ""))")
        }
    }
}
