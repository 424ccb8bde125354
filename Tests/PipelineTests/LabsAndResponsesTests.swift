import Foundation
import Pipeline
import SampleStudy
import SDTMModel
import Testing

/// The sample study end to end through LB, VS, TU, TR and RS: what the generator planted is what the export finds.
@Suite(.serialized) struct LabsAndResponsesTests {
    private func exported(_ name: String) throws -> (SampleSummary, ExportReport) {
        let raw = temporaryDirectory(name + "-raw"), out = temporaryDirectory(name + "-out")
        defer { [raw, out].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let summary = try SampleGenerator.write(SampleDesign(study: try loadStudy().study), to: raw)
        return (summary, try ExportJob(configuration: try loadStudy(), rawDirectory: raw, outputDirectory: out).run())
    }

    @Test func everySubjectBuiltToBreakAnEligibilityThresholdIsReportedAndNoOtherSubject() throws {
        let (summary, report) = try exported("eligibility")
        #expect(summary.eligibilityBreaches.count == 5)
        let found = report.diagnostics.filter { $0.rule == "lb.eligibility.not-met" }
        for breach in summary.eligibilityBreaches {
            #expect(found.contains {
                $0.location?.file == breach.file && $0.location?.line == breach.line && $0.message.contains(breach.subjectID)
                    && $0.message.contains("criterion \(breach.criterion) ")
            }, "\(breach) is not reported")
        }
        #expect(found.count == summary.eligibilityBreaches.count, "\(found.map(\.message))")
    }

    @Test func theDerivedBestOverallResponseIsTheSamplesTruthWhereTheWorksheetsAreRight() throws {
        let (summary, report) = try exported("responses")
        let readout = try #require(report.responses)
        // The subject of each planted worksheet error: the first column of its line (the committed sample is the
        // generator's default output).
        let planted = Set(try summary.deliberateIssues.filter { $0.kind.hasPrefix("recist-") }.map { issue in
            let lines = try String(contentsOfFile: root + "/samples/ligcad/" + issue.file, encoding: .utf8).split(separator: "\n")
            return String(lines[issue.line - 1].prefix { $0 != "," })
        })
        #expect(planted.count == 8)
        var compared = 0
        for subject in readout.subjects {
            let id = String(subject.usubjid.dropFirst("LIGCAD-HBC-01-".count))
            guard !planted.contains(id), let truth = summary.recistTruth[id] else { continue }
            #expect(subject.derived.response.rawValue == truth, "\(id)")
            #expect(subject.investigator?.response.rawValue ?? "NE" == truth, "\(id) investigator")
            compared += 1
        }
        #expect(compared > 40)
    }
}
