import SDTMModel

/// What was written for one file of the package.
public struct WrittenFile: Sendable, Codable, Hashable {
    public var file: String
    public var records: Int
    public var bytes: Int
    public var sha256: String
}

/// Writes a dataset as `<name>.csv`: a header of variable names, then one line per record, columns in spec order.
public enum DatasetCSV {
    public static func write(_ dataset: Dataset, to directory: String) throws(ExportError) -> WrittenFile {
        let name = dataset.name.lowercased() + ".csv"
        let sink = try FileSink(path: directory + "/" + name)
        let columns = dataset.emittedColumns
        try sink.write(CSVWriter.line(columns.map { dataset.spec.variables[$0].name }))
        for record in dataset.records {
            try sink.write(CSVWriter.line(columns.map { record.values[$0].text }))
        }
        let bytes = sink.bytesWritten
        let hash = try sink.close()
        return WrittenFile(file: name, records: dataset.records.count, bytes: bytes, sha256: hash)
    }
}
