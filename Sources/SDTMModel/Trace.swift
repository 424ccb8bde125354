import Foundation

/// Development timing: with `SDTM_TRACE=1` in the environment, each span's start and length (seconds since the first
/// span) and the processor time its thread spent in it (work it handed to other threads not counted) go to standard
/// error as it ends. Off, a span costs one check of a constant.
public enum Trace {
    private static let enabled = ProcessInfo.processInfo.environment["SDTM_TRACE"] != nil
    private static let origin = DispatchTime.now().uptimeNanoseconds

    public static func span<T, E: Error>(_ name: @autoclosure () -> String, _ body: () throws(E) -> T) throws(E) -> T {
        guard enabled else { return try body() }
        _ = origin
        let start = DispatchTime.now().uptimeNanoseconds, startCPU = ProcessorTime.thread
        let result = try body()
        let end = DispatchTime.now().uptimeNanoseconds, cpu = ProcessorTime.thread - startCPU
        let line = String(format: "[trace] %8.3f %7.3f cpu %7.3f  ", Double(start - origin) / 1e9, Double(end - start) / 1e9, cpu)
            + name() + "\n"
        FileHandle.standardError.write(line.data(using: .utf8)!)
        return result
    }
}

/// Processor time so far, in seconds: for measuring work rather than the wall clock.
public enum ProcessorTime {
    /// The calling thread's.
    public static var thread: Double { seconds(CLOCK_THREAD_CPUTIME_ID) }
    /// All the process's threads' together.
    public static var process: Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }

    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
