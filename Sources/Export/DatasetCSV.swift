import SDTMModel

/// What was written for one file of the package.
public struct WrittenFile: Sendable, Codable, Hashable {
    public var file: String
    public var records: Int
    public var bytes: Int
    public var sha256: String

    public init(file: String, records: Int, bytes: Int, sha256: String) {
        self.file = file
        self.records = records
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// Writes a dataset as `<name>.csv`: a header of variable names, then one line per record, columns in spec order.
public enum DatasetCSV {
    /// `columns` are the record positions to write (default: the dataset's emitted columns).
    public static func write(_ dataset: Dataset, columns: [Int]? = nil, to directory: String) throws(ExportError) -> WrittenFile {
        let name = dataset.name.lowercased() + ".csv"
        let sink = try FileSink(path: directory + "/" + name)
        let columns = columns ?? dataset.emittedColumns
        try sink.write(CSVWriter.line(columns.map { dataset.spec.variables[$0].name }))
        let cells = EncodedColumns(joining: dataset, columns: columns, separator: 0x2C) { value, out in
            switch value {
            case .null: break
            case .text(let s): CSVWriter.append(s, to: &out)
            case .number(let d): CSVWriter.append(Value.format(d), to: &out)
            }
        }
        let batches = stride(from: 0, to: dataset.count, by: 4096).map { $0..<min($0 + 4096, dataset.count) }
        if dataset.count < 100_000 {
            for batch in batches { try sink.write(bytes: cells.lines(batch, separator: 0x2C)) }
        } else {
            // A large dataset's lines are encoded on one core while this one hashes and writes them.
            var failure: ExportError?
            pipelined(capacity: 8, produce: { yield in
                for batch in batches { yield(cells.lines(batch, separator: 0x2C)) }
            }, consume: { lines in
                guard failure == nil else { return }
                do throws(ExportError) { try sink.write(bytes: lines) } catch { failure = error }
            })
            if let failure { throw failure }
        }
        let bytes = sink.bytesWritten
        let hash = try sink.close()
        return WrittenFile(file: name, records: dataset.count, bytes: bytes, sha256: hash)
    }
}
