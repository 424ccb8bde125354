import SDTMModel

/// The findings of the rows being mapped, kept by raw row so that they come out in row order (within a row: its
/// filters, then each record's variables, then its supplemental qualifiers) whatever order the mapper evaluated in.
struct RowFindings {
    static let filters = 0
    /// The findings of the record of the `b`th `records:` entry.
    static func record(_ b: Int) -> Int { 1 + b }
    /// The findings of that record's supplemental qualifiers, after every record's variables.
    static func supplemental(_ bindings: Int, _ b: Int) -> Int { 1 + bindings + b }

    private var byRow: [Int: [(order: Int, diagnostic: Diagnostic)]] = [:]

    mutating func add(_ diagnostics: [Diagnostic], at position: Int, order: Int) {
        guard !diagnostics.isEmpty else { return }
        byRow[position, default: []].append(contentsOf: diagnostics.map { (order, $0) })
    }

    /// Adds findings remembered from another row, moved to this row's line.
    mutating func replay(_ diagnostics: [Diagnostic], at position: Int, line: Int, order: Int) {
        guard !diagnostics.isEmpty else { return }
        add(diagnostics.map { diagnostic in
            var moved = diagnostic
            moved.location?.line = line
            return moved
        }, at: position, order: order)
    }

    /// Removes every finding of the row's records, returning those of records up to `order`.
    mutating func take(at position: Int, through order: Int) -> [Diagnostic] {
        guard let all = byRow[position] else { return [] }
        byRow[position] = all.filter { $0.order == Self.filters }
        return Self.ordered(all.filter { $0.order != Self.filters && $0.order <= order })
    }

    /// Every finding, by row and then by order; findings of one row and order keep the order they were added in.
    var inRowOrder: [Diagnostic] {
        byRow.keys.sorted().flatMap { Self.ordered(byRow[$0]!) }
    }

    private static func ordered(_ findings: [(order: Int, diagnostic: Diagnostic)]) -> [Diagnostic] {
        findings.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element.diagnostic)
    }
}
