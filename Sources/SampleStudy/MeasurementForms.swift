/// `local_labs.csv` and `vital_signs.csv`, simulated, planned and spoiled on the `labs` stream only, so that adding
/// them leaves every other file as it was.
struct MeasurementForms {
    private let seed: UInt64
    private let simulator: MeasurementSimulator
    private var plan: LabPlan
    private var labs: LocalLabsForm
    private var vitals: VitalSignsForm
    /// Every planted eligibility breach, in the order written.
    private(set) var breaches: [EligibilityBreach] = []

    init(directory: String, design: SampleDesign) throws {
        seed = design.seed
        simulator = MeasurementSimulator(design: design)
        plan = LabPlan(seed: design.seed, enrolled: design.enrolled)
        labs = try LocalLabsForm(directory: directory)
        vitals = try VitalSignsForm(directory: directory)
    }

    var files: [FormFile] { [labs.file, vitals.file] }

    /// Writes one screened subject's labs and weights; `enrolledOrdinal` is its 0-based place among the enrolled,
    /// nil for a screen failure.
    mutating func write(_ history: SubjectHistory, enrolledOrdinal: Int?, issues: inout [SampleIssue]) throws {
        var h = history
        var breach: EligibilityThreshold?
        var orders: [DirtOrder] = []
        if let enrolledOrdinal { (breach, orders) = plan.assignment(forEnrolled: enrolledOrdinal) }
        h.measurements = simulator.simulate(h, breach: breach)
        var rng = RandomSource(seed: seed, StreamLabel.labs, 2, UInt64(h.number))
        let firstLine = labs.file.lines + 1
        plan.passOn(try labs.write(h, orders: orders, rng: &rng, issues: &issues))
        _ = try vitals.write(h, orders: [], rng: &rng, issues: &issues)
        if let breach, let row = LocalLabsForm.screeningRow(of: breach.test, in: h.measurements) {
            breaches.append(EligibilityBreach(subjectID: h.subjectID, criterion: breach.rawValue,
                                              file: SiteForm.localLabs.fileName, line: firstLine + row))
        }
    }
}
