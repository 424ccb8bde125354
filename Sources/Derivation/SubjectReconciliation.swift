import Ingest
import Mapping
import SDTMModel

/// Drops records of subjects who are not in DM: they go to the reject log, with their supplemental values.
func reconcileSubjects(_ domain: inout MappedDomain, subjects: SubjectTable) -> [Rejection] {
    guard let usubjid = domain.dataset.column(ifPresent: "USUBJID") else { return [] }
    let ids = domain.dataset.columns[usubjid]
    let known = ids.distinct.map { subjects.contains($0.text) }
    // Every subject id known (each record's is among the distinct ones): every record stays.
    guard known.contains(false) else { return [] }
    // The records of unknown subjects are few: found in one pass over the codes, the rest kept around them.
    let dropped = ids.codes.indices.filter { !known[Int(ids.codes[$0])] }
    guard !dropped.isEmpty else { return [] }
    let rejections = dropped.compactMap { i in
        domain.dataset.origins[i].map { origin in
            Rejection(file: origin.file, line: origin.line, severity: .error, rule: "map.unknown-subject",
                      reason: "subject \(ids[i].text) has no DM record (not in the enrolment form); correct the subject id at the site")
        }
    }
    var kept: [Int] = []
    kept.reserveCapacity(domain.dataset.count - dropped.count)
    var start = 0
    for i in dropped {
        kept.append(contentsOf: start..<i)
        start = i + 1
    }
    kept.append(contentsOf: start..<domain.dataset.count)
    domain.dataset.select(kept)
    /// How many dropped records come before `record` (a binary search: `dropped` is in record order).
    func droppedBefore(_ record: Int) -> Int {
        var (low, high) = (0, dropped.count)
        while low < high {
            let middle = (low + high) / 2
            if dropped[middle] < record { low = middle + 1 } else { high = middle }
        }
        return low
    }
    // A supplemental value follows its parent record, which moves up by the number of records dropped before it.
    domain.supplemental = domain.supplemental.compactMap { value in
        let before = droppedBefore(value.parent)
        guard before == dropped.count || dropped[before] != value.parent else { return nil }
        var moved = value
        moved.parent -= before
        return moved
    }
    return rejections
}
