import SDTMModel

/// --DY, --STDY and --ENDY from --DTC, --STDTC and --ENDTC against the subject's RFSTDTC:
/// no day 0, and empty when either date is partial.
func deriveStudyDays(_ dataset: inout Dataset, subjects: SubjectTable) {
    guard let usubjid = dataset.column(ifPresent: "USUBJID") else { return }
    let p = dataset.prefix
    let pairs = [("DTC", "DY"), ("STDTC", "STDY"), ("ENDTC", "ENDY")].compactMap { dtc, dy in
        dataset.column(ifPresent: p + dtc).flatMap { d in dataset.column(ifPresent: p + dy).map { (d, $0) } }
    }
    guard !pairs.isEmpty else { return }
    var subject: String?
    var reference: ISODateTime?
    for i in 0..<dataset.count {
        let id = dataset[i, usubjid].text
        if id != subject { (subject, reference) = (id, subjects.date("RFSTDTC", of: id)) }
        for (dtc, dy) in pairs {
            let day = reference.flatMap { ref in ISODateTime(iso: dataset[i, dtc].text)?.studyDay(from: ref) }
            dataset[i, dy] = day.map { .number(Double($0)) } ?? .null
        }
    }
}
