/// What a study's mapping files declare about the study itself: identity, design, schedule and standards.
public struct StudyDefinition: Sendable {
    /// A planned arm and the raw value that selects it.
    public struct Arm: Sendable, Hashable {
        public var code: String
        public var name: String
        public var raw: String
        public init(code: String, name: String, raw: String) {
            self.code = code
            self.name = name
            self.raw = raw
        }
    }

    /// A study treatment; doses are the protocol's (illustrative in the sample study).
    public struct Treatment: Sendable, Hashable {
        public var name: String
        public var raw: String
        public var label: String
        public var dose: Double
        public var unit: String
        public init(name: String, raw: String, label: String, dose: Double, unit: String) {
            self.name = name
            self.raw = raw
            self.label = label
            self.dose = dose
            self.unit = unit
        }
    }

    /// An epoch starts on a reference date of the subject (an RF-- variable of DM) plus an offset.
    public struct Epoch: Sendable, Hashable {
        public var name: String
        public var anchor: String
        public var offsetDays: Int
        public init(name: String, anchor: String, offsetDays: Int) {
            self.name = name
            self.anchor = anchor
            self.offsetDays = offsetDays
        }
    }

    /// An external dictionary the site codes some variables with (MedDRA for adverse events): define.xml cites it,
    /// with its version, for those variables.
    public struct ExternalDictionary: Sendable, Hashable {
        public var name: String
        public var version: String
        /// Where the dictionary is published (https://www.meddra.org/), when given.
        public var href: String?
        /// The variables coded with it, as `DATASET.VARIABLE` (`AE.AEDECOD`).
        public var variables: [String]
        public init(name: String, version: String, href: String? = nil, variables: [String]) {
            self.name = name
            self.version = version
            self.href = href
            self.variables = variables
        }
    }

    /// A planned visit and the raw event name the site uses for it.
    /// What RECIST 1.1 leaves to the protocol: how long after a CR or PR a confirming scan must be, and how long
    /// after the first dose an SD must be seen to count.
    public struct ResponseCriteria: Sendable, Hashable {
        public var confirmationDays: Int
        public var minimumStableDiseaseDays: Int
        public init(confirmationDays: Int, minimumStableDiseaseDays: Int) {
            self.confirmationDays = confirmationDays
            self.minimumStableDiseaseDays = minimumStableDiseaseDays
        }
    }

    /// The eligibility criteria the screening data can check, as study.yaml states them.
    public struct Eligibility: Sendable, Hashable {
        /// The unit that makes a limit a multiple of the lab's upper limit of normal.
        public static let timesULN = "xULN"
        public struct Threshold: Sendable, Hashable {
            /// LBTESTCD, or `CRCL` for creatinine clearance by Cockcroft-Gault.
            public var test: String
            /// True for `>=`, false for `<=`.
            public var atLeast: Bool
            /// An exact decimal, as written.
            public var limit: String
            public var unit: String
            public init(test: String, atLeast: Bool, limit: String, unit: String) {
                self.test = test
                self.atLeast = atLeast
                self.limit = limit
                self.unit = unit
            }
        }
        public var minimumAgeYears: Int?
        public var thresholds: [Threshold]
        /// The VISIT whose results decide eligibility (the screening visit); nil for the first epoch's results.
        public var visit: String?
        public init(minimumAgeYears: Int?, thresholds: [Threshold], visit: String? = nil) {
            self.minimumAgeYears = minimumAgeYears
            self.thresholds = thresholds
            self.visit = visit
        }
    }

    public struct Visit: Sendable, Hashable {
        /// What the mapping writes in VISIT for an unplanned visit, before the derive stage numbers it.
        public static let unscheduled = "UNSCHEDULED"

        public var raw: String
        public var name: String
        public var number: Double
        public var plannedDay: Int?
        public init(raw: String, name: String, number: Double, plannedDay: Int?) {
            self.raw = raw
            self.name = name
            self.number = number
            self.plannedDay = plannedDay
        }
    }

    /// The study's own key, used in `--study` and as the folder name under mappings/ and samples/.
    public var key: String
    public var studyID: String
    public var title: String
    public var sponsor: String
    public var country: String
    public var standardVersion: String
    public var terminologyVersion: String
    /// Path of the study's terminology file, relative to specs/.
    public var terminologyFile: String
    /// Path of the study's declared sponsor extensions (codelist, value, reason), relative to specs/, if any.
    public var sponsorExtensionsFile: String? = nil
    /// Stamped into every package so that output is deterministic.
    public var creationDateTime: String
    /// The site's date formats, tried in order (e.g. `DD-MMM-YYYY`).
    public var dateFormats: [String]
    public var arms: [Arm]
    public var treatments: [Treatment]
    public var epochs: [Epoch]
    public var visits: [Visit]
    /// Eligibility criteria checked against the screening data, when the study states them.
    public var eligibility: Eligibility?
    /// RECIST 1.1's study-specific parameters for the best overall response, when the study assesses tumours.
    public var responseCriteria: ResponseCriteria?
    /// Raw event names of unplanned visits: VISIT and VISITNUM are derived from the date (see `Visit.unscheduled`).
    public var unscheduledVisits: [String] = []
    /// The external dictionaries the site codes with.
    public var dictionaries: [ExternalDictionary] = []
    public var cycleDays: Int
    /// The raw data dictionary: file name of the coded-choice list, if the site exports one.
    public var dataDictionary: String?

    public init(
        key: String, studyID: String, title: String, sponsor: String, country: String,
        standardVersion: String, terminologyVersion: String, terminologyFile: String, creationDateTime: String,
        dateFormats: [String], arms: [Arm], treatments: [Treatment], epochs: [Epoch], visits: [Visit],
        cycleDays: Int, dataDictionary: String?
    ) {
        self.key = key
        self.studyID = studyID
        self.title = title
        self.sponsor = sponsor
        self.country = country
        self.standardVersion = standardVersion
        self.terminologyVersion = terminologyVersion
        self.terminologyFile = terminologyFile
        self.creationDateTime = creationDateTime
        self.dateFormats = dateFormats
        self.arms = arms
        self.treatments = treatments
        self.epochs = epochs
        self.visits = visits
        self.cycleDays = cycleDays
        self.dataDictionary = dataDictionary
    }
}

extension StudyDefinition {
    /// The study's OID, shared by define.xml (`Study/@OID`) and Dataset-JSON (`studyOID`).
    public var studyOID: String { "STDY.\(studyID)" }
    /// The metadata version's OID, shared by define.xml and Dataset-JSON.
    public static let metaDataVersionOID = "MDV.1"
}
