/// One SDTM record as a row of values in spec order, with the raw row it was mapped from. Datasets store
/// their records column by column; a `Record` is how a record is built or handed around on its own.
public struct Record: Sendable {
    public var values: [Value]
    public var origin: SourceLocation?

    public init(values: [Value], origin: SourceLocation?) {
        self.values = values
        self.origin = origin
    }
}

/// A dataset being built: one column per variable of the domain spec, in spec order, and each record's origin.
///
/// Columns hold each record's value as a code into the column's distinct values, so a value repeated down a
/// column (a subject id, a test code, a unit) is stored once: a million-record LB takes 4 bytes a cell.
public struct Dataset: Sendable {
    public var spec: DomainSpec
    public private(set) var columns: [Column]
    public private(set) var origins: Origins

    public init(spec: DomainSpec) {
        self.spec = spec
        columns = Array(repeating: Column(), count: spec.variables.count)
        origins = Origins()
    }

    /// A dataset of whole columns, one per variable of the spec, with each record's origin.
    public init(spec: DomainSpec, columns: [Column], origins: Origins) {
        precondition(columns.count == spec.variables.count && columns.allSatisfy { $0.count == origins.count },
                     "a \(spec.name) dataset needs one column per variable, each as long as the origins")
        self.spec = spec
        self.columns = columns
        self.origins = origins
    }

    public init(spec: DomainSpec, records: [Record]) {
        self.init(spec: spec)
        reserveCapacity(records.count)
        for record in records { append(record) }
    }

    public var name: String { spec.name }

    /// The number of records.
    public var count: Int { origins.count }

    public var isEmpty: Bool { origins.isEmpty }

    /// The value of variable `column` (a spec position) in record `row`.
    public subscript(row: Int, column: Int) -> Value {
        get { columns[column][row] }
        set { columns[column][row] = newValue }
    }

    /// The records in order, each read from the columns when it is used.
    public var rows: Rows { Rows(columns: columns, origins: origins) }

    /// Every record copied out of the columns, for tests and small datasets; the pipeline's stages read the columns.
    public var records: [Record] { rows.map(\.record) }

    public mutating func reserveCapacity(_ n: Int) {
        origins.reserveCapacity(n)
        for i in columns.indices { columns[i].reserveCapacity(n) }
    }

    /// Adds a record; `values` has one value per variable, in spec order.
    public mutating func append(_ values: [Value], origin: SourceLocation?) {
        precondition(values.count == columns.count, "a \(name) record has \(columns.count) values, not \(values.count)")
        for i in columns.indices { columns[i].append(values[i]) }
        origins.append(origin)
    }

    public mutating func append(_ record: Record) { append(record.values, origin: record.origin) }

    /// The code of `value` in a column, added to the column's distinct values when new (no record has it yet):
    /// for `setCode` and `setRecords`.
    public mutating func intern(_ value: Value, column: Int) -> UInt32 { columns[column].code(of: value) }

    /// Sets record `row`'s value in `column` by its code (from `intern`): a write that hashes nothing.
    public mutating func setCode(_ code: UInt32, row: Int, column: Int) { columns[column].setCode(code, at: row) }

    /// Replaces `column` of every record: record `r` gets `codes[r]` (from `intern`). For derivations that work out a
    /// whole column of codes: it is taken as it is, not copied.
    public mutating func setCodes(_ codes: [UInt32], column: Int) {
        precondition(codes.count == count, "each \(name) column needs one code per record")
        columns[column].setCodes(codes)
    }

    /// `setCodes` for the package's derivations, whose codes all come from `intern` on this dataset (or its column as
    /// it was): a release build does not read them all again to check that.
    package mutating func setCodes(interned codes: [UInt32], column: Int) {
        precondition(codes.count == count, "each \(name) column needs one code per record")
        columns[column].setCodes(codes, checked: false)
    }

    /// Replaces every record: record `r` has code `codes[c][r]` (from `intern`) in column `c`, where an empty
    /// `codes[c]` leaves the column null on every record. For the mapper, whose codes all come from `intern`: a release
    /// build does not read them all again to check that (`setCodes` does).
    package mutating func setRecords(codes: consuming [[UInt32]], origins: Origins) {
        precondition(codes.count == columns.count, "a \(name) record has \(columns.count) values")
        // The columns left null share one array of zeros until one of them is written.
        let nulls = [UInt32](repeating: 0, count: origins.count)
        for c in columns.indices {
            let column = codes[c].isEmpty ? nulls : codes[c]
            codes[c] = []
            precondition(column.count == origins.count, "each \(name) column needs one code per record")
            columns[c].setCodes(column, checked: false)
        }
        self.origins = origins
    }

    /// Takes the columns at `positions` from `other`, a copy of this dataset whose records are in the same order:
    /// for derivations that write different columns of one dataset at once.
    public mutating func adoptColumns(_ positions: [Int], from other: Dataset) {
        precondition(other.spec.name == spec.name && other.count == count, "columns come from a copy of the same \(name) records")
        for i in positions { columns[i] = other.columns[i] }
    }

    /// A blank record of the right width.
    public func emptyRecord(origin: SourceLocation?) -> Record {
        Record(values: Array(repeating: .null, count: spec.variables.count), origin: origin)
    }

    /// Keeps the records at `positions`, in that order (a permutation sorts, a subset filters).
    public mutating func select(_ positions: [Int]) {
        if positions.count < recordsWorthSplitting {
            for i in columns.indices { columns[i].select(positions) }
            origins = origins.selecting(positions)
        } else {
            // A large dataset's columns are gathered on all cores, each handed over so that its old codes are freed
            // as soon as it is gathered (no second copy of the dataset at once); its origins meanwhile, beside them.
            let handoffs = columns.map(Handoff.init)
            columns = []
            (columns, origins) = concurrently(
                {
                    concurrentMap(handoffs) { handoff in
                        var column = handoff.take()
                        column.select(positions)
                        return column
                    }
                },
                { [origins] in origins.selecting(positions) })
        }
    }

    /// Each column's `Column.uses`, in spec order; a large dataset's columns counted on all cores.
    public var columnUses: [[Int]] {
        count < recordsWorthSplitting ? columns.map(\.uses) : concurrentMap(columns) { $0.uses }
    }

    /// The position of a variable, which must be in the spec.
    public func column(_ name: String) -> Int {
        guard let i = spec.index(of: name) else { preconditionFailure("\(name) is not a variable of \(spec.name)") }
        return i
    }

    /// The variables written out: required and expected ones always, permissible ones when any record has a value.
    public var emittedColumns: [Int] {
        spec.variables.indices.filter { i in spec.variables[i].core != .permissible || columns[i].hasValue }
    }

    /// One record, read through its dataset's columns.
    public struct Row: Sendable {
        let columns: [Column]
        let origins: Origins
        /// The record's position in the dataset.
        public fileprivate(set) var index: Int

        public subscript(column: Int) -> Value { columns[column][index] }
        /// The value's code in its column: two records have equal values in a column exactly when their codes are equal.
        public func code(_ column: Int) -> UInt32 { columns[column].codes[index] }
        public var origin: SourceLocation? { origins[index] }
        public var values: [Value] { columns.map { $0[index] } }
        public var record: Record { Record(values: values, origin: origin) }
    }

    public struct Rows: RandomAccessCollection, Sendable {
        let columns: [Column]
        let origins: Origins
        public var startIndex: Int { 0 }
        public var endIndex: Int { origins.count }
        public subscript(position: Int) -> Row { Row(columns: columns, origins: origins, index: position) }

        /// Calls `body` with the records at `positions` in order, through one row moved from record to record: a
        /// pass that reads no reference counts per record.
        public func forEach(in positions: Range<Int>, _ body: (Row) throws -> Void) rethrows {
            var row = Row(columns: columns, origins: origins, index: positions.lowerBound)
            for i in positions {
                row.index = i
                try body(row)
            }
        }
    }
}
