import Foundation
import Testing
import SampleStudy

@Suite struct RECISTWorksheetTests {
    static let kinds = ["recist-wrong-sum", "recist-response-contradiction", "recist-missing-lesion", "recist-node-long-axis",
                        "recist-unknown-lesion", "recist-non-numeric-diameter", "recist-invalid-response",
                        "recist-missing-baseline"]

    @Test func everyPlantedWorksheetErrorIsAtTheLineTheSummarySays() throws {
        let study = try GeneratedStudy(studyDesign())
        let w = Worksheets(study)
        let planted = study.summary.deliberateIssues.filter { $0.kind.hasPrefix("recist-") }
        #expect(planted.map(\.kind).sorted() == Self.kinds.sorted(), "exactly one of each kind")
        let subjects = planted.map { study.table($0.file).value($0.line, "subject_id") }
        #expect(Set(subjects).count == planted.count, "each on a different subject")
        for (issue, subject) in zip(planted, subjects) {
            let t = study.table(issue.file)
            let here = "\(issue.file):\(issue.line) \(issue.kind)"
            #expect(t.value(issue.line, issue.field) == issue.value, "\(here)")
            let m = study.tumorMeasurements
            let event = t.value(issue.line, "event_name")
            let scan = w.scans[subject]?.first { $0.event == event }
            switch issue.kind {
            case "recist-wrong-sum":
                #expect(issue.file == "tumor_measurements.csv" && m.value(issue.line, "measurement") == "Sum of diameters")
                let computed = scan.flatMap { w.targetSum(subject, $0) } ?? 0
                #expect(abs(computed - (tenths(issue.value) ?? 0)) == 100, "\(here): computed \(computed)")
            case "recist-response-contradiction":
                #expect(issue.file == "tumor_response.csv" && issue.field == "overall_response" && issue.value == "PR")
                let index = w.scans[subject]?.dropFirst().firstIndex { $0.event == event } ?? 0
                let computed = index > 0 ? w.recompute(subject)?[index - 1].overall : nil
                #expect(computed == "SD", "\(here)")
            case "recist-missing-lesion":
                #expect(issue.file == "tumor_measurements.csv" && m.value(issue.line, "measurement") == "Sum of diameters")
                let ids = try #require(scan).lines.map { m.value($0, "lesion_id") }
                let absent = w.targets(subject).filter { !ids.contains($0) }
                #expect(absent.count == 1, "\(here)")
            case "recist-node-long-axis":
                #expect(issue.field == "measurement" && issue.value == "Longest diameter" && event != "Screening")
                let lesionLine = w.lesion(subject, m.value(issue.line, "lesion_id"))
                let lesion = try #require(lesionLine, "\(here)")
                #expect(study.tumorLesions.value(lesion, "lymph_node") == "Y", "\(here)")
                #expect(study.tumorLesions.value(lesion, "lesion_type") == "Target", "\(here)")
            case "recist-unknown-lesion":
                let identified = w.lesion(subject, issue.value) != nil
                #expect(issue.field == "lesion_id" && !identified, "\(here)")
            case "recist-non-numeric-diameter":
                #expect(issue.field == "result" && tenths(issue.value) == nil && issue.value != "Too small to measure")
                let target = w.targets(subject).contains(m.value(issue.line, "lesion_id"))
                #expect(target, "\(here)")
            case "recist-invalid-response":
                #expect(["target_response", "overall_response"].contains(issue.field), "\(here)")
                #expect(!["CR", "PR", "SD", "PD", "NE"].contains(issue.value), "\(here)")
            case "recist-missing-baseline":
                #expect(issue.file == "tumor_lesions.csv" && issue.field == "event_name")
                let first = w.scans[subject]?.first?.event
                #expect(first == issue.value && issue.value != "Screening", "\(here)")
                #expect(!study.tumorLesions.rows().contains { $0[0] == subject && $0[1] == "Screening" })
            default:
                Issue.record("unexpected kind \(here)")
            }
        }
    }

    @Test func targetLesionsAreAtMostFiveAtMostTwoPerOrganAndMeasurableAtBaseline() throws {
        let study = try StudyContentTests.study300.get()
        let w = Worksheets(study)
        let l = study.tumorLesions
        let organs: Set = ["Liver", "Lung", "Lymph node", "Peritoneum", "Bone", "Adrenal gland", "Gallbladder", "Bile duct"]
        for (subject, lesions) in w.lesions {
            let targets = w.targets(subject)
            #expect((1...5).contains(targets.count), "\(subject) has \(targets.count) target lesions")
            #expect(targets == targets.indices.map { "T\($0 + 1)" }, "\(subject)")
            let nonTargets = lesions.keys.filter { $0.hasPrefix("NT") }
            #expect(nonTargets.count <= 3, "\(subject)")
            let byOrgan = Dictionary(grouping: targets) { l.value(lesions[$0]!, "organ") }
            #expect(byOrgan.values.allSatisfy { $0.count <= 2 }, "\(subject): \(byOrgan)")
            for line in lesions.values {
                #expect(organs.contains(l.value(line, "organ")) && ["CT", "MRI"].contains(l.value(line, "method")))
                #expect((l.value(line, "organ") == "Lymph node") == (l.value(line, "lymph_node") == "Y"), "line \(line)")
                #expect(!l.value(line, "location_detail").isEmpty)
            }
            guard let baseline = w.scans[subject]?.first, baseline.event == "Screening" else { continue }
            for id in targets {
                let node = l.value(lesions[id]!, "lymph_node") == "Y"
                let row = try #require(baseline.lines.first { study.tumorMeasurements.value($0, "lesion_id") == id })
                #expect(study.tumorMeasurements.value(row, "measurement") == (node ? "Short axis" : "Longest diameter"))
                let size = try #require(tenths(study.tumorMeasurements.value(row, "result")), "line \(row)")
                #expect(size >= (node ? 150 : 100), "\(subject) \(id) is \(size) tenths at baseline")
            }
        }
    }

    @Test func sumRowsEqualTheTrueSumExceptThePlantedOne() throws {
        for study in [try GeneratedStudy(studyDesign()), try StudyContentTests.study300.get()] {
            let w = Worksheets(study)
            let planted = w.plantedLines("tumor_measurements.csv")
            var wrong: [Int] = []
            for (subject, scans) in w.scans {
                for scan in scans {
                    let sumLine = try #require(scan.lines.last)
                    #expect(study.tumorMeasurements.value(sumLine, "measurement") == "Sum of diameters")
                    guard let computed = w.targetSum(subject, scan) else {
                        #expect(!planted.isDisjoint(with: scan.lines), "\(subject) \(scan.event) cannot be summed")
                        continue
                    }
                    if tenths(study.tumorMeasurements.value(sumLine, "result")) != computed { wrong.append(sumLine) }
                }
            }
            let plantedSums = study.summary.deliberateIssues.filter { $0.kind == "recist-wrong-sum" }.map(\.line)
            #expect(wrong.sorted() == plantedSums.sorted())
        }
    }

    @Test func investigatorResponsesFollowRECISTExceptThePlantedOnes() throws {
        for study in [try GeneratedStudy(studyDesign()), try StudyContentTests.study300.get()] {
            let w = Worksheets(study)
            let r = study.tumorResponses
            let planted = w.plantedLines("tumor_measurements.csv")
            let plantedSubjects = w.plantedSubjects()
            var contradicted: [Int] = []
            for (subject, lines) in w.responses {
                guard let computed = w.recompute(subject), let scans = w.scans[subject] else { continue }
                for (k, line) in lines.enumerated() where planted.isDisjoint(with: scans[k + 1].lines) {
                    #expect(r.value(line, "event_name") == scans[k + 1].event)
                    let c = computed[k]
                    let recorded = ["target_response", "nontarget_response", "new_lesions", "overall_response"].map { r.value(line, $0) }
                    if recorded != [c.target, c.nonTarget, c.newLesions, c.overall] { contradicted.append(line) }
                }
                if !plantedSubjects.contains(subject) {
                    let best = w.bestOverallResponse(subject, computed), truth = study.summary.recistTruth[subject]
                    #expect(best == truth, "\(subject)")
                }
            }
            let plantedResponses = study.summary.deliberateIssues
                .filter { ["recist-response-contradiction", "recist-invalid-response"].contains($0.kind) }.map(\.line)
            #expect(contradicted.sorted() == plantedResponses.sorted())
            let truthSubjects = Set(study.summary.recistTruth.keys)
            let enrolled = Set(study.subjects.values.filter { $0[9] == "1" }.map { $0[0] })
            #expect(truthSubjects == enrolled)
        }
    }

    @Test func respondersAreConfirmedExceptTheDeliberatelyUnconfirmed() throws {
        let study = try GeneratedStudy(studyDesign())
        let w = Worksheets(study)
        let plantedSubjects = w.plantedSubjects()
        var unconfirmed: [String] = []
        for subject in w.responses.keys where !plantedSubjects.contains(subject) {
            let series = (w.recompute(subject) ?? []).map(\.overall)
            let responded = series.prefix { $0 != "PD" }.contains { $0 == "PR" || $0 == "CR" }
            let truth = study.summary.recistTruth[subject]
            if truth == "PR" || truth == "CR" {
                let confirmed = w.isConfirmed(subject)
                #expect(confirmed, "\(subject) \(series) is \(truth!) without confirmation")
            } else if responded {
                unconfirmed.append(subject)
            }
        }
        #expect((1...6).contains(unconfirmed.count), "unconfirmed responders: \(unconfirmed)")
    }

    @Test func theDefaultSampleHasAPlausibleResponseMixPerCohort() throws {
        let study = try GeneratedStudy(studyDesign())
        let w = Worksheets(study)
        let truth = study.summary.recistTruth
        var cr = 0
        for (cohort, orr) in [("1", 0.12...0.32), ("2", 0.04...0.22)] {
            let subjects = study.subjects.values.filter {
                $0[8].trimmingCharacters(in: .whitespaces) == cohort && $0[9] == "1"
            }.map { $0[0] }
            let evaluable = subjects.filter { !(w.responses[$0] ?? []).isEmpty }
            let best = evaluable.map { truth[$0]! }
            let count = { (r: String) in Double(best.filter { $0 == r }.count) / Double(best.count) }
            #expect(orr.contains(count("CR") + count("PR")), "cohort \(cohort): \(best.sorted())")
            // SD-heavy by construction: treatment courses come from the AE-driven simulator, where progression ends
            // treatment late, and an SD at the first scan (day 37-42) counts from day 35 (study.yaml's minimumSDDays).
            #expect((0.35...0.90).contains(count("SD")), "cohort \(cohort): \(best.sorted())")
            #expect((0.0...0.40).contains(count("PD")), "cohort \(cohort): \(best.sorted())")
            let notEvaluable = subjects.filter { (w.responses[$0] ?? []).isEmpty }.map { truth[$0] }
            #expect(notEvaluable.allSatisfy { $0 == "NE" })
            cr += best.filter { $0 == "CR" }.count
        }
        #expect((1...2).contains(cr), "\(cr) complete responses")
    }

    @Test func treatmentEndedForProgressionShowsPDAtTheLastScanAndOnlyThere() throws {
        let study = try StudyContentTests.study300.get()
        let w = Worksheets(study)
        let r = study.tumorResponses
        var progressed = 0
        for line in study.cleanLines("end_of_study.csv") {
            let subject = study.ends.value(line, "subject_id")
            guard let lines = w.responses[subject], !lines.isEmpty else { continue }
            let overall = lines.map { r.value($0, "overall_response") }
            let byProgression = study.ends.value(line, "eot_reason").trimmingCharacters(in: .whitespaces) == "Progressive disease"
            if byProgression { progressed += 1 }
            #expect((overall.last == "PD") == byProgression, "\(subject): \(overall)")
            #expect(!overall.dropLast().contains("PD"), "\(subject): \(overall)")
        }
        #expect(progressed > 100)
    }

    @Test func scansFollowTheImagingScheduleOfTheTreatmentCourse() throws {
        let study = try StudyContentTests.study300.get()
        let w = Worksheets(study)
        var cycles: [String: [Int: Int]] = [:]
        for fields in study.drugs.rows() {
            guard let day = siteDay(fields[6]).flatMap(dayNumber) else { continue }
            cycles[fields[0], default: [:]][Int(fields[1].split(separator: " ")[1])!] = day
        }
        var eot: [String: Int] = [:]
        for fields in study.ends.rows() { eot[fields[0]] = siteDay(fields[1]).flatMap(dayNumber) }
        let cutoff = dayNumber(StudyContentTests.cutoff)!
        for (subject, fields) in study.subjects where fields[9] != "1" {
            let scanned = w.lesions[subject] != nil || w.scans[subject] != nil
            #expect(!scanned, "screen failure \(subject)")
        }
        for (subject, scans) in w.scans {
            let course = try #require(cycles[subject], "\(subject) has scans but no doses")
            let first = course[1]!, last = course.keys.max()!
            let consent = try #require(siteDay(study.subjects[subject]![2]).flatMap(dayNumber))
            for (k, scan) in scans.enumerated() {
                let day = try #require(siteDay(scan.date).flatMap(dayNumber), "\(subject) \(scan.date)")
                #expect(day <= cutoff && isSiteDateText(scan.date))
                if scan.event == "Screening" {
                    #expect(k == 0 && day < first && day >= max(consent, first - 28), "\(subject) baseline \(scan.date)")
                    continue
                }
                let cycle = try #require(Int(scan.event.split(separator: " ")[1]), "\(subject) \(scan.event)")
                #expect(cycle >= 3 && cycle % 2 == 1, "\(subject) \(scan.event)")
                if let dayOne = course[cycle] {
                    #expect((dayOne - 5...dayOne).contains(day), "\(subject) \(scan.event) \(scan.date)")
                } else {
                    #expect(k == scans.count - 1 && cycle == last + 1 && day == eot[subject], "\(subject) \(scan.event)")
                }
            }
            let expected = (3...max(3, last)).filter { $0 % 2 == 1 && course[$0] != nil }.count
            let followUps = scans.filter { $0.event != "Screening" }.count
            #expect(followUps == expected || followUps == expected + 1, "\(subject): \(followUps) follow-ups, \(last) cycles")
            if last < 3 { #expect(followUps == 0, "\(subject)") }
        }
    }

    @Test func worksheetValuesComeFromTheSiteCodelists() throws {
        let study = try StudyContentTests.study300.get()
        for line in study.cleanLines("tumor_lesions.csv") {
            let id = study.tumorLesions.value(line, "lesion_id"), type = study.tumorLesions.value(line, "lesion_type")
            let expected = id.hasPrefix("NEW") ? "New" : id.hasPrefix("NT") ? "Non-target" : "Target"
            #expect(type == expected && ["Y", "N"].contains(study.tumorLesions.value(line, "lymph_node")), "line \(line)")
        }
        let m = study.tumorMeasurements
        for line in study.cleanLines("tumor_measurements.csv") {
            let measurement = m.value(line, "measurement"), result = m.value(line, "result"), unit = m.value(line, "unit")
            switch measurement {
            case "Status":
                #expect(["Present", "Absent", "Unequivocal progression"].contains(result) && unit.isEmpty, "line \(line)")
            case "Longest diameter", "Short axis", "Sum of diameters":
                #expect(result == "Too small to measure" ? unit.isEmpty : tenths(result) != nil && unit == "mm", "line \(line)")
            default:
                Issue.record("line \(line): measurement \(measurement)")
            }
        }
        let r = study.tumorResponses
        for line in study.cleanLines("tumor_response.csv") {
            #expect(["CR", "PR", "SD", "PD", "NE"].contains(r.value(line, "target_response")), "line \(line)")
            #expect(["", "CR", "Non-CR/Non-PD", "PD", "NE"].contains(r.value(line, "nontarget_response")), "line \(line)")
            #expect(["Yes", "No"].contains(r.value(line, "new_lesions")), "line \(line)")
            #expect(["CR", "PR", "SD", "PD", "NE"].contains(r.value(line, "overall_response")), "line \(line)")
        }
    }
}

/// The RECIST worksheets of a generated study read back per subject, and RECIST 1.1 recomputed from their rows,
/// independently of the generator.
struct Worksheets {
    struct Scan {
        var event: String
        var date: String
        /// Lines of `tumor_measurements.csv`, the sum row last.
        var lines: [Int]
    }

    /// What RECIST 1.1 makes of one follow-up scan's rows, as the site would write it.
    struct Response {
        var target: String
        var nonTarget: String
        var newLesions: String
        var overall: String
        var day: Int
    }

    let study: GeneratedStudy
    /// Subject to lesion id to its line in `tumor_lesions.csv`.
    private(set) var lesions: [String: [String: Int]] = [:]
    /// Subject to scans in file order.
    private(set) var scans: [String: [Scan]] = [:]
    /// Subject to lines of `tumor_response.csv`.
    private(set) var responses: [String: [Int]] = [:]

    init(_ study: GeneratedStudy) {
        self.study = study
        for (offset, fields) in study.tumorLesions.lines.enumerated() { lesions[fields[0], default: [:]][fields[3]] = offset + 2 }
        for (offset, fields) in study.tumorMeasurements.lines.enumerated() {
            var list = scans[fields[0], default: []]
            if list.last?.event != fields[1] { list.append(Scan(event: fields[1], date: fields[2], lines: [])) }
            list[list.count - 1].lines.append(offset + 2)
            scans[fields[0]] = list
        }
        for (offset, fields) in study.tumorResponses.lines.enumerated() { responses[fields[0], default: []].append(offset + 2) }
    }

    func lesion(_ subject: String, _ id: String) -> Int? { lesions[subject]?[id] }

    /// Target lesion ids in identification order.
    func targets(_ subject: String) -> [String] {
        (lesions[subject] ?? [:]).filter { study.tumorLesions.value($0.value, "lesion_type") == "Target" }
            .sorted { $0.value < $1.value }.map(\.key)
    }

    private func isNode(_ subject: String, _ id: String) -> Bool {
        study.tumorLesions.value(lesions[subject]![id]!, "lymph_node") == "Y"
    }

    /// Each target's size in tenths (short axis for a node, 5 mm when too small to measure); nil when a target's row
    /// is missing, not a number or not on the right axis.
    func targetSizes(_ subject: String, _ scan: Scan) -> [Int]? {
        let m = study.tumorMeasurements
        var sizes: [Int] = []
        for id in targets(subject) {
            let axis = isNode(subject, id) ? "Short axis" : "Longest diameter"
            guard let line = scan.lines.first(where: { m.value($0, "lesion_id") == id }), m.value(line, "measurement") == axis
            else { return nil }
            let result = m.value(line, "result")
            guard let size = result == "Too small to measure" ? 50 : tenths(result) else { return nil }
            sizes.append(size)
        }
        return sizes
    }

    func targetSum(_ subject: String, _ scan: Scan) -> Int? { targetSizes(subject, scan)?.reduce(0, +) }

    /// The responses at every follow-up; nil without a Screening scan or when a scan cannot be read.
    func recompute(_ subject: String) -> [Response]? {
        guard let scans = scans[subject], scans.first?.event == "Screening",
              let baseline = targetSum(subject, scans[0]) else { return nil }
        let m = study.tumorMeasurements, l = study.tumorLesions
        let targets = targets(subject)
        let nonTargets = (lesions[subject] ?? [:]).filter { l.value($0.value, "lesion_type") == "Non-target" }.map(\.key)
        var nadir = baseline
        var result: [Response] = []
        for scan in scans.dropFirst() {
            guard let sizes = targetSizes(subject, scan), let day = siteDay(scan.date).flatMap(dayNumber) else { return nil }
            let sum = sizes.reduce(0, +)
            let cleared = zip(targets, sizes).allSatisfy { isNode(subject, $0) ? $1 < 100 : $1 == 0 }
            let target = cleared ? "CR" : 10 * sum >= 12 * nadir && sum - nadir >= 50 ? "PD" : 10 * sum <= 7 * baseline ? "PR" : "SD"
            nadir = min(nadir, sum)
            let statuses = scan.lines.filter { nonTargets.contains(m.value($0, "lesion_id")) }.map { m.value($0, "result") }
            let nonTarget = nonTargets.isEmpty ? "" : statuses.contains("Unequivocal progression") ? "PD"
                : statuses.allSatisfy { $0 == "Absent" } ? "CR" : "Non-CR/Non-PD"
            let new = scan.lines.contains {
                let id = m.value($0, "lesion_id")
                return lesions[subject]?[id].map { l.value($0, "lesion_type") == "New" } ?? false
            }
            let overall = target == "PD" || nonTarget == "PD" || new ? "PD"
                : target == "CR" ? (["", "CR"].contains(nonTarget) ? "CR" : "PR") : target
            result.append(Response(target: target, nonTarget: nonTarget, newLesions: new ? "Yes" : "No", overall: overall, day: day))
        }
        return result
    }

    /// A CR or PR followed, at least 28 days later, by another CR or PR with nothing worse between.
    func isConfirmed(_ subject: String) -> Bool {
        guard let responses = recompute(subject) else { return false }
        for i in responses.indices where ["CR", "PR"].contains(responses[i].overall) {
            for j in responses.indices.dropFirst(i + 1) {
                guard ["CR", "PR"].contains(responses[j].overall) else { break }
                if responses[j].day - responses[i].day >= 28 { return true }
            }
        }
        return false
    }

    /// RECIST 1.1 best overall response with confirmation: CR or PR confirmed at least 28 days later, SD at least
    /// 35 days after the first dose (the study definition's minimumSDDays), then PD, else NE.
    func bestOverallResponse(_ subject: String, _ responses: [Response]) -> String {
        let counted = Array(responses.prefix { $0.overall != "PD" } + responses.drop { $0.overall != "PD" }.prefix(1))
        func confirmed(_ accepted: Set<String>) -> Bool {
            for i in counted.indices where accepted.contains(counted[i].overall) {
                for j in counted.indices.dropFirst(i + 1) {
                    if accepted.contains(counted[j].overall) && counted[j].day - counted[i].day >= 28 { return true }
                    if !accepted.contains(counted[j].overall) && counted[j].overall != "NE" { break }
                }
            }
            return false
        }
        if confirmed(["CR"]) { return "CR" }
        if confirmed(["CR", "PR"]) { return "PR" }
        let firstDose = study.drugs.rows().filter { $0[0] == subject && $0[1] == "Cycle 1 Day 1" }
            .compactMap { siteDay($0[6]).flatMap(dayNumber) }.min()!
        if counted.contains(where: { ["CR", "PR", "SD"].contains($0.overall) && $0.day - firstDose >= 35 }) { return "SD" }
        return counted.last?.overall == "PD" ? "PD" : "NE"
    }

    /// Lines of `file` that hold a planted worksheet error.
    func plantedLines(_ file: String) -> Set<Int> {
        Set(study.summary.deliberateIssues.filter { $0.kind.hasPrefix("recist-") && $0.file == file }.map(\.line))
    }

    func plantedSubjects() -> Set<String> {
        Set(study.summary.deliberateIssues.filter { $0.kind.hasPrefix("recist-") }.map {
            study.table($0.file).value($0.line, "subject_id")
        })
    }
}

/// `21` or `21.4` as tenths of a millimetre; nil for anything else.
func tenths(_ text: String) -> Int? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let whole = Int(parts[0]), parts[0].allSatisfy(\.isNumber) else { return nil }
    guard parts.count == 2 else { return whole * 10 }
    guard parts[1].count == 1, let decimal = Int(parts[1]) else { return nil }
    return whole * 10 + decimal
}

/// Days since 1970-01-01 of a `yyyymmdd` date (proleptic Gregorian).
func dayNumber(_ yyyymmdd: Int) -> Int? {
    let month = yyyymmdd / 100 % 100, day = yyyymmdd % 100
    let year = yyyymmdd / 10_000 - (month <= 2 ? 1 : 0)
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    return year * 365 + year / 4 - year / 100 + year / 400 + dayOfYear - 719_468
}
