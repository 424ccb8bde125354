import Foundation
import Export
import Ingest
import Pipeline
import SampleStudy
import SDTMModel
import Testing

/// The package root, found from this file's path.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func temporaryDirectory(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "sdtm-tests-\(getpid())-\(name)"
    try? FileManager.default.removeItem(atPath: path)
    return path
}

func loadStudy() throws -> StudyConfiguration {
    try StudyConfiguration.load(study: "ligcad", mappingsDirectory: root + "/mappings", specsDirectory: root + "/specs")
}

func exportSample(to out: String, raw: String = root + "/samples/ligcad") throws -> ExportReport {
    try ExportJob(configuration: try loadStudy(), rawDirectory: raw, outputDirectory: out).run()
}

@Suite(.serialized) struct ExportJobTests {
    @Test func everyRawRowIsMappedOrRejectedExactlyOnce() throws {
        let out = temporaryDirectory("accounting")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try exportSample(to: out)
        var mappedLines: [String: Set<Int>] = [:]
        for dataset in report.datasets where !dataset.name.hasPrefix("SUPP") {
            for record in dataset.records { if let o = record.origin { mappedLines[o.file, default: []].insert(o.line) } }
        }
        var rejectedLines: [String: Set<Int>] = [:]
        for r in report.rejections { rejectedLines[r.file, default: []].insert(r.line) }
        for file in report.manifest.rawFiles {
            #expect(file.rowsRead == file.rowsMapped + file.rowsRejected, "\(file.file)")
            var reader = try CSVReader(path: root + "/samples/ligcad/" + file.file)
            var dataLines: Set<Int> = []
            _ = try reader.next()
            while let record = try reader.next() { dataLines.insert(record.line) }
            #expect(dataLines.count == file.rowsRead, "\(file.file): every data row is read")
            let rejected = rejectedLines[file.file] ?? []
            #expect(rejected.count == file.rowsRejected)
            if file.file != "end_of_study.csv" {
                // Rows of the main sources are in a dataset, or rejected, never both and never neither.
                let mapped = mappedLines[file.file] ?? []
                #expect(mapped.isDisjoint(with: rejected), "\(file.file): a row is both mapped and rejected")
                #expect(mapped.union(rejected) == dataLines, "\(file.file): a row is neither mapped nor rejected")
            }
        }
    }

    @Test func rerunsAreByteIdentical() throws {
        let a = temporaryDirectory("rerun-a"), b = temporaryDirectory("rerun-b")
        defer { [a, b].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        _ = try exportSample(to: a)
        _ = try exportSample(to: b)
        let files = try FileManager.default.contentsOfDirectory(atPath: a).sorted()
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: b).sorted()))
        #expect(files.contains("dm.csv") && files.contains("suppae.csv") && files.contains("manifest.json"))
        for file in files {
            #expect(FileManager.default.contentsEqual(atPath: a + "/" + file, andPath: b + "/" + file), "\(file) differs")
        }
    }

    @Test func manifestChecksumsMatchTheFilesWritten() throws {
        let out = temporaryDirectory("manifest")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try exportSample(to: out)
        for file in report.manifest.datasets + report.manifest.reports {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file.file))
            #expect(bytes.count == file.bytes)
            #expect(SHA256.hash(Array(bytes)).hex == file.sha256)
        }
    }

    @Test func numericLabResultsAreNotTermsOfTheCharacterResultCodelistInDefineXML() throws {
        let out = temporaryDirectory("define-stresc")
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try exportSample(to: out)
        let define = try String(contentsOfFile: out + "/define.xml", encoding: .utf8)
        // Every LB test of the sample has numeric results only: no value-level LBSTRESC points to CL.LBSTRESC.
        #expect(define.contains("IT.LB.LBSTRESC.HGB"))
        #expect(!define.contains("CodeList OID=\"CL.LBSTRESC\""))
        #expect(!define.contains("CodeListOID=\"CL.LBSTRESC\""))
    }

    @Test func committedSampleIsTheGeneratorsDefaultOutput() throws {
        let out = temporaryDirectory("generated")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let summary = try SampleGenerator.write(SampleDesign(study: try loadStudy().study), to: out)
        for file in summary.files.keys.sorted() {
            #expect(FileManager.default.contentsEqual(atPath: out + "/" + file, andPath: root + "/samples/ligcad/" + file),
                    "samples/ligcad/\(file) is not what `sdtm sample` writes; regenerate it")
        }
    }

    @Test func everyDeliberateSampleIssueIsReported() throws {
        let generated = temporaryDirectory("issues-raw"), out = temporaryDirectory("issues-out")
        defer { [generated, out].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let summary = try SampleGenerator.write(SampleDesign(study: try loadStudy().study), to: generated)
        let report = try exportSample(to: out, raw: generated)
        #expect(!summary.deliberateIssues.isEmpty)
        // Site habits the mapping absorbs; everything else the sample plants is a problem to report.
        let absorbed: Set<String> = ["case-variation", "stray-space", "date-format-mdy", "date-format-iso"]
        for issue in summary.deliberateIssues {
            let rejected = report.rejections.contains { $0.file == issue.file && $0.line == issue.line }
            let found = report.diagnostics.contains { $0.location?.file == issue.file && $0.location?.line == issue.line }
            if absorbed.contains(issue.kind) {
                #expect(!rejected && !found, "\(issue) should be mapped silently")
            } else {
                #expect(rejected || found, "\(issue) is neither rejected nor reported")
            }
        }
        #expect(report.exitCode == 1, "the sample's deliberate errors make the export exit 1")
    }

    @Test func screenFailuresHaveNoArmAndTreatedSubjectsHaveReferenceDates() throws {
        let out = temporaryDirectory("dm")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try exportSample(to: out)
        let dm = try #require(report.datasets.first { $0.name == "DM" })
        let ex = try #require(report.datasets.first { $0.name == "EX" })
        let col = { (name: String) in dm.spec.index(of: name)! }
        var firstDose: [String: String] = [:]
        for r in ex.records {
            let id = r.values[ex.spec.index(of: "USUBJID")!].text, start = r.values[ex.spec.index(of: "EXSTDTC")!].text
            if firstDose[id].map({ start < $0 }) ?? true { firstDose[id] = start }
        }
        var screenFailures = 0
        for r in dm.records {
            let id = r.values[col("USUBJID")].text
            if r.values[col("ARMNRS")].text == "SCREEN FAILURE" {
                screenFailures += 1
                #expect(r.values[col("ARMCD")].isNull && r.values[col("ACTARMCD")].isNull && r.values[col("RFXSTDTC")].isNull)
            } else if let first = firstDose[id] {
                #expect(r.values[col("RFXSTDTC")].text == first)
                #expect(r.values[col("ACTARMCD")] == r.values[col("ARMCD")])
            }
        }
        #expect(screenFailures > 0)
        #expect(dm.records.count - screenFailures == 64)
    }

    @Test func aMissingRawFileIsReportedAndTheOtherDomainsAreStillWritten() throws {
        let raw = temporaryDirectory("missing-raw"), out = temporaryDirectory("missing-out")
        defer { [raw, out].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        try FileManager.default.copyItem(atPath: root + "/samples/ligcad", toPath: raw)
        try FileManager.default.removeItem(atPath: raw + "/adverse_events.csv")
        let report = try exportSample(to: out, raw: raw)
        #expect(report.diagnostics.contains { $0.rule == "ingest.file-missing" && $0.message.contains("adverse_events.csv") })
        // Its rows cannot be accounted for: the manifest says so, and the run exits 2 (unreadable input).
        #expect(report.manifest.rawFiles.first { $0.file == "adverse_events.csv" }?.unreadable != nil)
        #expect(report.exitCode == 2)
        #expect(FileManager.default.fileExists(atPath: out + "/dm.csv"))
        #expect(FileManager.default.fileExists(atPath: out + "/ex.csv"))
    }
}

@Suite(.serialized) struct UnmappedRawFileTests {
    @Test func aRawFileNoMappingReadsIsAWarning() throws {
        let raw = temporaryDirectory("unmapped-raw"), out = temporaryDirectory("unmapped-out")
        defer { [raw, out].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        try FileManager.default.copyItem(atPath: root + "/samples/ligcad", toPath: raw)
        try "subject_id,weight_kg\n101-001,70\n".write(toFile: raw + "/ecg.csv", atomically: true, encoding: .utf8)
        let report = try exportSample(to: out, raw: raw)
        #expect(report.diagnostics.contains { $0.rule == "ingest.unmapped-file" && $0.location?.file == "ecg.csv" })
        #expect(!report.diagnostics.contains { $0.rule == "ingest.unmapped-file" && $0.location?.file == "data_dictionary.csv" })
    }
}

@Suite(.serialized) struct OutputSafetyTests {
    @Test func anOutputFolderThatIsNotAPackageIsLeftUntouched() throws {
        let out = temporaryDirectory("not-a-package")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "keep me".write(toFile: out + "/thesis.txt", atomically: true, encoding: .utf8)
        #expect(throws: ExportError.self) { try exportSample(to: out) }
        #expect(FileManager.default.fileExists(atPath: out + "/thesis.txt"))
    }

    @Test func aPreviousPackageIsReplaced() throws {
        let out = temporaryDirectory("previous-package")
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try exportSample(to: out)
        try "old".write(toFile: out + "/stale.csv", atomically: true, encoding: .utf8)
        _ = try exportSample(to: out)
        #expect(!FileManager.default.fileExists(atPath: out + "/stale.csv"))
        #expect(FileManager.default.fileExists(atPath: out + "/manifest.json"))
    }
}
