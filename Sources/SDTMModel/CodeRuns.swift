extension Array<UInt32> {
    /// Each stretch of consecutive positions that hold one code, in order (a dataset's records subject by subject).
    public var codeRuns: [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, self[end] == self[start] { end += 1 }
            runs.append(start..<end)
            start = end
        }
        return runs
    }
}
