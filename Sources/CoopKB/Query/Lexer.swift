/// Turns query text into tokens. Newlines are tokens (statements may end there); `#` starts a comment;
/// a line whose first non-blank character is `.` followed by a letter is one dot-command token.
public struct Lexer {
    public let source: Source

    public init(source: Source) { self.source = source }

    /// Every token of the source, ending with `.end`; the first lexical problem is thrown.
    public func tokens() throws -> [Token] {
        let (t, e) = tokens(from: 0)
        if let e { throw e }
        return t
    }

    /// The tokens from `start` (a line start, unless `atLineStart` is false) to `end` (default: the end of the
    /// text): all of them ending with `.end`, or those before the first problem and the problem.
    public func tokens(from start: Int, to end: Int? = nil, atLineStart: Bool = true) -> ([Token], Diagnostic?) {
        var out: [Token] = []
        do {
            try scan(from: start, to: min(end ?? source.bytes.count, source.bytes.count), atLineStart: atLineStart, into: &out)
            return (out, nil)
        } catch {
            return (out, error)
        }
    }

    /// What the tolerant mode makes of a text that may stop anywhere (the line up to the cursor, for completion).
    public struct Tolerant: Sendable {
        /// The tokens, without `.end`: a lexical problem gives no error, its character becomes a `.symbol` token
        /// (`?`, a `!` without `=`) or, for `$` without a name, a `.variable` token with an empty name.
        public var tokens: [Token]
        /// The offset of the quote of a string left open at the end of the text (the string is not a token).
        public var openString: Int?
        /// Whether the text ends inside a comment.
        public var inComment: Bool
    }

    /// The tokens of the whole text, never throwing (see `Tolerant`): the same scan as `tokens()`, resumed after
    /// each problem, so completion reads the statement as the parser will.
    public func tolerantTokens() -> Tolerant {
        let p = source.bytes
        var out: [Token] = []
        var from = 0, atLineStart = true
        while true {
            let (t, problem) = tokens(from: from, atLineStart: atLineStart)
            if let problem {
                out += t
                let at = problem.offset
                switch problem.problem {
                case .unterminatedString, .invalidUTF8InString, .nulInString, .unknownEscape:
                    // A string still being typed: where its quote is (an escape problem points inside it).
                    var q = min(at, p.count - 1)
                    while q > from && p[q] != 0x22 { q -= 1 }
                    // Strings end on their line: one left open on an earlier line is passed over.
                    guard let lineEnd = p[q...].firstIndex(of: 0x0A) else { return Tolerant(tokens: out, openString: q, inComment: false) }
                    from = lineEnd
                    continue
                case .variableNameMissing:
                    out.append(Token(kind: .variable, text: "", offset: at, end: at + 1))
                    from = at + 1
                default:
                    let (_, length) = at < p.count ? decode(at) : (nil, 1)
                    out.append(Token(kind: .symbol, text: String(decoding: p[at..<min(p.count, at + length)], as: UTF8.self), offset: at, end: at + length))
                    from = at + length
                }
                atLineStart = false
                if from >= p.count { break }
                continue
            }
            out += t.dropLast()
            break
        }
        // Between tokens there are only blanks and comments: a `#` after the last token, with no line end after
        // it, means the text ends in a comment.
        let last = out.last?.end ?? 0
        let inComment = last < p.count && p[last...].contains(0x23) && !p[last...].contains(0x0A)
        return Tolerant(tokens: out, openString: nil, inComment: inComment)
    }

    /// A dot-command line that may stop anywhere: its name and the arguments before a string left open, and
    /// where that string's quote is.
    public func tolerantDotCommand(_ t: Token) -> (name: String, arguments: [Argument], openString: Int?) {
        if let (name, arguments) = try? dotCommand(t) { return (name, arguments, nil) }
        var q = t.end - 1
        while q > t.offset && source.bytes[q] != 0x22 { q -= 1 }
        var cut = t
        cut.end = q
        let (name, arguments) = (try? dotCommand(cut)) ?? (t.text, [])
        return (name, arguments, q)
    }

    func scan(from start: Int, to n: Int, atLineStart: Bool, into out: inout [Token]) throws(Diagnostic) {
        let p = source.bytes
        var i = start
        if i == 0 && n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
        var lineStart = atLineStart
        while i < n {
            let b = p[i]
            if lineStart {
                var j = i
                while j < n && (p[j] == 0x20 || p[j] == 0x09) { j += 1 }
                if j + 1 < n && p[j] == 0x2E && ((p[j + 1] | 0x20) >= 0x61 && (p[j + 1] | 0x20) <= 0x7A) {
                    var e = j
                    while e < n && p[e] != 0x0A { e += 1 }
                    var te = e
                    if te > j && p[te - 1] == 0x0D { te -= 1 }
                    guard UTF8Decoder.firstInvalid(p, j, te) == nil else {
                        throw Diagnostic(source: source, offset: j, problem: .invalidUTF8InLine)
                    }
                    let text = String(decoding: p[j..<te], as: UTF8.self)
                    out.append(Token(kind: .dotCommand, text: text, offset: j, end: te))
                    i = e
                    lineStart = false
                    continue
                }
                lineStart = false
            }
            switch b {
            case 0x20, 0x09, 0x0D, 0x0B, 0x0C:
                i += 1
            case 0x0A:
                out.append(Token(kind: .newline, text: "\n", offset: i, end: i + 1))
                i += 1
                lineStart = true
            case 0x23:  // '#'
                while i < n && p[i] != 0x0A { i += 1 }
            case 0x22:  // '"'
                var j = i + 1
                var bytes: [UInt8] = []
                var closed = false
                while j < n && p[j] != 0x0A {
                    if p[j] == 0x5C {
                        if j + 1 < n && (p[j + 1] == 0x22 || p[j + 1] == 0x5C) { bytes.append(p[j + 1]); j += 2; continue }
                        throw Diagnostic(source: source, offset: j, problem: .unknownEscape)
                    }
                    if p[j] == 0x22 { closed = true; break }
                    bytes.append(p[j]); j += 1
                }
                if !closed {
                    throw Diagnostic(source: source, offset: i, problem: .unterminatedString)
                }
                guard UTF8Decoder.isValid(bytes) else {
                    throw Diagnostic(source: source, offset: i, problem: .invalidUTF8InString)
                }
                let text = String(decoding: bytes, as: UTF8.self)
                if text.utf8.contains(0) {
                    throw Diagnostic(source: source, offset: i, problem: .nulInString)
                }
                out.append(Token(kind: .string, text: text, offset: i, end: j + 1))
                i = j + 1
            case 0x24:  // '$'
                let e = try scanWord(from: i + 1)
                if e == i + 1 {
                    throw Diagnostic(source: source, offset: i, problem: .variableNameMissing)
                }
                let name = String(decoding: p[(i + 1)..<e], as: UTF8.self)
                out.append(Token(kind: .variable, text: name, offset: i, end: e))
                i = e
            case 0x7C, 0x3B, 0x28, 0x29, 0x2C, 0x3A, 0x3D, 0x7E:  // | ; ( ) , : = ~
                out.append(Token(kind: .symbol, text: String(UnicodeScalar(b)), offset: i, end: i + 1))
                i += 1
            case 0x3C, 0x3E:  // < <= > >=
                if i + 1 < n && p[i + 1] == 0x3D {
                    out.append(Token(kind: .symbol, text: b == 0x3C ? "<=" : ">=", offset: i, end: i + 2)); i += 2
                } else {
                    out.append(Token(kind: .symbol, text: b == 0x3C ? "<" : ">", offset: i, end: i + 1)); i += 1
                }
            case 0x21:  // '!'
                if i + 1 < n && p[i + 1] == 0x3D {
                    out.append(Token(kind: .symbol, text: "!=", offset: i, end: i + 2)); i += 2
                } else {
                    throw Diagnostic(source: source, offset: i, problem: .bangWithoutEquals)
                }
            default:
                let e = try scanWord(from: i)
                if e == i {
                    let (scalar, _) = decode(i)
                    // What users of other shells type for help and to leave.
                    if b == 0x3F { throw Diagnostic(source: source, offset: i, problem: .shellHabit(typed: "?", quit: false)) }
                    if b == 0x5C && i + 1 < n && (p[i + 1] == 0x71 || p[i + 1] == 0x51) {
                        throw Diagnostic(source: source, offset: i, problem: .shellHabit(typed: "\\q", quit: true))
                    }
                    if b == 0x5C && i + 1 < n && (p[i + 1] == 0x3F || p[i + 1] == 0x68) {
                        throw Diagnostic(source: source, offset: i, problem: .shellHabit(typed: "\\", quit: false))
                    }
                    throw Diagnostic(source: source, offset: i, problem: .unexpectedCharacter(scalar?.value))
                }
                let e2 = elision(after: i, end: e)
                let word = String(decoding: p[i..<e2], as: UTF8.self)
                out.append(Token(kind: .word, text: word, offset: i, end: e2, keyword: Keyword(word: word)))
                i = e2
            }
        }
        out.append(Token(kind: .end, text: "", offset: n, end: n))
    }

    /// The end of the French field name `jusqu'à` (`until`; also `jusqu’à`, `jusqu'a`) when the word from `i` to
    /// `end` is `jusqu` followed by an apostrophe and `à`; otherwise `end`. No other word takes an apostrophe.
    func elision(after i: Int, end: Int) -> Int {
        let p = source.bytes
        guard end - i == 5, String(decoding: p[i..<end], as: UTF8.self).lowercased() == "jusqu", end < p.count else { return end }
        var j = end
        if p[j] == 0x27 { j += 1 } else if j + 2 < p.count && p[j] == 0xE2 && p[j + 1] == 0x80 && p[j + 2] == 0x99 { j += 3 } else { return end }
        guard let after = try? scanWord(from: j), after > j else { return end }
        // `à`, accented or not.
        return Folding.fold(String(decoding: p[j..<after], as: UTF8.self)) == "a" ? after : end
    }

    /// One argument of a dot-command line: its value (a word, or a "string" with `\"` and `\\` undone) and the
    /// UTF-8 offsets of its first byte and just past it.
    public struct Argument: Sendable, Equatable {
        public var text: String
        public var start: Int
        public var end: Int
    }

    /// A dot-command token's name (its first word, dot included) and arguments: blank-separated words and
    /// "strings"; `#` before an argument starts a comment. A string left open is a problem at the line's end.
    public func dotCommand(_ t: Token) throws -> (name: String, arguments: [Argument]) {
        let p = source.bytes
        var i = t.offset
        while i < t.end && p[i] != 0x20 && p[i] != 0x09 { i += 1 }
        let name = String(decoding: p[t.offset..<i], as: UTF8.self)
        var arguments: [Argument] = []
        while i < t.end {
            let b = p[i]
            if b == 0x20 || b == 0x09 { i += 1; continue }
            if b == 0x23 { break }  // '#'
            let start = i
            var bytes: [UInt8] = []
            // A word runs to a blank; quoted parts inside it ("my file".svg) are taken without their quotes.
            while i < t.end && p[i] != 0x20 && p[i] != 0x09 {
                if p[i] == 0x22 {
                    i += 1
                    while i < t.end && p[i] != 0x22 {
                        if p[i] == 0x5C && i + 1 < t.end && (p[i + 1] == 0x22 || p[i + 1] == 0x5C) { i += 1 }
                        bytes.append(p[i]); i += 1
                    }
                    guard i < t.end else { throw Diagnostic(source: source, offset: t.end, problem: .unterminatedStringInDotCommand) }
                    i += 1
                    continue
                }
                bytes.append(p[i]); i += 1
            }
            arguments.append(Argument(text: String(decoding: bytes, as: UTF8.self), start: start, end: i))
        }
        return (name, arguments)
    }

    /// Decodes the scalar at `i`, or nil for invalid UTF-8 (Diagnostics/UTF8.swift); returns its length in bytes.
    func decode(_ i: Int) -> (Unicode.Scalar?, Int) {
        let (value, length) = UTF8Decoder.decode(source.bytes, i, source.bytes.count)
        return (value.flatMap(Unicode.Scalar.init), length)
    }

    /// The end of the bare word starting at `i`.
    func scanWord(from i: Int) throws(Diagnostic) -> Int {
        var j = i
        let p = source.bytes
        while j < p.count {
            let b = p[j]
            if b < 0x80 {
                if Lexicon.isWordScalar(Unicode.Scalar(b)) { j += 1; continue }
                break
            }
            let (scalar, len) = decode(j)
            guard let scalar else {
                throw Diagnostic(source: source, offset: j, problem: .invalidUTF8InQuery)
            }
            if Lexicon.isWordScalar(scalar) { j += len } else { break }
        }
        return j
    }
}

enum CodePoint {
    /// "U+0007".
    static func name(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
