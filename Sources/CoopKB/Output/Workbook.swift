import Foundation
import ZIPFoundation

extension Renderer {
    /// The excel mode: CSV as French Excel reads it. Fields separated by `;`, rows ended by CRLF, text always
    /// quoted (a `"` doubled), integers bare, decimals with a decimal comma, a missing value empty. The UTF-8
    /// BOM that makes Excel read the accents is written once, at the start of an output, by the session.
    func excel(_ r: ResultSet) -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacing("\"", with: "\"\"") + "\"" }
        var out = headers ? headerNames(r).map(quoted).joined(separator: ";") + "\r\n" : ""
        for row in cells(r) {
            out += row.map { v -> String in
                switch v {
                case .missing: return ""
                case .int(let i): return String(i)
                case .double(let d): return d.isFinite ? Value.format(d).replacing(".", with: ",") : ""
                case .list(let l): return l.isEmpty ? "" : quoted(l.joined(separator: ","))
                case .text(let s), .id(let s): return quoted(s)
                }
            }.joined(separator: ";")
            out += "\r\n"
        }
        return out
    }

    /// A result as a worksheet: its columns and its cells as values.
    public func sheet(_ r: ResultSet, title: String) -> Workbook.Sheet {
        Workbook.Sheet(title: title, columns: headerNames(r), rows: cells(r))
    }
}

/// An Office Open XML workbook (.xlsx) built in memory: one sheet per result, a bold header row that stays
/// in view, integers and decimals as numbers, text as text (an INSEE code keeps its leading zero), a missing
/// value an empty cell. Strings are written inline, so the package holds no shared-string table.
public struct Workbook: Sendable {
    /// One worksheet.
    public struct Sheet: Sendable {
        public var title: String
        public var columns: [String]
        public var rows: [[Value]]

        public init(title: String, columns: [String], rows: [[Value]]) {
            self.title = title
            self.columns = columns
            self.rows = rows
        }
    }

    /// The sheets, in order.
    public private(set) var sheets: [Sheet] = []

    /// The most rows a sheet holds, the header included (Excel's limit).
    public static let maxRows = 1_048_576
    /// The most characters a cell holds (Excel's limit).
    public static let maxCellCharacters = 32_767

    public init() {}

    public var isEmpty: Bool { sheets.isEmpty }

    /// Adds a sheet, its title made a valid and unique sheet name (at most 31 characters, none of `[]:*?/\`).
    /// Returns why it cannot be written, or nil.
    public mutating func add(_ sheet: Sheet) -> SessionProblem? {
        if sheet.rows.count + 1 > Workbook.maxRows { return .tooManyRowsForSheet(rows: sheet.rows.count, limit: Workbook.maxRows - 1) }
        var s = sheet
        s.title = uniqueTitle(sheet.title)
        sheets.append(s)
        return nil
    }

    func uniqueTitle(_ wanted: String) -> String {
        var base = String(wanted.map { "[]:*?/\\".contains($0) || $0.isNewline ? " " : $0 })
            .trimmingCharacters(in: .whitespaces)
        if base.hasPrefix("'") { base.removeFirst() }
        if base.isEmpty || base.lowercased() == "history" { base = "Result" }
        func cut(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n)) }
        let taken = Set(sheets.map { $0.title.lowercased() })
        var title = cut(base, 31)
        var n = 2
        while taken.contains(title.lowercased()) {
            let suffix = " (\(n))"
            title = cut(base, 31 - suffix.count).trimmingCharacters(in: .whitespaces) + suffix
            n += 1
        }
        return title
    }

    /// The .xlsx file's bytes.
    public func bytes() throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Workbook.fixedDate, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let list = sheets.isEmpty ? [Sheet(title: "Result", columns: [], rows: [])] : sheets
        try add("[Content_Types].xml", contentTypes(list.count))
        try add("_rels/.rels", Workbook.header + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        var workbook = Workbook.header + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        var rels = Workbook.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, s) in list.enumerated() {
            workbook += "<sheet name=\"\(Workbook.escape(s.title, attribute: true))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        rels += "<Relationship Id=\"rId\(list.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
        try add("xl/workbook.xml", workbook + "</sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", rels)
        try add("xl/styles.xml", Workbook.styles)
        for (i, s) in list.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", worksheet(s)) }
        guard let data = archive.data else { throw WorkbookError.notWritten }
        return [UInt8](data)
    }

    enum WorkbookError: Error, CustomStringConvertible {
        case notWritten
        var description: String { "the workbook could not be assembled in memory" }
    }

    /// Every entry gets the same date, so the same results always give the same bytes.
    static let fixedDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// Two cell formats: the default, and bold for the header row.
    static let styles = header + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    func contentTypes(_ count: Int) -> String {
        var out = Workbook.header + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for i in 1...count {
            out += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return out + "</Types>"
    }

    /// A column's letters: 0 → A, 25 → Z, 26 → AA.
    public static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    func worksheet(_ s: Sheet) -> String {
        let names = s.columns.indices.map(Workbook.columnLetters)
        var widths = s.columns.map { DisplayWidth.of($0) }
        for row in s.rows.prefix(1000) {
            for (c, v) in row.enumerated() where c < widths.count { widths[c] = max(widths[c], DisplayWidth.of(v.text(listSeparator: ","))) }
        }
        var out = Workbook.header + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        out += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        if !widths.isEmpty {
            out += "<cols>"
            for (c, w) in widths.enumerated() { out += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(min(max(w, 6), 60) + 2)\" customWidth=\"1\"/>" }
            out += "</cols>"
        }
        out += "<sheetData><row r=\"1\">"
        for (c, name) in s.columns.enumerated() { out += Workbook.textCell(names[c] + "1", name, style: 1) }
        out += "</row>"
        for (i, row) in s.rows.enumerated() {
            let r = String(i + 2)
            out += "<row r=\"\(r)\">"
            for (c, v) in row.enumerated() where c < names.count {
                let ref = names[c] + r
                switch v {
                case .missing: continue
                case .int(let n): out += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                case .double(let d): if d.isFinite { out += "<c r=\"\(ref)\"><v>\(Value.format(d))</v></c>" }
                case .text(let t), .id(let t): out += Workbook.textCell(ref, t)
                case .list(let l): if !l.isEmpty { out += Workbook.textCell(ref, l.joined(separator: ",")) }
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    static func textCell(_ ref: String, _ text: String, style: Int = 0) -> String {
        "<c r=\"\(ref)\"\(style > 0 ? " s=\"\(style)\"" : "") t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text, attribute: false))</t></is></c>"
    }

    /// XML text: `&`, `<`, `>` (and `"` in attributes) escaped; control characters XML cannot hold written
    /// as Excel's `_xHHHH_`, and a literal `_x` escaped so that it reads back as written.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var scalars = Array(s.unicodeScalars)
        if scalars.count > maxCellCharacters { scalars = Array(scalars.prefix(maxCellCharacters)) }
        for (i, u) in scalars.enumerated() {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "_" where i + 1 < scalars.count && scalars[i + 1] == "x": out += "_x005F_"
            default:
                if (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || u.value == 0xFFFE || u.value == 0xFFFF {
                    let h = String(u.value, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: 4 - h.count) + h + "_"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
