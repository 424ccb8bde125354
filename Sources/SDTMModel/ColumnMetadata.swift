/// What a written dataset says about one of its columns: the facts that XPT, Dataset-JSON and
/// define.xml all describe, computed once from the spec and the data actually written.
public struct ColumnMetadata: Sendable, Hashable {
    /// The data type as Define-XML and Dataset-JSON name it.
    public enum DataType: String, Sendable, Hashable {
        case text, integer, float, date, datetime, partialDate, partialDatetime
    }

    public var name: String
    public var label: String
    public var type: VariableType
    public var dataType: DataType
    /// Character columns: the longest value in bytes (at least 1). Numeric columns: 8.
    public var length: Int
    /// Float columns: the most digits after the decimal point among the values.
    public var significantDigits: Int?
    /// 1-based position among the dataset's keys, when the column is one.
    public var keySequence: Int?
    /// `IT.<dataset>.<variable>`, the OID that define.xml and Dataset-JSON share.
    public var oid: String
    /// Index into each record's values.
    public var index: Int

    /// Metadata of the columns a dataset writes (`Dataset.emittedColumns`), in order.
    public static func of(_ dataset: Dataset) -> [ColumnMetadata] {
        let keys = dataset.spec.keys
        return dataset.emittedColumns.map { i in
            let spec = dataset.spec.variables[i]
            var maxBytes = 0
            var integral = true
            var digits = 0
            var allDates = true
            var allDateTimes = true
            var anyTime = false
            var anyValue = false
            for record in dataset.records {
                switch record.values[i] {
                case .null:
                    continue
                case .text(let s):
                    anyValue = true
                    maxBytes = max(maxBytes, s.utf8.count)
                    if spec.name.hasSuffix("DTC") {
                        let n = s.utf8.count
                        if n != 10 { allDates = false }
                        if n < 16 { allDateTimes = false }
                        if n > 10 { anyTime = true }
                    }
                case .number(let d):
                    anyValue = true
                    if d != d.rounded() {
                        integral = false
                        let text = Value.format(d)
                        if let dot = text.firstIndex(of: ".") { digits = max(digits, text.distance(from: dot, to: text.endIndex) - 1) }
                    }
                }
            }
            let dataType: DataType
            switch spec.type {
            case .num: dataType = integral ? .integer : .float
            case .char:
                if !spec.name.hasSuffix("DTC") || !anyValue { dataType = .text }
                else if allDates { dataType = .date }
                else if allDateTimes { dataType = .datetime }
                else { dataType = anyTime ? .partialDatetime : .partialDate }
            }
            return ColumnMetadata(
                name: spec.name, label: spec.label, type: spec.type, dataType: dataType,
                length: spec.type == .num ? 8 : max(1, maxBytes),
                significantDigits: dataType == .float ? digits : nil,
                keySequence: keys.firstIndex(of: spec.name).map { $0 + 1 },
                oid: "IT.\(dataset.name).\(spec.name)", index: i)
        }
    }
}
