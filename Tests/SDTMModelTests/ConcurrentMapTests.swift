import Foundation
import Testing

@testable import SDTMModel

@Suite struct ConcurrentMapTests {
    @Test func resultsComeInTheInputsOrder() {
        #expect(concurrentMap(Array(0..<100)) { $0 * $0 } == (0..<100).map { $0 * $0 })
        #expect(concurrentMap([Int]()) { $0 }.isEmpty)
    }

    @Test func workStartedHeaviestFirstStillComesBackInTheInputsOrder() {
        let weights = [3, 40, 7, 40, 1, 12]
        #expect(concurrentMap(Array(weights.indices), heaviestFirst: { weights[$0] }) { "\($0):\(weights[$0])" }
            == weights.indices.map { "\($0):\(weights[$0])" })
    }

    @Test func runsCoverEveryPositionOnceInOrder() {
        for count in [0, 1, 7, 1_000] {
            #expect(Array(concurrentRuns(of: count) { Array($0) }.joined()) == Array(0..<count))
        }
    }

    @Test func shorterRunsPerCoreStillCoverEveryPositionOnceInOrder() {
        for count in [0, 1, 7, 1_000] {
            let runs = concurrentRuns(of: count, perCore: 4) { $0 }
            #expect(Array(runs.map(Array.init).joined()) == Array(0..<count))
            #expect(runs.count <= 4 * ProcessInfo.processInfo.activeProcessorCount)
        }
    }

    @Test func nestedCallsGiveTheSameResults() {
        let nested = concurrentMap(Array(0..<4)) { i in concurrentMap(Array(0..<10)) { i * 10 + $0 } }
        #expect(nested.flatMap { $0 } == Array(0..<40))
    }

    @Test func independentPiecesOfWorkReturnEachItsOwnResult() {
        let (a, b) = concurrently({ (1...1_000).reduce(0, +) }, { "done" })
        #expect(a == 500_500 && b == "done")
        let (x, y, z) = concurrently({ 1 }, { [2.0] }, { (1...100).map(String.init).joined().count })
        #expect(x == 1 && y == [2.0] && z == 192)
        let (p, q, r, t) = concurrently({ "p" }, { 2 }, { [3] }, { (4, "t") })
        #expect(p == "p" && q == 2 && r == [3] && t == (4, "t"))
    }

    @Test func pipelinedValuesReachTheConsumerAllAndInOrder() {
        // More values than the queue holds, so that the producer waits for room; and a producer that yields nothing.
        var received: [Int] = []
        pipelined(capacity: 2, produce: { yield in for i in 0..<1_000 { yield(i) } }, consume: { received.append($0) })
        #expect(received == Array(0..<1_000))
        var none: [Int] = []
        pipelined(capacity: 4, produce: { (_: (Int) -> Void) in }, consume: { none.append($0) })
        #expect(none.isEmpty)
    }
}
