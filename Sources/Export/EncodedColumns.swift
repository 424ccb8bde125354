import SDTMModel

/// Some columns of a dataset with each distinct value encoded once, for a writer that then copies bytes per
/// cell instead of formatting the same value again for every record.
struct EncodedColumns<Problem> {
    /// Every distinct value's bytes, column after column, back to back.
    private var bytes: [UInt8] = []
    /// Where each distinct value's bytes start in `bytes`, column after column, each column followed by its end; the
    /// `n`th column's value with code `k` is at `starts[first[n] + k] ..< starts[first[n] + k + 1]`.
    private var starts: [Int] = []
    private var first: [Int] = []
    private var codes: [[UInt32]] = []
    /// The longest encoded value of each column.
    private var longest: [Int] = []
    /// Per column: what is wrong with a distinct value that cannot be encoded, by code.
    private var problems: [[UInt32: Problem]] = []
    /// Every distinct value again in a slot of its column's `slotWidth` (its longest value rounded up to 8 bytes),
    /// column after column from `slotStart`: for `lines`, which copies a cell eight bytes at a time.
    private var slots: [UInt8] = []
    private var slotStart: [Int] = []
    private var slotWidth: [Int] = []

    /// `encode` appends a value of the `n`th column to the buffer, or returns why it cannot.
    init(_ dataset: Dataset, columns: [Int], encode: (_ value: Value, _ n: Int, _ out: inout [UInt8]) -> Problem?) {
        for (n, index) in columns.enumerated() {
            let column = dataset.columns[index]
            var bad: [UInt32: Problem] = [:]
            var widest = 0
            first.append(starts.count)
            starts.reserveCapacity(starts.count + column.distinct.count + 1)
            for (code, value) in column.distinct.enumerated() {
                starts.append(bytes.count)
                if let problem = encode(value, n, &bytes) { bad[UInt32(code)] = problem }
                widest = max(widest, bytes.count - starts[starts.count - 1])
            }
            starts.append(bytes.count)
            codes.append(column.codes)
            longest.append(widest)
            problems.append(bad)
            let width = (widest + 7) & ~7
            slotStart.append(slots.count)
            slotWidth.append(width)
            slots.reserveCapacity(slots.count + width * column.distinct.count)
            for slot in first[n]..<(starts.count - 1) {
                slots += bytes[starts[slot]..<starts[slot + 1]]
                slots += repeatElement(0, count: width - (starts[slot + 1] - starts[slot]))
            }
        }
    }

    /// The problem of the `n`th column's value in record `row`, if it could not be encoded.
    func problem(row: Int, column n: Int) -> Problem? {
        problems[n].isEmpty ? nil : problems[n][codes[n][row]]
    }

    /// Appends the encoded value of the `n`th column in record `row`.
    @inline(__always)
    func append(row: Int, column n: Int, to out: inout [UInt8]) {
        let slot = first[n] + Int(codes[n][row])
        let start = starts[slot], end = starts[slot + 1]
        if start == end { return }
        bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Records `rows` as lines: each record's cells joined by `separator`, then a line feed. A cell is copied eight
    /// bytes at a time from its value's slot; what a copy writes past the value is overwritten by the next cell.
    func lines(_ rows: Range<Int>, separator: UInt8) -> [UInt8] {
        let lineWidth = slotWidth.reduce(0, +) + slotWidth.count
        return withCodePointers { columnCodes in
            columnCodes.withUnsafeBufferPointer { columns in
                slots.withUnsafeBytes { slots in
                    starts.withUnsafeBufferPointer { starts in
                        first.withUnsafeBufferPointer { first in
                            slotStart.withUnsafeBufferPointer { slotStart in
                                slotWidth.withUnsafeBufferPointer { slotWidth in
                                    [UInt8](unsafeUninitializedCapacity: rows.count * lineWidth) { buffer, count in
                                        let out = UnsafeMutableRawPointer(buffer.baseAddress!)
                                        var o = 0
                                        for row in rows {
                                            for n in 0..<columns.count {
                                                if n > 0 {
                                                    out.storeBytes(of: separator, toByteOffset: o, as: UInt8.self)
                                                    o += 1
                                                }
                                                let code = Int(columns[n][row])
                                                let length = starts[first[n] + code + 1] - starts[first[n] + code]
                                                let value = slots.baseAddress! + slotStart[n] + code * slotWidth[n]
                                                var i = 0
                                                while i < length {
                                                    out.storeBytes(of: value.loadUnaligned(fromByteOffset: i, as: UInt64.self),
                                                                   toByteOffset: o + i, as: UInt64.self)
                                                    i += 8
                                                }
                                                o += length
                                            }
                                            out.storeBytes(of: 0x0A, toByteOffset: o, as: UInt8.self)
                                            o += 1
                                        }
                                        count = o
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs `body` with each column's codes as a buffer (valid only within it).
    private func withCodePointers<R>(_ body: ([UnsafeBufferPointer<UInt32>]) -> R) -> R {
        var pointers: [UnsafeBufferPointer<UInt32>] = []
        func nest(_ n: Int) -> R {
            guard n < codes.count else { return body(pointers) }
            return codes[n].withUnsafeBufferPointer { codes in
                pointers.append(codes)
                return nest(n + 1)
            }
        }
        return nest(0)
    }
}
