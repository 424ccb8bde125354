import SDTMModel
import Standards
import Testing
import Validation

/// Reports, as notices, what the engine shows it: `begin`, each record (with its USUBJID), and at `finish`
/// how many records it saw in that dataset.
private struct Spy: Rule {
    let descriptor = RuleDescriptor(id: "TEST.SPY", severity: .notice, reference: "test", title: "spy", explanation: "")
    var only: Set<String>?
    private var visits = 0

    init(only: Set<String>? = nil) { self.only = only }

    func applies(to view: DatasetView) -> Bool { only?.contains(view.name) ?? true }

    mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        findings.append(event(view, "begin"))
    }

    mutating func visit(_ record: Dataset.Row, number: Int, view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        visits += 1
        findings.append(event(view, "visit", record: number, value: view.column("USUBJID").map { record.values[$0].text }))
    }

    mutating func finish(_ view: DatasetView, context: inout ValidationContext, findings: inout [Finding]) {
        findings.append(event(view, "finish", value: String(visits)))
    }

    private func event(_ view: DatasetView, _ message: String, record: Int? = nil, value: String? = nil) -> Finding {
        Finding(rule: descriptor.id, severity: .notice, dataset: view.name, record: record, variable: nil, value: value, message: message)
    }
}

/// Reports, at `begin` of each dataset, the cross-dataset context it is given.
private struct ContextProbe: Rule {
    let descriptor = RuleDescriptor(id: "TEST.CONTEXT", severity: .notice, reference: "test", title: "context", explanation: "")

    mutating func begin(_ view: DatasetView, context: ValidationContext, findings: inout [Finding]) {
        let subjects = context.subjects.sorted().joined(separator: ",")
        let starts = context.referenceStart.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let parents = context.parentKeys.sorted { $0.key < $1.key }.flatMap { dataset, bySubject in
            bySubject.sorted { $0.key < $1.key }.flatMap { subject, keys in
                keys.sorted().map { "\(dataset):\(subject):" + $0.replacingOccurrences(of: "\u{1F}", with: "=") }
            }
        }.joined(separator: ",")
        findings.append(Finding(rule: descriptor.id, severity: .notice, dataset: view.name, record: nil, variable: nil, value: nil,
                                message: "subjects[\(subjects)] rfstdtc[\(starts)] parents[\(parents)] epochs[\(context.epochs?.joined(separator: ",") ?? "-")]"))
    }
}

/// Sets the study's epochs when it finishes DM: what a later dataset sees of it shows that `finish` may extend the context.
private struct ContextWriter: Rule {
    let descriptor = RuleDescriptor(id: "TEST.WRITER", severity: .notice, reference: "test", title: "writer", explanation: "")
    func applies(to view: DatasetView) -> Bool { view.name == "DM" }
    mutating func finish(_ view: DatasetView, context: inout ValidationContext, findings: inout [Finding]) {
        context.epochs = ["FROM-DM"]
    }
}

private func subjects(_ name: String, _ ids: [String]) -> DatasetView {
    view(name, ["STUDYID", "DOMAIN", "USUBJID"], ids.map { ["S1", name, $0] })
}

private func events(_ findings: [Finding], _ message: String) -> [String] {
    findings.filter { $0.message == message }.map(\.dataset)
}

@Suite struct ValidatorTests {
    @Test func dmComesFirstTUBeforeTRAndSupplementalDatasetsLast() {
        let views = ["SUPPAE", "TR", "AE", "SUPPDM", "TU", "DM", "EX", "LB"].map { subjects($0, ["S-001"]) }
        let findings = validate([Spy()], views)
        #expect(events(findings, "begin") == ["DM", "TU", "AE", "EX", "LB", "TR", "SUPPAE", "SUPPDM"])
    }

    @Test func eachRecordIsVisitedOnceInOrderBetweenBeginAndFinish() {
        let findings = validate([Spy()], [subjects("AE", ["S-001", "S-002", "S-003"]), subjects("DM", ["S-001", "S-002"])])
        #expect(findings.map { "\($0.dataset) \($0.message) \($0.record.map(String.init) ?? "-") \($0.value ?? "-")" } == [
            "DM begin - -", "DM visit 1 S-001", "DM visit 2 S-002", "DM finish - 2",
            "AE begin - -", "AE visit 1 S-001", "AE visit 2 S-002", "AE visit 3 S-003", "AE finish - 3",
        ])
    }

    @Test func findingsOfSeveralRulesComeRecordByRecordAcrossBlocksOfRecords() {
        // 2,500 records: the engine shows each rule blocks of records, and puts the findings back in record order.
        let ids = (1...2_500).map { String(format: "S-%04d", $0) }
        let findings = validate([Spy(only: ["AE"]), Spy(only: ["AE"])], [subjects("AE", ids)]).filter { $0.message == "visit" }
        #expect(findings.map(\.record) == ids.indices.flatMap { [$0 + 1, $0 + 1] })
        #expect(findings.map(\.value) == ids.flatMap { [$0, $0] })
    }

    @Test func anEmptyDatasetIsBegunAndFinished() {
        let findings = validate([Spy()], [subjects("AE", [])])
        #expect(findings.map(\.message) == ["begin", "finish"])
        #expect(findings.last?.value == "0")
    }

    @Test func aRuleSeesOnlyTheDatasetsItAppliesTo() {
        let findings = validate([Spy(only: ["AE"])], [subjects("DM", ["S-001"]), subjects("AE", ["S-001"]), subjects("EX", ["S-001"])])
        #expect(Set(findings.map(\.dataset)) == ["AE"])
        #expect(findings.map(\.message) == ["begin", "visit", "finish"])
    }

    @Test func ruleStateDoesNotLeakBetweenDatasets() {
        let findings = validate([Spy()], [subjects("AE", ["S-001", "S-002", "S-003"]), subjects("EX", ["S-001", "S-002"])])
        #expect(findings.filter { $0.message == "finish" }.map { "\($0.dataset)=\($0.value ?? "")" } == ["AE=3", "EX=2"])
    }

    @Test func sequenceNumbersOfDifferentDatasetsDoNotCollide() {
        let ae = view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AESEQ"], [["S1", "AE", "S-001", "1"]])
        let ex = view("EX", ["STUDYID", "DOMAIN", "USUBJID", "EXSEQ"], [["S1", "EX", "S-001", "1"]])
        let supp = view("SUPPAE", ["STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM"], [["S1", "AE", "S-001", "AESEQ", "1", "AEREL1"]])
        #expect(validate([SequenceUniqueWithinSubject(), KeysUnique(), OneDMRecordPerSubject()], [ae, ex, supp, dm([("S-001", "")])]).isEmpty)
    }

    @Test func laterDatasetsSeeDMsSubjectsAndReferenceStarts() {
        let findings = validate([ContextProbe()], [subjects("AE", ["S-001"]), dm([("S-001", "2025-03-10"), ("S-002", "")])])
        #expect(findings.map { "\($0.dataset) \($0.message)" } == [
            "DM subjects[] rfstdtc[] parents[] epochs[-]",
            "AE subjects[S-001,S-002] rfstdtc[S-001=2025-03-10] parents[] epochs[-]",
        ])
    }

    @Test func supplementalDatasetsAndTRSeeTheirParentsKeys() {
        let ae = view("AE", ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AEGRPID", "AEREFID", "AESPID", "AETERM"],
                      [["S1", "AE", "S-001", "1", "G1", "R1", "SP1", "Rash"], ["S1", "AE", "S-001", "2", "", "", "", "Fever"]])
        let tu = view("TU", ["STUDYID", "DOMAIN", "USUBJID", "TUSEQ", "TULNKID"], [["S1", "TU", "S-002", "1", "T01"]])
        let findings = validate([ContextProbe()], [subjects("SUPPAE", ["S-001"]), subjects("TR", ["S-002"]), ae, tu])
        let parents = "parents[AE:S-001:AEGRPID=G1,AE:S-001:AEREFID=R1,AE:S-001:AESEQ=1,AE:S-001:AESEQ=2,AE:S-001:AESPID=SP1,"
            + "TU:S-002:TULNKID=T01,TU:S-002:TUSEQ=1]"
        #expect(findings.map { "\($0.dataset) \($0.message)" } == [
            "TU subjects[] rfstdtc[] parents[] epochs[-]",
            "AE subjects[] rfstdtc[] parents[TU:S-002:TULNKID=T01,TU:S-002:TUSEQ=1] epochs[-]",
            "TR subjects[] rfstdtc[] " + parents + " epochs[-]",
            "SUPPAE subjects[] rfstdtc[] " + parents + " epochs[-]",
        ])
    }

    @Test func theGivenContextReachesEveryDatasetAndFinishMayExtendIt() {
        let given = validate([ContextProbe()], [subjects("AE", ["S-001"])], context: ValidationContext(epochs: ["SCREENING"]))
        #expect(given.map(\.message) == ["subjects[] rfstdtc[] parents[] epochs[SCREENING]"])
        let written = validate([ContextWriter(), ContextProbe()], [subjects("AE", ["S-001"]), dm([("S-001", "")])])
        #expect(written.map { "\($0.dataset) \($0.message)" } == [
            "DM subjects[] rfstdtc[] parents[] epochs[-]",
            "AE subjects[S-001] rfstdtc[] parents[] epochs[FROM-DM]",
        ])
    }

    @Test func theReportCountsRecordsAndSeverities() {
        let report = Validator(rules: [Spy(), SubjectInDM()]).validate([subjects("AE", ["S-001", "S-009"]), dm([("S-001", "")])])
        #expect(report.rules.map(\.id) == ["TEST.SPY", "SDTM.USUBJID.NOT-IN-DM"])
        #expect(report.datasets == ["DM": 1, "AE": 2])
        #expect(report.count(.error) == 1)
        #expect(report.count(.notice) == 7)
        #expect(report.count(.warning) == 0)
        #expect(report.hasErrors)
        #expect(!Validator(rules: [Spy()]).validate([dm([("S-001", "")])]).hasErrors)
    }

    /// Each rule of the standard set has its suite in this target; a new rule needs one (issue 8).
    @Test func everyStandardRuleIsTested() {
        let tested: Set<String> = [
            "SDTM.VAR.REQ-MISSING", "SDTM.VAR.REQ-NULL", "SDTM.VAR.EXP-MISSING",
            "SDTM.VAR.UNKNOWN", "SDTM.VAR.LABEL", "SDTM.VAR.TYPE", "SDTM.VAR.ORDER",
            "XPT.NAME-LENGTH", "XPT.LABEL-LENGTH", "XPT.VALUE-LENGTH",
            "SDTM.DTC.ISO8601", "SDTM.DTC.START-AFTER-END", "SDTM.DM.RFSTDTC-AFTER-RFENDTC",
            "SDTM.SEQ.DUPLICATE", "SDTM.KEYS.DUPLICATE",
            "SDTM.DM.ONE-PER-SUBJECT", "SDTM.USUBJID.NOT-IN-DM", "SDTM.DY.INCONSISTENT", "SDTM.EPOCH.UNKNOWN",
            "SDTM.DM.DTHFL", "SDTM.TIMELINE.AFTER-DEATH", "SDTM.TIMELINE.BEFORE-CONSENT", "SDTM.TIMELINE.AFTER-RFPENDTC",
            "SDTM.AE.SERIOUS-CRITERION", "SDTM.AE.TOXGR-RANGE", "SDTM.EX.DOSE-UNIT",
            "SDTM.FINDINGS.STRESN", "SDTM.FINDINGS.BASELINE-TWICE", "SDTM.SUPP.PARENT", "SDTM.TR.LINK",
            "CT.VALUE",
        ]
        let ids = Validator.standardRules.map(\.descriptor.id)
        #expect(ids.count == Set(ids).count, "rule ids are unique")
        #expect(Set(ids) == tested)
    }

    @Test func aConformantPackageHasNoFindings() throws {
        let dmColumns = sdtmig.domain("DM")!.variables.filter { $0.core != .permissible }.map(\.name) + ["DMDTC"]
        let dm = view("DM", dmColumns, [
            row(dmColumns, ["STUDYID": "S1", "DOMAIN": "DM", "USUBJID": "S-001", "SUBJID": "001", "RFSTDTC": "2025-03-10",
                            "RFENDTC": "2025-06-01", "RFXSTDTC": "2025-03-10", "RFXENDTC": "2025-05-20", "RFICDTC": "2025-03-01",
                            "RFPENDTC": "2025-06-01", "SITEID": "01", "AGE": "64", "AGEU": "YEARS", "SEX": "F", "RACE": "ASIAN",
                            "ARMCD": "A", "ARM": "Drug A", "ACTARMCD": "A", "ACTARM": "Drug A", "COUNTRY": "CHN", "DMDTC": "2025-03-01"]),
        ])
        let aeColumns = sdtmig.domain("AE")!.variables.filter { $0.core != .permissible || ["EPOCH", "AESTDY", "AESHOSP"].contains($0.name) }
            .map(\.name)
        let ae = view("AE", aeColumns, [
            row(aeColumns, ["STUDYID": "S1", "DOMAIN": "AE", "USUBJID": "S-001", "AESEQ": "1", "AETERM": "Rash",
                            "AEDECOD": "Rash", "AESER": "Y", "AESHOSP": "Y", "EPOCH": "TREATMENT",
                            "AESTDTC": "2025-03-12", "AEENDTC": "2025-03-20", "AESTDY": "3"]),
        ])
        let supp = view("SUPPAE", sdtmig.domain("SUPPAE")!.variables.map(\.name), [
            ["S1", "AE", "S-001", "AESEQ", "1", "AEREL1", "Relationship to Drug A", "RELATED", "CRF", "INVESTIGATOR"],
        ])
        let terminology = try TerminologyLoader.load(path: packageRoot + "/specs/ct/sdtm-ct-2025-03-28.txt", version: "2025-03-28")
        let context = ValidationContext(epochs: ["SCREENING", "TREATMENT", "FOLLOW-UP"], terminology: terminology)
        #expect(Validator().validate([supp, ae, dm], context: context).findings.spots == [])
    }
}
