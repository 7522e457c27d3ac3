/// One token of the query language.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A bare word: letters of any script, digits, `-`, `_`, `.`.
        case word
        /// A double-quoted string; `text` holds its value.
        case string
        /// `$name`; `text` holds the name without `$`.
        case variable
        /// `|`, `;`, `(`, `)`, `,`, `:`, `=`, `!=`, `<`, `<=`, `>`, `>=`, `~`.
        case symbol
        /// The end of a line (statements may end there).
        case newline
        /// A dot-command line: `text` holds the whole line after its leading blanks.
        case dotCommand
        /// The end of the text.
        case end
    }
    public var kind: Kind
    /// The word as written, the string's value, the variable's name or the symbol.
    public var text: String
    /// UTF-8 offset of the token's first byte in its source.
    public var offset: Int
    /// UTF-8 offset just past the token.
    public var end: Int

    /// The keyword a word spells, set by the lexer.
    public var keyword: Keyword? = nil

    public init(kind: Kind, text: String, offset: Int, end: Int, keyword: Keyword? = nil) {
        self.kind = kind
        self.text = text
        self.offset = offset
        self.end = end
        self.keyword = keyword
    }

    /// Whether this is the given keyword (in any of its spellings, English or French, without regard to case).
    /// Ask it only where the grammar expects that keyword: a French word is a name elsewhere.
    public func isKeyword(_ k: Keyword) -> Bool { keyword == k || (kind == .word && keyword == nil && Keyword.french(text).contains(k)) }

    /// The keywords a French word spells (none for an English keyword or a name).
    public var frenchKeywords: [Keyword] { kind == .word && keyword == nil ? Keyword.french(text) : [] }

    public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}

