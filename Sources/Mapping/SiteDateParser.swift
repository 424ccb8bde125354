import Ingest
import SDTMModel

/// Reads dates as the site writes them (`14-MAR-2025`, `03/14/2025`, `2025-03-14`, `UN-MAR-2025`)
/// into ISO 8601, right-truncating unknown parts and never inventing them.
public struct SiteDateParser: Sendable {
    public enum Outcome: Equatable, Sendable {
        case date(ISODateTime)
        /// Every part is unknown (`UNK`, `UN-UNK-UNKN`): no value, and not an error.
        case unknown
        /// The text matches none of the site's formats.
        case unparseable
        /// The text has a date's shape but the date does not exist (`30-FEB-2025`).
        case impossible(String)
    }

    private enum Part { case day, month, monthName, year }
    private struct Format { var separator: UInt8; var parts: [Part] }

    private let formats: [Format]
    public let formatNames: [String]

    /// Formats are written with DD, MM, MMM and YYYY and one separator, e.g. `DD-MMM-YYYY` or `MM/DD/YYYY`.
    public init(formats names: [String]) throws(Diagnostic) {
        var formats: [Format] = []
        for name in names {
            let bytes = Array(name.utf8)
            guard let sep = bytes.first(where: { !($0 >= 65 && $0 <= 90) }) else {
                throw Diagnostic(.error, "study.date-format", at: nil, "date format '\(name)' has no separator")
            }
            var parts: [Part] = []
            for token in name.split(separator: Character(Unicode.Scalar(sep))) {
                switch token {
                case "DD": parts.append(.day)
                case "MM": parts.append(.month)
                case "MMM": parts.append(.monthName)
                case "YYYY": parts.append(.year)
                default:
                    throw Diagnostic(.error, "study.date-format", at: nil, "date format '\(name)' has an unknown part '\(token)'",
                                     hint: "build formats from DD, MM, MMM and YYYY")
                }
            }
            formats.append(Format(separator: sep, parts: parts))
        }
        self.formats = formats
        formatNames = names
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let unknownTokens: Set<String> = ["UN", "UNK", "UNKN", "NK", "XX", "XXXX", "--", "----"]

    public func parse(_ text: String) -> Outcome {
        let upper = text.trimmingSpaces.uppercased()
        if Self.unknownTokens.contains(upper) || upper == "UNKNOWN" { return .unknown }
        for format in formats {
            let pieces = upper.split(separator: Character(Unicode.Scalar(format.separator)), omittingEmptySubsequences: false)
            guard pieces.count == format.parts.count else { continue }
            var year: Int?, month: Int?, day: Int?
            var yearUnknown = false, monthUnknown = false, dayUnknown = false
            var matches = true
            for (part, piece) in zip(format.parts, pieces) {
                let s = String(piece)
                let unknown = Self.unknownTokens.contains(s)
                switch part {
                case .day:
                    if unknown { dayUnknown = true } else if s.count <= 2, let d = Int(s) { day = d } else { matches = false }
                case .month:
                    if unknown { monthUnknown = true } else if s.count <= 2, let m = Int(s) { month = m } else { matches = false }
                case .monthName:
                    if unknown { monthUnknown = true } else if let i = Self.months.firstIndex(of: s) { month = i + 1 } else { matches = false }
                case .year:
                    if unknown { yearUnknown = true } else if s.count == 4, let y = Int(s) { year = y } else { matches = false }
                }
            }
            guard matches else { continue }
            guard let y = year, !yearUnknown else { return .unknown }
            if monthUnknown || month == nil { return ISODateTime(year: y).map(Outcome.date) ?? .impossible("year \(y)") }
            let m = month!
            guard (1...12).contains(m) else { return .impossible("there is no month \(m)") }
            if dayUnknown || day == nil { return .date(ISODateTime(year: y, month: m)!) }
            let d = day!
            guard let date = ISODateTime(year: y, month: m, day: d) else {
                let days = CivilDate.daysIn(month: m, year: y)
                return .impossible("\(Self.months[m - 1]) \(y) has \(days) days")
            }
            return .date(date)
        }
        return .unparseable
    }

    /// `HH:MM` or `HH:MM:SS` on the 24-hour clock.
    public static func time(_ text: String) -> (hour: Int, minute: Int, second: Int?)? {
        let parts = text.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        let (h, m) = (parts[0]!, parts[1]!)
        let s = parts.count == 3 ? parts[2] : nil
        guard (0...23).contains(h), (0...59).contains(m), (0...59).contains(s ?? 0) else { return nil }
        return (h, m, s)
    }
}
