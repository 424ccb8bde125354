import Foundation

/// `transform` applied to every element on all cores, results in the input's order. For independent,
/// CPU-bound work such as mapping or deriving one domain per task.
public func concurrentMap<Element: Sendable, Result: Sendable>(
    _ elements: [Element], _ transform: @Sendable (Element) -> Result
) -> [Result] {
    let slots = ResultSlots<Result>(count: elements.count)
    DispatchQueue.concurrentPerform(iterations: elements.count) { i in slots.set(i, transform(elements[i])) }
    return slots.values
}

/// Two independent pieces of work at once, one per core (such as validating datasets while writing them).
public func concurrently<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    let first = ResultSlots<A>(count: 1), second = ResultSlots<B>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { first.set(0, a()) } else { second.set(0, b()) }
    }
    return (first.values[0], second.values[0])
}

/// One slot per task, each written by exactly one task before `values` is read.
private final class ResultSlots<Result: Sendable>: @unchecked Sendable {
    private var slots: [Result?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Result] { slots.map { $0! } }
}
