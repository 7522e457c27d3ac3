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

    /// Whether this is the given keyword (compared without regard to case).
    public func isKeyword(_ k: String) -> Bool {
        kind == .word && text.utf8.count == k.utf8.count && text.lowercased() == k
    }

    public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}

/// Words of the language.
public enum Lexicon {
    /// Keywords: a bare word that is one of these must be quoted to be a REF.
    public static let keywords: Set<String> = [
        "authorities", "countries", "groups", "partnerships", "partners", "members", "neighbours", "neighbors",
        "path", "from", "to", "via", "of", "in", "between", "and", "or", "not", "where", "sort", "by", "asc",
        "desc", "limit", "count", "select", "within", "union", "intersect", "except", "let", "show", "depth",
        "similar", "components", "brief",
    ]

    /// Whether a word is a keyword.
    public static func isKeyword(_ w: String) -> Bool { keywords.contains(w.lowercased()) }

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
