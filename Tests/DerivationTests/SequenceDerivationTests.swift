import SDTMModel
import Testing

@testable import Derivation

/// Five adverse events given out of order; the two RASH events of S1 on 2025-02-01 tie on every
/// sequence variable and differ only in their raw line (AESPID tells them apart).
private let unsorted = dataset("AE", [
    at(2, ["USUBJID": "S2", "AESTDTC": "2025-02-01", "AETERM": "HEADACHE", "AESPID": "1"]),
    at(3, ["USUBJID": "S1", "AESTDTC": "2025-03-01", "AETERM": "NAUSEA", "AESPID": "2"]),
    at(6, ["USUBJID": "S1", "AESTDTC": "2025-02-01", "AETERM": "RASH", "AESPID": "5"]),
    at(5, ["USUBJID": "S1", "AESTDTC": "2025-02-01", "AETERM": "FATIGUE", "AESPID": "4"]),
    at(4, ["USUBJID": "S1", "AESTDTC": "2025-02-01", "AETERM": "RASH", "AESPID": "3"]),
])

private let aeOrder = ["USUBJID", "AESTDTC", "AETERM"]

@Suite struct SequenceDerivationTests {
    @Test func recordsAreSortedBySubjectThenSequenceVariablesThenRawLine() {
        var ae = unsorted
        _ = deriveSequence(&ae, order: aeOrder)
        #expect(ae.values("AESPID") == ["4", "3", "5", "2", "1"])
        #expect(ae.records.map { $0.origin!.line } == [5, 4, 6, 3, 2])
    }

    @Test func seqRestartsAt1ForEachSubject() {
        var ae = unsorted
        _ = deriveSequence(&ae, order: aeOrder)
        #expect(ae.values("USUBJID") == ["S1", "S1", "S1", "S1", "S2"])
        #expect(ae.values("AESEQ") == ["1", "2", "3", "4", "1"])
        #expect(ae.records[0].values[ae.column("AESEQ")] == .number(1))
    }

    @Test func newPositionMapsEachOldRecordToWhereItWent() {
        var ae = unsorted
        let moved = deriveSequence(&ae, order: aeOrder)
        #expect(moved == [4, 3, 2, 0, 1])
        for (old, new) in moved.enumerated() {
            #expect(ae.records[new].origin == unsorted.records[old].origin)
        }
    }

    @Test func usubjidComesFirstEvenWhenTheMappingOmitsIt() {
        var ae = unsorted
        _ = deriveSequence(&ae, order: ["AETERM"])
        #expect(ae.values("AETERM") == ["FATIGUE", "NAUSEA", "RASH", "RASH", "HEADACHE"])
    }

    @Test func numericSequenceVariablesSortAsNumbers() {
        var ex = dataset("EX", [
            ["USUBJID": "S1", "VISITNUM": "10", "EXTRT": "DRUG A"],
            ["USUBJID": "S1", "VISITNUM": "2", "EXTRT": "DRUG A"],
            ["USUBJID": "S1", "VISITNUM": "", "EXTRT": "DRUG A"],
        ])
        _ = deriveSequence(&ex, order: ["USUBJID", "VISITNUM"])
        #expect(ex.values("VISITNUM") == ["", "2", "10"])
        #expect(ex.values("EXSEQ") == ["1", "2", "3"])
    }

    @Test func tiesAcrossRawFilesAreOrderedByFileName() {
        var ae = dataset("AE", [
            at(2, ["USUBJID": "S1", "AETERM": "RASH", "AESPID": "late"]),
        ])
        ae.append(dataset("AE", file: "ae_extra.csv", [at(9, ["USUBJID": "S1", "AETERM": "RASH", "AESPID": "extra"])]).records[0])
        ae.append(dataset("AE", file: "a.csv", [at(20, ["USUBJID": "S1", "AETERM": "RASH", "AESPID": "first"])]).records[0])
        ae.select([0, 2, 1])
        _ = deriveSequence(&ae, order: ["AETERM"])
        #expect(ae.values("AESPID") == ["first", "late", "extra"])
    }

    @Test func textKeysSortAsStringsBeyondTheirFirstSixteenBytes() {
        // The first two share 16 bytes; the third begins the second; the last is not ASCII ("E" with an acute accent,
        // written decomposed), which sorts after every ASCII text.
        let terms = ["INJECTION SITE REACTION", "INJECTION SITE PAIN", "INJECTION SITE", "E\u{301}RYTHEMA", "ERYTHEMA"]
        var ae = dataset("AE", terms.map { ["USUBJID": "S1", "AETERM": $0] })
        _ = deriveSequence(&ae, order: ["AETERM"])
        #expect(ae.values("AETERM") == terms.sorted())
        #expect(ae.values("AETERM") == ["ERYTHEMA", "INJECTION SITE", "INJECTION SITE PAIN", "INJECTION SITE REACTION", "E\u{301}RYTHEMA"])

        var ascii = dataset("AE", terms.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { ["USUBJID": "S1", "AETERM": $0] })
        _ = deriveSequence(&ascii, order: ["AETERM"])
        #expect(ascii.values("AETERM") == ["ERYTHEMA", "INJECTION SITE", "INJECTION SITE PAIN", "INJECTION SITE REACTION"])
    }

    @Test func textKeysThatShareALongBeginningSortByWhatFollowsIt() {
        // The ids share their first 18 bytes; one record has no AESPID (null, first); one id is the shared part alone.
        let ids = ["STUDY-0001-SITE-1-00010", "STUDY-0001-SITE-1-00002", "STUDY-0001-SITE-1-", "STUDY-0001-SITE-1-00010A",
                   "STUDY-0001-SITE-1-00001"]
        var ae = dataset("AE", (ids + [""]).map { ["USUBJID": "S1", "AESPID": $0] })
        _ = deriveSequence(&ae, order: ["AESPID"])
        #expect(ae.values("AESPID") == [""] + ids.sorted())
    }

    @Test func subjectsAlreadyInRunsAreSortedOneSubjectAtATime() {
        // Two subjects in order, each with records out of order by a second key whose ranks are wide; ties keep their
        // position. A subject that comes back, or subjects out of order, are left to the general sort (nil).
        let subjectRanks = [0, 1, 2], second = [0, 1 << 40, 5, 7]
        let subjects: [UInt32] = [1, 1, 1, 2, 2, 2], keys: [UInt32] = [1, 3, 1, 2, 0, 2]
        let order = orderWithinSubjects([subjectRanks, second], [subjects, keys], count: 6, indexBits: 3)
        #expect(order == [1, 0, 2, 4, 3, 5])
        let expected = (0..<6).sorted { (subjectRanks[Int(subjects[$0])], second[Int(keys[$0])], $0)
            < (subjectRanks[Int(subjects[$1])], second[Int(keys[$1])], $1) }
        #expect(order == expected)
        #expect(orderWithinSubjects([subjectRanks, second], [[1, 2, 1, 2, 1, 2], keys], count: 6, indexBits: 3) == nil)
        #expect(orderWithinSubjects([subjectRanks, second], [[2, 2, 2, 1, 1, 1], keys], count: 6, indexBits: 3) == nil)
    }
}
