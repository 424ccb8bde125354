import Testing

@testable import SDTMModel

/// Testing has a `SourceLocation` of its own.
private typealias Location = SDTMModel.SourceLocation

struct OriginsTests {
    private let mixed: [Location?] = [
        Location(file: "lb.csv", line: 2), nil, Location(file: "vs.csv", line: 7, column: 3),
        Location(file: "lb.csv", line: 9),
    ]

    @Test func originsReadBackAsTheyWereGivenWithFilesColumnsAndGaps() {
        #expect(Array(Origins(mixed)) == mixed)
    }

    @Test func selectingKeepsTheOriginsAtThePositionsInThatOrder() {
        #expect(Array(Origins(mixed).selecting([3, 2, 3, 1])) == [mixed[3], mixed[2], mixed[3], nil])
    }

    @Test func originsOfOneFileAtIncreasingLinesAreInFileOrderAndOthersAreNot() {
        #expect(Origins(file: "lb.csv", lines: [2, 3, 3, 10]).areInFileOrder)
        #expect(!Origins(file: "lb.csv", lines: [2, 5, 4]).areInFileOrder)
        #expect(!Origins(mixed).areInFileOrder)
        #expect(Origins().areInFileOrder)
    }

    @Test func aCopyIsAValueOfItsOwn() {
        let original = Origins(file: "lb.csv", lines: [2])
        var copy = original
        copy.append(Location(file: "ex.csv", line: 5, column: 1))
        #expect(Array(original) == [Location(file: "lb.csv", line: 2)])
        #expect(Array(copy) == [Location(file: "lb.csv", line: 2), Location(file: "ex.csv", line: 5, column: 1)])
    }
}
