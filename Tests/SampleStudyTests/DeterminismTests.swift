import Foundation
import Testing
import SampleStudy

@Suite struct DeterminismTests {
    @Test func theSameDesignGivesByteIdenticalFiles() throws {
        let a = temporaryFolder("a"), b = temporaryFolder("b")
        defer { removeFolder(a); removeFolder(b) }
        let first = try SampleGenerator.write(studyDesign(), to: a)
        let second = try SampleGenerator.write(studyDesign(), to: b)
        #expect(first.files == second.files)
        #expect(first.deliberateIssues == second.deliberateIssues)
        for file in first.files.keys.sorted() {
            #expect(FileManager.default.contentsEqual(atPath: a + "/" + file, andPath: b + "/" + file), "\(file) differs")
        }
    }

    @Test func anotherSeedGivesAnotherStudy() throws {
        let a = temporaryFolder("a"), b = temporaryFolder("b")
        defer { removeFolder(a); removeFolder(b) }
        _ = try SampleGenerator.write(studyDesign(seed: 1), to: a)
        _ = try SampleGenerator.write(studyDesign(seed: 2), to: b)
        for file in ["enrollment.csv", "drug_administration.csv", "adverse_events.csv", "end_of_study.csv",
                     "local_labs.csv", "vital_signs.csv"] {
            #expect(!FileManager.default.contentsEqual(atPath: a + "/" + file, andPath: b + "/" + file), "\(file) is the same")
        }
        for file in ["tumor_lesions.csv", "tumor_measurements.csv", "tumor_response.csv"] {
            #expect(!FileManager.default.contentsEqual(atPath: a + "/" + file, andPath: b + "/" + file), "\(file) is the same")
        }
        #expect(FileManager.default.contentsEqual(atPath: a + "/data_dictionary.csv", andPath: b + "/data_dictionary.csv"))
    }

    @Test func filesHaveTheAgreedColumnsAndLineEnds() throws {
        let dir = temporaryFolder()
        defer { removeFolder(dir) }
        let summary = try SampleGenerator.write(studyDesign(), to: dir)
        let headers = [
            "enrollment.csv": "subject_id,site_id,consent_date,birth_date,age,sex,race,ethnicity,cohort,eligible,enrollment_date",
            "drug_administration.csv": "subject_id,event_name,drug,dose,dose_unit,route,infusion_date,start_time,end_time,administered,not_given_reason",
            "adverse_events.csv": "subject_id,ae_number,ae_term,ae_pt,ae_soc,ae_start_date,ae_end_date,ongoing,grade,serious,sae_death,sae_life_threat,sae_hosp,sae_disability,sae_congenital,sae_other_med,rel_ligufalimab,rel_cadonilimab,action_ligufalimab,action_cadonilimab,outcome",
            "end_of_study.csv": "subject_id,eot_date,eot_reason,eos_date,eos_reason,death_date,last_contact_date",
            "data_dictionary.csv": "form,field,code,label",
            "tumor_lesions.csv": "subject_id,event_name,scan_date,lesion_id,lesion_type,organ,location_detail,lymph_node,method",
            "tumor_measurements.csv": "subject_id,event_name,scan_date,lesion_id,measurement,result,unit",
            "tumor_response.csv": "subject_id,event_name,scan_date,target_response,nontarget_response,new_lesions,overall_response",
            "local_labs.csv": "subject_id,event_name,collection_date,collection_time,lab_category,test_name,result,unit,normal_low,normal_high,not_done,reason_not_done",
            "vital_signs.csv": "subject_id,event_name,assessment_date,weight,weight_unit",
        ]
        #expect(Set(summary.files.keys) == Set(headers.keys))
        for (file, header) in headers {
            let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            #expect(text.hasPrefix(header + "\n"))
            #expect(!text.contains("\r"))
            let table = try CSVTable(path: dir + "/" + file)
            #expect(table.lines.count == summary.files[file])
            #expect(table.lines.allSatisfy { $0.count == table.header.count }, "\(file) has a ragged line")
        }
    }
}
