internal import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// define.html through libxslt: the user's XSLT 1.0 stylesheet (CDISC's define2-1.xsl) applied to define.xml.
enum StylesheetRenderer {
    static func render(_ xml: [UInt8], stylesheet path: String) throws(DefineError) -> [UInt8] {
        // libxslt prints its own message for a file it cannot open; say it once, here.
        guard access(path, R_OK) == 0 else {
            throw .stylesheetUnreadable(path: path, [DefineFinding(.error, "define.stylesheet", line: nil,
                                                                   "\(path) does not exist or cannot be read")])
        }
        let collector = IssueCollector(rule: "define.stylesheet")
        collector.keepWarnings = false
        guard let doc = readDocument(xml, collector: collector) else {
            throw .notWellFormed(collector.findings.isEmpty
                ? [DefineFinding(.error, "define.xml.syntax", line: nil, "the document is empty")] : collector.findings)
        }
        defer { xmlFreeDoc(doc) }
        let result: Result<[UInt8], DefineError> = collector.capture { _ in
            guard let style = xsltParseStylesheetFile(xc(path)) else {
                return .failure(.stylesheetUnreadable(path: path, collector.findings.isEmpty
                    ? [DefineFinding(.error, "define.stylesheet", line: nil, "\(path) is missing or is not an XSLT stylesheet")]
                    : collector.findings))
            }
            defer { xsltFreeStylesheet(style) }
            guard let output = xsltApplyStylesheet(style, doc, nil) else {
                return .failure(.transformFailed("the stylesheet \(path) produced no document"))
            }
            defer { xmlFreeDoc(output) }
            var text: UnsafeMutablePointer<xmlChar>?
            var length: Int32 = 0
            guard xsltSaveResultToString(&text, &length, output, style) == 0 else {
                return .failure(.transformFailed("the result of \(path) could not be serialised"))
            }
            guard let text else { return .success([]) }
            defer { clibxml2_free(text) }
            return .success(Array(UnsafeBufferPointer(start: text, count: Int(length))))
        }
        return try result.get()
    }
}
