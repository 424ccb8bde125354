import SDTMModel
import Synchronization

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
        let path = directory + "/" + name
        let columns = columns ?? dataset.emittedColumns
        let header = Array(CSVWriter.line(columns.map { dataset.spec.variables[$0].name }).utf8)
        let cells = EncodedColumns(joining: dataset, columns: columns, separator: 0x2C) { value, out in
            switch value {
            case .null: break
            case .text(let s): CSVWriter.append(s, to: &out)
            case .number(let d): CSVWriter.append(Value.format(d), to: &out)
            }
        }
        let batches = stride(from: 0, to: dataset.count, by: 4096).map { $0..<min($0 + 4096, dataset.count) }
        let bytes: Int, hash: String
        if dataset.count < recordsWorthSplitting {
            let sink = try FileSink(path: path)
            try sink.write(bytes: header)
            for batch in batches { try sink.write(bytes: cells.lines(batch, separator: 0x2C)) }
            bytes = sink.bytesWritten
            hash = try sink.close()
        } else {
            // A large dataset's lines are encoded and written on one core while this one hashes them: hashing takes
            // about as long as the other two together.
            let file = try OutputFile(path: path)
            try file.write(header)
            var hasher = SHA256()
            hasher.update(header)
            var count = header.count
            let failure = Mutex<ExportError?>(nil)
            pipelined(capacity: 8, produce: { yield in
                for batch in batches {
                    let lines = cells.lines(batch, separator: 0x2C)
                    do throws(ExportError) {
                        try file.write(lines)
                    } catch {
                        failure.withLock { $0 = error }
                        return
                    }
                    yield(lines)
                }
            }, consume: { lines in
                hasher.update(lines)
                count += lines.count
            })
            if let failure = failure.withLock({ $0 }) { throw failure }
            try file.close()
            bytes = count
            hash = hasher.finalize().hex
        }
        return WrittenFile(file: name, records: dataset.count, bytes: bytes, sha256: hash)
    }
}
