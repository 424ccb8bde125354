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

    /// What one pass over the values learns about a column.
    private struct Profile {
        var anyValue = false
        var maxBytes = 0
        var integral = true
        var digits = 0
        var allDates = true
        var allDateTimes = true
        var anyTime = false
    }

    /// Metadata of the columns a dataset writes (`Dataset.emittedColumns`), in order, from each column's distinct
    /// values that some record uses.
    public static func of(_ dataset: Dataset) -> [ColumnMetadata] { of(dataset, uses: dataset.columnUses) }

    /// `of(dataset)`, given each column's `Column.uses` (`Dataset.columnUses`), when they are counted for other uses too.
    public static func of(_ dataset: Dataset, uses: [[Int]]) -> [ColumnMetadata] {
        let variables = dataset.spec.variables
        let isDTC = variables.map { $0.name.hasSuffix("DTC") }
        // One pass per column over its used values.
        func profile(_ column: Column, uses: [Int], isDTC: Bool) -> Profile {
            var profile = Profile()
            for (code, uses) in uses.enumerated() where uses > 0 {
                switch column.distinct[code] {
                case .null:
                    continue
                case .text(let s):
                    let n = s.utf8.count
                    profile.anyValue = true
                    if n > profile.maxBytes { profile.maxBytes = n }
                    if isDTC {
                        if n != 10 { profile.allDates = false }
                        if n < 16 { profile.allDateTimes = false }
                        if n > 10 { profile.anyTime = true }
                    }
                case .number(let d):
                    profile.anyValue = true
                    if d != d.rounded() {
                        profile.integral = false
                        let text = Value.format(d)
                        if let dot = text.firstIndex(of: ".") {
                            profile.digits = max(profile.digits, text.distance(from: dot, to: text.endIndex) - 1)
                        }
                    }
                }
            }
            return profile
        }
        let profiles = dataset.columns.indices.map { profile(dataset.columns[$0], uses: uses[$0], isDTC: isDTC[$0]) }
        let keys = dataset.spec.keys
        return variables.indices.compactMap { i in
            let spec = variables[i], p = profiles[i]
            guard spec.core != .permissible || p.anyValue else { return nil }
            let dataType: DataType
            switch spec.type {
            case .num: dataType = p.integral ? .integer : .float
            case .char:
                if !isDTC[i] || !p.anyValue { dataType = .text }
                else if p.allDates { dataType = .date }
                else if p.allDateTimes { dataType = .datetime }
                else { dataType = p.anyTime ? .partialDatetime : .partialDate }
            }
            return ColumnMetadata(
                name: spec.name, label: spec.label, type: spec.type, dataType: dataType,
                length: spec.type == .num ? 8 : max(1, p.maxBytes),
                significantDigits: dataType == .float ? p.digits : nil,
                keySequence: keys.firstIndex(of: spec.name).map { $0 + 1 },
                oid: "IT.\(dataset.name).\(spec.name)", index: i)
        }
    }
}
