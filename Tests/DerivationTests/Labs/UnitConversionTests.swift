import Ingest
import SDTMModel
import Testing

@testable import Derivation

/// Converts `value unit` of a test to its standard unit and returns the exact decimal text.
private func standard(_ testcd: String, _ value: String, _ unit: String) throws -> String {
    try conversions.convert(n(value), testcd: testcd, from: unit).description
}

@Suite struct UnitConversionTests {
    @Test func bilirubinOneMgPerDLIs17Point1MicromolPerL() throws {
        #expect(try standard("BILI", "1", "mg/dL") == "17.1")
        #expect(try standard("BILDIR", "1", "mg/dL") == "17.1")
        #expect(conversions.standardUnit(of: "BILI") == "umol/L")
    }

    @Test func creatinineOneMgPerDLIs88Point4MicromolPerL() throws {
        #expect(try standard("CREAT", "1", "mg/dL") == "88.4")
    }

    @Test func albumin3Point5GPerDLIs35GPerL() throws {
        #expect(try standard("ALB", "3.5", "g/dL") == "35")
    }

    @Test func haemoglobin9GPerDLIs90GPerL() throws {
        #expect(try standard("HGB", "9", "g/dL") == "90")
    }

    @Test(arguments: ["PLAT", "WBC", "NEUT", "LYM"])
    func cellCountsIn10To3PerMicrolitreAreTheSameNumberIn10To9PerL(testcd: String) throws {
        #expect(try standard(testcd, "4.5", "10^3/uL") == "4.5")
        #expect(conversions.standardUnit(of: testcd) == "10^9/L")
    }

    @Test(arguments: ["PLAT", "WBC", "NEUT", "LYM"])
    func cellsPerMicrolitreAreOneThousandthOf10To9PerL(testcd: String) throws {
        #expect(try standard(testcd, "1500", "cells/uL") == "1.5")
        #expect(try standard(testcd, "75000", "/mm3") == "75")
    }

    @Test func enzymesInIUPerLAreTheSameInUPerL() throws {
        for testcd in ["AST", "ALT", "ALP"] {
            #expect(try standard(testcd, "41", "IU/L") == "41")
            #expect(try standard(testcd, "41", "U/L") == "41")
        }
    }

    @Test func sodiumAndPotassiumInMEqPerLAreTheSameInMmolPerL() throws {
        #expect(try standard("SODIUM", "138", "mEq/L") == "138")
        #expect(try standard("K", "4.1", "mEq/L") == "4.1")
    }

    @Test func glucoseOneMgPerDLIs0Point0555MmolPerL() throws {
        #expect(try standard("GLUC", "1", "mg/dL") == "0.0555")
        #expect(try standard("GLUC", "90", "mg/dL") == "4.995")
    }

    @Test func inrPtAfpAndCA19_9KeepTheirNumbers() throws {
        #expect(try standard("INR", "1.1", "ratio") == "1.1")
        #expect(try standard("PT", "12.5", "sec") == "12.5")
        #expect(conversions.standardUnit(of: "PT") == "s")
        #expect(try standard("AFP", "8.2", "ng/mL") == "8.2")
        #expect(conversions.standardUnit(of: "AFP") == "ug/L")
        #expect(try standard("CA19_9AG", "37", "kU/L") == "37")
    }

    @Test func resultsAlreadyInSIAreUnchanged() throws {
        #expect(try standard("CREAT", "80", "umol/L") == "80")
        #expect(try standard("HGB", "121", "g/L") == "121")
        #expect(try standard("GLUC", "5.4", "mmol/L") == "5.4")
    }

    @Test func everyRowOfTheTableConvertsOneFromUnitToExactlyItsFactor() throws {
        let file = labSpecs + "/" + UnitConversions.conversionsFile
        let rows = try RawTable(path: file, file: file)
        let (t, f, to, factor) = (rows.column("testcd")!, rows.column("from_unit")!, rows.column("to_unit")!, rows.column("factor")!)
        #expect(rows.rows.count >= 30)
        for row in rows.rows {
            let converted = try conversions.convert(n("1"), testcd: row.fields[t], from: row.fields[f])
            #expect(converted == n(row.fields[factor]), "line \(row.line)")
            #expect(conversions.standardUnit(of: row.fields[t]) == row.fields[to])
        }
    }

    @Test func everySynonymNamesAUnitOfTheConversionTable() throws {
        let file = labSpecs + "/" + UnitConversions.synonymsFile
        let rows = try RawTable(path: file, file: file)
        let (raw, unit) = (rows.column("raw")!, rows.column("unit")!)
        for row in rows.rows {
            #expect(conversions.unit(forRaw: row.fields[unit]) == row.fields[unit], "line \(row.line)")
            #expect(conversions.unit(forRaw: row.fields[raw]) == row.fields[unit], "line \(row.line)")
        }
    }

    @Test func unitSpellingsAsLabsPrintThemAreNamedByTheirCTUnit() {
        #expect(conversions.unit(forRaw: "K/uL") == "10^9/L")
        #expect(conversions.unit(forRaw: "x10^3/uL") == "10^9/L")
        #expect(conversions.unit(forRaw: "10*3/uL") == "10^9/L")
        #expect(conversions.unit(forRaw: "/mm3") == "10^6/L")
        #expect(conversions.unit(forRaw: "cells/uL") == "10^6/L")
        #expect(conversions.unit(forRaw: "mg/dl") == "mg/dL")
        #expect(conversions.unit(forRaw: "IU/L") == "IU/L")
        #expect(conversions.unit(forRaw: "mEq/L") == "mEq/L")
        #expect(conversions.unit(forRaw: " g/dl ") == "g/dL")
    }

    @Test func conversionsAreExactDecimalsWithoutBinaryNoise() throws {
        let v = try conversions.convert(n("0.3"), testcd: "BILI", from: "mg/dL")
        #expect(v.description == "5.13")
        #expect(v.double == 5.13)
    }

    @Test func referenceRangesAreConvertedLikeValues() throws {
        let range = try conversions.convertRange(low: n("0.2"), high: n("1.2"), testcd: "BILI", from: "mg/dl")
        #expect(range.low == n("3.42"))
        #expect(range.high == n("20.52"))
        let open = try conversions.convertRange(low: nil, high: n("40"), testcd: "AST", from: "IU/L")
        #expect(open.low == nil && open.high == n("40"))
    }

    @Test func anUnknownUnitIsAnErrorNamingTestUnitAndTheRowToAdd() {
        #expect(throws: LabError.unknownUnit(testcd: "HGB", unit: "furlongs")) {
            try conversions.convert(n("1"), testcd: "HGB", from: "furlongs")
        }
        let error = LabError.unknownUnit(testcd: "HGB", unit: "furlongs")
        #expect(error.description.contains("furlongs") && error.description.contains("HGB"))
        #expect(error.hint.contains("unit-synonyms.csv") && error.hint.contains("unit-conversions.csv"))
        #expect(error.diagnostic(at: SourceLocation(file: "lb.csv", line: 4)).rule == "lb.unit.unknown-unit")
    }

    @Test func aKnownUnitWithoutARowForTheTestSaysWhichRowToAdd() {
        #expect(throws: LabError.noConversion(testcd: "HGB", unit: "mmol/L", standardUnit: "g/L")) {
            try conversions.convert(n("7.5"), testcd: "HGB", from: "mmol/L")
        }
        #expect(LabError.noConversion(testcd: "HGB", unit: "mmol/L", standardUnit: "g/L").hint.contains("HGB,mmol/L,g/L,<factor>"))
    }

    @Test func anUnknownTestAndAMissingUnitAreErrors() {
        #expect(throws: LabError.unknownTest(testcd: "XYZ")) { try conversions.convert(n("1"), testcd: "XYZ", from: "g/L") }
        #expect(throws: LabError.missingUnit(testcd: "HGB")) { try conversions.convert(n("1"), testcd: "HGB", from: " ") }
    }

    @Test func numbersAreStandardizedIntoSTRESCAndSTRESN() throws {
        let r = try conversions.standardize(LabResult(raw: "1.2"), testcd: "BILI", unit: "mg/dL")
        #expect(r == StandardizedResult(stresc: "20.52", stresn: 20.52, stresu: "umol/L"))
    }

    @Test func censoredResultsAreConvertedButStayCharacter() throws {
        let low = try conversions.standardize(LabResult(raw: "<0.2"), testcd: "BILI", unit: "mg/dL")
        #expect(low == StandardizedResult(stresc: "<3.42", stresn: nil, stresu: "umol/L"))
        let high = try conversions.standardize(LabResult(raw: ">1000"), testcd: "AFP", unit: "ng/mL")
        #expect(high == StandardizedResult(stresc: ">1000", stresn: nil, stresu: "ug/L"))
    }

    @Test func notDoneAndCharacterResultsNeedNoUnit() throws {
        #expect(try conversions.standardize(.notDone, testcd: "HGB", unit: "") == StandardizedResult(stresc: "", stresn: nil, stresu: nil))
        #expect(try conversions.standardize(LabResult(raw: "HEMOLYZED"), testcd: "K", unit: "")
            == StandardizedResult(stresc: "HEMOLYZED", stresn: nil, stresu: nil))
    }

    @Test func creatinineConvertsBackToMgPerDLThroughTheStandardUnit() throws {
        let mg = try conversions.convert(n("88.4"), testcd: "CREAT", from: "umol/L", to: "mg/dL")
        #expect(mg == 1)
    }

    @Test func aTableWithTwoStandardUnitsForATestDoesNotLoad() throws {
        let c = try table("testcd,from_unit,to_unit,factor,source\nHGB,g/dL,g/L,10,x\nHGB,g/L,mmol/L,1,y\n")
        let s = try table("raw,unit\n")
        #expect(throws: Diagnostic.self) { try UnitConversions.load(conversions: c, synonyms: s) }
    }

    @Test func aTableWithAnUnreadableFactorNamesItsLine() throws {
        let c = try table("testcd,from_unit,to_unit,factor,source\nHGB,g/dL,g/L,10,x\nBILI,mg/dL,umol/L,17;1,y\n", file: "c.csv")
        let s = try table("raw,unit\n")
        do throws(Diagnostic) {
            _ = try UnitConversions.load(conversions: c, synonyms: s)
            Issue.record("the table loaded")
        } catch {
            #expect(error.location == SourceLocation(file: "c.csv", line: 3))
        }
    }

    @Test func aSpellingListedTwiceInTheSynonymsDoesNotLoad() throws {
        let c = try table("testcd,from_unit,to_unit,factor,source\nHGB,g/dL,g/L,10,x\n")
        let s = try table("raw,unit\ng/dl,g/dL\ng/dl,g/L\n")
        #expect(throws: Diagnostic.self) { try UnitConversions.load(conversions: c, synonyms: s) }
    }
}
