import SDTMModel

/// Some columns of a dataset with each distinct value encoded once, for a writer that then copies bytes per
/// cell instead of formatting the same value again for every record.
struct EncodedColumns<Problem> {
    /// Per column: every distinct value's bytes, back to back, and where each starts (one more offset than values).
    private var bytes: [[UInt8]] = []
    private var offsets: [[Int]] = []
    private var codes: [[UInt32]] = []
    /// Per column: what is wrong with a distinct value that cannot be encoded, by code.
    private var problems: [[UInt32: Problem]] = []

    /// `encode` appends a value of the `n`th column to the buffer, or returns why it cannot.
    init(_ dataset: Dataset, columns: [Int], encode: (_ value: Value, _ n: Int, _ out: inout [UInt8]) -> Problem?) {
        for (n, index) in columns.enumerated() {
            let column = dataset.columns[index]
            var buffer: [UInt8] = []
            var starts: [Int] = [0]
            var bad: [UInt32: Problem] = [:]
            starts.reserveCapacity(column.distinct.count + 1)
            for (code, value) in column.distinct.enumerated() {
                if let problem = encode(value, n, &buffer) { bad[UInt32(code)] = problem }
                starts.append(buffer.count)
            }
            bytes.append(buffer)
            offsets.append(starts)
            codes.append(column.codes)
            problems.append(bad)
        }
    }

    /// The problem of the `n`th column's value in record `row`, if it could not be encoded.
    func problem(row: Int, column n: Int) -> Problem? {
        problems[n].isEmpty ? nil : problems[n][codes[n][row]]
    }

    /// Appends the encoded value of the `n`th column in record `row`.
    @inline(__always)
    func append(row: Int, column n: Int, to out: inout [UInt8]) {
        let code = Int(codes[n][row])
        let start = offsets[n][code], end = offsets[n][code + 1]
        if start == end { return }
        bytes[n].withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
