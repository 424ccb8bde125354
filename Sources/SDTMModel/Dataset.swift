/// One SDTM record, with the raw row it was mapped from.
public struct Record: Sendable {
    public var values: [Value]
    public var origin: SourceLocation?

    public init(values: [Value], origin: SourceLocation?) {
        self.values = values
        self.origin = origin
    }
}

/// A dataset being built: its records have one value per variable of the domain spec, in spec order.
public struct Dataset: Sendable {
    public var spec: DomainSpec
    public var records: [Record]

    public init(spec: DomainSpec, records: [Record] = []) {
        self.spec = spec
        self.records = records
    }

    public var name: String { spec.name }

    /// A blank record of the right width.
    public func emptyRecord(origin: SourceLocation?) -> Record {
        Record(values: Array(repeating: .null, count: spec.variables.count), origin: origin)
    }

    /// The position of a variable, which must be in the spec.
    public func column(_ name: String) -> Int {
        guard let i = spec.index(of: name) else { preconditionFailure("\(name) is not a variable of \(spec.name)") }
        return i
    }

    /// The variables written out: required and expected ones always, permissible ones when any record has a value.
    public var emittedColumns: [Int] {
        spec.variables.indices.filter { i in
            spec.variables[i].core != .permissible || records.contains { !$0.values[i].isNull }
        }
    }
}
