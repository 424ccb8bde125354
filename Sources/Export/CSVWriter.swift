/// RFC 4180 text: fields quoted only when they hold a comma, quote, CR or LF; records end with LF.
public enum CSVWriter {
    public static func field(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        append(line: fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a record: its fields, quoted when needed, joined by commas, then LF.
    public static func append(line fields: [String], to out: inout [UInt8]) {
        for (n, field) in fields.enumerated() {
            if n > 0 { out.append(0x2C) }
            append(field, to: &out)
        }
        out.append(0x0A)
    }

    /// Appends one field's bytes, quoted when needed, without building intermediate strings.
    public static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { u in
            guard u.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                out.append(contentsOf: u)
                return
            }
            out.append(0x22)
            for b in u {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        }
    }
}
