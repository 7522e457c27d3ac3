/// The keyword table: every keyword of the query language is spelled here and nowhere else. The lexer marks
/// each word with the keyword it spells; the parser, completion and help read these cases. A second language
/// adds its spellings to `aliases` (see docs/architecture.md).
public enum Keyword: String, CaseIterable, Sendable {
    case authorities, countries, groups, partnerships, partners, members, neighbours, path, similar, components
    case from, to, via, of, `in`, between, depth
    case and, or, not, within
    case `where`, sort, by, asc, desc, limit, count, select
    case union, intersect, except
    case `let`, show
    /// Reserved for the adviser's `brief` statement.
    case brief

    /// Other spellings of keywords (`neighbors`).
    static let aliases: [String: Keyword] = ["neighbors": .neighbours]

    /// The French spellings (docs/langage.md), lower-cased, each with the keywords it may spell, accented and
    /// not. They are accepted in every mode, but a French word is a keyword only where the grammar expects
    /// one of the keywords it spells: where a REF stands it is a name (`partners of trier`, `show chemin`).
    /// `de` is both `of` and `from`, `à` is `to`; `ou` is `or` inside a condition and `where` where a stage
    /// starts (after a term, a stage or `|`), `où` is only `where`.
    static let french: [String: [Keyword]] = {
        let table: [([String], [Keyword])] = [
            (["collectivités", "collectivites"], [.authorities]), (["pays"], [.countries]), (["groupes"], [.groups]),
            (["partenariats"], [.partnerships]), (["partenaires"], [.partners]), (["membres"], [.members]),
            (["voisins"], [.neighbours]), (["chemin"], [.path]), (["semblables"], [.similar]), (["composantes"], [.components]),
            (["fiche"], [.brief]),
            (["de", "du", "des"], [.of, .from]), (["à", "a"], [.to]), (["dans"], [.in]), (["entre"], [.between]),
            (["profondeur"], [.depth]), (["et"], [.and]), (["ou"], [.or, .where]), (["où"], [.where]), (["non"], [.not]),
            (["trier"], [.sort]), (["par"], [.by]), (["croissant", "croissante"], [.asc]),
            (["décroissant", "decroissant", "décroissante", "decroissante"], [.desc]),
            (["limite"], [.limit]), (["compter"], [.count]), (["choisir"], [.select]),
            (["inter"], [.intersect]), (["sauf"], [.except]), (["soit"], [.let]), (["montre"], [.show]),
        ]
        var s: [String: [Keyword]] = [:]
        for (words, keywords) in table { for w in words { s[w] = keywords } }
        return s
    }()

    /// The keywords a French word may spell (compared without regard to case), or none.
    public static func french(_ word: String) -> [Keyword] { french[word] ?? french[word.lowercased()] ?? [] }

    /// The French words that spell this keyword, the accented form first.
    public var frenchSpellings: [String] {
        Keyword.french.filter { $0.value.contains(self) }.map(\.key).sorted { ($0.unicodeScalars.contains { !$0.isASCII } ? 0 : 1, $0) < ($1.unicodeScalars.contains { !$0.isASCII } ? 0 : 1, $1) }
    }

    /// The keyword as the French help writes it (the text itself when French has no word of its own).
    public var frenchText: String {
        if let w = Keyword.frenchMain[self] { return w }
        return frenchSpellings.first ?? rawValue
    }

    /// The French word help and completion show for a keyword with several spellings; and `dans` for `within`,
    /// which it spells only in a condition and before anything but `(` (Parser.frenchWithin, docs/langage.md).
    static let frenchMain: [Keyword: String] = [.of: "de", .from: "de", .to: "à", .where: "où", .or: "ou", .union: "union", .within: "dans"]

    /// The French words `.help keywords` lists for a keyword (`dans` for `within` too).
    public var frenchListing: [String] { frenchSpellings.isEmpty ? Keyword.frenchMain[self].map { [$0] } ?? [] : frenchSpellings }

    /// Every spelling, lower-cased, and the keyword it spells.
    static let spellings: [String: Keyword] = {
        var s = aliases
        for k in allCases { s[k.rawValue] = k }
        return s
    }()

    /// The keyword a word spells (compared without regard to case), or nil.
    public init?(word: String) {
        if let k = Keyword.spellings[word] ?? Keyword.spellings[word.lowercased()] { self = k } else { return nil }
    }

    /// The keyword as written in messages and completion.
    public var text: String { rawValue }

    /// Every spelling of this keyword.
    public var spellingsOfIt: [String] { [rawValue] + Keyword.aliases.filter { $0.value == self }.map(\.key).sorted() }

    /// Keywords that start a stage.
    public static let stages: [Keyword] = [.where, .sort, .limit, .count, .select]

    /// Whether the keyword starts a stage.
    public var isStage: Bool { Keyword.stages.contains(self) }

    /// The set operation this keyword spells.
    public var setOperation: SetOperation? {
        switch self {
        case .union: return .union
        case .intersect: return .intersect
        case .except: return .except
        default: return nil
        }
    }

    /// How each term starts, as completion offers it ("partners of"), in the order it lists them.
    public static let termStarts: [[Keyword]] = [[.authorities], [.countries], [.groups], [.partnerships], [.partners, .of],
                                                 [.members, .of], [.neighbours, .of], [.path, .from], [.similar, .to]]
    /// Keywords that start a term.
    public static let terms: Set<Keyword> = [.authorities, .countries, .groups, .partnerships, .partners, .members, .neighbours, .path,
                                             .similar, .components]
    /// Statements that are not queries.
    public static let statementStarts: [Keyword] = [.let, .show, .brief]
    /// What may follow `|` or a term, as completion offers it.
    public static let stageStarts: [[Keyword]] = [[.where], [.sort, .by], [.limit], [.count], [.select], [.union], [.intersect], [.except]]

    /// Keywords after which a REF stands.
    public static let refIntroducers: Set<Keyword> = [.of, .in, .between, .from, .to, .within, .show, .brief, .union, .intersect, .except]

    /// Keywords after which a condition starts.
    public static let conditionStarts: Set<Keyword> = [.where, .and, .or, .not]
}

/// Words of the language.
public enum Lexicon {
    /// Every keyword spelling: a bare word that is one of these must be quoted to be a REF.
    public static var keywords: [String] { Keyword.spellings.keys.sorted() }

    /// Whether a word is a keyword.
    public static func isKeyword(_ w: String) -> Bool { Keyword(word: w) != nil }

    /// The kind prefixes of a REF (`country:ML`): the element kinds a query may name, by their prefix word.
    public static let kindPrefixes: [String: ElementKind] = {
        var p: [String: ElementKind] = [:]
        for k in ElementKind.allCases where k != .partnership { p[k.rawValue] = k }
        return p
    }()

    /// Whether a string is a valid id: letters, digits, `-`, `_`, `.`, starting with a letter or digit.
    public static func isID(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        if !(first.properties.isAlphabetic || ("0"..."9").contains(first)) { return false }
        for u in s.unicodeScalars where !isWordScalar(u) { return false }
        return true
    }

    /// Whether a scalar may be part of a bare query word.
    @inline(__always)
    public static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D || v == 0x5F || v == 0x2E
        }
        let p = u.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}

extension Array where Element == Keyword {
    /// "partners of".
    var phrase: String { map(\.text).joined(separator: " ") }
}
