/// Where a lesion can be: the organ as the worksheet names it and the locations a radiologist writes.
struct LesionSite: Sendable {
    var organ: String
    var isNode: Bool
    var locations: [String]
    /// Baseline longest diameter (short axis for a node) of a target lesion, in millimetres.
    var targetSize: ClosedRange<Int> = 10...10

    /// The imaging method: MRI for the liver when the subject's liver is followed by MRI, else CT.
    func method(liverMRI: Bool) -> String { organ == "Liver" && liverMRI ? "MRI" : "CT" }
}

/// The lesion sites of hepatobiliary cancers, weighted per cohort.
enum LesionSites {
    static let nodeLocations = ["Porta hepatis", "Portocaval", "Hepatoduodenal ligament", "Celiac axis", "Para-aortic",
                                "Retroperitoneal", "Peripancreatic", "Right cardiophrenic"]

    static let liver = LesionSite(organ: "Liver", isNode: false, locations: [
        "Segment II", "Segment III", "Segment IVa", "Segment IVb", "Segment V", "Segment VI", "Segment VII", "Segment VIII",
    ], targetSize: 12...90)
    static let lung = LesionSite(organ: "Lung", isNode: false, locations: [
        "Right upper lobe", "Right middle lobe", "Right lower lobe", "Left upper lobe", "Left lower lobe",
    ], targetSize: 10...35)
    static let node = LesionSite(organ: "Lymph node", isNode: true, locations: nodeLocations, targetSize: 15...32)
    static let peritoneum = LesionSite(organ: "Peritoneum", isNode: false, locations: [
        "Omentum", "Right paracolic gutter", "Left paracolic gutter", "Perihepatic", "Pouch of Douglas",
    ], targetSize: 12...35)
    static let adrenal = LesionSite(organ: "Adrenal gland", isNode: false, locations: ["Right adrenal", "Left adrenal"],
                                    targetSize: 12...40)
    static let gallbladder = LesionSite(organ: "Gallbladder", isNode: false, locations: [
        "Gallbladder fundus", "Gallbladder body", "Gallbladder neck",
    ], targetSize: 15...55)
    static let bileDuct = LesionSite(organ: "Bile duct", isNode: false, locations: [
        "Perihilar", "Common bile duct", "Left hepatic duct",
    ], targetSize: 12...35)
    static let bone = LesionSite(organ: "Bone", isNode: false, locations: [
        "T11 vertebra", "L2 vertebra", "L4 vertebra", "Right iliac bone", "Left 6th rib", "Sacrum", "Right femoral head",
    ])
    static let smallNode = LesionSite(organ: "Lymph node", isNode: true, locations: nodeLocations)
    static let peritonealDisease = LesionSite(organ: "Peritoneum", isNode: false, locations: [
        "Diffuse peritoneal nodularity", "Omental caking", "Pelvic peritoneum",
    ])
    static let liverNonTarget = LesionSite(organ: "Liver", isNode: false, locations: [
        "Right portal vein tumour thrombus", "Multiple small lesions both lobes", "Segment I",
    ])
    static let lungNodules = LesionSite(organ: "Lung", isNode: false, locations: ["Multiple small nodules both lungs"])

    static func targets(_ cohort: Cohort) -> [(site: LesionSite, weight: Int)] {
        switch cohort {
        case .hcc: [(liver, 60), (lung, 12), (node, 12), (adrenal, 6), (peritoneum, 10)]
        case .btc: [(liver, 40), (bileDuct, 10), (gallbladder, 12), (node, 20), (peritoneum, 12), (lung, 6)]
        }
    }

    /// Bone lesions, small nodes (10-15 mm short axis), peritoneal disease and other non-measurable disease.
    static func nonTargets(_ cohort: Cohort) -> [(site: LesionSite, weight: Int)] {
        switch cohort {
        case .hcc: [(bone, 25), (smallNode, 30), (peritonealDisease, 15), (liverNonTarget, 20), (lungNodules, 10)]
        case .btc: [(bone, 15), (smallNode, 35), (peritonealDisease, 30), (liverNonTarget, 15), (lungNodules, 5)]
        }
    }

    static let new: [(site: LesionSite, weight: Int)] = [(liver, 35), (lung, 20), (bone, 15), (node, 15),
                                                          (peritoneum, 10), (adrenal, 5)]
}
