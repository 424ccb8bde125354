import SDTMModel

/// One subject's place in screening: identifier, consent date and, for those who enrol, the cohort.
struct ScreeningSlot: Sendable {
    var number: Int
    var subjectID: String
    var consent: CivilDate
    /// Nil for a screen failure.
    var cohort: Cohort?
}

/// The order in which subjects consent: screen failures interleaved at random among the enrolled, cohorts
/// balanced, consent dates rising over the accrual period.
struct ScreeningSchedule: Sequence, IteratorProtocol {
    let design: SampleDesign
    /// Digits in the subject number, enough to leave room for the unknown subjects at the top of the range.
    let idWidth: Int
    private var rng: RandomSource
    private var position = 0
    private var remainingEnrolled: Int
    private var remainingFailures: Int
    private var remainingA: Int
    private var remainingB: Int

    init(design: SampleDesign) {
        self.design = design
        var width = 3
        var limit = 1000
        while limit <= design.enrolled + design.screenFailures + DirtPlan.maxUnknownSubjects(enrolled: design.enrolled) {
            width += 1
            limit *= 10
        }
        idWidth = width
        rng = RandomSource(seed: design.seed, StreamLabel.schedule)
        remainingEnrolled = design.enrolled
        remainingFailures = design.screenFailures
        remainingA = (design.enrolled + 1) / 2
        remainingB = design.enrolled / 2
    }

    var total: Int { design.enrolled + design.screenFailures }

    func subjectID(_ number: Int) -> String { design.siteID + "-" + SiteFormat.digits(number, idWidth) }

    mutating func next() -> ScreeningSlot? {
        guard position < total else { return nil }
        let number = position + 1
        let offset = Int((Double(position) + rng.unit()) * Double(design.accrualDays) / Double(total))
        let consent = design.firstConsent.adding(days: offset)
        var cohort: Cohort?
        if rng.below(remainingEnrolled + remainingFailures) < remainingEnrolled {
            remainingEnrolled -= 1
            if rng.below(remainingA + remainingB) < remainingA {
                remainingA -= 1
                cohort = .hcc
            } else {
                remainingB -= 1
                cohort = .btc
            }
        } else {
            remainingFailures -= 1
        }
        position += 1
        return ScreeningSlot(number: number, subjectID: subjectID(number), consent: consent, cohort: cohort)
    }
}

/// Labels that keep the random streams apart: each subject's truth and each subject's site printing are
/// independent of every other subject's.
enum StreamLabel {
    static let schedule: UInt64 = 1
    static let subject: UInt64 = 2
    static let site: UInt64 = 3
    static let dirtBlock: UInt64 = 4
    /// The RECIST worksheets: tumour truth, planted-error plan and placement (sub-labels 0, 1, 2).
    static let recist: UInt64 = 0x5245_4349_5354
    /// Local labs and weights: block plan, subject truth and defect placement (sub-labels 0, 1, 2).
    static let labs: UInt64 = 0x4C41_4253
}
