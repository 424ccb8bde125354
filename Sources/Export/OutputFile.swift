#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file created (or emptied) for writing, whose bytes go to the system as they are given: no buffer, no hash. The
/// building block of `FileSink`, and, being `Sendable`, what a writer uses to write on one thread what another hashes.
public final class OutputFile: Sendable {
    public let path: String
    private let descriptor: Int32

    public init(path: String) throws(ExportError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        self.path = path
        self.descriptor = descriptor
    }

    /// Writes all of `bytes` after everything written before them.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ExportError) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, next, left)
            #else
            let written = Darwin.write(descriptor, next, left)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path, String(cString: strerror(errno)))
            }
            next += written
            left -= written
        }
    }

    /// `write(_:)` for an array of bytes.
    public func write(_ bytes: [UInt8]) throws(ExportError) {
        let written = bytes.withUnsafeBytes { bytes in Result { () throws(ExportError) in try write(bytes) } }
        try written.get()
    }

    /// Closes the file; call once, after the last write.
    public func close() throws(ExportError) {
        #if canImport(Glibc)
        let closed = Glibc.close(descriptor)
        #else
        let closed = Darwin.close(descriptor)
        #endif
        guard closed == 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
    }
}
