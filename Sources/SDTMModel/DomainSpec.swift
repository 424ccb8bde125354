/// SDTM's two data types.
public enum VariableType: String, Sendable, Hashable {
    case char = "Char"
    case num = "Num"
}

/// SDTMIG core designation: required variables must be present and populated, expected ones present.
public enum Core: String, Sendable, Hashable {
    case required = "Req"
    case expected = "Exp"
    case permissible = "Perm"
}

/// One variable of a domain as the implementation guide defines it.
public struct VariableSpec: Hashable, Sendable {
    public var name: String
    public var label: String
    public var type: VariableType
    public var core: Core
    public var role: String
    /// NCI C-codes of the codelists the variable draws from (some variables have several).
    public var codelists: [String]
    /// 1-based position within the domain.
    public var order: Int

    public init(name: String, label: String, type: VariableType, core: Core, role: String, codelists: [String], order: Int) {
        self.name = name
        self.label = label
        self.type = type
        self.core = core
        self.role = role
        self.codelists = codelists
        self.order = order
    }
}

/// A domain (dataset) as the implementation guide defines it.
public struct DomainSpec: Hashable, Sendable {
    /// The dataset name, e.g. `AE` or `SUPPAE`.
    public var name: String
    public var label: String
    public var `class`: String
    public var structure: String
    public var keys: [String]
    /// In spec order.
    public var variables: [VariableSpec]

    public init(name: String, label: String, class: String, structure: String, keys: [String], variables: [VariableSpec]) {
        self.name = name
        self.label = label
        self.class = `class`
        self.structure = structure
        self.keys = keys
        self.variables = variables.sorted { $0.order < $1.order }
    }

    public func variable(_ name: String) -> VariableSpec? { variables.first { $0.name == name } }

    public func index(of name: String) -> Int? { variables.firstIndex { $0.name == name } }

    /// The required and expected variables plus the permissible ones named: a dataset carries no column that
    /// can only stay empty (permissible variables without values are not written anyway).
    public func narrowed(keeping permissible: Set<String>) -> DomainSpec {
        var spec = self
        spec.variables = variables.filter { $0.core != .permissible || permissible.contains($0.name) }
        return spec
    }
}

/// The implementation guide's metadata for all domains the project knows.
public struct StandardSpec: Sendable {
    public var name: String
    public var version: String
    public var domains: [String: DomainSpec]
    /// Values the guide prescribes outside a codelist (e.g. AEACN MULTIPLE), keyed `DATASET.VARIABLE=value`,
    /// with the guide's reference.
    public var terminologyExceptions: [String: String] = [:]

    public init(name: String, version: String, domains: [String: DomainSpec]) {
        self.name = name
        self.version = version
        self.domains = domains
    }
}
