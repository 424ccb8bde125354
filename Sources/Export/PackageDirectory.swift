import Foundation

/// Writes a package into a temporary sibling folder and renames it into place, so that a failed or
/// killed run leaves the previous package as it was.
public struct PackageDirectory {
    public let destination: String
    /// Where files are written until `commit()`.
    public let staging: String

    /// Refuses a destination that exists but is not a package this tool wrote (an empty folder, or one with a
    /// manifest.json): replacing it would delete someone's files.
    public init(destination: String) throws(ExportError) {
        let target = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = target.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
            guard isDirectory.boolValue, contents.isEmpty || contents.contains(Manifest.fileName) else {
                throw .notAPackage(target.path)
            }
        }
        let parent = target.deletingLastPathComponent().path
        staging = parent + "/." + target.lastPathComponent + ".partial-\(getpid())"
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: staging) { try fm.removeItem(atPath: staging) }
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw .cannotCreateDirectory(staging, "\(error.localizedDescription)")
        }
    }

    /// Replaces the destination with the staged package.
    public func commit() throws(ExportError) {
        let fm = FileManager.default
        let old = staging + ".old"
        do {
            if fm.fileExists(atPath: destination) { try fm.moveItem(atPath: destination, toPath: old) }
            try fm.moveItem(atPath: staging, toPath: destination)
            if fm.fileExists(atPath: old) { try fm.removeItem(atPath: old) }
        } catch {
            throw .cannotReplace(destination, "\(error.localizedDescription)")
        }
    }

    /// Removes the staged files after a failure.
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
