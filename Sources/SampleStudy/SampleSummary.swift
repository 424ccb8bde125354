/// What `SampleGenerator.write` produced.
public struct SampleSummary: Sendable {
    /// File name to the number of lines written after the header (blank and duplicate lines included).
    public var files: [String: Int]
    /// Subjects screened: enrolled plus screen failures.
    public var subjects: Int
    /// Every deliberate defect, in the order written.
    public var deliberateIssues: [SampleIssue]
    /// Enrolled subject id to the true best overall response by RECIST 1.1 (`CR`, `PR`, `SD`, `PD` or `NE`), from the
    /// true measurements: CR and PR confirmed by a scan at least 28 days later, SD at least 42 days after the first
    /// dose. A planted worksheet error does not change it (a subject whose baseline is missing keeps its true one).
    public var recistTruth: [String: String] = [:]
    /// Every enrolled subject whose screening labs break a threshold of inclusion criterion 9, in the order written.
    public var eligibilityBreaches: [EligibilityBreach] = []
}

/// An enrolled subject whose screening labs break one threshold of inclusion criterion 9 on purpose.
public struct EligibilityBreach: Hashable, Sendable {
    public var subjectID: String
    /// `PLAT`, `BILI`, `AST`, `ALB` or `CRCL` (creatinine clearance by Cockcroft-Gault).
    public var criterion: String
    /// `local_labs.csv`.
    public var file: String
    /// The line of the screening result that breaks it; for `CRCL`, the creatinine.
    public var line: Int
}

/// One deliberate defect in the raw export, where a cleaning step should find it.
public struct SampleIssue: Hashable, Sendable {
    /// The file name, e.g. `adverse_events.csv`.
    public var file: String
    /// 1-based line in the file; the header is line 1.
    public var line: Int
    /// `stray-space`, `case-variation`, `date-format-mdy`, `date-format-iso`, `blank-line`, `duplicate-row`,
    /// `impossible-date`, `unknown-drug-code`, `invalid-sex-code`, `unknown-subject` or `text-grade`; in the RECIST
    /// worksheets `recist-wrong-sum` (a sum row off the lesions' sum), `recist-response-contradiction` (an overall
    /// response the measurements contradict), `recist-missing-lesion` (a target lesion's row absent at one scan; the
    /// line is that scan's sum row, field `lesion_id`, empty), `recist-node-long-axis` (a target node measured on its
    /// long axis; field `measurement`), `recist-unknown-lesion` (a lesion id never identified),
    /// `recist-non-numeric-diameter`, `recist-invalid-response` (outside the codelist) or `recist-missing-baseline`
    /// (no Screening scan; the line is the subject's first `tumor_lesions.csv` row, field `event_name`, which names
    /// the first follow-up where the lesions are identified instead). In `local_labs.csv`, on cycle rows only:
    /// `unknown-lab-test` (an extra row for a test the study does not list; field `test_name`), `unknown-lab-unit`
    /// (a unit with no conversion for its test; field `unit`), `non-numeric-lab-result` (text in `result` although
    /// `not_done` is blank) or `unparseable-range` (field `normal_high` not a number).
    public var kind: String
    /// The column that holds the defect; empty for a whole-line defect (blank line, duplicate row).
    public var field: String
    /// The text written in `field` (empty for a whole-line defect).
    public var value: String
    /// What is wrong, e.g. `sex code 7 is not in the data dictionary`.
    public var description: String
}
