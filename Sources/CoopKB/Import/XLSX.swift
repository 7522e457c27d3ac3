import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads an .xlsx workbook (a ZIP of XML parts, ECMA-376): the first sheet or a named one; shared and
/// inline strings, numbers, booleans and dates (a cell whose number format is a date becomes YYYY-MM-DD).
enum XLSXReader {
    static func read(path: String, data: Data, sheet wanted: String?, sha256: String) throws -> Sheet {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw SheetFailure(.notZip(path, error: "\(error)"))
        }
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            var out = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { out.append($0) } } catch {
                throw SheetFailure(.damagedPart(path, part: name, error: "\(error)"))
            }
            return out
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw SheetFailure(.notWorkbook(path))
        }
        let book = WorkbookParser.parse(workbook)
        guard !book.sheets.isEmpty else { throw SheetFailure(.noSheets(path)) }
        let chosen: (name: String, rid: String)
        if let wanted {
            guard let s = book.sheets.first(where: { $0.name == wanted }) ?? book.sheets.first(where: { Folding.fold($0.name) == Folding.fold(wanted) }) else {
                throw SheetFailure(.noSheetNamed(path, sheet: wanted, sheets: book.sheets.map(\.name)))
            }
            chosen = s
        } else {
            chosen = book.sheets[0]
        }
        var target = "xl/worksheets/sheet1.xml"
        if let rels = try part("xl/_rels/workbook.xml.rels"), let t = RelationsParser.parse(rels)[chosen.rid] {
            target = t.hasPrefix("/") ? String(t.dropFirst()) : (t.hasPrefix("xl/") ? t : "xl/" + t)
        }
        guard let sheetXML = try part(target) else { throw SheetFailure(.missingSheetPart(path, sheet: chosen.name, part: target)) }
        let shared = try part("xl/sharedStrings.xml").map { SharedStringsParser.parse($0) } ?? []
        let dateStyles = try part("xl/styles.xml").map { StylesParser.dateStyles($0) } ?? []
        let cells = WorksheetParser.parse(sheetXML, shared: shared, dateStyles: dateStyles, date1904: book.date1904)

        // One line of text per sheet row (cells joined by tabs), so messages can quote the row.
        var text = ""
        var rows: [SheetRow] = []
        var line = 1
        for (number, values) in cells {
            while line < number { text += "\n"; line += 1 }
            let start = text.utf8.count
            var offsets: [Int] = []
            var row: [String] = []
            for (i, v) in values.enumerated() {
                if i > 0 { text += "\t" }
                offsets.append(text.utf8.count)
                let shown = v.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
                text += shown
                row.append(v)
            }
            rows.append(SheetRow(line: number, cells: row, offsets: offsets, start: start))
        }
        let source = Source(name: path, text: text)
        let nonEmpty = rows.drop { $0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = nonEmpty.first else {
            throw SheetFailure(.emptySheet(path, sheet: chosen.name))
        }
        return Sheet(file: path, source: source, header: header, rows: Array(nonEmpty.dropFirst()),
                     format: .xlsx(sheet: chosen.name), columnsAreCells: true, sha256: sha256)
    }

    /// "AB12" → 27 (0-based column of a cell reference).
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var any = false
        for u in ref.unicodeScalars {
            guard u.value >= 65 && u.value <= 90 else { break }
            n = n * 26 + Int(u.value - 64); any = true
        }
        return any ? n - 1 : nil
    }

    /// A date serial number as YYYY-MM-DD (1900 system, with Excel's phantom 29 February 1900, or 1904).
    static func dateText(_ serial: Double, date1904: Bool) -> String {
        var days = Int(serial.rounded(.down))
        if date1904 { days += 1462 }
        if days >= 60 { days -= 1 }   // Excel counts 1900-02-29, which never was.
        // Days since 1899-12-31 → civil date (Howard Hinnant's algorithm, from 1970-01-01).
        let z = days - 25568 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// A number as a spreadsheet shows it in General format: integers without ".0".
    static func numberText(_ raw: String) -> String {
        guard let v = Double(raw) else { return raw }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return raw
    }
}

/// `xl/workbook.xml`: the sheets in order (name and relationship id), and the 1904 date system flag.
final class WorkbookParser: NSObject, XMLParserDelegate {
    var sheets: [(name: String, rid: String)] = []
    var date1904 = false

    static func parse(_ data: Data) -> WorkbookParser {
        runXML(WorkbookParser(), data)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if local(name) == "sheet", let n = attributes["name"] {
            let rid = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value ?? ""
            sheets.append((n, rid))
        } else if local(name) == "workbookPr", let d = attributes["date1904"] {
            date1904 = d == "1" || d == "true"
        }
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part path.
final class RelationsParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] {
        runXML(RelationsParser(), data).targets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if local(name) == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
    }
}

/// `xl/sharedStrings.xml`: each `si`'s text (plain `t`, or the `t`s of its rich-text runs; phonetic runs left out).
final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var inPhonetic = false

    static func parse(_ data: Data) -> [String] {
        runXML(SharedStringsParser(), data).strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(name) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// `xl/styles.xml`: which cell styles (indexes into `cellXfs`) have a date number format.
final class StylesParser: NSObject, XMLParserDelegate {
    var customDateFormats = Set<Int>()
    var styles: [Int] = []
    var inCellXfs = false

    static func dateStyles(_ data: Data) -> Set<Int> {
        let p = runXML(StylesParser(), data)
        var out = Set<Int>()
        for (i, f) in p.styles.enumerated() where (14...22).contains(f) || (45...47).contains(f) || p.customDateFormats.contains(f) { out.insert(i) }
        return out
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(name) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                // A format is a date when it has d, m or y outside quotes and brackets (and is not only elapsed time).
                var plain = ""
                var quoted = false, bracket = false
                for ch in code.lowercased() {
                    if ch == "\"" { quoted.toggle(); continue }
                    if ch == "[" { bracket = true; continue }
                    if ch == "]" { bracket = false; continue }
                    if !quoted && !bracket { plain.append(ch) }
                }
                if plain.contains("y") || plain.contains("d") || (plain.contains("m") && !plain.contains("h") && !plain.contains("s")) {
                    customDateFormats.insert(id)
                }
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: styles.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if local(name) == "cellXfs" { inCellXfs = false }
    }
}

/// A worksheet part: for each non-empty row, its number and its cells' text in column order (gaps empty).
final class WorksheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let dateStyles: Set<Int>
    let date1904: Bool
    var rows: [(Int, [String])] = []
    var rowNumber = 0
    var cells: [String] = []
    var column = 0
    var type = ""
    var style = 0
    var value = ""
    var inValue = false

    init(shared: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.shared = shared; self.dateStyles = dateStyles; self.date1904 = date1904
    }

    static func parse(_ data: Data, shared: [String], dateStyles: Set<Int>, date1904: Bool) -> [(Int, [String])] {
        runXML(WorksheetParser(shared: shared, dateStyles: dateStyles, date1904: date1904), data).rows
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(name) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
        case "c":
            column = attributes["r"].flatMap(XLSXReader.columnIndex) ?? cells.count
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "v", "t": inValue = false
        case "c":
            let text: String
            switch type {
            case "s": text = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            case "inlineStr", "str", "e", "d": text = value
            default:
                if dateStyles.contains(style), let serial = Double(value) { text = XLSXReader.dateText(serial, date1904: date1904) }
                else { text = XLSXReader.numberText(value) }
            }
            while cells.count < column { cells.append("") }
            if cells.count == column { cells.append(text) } else if column < cells.count { cells[column] = text }
        case "row":
            while let last = cells.last, last.isEmpty { cells.removeLast() }
            if !cells.isEmpty { rows.append((rowNumber, cells)) }
        default: break
        }
    }
}

/// Runs an XML part through a parser delegate and hands the delegate back with what it gathered.
private func runXML<P: XMLParserDelegate>(_ delegate: P, _ data: Data) -> P {
    let parser = XMLParser(data: data)
    parser.delegate = delegate
    _ = parser.parse()
    return delegate
}

/// An element name without its namespace prefix.
private func local(_ name: String) -> String {
    if let i = name.lastIndex(of: ":") { return String(name[name.index(after: i)...]) }
    return name
}
