import Export
import Foundation
import Pipeline
import SDTMModel
import Testing
import Validation

/// The standard's reference data, beside the project (../shared/reference).
let reference = URL(fileURLWithPath: root).deletingLastPathComponent().path + "/shared/reference"
let hasDefineReference = FileManager.default.fileExists(atPath: reference + "/define-xml-2.1/schema/cdisc-define-2.1/define2-1-0.xsd")

@Suite(.serialized) struct SubmissionPackageTests {
    func exportAllFormats(to out: String, defineReference: Bool = false) throws -> ExportReport {
        try ExportJob(
            configuration: try loadStudy(), rawDirectory: root + "/samples/ligcad", outputDirectory: out,
            formats: [.csv, .xpt, .json, .ndjson],
            defineSchema: defineReference ? reference + "/define-xml-2.1/schema" : nil,
            stylesheet: defineReference ? reference + "/define-xml-2.1/stylesheet/define2-1.xsl" : nil
        ).run()
    }

    @Test func everyDatasetIsWrittenInEveryFormatWithDefineXML() throws {
        let out = temporaryDirectory("formats")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try exportAllFormats(to: out)
        for dataset in report.datasets {
            for ext in ["csv", "xpt", "json", "ndjson"] {
                #expect(FileManager.default.fileExists(atPath: out + "/" + dataset.name.lowercased() + "." + ext), "\(dataset.name).\(ext)")
            }
        }
        #expect(FileManager.default.fileExists(atPath: out + "/define.xml"))
        #expect(report.manifest.datasets.count == report.datasets.count * 4)
    }

    @Test func xptFilesReadBackCellForCellAsTheDatasetsWritten() throws {
        let out = temporaryDirectory("xpt-roundtrip")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try exportAllFormats(to: out)
        for dataset in report.datasets {
            let file = try XPTReader.read(path: out + "/" + dataset.name.lowercased() + ".xpt")
            let member = try #require(file.datasets.first)
            let columns = ColumnMetadata.of(dataset)
            #expect(member.name == dataset.name)
            #expect(member.label == dataset.spec.label)
            #expect(member.variables.map(\.name) == columns.map(\.name))
            #expect(member.variables.map(\.label) == columns.map(\.label))
            #expect(member.variables.map(\.length) == columns.map(\.length))
            #expect(member.rows.count == dataset.records.count)
            for (row, record) in zip(member.rows, dataset.records) {
                #expect(row == columns.map { record.values[$0.index] }, "\(dataset.name) differs at \(String(describing: record.origin))")
            }
        }
    }

    @Test func validatingTheXPTPackageFindsWhatValidatingTheExportFound() throws {
        let out = temporaryDirectory("xpt-validate")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try exportAllFormats(to: out)
        let c = try loadStudy()
        let fromFiles = ValidateJob(standard: c.standard, terminology: c.terminology, epochs: c.study.epochs.map(\.name))
            .run(directory: out)
        let key = { (f: Finding) in "\(f.rule) \(f.dataset) \(f.record ?? 0) \(f.variable ?? "") \(f.value ?? "")" }
        #expect(fromFiles.findings.map(key).sorted() == report.validation.findings.map(key).sorted())
    }

    @Test(.enabled(if: hasDefineReference, "needs ../shared/reference (the standard's data); skipped"))
    func theSamplesDefineXMLIsSchemaValidAndRendersEveryDataset() throws {
        let out = temporaryDirectory("define")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try exportAllFormats(to: out, defineReference: true)
        let defineErrors = report.diagnostics.filter { $0.rule.hasPrefix("define") && $0.severity == .error }
        #expect(defineErrors.isEmpty, "\(defineErrors)")
        #expect(!report.diagnostics.contains { $0.rule == "define.schema" })
        let html = try String(contentsOfFile: out + "/define.html", encoding: .utf8)
        for dataset in report.datasets { #expect(html.contains(dataset.name), "\(dataset.name) is not in define.html") }
        for variable in ["USUBJID", "AETERM", "EXTRT", "QVAL", "AEREL1"] { #expect(html.contains(variable)) }
        #expect(FileManager.default.fileExists(atPath: out + "/define2-1.xsl"))
        let xml = try String(contentsOfFile: out + "/define.xml", encoding: .utf8)
        #expect(xml.contains("<?xml-stylesheet type=\"text/xsl\" href=\"define2-1.xsl\"?>"))
    }
}
