import Ingest
import SDTMModel

/// Reads controlled terminology in the NCI EVS tab-delimited layout, as published:
/// Code, Codelist Code, Codelist Extensible (Yes/No), Codelist Name, CDISC Submission Value,
/// CDISC Synonym(s), CDISC Definition, NCI Preferred Term. A row with an empty Codelist Code is a codelist.
public enum TerminologyLoader {
    static let header = [
        "Code", "Codelist Code", "Codelist Extensible (Yes/No)", "Codelist Name", "CDISC Submission Value",
        "CDISC Synonym(s)", "CDISC Definition", "NCI Preferred Term",
    ]

    public static func load(path: String, file: String? = nil, version: String) throws(Diagnostic) -> Terminology {
        let name = file ?? path
        guard let data = readAll(path) else {
            throw Diagnostic(.error, "ct.file-missing", at: nil, "cannot read the terminology file \(path)",
                             hint: "check the path given with --ct, or the terminology file named in study.yaml")
        }
        return try parse(bytes: data, file: name, version: version)
    }

    public static func parse(bytes: [UInt8], file: String, version: String) throws(Diagnostic) -> Terminology {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else {
            throw Diagnostic(.error, "ct.header", at: SourceLocation(file: file, line: 1), "the terminology file is empty")
        }
        let headerFields = fields(first)
        guard headerFields == header else {
            throw Diagnostic(.error, "ct.header", at: SourceLocation(file: file, line: 1),
                             "the header is not the NCI EVS layout: found \(headerFields.joined(separator: " | "))",
                             hint: "use the tab-delimited 'SDTM Terminology.txt' as NCI EVS publishes it")
        }
        var codelists: [String: Codelist] = [:]
        var pendingTerms: [(line: Int, codelist: String, term: Term)] = []
        for (offset, raw) in lines.dropFirst().enumerated() {
            let line = offset + 2
            if raw.isEmpty { continue }
            let f = fields(raw)
            guard f.count == 8 else {
                throw Diagnostic(.error, "ct.short-row", at: SourceLocation(file: file, line: line),
                                 "the row has \(f.count) tab-separated fields; the layout has 8",
                                 hint: "the file may be truncated or re-saved by a spreadsheet; download it again")
            }
            let synonyms = f[5].split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            if f[1].isEmpty {
                codelists[f[0]] = Codelist(code: f[0], shortName: f[4], name: f[3], extensible: f[2] == "Yes", terms: [])
            } else {
                let term = Term(code: f[0], submissionValue: f[4], synonyms: synonyms, definition: f[6], preferredTerm: f[7])
                pendingTerms.append((line, f[1], term))
            }
        }
        for (line, code, term) in pendingTerms {
            guard codelists[code] != nil else {
                throw Diagnostic(.error, "ct.orphan-term", at: SourceLocation(file: file, line: line),
                                 "term \(term.code) (\(term.submissionValue)) belongs to codelist \(code), which the file does not define",
                                 hint: "add the codelist row for \(code), or use the complete published file")
            }
            codelists[code]!.terms.append(term)
        }
        return Terminology(version: version, codelists: codelists)
    }

    private static func fields(_ line: ArraySlice<UInt8>) -> [String] {
        var line = line
        if line.last == 0x0D { line = line.dropLast() }
        return line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
