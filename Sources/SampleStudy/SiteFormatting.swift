import SDTMModel

/// How much of a date the site knows: unknown parts print as `UN` (day) and `UNK` (month).
enum DatePrecision: Sendable {
    case day, month, year
}

/// A true date and the part of it the site recorded.
struct SiteDate: Sendable {
    var date: CivilDate
    var precision: DatePrecision = .day
}

/// How the site's EDC prints dates, times, doses and codes.
enum SiteFormat {
    static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// `07-MAR-1958`, `UN-MAR-1958` or `UN-UNK-1958`.
    static func date(_ d: SiteDate) -> String {
        switch d.precision {
        case .day: dmy(d.date)
        case .month: "UN-\(months[d.date.month - 1])-\(digits(d.date.year, 4))"
        case .year: "UN-UNK-\(digits(d.date.year, 4))"
        }
    }

    static func dmy(_ d: CivilDate) -> String {
        "\(digits(d.day, 2))-\(months[d.month - 1])-\(digits(d.year, 4))"
    }

    /// `03/07/1958`, the second format some site staff use.
    static func mdy(_ d: CivilDate) -> String {
        "\(digits(d.month, 2))/\(digits(d.day, 2))/\(digits(d.year, 4))"
    }

    /// `1958-03-07`.
    static func iso(_ d: CivilDate) -> String { d.description }

    /// `HH:MM` from minutes after midnight.
    static func time(_ minutes: Int) -> String { "\(digits(minutes / 60, 2)):\(digits(minutes % 60, 2))" }

    /// `30`, `7.5`, or `30.0` when the site keeps a decimal.
    static func dose(_ value: Double, withDecimal: Bool = false) -> String {
        if value == value.rounded(), abs(value) < 1e12 {
            let whole = String(Int(value))
            return withDecimal ? whole + ".0" : whole
        }
        return String(value)
    }

    static func digits(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
