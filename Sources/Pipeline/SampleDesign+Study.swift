import SampleStudy
import SDTMModel

extension SampleDesign {
    public static let defaultEnrolled = 64
    public static let defaultSeed: UInt64 = 20_250_218

    /// A design whose treatments and cycle length come from the study definition.
    public init(study: StudyDefinition, enrolled: Int = defaultEnrolled, seed: UInt64 = defaultSeed) {
        self.init(
            enrolled: enrolled, seed: seed, cycleDays: study.cycleDays > 0 ? study.cycleDays : 21,
            treatments: study.treatments.map { Treatment(name: $0.label, code: $0.raw, dose: $0.dose, unit: $0.unit) })
    }
}
