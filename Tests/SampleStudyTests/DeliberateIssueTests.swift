import Foundation
import Testing
import SampleStudy

@Suite struct DeliberateIssueTests {
    static let kinds: Set<String> = ["stray-space", "case-variation", "date-format-mdy", "date-format-iso", "blank-line",
                                     "duplicate-row", "impossible-date", "unknown-drug-code", "invalid-sex-code",
                                     "unknown-subject", "text-grade",
                                     "recist-wrong-sum", "recist-response-contradiction", "recist-missing-lesion",
                                     "recist-node-long-axis", "recist-unknown-lesion", "recist-non-numeric-diameter",
                                     "recist-invalid-response", "recist-missing-baseline",
                                     "unknown-lab-test", "unknown-lab-unit", "non-numeric-lab-result", "unparseable-range"]

    @Test func everyIssueIsAtTheLineItClaims() throws {
        let study = try GeneratedStudy(studyDesign())
        let enrolled = Set(study.subjects.keys)
        for issue in study.summary.deliberateIssues {
            let t = study.table(issue.file)
            let here = "\(issue.file):\(issue.line) \(issue.kind)"
            try #require((2...(t.lines.count + 1)).contains(issue.line), "\(here) is outside the file")
            #expect(Self.kinds.contains(issue.kind), "\(here)")
            if !issue.field.isEmpty { #expect(t.value(issue.line, issue.field) == issue.value, "\(here)") }
            let value = issue.value
            switch issue.kind {
            case "blank-line":
                #expect(t.rawLines[issue.line - 2] == String(repeating: ",", count: t.header.count - 1), "\(here)")
            case "duplicate-row":
                #expect(t.rawLines[issue.line - 2] == t.rawLines[issue.line - 3], "\(here)")
            case "stray-space":
                #expect(value != value.trimmingCharacters(in: .whitespaces) && !value.trimmingCharacters(in: .whitespaces).isEmpty)
            case "case-variation":
                #expect(value == value.lowercased() || value == value.uppercased(), "\(here)")
            case "date-format-mdy":
                #expect(value.wholeMatch(of: /\d\d\/\d\d\/\d{4}/) != nil && siteDay(value) != nil, "\(here)")
            case "date-format-iso":
                #expect(value.wholeMatch(of: /\d{4}-\d\d-\d\d/) != nil && siteDay(value) != nil, "\(here)")
            case "impossible-date":
                #expect(["30-FEB-", "31-APR-", "31-JUN-", "31-SEP-", "31-NOV-"].contains { value.hasPrefix($0) }, "\(here)")
                #expect(siteDay(value) == nil)
            case "unknown-drug-code":
                #expect(issue.field == "drug" && value == "3")
            case "invalid-sex-code":
                #expect(issue.field == "sex" && value == "7")
                #expect(t.value(issue.line, "eligible") == "1")
            case "unknown-subject":
                #expect(issue.field == "subject_id" && !enrolled.contains(value))
            case "text-grade":
                #expect(issue.field == "grade" && value == "G3")
            case "unknown-lab-test", "unknown-lab-unit", "non-numeric-lab-result", "unparseable-range":
                #expect(issue.file == "local_labs.csv" && t.value(issue.line, "event_name").hasPrefix("Cycle "), "\(here)")
            case _ where issue.kind.hasPrefix("recist-"):
                #expect(issue.file.hasPrefix("tumor_"), "\(here)")  // the content is checked in RECISTWorksheetTests
            default:
                Issue.record("unexpected kind \(here)")
            }
        }
    }

    @Test func theSampleHasAHandfulOfEachKind() throws {
        let study = try GeneratedStudy(studyDesign())
        let issues = study.summary.deliberateIssues
        let byKind = Dictionary(grouping: issues, by: \.kind)
        #expect(Set(byKind.keys) == Self.kinds)
        #expect(byKind.values.allSatisfy { $0.count <= 8 })
        #expect(byKind["invalid-sex-code"]?.count == 1)
        #expect(byKind["unknown-subject"]?.map(\.value) == ["101-999"])
        for kind in ["blank-line", "duplicate-row"] {
            for file in ["adverse_events.csv", "drug_administration.csv"] {
                #expect(byKind[kind]!.contains { $0.file == file }, "no \(kind) in \(file)")
            }
        }
        #expect(byKind["date-format-mdy"]!.contains { $0.file == "drug_administration.csv" && $0.field == "infusion_date" })
        #expect(Set(issues.map { "\($0.file):\($0.line)" }).count == issues.count, "two issues share a line")
    }

    @Test func linesWithoutAClaimedIssueAreClean() throws {
        let study = try GeneratedStudy(studyDesign(enrolled: 200))
        for file in ["enrollment.csv", "drug_administration.csv", "adverse_events.csv", "end_of_study.csv"] {
            let t = study.table(file)
            for line in study.cleanLines(file) {
                let fields = t.line(line)
                let blank = fields.allSatisfy(\.isEmpty)
                #expect(!blank, "\(file):\(line) is blank")
                if line > 2 { #expect(t.rawLines[line - 2] != t.rawLines[line - 3], "\(file):\(line) repeats") }
                for (c, value) in fields.enumerated() {
                    #expect(value == value.trimmingCharacters(in: .whitespaces), "\(file):\(line) \(t.header[c])")
                    if t.header[c].hasSuffix("date") && !value.isEmpty {
                        #expect(isSiteDateText(value), "\(file):\(line) \(t.header[c])=\(value)")
                    }
                }
            }
        }
    }

    @Test func issuesScaleWithTheStudy() throws {
        let a = temporaryFolder("small"), b = temporaryFolder("large")
        defer { removeFolder(a); removeFolder(b) }
        let small = try SampleGenerator.write(studyDesign(enrolled: 64), to: a).deliberateIssues
        let large = try SampleGenerator.write(studyDesign(enrolled: 320), to: b).deliberateIssues
        let ratio = Double(large.count) / Double(small.count)
        #expect((4.5...5.5).contains(ratio), "ratio \(ratio)")
        let subjects = Set(try CSVTable(path: b + "/enrollment.csv").rows().map { $0[0] })
        let unknown = large.filter { $0.kind == "unknown-subject" }.map(\.value)
        #expect(unknown.count == 5 && Set(unknown).count == 5)
        #expect(unknown.allSatisfy { !subjects.contains($0) })
    }
}
