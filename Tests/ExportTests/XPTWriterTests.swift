import Export
import Foundation
import SDTMModel
import Testing

private func variable(_ name: String, _ type: VariableType, label: String? = nil, order: Int) -> VariableSpec {
    VariableSpec(name: name, label: label ?? name, type: type, core: .required, role: "", codelists: [], order: order)
}

/// A dataset of Char `STUDYID` (label "Study Identifier") and Num `AGE` (label "Age"), or the given variables.
private func dataset(_ rows: [[Value]], name: String = "DM", variables: [VariableSpec]? = nil) -> Dataset {
    let spec = DomainSpec(name: name, label: "Demographics", class: "", structure: "", keys: [],
                          variables: variables ?? [variable("STUDYID", .char, label: "Study Identifier", order: 1),
                                                   variable("AGE", .num, label: "Age", order: 2)])
    return Dataset(spec: spec, records: rows.map { Record(values: $0, origin: nil) })
}

private struct Written {
    var file: WrittenFile
    var bytes: [UInt8]

    /// The 80-byte record `n` (0-based) as text.
    func record(_ n: Int) -> String { String(decoding: bytes[n * 80..<(n + 1) * 80], as: UTF8.self) }
}

private func write(_ dataset: Dataset, columns: [ColumnMetadata]? = nil, label: String = "Demographics",
                   created: String = "2026-11-01T00:00:00") throws -> Written {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try XPTWriter.write(dataset, columns: columns ?? ColumnMetadata.of(dataset), label: label, created: created, to: dir.path)
    return Written(file: file, bytes: try dir.bytes(file.file))
}

/// The error `write` throws, and whether it left a file behind.
private func failure(_ dataset: Dataset, columns: [ColumnMetadata]? = nil, label: String = "Demographics",
                     created: String = "2026-11-01T00:00:00") throws -> (error: XPTError?, files: [String]) {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    do throws(XPTError) {
        _ = try XPTWriter.write(dataset, columns: columns ?? ColumnMetadata.of(dataset), label: label, created: created, to: dir.path)
        return (nil, listing(dir.path))
    } catch {
        return (error, listing(dir.path))
    }
}

private let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path + "/shared/reference/dataset-json/examples/sdtm/dm.xpt"

private func blanks(_ n: Int) -> String { String(repeating: " ", count: n) }

@Suite struct XPTWriterTests {
    @Test func fileIsNamedForTheDatasetInLowercase() throws {
        let written = try write(dataset([[.text("S1"), .number(30)]]))
        #expect(written.file.file == "dm.xpt")
        #expect(written.file.records == 1)
    }

    @Test func writtenFileCountsBytesAndHashesThem() throws {
        let written = try write(dataset([[.text("S1"), .number(30)], [.text("S2"), .null]]))
        #expect(written.file.bytes == written.bytes.count)
        #expect(written.file.sha256 == SHA256.hash(written.bytes).hex)
    }

    @Test func everyRecordIs80Bytes() throws {
        for rows in [0, 1, 2, 5, 9, 10, 11, 100] {
            let written = try write(dataset(Array(repeating: [.text("S-0001"), .number(1)], count: rows)))
            #expect(written.bytes.count % 80 == 0)
        }
    }

    @Test func libraryHeaderRecordIsTheStandardText() throws {
        let written = try write(dataset([]))
        #expect(written.record(0) == "HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!000000000000000000000000000000  ")
    }

    @Test func realHeaderRecordsCarryTheCreationDatetime() throws {
        let written = try write(dataset([]), created: "2026-11-01T09:05:03")
        #expect(written.record(1) == "SAS     SAS     SASLIB  9.4     SDTM    " + blanks(24) + "01NOV26:09:05:03")
        #expect(written.record(2) == "01NOV26:09:05:03" + blanks(64))
    }

    @Test func memberAndDescriptorHeadersAreTheStandardText() throws {
        let written = try write(dataset([]))
        #expect(written.record(3) == "HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!000000000000000001600000000140  ")
        #expect(written.record(4) == "HEADER RECORD*******DSCRPTR HEADER RECORD!!!!!!!000000000000000000000000000000  ")
    }

    @Test func memberRecordsCarryNameLabelAndDatetime() throws {
        let written = try write(dataset([]), label: "Demographics", created: "2025-03-28T14:30")
        #expect(written.record(5) == "SAS     DM      SASDATA 9.4     SDTM    " + blanks(24) + "28MAR25:14:30:00")
        #expect(written.record(6) == "28MAR25:14:30:00" + blanks(16) + "Demographics" + blanks(28) + blanks(8))
    }

    @Test func dateOnlyCreationIsMidnight() throws {
        let written = try write(dataset([]), created: "2026-01-09")
        #expect(written.record(2).hasPrefix("09JAN26:00:00:00"))
    }

    @Test func namestrHeaderGivesTheVariableCount() throws {
        let written = try write(dataset([]))
        #expect(written.record(7) == "HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!000000000200000000000000000000  ")
    }

    @Test func namestrOfACharacterVariable() throws {
        let written = try write(dataset([[.text("CDISCPILOT01"), .number(1)]]))
        var expected: [UInt8] = [0, 2, 0, 0, 0, 12, 0, 1]
        expected += Array(("STUDYID " + "Study Identifier" + blanks(24) + blanks(8)).utf8)
        expected += [UInt8](repeating: 0, count: 8) + Array(blanks(8).utf8) + [0, 0, 0, 0]
        expected += [0, 0, 0, 0] + [UInt8](repeating: 0, count: 52)
        #expect(Array(written.bytes[640..<780]) == expected)
    }

    @Test func namestrOfANumericVariableGivesItsPosition() throws {
        let written = try write(dataset([[.text("CDISCPILOT01"), .number(1)]]))
        let namestr = Array(written.bytes[780..<920])
        #expect(Array(namestr[0..<8]) == [0, 1, 0, 0, 0, 8, 0, 2])
        #expect(String(decoding: namestr[8..<56], as: UTF8.self) == "AGE     Age" + blanks(37))
        #expect(Array(namestr[84..<88]) == [0, 0, 0, 12])
    }

    @Test func namestrsArePaddedWithBlanksThenTheObsHeader() throws {
        let written = try write(dataset([]))
        #expect(written.bytes[920..<960].allSatisfy { $0 == 0x20 })
        #expect(written.record(12) == "HEADER RECORD*******OBS     HEADER RECORD!!!!!!!000000000000000000000000000000  ")
        #expect(written.bytes.count == 13 * 80)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: reference), "needs ../shared/reference (the standard's data); skipped"))
    func headersAndNamestrMatchAFileWrittenBySAS() throws {
        let sas = [UInt8](try Data(contentsOf: URL(fileURLWithPath: reference)))
        let written = try write(dataset([[.text("CDISCPILOT01"), .number(1)]]))
        for record in [0, 3, 4] {
            #expect(written.bytes[record * 80..<(record + 1) * 80] == sas[record * 80..<(record + 1) * 80])
        }
        #expect(written.bytes[640..<780] == sas[640..<780])  // STUDYID, Char 12, "Study Identifier"
        #expect(written.bytes[960..<1040] == sas[0x10E0..<0x1130])  // OBS header
    }

    @Test func observationsArePackedAndPaddedWithBlanks() throws {
        let written = try write(dataset([[.text("AB"), .number(1)], [.text("ABC"), .number(100)]]))
        let data = Array(written.bytes[1040...])
        #expect(data.count == 80)
        #expect(Array(data[0..<11]) == Array("AB ".utf8) + [0x41, 0x10, 0, 0, 0, 0, 0, 0])
        #expect(Array(data[11..<22]) == Array("ABC".utf8) + [0x42, 0x64, 0, 0, 0, 0, 0, 0])
        #expect(data[22...].allSatisfy { $0 == 0x20 })
    }

    @Test func nullsAreBlankAndMissing() throws {
        let written = try write(dataset([[.text("ABC"), .number(1)], [.null, .null]]))
        #expect(Array(written.bytes[1051..<1062]) == Array("   ".utf8) + [0x2E, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func utf8IsWrittenAsItIsAndLengthCountsBytes() throws {
        let written = try write(dataset([[.text("Müller"), .null]]))
        #expect(Array(written.bytes[640 + 4..<640 + 6]) == [0, 7])
        #expect(Array(written.bytes[1040..<1047]) == Array("Müller".utf8))
    }

    @Test func observationsCrossRecordBoundaries() throws {
        let rows: [[Value]] = (0..<30).map { [.text("S-\($0)"), .number(Double($0))] }
        let written = try write(dataset(rows))
        let length = 4 + 8
        #expect(written.bytes.count == 1040 + (30 * length + 79) / 80 * 80)
        let row7 = 1040 + 7 * length
        #expect(Array(written.bytes[row7..<row7 + 4]) == Array("S-7 ".utf8))
        #expect(IBMFloat.decode(IBMFloat.bits(written.bytes[row7 + 4..<row7 + 12])) == 7)
    }

    @Test func twoWritesGiveTheSameBytes() throws {
        let ds = dataset([[.text("S1"), .number(30.5)]])
        #expect(try write(ds).bytes == write(ds).bytes)
    }

    @Test func variableNameOfNineCharactersIsAnError() throws {
        let ds = dataset([[.text("S1")]], variables: [variable("STUDYIDXX", .char, order: 1)])
        let (error, files) = try failure(ds)
        guard case .nameTooLong("DM", "STUDYIDXX")? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(error!.description.contains("DM.STUDYIDXX"))
        #expect(files.isEmpty)
    }

    @Test func datasetNameOfNineCharactersIsAnError() throws {
        let (error, _) = try failure(dataset([[.text("S1"), .null]], name: "SUPPLONGX"))
        guard case .nameTooLong("SUPPLONGX", nil)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func nonASCIIVariableNameIsAnError() throws {
        let (error, _) = try failure(dataset([[.number(1)]], variables: [variable("ÄGE", .num, order: 1)]))
        guard case .nameNotASCII("DM", "ÄGE")? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func nameThatIsNotASASNameIsAnError() throws {
        let (error, _) = try failure(dataset([[.number(1)]], variables: [variable("1AGE", .num, order: 1)]))
        guard case .nameNotSAS("DM", "1AGE")? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func sameNameInAnotherCaseIsADuplicate() throws {
        let (error, _) = try failure(dataset([[.number(1), .number(2)]], variables: [variable("AGE", .num, order: 1), variable("age", .num, order: 2)]))
        guard case .duplicateVariable("DM", "age")? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func numericColumnOfAnotherLengthThan8IsAnError() throws {
        let ds = dataset([[.text("S1"), .number(1)]])
        var columns = ColumnMetadata.of(ds)
        columns[1].length = 4
        let (error, _) = try failure(ds, columns: columns)
        guard case .columnLength("DM", "AGE", 4, .num)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func variableLabelOf41BytesIsAnError() throws {
        let ds = dataset([[.number(1)]], variables: [variable("AGE", .num, label: String(repeating: "a", count: 41), order: 1)])
        let (error, files) = try failure(ds)
        guard case .labelTooLong("DM", "AGE", 41)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(files.isEmpty)
    }

    @Test func labelOf40BytesIsWritten() throws {
        let ds = dataset([[.number(1)]], variables: [variable("AGE", .num, label: String(repeating: "é", count: 20), order: 1)])
        #expect(throws: Never.self) { try write(ds) }
    }

    @Test func datasetLabelOf41BytesIsAnError() throws {
        let (error, _) = try failure(dataset([]), label: String(repeating: "x", count: 41))
        guard case .labelTooLong("DM", nil, 41)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func valueOf201BytesIsAnErrorNamingTheRecord() throws {
        let long = String(repeating: "x", count: 201)
        let (error, files) = try failure(dataset([[.text("S1"), .null], [.text("S2"), .null], [.text(long), .null]]))
        guard case .valueTooLong("DM", "STUDYID", 3, 201)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(error!.description.contains("DM.STUDYID, record 3"))
        #expect(files.isEmpty)
    }

    @Test func valueOf200BytesIsWritten() throws {
        let written = try write(dataset([[.text(String(repeating: "x", count: 200)), .null]]))
        #expect(Array(written.bytes[644..<646]) == [0, 200])
    }

    @Test func valueLongerThanItsColumnIsAnErrorNotATruncation() throws {
        let ds = dataset([[.text("S1"), .null], [.text("S-0002"), .null]])
        var columns = ColumnMetadata.of(ds)
        columns[0].length = 4
        let (error, files) = try failure(ds, columns: columns)
        guard case .valueLongerThanColumn("DM", "STUDYID", 2, 6, 4)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(files.isEmpty)
    }

    @Test func textInANumericVariableIsAnError() throws {
        let (error, _) = try failure(dataset([[.text("S1"), .number(1)], [.text("S1"), .text("forty")]]))
        guard case .typeMismatch("DM", "AGE", 2, .num)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func numberInACharacterVariableIsAnError() throws {
        let ds = dataset([[.text("S1"), .number(1)]])
        let columns = ColumnMetadata.of(ds)
        let (error, _) = try failure(dataset([[.number(1), .number(1)]]), columns: columns)
        guard case .typeMismatch("DM", "STUDYID", 1, .char)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func numberBeyondIBMRangeIsAnError() throws {
        let (error, _) = try failure(dataset([[.text("S1"), .number(1e80)]]))
        guard case .numberOutOfRange("DM", "AGE", 1, 1e80)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func creationDatetimeThatIsNotISO8601IsAnError() throws {
        let (error, _) = try failure(dataset([]), created: "01NOV2026")
        guard case .invalidDateTime("DM", "01NOV2026")? = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func unwritableFolderIsAnError() throws {
        #expect(throws: XPTError.self) {
            try XPTWriter.write(dataset([]), columns: [], label: "", created: "2026-11-01", to: "/nonexistent/folder")
        }
    }
}
