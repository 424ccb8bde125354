import Ingest
import SDTMModel

/// `rejects.csv`: every raw row that is not in a dataset, with the rule and the reason.
public enum RejectLog {
    public static let fileName = "rejects.csv"

    public static func write(_ rejections: [Rejection], to directory: String) throws(ExportError) -> WrittenFile {
        let sink = try FileSink(path: directory + "/" + fileName)
        try sink.write(CSVWriter.line(["file", "line", "severity", "rule", "reason"]))
        for r in rejections.sorted(by: { ($0.file, $0.line, $0.rule) < ($1.file, $1.line, $1.rule) }) {
            try sink.append { CSVWriter.append(line: [r.file, String(r.line), r.severity.rawValue, r.rule, r.reason], to: &$0) }
        }
        let bytes = sink.bytesWritten
        return WrittenFile(file: fileName, records: rejections.count, bytes: bytes, sha256: try sink.close())
    }
}

/// `findings.csv`: every diagnostic of the run, for values that were mapped with a problem.
public enum FindingsLog {
    public static let fileName = "findings.csv"

    public static func write(_ diagnostics: [Diagnostic], to directory: String) throws(ExportError) -> WrittenFile {
        let sink = try FileSink(path: directory + "/" + fileName)
        try sink.write(CSVWriter.line(["severity", "rule", "file", "line", "column", "message", "fix"]))
        for d in diagnostics {
            let at = d.location
            let fields = [
                d.severity.rawValue, d.rule, at?.file ?? "", at.map { String($0.line) } ?? "",
                at?.column.map(String.init) ?? "", d.message, d.hint ?? "",
            ]
            try sink.append { CSVWriter.append(line: fields, to: &$0) }
        }
        let bytes = sink.bytesWritten
        return WrittenFile(file: fileName, records: diagnostics.count, bytes: bytes, sha256: try sink.close())
    }
}
