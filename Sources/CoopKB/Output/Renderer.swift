/// Turns results into text in one output mode. Never prints.
public struct Renderer {
    public let kb: KnowledgeBase
    public let mode: OutputMode
    /// In table mode, the most rows shown (first and last halves); 0 shows all.
    public var maxRows: Int = 0
    /// In table mode, the terminal width cells are cut to fit; 0 never cuts.
    public var width: Int = 0
    /// Whether tsv, csv and excel write their header line.
    public var headers = true
    /// The field separator of csv (excel always uses `;`).
    public var separator: Character = ","
    /// The language of the row count and of the note on rows left out (table mode).
    public var language: Language = .en
    /// Column headers in French (`.headers fr`): table, tsv, csv and excel headers show the fields' French names.
    public var frenchHeaders = false

    public init(kb: KnowledgeBase, mode: OutputMode) {
        self.kb = kb
        self.mode = mode
    }

    /// The schema fields of a result's columns (nil for a name its rows do not have).
    func fields(_ r: ResultSet) -> [Field?] {
        let schema = Schema.of(r)
        return r.columns.map { schema.field($0) }
    }

    /// The header of each column: the field id, or its French name under `.headers fr`.
    func headerNames(_ r: ResultSet) -> [String] {
        guard frenchHeaders else { return r.columns }
        let schema = Schema.of(r)
        return r.columns.map(schema.frenchHeader)
    }

    /// The accessors of a result's columns, from the field schema.
    func accessors(_ r: ResultSet) -> [Accessor] {
        let schema = Schema.of(r)
        return r.columns.map { c in schema.accessor(c, kb) ?? { _ in .missing } }
    }

    /// The cells of a result, column by column, as values.
    func cells(_ r: ResultSet) -> [[Value]] {
        let accessors = accessors(r)
        return r.rows.map { row in accessors.map { $0(row) } }
    }

    /// The whole text of a result in this mode, ending with a newline.
    public func render(_ r: ResultSet) -> String {
        mode.entry.render(self, r)
    }

    /// Appends text to TSV bytes, escaping tab, newline, carriage return and backslash.
    @inline(__always)
    static func appendTSV(_ s: String, to out: inout [UInt8]) {
        var previous: UInt8 = 0
        for b in s.utf8 {
            defer { previous = b }
            switch b {
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x00..<0x20, 0x7F: appendHexEscape(UInt32(b), "x", to: &out)
            case 0x80...0x9F where previous == 0xC2:
                // A C1 control (U+0080–U+009F, such as CSI U+009B): its lead byte 0xC2 is already out.
                out.removeLast()
                appendHexEscape(UInt32(b), "u00", to: &out)
            default: out.append(b)
            }
        }
    }

    /// `\\x1B` for a C0 control or DEL, `\\u009B` for a C1 control: visible, and never read by a terminal.
    static func appendHexEscape(_ v: UInt32, _ prefix: String, to out: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        out.append(0x5C)
        out.append(contentsOf: prefix.utf8)
        out.append(digits[Int(v >> 4)])
        out.append(digits[Int(v & 15)])
    }

    /// The TSV text, written row by row into one byte buffer (no array of cells, no string per row).
    func tsv(_ r: ResultSet) -> String {
        let accessors = accessors(r)
        var out: [UInt8] = []
        out.reserveCapacity(64 + r.rows.count * 8 * max(1, accessors.count))
        if headers {
            for (k, c) in headerNames(r).enumerated() {
                if k > 0 { out.append(0x09) }
                Renderer.appendTSV(c, to: &out)
            }
            out.append(0x0A)
        }
        for row in r.rows {
            for (k, get) in accessors.enumerated() {
                if k > 0 { out.append(0x09) }
                switch get(row) {
                case .missing: break
                case .text(let s), .id(let s): Renderer.appendTSV(s, to: &out)
                case .list(let l):
                    for (i, item) in l.enumerated() {
                        if i > 0 { out.append(0x2C) }
                        Renderer.appendTSV(item, to: &out)
                    }
                case let v: Renderer.appendTSV(v.text(listSeparator: ","), to: &out)
                }
            }
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    func csvField(_ s: String) -> String {
        // CSV has no escape for control characters: ESC, DEL and C1 become U+FFFD (line ends are quoted).
        let s = s.replacingControlsWithReplacementCharacter(keeping: ["\t", "\n", "\r"])
        if s.contains(separator) || s.utf8.contains(where: { $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + s.replacing("\"", with: "\"\"") + "\""
        }
        return s
    }

    func csv(_ r: ResultSet) -> String {
        let sep = String(separator)
        var out = headers ? headerNames(r).map(csvField).joined(separator: sep) + "\r\n" : ""
        for row in cells(r) {
            out += row.map { csvField($0.text(listSeparator: ",")) }.joined(separator: sep)
            out += "\r\n"
        }
        return out
    }

    static func jsonString(_ s: String) -> String { "\"" + Escaping.json(s) + "\"" }

    /// A value as JSON; the field's JSON type decides, and the value's own kind when they disagree.
    static func json(_ v: Value, as type: JSONType?) -> String {
        switch (type, v) {
        case (.number?, .int(let i)): return String(i)
        case (.number?, .double(let d)): return d.isFinite ? Value.format(d) : "null"
        case (.string?, .text(let s)), (.string?, .id(let s)): return jsonString(s)
        case (.array?, .list(let l)): return l.isEmpty ? "null" : "[" + l.map(jsonString).joined(separator: ",") + "]"
        default: return json(v)
        }
    }

    static func json(_ v: Value) -> String {
        switch v {
        case .missing: return "null"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? Value.format(d) : "null"
        case .text(let s), .id(let s): return jsonString(s)
        case .list(let l): return l.isEmpty ? "null" : "[" + l.map(jsonString).joined(separator: ",") + "]"
        }
    }

    func json(_ r: ResultSet) -> String {
        let keys = r.columns.map(Renderer.jsonString)
        let types = fields(r).map { $0?.type.json }
        let rows = cells(r)
        if rows.isEmpty { return "[]\n" }
        var out = "["
        for (i, row) in rows.enumerated() {
            out += i == 0 ? "{" : ",\n{"
            for (k, v) in row.enumerated() {
                if k > 0 { out += "," }
                out += keys[k] + ":" + Renderer.json(v, as: types[k])
            }
            out += "}"
        }
        return out + "]\n"
    }

    /// One object per row, one row per line; nothing for no rows.
    func jsonl(_ r: ResultSet) -> String {
        let keys = r.columns.map(Renderer.jsonString)
        let types = fields(r).map { $0?.type.json }
        var out = ""
        for row in cells(r) {
            out += "{"
            for (k, v) in row.enumerated() {
                if k > 0 { out += "," }
                out += keys[k] + ":" + Renderer.json(v, as: types[k])
            }
            out += "}\n"
        }
        return out
    }

    /// The writer of a result's network (an empty network for a table: the session refuses those first).
    func network(_ r: ResultSet) -> NetworkWriter {
        NetworkWriter(kb: kb, network: Network(r, kb: kb) ?? Network(authorities: [], partnerships: []))
    }

    /// A Markdown cell: pipes, backslashes and inline markup escaped, so a name cannot break the table.
    static func markdownCell(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">": out += "\\"; out.unicodeScalars.append(ch)
            case "\n", "\r", "\t": out += " "
            default: if ch.isTerminalControl { out += "\u{FFFD}" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// A GitHub-flavoured Markdown table: a header, numbers aligned right, lists joined by `, `.
    func markdown(_ r: ResultSet) -> String {
        let rows = cells(r)
        let numeric = r.columns.indices.map { c in
            !rows.isEmpty && rows.allSatisfy { row in switch row[c] { case .int, .double, .missing: return true; default: return false } }
        }
        var out = "| " + headerNames(r).map(Renderer.markdownCell).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? "---:|" : "---|" }.joined() + "\n"
        for row in rows {
            out += "| " + row.map { Renderer.markdownCell($0.text(listSeparator: ", ")) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Aligned columns sized by display width, a header, and a closing `(N rows)`.
    func table(_ r: ResultSet) -> String {
        var rows = cells(r)
        var omitted = 0
        var cut = -1
        if maxRows > 0 && rows.count > maxRows {
            let head = (maxRows + 1) / 2, tail = maxRows / 2
            omitted = rows.count - head - tail
            rows = Array(rows.prefix(head)) + Array(rows.suffix(tail))
            cut = head
        }
        let numeric = fields(r).map { $0?.type.alignment == .right }
        var text = rows.map { $0.map { $0.text(listSeparator: ", ").replacingControlCharacters() } }
        let header = headerNames(r)
        var widths = header.map { DisplayWidth.of($0) }
        for row in text { for (c, s) in row.enumerated() { widths[c] = max(widths[c], DisplayWidth.of(s)) } }
        if width > 0 {
            // Cut the widest columns until the table fits the terminal.
            let sep = 3 * max(0, widths.count - 1) + 2
            while widths.reduce(0, +) + sep > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 {
                widths[widest] -= 1
            }
            for i in text.indices { for c in text[i].indices where DisplayWidth.of(text[i][c]) > widths[c] { text[i][c] = Renderer.truncate(text[i][c], to: widths[c]) } }
        }
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - DisplayWidth.of(s)))
            return right ? fill + s : s + fill
        }
        var out = " " + header.enumerated().map { pad(Renderer.truncate($0.element, to: widths[$0.offset]), widths[$0.offset], right: false) }.joined(separator: " | ")
        out = out.trimmingTrailingSpaces() + "\n"
        out += widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
        for (i, row) in text.enumerated() {
            if i == cut { out += language == .fr ? " … \(language.rows(omitted)) de plus (.maxrows pour en voir plus)\n" : " … \(omitted) more row\(omitted == 1 ? "" : "s") (.maxrows to show more)\n" }
            let line = " " + row.enumerated().map { pad($0.element, widths[$0.offset], right: numeric[$0.offset]) }.joined(separator: " | ")
            out += line.trimmingTrailingSpaces() + "\n"
        }
        let n = r.rows.count
        out += "(\(language.rows(n)))\n"
        return out
    }

    /// A string cut to `width` columns, ending with `…`.
    static func truncate(_ s: String, to width: Int) -> String {
        if DisplayWidth.of(s) <= width { return s }
        var out = ""
        var w = 0
        for ch in s {
            let cw = DisplayWidth.of(ch)
            if w + cw > width - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

}
