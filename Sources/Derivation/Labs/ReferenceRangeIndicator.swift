/// LBNRIND from the standardized result and the standardized reference range.
public enum ReferenceRangeIndicator: String, Sendable, Hashable {
    case low = "LOW", normal = "NORMAL", high = "HIGH"

    /// LOW below the lower limit, HIGH above the upper limit, NORMAL within them (both limits are
    /// part of the normal range). A one-sided range (only a lower or only an upper limit) is judged
    /// on that side alone. A censored result counts only when it is certainly outside or inside:
    /// `<0.2` with a lower limit of 0.3 is LOW, and NORMAL within a range that starts at 0. Nil when not
    /// computable: no numeric result, no limit, or a censored result that could lie on either side.
    public init?(_ result: LabResult, low: LabNumber?, high: LabNumber?) {
        guard low != nil || high != nil else { return nil }
        let lo = low?.double
        let hi = high?.double
        switch result {
        case .number(let n):
            let v = n.double
            if let lo, v < lo { self = .low } else if let hi, v > hi { self = .high } else { self = .normal }
        case .censored(let op, let n):
            let b = n.double
            switch op {
            case .lessThan, .lessOrEqual:
                if let lo, op == .lessThan ? b <= lo : b < lo { self = .low; return }
                // A lower limit of 0 bounds nothing a result can go below: `<0.2` within 0-0.4 is normal.
                if lo ?? 0 <= 0, let hi, b <= hi { self = .normal; return }
                return nil
            case .greaterThan, .greaterOrEqual:
                if let hi, op == .greaterThan ? b >= hi : b > hi { self = .high; return }
                if hi == nil, let lo, b >= lo { self = .normal; return }
                return nil
            }
        case .missing, .notDone, .text, .unreadable:
            return nil
        }
    }
}
