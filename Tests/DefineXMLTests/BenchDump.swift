import DefineXML
import Foundation
import SDTMModel
import Testing

/// TEMPORARY: timing on a big LB.
struct BenchDump {
    @Test func bigLB() throws {
        guard let n = ProcessInfo.processInfo.environment["BENCH_N"].flatMap(Int.init) else { return }
        let spec = Fixture.spec("LB")
        let names = ["STUDYID", "DOMAIN", "USUBJID", "LBSEQ", "LBGRPID", "LBREFID", "LBSPID", "LBTESTCD", "LBTEST", "LBCAT",
                     "LBSCAT", "LBORRES", "LBORRESU", "LBORNRLO", "LBORNRHI", "LBSTRESC", "LBSTRESN", "LBSTRESU", "LBSTNRLO",
                     "LBSTNRHI", "LBNRIND", "LBSTAT", "LBSPEC", "LBBLFL", "VISITNUM", "VISIT", "LBDTC", "LBDY"]
        let idx = names.map { spec.index(of: $0)! }
        let tests = (0..<40).map { ("T\($0)", "Test number \($0)") }
        var records: [Record] = []
        records.reserveCapacity(n)
        var s: UInt64 = 7
        func next(_ m: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(m)) }
        let start = ContinuousClock.now
        for r in 0..<n {
            var v = [Value](repeating: .null, count: spec.variables.count)
            let t = r % 40
            let subject = r / 800
            let num = Double(next(100000)) / 100
            let row: [Value] = [.text("TEST-01"), .text("LB"), .text("TEST-01-\(subject)"), .number(Double(r % 800 + 1)),
                                .text("G\(t % 5)"), .text("R\(r)"), .text("\(t)"), .text(tests[t].0), .text(tests[t].1), .text("CHEMISTRY"),
                                .text("SUB"), t == 39 ? .text(["NEG", "POS"][next(2)]) : .text(Value.format(num)), .text("mg/dL"), .text("1"), .text("200"),
                                t == 39 ? .text("NEG") : .text(Value.format(num)), t == 39 ? .null : .number(num), .text("mg/dL"), .number(1), .number(200),
                                .text(["NORMAL", "HIGH", "LOW"][next(3)]), next(50) == 0 ? .text("NOT DONE") : .null, .text("SERUM"), next(20) == 0 ? .text("Y") : .null,
                                .number(Double(r % 10)), .text("VISIT \(r % 10)"), .text("2025-01-\(10 + r % 9)"), .number(Double(r % 100))]
            for (i, value) in zip(idx, row) { v[i] = value }
            records.append(Record(values: v, origin: nil))
        }
        let ds = makeDataset(spec, records, perm: Array(0..<n))
        records = []
        print("BENCH built in \(ContinuousClock.now - start)")
        let input = Fixture.input(datasets: [ds])
        var t0 = ContinuousClock.now
        let xml = try DefineXML.write(input)
        print("BENCH write \(ContinuousClock.now - t0), \(xml.count) bytes")
        t0 = ContinuousClock.now
        let findings = DefineXML.check(xml, input: input)
        print("BENCH check \(ContinuousClock.now - t0), \(findings.count) findings")
        let path = ProcessInfo.processInfo.environment["DUMP_PATH"] ?? "/dev/null"
        try (String(decoding: xml, as: UTF8.self) + findings.map { "\($0.rule) \($0.line ?? -1) \($0.message)" }.joined(separator: "\n"))
            .write(toFile: path, atomically: true, encoding: .utf8)
    }
}
