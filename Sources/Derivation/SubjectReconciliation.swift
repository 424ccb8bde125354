import Ingest
import Mapping
import SDTMModel

/// Drops records of subjects who are not in DM: they go to the reject log, with their supplemental values.
func reconcileSubjects(_ domain: inout MappedDomain, subjects: SubjectTable) -> [Rejection] {
    guard let usubjid = domain.dataset.column(ifPresent: "USUBJID") else { return [] }
    var kept: [Int] = []
    var newIndex: [Int?] = []
    var rejections: [Rejection] = []
    let known = domain.dataset.columns[usubjid].distinct.map { subjects.contains($0.text) }
    // Every subject id known (each record's is among the distinct ones): every record stays.
    guard known.contains(false) else { return [] }
    let subjects = domain.dataset.columns[usubjid]
    newIndex.reserveCapacity(domain.dataset.count)
    kept.reserveCapacity(domain.dataset.count)
    for i in 0..<domain.dataset.count {
        if known[Int(subjects.codes[i])] {
            newIndex.append(kept.count)
            kept.append(i)
        } else {
            newIndex.append(nil)
            if let origin = domain.dataset.origins[i] {
                let id = subjects[i].text
                rejections.append(Rejection(
                    file: origin.file, line: origin.line, severity: .error, rule: "map.unknown-subject",
                    reason: "subject \(id) has no DM record (not in the enrolment form); correct the subject id at the site"))
            }
        }
    }
    guard kept.count < domain.dataset.count else { return rejections }
    domain.dataset.select(kept)
    domain.supplemental = domain.supplemental.compactMap { value in
        guard let parent = newIndex[value.parent] else { return nil }
        var moved = value
        moved.parent = parent
        return moved
    }
    return rejections
}
