import Foundation

/// The dot-command table: each command is one entry with its name, other names, arguments, help line,
/// completion of its arguments and action. `.help`, completion, the session and "did you mean" all read it;
/// adding a command is one entry here (see docs/architecture.md).
public struct DotCommand: Sendable {
    /// The name, without the dot.
    public let name: String
    /// Other names (`.exit` for `.quit`; later, names in another language).
    public let aliases: [String]
    /// The arguments as help shows them: `[TOPIC]`, `FILE [QUERY]`.
    public let arguments: String
    /// One line for `.help`.
    public let summary: String
    /// A help topic of its own (`.help NAME`), listed with the statements, or nil.
    public let details: String?
    /// The usage shown when the arguments are wrong (nil: the name and `arguments`).
    let usageText: (@Sendable () -> String)?
    /// What Tab offers for the argument at a position (0 is the first), with the completer that asks.
    let completion: @Sendable (Int, Completer) -> ArgumentCompletion
    /// Runs the command.
    let action: @Sendable (Session, Invocation) throws -> Void

    init(_ name: String, aliases: [String] = [], _ arguments: String, _ summary: String, details: String? = nil,
         usage: (@Sendable () -> String)? = nil,
         complete: @escaping @Sendable (Int, Completer) -> ArgumentCompletion = { _, _ in .words([]) },
         _ action: @escaping @Sendable (Session, Invocation) throws -> Void) {
        self.name = name
        self.aliases = aliases
        self.arguments = arguments
        self.summary = summary
        self.details = details
        self.usageText = usage
        self.completion = complete
        self.action = action
    }

    /// "usage: .mode table|tsv|csv|json|dot".
    var usage: String { "usage: " + (usageText?() ?? "." + name + (arguments.isEmpty ? "" : " " + arguments)) }

    /// The column help lines start at, and the width they wrap to (for a summary made of items).
    static let helpColumn = 21, helpWidth = 100

    /// The line `.help` shows for the command (a longer head is followed by two blanks).
    var helpLine: String { helpLine(summary: summary) }

    /// The help line with a summary and arguments (the French ones, for `.help` in French).
    func helpLine(summary: String, arguments: String? = nil) -> String {
        let arguments = arguments ?? self.arguments
        let head = ([name] + aliases).map { "." + $0 }.joined(separator: ", ") + (arguments.isEmpty ? "" : " " + arguments)
        if head.count >= DotCommand.helpColumn { return head + "  " + summary }
        return head.padding(toLength: DotCommand.helpColumn, withPad: " ", startingAt: 0) + summary
    }

    /// `.mode`'s help: every mode of the output-mode table, wrapped, the network modes said to be so.
    static var modeSummary: String { modeSummary(.en) }

    /// `.mode`'s help in a language.
    static func modeSummary(_ language: Language) -> String {
        let fr = language == .fr
        let items = OutputMode.modes.map { $0.mode.rawValue + ($0.note.map { " (\(fr ? frenchModeNotes[$0] ?? $0 : $0))" } ?? "") }
        let networks = OutputMode.modes.filter(\.network).count
        let counts = fr ? ["", "un", "deux", "trois", "quatre", "cinq", "six"] : ["", "one", "two", "three", "four", "five", "six"]
        let number = networks < counts.count ? counts[networks] : String(networks)
        let suffix = networks == 0 ? "" : fr ? " : les \(number) derniers, en réseau" : ": the last \(number) the result's network"
        var lines = [fr ? "mode de sortie :" : "output mode:"]
        for (i, item) in items.enumerated() {
            let word = item + (i < items.count - 1 ? "," : suffix)
            let used = (lines.count == 1 ? helpColumn : 0) + lines[lines.count - 1].count
            if used + 1 + word.count > helpWidth && i < items.count - 1 {
                lines.append(String(repeating: " ", count: helpColumn) + word)
            } else {
                lines[lines.count - 1] += " " + word
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The French words of the modes' notes.
    static let frenchModeNotes = ["CSV for Excel": "CSV pour Excel"]

    /// The command a name (without the dot, any case) stands for.
    public static func named(_ name: String) -> DotCommand? {
        let key = name.lowercased()
        return all.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// Every name, in table order.
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }

    /// `.help` and `.quit`, which messages point to; and the words users of other shells type for them.
    public static var helpCommand: String { "." + (named("help")?.name ?? "") }
    public static var quitCommand: String { "." + (named("quit")?.name ?? "") }
    public static func pointsToQuit(_ word: String) -> Bool? {
        guard let c = named(word.lowercased()) else { return nil }
        if c.name == "help" { return false }
        return c.name == "quit" ? true : nil
    }

    /// Every name with its dot, in table order: what Tab offers after `.`.
    public static var completions: [String] { names.map { "." + $0 } }

    /// Completion of the first argument only: files.
    static let firstIsFile: @Sendable (Int, Completer) -> ArgumentCompletion = { i, _ in i == 0 ? .files : .words([]) }
    /// Completion of the first argument only: these words.
    static func first(_ words: [String]) -> @Sendable (Int, Completer) -> ArgumentCompletion { { i, _ in .words(i == 0 ? words : []) } }
    /// `on` or `off`.
    static let onOff = ["on", "off"]
    /// Reads `on` or `off` (nil for anything else).
    static func onOff(_ word: String) -> Bool? { word.lowercased() == onOff[0] ? true : word.lowercased() == onOff[1] ? false : nil }

    /// The table, in the order `.help` lists it.
    static let all: [DotCommand] = [
        DotCommand("help", "[TOPIC]", "this help, or help on a term, stage or command",
                   complete: { i, _ in .words(i == 0 ? Help.topics.map(\.0) + DotCommand.names + DotCommand.completions : []) }) { s, c in
            s.sink(.output(Help.text(topic: c.arguments.first, language: s.language)))
        },
        DotCommand("mode", "MODE", DotCommand.modeSummary,
                   usage: { ".mode " + OutputMode.choices }, complete: first(OutputMode.allCases.map(\.rawValue))) { s, c in
            guard c.arguments.count == 1, let m = OutputMode(rawValue: c.arguments[0].lowercased()) else {
                if c.arguments.isEmpty { s.sink(.output("current output mode: \(s.mode.rawValue)\n")); return }
                throw c.usage()
            }
            try s.setMode(m, c)
        },
        DotCommand("output", "[FILE]", "write results to FILE, every row (FILE.xlsx: a workbook; no FILE: standard output)",
                   usage: { ".output [FILE]   (no FILE: back to standard output)" }, complete: firstIsFile) { s, c in
            guard c.arguments.count <= 1 else { throw c.usage() }
            try s.setOutput(c.arguments.first, c)
        },
        DotCommand("once", "FILE", "write the next result only to FILE", usage: { ".once FILE   (the next result only goes to FILE)" },
                   complete: firstIsFile) { s, c in
            guard c.arguments.count == 1 else { throw c.usage() }
            try s.once(c.arguments[0], open: false, c.offset, c.source)
        },
        DotCommand("excel", "[FILE.xlsx]", "write the next result as a workbook (no FILE: a temporary one, opened)",
                   usage: { ".excel [FILE.xlsx]   (the next result as a workbook)" }, complete: firstIsFile) { s, c in
            guard c.arguments.count <= 1 else { throw c.usage() }
            try s.excel(c.arguments.first, c)
        },
        DotCommand("headers", "on|off|fr", "the header line of tsv, csv and excel; fr: fields' French names",
                   usage: { ".headers on|off|fr   (the header line of tsv, csv and excel; fr names the columns in French)" },
                   complete: first(["on", "off", "fr"])) { s, c in
            guard c.arguments.count <= 1, c.arguments.isEmpty || onOff(c.arguments[0]) != nil || c.arguments[0].lowercased() == "fr" else { throw c.usage() }
            guard let arg = c.arguments.first else {
                s.sink(.output("headers: \(s.headers ? (s.frenchHeaders ? "fr" : "on") : "off")\n")); return
            }
            if arg.lowercased() == "fr" { s.headers = true; s.frenchHeaders = true; return }
            s.headers = onOff(arg)!
            s.frenchHeaders = false
        },
        DotCommand("lang", "fr|en", "the language of messages, help and row counts (keywords of both are always accepted)",
                   complete: first(["fr", "en"])) { s, c in
            guard c.arguments.count <= 1 else { throw c.usage() }
            guard let arg = c.arguments.first else { s.sink(.output("lang: \(s.language.rawValue)\n")); return }
            guard let l = Language(named: arg) else { throw c.usage() }
            s.language = l
        },
        DotCommand("separator", "SEP", "csv's field separator (one character, or tab)",
                   usage: { ".separator SEP   (csv's field separator: one character, or tab; default ,)" }) { s, c in
            guard c.arguments.count <= 1 else { throw c.usage() }
            guard let word = c.arguments.first else { s.sink(.output("separator: \(s.separator == "\t" ? "tab" : String(s.separator))\n")); return }
            let named: [String: Character] = ["tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "]
            guard let sep = named[word.lowercased()] ?? (word.count == 1 ? word.first : nil) else {
                throw c.fail(.separatorNotOneCharacter)
            }
            guard sep != "\"" && !sep.isNewline else { throw c.fail(.separatorReserved) }
            s.separator = sep
        },
        DotCommand("pager", "on|off", "page results taller than the terminal through $PAGER (default less -FRSX)", complete: first(onOff)) { s, c in
            guard c.arguments.count <= 1, c.arguments.isEmpty || onOff(c.arguments[0]) != nil else { throw c.usage() }
            guard let on = c.arguments.first.flatMap(onOff) else { s.sink(.output("pager: \(s.pager ? "on" : "off")\n")); return }
            s.pager = on
        },
        DotCommand("edit", "", "edit the last statement in $VISUAL or $EDITOR, then run it",
                   usage: { ".edit   (edits the last statement in $VISUAL or $EDITOR, then runs it)" }) { s, c in
            guard c.arguments.isEmpty else { throw c.usage() }
            try s.editLast(c)
        },
        DotCommand("save", "NAME", "keep the last statement as NAME ($1, $2 … in it are parameters)",
                   usage: { ".save NAME   (keeps the last statement; $1, $2 … in it are parameters)" }) { s, c in
            try s.savedQuery(.save, c)
        },
        DotCommand("run", "NAME ARGS…", "run a saved statement with its arguments", usage: { ".run NAME ARGS…   (.saved lists the saved queries)" },
                   complete: { i, completer in .words(i == 0 ? completer.savedNames : []) }) { s, c in
            try s.savedQuery(.run, c)
        },
        DotCommand("saved", "", "list the saved statements") { s, c in
            try s.savedQuery(.list, c)
        },
        DotCommand("unsave", "NAME", "forget a saved statement", complete: { i, completer in .words(i == 0 ? completer.savedNames : []) }) { s, c in
            try s.savedQuery(.forget, c)
        },
        DotCommand("read", "FILE", "run the statements of FILE", complete: firstIsFile) { s, c in
            guard c.arguments.count == 1 else { throw c.usage() }
            try s.read(c.arguments[0], c)
        },
        DotCommand("load", "PATH...", "load another KB (directories or .kb files)",
                   usage: { ".load PATH...   (KB directories or .kb files)" }, complete: { _, _ in .files }) { s, c in
            guard !c.arguments.isEmpty else { throw c.usage() }
            try s.load(c.arguments, offset: c.offset, source: c.source)
        },
        DotCommand("reload", "", "load the KB again from its files") { s, c in
            try s.load(s.kbPaths, offset: c.offset, source: c.source)
        },
        DotCommand("check", "", "list the KB's problems and count its records") { s, _ in
            s.showProblems(s.report)
            s.sink(.output(Session.checkSummary(s.report)))
        },
        DotCommand("stats", "", "figures about the KB and its loading") { s, _ in
            s.sink(.output(s.stats()))
        },
        DotCommand("timer", "on|off", "show the time each statement takes", complete: first(onOff)) { s, c in
            guard c.arguments.count == 1, let on = onOff(c.arguments[0]) else { throw c.usage() }
            s.timer = on
        },
        DotCommand("maxrows", "N", "in table mode, show at most N rows (0: all)", usage: { ".maxrows N   (0 shows every row)" }) { s, c in
            guard c.arguments.count == 1, let n = Int(c.arguments[0]), n >= 0 else { throw c.usage() }
            s.maxRows = n
        },
        DotCommand("vars", "", "list the variables set with let") { s, _ in
            s.sink(.output(s.describeVariables()))
        },
        DotCommand("fields", "[KIND]", "list the fields of a kind of row",
                   usage: { ".fields [" + Schema.described.map(\.1).joined(separator: "|") + "]" }, complete: first(Schema.described.map(\.1))) { s, c in
            var selected = Schema.described
            if let k = c.arguments.first {
                guard let kind = Schema.rowKind(named: k) else { throw c.usage() }
                selected = Schema.described.filter { $0.0 == kind }
            }
            var out = ""
            for (k, word) in selected {
                let schema = Schema.of(k)
                let defaults = Set(schema.defaultColumns)
                out += "\(word): " + schema.listing.map { defaults.contains($0) ? $0 + "*" : $0 }.joined(separator: ", ") + "\n"
            }
            s.sink(.output(out + "(* default columns)\n"))
        },
        DotCommand("render", "FILE [QUERY]", "draw the last result (or QUERY's) to FILE.svg or FILE.png with Graphviz",
                   usage: { ".render FILE.svg|FILE.png [STATEMENT]" }, complete: { _, _ in .files }) { s, c in
            try s.render(c)
        },
        DotCommand("import", "FILE OUT.kb", "add the partnerships of a CSV or .xlsx spreadsheet to the KB (.help import)",
                   details: ".import FILE OUT.kb [--dry-run] [--report REPORT.csv] [--sheet NAME] [--map COLUMN=FIELD,…] [--encoding NAME]\n  Reads a CSV/TSV (',', ';' or tab; UTF-8 or Windows-1252) or .xlsx list of partnerships, one per\n  row, columns named in French or English (collectivité, partenaire, pays, année, type, thèmes…).\n  Each row is resolved against the KB and reported: new, created (partner added), existing,\n  duplicate, ambiguous, unresolved or invalid, with FILE:LINE:COL. The new records go to OUT.kb\n  (never written over) and into the session; --dry-run writes nothing; --report writes one CSV\n  line per row; --map Ville=authority overrides a column; docs/import.md has the details.\n  example: .import docs/import-example.csv imported.kb --dry-run",
                   complete: { i, _ in i < 2 ? .files : .words([]) }) { s, c in
            try s.importSpreadsheet(c.arguments, c.offset, c.source)
        },
        DotCommand("export", "neo4j DIR [QUERY]", "the KB (or QUERY's network) as neo4j-admin import CSVs and a LOAD CSV script",
                   usage: { ".export neo4j DIR [QUERY]   (no QUERY: the whole KB)" },
                   complete: { i, _ in i == 0 ? .words(["neo4j"]) : i == 1 ? .files : .words([]) }) { s, c in
            try s.export(c)
        },
        DotCommand("map", "FILE [QUERY]", "the result's authorities at their coordinates, over outlines, to FILE.svg or FILE.png",
                   usage: { ".map FILE.svg|FILE.png QUERY   (no QUERY: the last result)" }, complete: { _, _ in .files }) { s, c in
            try s.map(c)
        },
        DotCommand("brief", "FILE.html REF", "the brief of REF as one self-contained HTML page (tables, map, network), printable on A4",
                   usage: { ".brief FILE.html REF   (a country, an authority or a group, like: .brief mali.html ML)" }, complete: firstIsFile) { s, c in
            try s.briefPage(c)
        },
        DotCommand("measures", "[limit N]", "how betweenness and closeness are computed; N: most steps done exactly",
                   usage: { ".measures [limit N]   (N: the most BFS steps done for exact values; default \(GraphMeasures.defaultExactLimit))" }) { s, c in
            try s.measures(c)
        },
        DotCommand("quit", aliases: ["exit"], "", "leave") { s, _ in
            s.quit()
        },
    ]
}

/// What Tab offers for a dot-command's argument.
public enum ArgumentCompletion: Sendable {
    /// File names: the line editor's own completion.
    case files
    /// These words.
    case words([String])
}

/// One use of a dot-command: its arguments and where it was written.
struct Invocation {
    let command: DotCommand
    let arguments: [String]
    /// The UTF-8 offset of the command in its source.
    let offset: Int
    let source: Source

    /// A problem with this command, placed at it.

    /// A session problem with this command, placed at it.
    func fail(_ problem: SessionProblem) -> Diagnostic { Diagnostic(source: source, offset: offset, problem: .session(problem)) }

    /// A problem with this command, placed at it.
    func fail(_ problem: Problem) -> Diagnostic { Diagnostic(source: source, offset: offset, problem: problem) }

    /// The command's usage, as a problem.
    func usage() -> Diagnostic { Diagnostic(source: source, offset: offset, problem: .usage(command: command.name)) }
}

extension DotCommand {
    /// The dot-commands' help lines in French, by command name: every command of the table has one
    /// (FrenchTests checks it), with its arguments as the French help writes them.
    static let frenchSummaries: [String: (arguments: String, summary: String)] = [
        "help": ("[SUJET]", "l'aide, ou l'aide d'un terme, d'une étape ou d'une commande"),
        "mode": ("MODE", DotCommand.modeSummary(.fr)),
        "output": ("[FICHIER]", "envoie les résultats dans FICHIER (FICHIER.xlsx : un classeur ; sans FICHIER : la sortie standard)"),
        "once": ("FICHIER", "envoie le prochain résultat seulement dans FICHIER"),
        "excel": ("[FICHIER.xlsx]", "écrit le prochain résultat en classeur (sans FICHIER : un classeur temporaire, ouvert)"),
        "headers": ("on|off|fr", "la ligne d'en-tête de tsv, csv et excel ; fr : les noms français des champs"),
        "lang": ("fr|en", "la langue des messages, de l'aide et des décomptes (mots-clés des deux toujours acceptés)"),
        "separator": ("SÉP", "le séparateur de champs de csv (un caractère, ou tab)"),
        "pager": ("on|off", "fait défiler dans $PAGER (less -FRSX par défaut) les résultats plus hauts que l'écran"),
        "edit": ("", "ouvre la dernière instruction dans $VISUAL ou $EDITOR, puis l'exécute"),
        "save": ("NOM", "garde la dernière instruction sous NOM ($1, $2 … y sont des paramètres)"),
        "run": ("NOM ARGS…", "exécute une instruction gardée, avec ses arguments"),
        "saved": ("", "liste les instructions gardées"),
        "unsave": ("NOM", "oublie une instruction gardée"),
        "read": ("FICHIER", "exécute les instructions de FICHIER"),
        "load": ("CHEMIN...", "charge une autre base (dossiers ou fichiers .kb)"),
        "reload": ("", "recharge la base depuis ses fichiers"),
        "check": ("", "liste les problèmes de la base et compte ses enregistrements"),
        "stats": ("", "les chiffres de la base et de son chargement"),
        "timer": ("on|off", "affiche la durée de chaque instruction"),
        "maxrows": ("N", "en mode table, au plus N lignes (0 : toutes)"),
        "vars": ("", "liste les variables posées par soit (let)"),
        "fields": ("[SORTE]", "liste les champs d'une sorte de lignes (authority, country, partnership, group…)"),
        "render": ("FICHIER [REQUÊTE]", "dessine le dernier résultat (ou REQUÊTE) en .svg ou .png avec Graphviz (.help render)"),
        "import": ("FICHIER SORTIE.kb", "ajoute à la base les partenariats d'un tableur CSV ou .xlsx (.help import)"),
        "export": ("neo4j DOSSIER [REQUÊTE]", "la base (ou le réseau de REQUÊTE) en CSV pour neo4j-admin (.help export)"),
        "map": ("FICHIER [REQUÊTE]", "les collectivités du résultat sur une carte, en .svg ou .png (.help map)"),
        "brief": ("FICHIER.html REF", "la fiche de REF en une page HTML autonome, imprimable en A4 (.help .brief)"),
        "measures": ("[limit N]", "comment intermédiarité et proximité sont calculées ; N : le plus de pas faits exactement"),
        "quit": ("", "quitte"),
    ]

    /// The French text of dot-commands with a help topic of their own in French (`.help map`), by name, each
    /// with an example that runs on the shipped KB (Tests/french/test_french.py runs them in a scratch folder).
    static let frenchDetails: [String: String] = [
        "import": ".import FICHIER SORTIE.kb [--dry-run] [--report RAPPORT.csv] [--sheet NOM] [--map COLONNE=CHAMP,…] [--encoding NOM]\n  Lit une liste de partenariats en CSV/TSV (',', ';' ou tabulation ; UTF-8 ou Windows-1252) ou en\n  .xlsx, une par ligne, colonnes nommées en français ou en anglais (collectivité, partenaire, pays,\n  année, type, thèmes…). Chaque ligne est résolue dans la base et rapportée : new, created, existing,\n  duplicate, ambiguous, unresolved ou invalid, avec FICHIER:LIGNE:COL. Les nouveaux enregistrements\n  vont dans SORTIE.kb (jamais écrasé) et dans la session ; --dry-run n'écrit rien ; docs/import.md.\n  exemple : .import docs/import-example.csv imported.kb --dry-run",
        "map": ".map FICHIER.svg|FICHIER.png [REQUÊTE]\n  Place les collectivités du dernier résultat (ou de REQUÊTE) à leurs coordonnées sur un fond de\n  carte, avec leurs partenariats, une légende et les sources ; la France en cartouche quand le\n  résultat en sort. Un fichier existant n'est jamais écrasé.\n  exemple : .map rennes.svg partenaires de rennes",
        "render": ".render FICHIER.svg|FICHIER.png [REQUÊTE]\n  Dessine le dernier résultat (ou celui de REQUÊTE) avec le dot de Graphviz ; refuse au-delà de\n  300 nœuds (resserrez avec limite ou où) et n'écrase jamais un fichier.\n  exemple : .render rennes-partenariats.svg partenariats de rennes",
        "brief": ".brief FICHIER.html REF\n  La fiche de REF (un pays, une collectivité ou un groupe, comme l'instruction fiche) en une page\n  HTML autonome : tableaux, carte et réseau, imprimable en A4. N'écrase jamais un fichier.\n  exemple : .brief mali.html ML",
        "export": ".export neo4j DOSSIER [REQUÊTE]\n  Écrit dans DOSSIER (créé, jamais écrasé) la base, ou le réseau de REQUÊTE, en fichiers CSV pour\n  neo4j-admin import, avec un script LOAD CSV.\n  exemple : .export neo4j rennes-neo4j partenaires de rennes",
    ]

    /// The French help line of a command, or nil when it has none.
    var frenchHelpLine: String? {
        DotCommand.frenchSummaries[name].map { helpLine(summary: $0.summary, arguments: $0.arguments) }
    }
}
