import SDTMModel

/// A section of the local lab's report, named as the site prints it.
enum LabCategory: String, Sendable {
    case hematology = "Hematology"
    case chemistry = "Chemistry"
    case coagulation = "Coagulation"
    case tumorMarkers = "Tumor Markers"
}

/// A local lab test, in report order. Values are simulated in the conventional US unit given on each case.
enum LabTest: Int, CaseIterable, Sendable {
    case hemoglobin         // g/dL
    case platelets          // x10^3/uL
    case wbc                // x10^3/uL
    case neutrophils        // x10^3/uL
    case lymphocytes        // x10^3/uL
    case ast                // U/L
    case alt                // U/L
    case alp                // U/L
    case bilirubin          // mg/dL
    case directBilirubin    // mg/dL
    case albumin            // g/dL
    case creatinine         // mg/dL
    case sodium             // mEq/L
    case potassium          // mEq/L
    case glucose            // mg/dL
    case inr                // ratio
    case prothrombinTime    // s
    case afp                // ng/mL, cohort A only
    case ca199              // U/mL, cohort B only

    var siteName: String {
        switch self {
        case .hemoglobin: "Hemoglobin"
        case .platelets: "Platelet Count"
        case .wbc: "WBC"
        case .neutrophils: "Absolute Neutrophil Count"
        case .lymphocytes: "Lymphocytes, Absolute"
        case .ast: "AST (SGOT)"
        case .alt: "ALT (SGPT)"
        case .alp: "Alkaline Phosphatase"
        case .bilirubin: "Total Bilirubin"
        case .directBilirubin: "Direct Bilirubin"
        case .albumin: "Albumin"
        case .creatinine: "Creatinine"
        case .sodium: "Sodium"
        case .potassium: "Potassium"
        case .glucose: "Glucose"
        case .inr: "INR"
        case .prothrombinTime: "Prothrombin Time"
        case .afp: "AFP"
        case .ca199: "CA 19-9"
        }
    }

    var category: LabCategory {
        switch self {
        case .hemoglobin, .platelets, .wbc, .neutrophils, .lymphocytes: .hematology
        case .inr, .prothrombinTime: .coagulation
        case .afp, .ca199: .tumorMarkers
        default: .chemistry
        }
    }

    static let hematologyPanel: [LabTest] = [.hemoglobin, .platelets, .wbc, .neutrophils, .lymphocytes]
    static let liverPanel: [LabTest] = [.ast, .alt, .alp, .bilirubin, .directBilirubin, .albumin]
    /// Every test but the tumour markers, in report order.
    static let routine = allCases.filter { $0.category != .tumorMarkers }

    /// The cohort's tumour marker: AFP in HCC, CA 19-9 in BTC.
    static func marker(_ cohort: Cohort) -> LabTest { cohort == .hcc ? .afp : .ca199 }
}

/// The laboratory that analyses a subject's samples, which sets unit spellings, reference ranges and precision.
enum LabProfile: Int, CaseIterable, Sendable {
    /// The site's hospital lab: conventional US units.
    case hospital
    /// A commercial reference lab: the same units spelled its own way (`K/uL`, `IU/L`, `mg/dl`).
    case commercial
    /// A lab reporting SI units (`g/L`, `umol/L`, `mmol/L`).
    case si

    /// Relative frequency among subjects.
    static let weights = [72, 20, 8]
}

/// A printed result below or above what the lab reports as a number, e.g. `<0.2` or `>1000`.
struct Censor: Sendable {
    /// In the printed unit.
    var limit: Double
    var text: String
}

/// One lab's reference range as printed; an empty bound is not given.
struct ReferenceRange: Sendable {
    var low: String
    var high: String
}

/// How one lab prints one test.
struct LabMethod: Sendable {
    var unit: String
    /// The printed number is the conventional value times this.
    var factor: Double
    var decimals: Int
    var male: ReferenceRange
    var female: ReferenceRange
    var below: Censor?
    var above: Censor?

    func range(_ sex: Sex) -> ReferenceRange { sex == .female ? female : male }

    /// The range's bounds in the conventional unit.
    func limits(_ sex: Sex) -> (low: Double?, high: Double?) {
        let r = range(sex)
        return (Double(r.low).map { $0 / factor }, Double(r.high).map { $0 / factor })
    }

    /// The result as the lab prints it, from the conventional value.
    func result(_ value: Double) -> String {
        let printed = value * factor
        if let below, printed < below.limit { return below.text }
        if let above, printed > above.limit { return above.text }
        return LabFormat.fixed(printed, decimals)
    }

    /// The conventional value a printed (uncensored) result stands for.
    func printedValue(_ value: Double) -> Double {
        LabFormat.round(value * factor, decimals) / factor
    }
}

/// The methods of every lab, indexed by `LabProfile` then `LabTest`.
enum LabCatalog {
    static let methods: [[LabMethod]] = [hospital, commercial, si]

    static func method(_ test: LabTest, _ lab: LabProfile) -> LabMethod { methods[lab.rawValue][test.rawValue] }

    private static func m(_ unit: String, _ decimals: Int, _ low: String, _ high: String,
                          female: ReferenceRange? = nil, factor: Double = 1, below: Censor? = nil,
                          above: Censor? = nil) -> LabMethod {
        let male = ReferenceRange(low: low, high: high)
        return LabMethod(unit: unit, factor: factor, decimals: decimals, male: male, female: female ?? male,
                         below: below, above: above)
    }

    private static let over1000 = Censor(limit: 1000, text: ">1000")
    private static let under2 = Censor(limit: 2, text: "<2.0")

    private static let hospital = [
        m("g/dL", 1, "13.5", "17.5", female: ReferenceRange(low: "12.0", high: "15.5")),
        m("x10^3/uL", 0, "150", "400"),
        m("x10^3/uL", 1, "4.0", "11.0"),
        m("x10^3/uL", 2, "1.80", "7.70"),
        m("x10^3/uL", 2, "1.00", "4.80"),
        m("U/L", 0, "10", "40"),
        m("U/L", 0, "7", "56"),
        m("U/L", 0, "44", "147"),
        m("mg/dL", 1, "0.1", "1.2"),
        m("mg/dL", 1, "0.0", "0.3", below: Censor(limit: 0.2, text: "<0.2")),
        m("g/dL", 1, "3.5", "5.0"),
        m("mg/dL", 2, "0.74", "1.35", female: ReferenceRange(low: "0.59", high: "1.04")),
        m("mEq/L", 0, "135", "145"),
        m("mEq/L", 1, "3.5", "5.1"),
        m("mg/dL", 0, "70", "99"),
        m("ratio", 2, "0.80", "1.20"),
        m("sec", 1, "11.0", "13.5"),
        m("ng/mL", 1, "", "10.0", below: under2, above: over1000),
        m("U/mL", 1, "", "37.0", above: over1000),
    ]

    private static let commercial = [
        m("g/dl", 1, "13.0", "17.0", female: ReferenceRange(low: "11.5", high: "15.0")),
        m("K/uL", 0, "150", "450"),
        m("K/uL", 1, "3.4", "10.8"),
        m("K/uL", 1, "1.4", "7.0"),
        m("K/uL", 1, "0.7", "3.1"),
        m("IU/L", 0, "0", "40"),
        m("IU/L", 0, "0", "44"),
        m("IU/L", 0, "44", "121"),
        m("mg/dl", 1, "0.0", "1.2"),
        m("mg/dl", 1, "0.0", "0.4", below: Censor(limit: 0.2, text: "<0.2")),
        m("g/dl", 1, "3.6", "4.8"),
        m("mg/dl", 2, "0.76", "1.27", female: ReferenceRange(low: "0.57", high: "1.00")),
        m("mmol/L", 0, "134", "144"),
        m("mmol/L", 1, "3.5", "5.2"),
        m("mg/dl", 0, "65", "99"),
        m("Ratio", 1, "0.9", "1.2"),
        m("s", 1, "9.1", "12.0"),
        m("ng/ml", 1, "", "8.3", below: under2, above: over1000),
        m("U/ml", 0, "", "35", above: over1000),
    ]

    private static let si = [
        m("g/L", 0, "130", "170", female: ReferenceRange(low: "120", high: "150"), factor: 10),
        m("10^9/L", 0, "150", "400"),
        m("10^9/L", 1, "4.0", "10.0"),
        m("10^9/L", 1, "2.0", "7.5"),
        m("10^9/L", 1, "1.0", "4.0"),
        m("U/L", 0, "10", "35"),
        m("U/L", 0, "10", "45"),
        m("U/L", 0, "30", "130"),
        m("umol/L", 0, "3", "21", factor: 17.1),
        m("umol/L", 0, "0", "5", factor: 17.1, below: Censor(limit: 2, text: "<2")),
        m("g/L", 0, "35", "50", factor: 10),
        m("umol/L", 0, "64", "104", female: ReferenceRange(low: "49", high: "90"), factor: 88.4),
        m("mmol/L", 0, "135", "145"),
        m("mmol/L", 1, "3.5", "5.3"),
        m("mmol/L", 1, "3.9", "5.5", factor: 0.0555),
        m("INR", 2, "0.80", "1.20"),
        m("seconds", 1, "10.0", "13.0"),
        m("ug/L", 1, "", "7.0", below: under2, above: over1000),
        m("kU/L", 0, "", "37", above: over1000),
    ]
}

/// Fixed-point printing without a formatter.
enum LabFormat {
    private static let scales: [Double] = [1, 10, 100, 1000]

    /// `value` rounded half away from zero to `decimals` places.
    static func round(_ value: Double, _ decimals: Int) -> Double {
        (value * scales[decimals]).rounded() / scales[decimals]
    }

    /// `12.30` for (12.3, 2); `7` for (7.2, 0). Non-negative values only.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let scale = Int(scales[decimals])
        let n = Int((max(0, value) * scales[decimals]).rounded())
        guard decimals > 0 else { return String(n) }
        return String(n / scale) + "." + SiteFormat.digits(n % scale, decimals)
    }
}
