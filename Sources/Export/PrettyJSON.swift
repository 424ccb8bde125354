/// JSON written straight to bytes in the layout of Foundation's pretty-printed `JSONEncoder` output (two-space
/// indent, `"key" : value`, an empty container as `[`, a blank line and `]`), for reports too large to go through
/// `Codable` quickly. The caller writes an object's keys in sorted order.
struct PrettyJSON {
    private(set) var bytes: [UInt8] = []
    /// Per open container, whether it has an element yet.
    private var hasElement: [Bool] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { open(0x7B) }  // {
    mutating func endObject() { close(0x7D) }  // }
    mutating func beginArray() { open(0x5B) }  // [
    mutating func endArray() { close(0x5D) }  // ]

    /// Starts the member `name` of the open object; its value comes next.
    mutating func key(_ name: StaticString) {
        element()
        JSONText.appendRaw("\"", to: &bytes)
        JSONText.appendRaw(name, to: &bytes)
        JSONText.appendRaw("\" : ", to: &bytes)
    }

    /// Starts the next element of the open array.
    mutating func item() { element() }

    mutating func string(_ text: String) { JSONText.appendString(text, to: &bytes) }
    mutating func integer(_ value: Int) { JSONText.appendInteger(value, to: &bytes) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(0x0A)
        hasElement.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        hasElement.removeLast()
        bytes.append(0x0A)
        indent()
        bytes.append(bracket)
    }

    private mutating func element() {
        if hasElement[hasElement.count - 1] { JSONText.appendRaw(",\n", to: &bytes) }
        hasElement[hasElement.count - 1] = true
        indent()
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * hasElement.count))
    }
}
