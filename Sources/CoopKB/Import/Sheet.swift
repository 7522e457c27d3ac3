import Foundation
import SwiftCSV

/// One row of a spreadsheet: its cells, and where each starts (for messages).
struct SheetRow {
    /// The 1-based line (CSV) or row number (XLSX) the row starts on.
    let line: Int
    /// The cells, as text, in column order.
    let cells: [String]
    /// For each cell, the UTF-8 offset in the sheet's `source` where it starts.
    let offsets: [Int]
    /// The UTF-8 offset where the row starts.
    let start: Int
}

/// A spreadsheet read into rows of text, with a source that messages point into.
struct Sheet {
    /// The file the rows came from, as named by the user.
    let file: String
    /// The text messages quote: the decoded CSV, or for an .xlsx one line per sheet row, cells joined by tabs.
    let source: Source
    /// The first non-empty row, read as the column headers.
    let header: SheetRow
    /// The data rows below the header.
    let rows: [SheetRow]
    /// What the file was read as: said in the notice after the import, and in the written KB's comment.
    let format: ImportProblem.SheetFormat
    /// "CSV, ';'-separated, Windows-1252", "XLSX, sheet 'Feuil1'": the written KB file's comment (English).
    var description: String { English().text(format) }
    /// In an .xlsx, messages give the spreadsheet's column number, not a character column.
    let columnsAreCells: Bool
    /// The SHA-256 of the file's bytes, in hexadecimal.
    let sha256: String

    /// The place of a cell for a message: a diagnostic at its start.
    func diagnostic(row: SheetRow, cell: Int?, severity: Severity, _ problem: ImportProblem) -> Diagnostic {
        let offset = cell.flatMap { $0 < row.offsets.count ? row.offsets[$0] : nil } ?? row.start
        var d = Diagnostic(source: source, offset: offset, problem: .importing(problem), severity: severity)
        if columnsAreCells { d.columnOverride = (cell ?? 0) + 1 }
        return d
    }
}

/// Why a spreadsheet cannot be read at all.
struct SheetFailure: Error {
    let problem: ImportProblem
    /// The problem at its place in the file, when there is one.
    var diagnostic: Diagnostic? = nil

    init(_ problem: ImportProblem) { self.problem = problem }

    init(_ problem: ImportProblem, source: Source, offset: Int) {
        self.problem = problem
        diagnostic = Diagnostic(source: source, offset: offset, problem: .importing(problem))
    }
}

/// Text encodings a CSV may be in.
enum TextEncoding: String, CaseIterable {
    case utf8 = "utf-8", windows1252 = "windows-1252", latin1 = "iso-8859-1", latin9 = "iso-8859-15", utf16 = "utf-16"

    /// The encoding a user's name stands for (`cp1252`, `latin1`, `UTF8`, …).
    init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8": self = .utf8
        case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
        case "iso88591", "latin1", "l1": self = .latin1
        case "iso885915", "latin9", "latin0": self = .latin9
        case "utf16", "utf16le", "utf16be", "ucs2": self = .utf16
        default: return nil
        }
    }

    /// How the summary names it.
    var label: String {
        switch self {
        case .utf8: return "UTF-8"
        case .windows1252: return "Windows-1252"
        case .latin1: return "ISO-8859-1"
        case .latin9: return "ISO-8859-15"
        case .utf16: return "UTF-16"
        }
    }

    /// Windows-1252 at 0x80…0x9F (0 where the code page leaves a byte undefined).
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// ISO-8859-15 differs from Latin-1 in eight places.
    static let latin9Changes: [UInt8: UInt32] = [0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E,
                                                 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178]

    /// Decodes single-byte text; returns the offset of a byte the code page leaves undefined, if any.
    func decodeSingleByte(_ bytes: ArraySlice<UInt8>) -> (String, Int?) {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for (i, b) in zip(bytes.indices, bytes) {
            var v = UInt32(b)
            switch self {
            case .windows1252 where b >= 0x80 && b <= 0x9F:
                v = TextEncoding.cp1252High[Int(b - 0x80)]
                if v == 0 { return ("", i) }
            case .latin9: v = TextEncoding.latin9Changes[b] ?? v
            default: break
            }
            scalars.append(Unicode.Scalar(v)!)
        }
        return (String(scalars), nil)
    }
}

/// Reads a spreadsheet file into a `Sheet`: CSV and TSV through SwiftCSV, .xlsx through ZIPFoundation and XMLParser.
enum SheetReader {
    /// Reads the file at `path`; `sheet` picks an .xlsx sheet by name, `encoding` forces a CSV's encoding.
    static func read(path: String, sheet: String?, encoding: TextEncoding?, system: any System) throws -> Sheet {
        let bytes: [UInt8]
        switch system.contents(path) {
        case .success(let b): bytes = b
        case .failure(let e):
            throw SheetFailure(.cannotRead(path, e == .notFound ? .missing : e == .isDirectory ? .directory : .permission))
        }
        let data = Data(bytes)
        let digest = SHA256.hex(bytes)
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if encoding != nil { throw SheetFailure(.encodingOnWorkbook(path)) }
            return try XLSXReader.read(path: path, data: data, sheet: sheet, sha256: digest)
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw SheetFailure(.oldExcel(path))
        }
        if sheet != nil { throw SheetFailure(.sheetOnCSV(path)) }
        return try readCSV(path: path, bytes: bytes, encoding: encoding, sha256: digest)
    }

    // MARK: CSV

    /// Decodes the bytes (BOM, then UTF-8 if valid, else Windows-1252, unless `forced`), finds the delimiter,
    /// parses with SwiftCSV and finds where each row and cell starts.
    static func readCSV(path: String, bytes: [UInt8], encoding forced: TextEncoding?, sha256: String) throws -> Sheet {
        var body = bytes[...]
        var encoding = forced ?? .utf8
        var bom = false
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3); bom = true
            if forced == nil { encoding = .utf8 }
        } else if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            if forced == nil || forced == .utf16 { encoding = .utf16; bom = true }
        }
        var text: String
        switch encoding {
        case .utf8:
            if let t = String(validating: body, as: UTF8.self) {
                text = t
            } else if forced == nil {
                encoding = .windows1252
                let (t, bad) = encoding.decodeSingleByte(body)
                if let bad { throw undecodable(path, bytes, bad, .guessed) }
                text = t
            } else {
                let bad = firstInvalidUTF8(body)
                throw undecodable(path, bytes, bad, .utf8)
            }
        case .utf16:
            guard let t = String(data: Data(body), encoding: .utf16) else {
                throw SheetFailure(.notUTF16(path))
            }
            text = t
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        default:
            let (t, bad) = encoding.decodeSingleByte(body)
            if let bad { throw undecodable(path, bytes, bad, .singleByte(encoding.label)) }
            text = t
        }
        let source = Source(name: path, text: text)
        let delimiter = guessDelimiter(text, path: path)
        let layout = layoutRows(source.bytes, delimiter: delimiter.asciiValue!)
        var rows: [[String]] = []
        do {
            try SwiftCSV.CSV<Enumerated>(string: text, delimiter: CSVDelimiter.character(delimiter), loadColumns: false, rowLimit: 0).enumerateAsArray(startAt: 0, rowLimit: nil) { rows.append($0) }
        } catch {
            // SwiftCSV stops at the first malformed quote; the row after the last one it gave holds it.
            let at = rows.count < layout.count ? layout[rows.count].start : source.bytes.count
            throw SheetFailure(.malformedQuotes, source: source, offset: at)
        }
        var sheetRows: [SheetRow] = []
        sheetRows.reserveCapacity(rows.count)
        for (i, cells) in rows.enumerated() {
            let place = i < layout.count ? layout[i] : (start: source.bytes.count, cells: [])
            let offsets = (0..<cells.count).map { $0 < place.cells.count ? place.cells[$0] : place.start }
            sheetRows.append(SheetRow(line: source.location(of: place.start).line, cells: cells, offsets: offsets, start: place.start))
        }
        let nonEmpty = sheetRows.drop { $0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = nonEmpty.first else { throw SheetFailure(.noRows(path)) }
        return Sheet(file: path, source: source, header: header, rows: Array(nonEmpty.dropFirst()),
                     format: .csv(delimiter: delimiter, encoding: encoding.label, bom: bom),
                     columnsAreCells: false, sha256: sha256)
    }

    static func undecodable(_ path: String, _ bytes: [UInt8], _ offset: Int, _ tried: ImportProblem.Undecodable) -> SheetFailure {
        // The message points at the byte, in the raw file (shown with the undecodable bytes replaced).
        return SheetFailure(.undecodable(byte: bytes[offset], tried), source: Source(name: path, bytes: bytes), offset: offset)
    }

    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var lo = bytes.startIndex
        // The longest valid prefix, found line by line.
        var i = bytes.startIndex
        while i < bytes.endIndex {
            var e = i
            while e < bytes.endIndex && bytes[e] != 0x0A { e += 1 }
            if String(validating: bytes[i..<e], as: UTF8.self) == nil {
                lo = i
                var k = i
                while k < e {
                    let b = bytes[k]
                    let n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
                    if n == 0 || k + n > e || String(validating: bytes[k..<k + n], as: UTF8.self) == nil { return k }
                    k += n
                }
                return lo
            }
            i = e + 1
        }
        return lo
    }

    /// The delimiter of the header line: whichever of tab, `;` and `,` occurs most outside quotes
    /// (ties: tab, then `;`, since a French name holds commas more often than semicolons); `.tsv` files are tab-separated.
    static func guessDelimiter(_ text: String, path: String) -> Character {
        if path.lowercased().hasSuffix(".tsv") || path.lowercased().hasSuffix(".tab") { return "\t" }
        var counts: [Character: Int] = ["\t": 0, ";": 0, ",": 0]
        var quoted = false
        var seen = false
        for ch in text {
            if ch == "\"" { quoted.toggle(); continue }
            if quoted { continue }
            if ch.isNewline { if seen { break } else { continue } }
            seen = true
            if counts[ch] != nil { counts[ch]! += 1 }
        }
        for d in ["\t", ";", ","] as [Character] where counts[d]! > 0 && counts[d]! == counts.values.max()! { return d }
        return ","
    }

    /// Where each record and each of its cells starts: quotes tracked so that a line end or a delimiter
    /// inside a quoted cell does not count (values themselves are SwiftCSV's).
    static func layoutRows(_ p: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> [(start: Int, cells: [Int])] {
        var out: [(start: Int, cells: [Int])] = []
        var i = 0
        let n = p.count
        while i < n {
            let start = i
            var cells = [i]
            var quoted = false
            var atCellStart = true
            var ended = false
            while i < n {
                let b = p[i]
                if quoted {
                    if b == 0x22 { if i + 1 < n && p[i + 1] == 0x22 { i += 2; continue }; quoted = false }
                    i += 1
                    continue
                }
                if b == 0x22 && atCellStart { quoted = true; atCellStart = false; i += 1; continue }
                if b == delimiter { i += 1; cells.append(i); atCellStart = true; continue }
                if b == 0x0A || b == 0x0D {
                    i += (b == 0x0D && i + 1 < n && p[i + 1] == 0x0A) ? 2 : 1
                    ended = true
                    break
                }
                // Blanks before a cell's opening quote do not make it unquoted (SwiftCSV skips them).
                if b != 0x20 && b != 0x09 { atCellStart = false }
                i += 1
            }
            // Skip the blanks before each cell's text, so that a caret points at the text.
            cells = cells.map { c in var c = c; while c < n && (p[c] == 0x20 || (p[c] == 0x09 && delimiter != 0x09)) { c += 1 }; return c }
            out.append((start, cells))
            _ = ended
        }
        return out
    }
}

extension CSVDelimiter {
    static func character(_ c: Character) -> CSVDelimiter {
        switch c {
        case "\t": return .tab
        case ";": return .semicolon
        default: return .comma
        }
    }
}
