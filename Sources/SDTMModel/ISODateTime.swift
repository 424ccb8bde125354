/// An ISO 8601 date/time as SDTM stores it: right-truncated when parts are unknown (`2025`, `2025-03`,
/// `2025-03-14`, `2025-03-14T09:30`), never with invented parts.
public struct ISODateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?
    public let hour: Int?
    public let minute: Int?
    public let second: Int?

    /// Fails when a part is present while a larger one is missing, or when the date or time does not exist.
    public init?(year: Int, month: Int? = nil, day: Int? = nil, hour: Int? = nil, minute: Int? = nil, second: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month { guard (1...12).contains(month) else { return nil } } else if day != nil { return nil }
        if let day {
            guard let month, CivilDate(year: year, month: month, day: day) != nil else { return nil }
        } else if hour != nil { return nil }
        if let hour { guard (0...23).contains(hour) else { return nil } } else if minute != nil { return nil }
        if let minute { guard (0...59).contains(minute) else { return nil } } else if second != nil { return nil }
        if let second { guard (0...59).contains(second) else { return nil } }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public init(_ date: CivilDate) {
        self.init(year: date.year, month: date.month, day: date.day)!
    }

    /// Parses the SDTM subset of ISO 8601 (extended format, right-truncated, no time zone).
    public init?(iso text: String) {
        guard let p = text.utf8.withContiguousStorageIfAvailable(Self.parts) ?? Array(text.utf8).withUnsafeBufferPointer(Self.parts)
        else { return nil }
        self.init(year: p.0, month: p.1, day: p.2, hour: p.3, minute: p.4, second: p.5)
    }

    private typealias Parts = (Int, Int?, Int?, Int?, Int?, Int?)

    /// Year, month, day, hour, minute, second as written (nil where absent), or nil when the text is malformed.
    private static func parts(_ b: UnsafeBufferPointer<UInt8>) -> Parts? {
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        // After the year: -MM, -DD, Thh, :mm, :ss, each a separator and two digits.
        func part(_ k: Int, _ separator: UInt8) -> Int?? {
            let at = 4 + 3 * k
            guard at < b.count else { return .some(nil) }
            guard b[at] == separator, let n = num(at + 1, 2) else { return nil }
            return .some(n)
        }
        guard let year = num(0, 4), b.count <= 19, (b.count - 4) % 3 == 0,
              let month = part(0, 45), let day = part(1, 45), let hour = part(2, 84),
              let minute = part(3, 58), let second = part(4, 58) else { return nil }
        return (year, month, day, hour, minute, second)
    }

    /// The calendar date when year, month and day are all known.
    public var date: CivilDate? {
        guard let month, let day else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    public var isCompleteDate: Bool { day != nil }

    /// Adds a time of day to a complete date.
    public func with(hour: Int, minute: Int, second: Int? = nil) -> ISODateTime? {
        ISODateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    public var description: String {
        // Written byte by byte: mapping formats one of these for every new date and time in a raw file.
        String(unsafeUninitializedCapacity: 19) { bytes in
            var n = 0
            func put(_ separator: UInt8?, _ value: Int, digits: Int) {
                if let separator {
                    bytes[n] = separator
                    n += 1
                }
                var rest = value
                for i in (0..<digits).reversed() {
                    bytes[n + i] = UInt8(48 + rest % 10)
                    rest /= 10
                }
                n += digits
            }
            put(nil, year, digits: 4)
            if let month { put(UInt8(ascii: "-"), month, digits: 2) }
            if let day { put(UInt8(ascii: "-"), day, digits: 2) }
            if let hour { put(UInt8(ascii: "T"), hour, digits: 2) }
            if let minute { put(UInt8(ascii: ":"), minute, digits: 2) }
            if let second { put(UInt8(ascii: ":"), second, digits: 2) }
            return n
        }
    }

    /// Orders by the known parts, a missing part sorting before any value (so `2025-03` < `2025-03-01`).
    public static func < (a: ISODateTime, b: ISODateTime) -> Bool {
        (a.year, a.month ?? -1, a.day ?? -1, a.hour ?? -1, a.minute ?? -1, a.second ?? -1)
            < (b.year, b.month ?? -1, b.day ?? -1, b.hour ?? -1, b.minute ?? -1, b.second ?? -1)
    }

    /// The date as one integer that orders as `<` does and is equal only for equal dates: each part plus one (a missing
    /// part 0) in a field of its own, the year's the highest.
    public var sortKey: UInt64 {
        func field(_ part: Int?) -> UInt64 { UInt64((part ?? -1) + 1) }
        return UInt64(year) << 27 | field(month) << 23 | field(day) << 17 | field(hour) << 12 | field(minute) << 6 | field(second)
    }

    /// SDTM study day: days from the reference date, plus one on or after it, so there is no day 0.
    /// Nil unless both dates are complete.
    public func studyDay(from reference: ISODateTime) -> Int? {
        guard let d = date, let r = reference.date else { return nil }
        return Self.studyDay(d.daysSinceEpoch, from: r.daysSinceEpoch)
    }

    /// The study day of a date from a reference date, both as `CivilDate.daysSinceEpoch`.
    public static func studyDay(_ day: Int, from reference: Int) -> Int {
        let diff = day - reference
        return diff >= 0 ? diff + 1 : diff
    }
}
