import Foundation
import Testing
import SampleStudy

@Suite struct StudyContentTests {
    static let cutoff = 20_261_031
    /// One 300-subject study shared by the tests that only read it.
    static let study300 = Result { try GeneratedStudy(studyDesign(enrolled: 300), label: "study300") }

    @Test func enrolmentHasTheDesignedSubjects() throws {
        let study = try GeneratedStudy(studyDesign())
        let rows = study.enrollment.rows()
        let eligible = study.enrollment.column("eligible")
        #expect(study.summary.subjects == 70)
        #expect(rows.count == 70)
        #expect(rows.filter { $0[eligible] == "1" }.count == 64)
        #expect(rows.filter { $0[eligible] == "0" }.count == 6)
        #expect(rows.map { $0[0] } == (1...70).map { "101-" + String(format: "%03d", $0) })
        #expect(rows.allSatisfy { $0[1] == "101" })
        let cohort = study.enrollment.column("cohort")
        let cohorts = rows.filter { $0[eligible] == "1" }.map { $0[cohort].trimmingCharacters(in: .whitespaces) }
        #expect(cohorts.filter { $0 == "1" }.count == 32 && cohorts.filter { $0 == "2" }.count == 32)
        #expect(rows.filter { $0[eligible] == "0" }.allSatisfy { $0[cohort].isEmpty && $0[10].isEmpty })
    }

    @Test func demographicsAreAdultsWithAgeMatchingTheBirthDate() throws {
        let study = try Self.study300.get()
        let t = study.enrollment
        for line in study.cleanLines("enrollment.csv") {
            let age = try #require(Int(t.value(line, "age")))
            #expect((30...85).contains(age))
            let birth = t.value(line, "birth_date"), consent = try #require(siteDay(t.value(line, "consent_date")))
            #expect(isSiteDateText(birth))
            if let born = siteDay(birth) {
                let years = (consent - born) / 10_000
                #expect(years == age, "line \(line): born \(born), consent \(consent), age \(age)")
            }
        }
    }

    @Test func everySubjectInTheOtherFilesIsScreened() throws {
        let study = try Self.study300.get()
        let subjects = study.subjects
        let enrolled = Set(subjects.values.filter { $0[9] == "1" }.map { $0[0] })
        for file in ["drug_administration.csv", "adverse_events.csv"] {
            let unknown = Set(study.summary.deliberateIssues.filter { $0.file == file && $0.kind == "unknown-subject" }.map(\.line))
            let t = study.table(file)
            for (offset, fields) in t.lines.enumerated() where !fields.allSatisfy(\.isEmpty) {
                #expect(enrolled.contains(fields[0]) != unknown.contains(offset + 2), "\(file):\(offset + 2) \(fields[0])")
            }
        }
        let ends = study.ends.rows().map { $0[0] }
        #expect(ends == study.enrollment.rows().map { $0[0] })
    }

    @Test func dosesFallBetweenConsentAndEndOfTreatment() throws {
        let study = try Self.study300.get()
        let consent = study.subjects.mapValues { siteDay($0[2]) }
        var end: [String: Int] = [:]
        for r in study.ends.rows() { end[r[0]] = siteDay(r[1]) ?? Self.cutoff }
        var cycles: [String: [Int]] = [:]
        for line in study.cleanLines("drug_administration.csv") {
            let r = study.drugs.line(line)
            guard !r.allSatisfy(\.isEmpty) else { continue }
            let day = try #require(siteDay(r[6]), "line \(line)")
            let first = try #require(consent[r[0]] ?? nil)
            #expect(first < day && day <= end[r[0]]!, "line \(line)")
            #expect(["1", "2"].contains(r[2]))
            if r[9] == "1" {
                #expect(r[3] == (r[2] == "1" ? "30" : "6") || r[3] == (r[2] == "1" ? "30.0" : "6.0"))
                #expect(r[7] < r[8] && r[7].count == 5)
            } else {
                #expect(r[9] == "0" && r[3].isEmpty && r[7].isEmpty && r[8].isEmpty && !r[10].isEmpty)
            }
            cycles[r[0], default: []].append(Int(r[1].split(separator: " ")[1])!)
        }
        let counts = cycles.values.map { Set($0).count }.sorted()
        #expect((4...9).contains(counts[counts.count / 2]), "median cycles \(counts[counts.count / 2])")
        #expect(counts.last! <= 35)
    }

    @Test func nothingIsDatedAfterTheCutOff() throws {
        let study = try Self.study300.get()
        for file in ["enrollment.csv", "drug_administration.csv", "adverse_events.csv", "end_of_study.csv"] {
            let t = study.table(file)
            let dateColumns = t.header.indices.filter { t.header[$0].hasSuffix("date") }
            for fields in t.lines {
                for c in dateColumns {
                    if let day = siteDay(fields[c].trimmingCharacters(in: .whitespaces)) { #expect(day <= Self.cutoff) }
                }
            }
        }
    }

    @Test func endOfStudyIsConsistent() throws {
        let study = try Self.study300.get()
        var deaths = 0, partialDeaths = 0
        for line in study.cleanLines("end_of_study.csv") {
            let r = study.ends.line(line)
            let eligible = study.subjects[r[0]]![9] == "1"
            if !eligible {
                #expect(r[4] == "Screen failure" && !r[3].isEmpty && r[1].isEmpty && r[5].isEmpty)
                continue
            }
            #expect(["", "Progressive disease", "Adverse event", "Withdrawal by subject", "Death", "Physician decision", "Completed"].contains(r[2]))
            #expect(["Death", "Withdrawal by subject", "Lost to follow-up", "Study completed", "Ongoing"].contains(r[4]))
            #expect((r[4] == "Ongoing") == r[3].isEmpty)
            #expect((r[4] == "Death") == !r[5].isEmpty)
            if !r[5].isEmpty {
                deaths += 1
                if r[5].hasPrefix("UN") { partialDeaths += 1 }
                #expect(r[5].prefix(2) == "UN" || siteDay(r[5])! <= siteDay(r[3])!)
            }
            if let eot = siteDay(r[1]), let eos = siteDay(r[3]) { #expect(eot <= eos) }
            #expect(siteDay(r[6]) != nil)
        }
        #expect((60...90).contains(deaths), "\(deaths) of 300 died")
        #expect(partialDeaths >= 1)
    }

    @Test func adverseEventsAreCodedConsistently() throws {
        let study = try Self.study300.get()
        let t = study.events
        let criteria = ["sae_death", "sae_life_threat", "sae_hosp", "sae_disability", "sae_congenital", "sae_other_med"].map(t.column)
        var numbers: [String: [Int]] = [:]
        let repeats = Set(study.summary.deliberateIssues
            .filter { $0.file == "adverse_events.csv" && ["duplicate-row", "unknown-subject"].contains($0.kind) }.map(\.line))
        for (offset, r) in t.lines.enumerated() where !repeats.contains(offset + 2) && !r.allSatisfy(\.isEmpty) {
            numbers[r[0], default: []].append(try #require(Int(r[1])))
        }
        #expect(numbers.values.allSatisfy { $0 == Array(1...$0.count) })
        #expect(numbers.values.allSatisfy { $0.count <= 12 })
        let mean = Double(numbers.values.map(\.count).reduce(0, +)) / 300
        #expect((4.0...6.5).contains(mean), "mean \(mean) AEs per subject")
        for line in study.cleanLines("adverse_events.csv") {
            let r = t.line(line)
            guard !r.allSatisfy(\.isEmpty) else { continue }
            let grade = r[t.column("grade")], outcome = r[t.column("outcome")]
            let checked = criteria.filter { r[$0] == "1" }
            #expect(criteria.allSatisfy { r[$0] == "1" || r[$0].isEmpty })
            #expect((r[t.column("serious")] == "1") == !checked.isEmpty, "line \(line)")
            if grade == "5" {
                #expect(r[t.column("sae_death")] == "1" && outcome == "5")
                #expect(!study.ends.rows().first { $0[0] == r[0] }![5].isEmpty)
            }
            if r[t.column("ongoing")] == "1" {
                #expect(r[t.column("ae_end_date")].isEmpty && ["2", "3"].contains(outcome), "line \(line)")
            } else {
                #expect(!r[t.column("ae_end_date")].isEmpty, "line \(line)")
            }
            if let start = siteDay(r[5]), let end = siteDay(r[6]) { #expect(start <= end, "line \(line)") }
            #expect(!r[3].isEmpty && !r[4].isEmpty)
        }
    }

    @Test func everyCodedValueIsInTheDataDictionary() throws {
        let study = try Self.study300.get()
        var codes: [String: Set<String>] = [:]
        for r in study.dictionary.lines { codes[r[0] + "." + r[1], default: []].insert(r[2]) }
        #expect(study.dictionary.lines.count == Set(study.dictionary.lines.map { $0[0] + $0[1] + $0[2] }).count)
        for (file, form) in [("enrollment.csv", "enrollment"), ("drug_administration.csv", "drug_administration"),
                             ("adverse_events.csv", "adverse_events")] {
            let t = study.table(file)
            let spoiled = Set(study.summary.deliberateIssues.filter { $0.file == file && !$0.field.isEmpty }
                .map { "\($0.line).\($0.field)" })
            for (c, field) in t.header.enumerated() {
                guard let allowed = codes[form + "." + field] else { continue }
                for (offset, fields) in t.lines.enumerated() where !fields[c].isEmpty {
                    if spoiled.contains("\(offset + 2).\(field)") { continue }
                    #expect(allowed.contains(fields[c]), "\(file):\(offset + 2) \(field)=\(fields[c])")
                }
            }
        }
        let coded = Set(codes.keys)
        for field in ["sex", "race", "ethnicity", "cohort", "eligible"] { #expect(coded.contains("enrollment." + field)) }
        for field in ["drug", "administered"] { #expect(coded.contains("drug_administration." + field)) }
        for field in ["ongoing", "grade", "serious", "sae_death", "rel_ligufalimab", "rel_cadonilimab",
                      "action_ligufalimab", "action_cadonilimab", "outcome"] {
            #expect(coded.contains("adverse_events." + field))
        }
        #expect(codes["drug_administration.drug"] == ["1", "2"])
    }
}
