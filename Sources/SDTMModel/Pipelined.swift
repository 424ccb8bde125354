import Dispatch
import Synchronization

/// Runs `produce` on a thread of its own and hands each value it yields to `consume` on the calling thread, in order,
/// with at most `capacity` values waiting between them: two stages of one stream of work (encoding a file's lines and
/// writing them) on two cores.
public func pipelined<Value: Sendable>(
    capacity: Int, produce: @escaping @Sendable (_ yield: (Value) -> Void) -> Void, consume: (Value) -> Void
) {
    let queue = HandoverQueue<Value>(capacity: capacity)
    let produced = onNewThread {
        produce { queue.put($0) }
        queue.close()
    }
    while let value = queue.take() { consume(value) }
    produced.wait()
}

/// Values passed in order from one thread to another, at most `capacity` of them waiting.
private final class HandoverQueue<Value: Sendable>: Sendable {
    private let waiting = Mutex<[Value]>([])
    /// One signal per value put and one for the close, so that `take` waits for either.
    private let ready = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore

    init(capacity: Int) { room = DispatchSemaphore(value: max(capacity, 1)) }

    func put(_ value: Value) {
        room.wait()
        waiting.withLock { $0.append(value) }
        ready.signal()
    }

    /// After the last `put`: `take` returns nil once the values are taken.
    func close() { ready.signal() }

    func take() -> Value? {
        ready.wait()
        guard let value = waiting.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return nil }
        room.signal()
        return value
    }
}
