import Export
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered, append-only file for the raw exports: `FileSink` without the SHA-256, which the generator does not
/// need and which costs as much as building the rows.
final class RawFile {
    let path: String
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private var closed = false

    init(path: String) throws(ExportError) {
        guard let handle = fopen(path, "wb") else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        self.path = path
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !closed { fclose(handle) }
    }

    func write(_ text: String) throws(ExportError) {
        try append { out in
            var text = text
            text.withUTF8 { out.append(contentsOf: $0) }
        }
    }

    /// Lets `body` append bytes to the buffer directly.
    func append(_ body: (inout [UInt8]) -> Void) throws(ExportError) {
        body(&buffer)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws(ExportError) {
        guard !closed else { return }
        try flush()
        closed = true
        guard fclose(handle) == 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
    }

    private func flush() throws(ExportError) {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        guard written == buffer.count else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        buffer.removeAll(keepingCapacity: true)
    }
}
