internal import CLibXML2
import SDTMModel

/// libxml2 is initialised once per process, before any use.
let libxmlInitialized: Void = { xmlInitParser() }()

/// A NUL-terminated copy of a string, for libxml2's `const xmlChar *` parameters.
@inline(__always) func xc(_ s: String) -> [xmlChar] { Array(s.utf8) + [0] }

/// Parser options for every document read here: no network access, line numbers past 65535.
let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

/// Collects libxml2's structured errors while one synchronous call runs.
final class IssueCollector {
    var findings: [DefineFinding] = []
    /// Warnings are dropped when false (schema loading warns about imports it skips on purpose).
    var keepWarnings = true
    let rule: String

    init(rule: String) { self.rule = rule }

    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let e = error?.pointee else { return }
        let collector = Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue()
        let severity: Severity = e.level == XML_ERR_WARNING ? .warning : .error
        if severity == .warning, !collector.keepWarnings { return }
        var message = e.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        if let file = e.file.map({ String(cString: $0) }), !file.hasSuffix("define.xml") {
            message = "\(file): \(message)"
        }
        collector.findings.append(DefineFinding(severity, collector.rule, line: e.line > 0 ? Int(e.line) : nil, message))
    }

    /// Runs `body` with libxml2's thread-local structured error handler pointing at this collector.
    /// Nothing in `body` may suspend: the handler belongs to the calling thread.
    func capture<T>(_ body: (UnsafeMutableRawPointer) -> T) -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context, IssueCollector.handler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return withExtendedLifetime(self) { body(context) }
    }
}

/// Reads a document from memory with `parseOptions`; nil when it is not well-formed (the collector says why).
func readDocument(_ bytes: [UInt8], collector: IssueCollector) -> xmlDocPtr? {
    _ = libxmlInitialized
    return collector.capture { _ in
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), "define.xml", nil, parseOptions)
                }
            }
        }
    }
}
