import Foundation

/// Writes an Encodable value as pretty-printed JSON with sorted keys (deterministic), through a FileSink.
public enum JSONFile {
    public static func write(_ value: some Encodable, name: String, records: Int, to directory: String) throws(ExportError) -> WrittenFile {
        let path = directory + "/" + name
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw .cannotWrite(path, "\(error)")
        }
        let sink = try FileSink(path: path)
        try sink.write(bytes: data)
        try sink.write("\n")
        let bytes = sink.bytesWritten
        return WrittenFile(file: name, records: records, bytes: bytes, sha256: try sink.close())
    }
}
