import SDTMModel

/// The tables LB's derivations read from `specs/lb/`: unit conversions and CTCAE v5.0 criteria.
public struct LabStandards: Sendable {
    public var conversions: UnitConversions
    public var ctcae: CTCAETable

    public init(conversions: UnitConversions, ctcae: CTCAETable) {
        self.conversions = conversions
        self.ctcae = ctcae
    }

    public static func load(directory: String) throws(Diagnostic) -> LabStandards {
        LabStandards(conversions: try UnitConversions.load(directory: directory), ctcae: try CTCAETable.load(directory: directory))
    }
}

/// Per LB record: LBORRESU as the CDISC unit its spelling stands for (`K/uL` is `10^9/L`, by
/// `specs/lb/unit-synonyms.csv`), LBSTRESC/LBSTRESN/LBSTRESU and LBSTNRLO/LBSTNRHI through the conversion table,
/// LBNRIND from the collected result and range, LBTOXGR/LBTOX by CTCAE v5.0. A value that cannot be standardized
/// is a finding at its raw line and column; the record keeps what is known.
func deriveLabResults(_ lb: inout Dataset, standards: LabStandards, rawColumns: [String: Int]) -> [Diagnostic] {
    guard let testcd = lb.column(ifPresent: "LBTESTCD"), let orres = lb.column(ifPresent: "LBORRES"),
          let orresu = lb.column(ifPresent: "LBORRESU")
    else { return [] }
    let c = LabColumns(lb)
    let inputs = [testcd, orres, orresu, c.stat, c.ornrlo, c.ornrhi].map { $0.map { lb.columns[$0] } }
    var diagnostics: [Diagnostic] = []
    // Records with the same test, result, unit, range and status get the same values and findings.
    var outcomes: [LabInputs: (writes: [(column: Int, value: Value)], diagnostics: [Diagnostic])] = [:]
    for i in 0..<lb.count {
        func code(_ n: Int) -> UInt32 { inputs[n]?.codes[i] ?? 0 }
        let key = LabInputs(test: code(0), result: code(1), unit: code(2), status: code(3), low: code(4), high: code(5))
        if let known = outcomes[key] {
            for (column, value) in known.writes { lb[i, column] = value }
            for var diagnostic in known.diagnostics {
                diagnostic.location = lb.origins[i].map { SourceLocation(file: $0.file, line: $0.line, column: diagnostic.location?.column) }
                diagnostics.append(diagnostic)
            }
            continue
        }
        let before = diagnostics.count
        var writes: [(column: Int, value: Value)] = []
        func set(_ column: Int?, _ value: Value) { if let column { writes.append((column, value)) } }
        func at(_ variable: String) -> SourceLocation? {
            lb.origins[i].map { SourceLocation(file: $0.file, line: $0.line, column: rawColumns[variable]) }
        }
        func derive() {
            let test = lb[i, testcd].text
            if let stat = c.stat, lb[i, stat].text == "NOT DONE" { return }
            let result = LabResult(raw: lb[i, orres].text)
            guard result.hasResult else { return }
            let unit = lb[i, orresu].text
            if let cdisc = standards.conversions.unit(forRaw: unit), cdisc != unit { set(orresu, .text(cdisc)) }

            var rangeReadable = true
            func limit(_ column: Int?, _ variable: String) -> LabNumber? {
                guard let column, !lb[i, column].isNull else { return nil }
                if let n = LabNumber(lb[i, column].text) { return n }
                rangeReadable = false
                diagnostics.append(Diagnostic(
                    .error, "lb.range.unparseable", at: at(variable),
                    "\(variable) '\(lb[i, column].text)' of \(test) is not a number",
                    hint: "correct the reference range at the site (a number in the result's unit); "
                        + "the standardized range, LBNRIND and LBTOXGR stay empty"))
                return nil
            }
            let low = limit(c.ornrlo, "LBORNRLO"), high = limit(c.ornrhi, "LBORNRHI")

            if case .text(let text) = result, standards.conversions.standardUnit(of: test) != nil {
                // A numeric test's character result ("see comment") is not a standardized finding: it stays in LBORRES.
                diagnostics.append(Diagnostic(
                    .error, "lb.result.not-numeric", at: at("LBORRES"), "the result '\(text)' of \(test) is not a number",
                    hint: "ask the site for the numeric result; it stays in LBORRES, and LBSTRESC and LBSTRESN stay empty"))
                return
            }
            if let problem = result.problem(testcd: test) { diagnostics.append(problem.diagnostic(at: at("LBORRES"))) }
            do throws(LabError) {
                let standard = try standards.conversions.standardize(result, testcd: test, unit: unit)
                set(c.stresc, .of(standard.stresc))
                set(c.stresn, standard.stresn.map(Value.number) ?? .null)
                set(c.stresu, .of(standard.stresu ?? ""))
                if rangeReadable, low != nil || high != nil {
                    let range = try standards.conversions.convertRange(low: low, high: high, testcd: test, from: unit)
                    set(c.stnrlo, range.low.map { .number($0.double) } ?? .null)
                    set(c.stnrhi, range.high.map { .number($0.double) } ?? .null)
                }
            } catch {
                diagnostics.append(error.diagnostic(at: at(error.isAboutUnit ? "LBORRESU" : "LBORRES")))
            }
            guard rangeReadable else { return }
            if let nrind = c.nrind, let indicator = ReferenceRangeIndicator(result, low: low, high: high) {
                set(nrind, .text(indicator.rawValue))
            }
            if let toxgr = c.toxgr, let number = result.number, standards.ctcae.grades(test) {
                do throws(LabError) {
                    if let grade = try standards.ctcae.grade(testcd: test, value: number, unit: unit, lln: low, uln: high,
                                                             conversions: standards.conversions) {
                        set(toxgr, .text(String(grade.grade)))
                        if grade.grade > 0 { set(c.tox, .text(grade.term)) }
                    }
                } catch {
                    // A missing limit or unit is reported once, by the standardization above or here.
                    if case .missingReferenceLimit(_, let limit) = error {
                        diagnostics.append(error.diagnostic(at: at(limit == "LLN" ? "LBORNRLO" : "LBORNRHI"), severity: .warning))
                    }
                }
            }
        }
        derive()
        for (column, value) in writes { lb[i, column] = value }
        outcomes[key] = (writes, Array(diagnostics[before...]))
    }
    return diagnostics
}

/// The codes of a record's values that LB's derivations read: test, result, unit, status and range.
private struct LabInputs: Hashable {
    var test, result, unit, status, low, high: UInt32
}

/// The positions of the LB variables the derivations write, nil for those the dataset does not carry.
private struct LabColumns {
    var stresc, stresn, stresu, stnrlo, stnrhi, nrind, toxgr, tox, stat, ornrlo, ornrhi: Int?

    init(_ lb: Dataset) {
        stresc = lb.column(ifPresent: "LBSTRESC"); stresn = lb.column(ifPresent: "LBSTRESN")
        stresu = lb.column(ifPresent: "LBSTRESU"); stnrlo = lb.column(ifPresent: "LBSTNRLO")
        stnrhi = lb.column(ifPresent: "LBSTNRHI"); nrind = lb.column(ifPresent: "LBNRIND")
        toxgr = lb.column(ifPresent: "LBTOXGR"); tox = lb.column(ifPresent: "LBTOX"); stat = lb.column(ifPresent: "LBSTAT")
        ornrlo = lb.column(ifPresent: "LBORNRLO"); ornrhi = lb.column(ifPresent: "LBORNRHI")
    }
}

extension LabError {
    /// True when the fix is to the unit (LBORRESU) rather than the result.
    var isAboutUnit: Bool {
        switch self {
        case .unknownUnit, .noConversion, .missingUnit: true
        default: false
        }
    }
}
