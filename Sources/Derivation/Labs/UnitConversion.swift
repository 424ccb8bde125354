import Ingest
import SDTMModel

/// What went wrong with a lab value, naming the test and what to add or fix.
public enum LabError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The test has no row at all in the conversion table, so its standard unit is unknown.
    case unknownTest(testcd: String)
    /// The unit as printed is neither in `unit-synonyms.csv` nor a unit of the conversion table.
    case unknownUnit(testcd: String, unit: String)
    /// The unit is known but the test has no conversion from it.
    case noConversion(testcd: String, unit: String, standardUnit: String)
    /// A number came without a unit.
    case missingUnit(testcd: String)
    /// A result that looks numeric but is not a number (`12,5`).
    case unreadableResult(testcd: String, text: String)
    /// CTCAE grading needs the lab's LLN or ULN and it is missing.
    case missingReferenceLimit(testcd: String, limit: String)
    /// The converted value does not fit an exact decimal of 18 digits.
    case overflow(testcd: String, value: String)

    public var description: String {
        switch self {
        case .unknownTest(let t): "\(t) has no row in \(UnitConversions.conversionsFile), so its standard unit is unknown"
        case .unknownUnit(let t, let u): "the unit '\(u)' of \(t) is not a known unit spelling"
        case .noConversion(let t, let u, let s): "\(t) has no conversion from \(u) to its standard unit \(s)"
        case .missingUnit(let t): "the numeric result of \(t) has no unit"
        case .unreadableResult(let t, let x): "the result '\(x)' of \(t) looks numeric but is not a number (decimal comma or thousands separator?)"
        case .missingReferenceLimit(let t, let l): "\(t) cannot be graded by CTCAE v5.0 without the lab's \(l)"
        case .overflow(let t, let v): "the converted value of \(t) from \(v) has more than 18 digits"
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .unknownTest(let t):
            "add the rows of \(t) to specs/lb/\(UnitConversions.conversionsFile) (testcd,from_unit,to_unit,factor,source), "
                + "including the identity row of its standard unit"
        case .unknownUnit(let t, let u):
            "add a row '\(u),<CT unit>' to specs/lb/\(UnitConversions.synonymsFile), and a row "
                + "'\(t),<CT unit>,<standard unit>,<factor>,<source>' to specs/lb/\(UnitConversions.conversionsFile) if \(t) has none from that unit"
        case .noConversion(let t, let u, let s):
            "add a row '\(t),\(u),\(s),<factor>,<source>' to specs/lb/\(UnitConversions.conversionsFile)"
        case .missingUnit:
            "ask the site for the unit (--ORRESU); the result is kept in --ORRES and --STRESC stays empty"
        case .unreadableResult:
            "ask the site what was meant; the result is kept as character in --STRESC with --STRESN empty"
        case .missingReferenceLimit(let t, let l):
            "provide the lab's reference range (--ORNRLO/--ORNRHI) for \(t); LBTOXGR stays empty without the \(l)"
        case .overflow:
            "check the result and the factor; the value is kept as collected"
        }
    }

    /// The finding to report at a raw line, its rule named after the domain of the record (`lb.unit.unknown-unit`,
    /// `vs.unit.unknown-unit`).
    public func diagnostic(at location: SourceLocation?, severity: Severity = .error, domain: String = "LB") -> Diagnostic {
        let rule = switch self {
        case .unknownTest: "unit.unknown-test"
        case .unknownUnit: "unit.unknown-unit"
        case .noConversion: "unit.no-conversion"
        case .missingUnit: "unit.missing"
        case .unreadableResult: "result.unreadable"
        case .missingReferenceLimit: "ctcae.missing-limit"
        case .overflow: "unit.overflow"
        }
        return Diagnostic(severity, domain.lowercased() + "." + rule, at: location, description, hint: hint)
    }
}

/// One row of `specs/lb/unit-conversions.csv`: `value in to_unit = value in from_unit x factor`.
public struct UnitConversion: Hashable, Sendable {
    public var testcd: String
    public var fromUnit: String
    public var toUnit: String
    public var factor: LabNumber
    public var source: String

    public init(testcd: String, fromUnit: String, toUnit: String, factor: LabNumber, source: String = "") {
        self.testcd = testcd
        self.fromUnit = fromUnit
        self.toUnit = toUnit
        self.factor = factor
        self.source = source
    }
}

/// The unit-conversion table: units as labs print them (`K/uL`, `mg/dl`) are first named by their
/// CDISC UNIT (C71620) submission value through `unit-synonyms.csv`, then converted to the test's
/// one standard (SI) unit through `unit-conversions.csv`. Values and ranges are converted as exact decimals.
public struct UnitConversions: Sendable {
    public static let conversionsFile = "unit-conversions.csv"
    public static let synonymsFile = "unit-synonyms.csv"

    /// Test code, then from-unit, to the row: two lookups, no key to build per value.
    private var rows: [String: [String: UnitConversion]] = [:]
    private var standardUnits: [String: String] = [:]
    private var synonyms: [String: String] = [:]
    private var units: Set<String> = []

    /// Builds the table; a test with two standard units or a unit listed twice is an error.
    public init(conversions: [UnitConversion], synonyms: [String: String]) throws(Diagnostic) {
        for c in conversions {
            guard c.factor.significand > 0 else { throw Self.invalid("the factor of \(c.testcd) from \(c.fromUnit) must be positive") }
            if let standard = standardUnits[c.testcd], standard != c.toUnit {
                throw Self.invalid("\(c.testcd) converts to both \(standard) and \(c.toUnit); a test has one standard unit")
            }
            guard rows[c.testcd, default: [:]].updateValue(c, forKey: c.fromUnit) == nil else {
                throw Self.invalid("\(c.testcd) has two rows from \(c.fromUnit)")
            }
            if c.fromUnit == c.toUnit, c.factor != LabNumber(significand: 1, exponent: 0) {
                throw Self.invalid("the identity row of \(c.testcd) in \(c.toUnit) must have factor 1")
            }
            standardUnits[c.testcd] = c.toUnit
            units.insert(c.fromUnit)
            units.insert(c.toUnit)
        }
        self.synonyms = synonyms
    }

    /// Loads `unit-conversions.csv` and `unit-synonyms.csv` from a folder such as `specs/lb`.
    public static func load(directory: String) throws(Diagnostic) -> UnitConversions {
        let conversions = directory + "/" + conversionsFile
        let synonyms = directory + "/" + synonymsFile
        return try load(conversions: RawTable(path: conversions, file: conversions),
                        synonyms: RawTable(path: synonyms, file: synonyms))
    }

    /// Builds the table from the two files already read.
    public static func load(conversions: RawTable, synonyms: RawTable) throws(Diagnostic) -> UnitConversions {
        let c = try NamedColumns(conversions, ["testcd", "from_unit", "to_unit", "factor", "source"])
        var list: [UnitConversion] = []
        for row in conversions.rows {
            guard let factor = LabNumber(c[row, "factor"]) else {
                throw c.invalid(row, "factor '\(c[row, "factor"])' is not a decimal number")
            }
            list.append(UnitConversion(testcd: c[row, "testcd"], fromUnit: c[row, "from_unit"], toUnit: c[row, "to_unit"],
                                       factor: factor, source: c[row, "source"]))
        }
        let s = try NamedColumns(synonyms, ["raw", "unit"])
        var map: [String: String] = [:]
        for row in synonyms.rows {
            guard map.updateValue(s[row, "unit"], forKey: s[row, "raw"]) == nil else {
                throw s.invalid(row, "the spelling '\(s[row, "raw"])' is listed twice")
            }
        }
        return try UnitConversions(conversions: list, synonyms: map)
    }

    /// The CDISC unit a printed unit stands for (`K/uL` is `10^9/L`), or nil when unknown.
    public func unit(forRaw raw: String) -> String? {
        let t = raw.trimmingSpaces
        return synonyms[t] ?? (units.contains(t) ? t : nil)
    }

    /// The standard (SI) unit of a test (--STRESU), or nil when the table does not know the test.
    public func standardUnit(of testcd: String) -> String? { standardUnits[testcd] }

    /// The row converting a test from a unit as printed.
    public func conversion(testcd: String, unit raw: String) throws(LabError) -> UnitConversion {
        guard let standard = standardUnits[testcd] else { throw .unknownTest(testcd: testcd) }
        guard !raw.trimmingSpaces.isEmpty else { throw .missingUnit(testcd: testcd) }
        guard let unit = unit(forRaw: raw) else { throw .unknownUnit(testcd: testcd, unit: raw.trimmingSpaces) }
        guard let row = rows[testcd]?[unit] else {
            throw .noConversion(testcd: testcd, unit: unit, standardUnit: standard)
        }
        return row
    }

    /// A value in the test's standard unit, exact.
    public func convert(_ value: LabNumber, testcd: String, from unit: String) throws(LabError) -> LabNumber {
        let row = try conversion(testcd: testcd, unit: unit)
        guard let out = value.multiplied(by: row.factor) else { throw .overflow(testcd: testcd, value: "\(value) \(unit)") }
        return out
    }

    /// A value in any unit the test converts from (such as creatinine in mg/dL for Cockcroft-Gault),
    /// through the standard unit: exact into the standard unit, then divided by the target's factor.
    public func convert(_ value: LabNumber, testcd: String, from unit: String, to target: String) throws(LabError) -> Double {
        let standard = try convert(value, testcd: testcd, from: unit)
        let back = try conversion(testcd: testcd, unit: target)
        return back.factor == LabNumber(significand: 1, exponent: 0) ? standard.double : standard.double / back.factor.double
    }

    /// A reference range in the standard unit (either limit may be missing).
    public func convertRange(low: LabNumber?, high: LabNumber?, testcd: String, from unit: String) throws(LabError)
        -> (low: LabNumber?, high: LabNumber?)
    {
        var out: (low: LabNumber?, high: LabNumber?) = (nil, nil)
        if let low { out.low = try convert(low, testcd: testcd, from: unit) }
        if let high { out.high = try convert(high, testcd: testcd, from: unit) }
        return out
    }

    /// --STRESC, --STRESN and --STRESU of a result: numbers converted (STRESN set), censored numbers
    /// converted but kept as character (`<0.2` mg/dL bilirubin is `<3.42` umol/L, STRESN null), character
    /// results copied, nothing for missing or not-done results. Throws when a number cannot be converted.
    public func standardize(_ result: LabResult, testcd: String, unit: String) throws(LabError) -> StandardizedResult {
        switch result {
        case .missing, .notDone:
            return StandardizedResult(stresc: "", stresn: nil, stresu: nil)
        case .number(let n):
            let v = try convert(n, testcd: testcd, from: unit)
            return StandardizedResult(stresc: v.description, stresn: v.double, stresu: standardUnits[testcd])
        case .censored(let op, let n):
            let v = try convert(n, testcd: testcd, from: unit)
            return StandardizedResult(stresc: op.rawValue + v.description, stresn: nil, stresu: standardUnits[testcd])
        case .text(let t), .unreadable(let t):
            return StandardizedResult(stresc: t, stresn: nil, stresu: nil)
        }
    }

    private static func invalid(_ message: String) -> Diagnostic {
        Diagnostic(.error, "spec.lb.invalid", at: SourceLocation(file: "specs/lb/" + conversionsFile, line: 1), message,
                   hint: "fix specs/lb/\(conversionsFile)")
    }
}

extension NamedColumns {
    /// An error at a row of a lab table, naming the file to fix.
    func invalid(_ row: RawRow, _ message: String) -> Diagnostic {
        Diagnostic(.error, "spec.lb.invalid", at: SourceLocation(file: file, line: row.line), message,
                   hint: "fix the row in \(file)")
    }
}
