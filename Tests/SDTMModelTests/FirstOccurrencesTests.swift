import Testing

@testable import SDTMModel

struct FirstOccurrencesTests {
    @Test func anItemWithAnEarlierItemsKeyPointsToTheFirstOfThem() {
        let keys = ["a", "b", "a", "a"]
        var firsts = FirstOccurrences()
        let found = keys.indices.map { i in firsts.earlier(than: i, hash: keys[i].hashValue) { keys[$0] == keys[i] } }
        #expect(found == [nil, nil, 0, 0])
    }

    @Test func itemsWhoseHashesCollideAreToldApartByTheirKeys() {
        // Every key gets the same hash: only `same` separates them.
        let keys = ["a", "b", "c", "b", "c", "a"]
        var firsts = FirstOccurrences()
        let found = keys.indices.map { i in firsts.earlier(than: i, hash: 7) { keys[$0] == keys[i] } }
        #expect(found == [nil, nil, nil, 1, 2, 0])
    }
}

struct FirstOccurrencesGrowthTests {
    @Test func firstItemsAreFoundAfterTheTableHasGrown() {
        // Far more keys than the initial table holds; every key appears twice, the second time pointing at the first.
        let keys = (0..<1_000).map { "k\($0 % 500)" }
        var firsts = FirstOccurrences()
        let found = keys.indices.map { i in firsts.earlier(than: i, hash: keys[i].hashValue) { keys[$0] == keys[i] } }
        #expect(found == (0..<1_000).map { $0 < 500 ? nil : $0 - 500 })
    }
}
