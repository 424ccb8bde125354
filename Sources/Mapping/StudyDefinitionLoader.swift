import SDTMModel

/// Parses `mappings/<study>/study.yaml`.
public enum StudyDefinitionLoader {
    public static func parse(text: String, file: String) throws(Diagnostic) -> StudyDefinition {
        let root = try YAMLNode.load(text: text, file: file)
        let k = try root.keyed(
            ["study", "studyid", "title", "sponsor", "country", "standard", "terminology", "created", "dateFormats",
             "dataDictionary", "cycleDays", "arms", "treatments", "epochs", "visits", "unscheduled", "recist", "eligibility",
             "dictionaries"],
            required: ["study", "studyid", "standard", "terminology", "created", "dateFormats"])
        let standard = try k.required("standard").keyed(["name", "version"], required: ["name", "version"])
        let ct = try k.required("terminology").keyed(["version", "file", "extensions"], required: ["version", "file"])
        let createdNode = try k.required("created")
        let created = try createdNode.string()
        guard ISODateTime(iso: created)?.hour != nil else {
            throw createdNode.error("'created' must be an ISO 8601 date and time, e.g. 2026-11-01T00:00:00")
        }

        var arms: [StudyDefinition.Arm] = []
        for item in try k["arms"]?.list() ?? [] {
            let a = try item.keyed(["armcd", "arm", "raw"], required: ["armcd", "arm", "raw"])
            let code = try a.required("armcd").string()
            guard code.utf8.count <= 20 else { throw item.error("ARMCD '\(code)' is longer than 20 characters") }
            arms.append(.init(code: code, name: try a.required("arm").string(), raw: try a.required("raw").string()))
        }
        var treatments: [StudyDefinition.Treatment] = []
        for item in try k["treatments"]?.list() ?? [] {
            let t = try item.keyed(["name", "raw", "label", "dose", "unit"], required: ["name", "raw", "dose", "unit"])
            let name = try t.required("name").string()
            treatments.append(.init(name: name, raw: try t.required("raw").string(), label: try t["label"]?.string() ?? name,
                                    dose: try t.required("dose").double(), unit: try t.required("unit").string()))
        }
        var epochs: [StudyDefinition.Epoch] = []
        for item in try k["epochs"]?.list() ?? [] {
            let e = try item.keyed(["name", "from", "offsetDays"], required: ["name", "from"])
            let anchor = try e.required("from").string()
            guard ["RFICDTC", "RFSTDTC", "RFENDTC", "RFXSTDTC", "RFXENDTC"].contains(anchor) else {
                throw try e.required("from").error("an epoch starts at RFICDTC, RFSTDTC, RFENDTC, RFXSTDTC or RFXENDTC")
            }
            epochs.append(.init(name: try e.required("name").string(), anchor: anchor,
                                offsetDays: try e["offsetDays"]?.int() ?? 0))
        }
        var study = StudyDefinition(
            key: try k.required("study").string(), studyID: try k.required("studyid").string(),
            title: try k["title"]?.string() ?? "", sponsor: try k["sponsor"]?.string() ?? "",
            country: try k["country"]?.string() ?? "",
            standardVersion: try standard.required("version").string(),
            terminologyVersion: try ct.required("version").string(), terminologyFile: try ct.required("file").string(),
            creationDateTime: created, dateFormats: try k.required("dateFormats").strings(),
            arms: arms, treatments: treatments, epochs: epochs,
            visits: try visits(k["visits"], cycleDays: try k["cycleDays"]?.int() ?? 0),
            cycleDays: try k["cycleDays"]?.int() ?? 0, dataDictionary: try k["dataDictionary"]?.string())
        study.sponsorExtensionsFile = try ct["extensions"]?.string()
        study.unscheduledVisits = try k["unscheduled"]?.strings() ?? []
        for item in try k["dictionaries"]?.list() ?? [] {
            let d = try item.keyed(["name", "version", "href", "variables"], required: ["name", "version", "variables"])
            let variablesNode = try d.required("variables")
            let variables = try variablesNode.strings()
            guard variables.allSatisfy({ $0.split(separator: ".").count == 2 }) else {
                throw variablesNode.error("a dictionary's variables are named with their dataset, e.g. AE.AEDECOD")
            }
            study.dictionaries.append(.init(name: try d.required("name").string(), version: try d.required("version").string(),
                                            href: try d["href"]?.string(), variables: variables))
        }
        if let node = k["eligibility"] { study.eligibility = try eligibility(node) }
        if let node = k["recist"] {
            let r = try node.keyed(["confirmationDays", "minimumSDDays"], required: ["confirmationDays", "minimumSDDays"])
            study.responseCriteria = .init(confirmationDays: try r.required("confirmationDays").int(),
                                           minimumStableDiseaseDays: try r.required("minimumSDDays").int())
        }
        return study
    }

    /// `{minimumAge: 18, visit: SCREENING, labs: [{test: PLAT, atLeast: 50, unit: 10^9/L}, {test: AST, atMost: 5, unit: xULN}]}`.
    private static func eligibility(_ node: YAMLNode) throws(Diagnostic) -> StudyDefinition.Eligibility {
        let e = try node.keyed(["minimumAge", "visit", "labs"])
        var thresholds: [StudyDefinition.Eligibility.Threshold] = []
        for item in try e["labs"]?.list() ?? [] {
            let t = try item.keyed(["test", "atLeast", "atMost", "unit"], required: ["test", "unit"])
            guard let limitNode = t["atLeast"] ?? t["atMost"], (t["atLeast"] == nil) != (t["atMost"] == nil) else {
                throw item.error("a threshold has exactly one of atLeast and atMost")
            }
            let limit = try limitNode.string()
            let parts = limit.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
            else {
                throw limitNode.error("the limit '\(limit)' is not a plain decimal number", hint: "write it like 50 or 1.5")
            }
            thresholds.append(.init(test: try t.required("test").string(), atLeast: t["atLeast"] != nil, limit: limit,
                                    unit: try t.required("unit").string()))
        }
        return .init(minimumAgeYears: try e["minimumAge"]?.int(), thresholds: thresholds, visit: try e["visit"]?.string())
    }

    /// Visits are listed one by one, or as `repeat:` with `{n}` in the raw and visit names.
    /// A `repeat:` steps its planned day by `every`, or by the study's cycle length.
    private static func visits(_ node: YAMLNode?, cycleDays: Int) throws(Diagnostic) -> [StudyDefinition.Visit] {
        var visits: [StudyDefinition.Visit] = []
        for item in try node?.list() ?? [] {
            if let repeatNode = try item.keyed(["raw", "visit", "visitnum", "day", "repeat"])["repeat"] {
                let r = try repeatNode.keyed(["from", "to", "raw", "visit", "visitnum", "day", "every"],
                                             required: ["from", "to", "raw", "visit", "visitnum"])
                let from = try r.required("from").int(), to = try r.required("to").int()
                let firstNumber = try r.required("visitnum").double()
                let firstDay = try r["day"]?.int()
                let every = try r["every"]?.int() ?? cycleDays
                if firstDay != nil, every <= 0 {
                    throw repeatNode.error("a repeated visit with a planned day needs 'every:' or the study's 'cycleDays'")
                }
                let raw = try r.required("raw").string(), name = try r.required("visit").string()
                guard from <= to else { throw repeatNode.error("'from' must not be after 'to'") }
                for n in from...to {
                    visits.append(.init(raw: raw.replacingN(n), name: name.replacingN(n),
                                        number: firstNumber + Double(n - from),
                                        plannedDay: firstDay.map { $0 + (n - from) * every }))
                }
            } else {
                let v = try item.keyed(["raw", "visit", "visitnum", "day"], required: ["raw", "visit", "visitnum"])
                visits.append(.init(raw: try v.required("raw").string(), name: try v.required("visit").string(),
                                    number: try v.required("visitnum").double(), plannedDay: try v["day"]?.int()))
            }
        }
        return visits
    }
}

extension String {
    fileprivate func replacingN(_ n: Int) -> String {
        split(separator: "{n}", omittingEmptySubsequences: false).joined(separator: String(n))
    }
}
