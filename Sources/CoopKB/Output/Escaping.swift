/// How text is escaped for one output format: one loop for every format, a table of replacements for each
/// (`xml`, `json`, `dot`). A format's other scalars are kept, unless `other` replaces them (controls that would
/// reach a terminal or break the format).
struct Escaping: Sendable {
    /// Replacements of ASCII scalars, by value.
    private let ascii: [String?]
    /// The replacement of any scalar the table does not name, or nil to keep it.
    private let other: @Sendable (Unicode.Scalar) -> String?

    init(_ table: [Unicode.Scalar: String], other: @escaping @Sendable (Unicode.Scalar) -> String?) {
        var ascii = [String?](repeating: nil, count: 128)
        for (u, s) in table where u.isASCII { ascii[Int(u.value)] = s }
        self.ascii = ascii
        self.other = other
    }

    func callAsFunction(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            if u.isASCII, let r = ascii[Int(u.value)] { out += r } else if let r = other(u) { out += r } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// XML 1.0 content and attribute values: markup escaped, characters XML forbids replaced by U+FFFD.
    static let xml = Escaping(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"]) {
        $0.isTerminalControl || $0.value == 0xFFFE || $0.value == 0xFFFF ? "\u{FFFD}" : nil
    }

    /// The inside of a JSON string: controls and the two JavaScript line separators as \u escapes.
    static let json = Escaping(["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"]) { u in
        guard u.isTerminalControl || u.value == 0x2028 || u.value == 0x2029 else { return nil }
        let h = String(u.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - h.count) + h
    }

    /// The inside of a DOT string: other controls would reach a terminal, and make Graphviz's SVG malformed XML.
    static let dot = Escaping(["\"": "\\\"", "\\": "\\\\", "\n": "\\n"]) { $0.isTerminalControl ? "\u{FFFD}" : nil }
}
