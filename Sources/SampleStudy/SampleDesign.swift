import SDTMModel

/// What to simulate: the size of the study, its calendar and the drugs the site gives.
public struct SampleDesign: Sendable {
    /// A study drug as the site's EDC records it.
    public struct Treatment: Sendable {
        /// The name as the site prints it, e.g. `Ligufalimab (AK117)`; its first word names the AE columns
        /// (`rel_ligufalimab`, `action_ligufalimab`).
        public var name: String
        /// The raw code in `drug_administration.csv`, e.g. `1`.
        public var code: String
        /// The planned dose per infusion; illustrative, since the synopsis gives none.
        public var dose: Double
        /// The dose unit as printed, e.g. `mg/kg`.
        public var unit: String

        public init(name: String, code: String, dose: Double, unit: String) {
            self.name = name
            self.code = code
            self.dose = dose
            self.unit = unit
        }
    }

    /// Subjects who are enrolled and treated.
    public var enrolled: Int
    /// Subjects who consent but fail screening.
    public var screenFailures: Int
    public var seed: UInt64
    public var siteID: String
    /// The first informed consent; consents spread over about 14 months from it.
    public var firstConsent: CivilDate
    public var cycleDays: Int
    /// Cycles after which treatment is complete.
    public var maxCycles: Int
    /// Given on day 1 of every cycle, in this order.
    public var treatments: [Treatment]
    /// The data extraction date: nothing in the export is later.
    public var dataCutoff: CivilDate

    /// The defaults describe the committed 64-subject sample; screen failures default to `max(1, enrolled / 10)`.
    public init(
        enrolled: Int = 64,
        screenFailures: Int? = nil,
        seed: UInt64 = 20_250_218,
        siteID: String = "101",
        firstConsent: CivilDate = CivilDate(year: 2025, month: 2, day: 18)!,
        cycleDays: Int = 21,
        maxCycles: Int = 35,
        treatments: [Treatment],
        dataCutoff: CivilDate = CivilDate(year: 2026, month: 10, day: 31)!
    ) {
        self.enrolled = enrolled
        self.screenFailures = screenFailures ?? max(1, enrolled / 10)
        self.seed = seed
        self.siteID = siteID
        self.firstConsent = firstConsent
        self.cycleDays = cycleDays
        self.maxCycles = maxCycles
        self.treatments = treatments
        self.dataCutoff = dataCutoff
    }
}

/// Why a design cannot be simulated.
public enum SampleDesignError: Error, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): "invalid sample design: \(reason)"
        }
    }
}

extension SampleDesign {
    /// Days over which consents are spread (about 14 months, less when the cut-off comes sooner).
    var accrualDays: Int {
        min(425, dataCutoff.daysSinceEpoch - firstConsent.daysSinceEpoch - 90)
    }

    func validate() throws(SampleDesignError) {
        guard enrolled >= 1 else { throw .invalid("at least one enrolled subject is needed") }
        guard screenFailures >= 0 else { throw .invalid("screen failures cannot be negative") }
        guard !treatments.isEmpty else { throw .invalid("at least one treatment is needed") }
        guard cycleDays >= 7 else { throw .invalid("cycles must last at least 7 days") }
        guard maxCycles >= 1 else { throw .invalid("at least one cycle is needed") }
        guard accrualDays >= 0 else { throw .invalid("the data cut-off must be at least 90 days after the first consent") }
        var codes: [String] = []
        for t in treatments {
            guard !t.code.isEmpty, !codes.contains(t.code) else { throw .invalid("treatment codes must be distinct and non-empty") }
            codes.append(t.code)
        }
        var slugs: [String] = []
        for t in treatments {
            guard !slugs.contains(t.columnSlug) else { throw .invalid("treatment names must differ in their first word") }
            slugs.append(t.columnSlug)
        }
    }
}

extension SampleDesign.Treatment {
    /// The lowercase first word of the name (`ligufalimab`), or `drug<code>` when the name starts with no letter.
    var columnSlug: String {
        let word = name.lowercased().prefix { $0.isLetter && $0.isASCII }
        return word.isEmpty ? "drug\(code)" : String(word)
    }

    /// Whether the drug blocks CD47 (the anaemia profile) rather than an immune checkpoint.
    var isAntiCD47: Bool {
        let n = name.lowercased()
        return n.contains("ligufalimab") || n.contains("ak117") || n.contains("cd47")
    }
}
