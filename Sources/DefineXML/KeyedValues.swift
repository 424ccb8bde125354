import SDTMModel
import Synchronization

/// A dataset column's values by the codes of a key column (`Column.valuesByKey`), and a label column's first value by
/// them (`Column.firstValueByKey`): worked out once, when the builder describes a value list, and read again when
/// the checks compare define.xml with the data. Shared by the copies of a `DefineInput`.
final class KeyedValues: Sendable {
    private struct Key: Hashable {
        let dataset: String, column: Int, key: Int
    }

    private let values = Mutex<[Key: [(values: [Value], nulls: Int)]]>([:])
    private let firstValues = Mutex<[Key: [Value?]]>([:])

    /// The values of `dataset`'s column `column` by the codes of its column `key`.
    func values(of dataset: Dataset, column: Int, byKey key: Int) -> [(values: [Value], nulls: Int)] {
        let id = Key(dataset: dataset.name, column: column, key: key)
        if let known = values.withLock({ $0[id] }) { return known }
        let computed = dataset.columns[column].valuesByKey(dataset.columns[key])
        values.withLock { $0[id] = computed }
        return computed
    }

    /// The first value of `dataset`'s column `column` by the codes of its column `key`.
    func firstValues(of dataset: Dataset, column: Int, byKey key: Int) -> [Value?] {
        let id = Key(dataset: dataset.name, column: column, key: key)
        if let known = firstValues.withLock({ $0[id] }) { return known }
        let computed = dataset.columns[column].firstValueByKey(dataset.columns[key])
        firstValues.withLock { $0[id] = computed }
        return computed
    }
}
