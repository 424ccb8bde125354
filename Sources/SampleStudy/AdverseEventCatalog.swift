/// Why an AE happens, which sets how investigators attribute it to each drug.
enum AdverseEventProfile: Sendable {
    /// Immune-related, the checkpoint-inhibitor profile.
    case immune
    /// Cytopenias and haemolysis, the anti-CD47 profile.
    case hematologic
    case infusion
    /// Common on-treatment symptoms and laboratory changes.
    case general
    /// Mostly the cancer or the liver disease.
    case disease
}

/// One AE as investigators write it and the site's coder codes it (MedDRA preferred term and primary SOC).
struct AdverseEventTerm: Sendable {
    /// Verbatim terms, first the most frequent.
    var verbatims: [String]
    var preferredTerm: String
    var systemOrganClass: String
    var profile: AdverseEventProfile
    /// Relative frequency in cohort A (HCC) and cohort B (BTC).
    var weightA: Int
    var weightB: Int
    /// Relative frequency of grades 1 to 4.
    var grades: [Int]
    /// Often still present at the cut-off (endocrinopathies).
    var chronic = false
    /// May stop treatment for toxicity.
    var canStopTreatment = false
    /// May be the cause of death (grade 5).
    var canBeFatal = false
}

/// The AEs the simulated site reports, reflecting anti-CD47 (anaemia) and checkpoint-inhibitor (immune) profiles
/// on top of advanced liver and biliary disease.
enum AdverseEventCatalog {
    static let blood = "Blood and lymphatic system disorders"
    static let cardiac = "Cardiac disorders"
    static let endocrine = "Endocrine disorders"
    static let gastro = "Gastrointestinal disorders"
    static let general = "General disorders and administration site conditions"
    static let hepato = "Hepatobiliary disorders"
    static let infections = "Infections and infestations"
    static let injury = "Injury, poisoning and procedural complications"
    static let investigations = "Investigations"
    static let metabolism = "Metabolism and nutrition disorders"
    static let musculo = "Musculoskeletal and connective tissue disorders"
    static let nervous = "Nervous system disorders"
    static let psychiatric = "Psychiatric disorders"
    static let respiratory = "Respiratory, thoracic and mediastinal disorders"
    static let skin = "Skin and subcutaneous tissue disorders"

    static let terms: [AdverseEventTerm] = [
        AdverseEventTerm(verbatims: ["Fatigue", "fatigue", "Tiredness", "Fatigue/tiredness"], preferredTerm: "Fatigue",
                         systemOrganClass: general, profile: .general, weightA: 90, weightB: 90, grades: [60, 32, 8, 0]),
        AdverseEventTerm(verbatims: ["Anemia", "anemia", "Anaemia", "Worsening anemia"], preferredTerm: "Anaemia",
                         systemOrganClass: blood, profile: .hematologic, weightA: 80, weightB: 80, grades: [25, 40, 32, 3],
                         canStopTreatment: true),
        AdverseEventTerm(verbatims: ["low hemoglobin", "Hemoglobin decreased", "Low Hgb"], preferredTerm: "Haemoglobin decreased",
                         systemOrganClass: investigations, profile: .hematologic, weightA: 25, weightB: 25, grades: [30, 45, 25, 0]),
        AdverseEventTerm(verbatims: ["AST increased", "Elevated AST", "AST elevation"], preferredTerm: "Aspartate aminotransferase increased",
                         systemOrganClass: investigations, profile: .immune, weightA: 60, weightB: 40, grades: [45, 30, 20, 5],
                         canStopTreatment: true),
        AdverseEventTerm(verbatims: ["ALT increased", "Elevated ALT", "ALT elevated"], preferredTerm: "Alanine aminotransferase increased",
                         systemOrganClass: investigations, profile: .immune, weightA: 50, weightB: 35, grades: [45, 30, 20, 5]),
        AdverseEventTerm(verbatims: ["Immune-mediated hepatitis", "immune mediated hepatitis", "Autoimmune hepatitis"],
                         preferredTerm: "Immune-mediated hepatitis", systemOrganClass: hepato, profile: .immune,
                         weightA: 14, weightB: 10, grades: [10, 35, 40, 15], canStopTreatment: true, canBeFatal: true),
        AdverseEventTerm(verbatims: ["Rash maculo-papular", "Maculopapular rash", "Rash, maculopapular"], preferredTerm: "Rash maculo-papular",
                         systemOrganClass: skin, profile: .immune, weightA: 35, weightB: 35, grades: [55, 35, 10, 0]),
        AdverseEventTerm(verbatims: ["Rash", "rash"], preferredTerm: "Rash", systemOrganClass: skin, profile: .immune,
                         weightA: 20, weightB: 20, grades: [70, 27, 3, 0]),
        AdverseEventTerm(verbatims: ["Diarrhea", "diarrhea", "Diarhea", "Loose stools"], preferredTerm: "Diarrhoea",
                         systemOrganClass: gastro, profile: .general, weightA: 45, weightB: 45, grades: [62, 30, 8, 0]),
        AdverseEventTerm(verbatims: ["Pruritus", "Itching", "pruritis"], preferredTerm: "Pruritus", systemOrganClass: skin,
                         profile: .immune, weightA: 45, weightB: 50, grades: [65, 30, 5, 0]),
        AdverseEventTerm(verbatims: ["Hypothyroidism", "hypothyroidism"], preferredTerm: "Hypothyroidism", systemOrganClass: endocrine,
                         profile: .immune, weightA: 22, weightB: 22, grades: [40, 57, 3, 0], chronic: true),
        AdverseEventTerm(verbatims: ["Hyperthyroidism"], preferredTerm: "Hyperthyroidism", systemOrganClass: endocrine,
                         profile: .immune, weightA: 8, weightB: 8, grades: [60, 38, 2, 0]),
        AdverseEventTerm(verbatims: ["Adrenal insufficiency"], preferredTerm: "Adrenal insufficiency", systemOrganClass: endocrine,
                         profile: .immune, weightA: 4, weightB: 4, grades: [15, 55, 30, 0], chronic: true),
        AdverseEventTerm(verbatims: ["Pyrexia", "Fever", "fever"], preferredTerm: "Pyrexia", systemOrganClass: general,
                         profile: .general, weightA: 40, weightB: 45, grades: [65, 30, 5, 0]),
        AdverseEventTerm(verbatims: ["Chills"], preferredTerm: "Chills", systemOrganClass: general, profile: .general,
                         weightA: 12, weightB: 12, grades: [75, 25, 0, 0]),
        AdverseEventTerm(verbatims: ["Infusion related reaction", "Infusion reaction", "IRR"], preferredTerm: "Infusion related reaction",
                         systemOrganClass: injury, profile: .infusion, weightA: 18, weightB: 18, grades: [45, 45, 9, 1],
                         canStopTreatment: true),
        AdverseEventTerm(verbatims: ["Nausea", "nausea"], preferredTerm: "Nausea", systemOrganClass: gastro, profile: .general,
                         weightA: 50, weightB: 55, grades: [70, 27, 3, 0]),
        AdverseEventTerm(verbatims: ["Vomiting"], preferredTerm: "Vomiting", systemOrganClass: gastro, profile: .general,
                         weightA: 22, weightB: 25, grades: [70, 25, 5, 0]),
        AdverseEventTerm(verbatims: ["Decreased appetite", "Anorexia", "Poor appetite"], preferredTerm: "Decreased appetite",
                         systemOrganClass: metabolism, profile: .general, weightA: 50, weightB: 50, grades: [55, 38, 7, 0]),
        AdverseEventTerm(verbatims: ["Abdominal pain", "Abd pain", "Pain, abdominal"], preferredTerm: "Abdominal pain",
                         systemOrganClass: gastro, profile: .disease, weightA: 45, weightB: 55, grades: [45, 40, 15, 0]),
        AdverseEventTerm(verbatims: ["Thrombocytopenia", "Low platelets"], preferredTerm: "Thrombocytopenia", systemOrganClass: blood,
                         profile: .hematologic, weightA: 35, weightB: 20, grades: [45, 30, 20, 5]),
        AdverseEventTerm(verbatims: ["Platelet count decreased"], preferredTerm: "Platelet count decreased",
                         systemOrganClass: investigations, profile: .hematologic, weightA: 15, weightB: 10, grades: [50, 30, 17, 3]),
        AdverseEventTerm(verbatims: ["Neutropenia", "Low ANC"], preferredTerm: "Neutropenia", systemOrganClass: blood,
                         profile: .hematologic, weightA: 22, weightB: 22, grades: [30, 35, 28, 7]),
        AdverseEventTerm(verbatims: ["Lymphopenia", "Lymphocyte count decreased"], preferredTerm: "Lymphocyte count decreased",
                         systemOrganClass: investigations, profile: .hematologic, weightA: 20, weightB: 20, grades: [30, 40, 25, 5]),
        AdverseEventTerm(verbatims: ["Hemolysis"], preferredTerm: "Haemolysis", systemOrganClass: blood, profile: .hematologic,
                         weightA: 5, weightB: 5, grades: [40, 40, 18, 2], canStopTreatment: true),
        AdverseEventTerm(verbatims: ["Pneumonitis", "pneumonitis", "Immune pneumonitis"], preferredTerm: "Pneumonitis",
                         systemOrganClass: respiratory, profile: .immune, weightA: 8, weightB: 8, grades: [20, 45, 30, 5],
                         canStopTreatment: true, canBeFatal: true),
        AdverseEventTerm(verbatims: ["Colitis", "colitis", "Immune colitis"], preferredTerm: "Colitis", systemOrganClass: gastro,
                         profile: .immune, weightA: 9, weightB: 9, grades: [20, 40, 35, 5], canStopTreatment: true),
        AdverseEventTerm(verbatims: ["Myocarditis"], preferredTerm: "Myocarditis", systemOrganClass: cardiac, profile: .immune,
                         weightA: 1, weightB: 1, grades: [5, 25, 45, 25], canStopTreatment: true),
        AdverseEventTerm(verbatims: ["Hyperbilirubinemia", "Hyperbilirubinaemia"], preferredTerm: "Hyperbilirubinaemia",
                         systemOrganClass: hepato, profile: .disease, weightA: 25, weightB: 40, grades: [40, 35, 22, 3]),
        AdverseEventTerm(verbatims: ["Elevated bilirubin", "Bilirubin increased", "T bili elevated"], preferredTerm: "Blood bilirubin increased",
                         systemOrganClass: investigations, profile: .disease, weightA: 25, weightB: 40, grades: [40, 35, 22, 3]),
        AdverseEventTerm(verbatims: ["Alk phos elevated", "Alkaline phosphatase increased"],
                         preferredTerm: "Blood alkaline phosphatase increased", systemOrganClass: investigations, profile: .disease,
                         weightA: 20, weightB: 30, grades: [55, 35, 10, 0]),
        AdverseEventTerm(verbatims: ["Lipase increased"], preferredTerm: "Lipase increased", systemOrganClass: investigations,
                         profile: .immune, weightA: 8, weightB: 8, grades: [40, 30, 25, 5]),
        AdverseEventTerm(verbatims: ["Ascites"], preferredTerm: "Ascites", systemOrganClass: gastro, profile: .disease,
                         weightA: 30, weightB: 12, grades: [35, 45, 20, 0]),
        AdverseEventTerm(verbatims: ["Hepatic encephalopathy", "HE"], preferredTerm: "Hepatic encephalopathy", systemOrganClass: nervous,
                         profile: .disease, weightA: 10, weightB: 2, grades: [20, 45, 30, 5]),
        AdverseEventTerm(verbatims: ["Cholangitis", "Ascending cholangitis"], preferredTerm: "Cholangitis", systemOrganClass: hepato,
                         profile: .disease, weightA: 1, weightB: 18, grades: [5, 30, 55, 10]),
        AdverseEventTerm(verbatims: ["Peripheral edema", "Edema legs", "Bilateral lower extremity edema"], preferredTerm: "Oedema peripheral",
                         systemOrganClass: general, profile: .disease, weightA: 25, weightB: 18, grades: [60, 35, 5, 0]),
        AdverseEventTerm(verbatims: ["Constipation"], preferredTerm: "Constipation", systemOrganClass: gastro, profile: .general,
                         weightA: 25, weightB: 25, grades: [65, 33, 2, 0]),
        AdverseEventTerm(verbatims: ["Hyponatremia", "Low sodium"], preferredTerm: "Hyponatraemia", systemOrganClass: metabolism,
                         profile: .disease, weightA: 18, weightB: 15, grades: [60, 10, 28, 2]),
        AdverseEventTerm(verbatims: ["Hypoalbuminemia"], preferredTerm: "Hypoalbuminaemia", systemOrganClass: metabolism,
                         profile: .disease, weightA: 18, weightB: 15, grades: [50, 45, 5, 0]),
        AdverseEventTerm(verbatims: ["Arthralgia", "Joint pain"], preferredTerm: "Arthralgia", systemOrganClass: musculo,
                         profile: .immune, weightA: 15, weightB: 15, grades: [70, 27, 3, 0]),
        AdverseEventTerm(verbatims: ["Back pain"], preferredTerm: "Back pain", systemOrganClass: musculo, profile: .disease,
                         weightA: 12, weightB: 12, grades: [65, 30, 5, 0]),
        AdverseEventTerm(verbatims: ["Cough"], preferredTerm: "Cough", systemOrganClass: respiratory, profile: .general,
                         weightA: 15, weightB: 15, grades: [75, 25, 0, 0]),
        AdverseEventTerm(verbatims: ["Dyspnea", "Shortness of breath", "SOB"], preferredTerm: "Dyspnoea", systemOrganClass: respiratory,
                         profile: .disease, weightA: 15, weightB: 15, grades: [50, 35, 14, 1]),
        AdverseEventTerm(verbatims: ["Insomnia"], preferredTerm: "Insomnia", systemOrganClass: psychiatric, profile: .general,
                         weightA: 10, weightB: 10, grades: [80, 20, 0, 0]),
        AdverseEventTerm(verbatims: ["Headache"], preferredTerm: "Headache", systemOrganClass: nervous, profile: .general,
                         weightA: 12, weightB: 12, grades: [80, 20, 0, 0]),
        AdverseEventTerm(verbatims: ["Dizziness"], preferredTerm: "Dizziness", systemOrganClass: nervous, profile: .general,
                         weightA: 10, weightB: 10, grades: [80, 20, 0, 0]),
        AdverseEventTerm(verbatims: ["Weight loss", "Weight decreased"], preferredTerm: "Weight decreased", systemOrganClass: investigations,
                         profile: .disease, weightA: 15, weightB: 18, grades: [60, 38, 2, 0]),
        AdverseEventTerm(verbatims: ["UTI", "Urinary tract infection"], preferredTerm: "Urinary tract infection",
                         systemOrganClass: infections, profile: .disease, weightA: 8, weightB: 10, grades: [10, 65, 25, 0]),
        AdverseEventTerm(verbatims: ["Sepsis"], preferredTerm: "Sepsis", systemOrganClass: infections, profile: .disease,
                         weightA: 2, weightB: 5, grades: [0, 0, 60, 40], canBeFatal: true),
        AdverseEventTerm(verbatims: ["GI bleed", "Upper GI bleed", "Gastrointestinal hemorrhage"], preferredTerm: "Gastrointestinal haemorrhage",
                         systemOrganClass: gastro, profile: .disease, weightA: 5, weightB: 2, grades: [10, 30, 45, 15], canBeFatal: true),
        AdverseEventTerm(verbatims: ["Hepatic failure", "Liver failure"], preferredTerm: "Hepatic failure", systemOrganClass: hepato,
                         profile: .disease, weightA: 3, weightB: 2, grades: [0, 10, 50, 40], canBeFatal: true),
    ]

    static let weightsA = terms.map(\.weightA)
    static let weightsB = terms.map(\.weightB)
    static let treatmentStopping = terms.indices.filter { terms[$0].canStopTreatment }
    static let fatal = terms.indices.filter { terms[$0].canBeFatal }

    /// Relative frequency of relationships 1 (not related) to 5 (definitely related).
    static func relationshipWeights(_ profile: AdverseEventProfile, antiCD47: Bool) -> [Int] {
        switch profile {
        case .immune: antiCD47 ? [10, 30, 45, 12, 3] : [2, 8, 40, 35, 15]
        case .hematologic: antiCD47 ? [5, 10, 40, 30, 15] : [25, 40, 30, 5, 0]
        case .infusion: [0, 10, 40, 40, 10]
        case .general: [20, 30, 35, 12, 3]
        case .disease: [50, 35, 13, 2, 0]
        }
    }
}
