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
        let start = DispatchTime.now().uptimeNanoseconds, startCPU = threadCPUSeconds()
        let result = try body()
        let end = DispatchTime.now().uptimeNanoseconds, cpu = threadCPUSeconds() - startCPU
        let line = String(format: "[trace] %8.3f %7.3f cpu %7.3f  ", Double(start - origin) / 1e9, Double(end - start) / 1e9, cpu)
            + name() + "\n"
        FileHandle.standardError.write(line.data(using: .utf8)!)
        return result
    }

    /// The calling thread's processor time so far.
    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
