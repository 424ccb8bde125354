/// A buffered, append-only file writer that also counts and (unless told not to) hashes what it writes.
public final class FileSink {
    public var path: String { file.path }
    private let file: OutputFile
    private var buffer: [UInt8] = []
    private var hasher: SHA256?
    private var flushed = 0

    /// Bytes written so far, including those still buffered.
    public var bytesWritten: Int { flushed + buffer.count }

    /// Without `hashing`, `close()` returns an empty string: for files no manifest lists, where the SHA-256 would
    /// cost as much as building the rows (the sample generator's raw exports).
    public init(path: String, hashing: Bool = true) throws(ExportError) {
        file = try OutputFile(path: path)
        hasher = hashing ? SHA256() : nil
        buffer.reserveCapacity(1 << 20)
    }

    public func write(_ text: String) throws(ExportError) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func write(bytes: some Collection<UInt8>) throws(ExportError) {
        // A large block (a writer's batch of lines) is hashed and written where it is, not copied into the buffer.
        if bytes.count >= 1 << 16 {
            try flush()
            let written: Result<Void, ExportError>? = bytes.withContiguousStorageIfAvailable { block in
                Result { () throws(ExportError) in try put(UnsafeRawBufferPointer(block)) }
            }
            if let written { return try written.get() }
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Lets `body` append bytes to the buffer directly (the fast path for row writers).
    public func append(_ body: (inout [UInt8]) -> Void) throws(ExportError) {
        body(&buffer)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws(ExportError) {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { bytes in Result { () throws(ExportError) in try put(bytes) } }
        try written.get()
        buffer.removeAll(keepingCapacity: true)
    }

    /// Hashes and writes `bytes` after everything written before them.
    private func put(_ bytes: UnsafeRawBufferPointer) throws(ExportError) {
        guard !bytes.isEmpty else { return }
        hasher?.update(bytes)
        try file.write(bytes)
        flushed += bytes.count
    }

    /// Flushes and closes the file; returns the SHA-256 of everything written, in lowercase hex.
    @discardableResult
    public func close() throws(ExportError) -> String {
        try flush()
        try file.close()
        return hasher?.finalize().hex ?? ""
    }
}

/// Why an output could not be written.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    case cannotWrite(String, String)
    case cannotCreateDirectory(String, String)
    case cannotReplace(String, String)
    /// The output path exists and holds something other than a package this tool wrote.
    case notAPackage(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .cannotCreateDirectory(let path, let reason): "cannot create folder \(path): \(reason)"
        case .cannotReplace(let path, let reason): "cannot move the new package into \(path): \(reason)"
        case .notAPackage(let path):
            "\(path) exists and is not an SDTM package written by sdtm (no manifest.json); it is left untouched\n"
                + "  fix: choose another --out, or empty that folder first"
        }
    }
}
