import Export
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes synthetic raw site exports (EDC CSVs) for the sample study, subject by subject, so memory does not grow
/// with the number of subjects.
public enum SampleGenerator {
    /// Writes the raw export files into `directory` (created if missing) and returns what was written.
    ///
    /// The same design gives byte-identical files. The files are `enrollment.csv`, `drug_administration.csv`,
    /// `adverse_events.csv`, `end_of_study.csv` and `data_dictionary.csv`, and the RECIST worksheets
    /// `tumor_lesions.csv`, `tumor_measurements.csv` and `tumor_response.csv`, the local lab results
    /// `local_labs.csv` and the body weights `vital_signs.csv`.
    public static func write(_ design: SampleDesign, to directory: String) throws -> SampleSummary {
        try design.validate()
        try makeDirectory(directory)
        var schedule = ScreeningSchedule(design: design)
        let simulator = SubjectSimulator(design: design)
        var plan = DirtPlan(seed: design.seed, enrolled: design.enrolled)
        var enrollment = try EnrollmentForm(directory: directory, design: design)
        var drugs = try DrugAdministrationForm(directory: directory, design: design)
        var events = try AdverseEventForm(directory: directory, design: design, idWidth: schedule.idWidth)
        var ends = try EndOfStudyForm(directory: directory)
        var tumours = TumourSimulator(design: design)
        var recistPlan = RECISTErrorPlan(seed: design.seed, enrolled: design.enrolled)
        let worksheets = try RECISTWorksheets(directory: directory, seed: design.seed)
        var recistTruth: [String: String] = [:]
        var measurements = try MeasurementForms(directory: directory, design: design)
        var issues: [SampleIssue] = []
        var enrolledSoFar = 0
        var screened = 0
        while let slot = schedule.next() {
            let history = simulator.simulate(slot)
            var rng = RandomSource(seed: design.seed, StreamLabel.site, UInt64(slot.number))
            var orders: [DirtOrder] = []
            if history.isEnrolled {
                orders = plan.orders(forEnrolled: enrolledSoFar)
                enrolledSoFar += 1
            }
            var unapplied = try enrollment.write(history, orders: orders, rng: &rng, issues: &issues)
            unapplied += try drugs.write(history, orders: orders, rng: &rng, issues: &issues)
            unapplied += try events.write(history, orders: orders, rng: &rng, issues: &issues)
            unapplied += try ends.write(history, orders: orders, rng: &rng, issues: &issues)
            plan.passOn(unapplied)
            if let tumour = tumours.simulate(history) {
                recistTruth[history.subjectID] = tumour.best.rawValue
                recistPlan.passOn(try worksheets.write(history, tumour, offered: recistPlan.next(), issues: &issues))
            }
            try measurements.write(history, enrolledOrdinal: history.isEnrolled ? enrolledSoFar - 1 : nil,
                                   issues: &issues)
            screened += 1
        }
        var files: [String: Int] = [:]
        for file in [enrollment.file, drugs.file, events.file, ends.file] + worksheets.files + measurements.files {
            try file.close()
            files[file.form.fileName] = file.dataLines
        }
        files[DataDictionary.fileName] = try DataDictionary.write(for: design, to: directory)
        var summary = SampleSummary(files: files, subjects: screened, deliberateIssues: issues)
        summary.recistTruth = recistTruth
        summary.eligibilityBreaches = measurements.breaches
        return summary
    }

    /// Creates the directory and any missing parents.
    private static func makeDirectory(_ path: String) throws(ExportError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .cannotCreateDirectory(prefix, String(cString: strerror(errno)))
            }
            prefix += "/"
        }
    }
}
