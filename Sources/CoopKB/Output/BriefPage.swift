/// A brief as one self-contained HTML page (`.brief FILE.html REF`): its lines and sections as tables, the map
/// and the network picture inlined as SVG, styled for A4 printing, readable without the tool. Nothing outside
/// the page is referred to (no script, no link, no image file, no font), and no date or path is written in it,
/// so the same KB gives the same bytes. Every text from the KB is escaped, so a name cannot break the page.
public struct BriefPage {
    public let kb: KnowledgeBase

    public init(kb: KnowledgeBase) { self.kb = kb }

    /// A picture of the page: an SVG document, or the sentence saying why there is none.
    public enum Picture {
        case svg(String)
        case missing(String)
    }

    static func escape(_ s: String) -> String { XMLText.escape(s) }

    /// The page's style: A4 with margins; the cover holds the title, totals and map; the network picture starts a
    /// page, and so do the sections (the first one; the others follow on); a section is kept on one page when it fits, a heading never ends a page, a table row is
    /// never split and the header row repeats on each page; long words wrap, so no table runs off the page.
    static let style = """
    @page { size: A4; margin: 14mm 12mm 16mm; }
    html { background: #ffffff; }
    body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 9.5pt; line-height: 1.35; color: #222222; max-width: 186mm; margin: 0 auto; padding: 0 2mm; }
    h1 { font-size: 17pt; margin: 6pt 0 4pt; }
    h2 { font-size: 12pt; margin: 14pt 0 4pt; break-after: avoid; page-break-after: avoid; }
    p { margin: 2pt 0; }
    section { break-inside: avoid; page-break-inside: avoid; }
    section.picture, section.first { break-before: page; page-break-before: always; }
    table { border-collapse: collapse; width: 100%; max-width: 100%; margin: 3pt 0 6pt; }
    th, td { border: 0.5pt solid #bbbbbb; padding: 1.5pt 4pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-wrap: break-word; }
    th { background: #eef2f6; font-weight: bold; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    figure { margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
    figure svg { display: block; width: 100%; height: auto; max-height: 225mm; }
    section.cover figure svg { max-height: 200mm; }
    figcaption { font-size: 8.5pt; color: #555555; margin-top: 2pt; }
    p.none { color: #555555; font-style: italic; }
    footer { margin-top: 12pt; font-size: 8pt; color: #555555; border-top: 0.5pt solid #bbbbbb; padding-top: 3pt; }
    @media print { body { max-width: none; padding: 0; } }
    """

    /// Whether a column of a brief table holds numbers (typed so by the brief): aligned right.
    func numeric(_ t: ResultSet) -> [Bool] {
        let fields = Renderer(kb: kb, mode: .table).fields(t)
        return fields.map { $0?.type.alignment == .right }
    }

    /// A table: a header row, then one row per result row; numbers right-aligned; lists joined by `, `.
    func htmlTable(_ t: ResultSet) -> String {
        let cells = Renderer(kb: kb, mode: .table).cells(t)
        if cells.isEmpty { return "<p class=\"none\">(none)</p>\n" }
        let numeric = numeric(t)
        func cls(_ c: Int) -> String { numeric[c] ? " class=\"n\"" : "" }
        var out = "<table>\n<thead><tr>" + t.columns.enumerated().map { "<th\(cls($0.offset))>\(BriefPage.escape($0.element))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in cells {
            out += "<tr>" + row.enumerated().map { c, v in "<td\(cls(c))>\(BriefPage.escape(v.text(listSeparator: ", ")))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// An SVG document made fit to inline in HTML: what comes before `<svg` (XML declaration, doctype) and every
    /// comment removed (Graphviz writes its version in one, which would tie the page to it).
    static func inline(_ svg: String) -> String {
        var rest = Substring(svg)
        if let r = rest.range(of: "<svg") { rest = rest[r.lowerBound...] }
        var out = ""
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest.range(of: "-->", range: open.upperBound..<rest.endIndex) else { rest = ""; break }
            rest = rest[close.upperBound...]
        }
        out += rest
        if !out.hasSuffix("\n") { out += "\n" }
        return out
    }

    /// A titled picture; `newPage`: it starts a page when printed.
    func figure(_ heading: String, _ picture: Picture, caption: String, newPage: Bool) -> String {
        var out = "<section class=\"\(newPage ? "picture" : "cover")\">\n<h2>\(BriefPage.escape(heading))</h2>\n"
        switch picture {
        case .svg(let svg): out += "<figure>\n\(BriefPage.inline(svg))<figcaption>\(BriefPage.escape(caption))</figcaption>\n</figure>\n"
        case .missing(let why): out += "<p class=\"none\">\(BriefPage.escape(why))</p>\n"
        }
        return out + "</section>\n"
    }

    /// The page of a brief with its map and network picture.
    public func html(_ b: Brief, map: Picture, network: Picture) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="coopkb">
        <title>\(BriefPage.escape(b.title))</title>
        <style>
        \(BriefPage.style)
        </style>
        </head>
        <body>
        <header>
        <h1>\(BriefPage.escape(b.title))</h1>

        """
        out += b.lines.map { "<p>\(BriefPage.escape($0))</p>\n" }.joined()
        out += "</header>\n"
        out += figure("Map", map, caption: "The authorities of this brief at their coordinates and their partnerships as lines.", newPage: false)
        out += figure("Network", network, caption: "The partnerships of this brief: French authorities in blue, foreign ones in orange, a partnership that is not active dashed (drawn by Graphviz; years and themes are in the tables).", newPage: true)
        for (i, s) in b.sections.enumerated() {
            out += "<section\(i == 0 ? " class=\"first\"" : "")>\n<h2>\(BriefPage.escape(s.title))</h2>\n"
            if let n = s.note { out += "<p>\(BriefPage.escape(n))</p>\n" }
            if let t = s.table { out += htmlTable(t) }
            out += "</section>\n"
        }
        out += "<footer>Made by coopkb from its knowledge base (the same KB gives the same page). \(BriefPage.escape(Outlines.credits))</footer>\n</body>\n</html>\n"
        return out
    }
}
