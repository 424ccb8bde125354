/// A report of the run written as a CSV table (e.g. `eligibility.csv`): a header and rows of text.
public enum CSVReport {
    public static func write(_ rows: [[String]], header: [String], name: String, to directory: String) throws(ExportError)
        -> WrittenFile
    {
        let sink = try FileSink(path: directory + "/" + name)
        try sink.write(CSVWriter.line(header))
        for row in rows { try sink.append { CSVWriter.append(line: row, to: &$0) } }
        let bytes = sink.bytesWritten
        return WrittenFile(file: name, records: rows.count, bytes: bytes, sha256: try sink.close())
    }
}
