/// The text of `.help`: every term, stage and command, each with an example that works on the shipped KB.
public enum Help {
    /// The version `coopkb --version` prints.
    public static let version = "0.1.0"

    /// The topics: terms, stages and statements, then the dot-commands with a topic of their own, then REFs.
    static var topics: [(String, String)] { languageTopics + DotCommand.all.compactMap { c in c.details.map { (c.name, $0) } } + [refs, keywords] }

    static let languageTopics: [(String, String)] = [
        (Keyword.authorities.text, "authorities [in REF]\n  Every authority, or those located in a country (its authorities) or in an authority (its\n  descendants through parent, itself excluded).\n  example: authorities in FR-BRE | count by kind"),
        (Keyword.countries.text, "countries\n  Every country.\n  example: countries | where zone = africa | limit 5"),
        (Keyword.groups.text, "groups [of SET]\n  Every group, or the groups with a member in SET.\n  example: groups of rennes"),
        (Keyword.partnerships.text, "partnerships [of SET | between SET and SET]\n  Every partnership as written; those with a side in SET, turned so that a is in SET; or those\n  between two sets, turned so that a is in the first.\n  example: partnerships of FR | count by b.country | limit 5"),
        (Keyword.partners.text, "partners of SET\n  The authorities with a partnership with an authority in SET.\n  example: partners of rennes"),
        (Keyword.members.text, "members of GROUPS\n  The members of a group, or of a set of groups.\n  example: members of gp-mali | limit 5"),
        (Keyword.neighbours.text, "neighbours of SET [depth N]   (neighbors is accepted too)\n  The authorities 1 to N partnership steps from SET (default 1), SET excluded, with their distance.\n  example: neighbours of strasbourg depth 2 | where country != FR | count by country | limit 5"),
        (Keyword.path.text, "path from REF to REF [via groups]\n  A shortest chain of partnerships between two authorities; via groups also lets a step join two\n  members of one group. Among shortest chains, the smallest id sequence wins. No chain: no rows.\n  example: path from brest to bandiagara-cercle via groups"),
        (Keyword.similar.text, "similar to REF [limit N]\n  The authorities that share partners with REF, most shared partners first, then by the Jaccard\n  similarity of the two partner sets (fields shared and jaccard), then by name.\n  example: similar to marseille limit 5"),
        (Keyword.components.text, "components\n  The connected components of the partnership graph, largest first: size, partnerships, the most\n  populous member (largest) and the most connected (hub). Authority fields betweenness, closeness\n  and component rank brokers and connectors (.measures says how they are computed).\n  example: components | where size > 1 | limit 5"),
        (Keyword.brief.text, "brief REF\n  One page before a mission. A country: the French authorities working there by région with their\n  partners there, its groups and their members (derived ones named), the most connected and the\n  brokers, kinds, themes and years. An authority or territory: its partners by country, groups, who\n  is within two steps, who is similar, its most active authorities. A group: members, connectors.\n  In Markdown with .mode markdown.\n  example: brief ML"),
        ("sets", "TERM union|intersect|except TERM\n  Set operations, left to right, on two results of one kind.\n  example: partners of marseille intersect partners of nice"),
        (Keyword.`where`.text, "where COND\n  Keeps the rows where COND holds. COND: field op value (= != < <= > >= ~), field in (v, …),\n  [a|b] within REF, combined with not, and, or and parentheses. ~ is \"contains, after folding\".\n  A missing value is never equal to, less or greater than anything.\n  example: authorities in FR-35 | where population > 20000 and kind = commune"),
        (Keyword.sort.text, "sort by FIELD [asc|desc] {, FIELD [asc|desc]}\n  Orders the rows; missing values last.\n  example: partners of rennes | sort by population desc | limit 3"),
        (Keyword.limit.text, "limit N\n  Keeps the first N rows.\n  example: countries | limit 3"),
        (Keyword.count.text, "count [by FIELD]\n  One row with the number of rows, or one row per value of FIELD (a list counts each item).\n  example: partnerships of FR | count by b.country | limit 3"),
        (Keyword.select.text, "select FIELD {, FIELD}\n  Picks the columns. .fields lists the fields of each kind.\n  example: partnerships of rennes | select a.name, b.name, b.country"),
        (Keyword.`let`.text, "let $NAME = QUERY\n  Stores a result for later statements, where $NAME stands for it.\n  example: let $bzh = authorities in FR-BRE"),
        (Keyword.show.text, "show REF\n  Everything about one thing: fields, place in the parent chain, partners, groups, members.\n  example: show rennes"),
    ]

    /// `.help keywords`: every keyword and its French spellings, one per line (tools/french_names.py reads it).
    static var keywords: (String, String) {
        ("keywords", "Keywords, English then French (French words are keywords only where the grammar expects one):\n"
            + Keyword.allCases.map { k in "  " + ([k.text] + Keyword.aliases.filter { $0.value == k }.map(\.key).sorted()).joined(separator: ", ")
                + "\t" + k.frenchListing.joined(separator: ", ") }.joined(separator: "\n"))
    }

    static let refs = ("refs", "REF: an id or a \"quoted name\", optionally with a kind: country:ML, authority:\"Saint-Denis\", group:gp-mali.\n  Ids first (any case), then names, English names and aka after folding (accents, case, blanks,\n  hyphens and apostrophes ignored). A keyword used as a name must be quoted.")

    /// The help lines of the dot-commands, from the command table.
    static var commands: String { DotCommand.all.map(\.helpLine).joined(separator: "\n") }

    /// Every example the help shows, for the tests that run them on the shipped KB.
    public static var examples: [String] {
        topics.compactMap { topic in
            topic.1.split(separator: "\n").first { $0.contains("example: ") }.map { String($0.split(separator: "example: ", maxSplits: 1)[1]) }
        }
    }

    /// The topics in a language: the French text of a topic where there is one (French.topics), else the English.
    static func topics(_ language: Language) -> [(String, String)] {
        language == .fr ? topics.map { key, text in (key, frenchTopic(key, english: text)) } : topics
    }

    /// A topic in French: its French text, with the keyword table appended for `keywords`.
    static func frenchTopic(_ key: String, english: String) -> String {
        guard let fr = French.topics[key] else { return english }
        return key == keywords.0 ? fr + "\n" + english.split(separator: "\n").dropFirst().joined(separator: "\n") : fr
    }

    /// The help lines of the dot-commands in a language.
    static func commands(_ language: Language) -> String {
        language == .fr ? DotCommand.all.map { French.helpLine($0) ?? $0.helpLine }.joined(separator: "\n") : commands
    }

    /// Every example the French help shows, by topic, for the tests that run them beside the English ones.
    public static var frenchExamples: [(topic: String, english: String, french: String)] {
        topics.compactMap { key, text in
            let fr = frenchTopic(key, english: text)
            func example(_ t: String, _ label: String) -> String? {
                t.split(separator: "\n").first { $0.contains(label) }.map { String($0.split(separator: label, maxSplits: 1)[1]) }
            }
            guard let e = example(text, "example: "), let f = example(fr, "exemple : ") else { return nil }
            return (key, e, f)
        }
    }

    /// The topic a word asks for: a keyword in English or French (`.help trier`, `.help où`), `sets` for a set
    /// operation, or the word itself (a dot-command, `refs`, `keywords`).
    static func topicKey(_ word: String) -> String {
        let keywords = Keyword(word: word).map { [$0] } ?? Keyword.french(word)
        if keywords.contains(where: { $0.setOperation != nil }) { return "sets" }
        // `in` and `within` (French `dans`) are words of conditions (`authorities in` has its own topic).
        if keywords.contains(.in) || keywords.contains(.within) { return Keyword.where.text }
        if let k = keywords.first(where: { k in topics.contains { $0.0 == k.text } }) { return k.text }
        if word == "mots-clés" || word == "mots-cles" { return Help.keywords.0 }
        return keywords.first?.text ?? word
    }

    /// The help text, for everything or one topic, in a language.
    public static func text(topic: String?, language: Language = .en) -> String {
        let fr = language == .fr
        let topics = topics(language), commands = commands(language)
        if let topic {
            let key = topicKey(String(topic.lowercased().trimmingPrefix(".")))
            // A dot-command with a French topic of its own (`.help map`; `.help .brief` rather than the statement).
            if fr, let text = DotCommand.frenchDetails[key], topic.hasPrefix(".") || !topics.contains(where: { $0.0 == key }) {
                return text + "\n"
            }
            if let entry = topics.first(where: { $0.0 == key }) { return entry.1 + "\n" }
            if let line = commands.split(separator: "\n").first(where: { $0.hasPrefix("." + key) }) { return String(line) + "\n" }
            return (fr ? "pas d'aide sur « \(topic) » ; sujets : " : "no help on '\(topic)'; topics: ") + topics.map(\.0).joined(separator: ", ")
                + (fr ? ", et chaque commande\n" : ", and every dot-command\n")
        }
        var out = fr ? "Instructions (finissent à ; ou en fin de ligne ; .help SUJET pour en savoir plus ; les mots-clés\nanglais et français sont acceptés, .help keywords les liste) :\n"
            : "Statements (end at ; or at the end of a line; .help TOPIC for more):\n"
        for (key, text) in topics where key != keywords.0 {
            out += "  " + text.split(separator: "\n").first! + "\n"
        }
        out += fr ? "  REQUÊTE | où … | trier par … | limite N | compter [par C] | choisir C, …\n\nCommandes :\n" + commands + "\n"
            : "  QUERY | where … | sort by … | limit N | count [by F] | select F, …\n\nCommands:\n" + commands + "\n"
        return out
    }
}
