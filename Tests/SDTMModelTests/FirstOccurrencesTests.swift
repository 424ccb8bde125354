import Testing

@testable import SDTMModel

struct FirstOccurrencesTests {
    /// For each item, the first earlier item with its key, or nil: what the mapper and the validator ask.
    private func earlier(_ keys: [String], hash: (Int) -> UInt64) -> [Int?] {
        let first = FirstOccurrences.first(count: keys.count, hash: hash) { keys[$0] == keys[$1] }
        return first.enumerated().map { item, first in first == item ? nil : first }
    }

    @Test func anItemWithAnEarlierItemsKeyPointsToTheFirstOfThem() {
        let keys = ["a", "b", "a", "a"]
        let found = earlier(keys) { UInt64(bitPattern: Int64(keys[$0].hashValue)) }
        #expect(found == [nil, nil, 0, 0])
    }

    @Test func itemsWhoseHashesCollideAreToldApartByTheirKeys() {
        // Every key gets the same hash: only `same` separates them.
        let keys = ["a", "b", "c", "b", "c", "a"]
        let found = earlier(keys) { _ in 7 }
        #expect(found == [nil, nil, nil, 1, 2, 0])
    }

    @Test func firstItemsAreFoundAmongManyKeys() {
        // Every key appears twice, the second time pointing at the first, whatever the order of their hashes.
        let keys = (0..<1_000).map { "k\($0 % 500)" }
        let found = earlier(keys) { UInt64(bitPattern: Int64(keys[$0].hashValue)) }
        #expect(found == (0..<1_000).map { $0 < 500 ? nil : $0 - 500 })
    }

    @Test func itemsAreMatchedByTheirCodesInEveryKeyColumn() {
        let first = FirstOccurrences.first(byCodes: [[1, 2, 1, 1, 2], [5, 5, 5, 6, 5]], count: 5)
        #expect(first == [0, 1, 0, 3, 1])
        #expect(FirstOccurrences.first(byCodes: [], count: 3) == [0, 1, 2])
    }

    /// The first item with each combination of codes, found the plain way.
    private func reference(_ keys: [[UInt32]], count: Int) -> [Int] {
        var seen: [[UInt32]: Int] = [:]
        return (0..<count).map { item in
            let combination = keys.map { $0[item] }
            if let first = seen[combination] { return first }
            seen[combination] = item
            return item
        }
    }

    @Test func fewCombinationsManyAndTooManyForSixtyFourBitsAreMatchedAlike() {
        // Subject and sequence codes (few combinations: a bit set), the same with one code in the millions (a hash
        // table of combinations) and with three columns of codes near 2^32 (more combinations than 64 bits hold:
        // sorted by hash).
        let subjects = (0..<20_000).map { UInt32($0 % 700) }
        let sequence = (0..<20_000).map { UInt32(($0 * 7) % 90) }
        let wide = sequence.enumerated().map { $0.offset == 5 ? 9_000_000 : $0.element }
        let huge = sequence.map { UInt32.max - $0 }
        for keys in [[subjects, sequence], [subjects, wide], [huge, huge, subjects]] {
            #expect(FirstOccurrences.first(byCodes: keys, count: 20_000) == reference(keys, count: 20_000))
        }
    }

    @Test func codeCountsGivenByTheCallerMatchAlike() {
        // The columns' numbers of values, as a dataset knows them (more than their largest codes), in place of reading
        // each column for its largest code: the few-combinations bit set and, with wide counts, the hash table.
        let subjects = (0..<20_000).map { UInt32($0 % 700) }
        let sequence = (0..<20_000).map { UInt32(($0 * 7) % 90) }
        let keys = [subjects, sequence]
        for counts in [[700, 90], [800, 100], [1 << 20, 1 << 10]] {
            #expect(FirstOccurrences.first(byCodes: keys, codeCounts: counts, count: 20_000) == reference(keys, count: 20_000))
        }
    }

    @Test func fewCombinationsOfWideCodesRepeatedOverManyItemsAreMatchedAlike() {
        // Codes too wide for a bit set (a hash table) but only 360 combinations, each repeated: the table of
        // combinations stays small; with every item new, the items move to the large table part way through (the
        // leading column's codes recur, so they are not looked up run by run).
        let wide = (0..<50_000).map { UInt32(100_000_000 + $0 % 40) }, small = (0..<50_000).map { UInt32($0 % 9) }
        let unique = (0..<50_000).map { UInt32(100_000_000 + $0) }
        for keys in [[wide, small], [small, unique]] {
            #expect(FirstOccurrences.first(byCodes: keys, count: 50_000) == reference(keys, count: 50_000))
        }
    }

    @Test func keysWhoseLeadingCodesComeInRunsAreMatchedRunByRun() {
        // Subjects one after another (runs of 1 to 200 items), each with tests and visits that repeat within it; then
        // the same with a subject coming back after another (matched across runs) and with one run too long for a
        // small table.
        var subjects: [UInt32] = [], tests: [UInt32] = [], visits: [UInt32] = []
        for subject in 0..<300 {
            for item in 0..<(subject % 200 + 1) {
                subjects.append(UInt32(1_000_000 + subject))
                tests.append(UInt32(item % 17))
                visits.append(UInt32(50_000 + (item * 3) % 11))
            }
        }
        let count = subjects.count
        var returning = subjects
        returning[count - 1] = subjects[0]
        let long = (0..<40_000).map { UInt32(7_000_000 + ($0 < 30_000 ? 0 : $0)) }
        let longTests = (0..<40_000).map { UInt32($0 % 23) }, longVisits = (0..<40_000).map { UInt32(90_000 + $0 % 13) }
        #expect(FirstOccurrences.first(byCodes: [subjects, tests, visits], count: count)
            == reference([subjects, tests, visits], count: count))
        #expect(FirstOccurrences.first(byCodes: [returning, tests, visits], count: count)
            == reference([returning, tests, visits], count: count))
        #expect(FirstOccurrences.first(byCodes: [long, longTests, longVisits], count: 40_000)
            == reference([long, longTests, longVisits], count: 40_000))
    }
}
