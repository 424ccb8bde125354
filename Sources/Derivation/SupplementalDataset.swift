import Mapping
import SDTMModel

/// Builds SUPP-- from the supplemental values, pointing each at its parent by --SEQ
/// (IDVAR --SEQ, IDVARVAL the parent's sequence number).
func supplementalDataset(spec: DomainSpec, parent: Dataset, values: [SupplementalValue], newPosition: [Int]) -> Dataset {
    var supp = Dataset(spec: spec)
    let seqName = parent.prefix + "SEQ"
    guard let seq = parent.column(ifPresent: seqName) else { return supp }
    let (studyid, usubjid) = (parent.column("STUDYID"), parent.column("USUBJID"))
    let columns = ["STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QLABEL", "QVAL", "QORIG", "QEVAL"]
        .map(supp.column)
    let ordered = values.enumerated().sorted { (newPosition[$0.element.parent], $0.offset) < (newPosition[$1.element.parent], $1.offset) }
    for (_, value) in ordered {
        let p = parent.rows[newPosition[value.parent]]
        var record = supp.emptyRecord(origin: p.origin)
        let fields: [Value] = [
            p[studyid], .text(parent.name), p[usubjid], .text(seqName), .text(p[seq].text),
            .text(value.qnam), .text(value.qlabel), .text(value.value), .text(value.origin), .of(value.evaluator ?? ""),
        ]
        for (c, v) in zip(columns, fields) { record.values[c] = v }
        supp.append(record)
    }
    return supp
}
