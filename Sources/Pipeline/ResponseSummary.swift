import Derivation
import Export
import Foundation

/// `response-summary.json` and the printed table: per cohort, the best overall responses derived by the RECIST 1.1
/// engine and the investigator's, with ORR and DCR and their exact (Clopper-Pearson) 95% confidence intervals.
public enum ResponseSummary {
    public static let fileName = "response-summary.json"

    public static func write(_ readout: ResponseReadout, to directory: String) throws(ExportError) -> WrittenFile {
        try JSONFile.write(Document(readout), name: fileName, records: readout.subjects.count, to: directory)
    }

    /// The table `sdtm export` prints: one line per cohort and source.
    public static func table(_ readout: ResponseReadout) -> String {
        var lines = ["Response readout (RECIST 1.1, confirmed; \(ResponseReadout.population))",
                     "  cohort  source        N   CR  PR  SD  PD  NE   ORR (95% CI)          DCR (95% CI)"]
        for (derived, investigator) in zip(readout.derived, readout.investigator) {
            for (source, s) in [("derived", derived), ("investigator", investigator)] {
                let counts = [.cr, .pr, .sd, .pd, .ne].map { pad(String(s.counts[$0]! + ($0 == .sd ? s.counts[.nonCRNonPD]! : 0)), 3) }
                lines.append("  " + padRight(s.cohort, 7) + " " + padRight(source, 12) + pad(String(s.evaluable), 4) + " "
                             + counts.joined(separator: " ") + "   " + padRight(interval(s.orr), 21) + " " + interval(s.dcr))
            }
        }
        lines.append("  " + ResponseReadout.disclaimer)
        return lines.joined(separator: "\n")
    }

    private static func interval(_ p: ProportionEstimate) -> String {
        guard let proportion = p.proportion, let lower = p.lower, let upper = p.upper else { return "n/a" }
        return "\(percent(proportion)) (\(percent(lower))-\(percent(upper)))"
    }

    private static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    private static func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
    private static func padRight(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }

    private struct Document: Encodable {
        var note = ResponseReadout.disclaimer
        var population = ResponseReadout.population
        var criteria = "RECIST 1.1"
        var confirmationDays: Int
        var minimumStableDiseaseDays: Int
        var interval = "exact two-sided 95% (Clopper-Pearson)"
        var cohorts: [Cohort]
        var subjects: [Subject]

        init(_ r: ResponseReadout) {
            confirmationDays = r.rules.confirmationDays
            minimumStableDiseaseDays = r.rules.minimumSDDays
            cohorts = zip(r.derived, r.investigator).map { d, i in
                Cohort(cohort: d.cohort, name: r.cohortNames[d.cohort] ?? "", derived: Readout(d), investigator: Readout(i))
            }
            subjects = r.subjects.map {
                Subject(usubjid: $0.usubjid, cohort: $0.cohort, derived: $0.derived.response.rawValue,
                        derivedDate: $0.derived.date?.description, confirmedOn: $0.derived.confirmedOn?.description,
                        investigator: $0.investigator?.response.rawValue,
                        agree: $0.derived.response == ($0.investigator?.response ?? .ne))
            }
        }
    }

    private struct Cohort: Encodable {
        var cohort: String
        var name: String
        var derived: Readout
        var investigator: Readout
    }

    private struct Readout: Encodable {
        var evaluable: Int
        var bestOverallResponse: [String: Int]
        var orr: Proportion
        var dcr: Proportion

        init(_ s: CohortResponseSummary) {
            evaluable = s.evaluable
            bestOverallResponse = Dictionary(uniqueKeysWithValues: s.counts.map { ($0.key.rawValue, $0.value) })
            orr = Proportion(s.orr)
            dcr = Proportion(s.dcr)
        }
    }

    private struct Proportion: Encodable {
        var count: Int
        var total: Int
        var proportion: Double?
        var lower: Double?
        var upper: Double?

        init(_ p: ProportionEstimate) {
            (count, total) = (p.count, p.total)
            (proportion, lower, upper) = (p.proportion.map(round4), p.lower.map(round4), p.upper.map(round4))
        }
    }

    private struct Subject: Encodable {
        var usubjid: String
        var cohort: String
        var derived: String
        var derivedDate: String?
        var confirmedOn: String?
        /// Nil when the investigator recorded no overall response (counted as NE in the readout).
        var investigator: String?
        /// Whether the derived response equals the investigator's, NE standing for none recorded.
        var agree: Bool
    }
}

private func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
