import DefineXML
import Foundation
import SDTMModel
import Testing

/// TEMPORARY: dumps define.xml and findings for old/new comparison.
struct CompareDump {
    struct RNG { var s: UInt64; mutating func next(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(n)) } }

    func lb(_ rng: inout RNG, count: Int) -> [Record] {
        let spec = Fixture.spec("LB")
        let tests = [("ALT", "Alanine Aminotransferase"), ("AST", "Aspartate Aminotransferase"), ("GLUC", "Glucose"),
                     ("1", "One"), ("", "Empty"), ("COLOR", "Color"), ("HGB", "Hemoglobin")]
        var out: [Record] = []
        for r in 0..<count {
            var rec = Record(values: Array(repeating: .null, count: spec.variables.count), origin: nil)
            func set(_ n: String, _ v: Value) { rec.values[spec.index(of: n)!] = v }
            set("STUDYID", .text("TEST-01")); set("DOMAIN", .text("LB"))
            set("USUBJID", .text("TEST-01-00\(rng.next(5))")); set("LBSEQ", .number(Double(r + 1)))
            let t = rng.next(tests.count + 1)
            if t < tests.count {
                let (cd, name) = tests[t]
                set("LBTESTCD", cd == "1" ? (rng.next(2) == 0 ? .number(1) : .text("1")) : cd == "" ? .text("") : .text(cd))
                if rng.next(5) > 0 { set("LBTEST", .text(name + (rng.next(10) == 0 ? " X" : ""))) }
                switch rng.next(6) {
                case 0: break
                case 1: set("LBORRES", .text(["NEG", "POS", "TRACE"][rng.next(3)]))
                case 2: set("LBORRES", .number(Double(rng.next(1000)) / 10))
                default: set("LBORRES", .text("\(rng.next(300)).\(rng.next(100))"))
                }
                if rng.next(3) > 0 { set("LBSTRESN", .number(Double(rng.next(100000)) / 100)); set("LBSTRESC", .text("\(rng.next(99))")) }
                if cd == "COLOR" { set("LBSTRESC", .text(["YELLOW", "RED", "AMBER"][rng.next(3)])) }
                set("LBORRESU", .text(["mg/dL", "U/L", "g/L"][rng.next(3)]))
                set("LBSTRESU", .text(["mg/dL", "U/L", "g/L", "XYZ"][rng.next(4)]))
                set("LBNRIND", .text(["NORMAL", "HIGH", "LOW", "ODD"][rng.next(4)]))
            }
            set("VISITNUM", .number(Double(rng.next(4))))
            set("LBDTC", .text("2025-01-\(10 + rng.next(9))"))
            out.append(rec)
        }
        return out
    }

    func dump(_ xml: [UInt8], _ findings: [DefineFinding]) -> String {
        String(decoding: xml, as: UTF8.self) + "\n----\n"
            + findings.map { "\($0.severity) \($0.rule) \($0.line ?? -1) \($0.message) \($0.hint ?? "")" }.joined(separator: "\n")
    }

    @Test func dumpForComparison() throws {
        guard let path = ProcessInfo.processInfo.environment["DUMP_PATH"] else { return }
        var out = ""
        for seed in 1...6 {
            var rng = RNG(s: UInt64(seed))
            var datasets = Fixture.datasets()
            let perm = Array((0..<400).map { _ in rng.next(1000) }.enumerated().sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0))
            datasets.append(makeDataset(Fixture.spec("LB"), lb(&rng, count: 400), perm: seed.isMultiple(of: 2) ? perm : Array(0..<400)))
            var input = Fixture.input(datasets: datasets)
            input.valueLevel.append(ValueLevelRule(dataset: "EX", variables: ["EXDOSE"], key: "EXTRT", label: nil))
            var findings: [DefineFinding] = []
            let xml = try DefineXML.write(input, findings: &findings)
            out += "=== seed \(seed) write\n" + dump(xml, findings)
            out += "\n=== check same\n" + dump([], DefineXML.check(xml, input: input))
            // Mutated data.
            var changed = datasets
            for k in 0..<200 {
                let d = k.isMultiple(of: 2) ? 4 : rng.next(changed.count)
                guard changed[d].count > 0 else { continue }
                let row = rng.next(changed[d].count)
                let lbColumns = ["LBTESTCD", "LBTEST", "LBORRES", "LBSTRESC", "LBSTRESN", "LBNRIND"].map { changed[4].spec.index(of: $0)! }
                let col = d == 4 && rng.next(3) > 0 ? lbColumns[rng.next(lbColumns.count)] : rng.next(changed[d].spec.variables.count)
                let choices: [Value] = [.null, .text("ZZZ"), .number(12345.678), .text("1"), .number(1), .text("Nausea"), .text("AEXTRA"), .text("GLUC")]
                setValue(&changed[d], row, col, choices[rng.next(choices.count)])
            }
            var changedInput = Fixture.input(datasets: changed)
            changedInput.valueLevel = input.valueLevel
            out += "\n=== check changed\n" + dump([], DefineXML.check(xml, input: changedInput))
            // Where-clause variants.
            var text = String(decoding: xml, as: UTF8.self)
            func edit(after marker: String, _ a: String, _ b: String) {
                guard let m = text.range(of: marker), let r = text.range(of: a, range: m.upperBound..<text.endIndex) else { return }
                text.replaceSubrange(r, with: b)
            }
            edit(after: "WC.LB.LBTESTCD.ALT\"", "Comparator=\"EQ\"", "Comparator=\"NE\"")
            edit(after: "WC.LB.LBTESTCD.GLUC\"", "Comparator=\"EQ\"", "Comparator=\"IN\"")
            edit(after: "WC.LB.LBTESTCD.GLUC\"", "<CheckValue>GLUC</CheckValue>", "<CheckValue>GLUC</CheckValue><CheckValue>1</CheckValue><CheckValue></CheckValue>")
            edit(after: "WC.LB.LBTESTCD.GLUC\"", "</RangeCheck>", "</RangeCheck><RangeCheck SoftHard=\"Soft\" def:ItemOID=\"IT.LB.LBNRIND\" Comparator=\"NOTIN\"><CheckValue>ODD</CheckValue></RangeCheck><RangeCheck SoftHard=\"Soft\" def:ItemOID=\"IT.LB.USUBJID\" Comparator=\"IN\"><CheckValue>TEST-01-001</CheckValue><CheckValue>TEST-01-003</CheckValue></RangeCheck>")
            edit(after: "WC.LB.LBTESTCD.HGB\"", "<RangeCheck", "<RangeCheck SoftHard=\"Soft\" def:ItemOID=\"IT.LB.LBNRIND\" Comparator=\"NE\"><CheckValue>HIGH</CheckValue></RangeCheck><RangeCheck")
            out += "\n=== check variant \(text.count)\n" + dump([], DefineXML.check(Array(text.utf8), input: changedInput))
            out += "\n=== check variant same\n" + dump([], DefineXML.check(Array(text.utf8), input: input))
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
