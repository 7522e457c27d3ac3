/// What `.import` writes: the summary table, the `--report` CSV and OUT.kb's text.
enum ImportReport {
    /// One row per outcome, with its count, then the total.
    static func summary(_ results: [ImportRowResult], created: Int) -> ResultSet {
        var counts: [ImportOutcome: Int] = [:]
        for r in results { counts[r.outcome, default: 0] += 1 }
        let meaning: [ImportOutcome: String] = [
            .new: "new partnership",
            .created: "new partnership, partner created",
            .existing: "already in the KB",
            .duplicate: "same pair as an earlier row",
            .ambiguous: "a name fits several authorities",
            .unresolved: "a name fits no authority",
            .invalid: "a cell cannot be read",
            .empty: "empty row",
        ]
        var rows: [Row] = ImportOutcome.allCases.filter { $0 != .empty || counts[.empty] != nil }.map { o in
            .values([.text(o.rawValue), .int(counts[o] ?? 0), .text(meaning[o]!)])
        }
        rows.append(.values([.text("total"), .int(results.count), .text("\(created) partner\(created == 1 ? "" : "s") created")]))
        var r = ResultSet(kind: .table, rows: rows, columns: ["outcome", "rows", "meaning"])
        r.valueFields = [ValueColumn("outcome", .text), ValueColumn("rows", .integer), ValueColumn("meaning", .text)]
        r.origin = "import"
        return r
    }

    /// `--report`: line, outcome, the resolved ids, the candidates, the message.
    static func csv(_ results: [ImportRowResult]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = "line,outcome,authority,partner,candidates,message\n"
        for r in results {
            let message = r.message.map { "\($0.severity.rawValue): \($0.message)" } ?? ""
            out += [String(r.row.line), r.outcome.rawValue, r.a, r.b, r.candidates.joined(separator: " "), message].map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// OUT.kb: a header naming the spreadsheet and its SHA-256, then the created authorities and the new
    /// partnerships, each with the spreadsheet line it comes from.
    static func kbText(_ importer: Importer, sheet: Sheet, out: String) -> String {
        let name = importer.sourceName
        var counts: [ImportOutcome: Int] = [:]
        for r in importer.results { counts[r.outcome, default: 0] += 1 }
        var text = """
        # \((out as NSString).lastPathComponent) -- records imported by coopkb's .import from a spreadsheet.
        # Source: \(sheet.file) (\(sheet.description)), SHA-256 \(sheet.sha256).
        # Rows: \(importer.results.count); \(ImportOutcome.allCases.compactMap { o in counts[o].map { "\(o.rawValue) \($0)" } }.joined(separator: ", ")).
        # Each record ends with the spreadsheet line it comes from; partnerships say it in source=.
        # Authorities created for partners the KB lacked: kind=municipality unless a column said otherwise.

        """
        if !importer.authorities.isEmpty { text += "\n" }
        for r in importer.authorities { text += r.text + "  # created from \(name):\(r.line)\n" }
        if !importer.partnerships.isEmpty { text += "\n" }
        for r in importer.partnerships { text += r.text + (Importer.writesSource ? "\n" : "  # \(name):\(r.line)\n") }
        if !importer.amendments.isEmpty { text += "\n# Fields added to partnerships already in the KB (none overwritten):\n" }
        for r in importer.amendments { text += r.text + "\n" }
        return text
    }
}

import Foundation
