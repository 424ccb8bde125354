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
        .map { Array($0.utf8) }
    private static let unknownTokens: Set<[UInt8]> = Set(["UN", "UNK", "UNKN", "NK", "XX", "XXXX", "--", "----", "UNKNOWN"]
        .map { Array($0.utf8) })

    /// One piece of a date as written: a number, a month name, an unknown marker, or something else.
    private enum Piece { case number(Int, digits: Int), month(Int), unknown, other }

    private static func piece(_ bytes: ArraySlice<UInt8>) -> Piece {
        if bytes.isEmpty { return .other }
        if bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard bytes.count <= 4 else { return .other }
            return .number(bytes.reduce(0) { $0 * 10 + Int($1 - 48) }, digits: bytes.count)
        }
        let word = Array(bytes)
        if let m = months.firstIndex(of: word) { return .month(m + 1) }
        return unknownTokens.contains(word) ? .unknown : .other
    }

    public func parse(_ text: String) -> Outcome {
        let upper = text.utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
        var lo = 0, hi = upper.count
        while lo < hi, upper[lo] == 0x20 || upper[lo] == 0x09 { lo += 1 }
        while hi > lo, upper[hi - 1] == 0x20 || upper[hi - 1] == 0x09 || upper[hi - 1] == 0x0D { hi -= 1 }
        let bytes = upper[lo..<hi]
        if Self.unknownTokens.contains(Array(bytes)) { return .unknown }
        for format in formats {
            let pieces = bytes.split(separator: format.separator, omittingEmptySubsequences: false)
            guard pieces.count == format.parts.count else { continue }
            var year: Int?, month: Int?, day: Int?
            var yearUnknown = false, monthUnknown = false, dayUnknown = false
            var matches = true
            for (part, raw) in zip(format.parts, pieces) {
                switch (part, Self.piece(raw)) {
                case (.day, .unknown): dayUnknown = true
                case (.day, .number(let d, let digits)) where digits <= 2: day = d
                case (.month, .unknown), (.monthName, .unknown): monthUnknown = true
                case (.month, .number(let m, let digits)) where digits <= 2: month = m
                case (.monthName, .month(let m)): month = m
                case (.year, .unknown): yearUnknown = true
                case (.year, .number(let y, let digits)) where digits == 4: year = y
                default: matches = false
                }
            }
            guard matches else { continue }
            guard let y = year, !yearUnknown else { return .unknown }
            guard let m = month, !monthUnknown else { return ISODateTime(year: y).map(Outcome.date) ?? .impossible("year \(y)") }
            guard (1...12).contains(m) else { return .impossible("there is no month \(m)") }
            guard let d = day, !dayUnknown else { return .date(ISODateTime(year: y, month: m)!) }
            guard let date = ISODateTime(year: y, month: m, day: d) else {
                let name = String(decoding: Self.months[m - 1], as: UTF8.self)
                return .impossible("\(name) \(y) has \(CivilDate.daysIn(month: m, year: y)) days")
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
