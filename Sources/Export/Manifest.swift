import Foundation

/// `manifest.json`: what went in and what came out, so that every raw row can be accounted for.
public struct Manifest: Codable, Sendable {
    /// One raw file: rows read = rows mapped + rows rejected.
    public struct RawFile: Codable, Sendable, Hashable {
        public var file: String
        public var rowsRead: Int
        public var rowsMapped: Int
        public var rowsRejected: Int
        public var bytes: Int
        /// Why the file could not be read; its rows are then in no dataset and not counted.
        public var unreadable: String?
        public init(file: String, rowsRead: Int, rowsMapped: Int, rowsRejected: Int, bytes: Int, unreadable: String? = nil) {
            self.file = file
            self.rowsRead = rowsRead
            self.rowsMapped = rowsMapped
            self.rowsRejected = rowsRejected
            self.bytes = bytes
            self.unreadable = unreadable
        }
    }

    public var study: String
    public var created: String
    public var standard: String
    public var terminology: String
    public var rawFiles: [RawFile]
    public var datasets: [WrittenFile]
    public var reports: [WrittenFile]
    public var errors: Int
    public var warnings: Int

    public init(study: String, created: String, standard: String, terminology: String, rawFiles: [RawFile],
                datasets: [WrittenFile], reports: [WrittenFile], errors: Int, warnings: Int) {
        self.study = study
        self.created = created
        self.standard = standard
        self.terminology = terminology
        self.rawFiles = rawFiles
        self.datasets = datasets
        self.reports = reports
        self.errors = errors
        self.warnings = warnings
    }

    public static let fileName = "manifest.json"

    public func write(to directory: String) throws(ExportError) {
        _ = try JSONFile.write(self, name: Self.fileName, records: rawFiles.count, to: directory)
    }
}
