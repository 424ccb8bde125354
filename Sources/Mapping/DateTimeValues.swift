import Ingest
import SDTMModel

/// The value of a `date:` mapping of main-source columns (with its `time:`) at a raw position, worked out from the
/// columns' codes with each distinct date and time text read once and no row context built: for the many date-times a
/// raw file holds (an infusion's start and end on nearly every row). Nil when the date or time raises a finding, which
/// the evaluator then reports; otherwise the value is the evaluator's.
struct DateTimeValues {
    private let date: (codes: [UInt32], texts: [String])
    private let time: (codes: [UInt32], texts: [String])?
    private let parser: SiteDateParser
    /// What each distinct date text reads as, by code, once read.
    private var dates: [DateField?]
    private var times: [TimeField?]

    private enum DateField {
        case empty
        case read(SiteDateParser.Outcome)
    }

    private enum TimeField {
        case empty, invalid
        case time(hour: Int, minute: Int, second: Int?)
    }

    /// Nil unless `expression` is a `date:` (and `time:`) of the main source's columns.
    init?(_ expression: Expression, table: RawTable, parser: SiteDateParser) {
        guard case .date(let dateRef, let timeRef) = expression, dateRef.source == 0, (timeRef?.source ?? 0) == 0 else { return nil }
        date = table.column(at: dateRef.index)
        time = timeRef.map { table.column(at: $0.index) }
        self.parser = parser
        dates = Array(repeating: nil, count: date.texts.count)
        times = Array(repeating: nil, count: time?.texts.count ?? 0)
    }

    /// The value at raw position `position`, or nil when working it out raises a finding.
    mutating func value(at position: Int) -> Value? {
        let d = Int(date.codes[position])
        let dateField = dates[d] ?? readDate(d)
        guard case .read(let outcome) = dateField else { return .null }
        switch outcome {
        case .unknown: return .null
        case .unparseable, .impossible: return nil
        case .date(let day):
            guard let time else { return .text(day.description) }
            let t = Int(time.codes[position])
            switch times[t] ?? readTime(t) {
            case .empty: return .text(day.description)
            case .invalid: return nil
            case .time(let hour, let minute, let second): return .text((day.with(hour: hour, minute: minute, second: second) ?? day).description)
            }
        }
    }

    private mutating func readDate(_ code: Int) -> DateField {
        let text = date.texts[code].trimmingSpaces
        let field = text.isEmpty ? DateField.empty : .read(parser.parse(text))
        dates[code] = field
        return field
    }

    private mutating func readTime(_ code: Int) -> TimeField {
        let text = time!.texts[code].trimmingSpaces
        let field: TimeField = text.isEmpty ? .empty
            : SiteDateParser.time(text).map { .time(hour: $0.hour, minute: $0.minute, second: $0.second) } ?? .invalid
        times[code] = field
        return field
    }
}
