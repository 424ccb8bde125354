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
}
