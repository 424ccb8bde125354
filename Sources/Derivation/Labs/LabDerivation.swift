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

/// Per LB (or VS) record: --ORRESU as the CDISC unit its spelling stands for (`K/uL` is `10^9/L`, by
/// `specs/lb/unit-synonyms.csv`), --STRESC/--STRESN/--STRESU and --STNRLO/--STNRHI through the conversion table,
/// --NRIND from the collected result and range, --TOXGR/--TOX by CTCAE v5.0, for the variables the dataset has.
/// A value that cannot be standardized is a finding at its raw line and column; the record keeps what is known.
func deriveLabResults(_ lb: inout Dataset, standards: LabStandards, rawColumns: [String: Int]) -> [Diagnostic] {
    let p = lb.prefix, domain = lb.prefix.lowercased()
    guard let testcd = lb.column(ifPresent: p + "TESTCD"), let orres = lb.column(ifPresent: p + "ORRES"),
          let orresu = lb.column(ifPresent: p + "ORRESU")
    else { return [] }
    let c = LabColumns(lb)
    let inputColumns = [testcd, orres, orresu, c.stat, c.ornrlo, c.ornrhi].compactMap { $0 }
    var diagnostics: [Diagnostic] = []
    // Records with the same test, result, unit, range and status get the same outcome: a code for each column the
    // derivation writes (or `keep`), and the same findings. Each record's outcome is found first; the columns are
    // written afterwards, one at a time.
    let written = [orresu, c.stresc, c.stresn, c.stresu, c.stnrlo, c.stnrhi, c.nrind, c.toxgr, c.tox].compactMap { $0 }
    let keep = UInt32.max
    let firsts = FirstOccurrences.first(byCodes: inputColumns.map { lb.columns[$0].codes },
                                        codeCounts: inputColumns.map { lb.columns[$0].distinct.count }, count: lb.count)
    let firstRows = (0..<lb.count).filter { firsts[$0] == $0 }
    /// What record `i` gets (the values to write, by column) and what is wrong with it: read from `lb`, written nowhere.
    @Sendable func outcome(of i: Int, in lb: Dataset) -> (writes: [(column: Int, value: Value)], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var writes: [(column: Int, value: Value)] = []
        func set(_ column: Int?, _ value: Value) { if let column { writes.append((column, value)) } }
        func at(_ variable: String) -> SourceLocation? {
            lb.origins[i].map { SourceLocation(file: $0.file, line: $0.line, column: rawColumns[p + variable]) }
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
                    .error, "\(domain).range.unparseable", at: at(variable),
                    "\(p + variable) '\(lb[i, column].text)' of \(test) is not a number",
                    hint: "correct the reference range at the site (a number in the result's unit); "
                        + "the standardized range, \(p)NRIND and \(p)TOXGR stay empty"))
                return nil
            }
            let low = limit(c.ornrlo, "ORNRLO"), high = limit(c.ornrhi, "ORNRHI")

            if case .text(let text) = result, standards.conversions.standardUnit(of: test) != nil {
                // A numeric test's character result ("see comment") is not a standardized finding: it stays in --ORRES.
                diagnostics.append(Diagnostic(
                    .error, "\(domain).result.not-numeric", at: at("ORRES"), "the result '\(text)' of \(test) is not a number",
                    hint: "ask the site for the numeric result; it stays in \(p)ORRES, and \(p)STRESC and \(p)STRESN stay empty"))
                return
            }
            if let problem = result.problem(testcd: test) { diagnostics.append(problem.diagnostic(at: at("ORRES"), domain: p)) }
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
                diagnostics.append(error.diagnostic(at: at(error.isAboutUnit ? "ORRESU" : "ORRES"), domain: p))
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
                        diagnostics.append(error.diagnostic(at: at(limit == "LLN" ? "ORNRLO" : "ORNRHI"), severity: .warning, domain: p))
                    }
                }
            }
        }
        derive()
        return (writes, diagnostics)
    }
    // Each first record's outcome worked out (a large dataset's on all cores, in runs short enough to share out
    // evenly), then its values interned, column by column (a large dataset's columns on all cores, each in a copy of
    // the dataset whose column is then adopted).
    let evaluated = lb.count < recordsWorthSplitting ? firstRows.map { outcome(of: $0, in: lb) }
        : concurrentRuns(of: firstRows.count, perCore: 4) { [lb] run in run.map { outcome(of: firstRows[$0], in: lb) } }.flatMap { $0 }
    /// Per written column, each outcome's code in it (or `keep`), and the dataset the codes were interned in.
    let interned: @Sendable (Int) -> (codes: [UInt32], dataset: Dataset) = { [lb] n in
        var dataset = lb
        let codes = evaluated.map { outcome in
            outcome.writes.last { $0.column == written[n] }.map { dataset.intern($0.value, column: written[n]) } ?? keep
        }
        return (codes, dataset)
    }
    let columns = lb.count < recordsWorthSplitting ? written.indices.map(interned) : concurrentMap(Array(written.indices), interned)
    for (n, column) in columns.enumerated() { lb.adoptColumns([written[n]], from: column.dataset) }
    let outcomes = columns.map(\.codes)
    /// The findings of each outcome, by outcome (outcomes are numbered as their first records come), and whether each
    /// has any, so that a record repeating an outcome without any reads no list.
    let outcomeDiagnostics = evaluated.map(\.diagnostics)
    let outcomeHasDiagnostics = outcomeDiagnostics.map { !$0.isEmpty }
    // Each record's outcome: the number of its first record among the first records (a large dataset's on all cores),
    // and the records whose outcome has findings.
    var numberOfFirst = [Int32](repeating: 0, count: lb.count)
    for (k, row) in firstRows.enumerated() { numberOfFirst[row] = Int32(k) }
    let outcomesOf: @Sendable (Range<Int>) -> (outcomes: [Int32], withFindings: [Int]) = { [numberOfFirst, outcomeHasDiagnostics] run in
        let outcomes = run.map { numberOfFirst[firsts[$0]] }
        return (outcomes, zip(run, outcomes).filter { outcomeHasDiagnostics[Int($0.1)] }.map(\.0))
    }
    let runs = lb.count < recordsWorthSplitting ? [outcomesOf(0..<lb.count)] : concurrentRuns(of: lb.count, outcomesOf)
    let outcomeOf = runs.count == 1 ? runs[0].outcomes : runs.flatMap(\.outcomes)
    // The findings in record order: a first record's as found, a repeat's at its own line.
    for i in runs.map(\.withFindings).joined() {
        let found = outcomeDiagnostics[Int(outcomeOf[i])]
        if firsts[i] == i {
            diagnostics += found
            continue
        }
        for var diagnostic in found {
            diagnostic.location = lb.origins[i].map { SourceLocation(file: $0.file, line: $0.line, column: diagnostic.location?.column) }
            diagnostics.append(diagnostic)
        }
    }
    // Each written column's codes from the records' outcomes (a large dataset's on all cores), then taken as they are.
    let old = written.map { lb.columns[$0].codes }
    let column: @Sendable (Int) -> [UInt32] = { [outcomes, outcomeOf] n in
        old[n].withUnsafeBufferPointer { old in
            outcomes[n].withUnsafeBufferPointer { outcomes in
                outcomeOf.withUnsafeBufferPointer { outcomeOf in
                    [UInt32](unsafeUninitializedCapacity: old.count) { codes, initialized in
                        for i in 0..<old.count {
                            let code = outcomes[Int(outcomeOf[i])]
                            codes[i] = code == keep ? old[i] : code
                        }
                        initialized = old.count
                    }
                }
            }
        }
    }
    let new = lb.count < recordsWorthSplitting ? written.indices.map(column) : concurrentMap(Array(written.indices), column)
    for (n, position) in written.enumerated() { lb.setCodes(interned: new[n], column: position) }
    return diagnostics
}

/// The positions of the variables the derivations write, nil for those the dataset does not carry.
private struct LabColumns {
    var stresc, stresn, stresu, stnrlo, stnrhi, nrind, toxgr, tox, stat, ornrlo, ornrhi: Int?

    init(_ dataset: Dataset) {
        func column(_ name: String) -> Int? { dataset.column(ifPresent: dataset.prefix + name) }
        stresc = column("STRESC"); stresn = column("STRESN"); stresu = column("STRESU")
        stnrlo = column("STNRLO"); stnrhi = column("STNRHI"); nrind = column("NRIND")
        toxgr = column("TOXGR"); tox = column("TOX"); stat = column("STAT")
        ornrlo = column("ORNRLO"); ornrhi = column("ORNRHI")
    }
}

extension LabError {
    /// True when the fix is to the unit (--ORRESU) rather than the result.
    var isAboutUnit: Bool {
        switch self {
        case .unknownUnit, .noConversion, .missingUnit: true
        default: false
        }
    }
}
