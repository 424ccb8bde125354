/// The coded choices of the site's EDC forms: raw code and label, as listed in the data dictionary.
protocol SiteCode: CaseIterable, Sendable {
    var code: String { get }
    var label: String { get }
}

enum Sex: Int, SiteCode {
    case male = 1, female = 2
    var code: String { String(rawValue) }
    var label: String { self == .male ? "Male" : "Female" }
}

enum Race: Int, SiteCode {
    case americanIndian = 1, asian = 2, black = 3, pacificIslander = 4, white = 5, multiple = 6
    case notReported = 98, unknown = 99
    var code: String { String(rawValue) }
    var label: String {
        switch self {
        case .americanIndian: "American Indian or Alaska Native"
        case .asian: "Asian"
        case .black: "Black or African American"
        case .pacificIslander: "Native Hawaiian or Other Pacific Islander"
        case .white: "White"
        case .multiple: "Multiple"
        case .notReported: "Not reported"
        case .unknown: "Unknown"
        }
    }
}

enum Ethnicity: Int, SiteCode {
    case hispanic = 1, notHispanic = 2, notReported = 98, unknown = 99
    var code: String { String(rawValue) }
    var label: String {
        switch self {
        case .hispanic: "Hispanic or Latino"
        case .notHispanic: "Not Hispanic or Latino"
        case .notReported: "Not reported"
        case .unknown: "Unknown"
        }
    }
}

enum Cohort: Int, SiteCode {
    case hcc = 1, btc = 2
    var code: String { String(rawValue) }
    var label: String { self == .hcc ? "Cohort A (HCC)" : "Cohort B (BTC)" }
}

enum YesNo: Int, SiteCode {
    case yes = 1, no = 0
    init(_ flag: Bool) { self = flag ? .yes : .no }
    var code: String { String(rawValue) }
    var label: String { self == .yes ? "Yes" : "No" }
}

/// CTCAE v5.0 grade.
enum Grade: Int, SiteCode, Comparable {
    case mild = 1, moderate, severe, lifeThreatening, death
    var code: String { String(rawValue) }
    var label: String {
        switch self {
        case .mild: "Mild"
        case .moderate: "Moderate"
        case .severe: "Severe"
        case .lifeThreatening: "Life-threatening"
        case .death: "Death"
        }
    }
    static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }
}

/// The seriousness criteria, one checkbox column each (`1` when checked, blank otherwise).
enum SeriousCriterion: Int, SiteCode {
    case death, lifeThreatening, hospitalization, disability, congenital, otherMedical
    var code: String { "1" }
    var column: String {
        switch self {
        case .death: "sae_death"
        case .lifeThreatening: "sae_life_threat"
        case .hospitalization: "sae_hosp"
        case .disability: "sae_disability"
        case .congenital: "sae_congenital"
        case .otherMedical: "sae_other_med"
        }
    }
    var label: String {
        switch self {
        case .death: "Results in death"
        case .lifeThreatening: "Is life-threatening"
        case .hospitalization: "Requires or prolongs hospitalization"
        case .disability: "Results in persistent or significant disability/incapacity"
        case .congenital: "Congenital anomaly/birth defect"
        case .otherMedical: "Other medically important event"
        }
    }
}

enum Relationship: Int, SiteCode {
    case notRelated = 1, unlikely, possibly, probably, definitely
    var code: String { String(rawValue) }
    var label: String {
        switch self {
        case .notRelated: "Not related"
        case .unlikely: "Unlikely related"
        case .possibly: "Possibly related"
        case .probably: "Probably related"
        case .definitely: "Definitely related"
        }
    }
    var isRelated: Bool { rawValue >= 3 }
}

enum ActionTaken: Int, SiteCode {
    case doseNotChanged = 1, interrupted, withdrawn, reduced, notApplicable, unknown = 99
    var code: String { String(rawValue) }
    var label: String {
        switch self {
        case .doseNotChanged: "Dose not changed"
        case .interrupted: "Drug interrupted"
        case .withdrawn: "Drug withdrawn"
        case .reduced: "Dose reduced"
        case .notApplicable: "Not applicable"
        case .unknown: "Unknown"
        }
    }
}

enum Outcome: Int, SiteCode {
    case recovered = 1, recovering, notRecovered, recoveredWithSequelae, fatal, unknown = 99
    var code: String { String(rawValue) }
    var label: String {
        switch self {
        case .recovered: "Recovered/Resolved"
        case .recovering: "Recovering/Resolving"
        case .notRecovered: "Not recovered/Not resolved"
        case .recoveredWithSequelae: "Recovered/Resolved with sequelae"
        case .fatal: "Fatal"
        case .unknown: "Unknown"
        }
    }
}

/// Why treatment ended, as the end-of-treatment form prints it.
enum TreatmentEndReason: String, Sendable {
    case progression = "Progressive disease"
    case adverseEvent = "Adverse event"
    case withdrawal = "Withdrawal by subject"
    case death = "Death"
    case physicianDecision = "Physician decision"
    case completed = "Completed"
}

/// Why study participation ended, as the end-of-study form prints it.
enum StudyEndReason: String, Sendable {
    case death = "Death"
    case withdrawal = "Withdrawal by subject"
    case lostToFollowUp = "Lost to follow-up"
    case completed = "Study completed"
    case ongoing = "Ongoing"
    case screenFailure = "Screen failure"
}
