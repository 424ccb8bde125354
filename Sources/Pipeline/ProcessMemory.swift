#if os(Linux)
import CMalloc
#endif

/// How the process's memory allocator behaves: set once, at the start of a command.
public enum ProcessMemory {
    /// Has glibc's malloc give a freed block of 4 MB or more (a 1.6 million-record LB column is 6 MB) back to the
    /// system at once. By default it raises that threshold as large blocks are freed and keeps them in one pool per
    /// thread, so the column copies the derive stage frees while its threads work stayed in the peak memory of the
    /// 10,000-subject export. Elsewhere than glibc, nothing changes.
    public static func returnLargeBlocksWhenFreed() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
        #endif
    }
}
