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
}
