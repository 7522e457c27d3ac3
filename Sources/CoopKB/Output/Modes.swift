/// The output modes (SPEC section 5): one entry each, read by `--format`, `.mode`, its completion, its usage
/// message and the renderer. Adding a mode is a constant and an entry here (see docs/architecture.md).
public struct OutputMode: Hashable, Sendable, RawRepresentable, CaseIterable {
    /// The name written after `--format` and `.mode`.
    public let rawValue: String

    /// The mode of that name, or nil when there is none.
    public init?(rawValue: String) {
        guard OutputMode.modes.contains(where: { $0.mode.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    private init(_ name: String) { rawValue = name }

    public static let table = OutputMode("table")
    public static let tsv = OutputMode("tsv")
    public static let csv = OutputMode("csv")
    public static let json = OutputMode("json")
    /// One JSON object per line, across all results (for jq and pandas).
    public static let jsonl = OutputMode("jsonl")
    /// CSV as French Excel opens it by double-click: UTF-8 BOM, `;`, CRLF, text quoted, numbers bare.
    public static let excel = OutputMode("excel")
    /// An Excel workbook, one sheet per result (see Output/Workbook.swift); binary, so never to a terminal.
    public static let xlsx = OutputMode("xlsx")
    /// A Graphviz graph of the result (see Output/Dot.swift).
    public static let dot = OutputMode("dot")
    /// A GitHub-flavoured Markdown table.
    public static let markdown = OutputMode("markdown")
    /// The result's network as GraphML, GEXF or GeoJSON (see Output/Exports.swift).
    public static let graphml = OutputMode("graphml")
    public static let gexf = OutputMode("gexf")
    public static let geojson = OutputMode("geojson")

    /// Every mode, in the order help and completion list them.
    public static let modes: [OutputModeEntry] = [
        OutputModeEntry(.table, "aligned columns for people", separator: "\n") { $0.table($1) },
        OutputModeEntry(.tsv, "tab-separated, a header line", separator: "\n") { $0.tsv($1) },
        OutputModeEntry(.csv, "RFC 4180 comma-separated, CRLF", separator: "\n") { $0.csv($1) },
        OutputModeEntry(.json, "one JSON array per statement", separator: nil) { $0.json($1) },
        OutputModeEntry(.jsonl, "one JSON object per line, across all results", separator: nil) { $0.jsonl($1) },
        OutputModeEntry(.excel, "CSV for French Excel: BOM, ';', CRLF, decimal comma", note: "CSV for Excel", separator: "\r\n") { $0.excel($1) },
        // The workbook itself is made by the session (Output/Workbook.swift); as text it is TSV.
        OutputModeEntry(.xlsx, "an Excel workbook, one sheet per result, to a file", separator: "\n") { $0.tsv($1) },
        OutputModeEntry(.dot, "a Graphviz graph", separator: nil) { DotWriter(kb: $0.kb).graph($1) },
        OutputModeEntry(.markdown, "a GitHub Markdown table", separator: "\n") { $0.markdown($1) },
        OutputModeEntry(.graphml, "the result's network as GraphML", separator: nil, network: true) { $0.network($1).graphML() },
        OutputModeEntry(.gexf, "the result's network as GEXF, placed by coordinates, for Gephi", note: "Gephi", separator: nil, network: true) {
            $0.network($1).gexf() },
        OutputModeEntry(.geojson, "the result's network as RFC 7946 GeoJSON, for QGIS", note: "QGIS", separator: nil, network: true) {
            $0.network($1).geoJSON() },
    ]

    public static var allCases: [OutputMode] { modes.map(\.mode) }

    /// This mode's entry.
    public var entry: OutputModeEntry { OutputMode.modes.first { $0.mode == self }! }

    /// Whether the mode writes a network (a table result cannot be written in it).
    public var isNetwork: Bool { entry.network }

    /// What the mode is, for `--help`, `.help` and the man page.
    public var summary: String { entry.summary }

    /// Every mode's name, "table, tsv, …, dot".
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// "table|tsv|…|dot", for usage messages.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: "|") }
}

/// One output mode: its name, a line of help, what separates results, and how it writes a result.
public struct OutputModeEntry: Sendable {
    public let mode: OutputMode
    /// One line for help.
    public let summary: String
    /// A word `.help` adds after the mode's name in the `.mode` line, or nil.
    public let note: String?
    /// What goes between two results in one output (a blank line), or nil when results follow each other.
    public let separator: String?
    /// Whether it writes the result's network (authorities and partnerships), so a table cannot be written in it.
    public let network: Bool
    /// The whole text of a result, ending with a newline.
    let render: @Sendable (Renderer, ResultSet) -> String

    init(_ mode: OutputMode, _ summary: String, note: String? = nil, separator: String?, network: Bool = false, render: @escaping @Sendable (Renderer, ResultSet) -> String) {
        self.mode = mode
        self.summary = summary
        self.note = note
        self.separator = separator
        self.network = network
        self.render = render
    }
}
