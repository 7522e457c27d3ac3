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

    /// Other spellings of keywords (`neighbors`); a second language's keywords go here too.
    static let aliases: [String: Keyword] = ["neighbors": .neighbours]

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
