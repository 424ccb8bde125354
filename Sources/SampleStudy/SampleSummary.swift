/// What `SampleGenerator.write` produced.
public struct SampleSummary: Sendable {
    /// File name to the number of lines written after the header (blank and duplicate lines included).
    public var files: [String: Int]
    /// Subjects screened: enrolled plus screen failures.
    public var subjects: Int
    /// Every deliberate defect, in the order written.
    public var deliberateIssues: [SampleIssue]
}

/// One deliberate defect in the raw export, where a cleaning step should find it.
public struct SampleIssue: Hashable, Sendable {
    /// The file name, e.g. `adverse_events.csv`.
    public var file: String
    /// 1-based line in the file; the header is line 1.
    public var line: Int
    /// `stray-space`, `case-variation`, `date-format-mdy`, `date-format-iso`, `blank-line`, `duplicate-row`,
    /// `impossible-date`, `unknown-drug-code`, `invalid-sex-code`, `unknown-subject` or `text-grade`.
    public var kind: String
    /// The column that holds the defect; empty for a whole-line defect (blank line, duplicate row).
    public var field: String
    /// The text written in `field` (empty for a whole-line defect).
    public var value: String
    /// What is wrong, e.g. `sex code 7 is not in the data dictionary`.
    public var description: String
}
