import Foundation
import Testing
import SampleStudy

/// `local_labs.csv` and `vital_signs.csv`, checked from the files against the protocol and `specs/lb/`.
@Suite struct LocalLabsTests {
    /// The default 64-subject sample and a 200-subject study (three full blocks and a partial one), shared by the
    /// tests that only read them.
    static let sample = Result { try GeneratedStudy(studyDesign(), label: "labSample") }
    static let study200 = Result { try GeneratedStudy(studyDesign(enrolled: 200), label: "lab200") }

    /// Site test name to its category and standard test code.
    static let tests: [String: (category: String, code: String)] = [
        "Hemoglobin": ("Hematology", "HGB"), "Platelet Count": ("Hematology", "PLAT"), "WBC": ("Hematology", "WBC"),
        "Absolute Neutrophil Count": ("Hematology", "NEUT"), "Lymphocytes, Absolute": ("Hematology", "LYM"),
        "AST (SGOT)": ("Chemistry", "AST"), "ALT (SGPT)": ("Chemistry", "ALT"),
        "Alkaline Phosphatase": ("Chemistry", "ALP"), "Total Bilirubin": ("Chemistry", "BILI"),
        "Direct Bilirubin": ("Chemistry", "BILDIR"), "Albumin": ("Chemistry", "ALB"), "Creatinine": ("Chemistry", "CREAT"),
        "Sodium": ("Chemistry", "SODIUM"), "Potassium": ("Chemistry", "K"), "Glucose": ("Chemistry", "GLUC"),
        "INR": ("Coagulation", "INR"), "Prothrombin Time": ("Coagulation", "PT"),
        "AFP": ("Tumor Markers", "AFP"), "CA 19-9": ("Tumor Markers", "CA19_9AG"),
    ]
    static let eligibilityCodes = ["PLAT", "HGB", "NEUT", "BILI", "INR", "AST", "ALT", "CREAT", "ALB"]

    @Test func everyPrintedUnitConvertsForItsTest() throws {
        let specs = try LabSpecs()
        for study in [try Self.sample.get(), try Self.study200.get()] {
            let t = study.labs
            let planted = Set(study.summary.deliberateIssues
                .filter { ["unknown-lab-unit", "unknown-lab-test"].contains($0.kind) }.map(\.line))
            var units: Set<String> = []
            for line in 2...(t.lines.count + 1) where !planted.contains(line) {
                let unit = t.value(line, "unit"), name = t.value(line, "test_name")
                let code = try #require(Self.tests[name]?.code, "line \(line): \(name)")
                if t.value(line, "not_done") == "1" {
                    #expect(unit.isEmpty && t.value(line, "result").isEmpty, "line \(line)")
                    continue
                }
                #expect(specs.standardUnit(code: code, unit: unit) != nil, "line \(line): \(name) in \(unit)")
                units.insert(unit)
            }
            #expect(units.isSuperset(of: ["K/uL", "x10^3/uL", "g/dl", "g/dL", "IU/L", "U/L", "mg/dl", "g/L", "umol/L"]))
            for issue in study.summary.deliberateIssues where issue.kind == "unknown-lab-unit" {
                let code = try #require(Self.tests[t.value(issue.line, "test_name")]?.code)
                #expect(specs.standardUnit(code: code, unit: issue.value) == nil, "line \(issue.line)")
            }
        }
    }

    @Test func testsCategoriesAndMarkersFollowTheCohort() throws {
        let study = try Self.sample.get()
        let t = study.labs
        let cohort = study.subjects.mapValues { $0[8].trimmingCharacters(in: .whitespaces) }
        let unknown = Set(study.summary.deliberateIssues.filter { $0.kind == "unknown-lab-test" }.map(\.line))
        var markers: [String: Set<String>] = [:]
        for line in 2...(t.lines.count + 1) where !unknown.contains(line) {
            let name = t.value(line, "test_name"), subject = t.value(line, "subject_id")
            #expect(Self.tests[name]?.category == t.value(line, "lab_category"), "line \(line)")
            #expect(t.value(line, "collection_time").wholeMatch(of: /\d\d:\d\d/) != nil, "line \(line)")
            #expect(isSiteDateText(t.value(line, "collection_date")), "line \(line)")
            if Self.tests[name]?.category == "Tumor Markers" { markers[subject, default: []].insert(name) }
            switch cohort[subject] {
            case "1": #expect(name != "CA 19-9", "line \(line)")
            case "2": #expect(name != "AFP", "line \(line)")
            default: break
            }
        }
        #expect(markers.count == study.subjects.count, "every screened subject has a tumour marker")
        #expect(markers.values.allSatisfy { $0.count == 1 })
    }

    @Test func eachPlantedLabIssueIsOnceAtTheLineTheSummaryGives() throws {
        let study = try Self.sample.get()
        let t = study.labs
        let issues = study.summary.deliberateIssues.filter { $0.file == "local_labs.csv" }
        #expect(issues.map(\.kind).sorted() == ["non-numeric-lab-result", "unknown-lab-test", "unknown-lab-unit", "unparseable-range"])
        let breachLines = Set(study.summary.eligibilityBreaches.map(\.line))
        for issue in issues {
            let here = "line \(issue.line) \(issue.kind)"
            #expect(t.value(issue.line, issue.field) == issue.value, "\(here)")
            #expect(t.value(issue.line, "event_name").hasPrefix("Cycle "), "\(here) is on a screening row")
            #expect(!breachLines.contains(issue.line))
            #expect(t.value(issue.line, "not_done").isEmpty, "\(here)")
            switch issue.kind {
            case "unknown-lab-test":
                #expect(issue.field == "test_name" && Self.tests[issue.value] == nil, "\(here)")
                #expect(Double(t.value(issue.line, "result")) != nil, "\(here)")
            case "unknown-lab-unit":
                #expect(issue.field == "unit" && issue.value == "mg/L" && t.value(issue.line, "test_name") == "Total Bilirubin")
                #expect(Double(t.value(issue.line, "result")) != nil, "\(here)")
            case "non-numeric-lab-result":
                #expect(issue.field == "result" && Double(issue.value) == nil && !issue.value.hasPrefix("<")
                        && !issue.value.hasPrefix(">"), "\(here)")
            default:
                #expect(issue.field == "normal_high" && Double(issue.value) == nil, "\(here)")
            }
        }
    }

    @Test func theFivePlantedBreachesAreRealAndNoOtherEnrolledSubjectBreaks() throws {
        let specs = try LabSpecs()
        for (study, expected) in [(try Self.sample.get(), 5...5), (try Self.study200.get(), 15...20)] {
            let breaches = study.summary.eligibilityBreaches
            #expect(expected.contains(breaches.count), "\(breaches.count) breaches")
            #expect(Set(breaches.map(\.subjectID)).count == breaches.count, "a subject breaks two")
            let planted = Dictionary(breaches.map { ($0.subjectID, $0) }, uniquingKeysWith: { a, _ in a })
            let broken = try screeningBreaks(study, specs: specs)
            let enrolled = study.subjects.values.filter { $0[9] == "1" }.map { $0[0] }
            for subject in enrolled {
                let found = broken[subject] ?? [:]
                guard let breach = planted[subject] else {
                    #expect(found.isEmpty, "\(subject) breaks \(found.keys.sorted())")
                    continue
                }
                #expect(Set(found.keys) == [breach.criterion], "\(subject) breaks \(found.keys.sorted())")
                #expect(found[breach.criterion] == breach.line && breach.file == "local_labs.csv", "\(subject)")
            }
        }
        let first = try Self.sample.get().summary.eligibilityBreaches.map(\.criterion)
        #expect(Set(first) == ["PLAT", "BILI", "AST", "ALB", "CRCL"])
    }

    @Test func everyEnrolledSubjectHasLabsAndWeightAtEveryCycleBeforeTheInfusion() throws {
        let study = try Self.study200.get()
        var visits: [String: [String: (day: Int, start: String)]] = [:]
        for r in study.drugs.rows() {
            let day = try #require(siteDay(r[6]))
            var visit = visits[r[0]]?[r[1]] ?? (day, "")
            if !r[7].isEmpty && (visit.start.isEmpty || r[7] < visit.start) { visit.start = r[7] }
            visits[r[0], default: [:]][r[1]] = visit
        }
        var labs: [String: [String: (day: Int, time: String)]] = [:]
        var markers: [String: Set<Int>] = [:]
        for r in study.labs.rows() where r[1].hasPrefix("Cycle ") {
            labs[r[0], default: [:]][r[1]] = (try #require(siteDay(r[2])), r[3])
            if r[4] == "Tumor Markers" { markers[r[0], default: []].insert(Int(r[1].split(separator: " ")[1])!) }
        }
        var weights: [String: [String: Int]] = [:]
        for r in study.vitals.rows() where r[1].hasPrefix("Cycle ") { weights[r[0], default: [:]][r[1]] = siteDay(r[2]) }
        #expect(visits.count == 200)
        for (subject, cycles) in visits {
            #expect(Set(labs[subject, default: [:]].keys) == Set(cycles.keys), "\(subject)")
            #expect(Set(weights[subject, default: [:]].keys) == Set(cycles.keys), "\(subject)")
            for (event, visit) in cycles {
                let draw = try #require(labs[subject]?[event], "\(subject) \(event)")
                #expect(draw.day == visit.day && weights[subject]?[event] == visit.day, "\(subject) \(event)")
                if !visit.start.isEmpty { #expect(draw.time < visit.start, "\(subject) \(event)") }
            }
            let odd = Set(cycles.keys.map { Int($0.split(separator: " ")[1])! }.filter { $0 % 2 == 1 })
            #expect(markers[subject, default: []] == odd, "\(subject) tumour markers")
        }
    }

    @Test func everyScreenedSubjectHasScreeningLabsAndWeightAfterConsentBeforeEnrolment() throws {
        let study = try Self.study200.get()
        var labDays: [String: Set<Int>] = [:]
        for r in study.labs.rows() where r[1] == "Screening" { labDays[r[0], default: []].insert(try #require(siteDay(r[2]))) }
        var weighed: [String: (day: Int, kg: String)] = [:]
        for r in study.vitals.rows() {
            #expect(r[4] == "kg" && r[3].wholeMatch(of: /\d{2,3}\.\d/) != nil && (35...160).contains(Double(r[3])!), "\(r)")
            if r[1] == "Screening" { weighed[r[0]] = (try #require(siteDay(r[2])), r[3]) }
        }
        var firstDose: [String: Int] = [:]
        for r in study.drugs.rows() where r[1] == "Cycle 1 Day 1" { firstDose[r[0]] = siteDay(r[6]) }
        #expect(study.subjects.count == 220)
        for (subject, r) in study.subjects {
            let days = try #require(labDays[subject], "\(subject) has no screening labs")
            #expect(days.count == 1)
            let day = try #require(days.first), consent = try #require(siteDay(r[2].trimmingCharacters(in: .whitespaces)))
            #expect(weighed[subject]?.day == day, "\(subject) weight")
            #expect(consent <= day, "\(subject)")
            guard r[9] == "1" else { continue }
            let enrolment = try #require(siteDay(r[10])), dose = try #require(firstDose[subject])
            #expect(day < enrolment, "\(subject)")
            #expect(daysBetween(day, dose) <= 28, "\(subject)")
        }
    }

    @Test func unscheduledDrawsFallBetweenCyclesWithAPanel() throws {
        let study = try Self.study200.get()
        var cycleDays: [String: Set<Int>] = [:]
        for r in study.labs.rows() where r[1].hasPrefix("Cycle ") { cycleDays[r[0], default: []].insert(siteDay(r[2])!) }
        var draws: [String: [Int: Set<String>]] = [:]
        for r in study.labs.rows() where r[1] == "Unscheduled" { draws[r[0], default: [:]][siteDay(r[2])!, default: []].insert(r[5]) }
        #expect((15...50).contains(draws.count), "\(draws.count) of 200 have an unscheduled draw")
        let hematology: Set = ["Hemoglobin", "Platelet Count", "WBC", "Absolute Neutrophil Count", "Lymphocytes, Absolute"]
        for (subject, byDay) in draws {
            #expect((1...2).contains(byDay.count))
            let cycles = try #require(cycleDays[subject])
            for (day, tests) in byDay {
                #expect(cycles.min()! < day && !cycles.contains(day), "\(subject)")
                #expect(tests.count < 10 && !tests.contains("AFP") && !tests.contains("CA 19-9"), "\(subject)")
            }
        }
        #expect(draws.values.contains { $0.values.contains(hematology) })
        #expect(draws.values.contains { $0.values.contains { $0.contains("AST (SGOT)") } })
    }

    @Test func valuesShowTheDrugsAndTheDiseases() throws {
        let study = try Self.study200.get()
        let specs = try LabSpecs()
        let t = study.labs
        let cohort = study.subjects.mapValues { $0[8].trimmingCharacters(in: .whitespaces) }
        var afp: [Double] = [], censored: Set<String> = [], notDone: Set<String> = []
        var screeningHgb: [String: Double] = [:], earlyHgb: [String: Double] = [:]
        var hepatitis: Set<String> = [], withBilirubin = 0, lowPlatelets = 0, lowNeutrophils = 0
        var draws: [String: [String: Double]] = [:]
        for r in t.rows() {
            let name = r[5], result = r[6]
            if r[10] == "1" {
                #expect(result.isEmpty && r[7].isEmpty && ["Hemolyzed sample", "Insufficient sample", "Not collected"].contains(r[11]))
                notDone.insert(r[11])
                continue
            }
            #expect(r[11].isEmpty)
            if result.hasPrefix("<") || result.hasPrefix(">") { censored.insert(name + " " + result) }
            if name == "AFP" { afp.append(Double(result.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))) ?? 0) }
            guard let code = Self.tests[name]?.code, let value = Double(result),
                  let standard = specs.standard(value, code: code, unit: r[7]) else { continue }
            let key = r[0] + " " + r[1] + " " + r[2]
            draws[key, default: [:]][code] = value / (Double(r[9]) ?? .nan)
            if code == "HGB" {
                if r[1] == "Screening" { screeningHgb[r[0]] = standard / 10 }
                if ["Cycle 2 Day 1", "Cycle 3 Day 1"].contains(r[1]) { earlyHgb[r[0]] = min(earlyHgb[r[0]] ?? 99, standard / 10) }
            }
            if r[1] != "Screening" && code == "PLAT" && standard < 75 { lowPlatelets += 1 }
            if r[1] != "Screening" && code == "NEUT" && standard < 1.5 { lowNeutrophils += 1 }
        }
        for (key, byCode) in draws {
            let peak = max(byCode["AST"] ?? 0, byCode["ALT"] ?? 0)
            guard !key.contains("Screening"), (3...10).contains(peak) else { continue }
            hepatitis.insert(String(key.prefix(7)))
            if (byCode["BILI"] ?? 0) > 1 { withBilirubin += 1 }
        }
        let dropped = earlyHgb.filter { subject, low in screeningHgb[subject].map { $0 - low >= 1 } ?? false }.count
        #expect(Double(dropped) > 0.25 * Double(earlyHgb.count), "haemoglobin fell by 1 g/dL in \(dropped) of \(earlyHgb.count)")
        #expect(hepatitis.count >= 3 && withBilirubin >= 1, "\(hepatitis.count) with AST/ALT 3-10 x ULN")
        #expect(lowPlatelets > 0 && lowNeutrophils > 0)
        afp.sort()
        #expect(afp[afp.count / 2] > 10, "median AFP \(afp[afp.count / 2])")
        #expect(censored.isSuperset(of: ["Direct Bilirubin <0.2", "AFP <2.0", "AFP >1000", "CA 19-9 >1000"]))
        #expect(notDone.count >= 2)
        #expect(cohort.values.contains("1") && cohort.values.contains("2"))
    }

    @Test func noLabOrWeightIsDatedAfterTheLastContactOrTheCutOff() throws {
        let study = try Self.study200.get()
        var lastContact: [String: Int] = [:]
        for r in study.ends.rows() { lastContact[r[0]] = siteDay(r[6]) }
        for (table, column) in [(study.labs, 2), (study.vitals, 2)] {
            for r in table.rows() {
                let day = try #require(siteDay(r[column]))
                #expect(day <= StudyContentTests.cutoff)
                if let last = lastContact[r[0]] { #expect(day <= last, "\(r[0]) \(r[1])") }
            }
        }
    }

    /// Per enrolled subject, the inclusion 9 thresholds its screening results break, with the line that shows it.
    private func screeningBreaks(_ study: GeneratedStudy, specs: LabSpecs) throws -> [String: [String: Int]] {
        let t = study.labs
        var screening: [String: [String: (value: Double, uln: Double, line: Int)]] = [:]
        for line in 2...(t.lines.count + 1) where t.value(line, "event_name") == "Screening" {
            let subject = t.value(line, "subject_id")
            guard study.subjects[subject]?[9] == "1", let code = Self.tests[t.value(line, "test_name")]?.code,
                  Self.eligibilityCodes.contains(code) else { continue }
            #expect(t.value(line, "not_done").isEmpty, "line \(line): an eligibility test not done")
            let value = try #require(Double(t.value(line, "result")), "line \(line): not a plain number")
            let standard = try #require(specs.standard(value, code: code, unit: t.value(line, "unit")))
            screening[subject, default: [:]][code] = (standard, specs.standard(Double(t.value(line, "normal_high")) ?? 0,
                                                                                code: code, unit: t.value(line, "unit")) ?? 0, line)
        }
        var weights: [String: Double] = [:]
        for r in study.vitals.rows() where r[1] == "Screening" { weights[r[0]] = Double(r[3]) }
        var result: [String: [String: Int]] = [:]
        for (subject, labs) in screening {
            #expect(labs.count == Self.eligibilityCodes.count, "\(subject) lacks a screening test")
            func breaks(_ code: String, _ key: String, _ broken: (Double, Double) -> Bool) {
                if let lab = labs[code], broken(lab.value, lab.uln) { result[subject, default: [:]][key] = lab.line }
            }
            breaks("PLAT", "PLAT") { v, _ in v < 50 }
            breaks("HGB", "HGB") { v, _ in v < 90 }
            breaks("NEUT", "NEUT") { v, _ in v < 1.0 }
            breaks("BILI", "BILI") { v, _ in v > 3 * 17.1 }
            breaks("INR", "INR") { v, _ in v > 2 }
            breaks("AST", "AST") { v, uln in v > 5 * uln }
            breaks("ALT", "ALT") { v, uln in v > 5 * uln }
            breaks("ALB", "ALB") { v, _ in v < 20 }
            let r = try #require(study.subjects[subject])
            let age = try #require(Int(r[4].trimmingCharacters(in: .whitespaces)))
            let kg = try #require(weights[subject])
            let factors: [Double] = switch r[5] {
            case "1": [1]
            case "2": [0.85]
            default: [1, 0.85]
            }
            let clearances = factors.map { Double(140 - age) * kg / (72 * labs["CREAT"]!.value / 88.4) * $0 }
            #expect(clearances.allSatisfy { $0 < 40 } || clearances.allSatisfy { $0 >= 40 }, "\(subject) depends on sex")
            breaks("CREAT", "CRCL") { _, _ in clearances[0] < 40 }
        }
        return result
    }
}

/// `specs/lb/`: raw unit spellings and the conversions to each test's standard unit.
struct LabSpecs {
    let synonyms: [String: String]
    /// Test code to CDISC unit to (standard unit, factor).
    let conversions: [String: [String: (unit: String, factor: Double)]]

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("specs/lb").path
        let synonymTable = try CSVTable(path: root + "/unit-synonyms.csv")
        synonyms = Dictionary(synonymTable.lines.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        var conversions: [String: [String: (unit: String, factor: Double)]] = [:]
        for r in try CSVTable(path: root + "/unit-conversions.csv").lines {
            conversions[r[0], default: [:]][r[1]] = (r[2], Double(r[3])!)
        }
        self.conversions = conversions
    }

    func standardUnit(code: String, unit: String) -> String? {
        synonyms[unit].flatMap { conversions[code]?[$0]?.unit }
    }

    /// The value in the test's standard unit (e.g. haemoglobin in g/L, bilirubin in umol/L).
    func standard(_ value: Double, code: String, unit: String) -> Double? {
        synonyms[unit].flatMap { conversions[code]?[$0] }.map { value * $0.factor }
    }
}

/// Days from one `yyyymmdd` to another.
private func daysBetween(_ a: Int, _ b: Int) -> Int {
    func date(_ d: Int) -> Date {
        DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                       year: d / 10_000, month: d / 100 % 100, day: d % 100).date!
    }
    return Int((date(b).timeIntervalSince(date(a)) / 86_400).rounded())
}
