import Foundation
#if os(Linux)
import CMalloc
#endif

/// How the process's memory allocator behaves: set once, at the start of a command.
public enum ProcessMemory {
    /// Has glibc's malloc give a freed block of 8 MB or more back to the system at once, and keep up to 64 MB of
    /// smaller freed blocks for reuse. By default it raises the first threshold as large blocks are freed and keeps
    /// them in one pool per thread, so the column copies the derive stage frees while its threads work stayed in the
    /// peak memory of the 10,000-subject export. Below 8 MB (a 1.6 million-record LB column of codes is 6.4 MB), a
    /// freed column's memory serves the next one instead of being mapped and faulted in afresh: a third less system
    /// time for the export, for about 100 MB more at its peak. Elsewhere than glibc, nothing changes.
    public static func returnLargeBlocksWhenFreed() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 8 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        #endif
    }

    /// The tunable that has glibc's malloc ask for transparent huge pages (2 MB) for the memory it maps.
    static let hugePagesTunable = "glibc.malloc.hugetlb=1"

    /// Starts this program again, with the same arguments, with `GLIBC_TUNABLES` set to `hugePagesTunable`, when the
    /// system gives huge pages only to memory that asks for them (`madvise` in
    /// `/sys/kernel/mm/transparent_hugepage/enabled`) and the environment has no `GLIBC_TUNABLES` of its own (set it,
    /// even empty, to keep the process as started). glibc reads its tunables only at start-up, hence the restart. The
    /// export's million-record columns then fault in 2 MB at a time rather than 4 KB: about 5% less time for LB's
    /// map, derive and emit, for about 10 MB more at the peak. Returns when nothing is to be done or the restart
    /// failed; the process then runs as it is.
    public static func restartWithHugePages() {
        #if os(Linux)
        guard getenv("GLIBC_TUNABLES") == nil, hugePagesOnRequest() else { return }
        setenv("GLIBC_TUNABLES", hugePagesTunable, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("GLIBC_TUNABLES")
        #endif
    }

    /// Whether the kernel's transparent huge pages are in `madvise` mode: given to memory that asks for them only.
    static func hugePagesOnRequest(setting path: String = "/sys/kernel/mm/transparent_hugepage/enabled") -> Bool {
        (try? String(contentsOfFile: path, encoding: .utf8))?.contains("[madvise]") ?? false
    }
}
