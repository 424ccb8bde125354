import Foundation
import SDTMModel

/// What changes between two releases of controlled terminology, codelist by codelist: codelists added and
/// removed, changes to a codelist's name, short name or extensibility, and its terms added, removed (retired)
/// and changed. Terms are matched by their C-code within the codelist, so a new submission value for the same
/// C-code is a change, not a removal and an addition.
public struct TerminologyDiff: Sendable {
    /// One attribute that differs: `from` the old release `to` the new one.
    public struct FieldChange: Sendable, Hashable, Codable {
        /// `submissionValue`, `synonyms`, `definition` or `preferredTerm` for a term; `name`, `shortName` or
        /// `extensible` for a codelist.
        public var field: String
        public var from: String
        public var to: String

        public init(field: String, from: String, to: String) {
            self.field = field
            self.from = from
            self.to = to
        }
    }

    /// A term as one release has it.
    public struct TermEntry: Sendable, Hashable, Codable {
        public var code: String
        public var submissionValue: String
        public var synonyms: [String]
        public var definition: String
        public var preferredTerm: String

        public init(_ term: Term) {
            code = term.code
            submissionValue = term.submissionValue
            synonyms = term.synonyms
            definition = term.definition
            preferredTerm = term.preferredTerm
        }
    }

    /// A term (same C-code) whose attributes differ between the releases.
    public struct TermChange: Sendable, Hashable, Codable {
        public var code: String
        /// The submission value in the new release.
        public var submissionValue: String
        public var changes: [FieldChange]

        public init(code: String, submissionValue: String, changes: [FieldChange]) {
            self.code = code
            self.submissionValue = submissionValue
            self.changes = changes
        }

        /// The submission value in the old release.
        public var oldSubmissionValue: String {
            changes.first { $0.field == "submissionValue" }?.from ?? submissionValue
        }
    }

    /// The differences of one codelist.
    public struct CodelistChange: Sendable, Hashable, Codable {
        public enum Status: String, Sendable, Hashable, Codable {
            /// Only the new release has it; all its terms are `added`.
            case added
            /// Only the old release has it; all its terms are `removed`.
            case removed
            /// Both have it, and something differs.
            case changed
        }

        public var code: String
        /// Name, short name and extensibility in the new release (the old one for a removed codelist).
        public var name: String
        public var shortName: String
        public var extensible: Bool
        public var status: Status
        /// The codelist's own attributes that differ: `name`, `shortName`, `extensible` (`Yes`/`No`).
        public var changes: [FieldChange]
        /// In submission value order.
        public var added: [TermEntry]
        public var removed: [TermEntry]
        public var changed: [TermChange]

        /// The old and new extensibility, when it changed.
        public var extensibilityChange: (from: Bool, to: Bool)? {
            guard let change = changes.first(where: { $0.field == "extensible" }) else { return nil }
            return (change.from == "Yes", change.to == "Yes")
        }

        /// `Name (SHORT, C-code)`.
        public var label: String { "\(name) (\(shortName), \(code))" }
    }

    /// A value the study maps to that the new release no longer accepts as it did.
    public struct BreakingValue: Sendable, Hashable, Codable {
        public enum Reason: String, Sendable, Hashable, Codable {
            /// The new release has no such codelist.
            case codelistRemoved
            /// The term that had the value is gone, and no term of the new release has the value.
            case termRetired
            /// The term (same C-code) has another submission value now: `replacement`.
            case submissionValueChanged
            /// The value was a sponsor extension of a codelist that is no longer extensible.
            case noLongerExtensible
        }

        public var codelist: String
        public var codelistName: String
        public var value: String
        /// The C-code of the old release's term with the value; nil for a sponsor extension.
        public var termCode: String?
        public var reason: Reason
        /// The new submission value of the same term, for `submissionValueChanged`.
        public var replacement: String?

        public init(codelist: String, codelistName: String, value: String, termCode: String?, reason: Reason,
                    replacement: String? = nil) {
            self.codelist = codelist
            self.codelistName = codelistName
            self.value = value
            self.termCode = termCode
            self.reason = reason
            self.replacement = replacement
        }

        public var explanation: String {
            let term = termCode.map { "term \($0)" } ?? "the value"
            switch reason {
            case .codelistRemoved: return "the new release has no codelist \(codelist)"
            case .termRetired: return "\(term) is retired"
            case .submissionValueChanged: return "\(term) now has the submission value '\(replacement ?? "")'"
            case .noLongerExtensible: return "a sponsor extension, and the codelist is no longer extensible"
            }
        }
    }

    /// The old and new releases' versions.
    public var from: String
    public var to: String
    /// The C-codes the comparison was restricted to (sorted), or nil for every codelist of both releases.
    public var restrictedTo: [String]?
    /// Codelists of the restriction that neither release has (sorted C-codes).
    public var unknownCodelists: [String]
    /// Codelists that differ, by name then C-code.
    public var codelists: [CodelistChange]
    /// How many codelists were compared (in either release).
    public var compared: Int

    /// The compared codelists of each release, for `breakingValues`.
    private var oldLists: [String: Codelist]
    private var newLists: [String: Codelist]

    /// Compares `old` with `new`, over every codelist of either, or only over the C-codes in `codelists`.
    public init(from old: Terminology, to new: Terminology, codelists restriction: Set<String>? = nil) {
        from = old.version
        to = new.version
        restrictedTo = restriction.map { $0.sorted() }
        let keep: (String) -> Bool = { restriction?.contains($0) ?? true }
        let oldLists = old.codelists.filter { keep($0.key) }
        let newLists = new.codelists.filter { keep($0.key) }
        self.oldLists = oldLists
        self.newLists = newLists
        unknownCodelists = (restriction ?? []).filter { old.codelists[$0] == nil && new.codelists[$0] == nil }.sorted()
        let codes = Set(oldLists.keys).union(newLists.keys)
        compared = codes.count
        codelists = codes.compactMap { Self.compare(oldLists[$0], newLists[$0]) }
            .sorted { ($0.name, $0.code) < ($1.name, $1.code) }
    }

    /// True when the releases do not differ in the compared codelists.
    public var isEmpty: Bool { codelists.isEmpty }

    /// Counts for a summary line.
    public struct Summary: Sendable, Hashable, Codable {
        public var codelistsCompared = 0
        public var codelistsAdded = 0
        public var codelistsRemoved = 0
        public var codelistsChanged = 0
        public var termsAdded = 0
        public var termsRemoved = 0
        public var termsChanged = 0
    }

    public var summary: Summary {
        var s = Summary()
        s.codelistsCompared = compared
        for c in codelists {
            switch c.status {
            case .added: s.codelistsAdded += 1
            case .removed: s.codelistsRemoved += 1
            case .changed: s.codelistsChanged += 1
            }
            s.termsAdded += c.added.count
            s.termsRemoved += c.removed.count
            s.termsChanged += c.changed.count
        }
        return s
    }

    // MARK: - Comparison

    private static func compare(_ old: Codelist?, _ new: Codelist?) -> CodelistChange? {
        switch (old, new) {
        case (nil, nil):
            return nil
        case (let old?, nil):
            return CodelistChange(code: old.code, name: old.name, shortName: old.shortName, extensible: old.extensible,
                                  status: .removed, changes: [], added: [], removed: entries(old.terms), changed: [])
        case (nil, let new?):
            return CodelistChange(code: new.code, name: new.name, shortName: new.shortName, extensible: new.extensible,
                                  status: .added, changes: [], added: entries(new.terms), removed: [], changed: [])
        case (let old?, let new?):
            var changes: [FieldChange] = []
            if old.name != new.name { changes.append(FieldChange(field: "name", from: old.name, to: new.name)) }
            if old.shortName != new.shortName {
                changes.append(FieldChange(field: "shortName", from: old.shortName, to: new.shortName))
            }
            if old.extensible != new.extensible {
                changes.append(FieldChange(field: "extensible", from: yesNo(old.extensible), to: yesNo(new.extensible)))
            }
            let oldTerms = byCode(old.terms)
            let newTerms = byCode(new.terms)
            let added = new.terms.filter { oldTerms[$0.code] == nil && newTerms[$0.code] == $0 }
            let removed = old.terms.filter { newTerms[$0.code] == nil && oldTerms[$0.code] == $0 }
            var changed: [TermChange] = []
            for (code, newTerm) in newTerms {
                guard let oldTerm = oldTerms[code] else { continue }
                let fields = termChanges(oldTerm, newTerm)
                if !fields.isEmpty { changed.append(TermChange(code: code, submissionValue: newTerm.submissionValue, changes: fields)) }
            }
            if changes.isEmpty, added.isEmpty, removed.isEmpty, changed.isEmpty { return nil }
            changed.sort { ($0.submissionValue, $0.code) < ($1.submissionValue, $1.code) }
            return CodelistChange(code: new.code, name: new.name, shortName: new.shortName, extensible: new.extensible,
                                  status: .changed, changes: changes, added: entries(added), removed: entries(removed),
                                  changed: changed)
        }
    }

    /// Terms by C-code; should a release list a C-code twice in one codelist, its first row counts.
    private static func byCode(_ terms: [Term]) -> [String: Term] {
        Dictionary(terms.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func entries(_ terms: [Term]) -> [TermEntry] {
        terms.map(TermEntry.init).sorted { ($0.submissionValue, $0.code) < ($1.submissionValue, $1.code) }
    }

    /// Synonyms are compared as a set: a release that only reorders them changes nothing.
    private static func termChanges(_ old: Term, _ new: Term) -> [FieldChange] {
        var changes: [FieldChange] = []
        if old.submissionValue != new.submissionValue {
            changes.append(FieldChange(field: "submissionValue", from: old.submissionValue, to: new.submissionValue))
        }
        if old.synonyms.sorted() != new.synonyms.sorted() {
            changes.append(FieldChange(field: "synonyms", from: old.synonyms.joined(separator: "; "),
                                       to: new.synonyms.joined(separator: "; ")))
        }
        if old.definition != new.definition {
            changes.append(FieldChange(field: "definition", from: old.definition, to: new.definition))
        }
        if old.preferredTerm != new.preferredTerm {
            changes.append(FieldChange(field: "preferredTerm", from: old.preferredTerm, to: new.preferredTerm))
        }
        return changes
    }

    private static func yesNo(_ flag: Bool) -> String { flag ? "Yes" : "No" }

    // MARK: - Impact on a study

    /// The study's values that the new release breaks. `used` maps codelist C-codes to the submission values the
    /// study maps to (its sponsor extensions included). Codelists outside the comparison are not looked at.
    ///
    /// A value breaks when the new release lacks its codelist; when the old release's term with the value has
    /// another submission value in the new one (same C-code); when that term is retired and no term of the new
    /// release has the value; or when the value is in neither release (a sponsor extension) and the codelist
    /// stopped being extensible. Sorted by codelist name, C-code, then value.
    public func breakingValues(for used: [String: Set<String>]) -> [BreakingValue] {
        var breaking: [BreakingValue] = []
        for (code, values) in used {
            let old = oldLists[code]
            guard old != nil || newLists[code] != nil else { continue }
            for value in values {
                let oldTerm = old?.term(submissionValue: value)
                func report(_ reason: BreakingValue.Reason, name: String, replacement: String? = nil) {
                    breaking.append(BreakingValue(codelist: code, codelistName: name, value: value, termCode: oldTerm?.code,
                                                  reason: reason, replacement: replacement))
                }
                guard let new = newLists[code] else {
                    report(.codelistRemoved, name: old!.name)
                    continue
                }
                if let oldTerm, let newTerm = new.terms.first(where: { $0.code == oldTerm.code }),
                   newTerm.submissionValue != value {
                    report(.submissionValueChanged, name: new.name, replacement: newTerm.submissionValue)
                } else if new.term(submissionValue: value) != nil {
                    continue
                } else if oldTerm != nil {
                    report(.termRetired, name: new.name)
                } else if let old, old.extensible, !new.extensible {
                    report(.noLongerExtensible, name: new.name)
                }
            }
        }
        return breaking.sorted { ($0.codelistName, $0.codelist, $0.value) < ($1.codelistName, $1.codelist, $1.value) }
    }

    // MARK: - Output

    /// The report for people: a summary line, then each codelist that differs with `+` added, `-` removed and
    /// `~` changed terms (old -> new), then the study's breaking values when `breaking` is given.
    public func text(breaking: [BreakingValue]? = nil) -> String {
        let s = summary
        var lines: [String] = []
        let scope = restrictedTo.map { Self.count($0.count, "codelist") + " of the study" } ?? "all codelists"
        lines.append("CT \(from) -> \(to), \(scope) (\(s.codelistsCompared) in either release):")
        if isEmpty {
            lines.append("  no differences")
        } else {
            lines.append("  codelists: \(s.codelistsChanged) changed, \(s.codelistsAdded) added, \(s.codelistsRemoved) removed; "
                         + "terms: \(s.termsAdded) added, \(s.termsRemoved) removed, \(s.termsChanged) changed")
        }
        if !unknownCodelists.isEmpty {
            lines.append("  not in either release: \(unknownCodelists.joined(separator: ", "))")
        }
        for c in codelists {
            lines.append("")
            switch c.status {
            case .added:
                lines.append("\(c.label): new codelist, \(c.extensible ? "extensible" : "non-extensible"), "
                             + Self.count(c.added.count, "term"))
            case .removed: lines.append("\(c.label): codelist removed, " + Self.count(c.removed.count, "term"))
            case .changed: lines.append(c.label)
            }
            for change in c.changes { lines.append("  ~ \(Self.fieldName(change.field)): \(change.from) -> \(change.to)") }
            for t in c.added { lines.append("  + \(t.code) \(t.submissionValue)" + Self.suffix(t.preferredTerm, t.submissionValue)) }
            for t in c.removed { lines.append("  - \(t.code) \(t.submissionValue)" + Self.suffix(t.preferredTerm, t.submissionValue)) }
            for t in c.changed {
                if t.changes.count == 1, let only = t.changes.first {
                    lines.append("  ~ \(t.code) \(t.submissionValue): \(Self.fieldName(only.field)): \(Self.quoted(only.from)) -> \(Self.quoted(only.to))")
                } else {
                    lines.append("  ~ \(t.code) \(t.submissionValue)")
                    for f in t.changes {
                        lines.append("      \(Self.fieldName(f.field)): \(Self.quoted(f.from)) -> \(Self.quoted(f.to))")
                    }
                }
            }
        }
        if let breaking {
            lines.append("")
            if breaking.isEmpty {
                lines.append("None of the study's values breaks.")
            } else {
                lines.append("Study values the upgrade breaks (\(breaking.count)):")
                for b in breaking {
                    lines.append("  ! \(b.codelistName) (\(b.codelist)): '\(b.value)': \(b.explanation)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report for machines: JSON with sorted keys, codelists and terms in the order of `codelists`.
    /// `breaking` is included (as `breaking`) when given.
    public func json(breaking: [BreakingValue]? = nil) -> String {
        let document = Document(from: from, to: to, restrictedTo: restrictedTo, unknownCodelists: unknownCodelists,
                                summary: summary, codelists: codelists, breaking: breaking)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct Document: Codable {
        var from: String
        var to: String
        var restrictedTo: [String]?
        var unknownCodelists: [String]
        var summary: Summary
        var codelists: [CodelistChange]
        var breaking: [BreakingValue]?
    }

    private static func fieldName(_ field: String) -> String {
        switch field {
        case "submissionValue": "submission value"
        case "preferredTerm": "preferred term"
        case "shortName": "short name"
        default: field
        }
    }

    private static func suffix(_ preferredTerm: String, _ submissionValue: String) -> String {
        preferredTerm.isEmpty || preferredTerm == submissionValue ? "" : " (\(preferredTerm))"
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private static func quoted(_ text: String) -> String { text.isEmpty ? "(none)" : text }
}
