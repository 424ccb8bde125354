import DefineXML
import SDTMModel
import Testing

/// Each element family of define.xml, on the fixture study (DM, EX, AE and SUPPAE).
@Suite struct ElementTests {
    let mdv = Fixture.metaDataVersion

    @Test func rootCarriesTheDefineNamespacesAndFileAttributes() {
        let odm = Fixture.document
        #expect(odm.name == "ODM")
        #expect(odm["xmlns"] == "http://www.cdisc.org/ns/odm/v1.3")
        #expect(odm["xmlns:def"] == "http://www.cdisc.org/ns/def/v2.1")
        #expect(odm["xmlns:xlink"] == "http://www.w3.org/1999/xlink")
        #expect(odm["ODMVersion"] == "1.3.2")
        #expect(odm["FileType"] == "Snapshot")
        #expect(odm["FileOID"] == "DEF.TEST-01.SDTM")
        #expect(odm["CreationDateTime"] == "2026-01-01T00:00:00")
        #expect(odm["def:Context"] == "Submission")
        #expect(odm["Originator"] == "Test Sponsor")
        #expect(odm["SourceSystem"] == "sdtm")
        #expect(odm["SourceSystemVersion"] == nil)
        #expect(Fixture.xml.text.hasPrefix("""
            <?xml version="1.0" encoding="UTF-8"?>
            <?xml-stylesheet type="text/xsl" href="define2-1.xsl"?>
            <ODM xmlns="http://www.cdisc.org/ns/odm/v1.3"
            """))
    }

    @Test func creationDateTimeOfABareDateIsMidnight() {
        var input = Fixture.input()
        input.study.creationDateTime = "2026-03-04"
        #expect(Fixture.parse(Fixture.write(input))["CreationDateTime"] == "2026-03-04T00:00:00")
    }

    @Test func noStylesheetMeansNoProcessingInstruction() {
        let xml = Fixture.write(Fixture.input(stylesheet: nil)).text
        #expect(!xml.contains("xml-stylesheet"))
    }

    @Test func studyAndMetaDataVersionComeFromTheStudyDefinition() {
        let study = Fixture.document.children("Study")[0]
        #expect(study["OID"] == "STDY.TEST-01")
        let globals = study.child("GlobalVariables")
        #expect(globals?.child("StudyName")?.text == "TEST-01")
        #expect(globals?.child("StudyDescription")?.text == "A test study of drug A")
        #expect(globals?.child("ProtocolName")?.text == "TEST-01")
        #expect(mdv["OID"] == "MDV.1")
        #expect(mdv["def:DefineVersion"] == "2.1.0")
        #expect(mdv["Name"]?.isEmpty == false)
    }

    @Test func standardsNameTheImplementationGuideAndTheTerminologyRelease() throws {
        let standards = try #require(mdv.child("def:Standards")).children("def:Standard")
        #expect(standards.count == 2)
        let ig = standards[0], ct = standards[1]
        #expect([ig["Name"], ig["Type"], ig["Version"], ig["Status"]] == ["SDTMIG", "IG", "3.4", "Final"])
        #expect([ct["Name"], ct["Type"], ct["PublishingSet"], ct["Version"]] == ["CDISC/NCI", "CT", "SDTM", "2025-03-28"])
        for group in mdv.children("ItemGroupDef") { #expect(group["def:StandardOID"] == ig["OID"]) }
        for list in mdv.children("CodeList") where list["def:StandardOID"] != nil { #expect(list["def:StandardOID"] == ct["OID"]) }
    }

    @Test func oneItemGroupPerDatasetInPackageOrder() throws {
        let groups = mdv.children("ItemGroupDef")
        #expect(groups.map { $0["Name"] } == ["DM", "EX", "AE", "SUPPAE"])
        #expect(groups.map { $0["OID"] } == ["IG.DM", "IG.EX", "IG.AE", "IG.SUPPAE"])
        #expect(groups.map { $0["Repeating"] } == ["No", "Yes", "Yes", "Yes"])
        #expect(groups.map { $0["Domain"] } == ["DM", "EX", "AE", "AE"])
        #expect(groups.allSatisfy { $0["Purpose"] == "Tabulation" && $0["IsReferenceData"] == "No" })
        #expect(groups.map { $0["SASDatasetName"] } == ["DM", "EX", "AE", "SUPPAE"])
        #expect(groups.map { $0.child("def:Class")?["Name"] } == ["SPECIAL PURPOSE", "INTERVENTIONS", "EVENTS", "RELATIONSHIP"])
        let ae = groups[2]
        #expect(ae["def:Structure"] == "One record per adverse event per subject")
        #expect(ae.translatedText() == "Adverse Events")
        let suppae = groups[3]
        #expect(suppae.child("Alias")?["Context"] == "DomainDescription")
        #expect(suppae.child("Alias")?["Name"] == "Adverse Events")
        #expect(suppae.translatedText() == Fixture.spec("SUPPAE").label)
    }

    @Test func eachItemGroupPointsToItsDatasetFileThroughALeaf() throws {
        for group in mdv.children("ItemGroupDef") {
            let leaf = try #require(group.child("def:leaf"))
            let file = (group["Name"] ?? "").lowercased() + ".xpt"
            #expect(group["def:ArchiveLocationID"] == leaf["ID"])
            #expect(leaf["xlink:href"] == file)
            #expect(leaf.child("def:title")?.text == file)
        }
    }

    @Test func itemRefsFollowTheColumnsWithMandatoryKeysAndMethods() throws {
        let ae = try #require(mdv.element("ItemGroupDef", "Name", "AE"))
        let refs = ae.children("ItemRef")
        let columns = ColumnMetadata.of(Fixture.datasets()[2])
        #expect(refs.map { $0["ItemOID"] } == columns.map(\.oid))
        #expect(refs.map { $0["OrderNumber"] } == columns.indices.map { String($0 + 1) })
        let byOID = Dictionary(uniqueKeysWithValues: refs.map { ($0["ItemOID"] ?? "", $0) })
        #expect(byOID["IT.AE.STUDYID"]?["Mandatory"] == "Yes")
        #expect(byOID["IT.AE.AETERM"]?["Mandatory"] == "Yes")
        #expect(byOID["IT.AE.AESTDTC"]?["Mandatory"] == "No")
        #expect(byOID["IT.AE.STUDYID"]?["KeySequence"] == "1")
        #expect(byOID["IT.AE.USUBJID"]?["KeySequence"] == "2")
        #expect(byOID["IT.AE.AEDECOD"]?["KeySequence"] == "3")
        #expect(byOID["IT.AE.AESTDTC"]?["KeySequence"] == "4")
        #expect(byOID["IT.AE.AETERM"]?["KeySequence"] == nil)
        #expect(byOID["IT.AE.AESEQ"]?["MethodOID"] == "MT.SEQ")
        #expect(byOID["IT.AE.AESTDY"]?["MethodOID"] == "MT.DY")
        #expect(byOID["IT.AE.EPOCH"]?["MethodOID"] == "MT.EPOCH")
        #expect(byOID["IT.AE.AEREL"]?["MethodOID"] == "MT.AE.AEREL")
        #expect(byOID["IT.AE.AETERM"]?["MethodOID"] == nil)
        #expect(byOID["IT.AE.AETERM"]?["Role"] == "Topic")
        // An expected variable with no value in any record.
        #expect(byOID["IT.AE.AELLT"]?["def:HasNoData"] == "Yes")
        #expect(byOID["IT.AE.AETERM"]?["def:HasNoData"] == nil)
    }

    @Test func itemDefsGiveTypeLengthAndDigitsFromTheData() throws {
        func item(_ oid: String) throws -> DefineNode { try #require(mdv.element("ItemDef", "OID", oid)) }
        let subjid = try item("IT.DM.SUBJID")
        #expect([subjid["Name"], subjid["DataType"], subjid["Length"], subjid["SASFieldName"]] == ["SUBJID", "text", "3", "SUBJID"])
        #expect(subjid.translatedText() == "Subject Identifier for the Study")
        let age = try item("IT.DM.AGE")
        #expect([age["DataType"], age["Length"], age["SignificantDigits"]] == ["integer", "2", nil])
        let dose = try item("IT.EX.EXDOSE")
        #expect([dose["DataType"], dose["Length"], dose["SignificantDigits"]] == ["float", "3", "1"])
        let start = try item("IT.EX.EXSTDTC")
        #expect(start["DataType"] == "datetime")
        #expect(start["Length"] == nil)
        #expect(try item("IT.DM.RFSTDTC")["DataType"] == "date")
        #expect(try item("IT.AE.AESTDTC")["DataType"] == "partialDate")
        #expect(try item("IT.AE.AETERM")["Length"] == "19")
    }

    @Test func originsFollowTheMappings() throws {
        func origin(_ oid: String) throws -> DefineNode { try #require(mdv.element("ItemDef", "OID", oid)?.child("def:Origin")) }
        let subjid = try origin("IT.DM.SUBJID")
        #expect([subjid["Type"], subjid["Source"]] == ["Collected", "Investigator"])
        #expect(subjid.translatedText() == "From enrollment.csv.subject_id")
        let sex = try origin("IT.DM.SEX")
        #expect(sex["Type"] == "Collected")
        #expect(sex.translatedText()?.contains("enrollment.csv.sex") == true)
        let dthdtc = try #require(mdv.element("ItemDef", "OID", "IT.DM.RFPENDTC"))
        #expect(dthdtc.child("def:Origin")?["Type"] == "Derived")
        let domain = try origin("IT.AE.DOMAIN")
        #expect([domain["Type"], domain["Source"]] == ["Assigned", "Sponsor"])
        #expect(domain.translatedText() == "The constant \"AE\"")
        #expect(try origin("IT.AE.STUDYID")["Type"] == "Protocol")
        #expect(try origin("IT.EX.EXTRT").translatedText() == "From the name of the study treatment that drug_administration.csv.drug selects")
        let usubjid = try origin("IT.AE.USUBJID")
        #expect([usubjid["Type"], usubjid["Source"]] == ["Derived", "Sponsor"])
        // A joined file's column is named by its file.
        let method = try #require(mdv.element("MethodDef", "OID", "MT.RFPENDTC"))
        #expect(method.translatedText()?.contains("end_of_study.csv.last_contact_date") == true)
        // Values copied from the parent dataset.
        let predecessor = try origin("IT.SUPPAE.USUBJID")
        #expect(predecessor["Type"] == "Predecessor")
        #expect(predecessor.translatedText() == "AE.USUBJID")
        #expect(try origin("IT.SUPPAE.IDVARVAL").translatedText() == "AE.AESEQ")
        #expect(try origin("IT.SUPPAE.QNAM")["Type"] == "Assigned")
        // QVAL is described value by value.
        let qval = try #require(mdv.element("ItemDef", "OID", "IT.SUPPAE.QVAL"))
        #expect(qval.child("def:Origin") == nil)
        #expect(qval.child("def:ValueListRef")?["ValueListOID"] == "VL.SUPPAE.QVAL")
    }

    @Test func derivedVariablesHaveAMethodAReviewerCanRead() throws {
        func method(_ oid: String) throws -> DefineNode { try #require(mdv.element("MethodDef", "OID", oid)) }
        let all = mdv.children("MethodDef")
        #expect(all.allSatisfy { $0["Type"] == "Computation" && !($0.translatedText() ?? "").isEmpty })
        let seq = try method("MT.SEQ").translatedText() ?? ""
        #expect(seq.contains("EX by USUBJID, EXSTDTC, EXTRT; AE by USUBJID, AESTDTC, AETERM"))
        #expect(try method("MT.DY").translatedText()?.contains("RFSTDTC + 1") == true)
        let epoch = try method("MT.EPOCH").translatedText() ?? ""
        #expect(epoch.contains("SCREENING from DM.RFICDTC"))
        #expect(epoch.contains("FOLLOW-UP from DM.RFXENDTC + 21 days"))
        #expect(try method("MT.AGE").translatedText()?.contains("enrollment.csv.age") == true)
        #expect(try method("MT.RFXSTDTC").translatedText()?.contains("EX.EXSTDTC") == true)
        #expect(try method("MT.ARMNRS").translatedText()?.contains("\"SCREEN FAILURE\" when enrollment.csv.eligible = \"0\"") == true)
        #expect(try method("MT.ACTARM").translatedText()?.contains("ACTARMCD and ACTARM equal ARMCD and ARM") == true)
        let usubjid = try method("MT.AE.USUBJID").translatedText() ?? ""
        #expect(usubjid.hasPrefix("USUBJID = the study identifier (study.yaml studyid), \"-\" and adverse_events.csv.subject_id joined"))
        let rel = try method("MT.AE.AEREL").translatedText() ?? ""
        #expect(rel.contains("\"RELATED\" when adverse_events.csv.rel_drug is one of \"3\", \"4\", \"5\""))
        // Every method is used, and every MethodOID is defined.
        let used = Set(mdv.descendants("ItemRef").compactMap { $0["MethodOID"] })
        #expect(Set(all.compactMap { $0["OID"] }) == used)
    }

    @Test func codeListsHoldTheValuesUsedWithTheirNCICodes() throws {
        func list(_ oid: String) throws -> DefineNode { try #require(mdv.element("CodeList", "OID", oid)) }
        // SEX decodes (F is Female): CodeListItem with Decode, restricted to F and M.
        let sex = try list("CL.SEX")
        #expect(sex["Name"] == "Sex")
        #expect(sex["DataType"] == "text")
        #expect(sex.children("CodeListItem").map { $0["CodedValue"] } == ["F", "M"])
        #expect(sex.children("CodeListItem").map { $0.translatedText("Decode") } == ["Female", "Male"])
        #expect(sex.children("CodeListItem").map { $0.child("Alias")?["Name"] } == ["C16576", "C20197"])
        #expect(sex.child("Alias")?["Context"] == "nci:ExtCodeID")
        #expect(sex.children("Alias").last?["Name"] == "C66731")
        // RACE's values are their own decodes: EnumeratedItem.
        let race = try list("CL.RACE")
        #expect(race.children("CodeListItem").isEmpty)
        #expect(race.children("EnumeratedItem").map { $0["CodedValue"] } == ["ASIAN", "WHITE"])
        #expect(race.children("EnumeratedItem").map { $0.child("Alias")?["Name"] } == ["C41260", "C41261"])
        // A value outside the codelist is a sponsor extension.
        let acn = try list("CL.ACN")
        let multiple = try #require(acn.descendants("EnumeratedItem").first { $0["CodedValue"] == "MULTIPLE" })
        #expect(multiple["def:ExtendedValue"] == "Yes")
        #expect(multiple.child("Alias") == nil)
        #expect(acn["def:CommentOID"] == "COM.CL.ACN")
        // The variable-level and value-level uses of ACN share one list.
        #expect(mdv.element("ItemDef", "OID", "IT.AE.AEACN")?.child("CodeListRef")?["CodeListOID"] == "CL.ACN")
        #expect(mdv.element("ItemDef", "OID", "IT.SUPPAE.QVAL.AEACN1")?.child("CodeListRef")?["CodeListOID"] == "CL.ACN")
        #expect(acn.children("EnumeratedItem").map { $0["CodedValue"] } == ["DOSE NOT CHANGED", "DRUG INTERRUPTED", "MULTIPLE"])
        // A constant bound to a codelist.
        #expect(try list("CL.FRM").children("CodeListItem").map { $0["CodedValue"] } == ["INJECTION, SOLUTION"])
    }

    @Test func aCodelistMissingFromTheTerminologyListsTheValuesUsed() throws {
        // RDOMAIN draws on DOMAIN (C66734): without it in the terminology, the values in the data, and a comment.
        var input = Fixture.input()
        input.terminology.codelists["C66734"] = nil
        let xml = Fixture.write(input)
        let mdv = Fixture.parse(xml).descendants("MetaDataVersion")[0]
        let list = try #require(mdv.element("CodeList", "OID", "CL.C66734"))
        #expect(list.children("EnumeratedItem").map { $0["CodedValue"] } == ["AE"])
        #expect(list.children("EnumeratedItem").allSatisfy { $0.child("Alias") == nil })
        #expect(list.child("Alias")?["Name"] == "C66734")
        #expect(list["def:StandardOID"] == nil)
        #expect(mdv.element("def:CommentDef", "OID", list["def:CommentOID"] ?? "")?.translatedText()?.contains("not in the terminology") == true)
        #expect(mdv.element("ItemDef", "OID", "IT.SUPPAE.RDOMAIN")?.child("CodeListRef")?["CodeListOID"] == "CL.C66734")
        let findings = DefineXML.check(xml, input: input).filter { $0.rule == "define.ct.codelist-unknown" }
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.line == list.line)
    }

    @Test func aVariableCodedWithAnExternalDictionaryCitesItWithItsVersion() throws {
        var input = Fixture.input()
        input.study.dictionaries = [StudyDefinition.ExternalDictionary(
            name: "MedDRA", version: "27.1", href: "https://www.meddra.org/", variables: ["AE.AEDECOD", "AE.AEBODSYS"])]
        let xml = Fixture.write(input)
        let mdv = Fixture.parse(xml).descendants("MetaDataVersion")[0]
        let list = try #require(mdv.element("CodeList", "OID", "CL.MEDDRA"))
        #expect(list["def:IsNonStandard"] == "Yes" && list["def:StandardOID"] == nil && list["DataType"] == "text")
        #expect(list.children("EnumeratedItem").isEmpty && list.children("CodeListItem").isEmpty)
        let external = try #require(list.child("ExternalCodeList"))
        #expect(external["Dictionary"] == "MedDRA" && external["Version"] == "27.1" && external["href"] == "https://www.meddra.org/")
        #expect(mdv.element("ItemDef", "OID", "IT.AE.AEDECOD")?.child("CodeListRef")?["CodeListOID"] == "CL.MEDDRA")
        // A listed variable without data (the fixture's AE has no AEBODSYS, an Expected variable) refers to no codelist.
        let bodySystem = try #require(mdv.element("ItemDef", "OID", "IT.AE.AEBODSYS"))
        #expect(bodySystem.child("CodeListRef") == nil)
        // The dictionary's terms are not listed, so the data's values are not checked against it.
        #expect(DefineXML.check(xml, input: input).filter { $0.rule.hasPrefix("define.ct.") && $0.message.contains("MEDDRA") } == [])
    }

    @Test func sourceSystemVersionIsWrittenWhenGiven() {
        var input = Fixture.input()
        input.sourceSystemVersion = "1.2.3"
        #expect(Fixture.parse(Fixture.write(input))["SourceSystemVersion"] == "1.2.3")
    }

    @Test func supplementalQualifiersHaveValueLevelMetadataByQNAM() throws {
        let list = try #require(mdv.element("def:ValueListDef", "OID", "VL.SUPPAE.QVAL"))
        let refs = list.children("ItemRef")
        #expect(refs.map { $0["ItemOID"] } == ["IT.SUPPAE.QVAL.AEREL1", "IT.SUPPAE.QVAL.AEACN1"])
        #expect(refs.map { $0["OrderNumber"] } == ["1", "2"])
        #expect(refs.map { $0["Mandatory"] } == ["Yes", "Yes"])
        #expect(refs.map { $0.child("def:WhereClauseRef")?["WhereClauseOID"] } == ["WC.SUPPAE.QNAM.AEREL1", "WC.SUPPAE.QNAM.AEACN1"])
        let clause = try #require(mdv.element("def:WhereClauseDef", "OID", "WC.SUPPAE.QNAM.AEACN1"))
        let check = try #require(clause.child("RangeCheck"))
        #expect([check["Comparator"], check["SoftHard"], check["def:ItemOID"]] == ["EQ", "Soft", "IT.SUPPAE.QNAM"])
        #expect(check.children("CheckValue").map(\.text) == ["AEACN1"])
        let rel = try #require(mdv.element("ItemDef", "OID", "IT.SUPPAE.QVAL.AEREL1"))
        #expect([rel["Name"], rel["DataType"], rel["Length"], rel["SASFieldName"]] == ["AEREL1", "text", "11", "AEREL1"])
        #expect(rel.translatedText() == "Relationship to Drug A")
        #expect(rel.child("def:Origin")?["Type"] == "Collected")
        #expect(rel.child("def:Origin")?.translatedText()?.contains("adverse_events.csv.rel_drug") == true)
        #expect(rel.child("CodeListRef") == nil)
    }

    @Test func valueListsForAnotherDatasetAreARule() throws {
        // An EX value list by EXTRT: data, not code.
        var input = Fixture.input()
        input.valueLevel.append(ValueLevelRule(dataset: "EX", variables: ["EXDOSE"], key: "EXTRT", label: nil))
        let mdv = Fixture.parse(Fixture.write(input)).descendants("MetaDataVersion")[0]
        let list = try #require(mdv.element("def:ValueListDef", "OID", "VL.EX.EXDOSE"))
        #expect(list.children("ItemRef").map { $0["ItemOID"] } == ["IT.EX.EXDOSE.DRUG A"])
        let item = try #require(mdv.element("ItemDef", "OID", "IT.EX.EXDOSE.DRUG A"))
        #expect([item["DataType"], item["Length"], item["SignificantDigits"], item["SASFieldName"]] == ["float", "3", "1", nil])
        #expect(item.child("def:Origin")?["Type"] == "Collected")
        #expect(mdv.element("ItemDef", "OID", "IT.EX.EXDOSE")?.child("def:ValueListRef")?["ValueListOID"] == "VL.EX.EXDOSE")
        #expect(DefineXML.check(Fixture.write(input), input: input).filter { $0.severity == .error } == [])
    }

    @Test func commentsDescribeEmptyVariablesAndCarrySponsorText() throws {
        let input = Fixture.input(comments: ["AE": "Coded with MedDRA 27.1.", "AE.AETERM": "As the investigator wrote it."])
        let mdv = Fixture.parse(Fixture.write(input)).descendants("MetaDataVersion")[0]
        #expect(mdv.element("ItemGroupDef", "Name", "AE")?["def:CommentOID"] == "COM.AE")
        #expect(mdv.element("def:CommentDef", "OID", "COM.AE")?.translatedText() == "Coded with MedDRA 27.1.")
        #expect(mdv.element("ItemDef", "OID", "IT.AE.AETERM")?["def:CommentOID"] == "COM.AE.AETERM")
        #expect(mdv.element("ItemDef", "OID", "IT.AE.AELLT")?["def:CommentOID"] == "COM.NODATA")
        #expect(mdv.element("def:CommentDef", "OID", "COM.NODATA")?.translatedText()?.contains("No record has a value") == true)
        // Comments come after methods, and leaves of datasets sit in their item groups.
        let names = mdv.children.map(\.name)
        #expect(names.lastIndex(of: "MethodDef")! < names.firstIndex(of: "def:CommentDef")!)
    }

    @Test func anInvalidDatasetNameIsAClearError() {
        var datasets = Fixture.datasets()
        datasets[1].spec.name = "EX TOO LONG"
        #expect(throws: DefineError.self) { try DefineXML.write(Fixture.input(datasets: datasets)) }
        do {
            _ = try DefineXML.write(Fixture.input(datasets: datasets))
        } catch {
            #expect(error.description.contains("EX TOO LONG"))
        }
    }

    @Test func outputIsDeterministic() throws {
        let first = try DefineXML.write(Fixture.input())
        let second = try DefineXML.write(Fixture.input())
        #expect(first == second)
        #expect(first == Fixture.xml)
    }
}
