/// One term of a codelist as NCI EVS publishes it.
public struct Term: Hashable, Sendable {
    public var code: String
    public var submissionValue: String
    public var synonyms: [String]
    public var definition: String
    public var preferredTerm: String

    public init(code: String, submissionValue: String, synonyms: [String], definition: String, preferredTerm: String) {
        self.code = code
        self.submissionValue = submissionValue
        self.synonyms = synonyms
        self.definition = definition
        self.preferredTerm = preferredTerm
    }
}

/// A CDISC codelist: extensible ones accept sponsor values, the others do not.
public struct Codelist: Hashable, Sendable {
    public var code: String
    /// The codelist's own submission value, e.g. `SEX`.
    public var shortName: String
    public var name: String
    public var extensible: Bool
    public var terms: [Term]

    public init(code: String, shortName: String, name: String, extensible: Bool, terms: [Term]) {
        self.code = code
        self.shortName = shortName
        self.name = name
        self.extensible = extensible
        self.terms = terms
    }

    public func term(submissionValue: String) -> Term? { terms.first { $0.submissionValue == submissionValue } }
}

/// A release of controlled terminology: codelists by C-code.
public struct Terminology: Sendable {
    public var version: String
    public var codelists: [String: Codelist]

    public init(version: String, codelists: [String: Codelist]) {
        self.version = version
        self.codelists = codelists
    }

    /// Finds a codelist by C-code or by its short name (`SEX`).
    public func codelist(_ key: String) -> Codelist? {
        codelists[key] ?? codelists.values.first { $0.shortName == key }
    }
}
