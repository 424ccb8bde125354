/// How much a finding matters: errors make a run exit non-zero.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case notice, warning, error

    private var rank: Int {
        switch self {
        case .notice: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding from any stage: what rule was broken, where, and what to do about it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// A stable identifier such as `csv.ragged-row` or `map.date.impossible`.
    public var rule: String
    public var location: SourceLocation?
    public var message: String
    /// What the user should do to fix it.
    public var hint: String?

    public init(_ severity: Severity, _ rule: String, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message) [\(rule)]"
        if let hint { text += "\n  fix: \(hint)" }
        return text
    }
}
