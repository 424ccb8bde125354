import Foundation

// The work runs on threads of its own, the calling thread being one of them, rather than through GCD's
// concurrentPerform: a concurrentPerform inside another one runs its iterations one after the other, and the
// pipeline's tasks nest (LB derives on one task of the domains' map, and splits its own work again).

/// How many records a pass needs before it is split across the cores: below it, starting threads costs more than
/// the split saves.
public let recordsWorthSplitting = 100_000

/// `transform` applied to every element on all cores, results in the input's order. For independent,
/// CPU-bound work such as mapping or deriving one domain per task.
public func concurrentMap<Element: Sendable, Result: Sendable>(
    _ elements: [Element], _ transform: @escaping @Sendable (Element) -> Result
) -> [Result] {
    let slots = ResultSlots<Result>(count: elements.count)
    let next = NextIndex()
    let work: @Sendable () -> Void = {
        while let i = next.take(below: elements.count) { slots.set(i, transform(elements[i])) }
    }
    let helpers = min(elements.count, ProcessInfo.processInfo.activeProcessorCount) - 1
    let finished = (0..<max(helpers, 0)).map { _ in onNewThread(work) }
    work()
    for helper in finished { helper.wait() }
    return slots.values
}

/// `concurrentMap`, started in order of `weight`, heaviest first (so that the lighter elements fill the other cores
/// meanwhile); results still in the input's order.
public func concurrentMap<Element: Sendable, Result: Sendable>(
    _ elements: [Element], heaviestFirst weight: (Element) -> Int, _ transform: @escaping @Sendable (Element) -> Result
) -> [Result] {
    let order = elements.indices.sorted { weight(elements[$0]) > weight(elements[$1]) }
    let results = concurrentMap(order.map { elements[$0] }, transform)
    var inInputOrder = [Result?](repeating: nil, count: elements.count)
    for (result, position) in zip(results, order) { inInputOrder[position] = result }
    return inInputOrder.map { $0! }
}

/// `transform` applied to `0..<count` cut into one run of consecutive positions per core, results in position order: for
/// a pass over a large dataset's records that only reads, its writes made afterwards from what the runs return. With
/// `perCore` more than 1, the runs are that many times more and shorter, taken by whichever core is free: for work
/// whose cost varies along the positions, or that shares the cores with other work.
public func concurrentRuns<Result: Sendable>(
    of count: Int, perCore: Int = 1, _ transform: @escaping @Sendable (Range<Int>) -> Result
) -> [Result] {
    let runs = ProcessInfo.processInfo.activeProcessorCount * max(perCore, 1)
    let length = max(1, (count + runs - 1) / runs)
    return concurrentMap(Array(stride(from: 0, to: count, by: length))) { start in transform(start..<min(start + length, count)) }
}

/// Two independent pieces of work at once, one per core (such as validating datasets while writing them).
public func concurrently<A: Sendable, B: Sendable>(_ a: @escaping @Sendable () -> A, _ b: @escaping @Sendable () -> B) -> (A, B) {
    let second = ResultSlots<B>(count: 1)
    let finished = onNewThread { second.set(0, b()) }
    let first = a()
    finished.wait()
    return (first, second.values[0])
}

/// Three independent pieces of work on the cores there are: on two, `a` and `b` start at once and `c` goes to whichever
/// of them finishes first (so give `c` the shortest).
public func concurrently<A: Sendable, B: Sendable, C: Sendable>(
    _ a: @escaping @Sendable () -> A, _ b: @escaping @Sendable () -> B, _ c: @escaping @Sendable () -> C
) -> (A, B, C) {
    let (first, second, third, _) = concurrently(a, b, c, {})
    return (first, second, third)
}

/// Four independent pieces of work on the cores there are: on two, `a` and `b` start at once, and `c`, then `d`, go to
/// whichever of them finishes first (so give them in decreasing length).
public func concurrently<A: Sendable, B: Sendable, C: Sendable, D: Sendable>(
    _ a: @escaping @Sendable () -> A, _ b: @escaping @Sendable () -> B, _ c: @escaping @Sendable () -> C,
    _ d: @escaping @Sendable () -> D
) -> (A, B, C, D) {
    let first = ResultSlots<A>(count: 1), second = ResultSlots<B>(count: 1), third = ResultSlots<C>(count: 1)
    let fourth = ResultSlots<D>(count: 1)
    _ = concurrentMap([0, 1, 2, 3]) { task in
        switch task {
        case 0: first.set(0, a())
        case 1: second.set(0, b())
        case 2: third.set(0, c())
        default: fourth.set(0, d())
        }
    }
    return (first.values[0], second.values[0], third.values[0], fourth.values[0])
}

/// Starts `work` on a thread of its own (with the main thread's 8 MB stack); the semaphore is signalled when it is done
/// and has let go of what it captured (a dataset it holds would otherwise be copied when the caller next writes to it).
func onNewThread(_ work: @escaping @Sendable () -> Void) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    let task = OneShotWork(work)
    let thread = Thread {
        task.run()
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    return done
}

/// Work that is run once and then released.
private final class OneShotWork: @unchecked Sendable {
    private var work: (@Sendable () -> Void)?

    init(_ work: @escaping @Sendable () -> Void) { self.work = work }

    func run() {
        let taken = work!
        work = nil
        taken()
    }
}

/// Holds a value until one task takes it, so that the task owns it alone: a dataset or column it rewrites is then
/// not copied, and the old storage is freed as soon as the task replaces it.
public final class Handoff<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    /// The value; a second take is a programming error.
    public func take() -> Value {
        lock.lock()
        defer { lock.unlock() }
        let taken = value!
        value = nil
        return taken
    }
}

/// Hands out the indices 0, 1, 2, ... once each, to whichever thread asks next.
private final class NextIndex: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
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
