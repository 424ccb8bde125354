import Export
import SDTMModel
import Testing

private func variable(_ name: String, _ type: VariableType, _ core: Core, order: Int) -> VariableSpec {
    VariableSpec(name: name, label: name, type: type, core: core, role: "", codelists: [], order: order)
}

/// A small DM-like spec, given out of order to show that spec order is what counts:
/// STUDYID (Req), AGE (Exp, Num), INVNAM (Perm), ETHNIC (Perm), WEIGHT (Perm, Num).
private let spec = DomainSpec(name: "DM", label: "Demographics", class: "Special-Purpose", structure: "", keys: [],
                              variables: [
                                  variable("ETHNIC", .char, .permissible, order: 4),
                                  variable("STUDYID", .char, .required, order: 1),
                                  variable("INVNAM", .char, .permissible, order: 3),
                                  variable("AGE", .num, .expected, order: 2),
                                  variable("WEIGHT", .num, .permissible, order: 5),
                              ])

/// Records by value in spec order: STUDYID, AGE, INVNAM, ETHNIC, WEIGHT.
private func dm(_ rows: [[Value]]) -> Dataset {
    Dataset(spec: spec, records: rows.map { Record(values: $0, origin: nil) })
}

private func written(_ dataset: Dataset) throws -> (file: WrittenFile, text: String, bytes: [UInt8]) {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try DatasetCSV.write(dataset, to: dir.path)
    return (file, try dir.text(file.file), try dir.bytes(file.file))
}

@Suite struct DatasetCSVTests {
    @Test func requiredAndExpectedColumnsAreWrittenEvenWhenEmpty() throws {
        let (_, text, _) = try written(dm([[.text("S-01"), .null, .null, .null, .null]]))
        #expect(text == "STUDYID,AGE\nS-01,\n")
    }

    @Test func permissibleColumnIsWrittenWhenSomeRecordHasAValue() throws {
        let (_, text, _) = try written(dm([
            [.text("S-01"), .number(30), .null, .null, .null],
            [.text("S-01"), .number(41), .null, .text("NOT HISPANIC OR LATINO"), .null],
        ]))
        #expect(text == "STUDYID,AGE,ETHNIC\nS-01,30,\nS-01,41,NOT HISPANIC OR LATINO\n")
    }

    @Test func columnsFollowSpecOrder() throws {
        let (_, text, _) = try written(dm([[.text("S-01"), .number(30), .text("Dr Who"), .text("UNKNOWN"), .number(70)]]))
        #expect(text.split(separator: "\n").first == "STUDYID,AGE,INVNAM,ETHNIC,WEIGHT")
    }

    @Test func wholeNumbersAreWrittenWithoutDecimals() throws {
        let (_, text, _) = try written(dm([[.text("S-01"), .number(30), .null, .null, .number(72.5)]]))
        #expect(text == "STUDYID,AGE,WEIGHT\nS-01,30,72.5\n")
    }

    @Test func cellsOfEveryLengthAreCopiedWhole() throws {
        // Cells are copied a word at a time, the last word overlapping: values of one to three bytes, shorter than, as
        // long as and longer than eight bytes and than sixteen, empty ones between them and as the last cell of a line.
        let rows: [[Value]] = [
            [.text("S-1"), .number(7), .text("Dr Jekyll and Mr Hyde"), .text("12345678"), .null],
            [.text("STUDY-00000012"), .null, .null, .text("1234567"), .number(123456789.25)],
            [.text(""), .number(1234567890), .text("A"), .text("123456789"), .number(0.5)],
            [.text("AB"), .number(12), .text("ABCD"), .text("0123456789ABCDEF"), .text("0123456789ABCDEFG")],
        ]
        let (_, text, _) = try written(dm(rows))
        #expect(text == "STUDYID,AGE,INVNAM,ETHNIC,WEIGHT\n"
            + "S-1,7,Dr Jekyll and Mr Hyde,12345678,\n"
            + "STUDY-00000012,,,1234567,123456789.25\n"
            + ",1234567890,A,123456789,0.5\n"
            + "AB,12,ABCD,0123456789ABCDEF,0123456789ABCDEFG\n")
    }

    @Test func valuesAreQuotedAsCSVNeeds() throws {
        let (_, text, _) = try written(dm([[.text("S-01"), .null, .text("Smith, \"Jo\""), .null, .null]]))
        #expect(text == "STUDYID,AGE,INVNAM\nS-01,,\"Smith, \"\"Jo\"\"\"\n")
    }

    @Test func negativeAndFractionalNumbersAreWrittenExactly() throws {
        let (_, text, _) = try written(dm([[.text("S-01"), .number(-3), .null, .null, .number(0.25)]]))
        #expect(text == "STUDYID,AGE,WEIGHT\nS-01,-3,0.25\n")
    }

    @Test func fileIsNamedAfterTheDatasetInLowercase() throws {
        let (file, _, _) = try written(dm([]))
        #expect(file.file == "dm.csv")
    }

    @Test func emptyDatasetHasOnlyTheHeader() throws {
        let (file, text, _) = try written(dm([]))
        #expect(text == "STUDYID,AGE\n")
        #expect(file.records == 0)
    }

    @Test func writtenFileReportsRecordCountAndHashOfTheBytes() throws {
        let (file, _, bytes) = try written(dm([
            [.text("S-01"), .number(30), .null, .null, .null],
            [.text("S-01"), .number(41), .null, .null, .null],
        ]))
        #expect(file.records == 2)
        #expect(file.sha256 == SHA256.hash(bytes).hex)
    }

    @Test func writtenFileReportsTheByteCountOfTheFile() throws {
        let (file, _, bytes) = try written(dm([[.text("S-01"), .number(30), .null, .null, .null]]))
        #expect(file.bytes == bytes.count)
    }

    @Test func aLargeDatasetIsWrittenWholeInOrderWithItsHash() throws {
        // Enough records for the lines to be encoded on one core while another writes them.
        let count = 100_001
        let (file, text, bytes) = try written(dm((0..<count).map { [.text("S-\($0)"), .number(Double($0 % 90)), .null, .null, .null] }))
        let expected = "STUDYID,AGE\n" + (0..<count).map { "S-\($0),\($0 % 90)\n" }.joined()
        #expect(text == expected)
        #expect(file.records == count && file.bytes == bytes.count)
        #expect(file.sha256 == SHA256.hash(bytes).hex)
    }
}
