/// The text of `.help`: every term, stage and command, each with an example that works on the shipped KB.
public enum Help {
    /// The version `coopkb --version` prints.
    public static let version = "0.1.0"

    static let topics: [(String, String)] = [
        ("authorities", "authorities [in REF]\n  Every authority, or those located in a country (its authorities) or in an authority (its\n  descendants through parent, itself excluded).\n  example: authorities in FR-BRE | count by kind"),
        ("countries", "countries\n  Every country.\n  example: countries | where zone = africa | limit 5"),
        ("groups", "groups [of SET]\n  Every group, or the groups with a member in SET.\n  example: groups of rennes"),
        ("partnerships", "partnerships [of SET | between SET and SET]\n  Every partnership as written; those with a side in SET, turned so that a is in SET; or those\n  between two sets, turned so that a is in the first.\n  example: partnerships of FR | count by b.country | limit 5"),
        ("partners", "partners of SET\n  The authorities with a partnership with an authority in SET.\n  example: partners of rennes"),
        ("members", "members of GROUPS\n  The members of a group, or of a set of groups.\n  example: members of gp-mali | limit 5"),
        ("neighbours", "neighbours of SET [depth N]   (neighbors is accepted too)\n  The authorities 1 to N partnership steps from SET (default 1), SET excluded, with their distance.\n  example: neighbours of strasbourg depth 2 | where country != FR | count by country | limit 5"),
        ("path", "path from REF to REF [via groups]\n  A shortest chain of partnerships between two authorities; via groups also lets a step join two\n  members of one group. Among shortest chains, the smallest id sequence wins. No chain: no rows.\n  example: path from brest to bandiagara-cercle via groups"),
        ("similar", "similar to REF [limit N]\n  The authorities that share partners with REF, most shared partners first, then by the Jaccard\n  similarity of the two partner sets (fields shared and jaccard), then by name.\n  example: similar to marseille limit 5"),
        ("components", "components\n  The connected components of the partnership graph, largest first: size, partnerships, the most\n  populous member (largest) and the most connected (hub). Authority fields betweenness, closeness\n  and component rank brokers and connectors (.measures says how they are computed).\n  example: components | where size > 1 | limit 5"),
        ("sets", "TERM union|intersect|except TERM\n  Set operations, left to right, on two results of one kind.\n  example: partners of marseille intersect partners of nice"),
        ("where", "where COND\n  Keeps the rows where COND holds. COND: field op value (= != < <= > >= ~), field in (v, …),\n  [a|b] within REF, combined with not, and, or and parentheses. ~ is \"contains, after folding\".\n  A missing value is never equal to, less or greater than anything.\n  example: authorities in FR-35 | where population > 20000 and kind = commune"),
        ("sort", "sort by FIELD [asc|desc] {, FIELD [asc|desc]}\n  Orders the rows; missing values last.\n  example: partners of rennes | sort by population desc | limit 3"),
        ("limit", "limit N\n  Keeps the first N rows.\n  example: countries | limit 3"),
        ("count", "count [by FIELD]\n  One row with the number of rows, or one row per value of FIELD (a list counts each item).\n  example: partnerships of FR | count by b.country | limit 3"),
        ("select", "select FIELD {, FIELD}\n  Picks the columns. .fields lists the fields of each kind.\n  example: partnerships of rennes | select a.name, b.name, b.country"),
        ("let", "let $NAME = QUERY\n  Stores a result for later statements, where $NAME stands for it.\n  example: let $bzh = authorities in FR-BRE"),
        ("show", "show REF\n  Everything about one thing: fields, place in the parent chain, partners, groups, members.\n  example: show rennes"),
        ("import", ".import FILE OUT.kb [--dry-run] [--report REPORT.csv] [--sheet NAME] [--map COLUMN=FIELD,…] [--encoding NAME]\n  Reads a CSV/TSV (',', ';' or tab; UTF-8 or Windows-1252) or .xlsx list of partnerships, one per\n  row, columns named in French or English (collectivité, partenaire, pays, année, type, thèmes…).\n  Each row is resolved against the KB and reported: new, created (partner added), existing,\n  duplicate, ambiguous, unresolved or invalid, with FILE:LINE:COL. The new records go to OUT.kb\n  (never written over) and into the session; --dry-run writes nothing; --report writes one CSV\n  line per row; --map Ville=authority overrides a column; docs/import.md has the details.\n  example: .import docs/import-example.csv imported.kb --dry-run"),
        ("refs", "REF: an id or a \"quoted name\", optionally with a kind: country:ML, authority:\"Saint-Denis\", group:gp-mali.\n  Ids first (any case), then names, English names and aka after folding (accents, case, blanks,\n  hyphens and apostrophes ignored). A keyword used as a name must be quoted."),
    ]

    static let commands = """
    .help [TOPIC]        this help, or help on a term, stage or command
    .mode MODE           output mode: table, tsv, csv, json, jsonl, excel (CSV for Excel), xlsx, dot,
                         markdown, graphml, gexf (Gephi), geojson (QGIS): the last four the result's network
    .output [FILE]       write results to FILE, every row (FILE.xlsx: a workbook; no FILE: standard output)
    .once FILE           write the next result only to FILE
    .excel [FILE.xlsx]   write the next result as a workbook (no FILE: a temporary one, opened)
    .headers on|off      the header line of tsv, csv and excel
    .separator SEP       csv's field separator (one character, or tab)
    .pager on|off        page results taller than the terminal through $PAGER (default less -FRSX)
    .edit                edit the last statement in $VISUAL or $EDITOR, then run it
    .save NAME           keep the last statement as NAME ($1, $2 … in it are parameters)
    .run NAME ARGS…      run a saved statement with its arguments
    .saved               list the saved statements
    .unsave NAME         forget a saved statement
    .read FILE           run the statements of FILE
    .load PATH...        load another KB (directories or .kb files)
    .reload              load the KB again from its files
    .check               list the KB's problems and count its records
    .stats               figures about the KB and its loading
    .timer on|off        show the time each statement takes
    .maxrows N           in table mode, show at most N rows (0: all)
    .vars                list the variables set with let
    .fields [KIND]       list the fields of a kind of row
    .render FILE [QUERY] draw the last result (or QUERY's) to FILE.svg or FILE.png with Graphviz
    .import FILE OUT.kb  add the partnerships of a CSV or .xlsx spreadsheet to the KB (.help import)
    .export neo4j DIR [QUERY]  the KB (or QUERY's network) as neo4j-admin import CSVs and a LOAD CSV script
    .map FILE [QUERY]    the result's authorities at their coordinates, over outlines, to FILE.svg or FILE.png
    .measures [limit N]  how betweenness and closeness are computed; N: most steps done exactly
    .quit, .exit         leave
    """

    /// Every example the help shows, for the tests that run them on the shipped KB.
    public static var examples: [String] {
        topics.compactMap { topic in
            topic.1.split(separator: "\n").first { $0.contains("example: ") }.map { String($0.split(separator: "example: ", maxSplits: 1)[1]) }
        }
    }

    /// The help text, for everything or one topic.
    public static func text(topic: String?) -> String {
        if let topic {
            let t = topic.lowercased().trimmingPrefix(".")
            let key = t == "neighbors" ? "neighbours" : (["union", "intersect", "except"].contains(String(t)) ? "sets" : String(t))
            if let entry = topics.first(where: { $0.0 == key }) { return entry.1 + "\n" }
            if let line = commands.split(separator: "\n").first(where: { $0.hasPrefix("." + key) }) { return String(line) + "\n" }
            return "no help on '\(topic)'; topics: " + topics.map(\.0).joined(separator: ", ") + ", and every dot-command\n"
        }
        var out = "Statements (end at ; or at the end of a line; .help TOPIC for more):\n"
        for (_, text) in topics {
            out += "  " + text.split(separator: "\n").first! + "\n"
        }
        out += "  QUERY | where … | sort by … | limit N | count [by F] | select F, …\n\nCommands:\n" + commands + "\n"
        return out
    }
}
