import SDTMModel
import Testing

@testable import Export

private func variable(_ name: String, order: Int) -> VariableSpec {
    VariableSpec(name: name, label: name, type: .char, core: .required, role: "", codelists: [], order: order)
}

/// Records with STUDYID (the same on all), SUBJ, TESTCD, TEST (follows TESTCD), RESULT (follows nothing) and ID (unique).
private func findings(_ count: Int) -> Dataset {
    let spec = DomainSpec(name: "XX", label: "", class: "Findings", structure: "", keys: [], variables: [
        variable("STUDYID", order: 1), variable("SUBJ", order: 2), variable("TESTCD", order: 3), variable("TEST", order: 4),
        variable("RESULT", order: 5), variable("ID", order: 6),
    ])
    let tests = [("HGB", "Hemoglobin"), ("PLAT", "Platelets"), ("ALT", nil)]
    return Dataset(spec: spec, records: (0..<count).map { i in
        let (testcd, test) = tests[i % 3]
        return Record(values: [.text("S-1"), .text("S-1-\(i / 16)"), .text(testcd), test.map(Value.text) ?? .null,
                               i % 5 == 0 ? .null : .text("\(i % 7)"), .text("ID\(i)")], origin: nil)
    })
}

private func text(_ cells: EncodedColumns<Never>, count: Int) -> String {
    String(decoding: cells.lines(0..<count, separator: 0x2C), as: UTF8.self)
}

private func plain(_ dataset: Dataset) -> EncodedColumns<Never> {
    EncodedColumns<Never>(dataset, columns: Array(0..<dataset.spec.variables.count)) { value, _, out in
        out.append(contentsOf: value.text.utf8)
        return nil
    }
}

private func joined(_ dataset: Dataset) -> EncodedColumns<Never> {
    EncodedColumns(joining: dataset, columns: Array(0..<dataset.spec.variables.count), separator: 0x2C) { value, out in
        out.append(contentsOf: value.text.utf8)
    }
}

@Test func columnsThatFollowFromAnAdjacentOneJoinItsCell() {
    let runs = EncodedColumns<Never>.determinedRuns(findings(48), columns: Array(0..<6))
    // STUDYID follows from SUBJ, TEST from TESTCD; RESULT follows from nothing; ID has a value per record.
    #expect(runs.map(\.leader) == [1, 2, 4, 5])
    #expect(runs.map { $0.members.map(\.column) } == [[0, 1], [2, 3], [4], [5]])
}

@Test func joinedCellsWriteTheSameLinesAsOneCellPerColumn() {
    let dataset = findings(48)
    #expect(text(joined(dataset), count: 48) == text(plain(dataset), count: 48))
    #expect(text(joined(dataset), count: 48).hasPrefix("S-1,S-1-0,HGB,Hemoglobin,,ID0\nS-1,S-1-0,PLAT,Platelets,1,ID1\n"))
}

@Test func aColumnWithAValuePerRecordLeadsNoRun() {
    // ID determines STUDYID, but joining them would encode every record's line once more.
    let runs = EncodedColumns<Never>.determinedRuns(findings(48), columns: [5, 0])
    #expect(runs.map(\.leader) == [5, 0])
}

@Test func adjacentRunsWhoseCombinationsAreFewShareACell() {
    let dataset = findings(960)
    let leaders = EncodedColumns<Never>.determinedRuns(dataset, columns: Array(0..<6)).map { dataset.columns[$0.leader] }
    // SUBJ's 60 subjects times TESTCD's tests would be too many; TESTCD's tests times RESULT's values are few; ID is unique.
    #expect(EncodedColumns<Never>.fewCombinations(of: leaders, count: 960) == [0..<1, 1..<3, 3..<4])
    #expect(text(joined(dataset), count: 960) == text(plain(dataset), count: 960))
}

@Test func eachRecordsCombinationIsNumberedAsItFirstComesAndGivesBackItsCodes() {
    let dataset = findings(96)
    let columns = [dataset.columns[2], dataset.columns[4]]
    let combined = EncodedColumns<Never>.combinations(of: columns, count: 96)
    for i in 0..<96 { #expect(combined.leaderCodes[Int(combined.codes[i])] == columns.map { $0.codes[i] }) }
    #expect(combined.codes.prefix(3) == [0, 1, 2])
    #expect(Set(combined.leaderCodes.map { $0 }).count == combined.leaderCodes.count)
}
