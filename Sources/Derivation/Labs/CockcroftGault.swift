/// Sex as DM's SEX codes it, for the formulas that depend on it.
public enum Sex: String, Sendable, Hashable {
    case male = "M", female = "F"
}

/// Creatinine clearance by Cockcroft-Gault, in mL/min:
/// `(140 - age) x weight kg / (72 x serum creatinine mg/dL)`, times 0.85 for women.
/// Unrounded; nil when the creatinine or the weight is not positive or the age is negative.
public func cockcroftGault(ageYears: Double, weightKg: Double, sex: Sex, creatinineMgPerDL: Double) -> Double? {
    guard creatinineMgPerDL > 0, weightKg > 0, ageYears >= 0 else { return nil }
    let clearance = (140 - ageYears) * weightKg / (72 * creatinineMgPerDL)
    return sex == .female ? clearance * 0.85 : clearance
}

/// Cockcroft-Gault with the creatinine in any unit the conversion table knows (umol/L is converted
/// to mg/dL through the CREAT rows: 88.4 umol/L per mg/dL).
public func cockcroftGault(ageYears: Double, weightKg: Double, sex: Sex, creatinine: LabNumber, unit: String,
                           conversions: UnitConversions) throws(LabError) -> Double?
{
    let mgPerDL = try conversions.convert(creatinine, testcd: "CREAT", from: unit, to: "mg/dL")
    return cockcroftGault(ageYears: ageYears, weightKg: weightKg, sex: sex, creatinineMgPerDL: mgPerDL)
}

/// A clearance rounded to one decimal, as it is reported and compared with the protocol's threshold.
public func roundedClearance(_ value: Double) -> Double { (value * 10).rounded() / 10 }
