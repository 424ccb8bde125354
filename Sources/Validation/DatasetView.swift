import SDTMModel
import Standards

/// A dataset as the validator sees it: its records, the columns actually present, and the standard's
/// spec of the domain when the standard knows it.
public struct DatasetView: Sendable {
    public var dataset: Dataset
    /// Positions in each record of the columns present in the package, in file order.
    public var present: [Int]
    /// The standard's spec of this dataset, or nil for a dataset the standard does not define.
    public var standard: DomainSpec?
    private var positions: [String: Int]
    /// Each present --DTC column's distinct values read as ISO 8601 (nil where a value is not one), by code: parsed
    /// once for all the rules that compare dates.
    private var dates: [Int: [ISODateTime?]] = [:]
    /// The same dates packed into integers (`PackedDate`, 0 for no date), for the rules that compare them by record.
    private var packed: [Int: [UInt64]] = [:]

    public init(dataset: Dataset, present: [Int], standard: DomainSpec?) {
        self.dataset = dataset
        self.present = present
        self.standard = standard
        var positions: [String: Int] = [:]
        for i in present { positions[dataset.spec.variables[i].name] = i }
        self.positions = positions
        for i in present where dataset.spec.variables[i].name.hasSuffix("DTC") {
            let parsed = dataset.columns[i].isoDates
            dates[i] = parsed
            packed[i] = parsed.map { $0.map { PackedDate($0).bits } ?? 0 }
        }
    }

    /// A dataset built by this tool: its emitted columns (or the positions given) are the ones present.
    public init(written dataset: Dataset, columns: [Int]? = nil, standard: DomainSpec?) {
        self.init(dataset: dataset, present: columns ?? dataset.emittedColumns, standard: standard)
    }

    public var name: String { dataset.name }
    /// The domain prefix of its variables (`AE` for AESEQ); empty for SUPP-- datasets.
    public var prefix: String { name.hasPrefix("SUPP") ? "" : name }

    /// The position of a present column.
    public func column(_ name: String) -> Int? { positions[name] }

    /// A column's distinct values as ISO 8601 dates, by code.
    public func isoDates(_ column: Int) -> [ISODateTime?] { dates[column] ?? dataset.columns[column].isoDates }

    /// A column's distinct values as packed dates (`PackedDate.bits`, 0 where a value is not a date), by code.
    func packedDates(_ column: Int) -> [UInt64] {
        packed[column] ?? isoDates(column).map { $0.map { PackedDate($0).bits } ?? 0 }
    }

    public func variable(at index: Int) -> VariableSpec { dataset.spec.variables[index] }

    public var presentNames: [String] { present.map { dataset.spec.variables[$0].name } }
}

/// What rules share across datasets: the subjects in DM, the records SUPP-- datasets may point to,
/// the study's epochs when the study is known.
public struct ValidationContext: Sendable {
    public var subjects: Set<String> = []
    /// Subjects' RFSTDTC, for --DY checks.
    public var referenceStart: [String: String] = [:]
    /// Subjects' consent, end of participation and death dates (RFICDTC, RFPENDTC, DTHDTC), for timeline checks.
    public var milestones: [String: SubjectMilestones] = [:]
    /// Parent records by dataset name: USUBJID, then IDVAR name, then the values it takes.
    public var parentKeys: [String: [String: Set<String>]] = [:]
    /// The study's epoch names, when the package's study definition is known.
    public var epochs: [String]?
    public var terminology: Terminology?
    /// Values the implementation guide prescribes outside a codelist, keyed `DATASET.VARIABLE=value`, with the reference.
    public var terminologyExceptions: [String: String]
    /// The study's declared sponsor extensions to extensible codelists.
    public var sponsorExtensions: SponsorExtensions

    public init(epochs: [String]? = nil, terminology: Terminology? = nil, terminologyExceptions: [String: String] = [:],
                sponsorExtensions: SponsorExtensions = .none) {
        self.epochs = epochs
        self.terminology = terminology
        self.terminologyExceptions = terminologyExceptions
        self.sponsorExtensions = sponsorExtensions
    }
}

/// The dates in DM that bound a subject's records.
public struct SubjectMilestones: Sendable, Hashable {
    public var consent: ISODateTime?
    public var endOfParticipation: ISODateTime?
    public var death: ISODateTime?

    public init(consent: ISODateTime?, endOfParticipation: ISODateTime?, death: ISODateTime?) {
        self.consent = consent
        self.endOfParticipation = endOfParticipation
        self.death = death
    }
}
