import Export
import Testing

@testable import Pipeline

private func writer(_ name: String) -> ReportWriter {
    { .success(WrittenFile(file: name, records: 0, bytes: 0, sha256: "")) }
}

@Test func reportsComeInTheWritersOrderWhicheverIsStartedFirst() throws {
    let writers = ["rejects.csv", "findings.csv", "validation.json", "eligibility.csv"].map(writer)
    #expect(try writeReports(writers, rows: [10, 20, 5, 1_000]).map(\.file)
        == ["rejects.csv", "findings.csv", "validation.json", "eligibility.csv"])
    #expect(try writeReports(writers).map(\.file) == ["rejects.csv", "findings.csv", "validation.json", "eligibility.csv"])
}

@Test func aReportThatCannotBeWrittenFailsTheReports() {
    let failing: ReportWriter = { .failure(.cannotWrite("out/findings.csv", "disk full")) }
    #expect(throws: ExportError.self) { try writeReports([writer("rejects.csv"), failing], rows: [1, 2]) }
}
