import SDTMModel

/// What Dataset-JSON needs beyond the dataset itself: the file's provenance and its links to define.xml.
public struct DatasetJSONContext: Sendable {
    /// The study's OID: Dataset-JSON's `studyOID` is a foreign key to define.xml's `Study/@OID`,
    /// so this must be the OID define.xml gives the study.
    public var studyOID: String
    /// define.xml's `MetaDataVersion/@OID` (e.g. `MDV.1`).
    public var metaDataVersionOID: String
    /// The URI of the metadata file (e.g. `define.xml`, relative to the dataset); omitted when nil.
    public var metaDataRef: String?
    /// `datasetJSONCreationDateTime`: ISO 8601 `YYYY-MM-DDThh:mm:ss` with optional fraction and offset.
    /// Taken from the study definition, not the clock, so that two exports are byte-identical.
    public var creationDateTime: String
    /// `dbLastModifiedDateTime`: when the source data last changed, on or before `creationDateTime`; omitted when nil.
    public var dbLastModifiedDateTime: String?
    /// The organization that generated the files (the sponsor).
    public var originator: String
    /// `sourceSystem.name`: the program that wrote the files.
    public var sourceSystemName: String
    /// `sourceSystem.version`.
    public var sourceSystemVersion: String

    public init(studyOID: String, metaDataVersionOID: String, metaDataRef: String? = "define.xml",
                creationDateTime: String, dbLastModifiedDateTime: String? = nil, originator: String,
                sourceSystemName: String = "sdtm", sourceSystemVersion: String) {
        self.studyOID = studyOID
        self.metaDataVersionOID = metaDataVersionOID
        self.metaDataRef = metaDataRef
        self.creationDateTime = creationDateTime
        self.dbLastModifiedDateTime = dbLastModifiedDateTime
        self.originator = originator
        self.sourceSystemName = sourceSystemName
        self.sourceSystemVersion = sourceSystemVersion
    }

    /// The `fileOID` of a dataset's file: `<studyOID>/<metaDataVersionOID>/<creationDateTime>/<dataset>`,
    /// unique per study, metadata version, export and dataset, and deterministic.
    public func fileOID(dataset name: String) -> String {
        "\(studyOID)/\(metaDataVersionOID)/\(creationDateTime)/\(name)"
    }
}

/// The two representations of Dataset-JSON 1.1.
public enum DatasetJSONFormat: Sendable {
    /// `<name>.json`: one JSON object, metadata first and `rows` last (one row per line).
    case json
    /// `<name>.ndjson`: line 1 the metadata object (no `rows`), then one JSON array per record and line.
    case ndjson

    var fileExtension: String {
        switch self {
        case .json: "json"
        case .ndjson: "ndjson"
        }
    }
}

/// Writes a dataset as CDISC Dataset-JSON 1.1, streamed through a `FileSink`.
///
/// Attributes are in the order the specification gives (metadata first, `rows` last, for streaming readers).
/// Each column's `dataType` follows the specification's "Supported Column Data Type Combinations":
/// - `text`: `"string"`, with `length`;
/// - `integer`: `"integer"`, values as JSON integers (no decimal point);
/// - `float`: `"decimal"` with `targetDataType` `"decimal"`, values as JSON strings in plain decimal notation
///   (`"72.5"`, `"0.00001"`). The specification's section "Decimal Variables" exchanges decimals as strings "to
///   represent terminating decimal fractions without rounding": SDTM numbers are such collected decimals (doses,
///   results, VISITNUM 1.1), which a JSON number (`float`/`double`) hands to readers as binary floating point;
/// - `date`/`partialDate`: `"date"`, `datetime`/`partialDatetime`: `"datetime"`, values as ISO 8601 strings, without
///   `targetDataType` and `length` ("does not need to be mentioned for SDTM datasets"; the published SDTM example
///   gives partial dates such as BRTHDTC `"1928"` the type `"date"` too).
///
/// Missing values (and non-finite numbers) are `null`; strings are escaped as `JSONText` describes. `keySequence` is
/// written for key variables, `displayFormat` never.
public enum DatasetJSONWriter {
    /// The Dataset-JSON version written.
    public static let version = "1.1.0"

    /// Writes `<dataset lowercased>.json` or `.ndjson` into `directory` and returns what was written.
    /// - Parameters:
    ///   - columns: the columns to write, in order (`ColumnMetadata.of(dataset)`); their `index` points into each record.
    ///   - label: the dataset's label (`label` attribute).
    public static func write(_ dataset: Dataset, columns: [ColumnMetadata], label: String, context: DatasetJSONContext,
                             format: DatasetJSONFormat, to directory: String) throws(ExportError) -> WrittenFile {
        let name = dataset.name.lowercased() + "." + format.fileExtension
        let sink = try FileSink(path: directory + "/" + name)
        do {
            try sink.write(bytes: metadata(dataset, columns: columns, label: label, context: context))
            try writeRows(dataset, columns: columns, format: format, to: sink)
        } catch {
            _ = try? sink.close()
            throw error
        }
        let bytes = sink.bytesWritten
        let hash = try sink.close()
        return WrittenFile(file: name, records: dataset.count, bytes: bytes, sha256: hash)
    }

    /// The `dataType` and `targetDataType` of a column (see the type's documentation).
    static func dataTypes(_ type: ColumnMetadata.DataType) -> (dataType: StaticString, target: StaticString?) {
        switch type {
        case .text: ("string", nil)
        case .integer: ("integer", nil)
        case .float: ("decimal", "decimal")
        case .date, .partialDate: ("date", nil)
        case .datetime, .partialDatetime: ("datetime", nil)
        }
    }

    /// The metadata object up to `columns` included, without its closing brace.
    private static func metadata(_ dataset: Dataset, columns: [ColumnMetadata], label: String,
                                 context: DatasetJSONContext) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + 160 * columns.count)
        func member(_ key: StaticString) {
            out.append(out.isEmpty ? 0x7B : 0x2C)
            out.append(0x22)
            JSONText.appendRaw(key, to: &out)
            JSONText.appendRaw("\":", to: &out)
        }
        func member(_ key: StaticString, _ value: String) {
            member(key)
            JSONText.appendString(value, to: &out)
        }
        member("datasetJSONCreationDateTime", context.creationDateTime)
        member("datasetJSONVersion", version)
        member("fileOID", context.fileOID(dataset: dataset.name))
        if let modified = context.dbLastModifiedDateTime { member("dbLastModifiedDateTime", modified) }
        member("originator", context.originator)
        member("sourceSystem")
        JSONText.appendRaw("{\"name\":", to: &out)
        JSONText.appendString(context.sourceSystemName, to: &out)
        JSONText.appendRaw(",\"version\":", to: &out)
        JSONText.appendString(context.sourceSystemVersion, to: &out)
        out.append(0x7D)
        member("studyOID", context.studyOID)
        member("metaDataVersionOID", context.metaDataVersionOID)
        if let ref = context.metaDataRef { member("metaDataRef", ref) }
        member("itemGroupOID", "IG." + dataset.name)
        member("records")
        JSONText.appendInteger(dataset.count, to: &out)
        member("name", dataset.name)
        member("label", label)
        member("columns")
        out.append(0x5B)
        for (n, column) in columns.enumerated() {
            let types = dataTypes(column.dataType)
            JSONText.appendRaw(n == 0 ? "{\"itemOID\":" : ",{\"itemOID\":", to: &out)
            JSONText.appendString(column.oid, to: &out)
            JSONText.appendRaw(",\"name\":", to: &out)
            JSONText.appendString(column.name, to: &out)
            JSONText.appendRaw(",\"label\":", to: &out)
            JSONText.appendString(column.label, to: &out)
            JSONText.appendRaw(",\"dataType\":\"", to: &out)
            JSONText.appendRaw(types.dataType, to: &out)
            out.append(0x22)
            if let target = types.target {
                JSONText.appendRaw(",\"targetDataType\":\"", to: &out)
                JSONText.appendRaw(target, to: &out)
                out.append(0x22)
            }
            if column.dataType == .text {
                JSONText.appendRaw(",\"length\":", to: &out)
                JSONText.appendInteger(column.length, to: &out)
            }
            if let key = column.keySequence {
                JSONText.appendRaw(",\"keySequence\":", to: &out)
                JSONText.appendInteger(key, to: &out)
            }
            out.append(0x7D)
        }
        out.append(0x5D)
        return out
    }

    /// How a column's numbers are written.
    private enum Cell {
        case string, integer, decimal
    }

    private static func writeRows(_ dataset: Dataset, columns: [ColumnMetadata], format: DatasetJSONFormat,
                                  to sink: FileSink) throws(ExportError) {
        let width = dataset.spec.variables.count
        let indices = columns.map { column in
            precondition(column.index < width, "\(column.name) is not a column of \(dataset.name)")
            return column.index
        }
        let cells: [Cell] = columns.map {
            switch $0.dataType {
            case .integer: .integer
            case .float: .decimal
            default: .string
            }
        }
        let encoded = EncodedColumns<Never>(dataset, columns: indices) { value, n, out in
            append(value, as: cells[n], to: &out)
            return nil
        }
        /// One record as a JSON array, values in column order.
        func appendRow(_ row: Int, to out: inout [UInt8]) {
            out.append(0x5B)
            for n in indices.indices {
                if n > 0 { out.append(0x2C) }
                encoded.append(row: row, column: n, to: &out)
            }
            out.append(0x5D)
        }
        switch format {
        case .json:
            if dataset.isEmpty {
                try sink.write(",\"rows\":[]}\n")
                return
            }
            try sink.write(",\"rows\":[\n")
            for row in 0..<dataset.count {
                try sink.append { out in
                    if row > 0 { JSONText.appendRaw(",\n", to: &out) }
                    appendRow(row, to: &out)
                }
            }
            try sink.write("\n]}\n")
        case .ndjson:
            try sink.write("}\n")
            for row in 0..<dataset.count {
                try sink.append { out in
                    appendRow(row, to: &out)
                    out.append(0x0A)
                }
            }
        }
    }

    /// One value as a JSON cell of its column's kind.
    private static func append(_ value: Value, as cell: Cell, to out: inout [UInt8]) {
        switch value {
        case .null:
            JSONText.appendRaw("null", to: &out)
        case .text(let text):
            JSONText.appendString(text, to: &out)
        case .number(let number):
            if !number.isFinite {
                JSONText.appendRaw("null", to: &out)
            } else if cell == .integer {
                JSONText.appendNumber(number, to: &out)
            } else {
                out.append(0x22)
                JSONText.appendNumber(number, to: &out)
                out.append(0x22)
            }
        }
    }
}
