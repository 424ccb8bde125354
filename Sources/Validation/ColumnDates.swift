import SDTMModel

/// The dates of a dataset's columns, each distinct value parsed once, on first use of its column: rules that read
/// a date on every record look it up by the value's code.
struct ColumnDates {
    private let columns: [Column]
    private var parsed: [[ISODateTime?]?]

    init(_ dataset: Dataset? = nil) {
        columns = dataset?.columns ?? []
        parsed = Array(repeating: nil, count: columns.count)
    }

    /// The record's value in `column` as an ISO 8601 date/time, or nil when it is empty or not one.
    mutating func date(_ record: Dataset.Row, _ column: Int) -> ISODateTime? {
        if parsed[column] == nil { parsed[column] = columns[column].isoDates }
        return parsed[column]![Int(record.code(column))]
    }
}
