import Ingest
import SDTMModel
import Testing

@testable import Derivation

/// The grade of a value in the table's (standard) unit.
private func grade(_ testcd: String, _ value: String, lln: String? = nil, uln: String? = nil,
                   baseline: (String, abnormal: Bool)? = nil) throws -> Int? {
    try ctcae.grade(testcd: testcd, value: n(value), lln: lln.map(n), uln: uln.map(n),
                    baseline: baseline.map { CTCAEBaseline(value: n($0.0), abnormal: $0.abnormal) })?.grade
}

/// Each case is a value at a CTCAE boundary, just above or just below it, and the grade CTCAE's
/// "<" / ">" wording gives it.
@Suite struct CTCAEGradingTests {
    // Platelet count decreased, LLN 150 x10^9/L: G1 <LLN-75, G2 <75-50, G3 <50-25, G4 <25.
    @Test(arguments: [
        ("150.1", 0), ("150", 0), ("149.9", 1),
        ("75.1", 1), ("75", 1), ("74.9", 2),
        ("50.1", 2), ("50", 2), ("49.9", 3),
        ("25.1", 3), ("25", 3), ("24.9", 4), ("0", 4),
    ])
    func plateletCountDecreasedBoundaries(value: String, expected: Int) throws {
        #expect(try grade("PLAT", value, lln: "150") == expected)
    }

    // Neutrophil count decreased, LLN 2.0 x10^9/L: G1 <LLN-1.5, G2 <1.5-1.0, G3 <1.0-0.5, G4 <0.5.
    @Test(arguments: [
        ("2.01", 0), ("2", 0), ("1.99", 1),
        ("1.51", 1), ("1.5", 1), ("1.49", 2),
        ("1.01", 2), ("1", 2), ("0.99", 3),
        ("0.51", 3), ("0.5", 3), ("0.49", 4),
    ])
    func neutrophilCountDecreasedBoundaries(value: String, expected: Int) throws {
        #expect(try grade("NEUT", value, lln: "2.0") == expected)
    }

    // Anemia, LLN 120 g/L: G1 <LLN-100 g/L (10.0 g/dL), G2 <100-80, G3 <80 (8.0 g/dL); no grade 4 by value.
    @Test(arguments: [
        ("120.1", 0), ("120", 0), ("119.9", 1),
        ("100.1", 1), ("100", 1), ("99.9", 2),
        ("80.1", 2), ("80", 2), ("79.9", 3), ("30", 3),
    ])
    func anemiaBoundaries(value: String, expected: Int) throws {
        #expect(try grade("HGB", value, lln: "120") == expected)
    }

    // Hypoalbuminemia, LLN 35 g/L: G1 <LLN-30 g/L (3 g/dL), G2 <30-20, G3 <20 (2 g/dL).
    @Test(arguments: [
        ("35.1", 0), ("35", 0), ("34.9", 1),
        ("30.1", 1), ("30", 1), ("29.9", 2),
        ("20.1", 2), ("20", 2), ("19.9", 3),
    ])
    func hypoalbuminemiaBoundaries(value: String, expected: Int) throws {
        #expect(try grade("ALB", value, lln: "35") == expected)
    }

    // AST and ALT increased, ULN 40 U/L: G1 >ULN-3.0 x ULN, G2 >3.0-5.0, G3 >5.0-20.0, G4 >20.0 x ULN.
    @Test(arguments: [
        ("39.9", 0), ("40", 0), ("40.1", 1),
        ("119.9", 1), ("120", 1), ("120.1", 2),
        ("199.9", 2), ("200", 2), ("200.1", 3),
        ("799.9", 3), ("800", 3), ("800.1", 4),
    ])
    func aminotransferaseIncreasedBoundaries(value: String, expected: Int) throws {
        #expect(try grade("AST", value, uln: "40") == expected)
        #expect(try grade("ALT", value, uln: "40") == expected)
    }

    // Blood bilirubin increased, ULN 20.5 umol/L: G1 >ULN-1.5 x ULN, G2 >1.5-3.0, G3 >3.0-10.0, G4 >10.0 x ULN.
    @Test(arguments: [
        ("20.4", 0), ("20.5", 0), ("20.6", 1),
        ("30.74", 1), ("30.75", 1), ("30.76", 2),
        ("61.4", 2), ("61.5", 2), ("61.6", 3),
        ("204.9", 3), ("205", 3), ("205.1", 4),
    ])
    func bloodBilirubinIncreasedBoundaries(value: String, expected: Int) throws {
        #expect(try grade("BILI", value, uln: "20.5") == expected)
    }

    // Creatinine increased, ULN 100 umol/L: G1 >ULN-1.5 x ULN, G2 >1.5-3.0, G3 >3.0-6.0, G4 >6.0 x ULN.
    @Test(arguments: [
        ("99.9", 0), ("100", 0), ("100.1", 1),
        ("149.9", 1), ("150", 1), ("150.1", 2),
        ("299.9", 2), ("300", 2), ("300.1", 3),
        ("599.9", 3), ("600", 3), ("600.1", 4),
    ])
    func creatinineIncreasedBoundaries(value: String, expected: Int) throws {
        #expect(try grade("CREAT", value, uln: "100") == expected)
    }

    // AST and ALT increased after an abnormal baseline of 100 U/L (ULN 40): G1 1.5-3.0, G2 >3.0-5.0, G3 >5.0-20.0,
    // G4 >20.0 x baseline; below 1.5 x baseline no grade, even above the ULN.
    @Test(arguments: [
        ("149.9", 0), ("150", 1), ("299.9", 1), ("300", 1), ("300.1", 2),
        ("500", 2), ("500.1", 3), ("2000", 3), ("2000.1", 4),
    ])
    func aminotransferaseAfterAnAbnormalBaselineIsGradedByMultiplesOfIt(value: String, expected: Int) throws {
        #expect(try grade("AST", value, uln: "40", baseline: ("100", abnormal: true)) == expected)
        #expect(try grade("ALT", value, uln: "40", baseline: ("100", abnormal: true)) == expected)
    }

    @Test func aNormalBaselineKeepsTheMultiplesOfTheULN() throws {
        #expect(try grade("AST", "130", uln: "40", baseline: ("30", abnormal: false)) == 2)
        #expect(try grade("AST", "130", uln: "40", baseline: ("100", abnormal: true)) == 0)
    }

    // Blood bilirubin after an abnormal baseline of 30 umol/L: G1 >1.0-1.5, G2 >1.5-3.0, G3 >3.0-10.0, G4 >10.0 x baseline.
    @Test(arguments: [("30", 0), ("30.1", 1), ("45", 1), ("45.1", 2), ("90", 2), ("90.1", 3), ("300", 3), ("300.1", 4)])
    func bilirubinAfterAnAbnormalBaselineIsGradedByMultiplesOfIt(value: String, expected: Int) throws {
        #expect(try grade("BILI", value, uln: "20.5", baseline: ("30", abnormal: true)) == expected)
    }

    // Alkaline phosphatase, ULN 120 U/L: G1 >ULN-2.5, G2 >2.5-5.0, G3 >5.0-20.0, G4 >20.0 x ULN; after an abnormal
    // baseline of 200 U/L: G1 2.0-2.5, G2 >2.5-5.0, G3 >5.0-20.0, G4 >20.0 x baseline.
    @Test(arguments: [
        ("120", nil, 0), ("120.1", nil, 1), ("300", nil, 1), ("300.1", nil, 2), ("600.1", nil, 3), ("2400.1", nil, 4),
        ("399.9", "200", 0), ("400", "200", 1), ("500", "200", 1), ("500.1", "200", 2), ("1000.1", "200", 3), ("4000.1", "200", 4),
    ] as [(String, String?, Int)])
    func alkalinePhosphataseBoundaries(value: String, baseline: String?, expected: Int) throws {
        #expect(try grade("ALP", value, uln: "120", baseline: baseline.map { ($0, abnormal: true) }) == expected)
    }

    // Creatinine, ULN 100 umol/L, baseline 80: G2 >1.5-3.0 x baseline, G3 >3.0 x baseline, or by x ULN, whichever is higher.
    @Test(arguments: [("120", 1), ("120.1", 2), ("240", 2), ("240.1", 3), ("600.1", 4)])
    func creatinineIsGradedByMultiplesOfTheBaselineAndOfTheULN(value: String, expected: Int) throws {
        #expect(try grade("CREAT", value, uln: "100", baseline: ("80", abnormal: false)) == expected)
    }

    @Test func aTestCTCAEDoesNotGradeHasNoGrade() throws {
        #expect(try grade("SODIUM", "120", lln: "135", uln: "145") == nil)
        #expect(!ctcae.grades("SODIUM"))
    }

    @Test func conventionalUnitsAreConvertedBeforeGrading() throws {
        let hgb = { (v: String) throws in
            try ctcae.grade(testcd: "HGB", value: n(v), unit: "g/dL", lln: n("12"), uln: n("16"), conversions: conversions)?.grade
        }
        #expect(try hgb("8.0") == 2)
        #expect(try hgb("7.99") == 3)
        // 1.5 x ULN exactly, in mg/dL: 1.8 mg/dL = 30.78 umol/L against 1.5 x 20.52.
        let bili = try ctcae.grade(testcd: "BILI", value: n("1.8"), unit: "mg/dl", lln: nil, uln: n("1.2"), conversions: conversions)
        #expect(bili == CTCAEGrade(grade: 1, term: "Blood bilirubin increased", direction: .high))
        let plat = try ctcae.grade(testcd: "PLAT", value: n("74999"), unit: "/mm3", lln: n("150000"), uln: nil, conversions: conversions)
        #expect(plat?.grade == 2)
    }

    @Test func aMissingULNIsAnErrorForIncreasedTerms() {
        #expect(throws: LabError.missingReferenceLimit(testcd: "AST", limit: "ULN")) { try grade("AST", "50") }
    }

    @Test func aMissingLLNIsAnErrorOnlyWhenGrade1IsInQuestion() throws {
        #expect(try grade("PLAT", "30") == 3)
        #expect(throws: LabError.missingReferenceLimit(testcd: "PLAT", limit: "LLN")) { try grade("PLAT", "100") }
    }

    @Test func absoluteThresholdsApplyEvenWhenTheLabsLLNIsLower() throws {
        #expect(try grade("PLAT", "72", lln: "70") == 2)
    }

    @Test func eachTermsGradesAreContiguousWithComplementaryInclusivity() {
        // One scale per test and baseline branch: multiples of the baseline, or the rest.
        let byScale = Dictionary(grouping: ctcae.criteria) { row in
            "\(row.testcd) \(row.baseline) \(row.lower?.kind == .xBaseline || row.upper?.kind == .xBaseline)"
        }
        #expect(Set(ctcae.criteria.map(\.testcd)).isSuperset(of: ["PLAT", "NEUT", "HGB", "AST", "ALT", "ALP", "BILI", "CREAT", "ALB"]))
        for (testcd, rows) in byScale {
            let sorted = rows.sorted { $0.grade < $1.grade }
            #expect(sorted.map(\.grade) == Array(sorted[0].grade..<(sorted[0].grade + sorted.count)), "\(testcd)")
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                // The shared boundary belongs to exactly one of the two neighbouring grades.
                let (shared, other) = a.direction == .low ? (a.lower, b.upper) : (a.upper, b.lower)
                #expect(shared?.value == other?.value && shared?.kind == other?.kind, "\(testcd) G\(a.grade)")
                #expect(shared?.inclusive != other?.inclusive, "\(testcd) G\(a.grade)")
            }
        }
    }

    @Test func theTableIsInEachTestsStandardUnit() {
        for row in ctcae.criteria {
            #expect(conversions.standardUnit(of: row.testcd) == row.unit, "\(row.testcd)")
            #expect(row.source.contains("CTCAE v5.0"))
        }
    }

    @Test func aRowWithAnUnknownBoundKindDoesNotLoad() throws {
        let header = "testcd,term,direction,grade,lower,lower_kind,lower_inclusive,upper,upper_kind,upper_inclusive,baseline,unit,source\n"
        let bad = try table(header + "PLAT,x,low,1,75,absolute,yes,1,xLN,no,,10^9/L,s\n", file: "c.csv")
        #expect(throws: Diagnostic.self) { try CTCAETable.load(bad) }
    }

    @Test func aTestLookedUpOnceGradesAsItsNameDoes() throws {
        #expect(ctcae.test("SODIUM") == nil)
        let ast = try #require(ctcae.test("AST"))
        let uln = LabNumber("40")
        for value in ["30", "41", "121", "201", "801"].compactMap(LabNumber.init) {
            let byName = try ctcae.grade(testcd: "AST", value: value, lln: nil, uln: uln)
            let byTest = try ctcae.grade(ast, value: value, lln: nil, uln: uln)
            #expect(byName == byTest, "\(value)")
        }
    }
}
