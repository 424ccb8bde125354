import Foundation
import Testing
import SampleStudy

@Suite struct ScaleTests {
    @Test func aThousandSubjectsGenerateQuickly() throws {
        let dir = temporaryFolder()
        defer { removeFolder(dir) }
        let clock = ContinuousClock()
        var summary: SampleSummary?
        let elapsed = try clock.measure { summary = try SampleGenerator.write(studyDesign(enrolled: 1_000), to: dir) }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        #expect(summary?.subjects == 1_100)
        #expect(try CSVTable(path: dir + "/enrollment.csv").rows().first?[0] == "101-0001")
        #expect((summary?.files["drug_administration.csv"] ?? 0) > 10_000)
    }

    @Test func aSmallStudyStillWorks() throws {
        let study = try GeneratedStudy(SampleDesign(enrolled: 3, screenFailures: 0, seed: 5, treatments: studyDesign().treatments))
        #expect(study.summary.subjects == 3)
        #expect(study.enrollment.rows().count == 3)
        #expect(study.ends.rows().count == 3)
    }

    @Test func anUnusableDesignIsRejected() {
        let treatments = studyDesign().treatments
        #expect(throws: SampleDesignError.self) {
            try SampleGenerator.write(SampleDesign(enrolled: 0, treatments: treatments), to: temporaryFolder())
        }
        #expect(throws: SampleDesignError.self) {
            try SampleGenerator.write(SampleDesign(treatments: []), to: temporaryFolder())
        }
        #expect(throws: SampleDesignError.self) {
            try SampleGenerator.write(SampleDesign(treatments: [treatments[0], treatments[0]]), to: temporaryFolder())
        }
    }
}
