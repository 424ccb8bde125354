import SDTMModel

/// The dates of some columns, each distinct value parsed once: rules that read a date on every record look it up
/// by the value's code.
struct ColumnDates {
    private var parsed: [Int: [UInt32: ISODateTime?]] = [:]

    /// The record's value in `column` as an ISO 8601 date/time, or nil when it is empty or not one.
    mutating func date(_ record: Dataset.Row, _ column: Int) -> ISODateTime? {
        let code = record.code(column)
        if let known = parsed[column]?[code] { return known }
        let date = ISODateTime(iso: record[column].text)
        parsed[column, default: [:]][code] = date
        return date
    }
}
