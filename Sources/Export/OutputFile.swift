#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A file created (or emptied) for writing, whose bytes go to the system as they are given: no buffer, no hash. The
/// building block of `FileSink`, and, being `Sendable`, what a writer uses to write on one thread what another hashes.
/// A file not closed (a write that failed) is closed when released.
public final class OutputFile: Sendable {
    public let path: String
    private let descriptor: Int32
    private let closed = Atomic<Bool>(false)

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

    /// Closes the file, after the last write; closing it again does nothing.
    public func close() throws(ExportError) {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        guard Self.close(descriptor) == 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
    }

    deinit {
        if !closed.load(ordering: .relaxed) { _ = Self.close(descriptor) }
    }

    private static func close(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }
}
