/// The statement splitter: the one place that decides where a statement ends, for files, standard input, `-e`,
/// `.read` and the shell (which adds its lines one by one). It hands out each statement lexed and parsed once.
///
/// A statement ends at `;`, at a dot-command line, at the end of the text, or at a line end where it parses —
/// unless a parenthesis is still open, the line ends with a word or symbol after which something must follow
/// (`continuing`), or the next line starts with `|`. Those tests need no parsing, so a statement continued over n
/// lines is parsed once, not n times. A lexical problem drops the statement it is in; splitting goes on with the
/// next line.
public final class Splitter {
    /// One piece of the text, in order.
    public struct Piece {
        public enum Kind {
            /// A statement (or a dot-command), parsed.
            case statement(Statement)
            /// A statement that does not parse: the problem (an incomplete one, at the end of a text, is
            /// `Problem.incomplete`).
            case invalid(Diagnostic)
            /// A lexical problem; the rest of its line is skipped.
            case problem(Diagnostic)
        }
        public let kind: Kind
        /// The text the piece is in.
        public let source: Source
        /// UTF-8 offsets of the statement's first byte and just past its last (equal for a lexical problem).
        public let start: Int, end: Int
        /// Whether the piece is a dot-command line.
        public var isDotCommand = false

        /// The statement's text.
        public var text: String { String(decoding: source.bytes[start..<end], as: UTF8.self) }
    }

    private let name: String
    /// The text of a whole source, or nil while the shell adds lines (then `lines` holds them).
    private var fixed: Source?
    private var lines: [UInt8] = []
    private var built: Source?
    /// The tokens lexed so far, without `.end`: newlines between lines.
    private var tokens: [Token] = []
    /// Lexical problems, by the index of the token they come before.
    private var problems: [Int: (offset: Int, problem: Problem)] = [:]
    /// The first token of the statement being gathered, the next token to look at, and the parentheses open.
    private var first = 0, next = 0, open = 0
    /// Whether the text is complete (a file) rather than still being typed.
    private let final: Bool

    /// A splitter over a whole text.
    public init(source: Source) {
        name = source.name
        fixed = source
        final = true
        let lexer = Lexer(source: source)
        var position = 0
        while true {
            let (lexed, problem) = lexer.tokens(from: position)
            tokens.append(contentsOf: lexed.lazy.filter { $0.kind != .end })
            guard let problem else { break }
            problems[tokens.count] = (problem.offset, problem.problem)
            // Go on with the line after the problem.
            var after = problem.offset
            let bytes = source.bytes
            while after < bytes.count && bytes[after] != 0x0A { after += 1 }
            if after >= bytes.count { break }
            tokens.append(Token(kind: .newline, text: "\n", offset: after, end: after + 1))
            position = after + 1
        }
    }

    /// A splitter the shell adds typed lines to (`add(_:)`): a statement at the end of what was typed is
    /// handed out when it parses, and otherwise waited for.
    public init(name: String) {
        self.name = name
        final = false
    }

    /// Adds typed text: one line or more, without the last line's end. Only the new text is lexed.
    public func add(_ line: String) {
        if !lines.isEmpty || !tokens.isEmpty {
            tokens.append(Token(kind: .newline, text: "\n", offset: lines.count, end: lines.count + 1))
            lines.append(0x0A)
        }
        let base = lines.count
        lines.append(contentsOf: line.utf8)
        built = nil
        let (lexed, problem) = Lexer(source: Source(name: name, text: line)).tokens(from: 0)
        for var t in lexed where t.kind != .end {
            t.offset += base
            t.end += base
            tokens.append(t)
        }
        if let problem { problems[tokens.count] = (problem.offset + base, problem.problem) }
    }

    /// The text pieces point into.
    public var source: Source {
        if let fixed { return fixed }
        if let built { return built }
        let s = Source(name: name, bytes: lines)
        built = s
        return s
    }

    /// Whether the typed text ends inside a statement, so that the shell reads another line.
    public private(set) var waiting = false

    /// Every piece available now (for typed lines: up to the statement still being typed, if any).
    public func pieces() -> [Piece] {
        var out: [Piece] = []
        while let p = nextPiece() { out.append(p) }
        return out
    }

    /// The next piece, or nil when there is none (the text is done, or, for typed lines, the statement at its
    /// end is still incomplete: `waiting`).
    public func nextPiece() -> Piece? {
        waiting = false
        while true {
            if let p = problems.removeValue(forKey: next) {
                first = next
                open = 0
                return Piece(kind: .problem(Diagnostic(source: source, offset: p.offset, problem: p.problem)), source: source, start: p.offset, end: p.offset)
            }
            guard next < tokens.count else { return atEnd() }
            let t = tokens[next]
            switch t.kind {
            case .dotCommand:
                if first < next {
                    let range = first..<next
                    first = next
                    open = 0
                    if let piece = parse(range, incompleteAtEnd: true) { return piece }
                }
                next += 1
                first = next
                return parse(next - 1..<next, incompleteAtEnd: true)
            case .symbol where t.text == ";":
                let range = first..<next
                next += 1
                first = next
                open = 0
                if let piece = parse(range, incompleteAtEnd: true) { return piece }
            case .newline:
                next += 1
                let range = first..<(next - 1)
                if range.isEmpty { first = next; continue }
                if surelyIncomplete(range) || nextLineContinues() { continue }
                if let piece = parse(range, incompleteAtEnd: false) { first = next; open = 0; return piece }
            default:
                if t.isSymbol("(") { open += 1 } else if t.isSymbol(")") { open -= 1 }
                next += 1
            }
        }
    }

    /// At the end of the tokens: the last statement of a text, or one typed that may still go on.
    private func atEnd() -> Piece? {
        let range = first..<next
        if range.isEmpty { return nil }
        if !final && surelyIncomplete(range) { waiting = true; return nil }
        if let piece = parse(range, incompleteAtEnd: final) { first = next; open = 0; return piece }
        waiting = true
        return nil
    }

    /// Parses the tokens of a statement: a statement, or its problem; nil when it ran out of tokens and
    /// `incompleteAtEnd` is false (it may go on).
    private func parse(_ range: Range<Int>, incompleteAtEnd: Bool) -> Piece? {
        if range.isEmpty { return nil }
        let source = self.source
        let start = tokens[range.lowerBound].offset, end = tokens[range.upperBound - 1].end
        let dot = tokens[range.lowerBound].kind == .dotCommand
        var parser = Parser(source: source, tokens: Array(tokens[range]))
        do {
            return Piece(kind: .statement(try parser.parseStatement()), source: source, start: start, end: end, isDotCommand: dot)
        } catch let e as ParseError {
            if e.atEnd && !incompleteAtEnd { return nil }
            let d = e.diagnostic
            let shown = e.atEnd ? Diagnostic(source: d.source, offset: d.offset, problem: .incomplete(d.problem)) : d
            return Piece(kind: .invalid(shown), source: source, start: start, end: end, isDotCommand: dot)
        } catch {
            return Piece(kind: .invalid(Diagnostic(source: source, offset: start, problem: .internalError(type: String(describing: type(of: error))))), source: source, start: start, end: end, isDotCommand: dot)
        }
    }

    /// Words and symbols after which a statement cannot end: a line ending with one continues on the next.
    static let continuing: Set<Keyword> = [.and, .or, .not, .of, .in, .by, .where, .sort, .limit, .select, .between,
                                           .from, .to, .via, .depth, .union, .intersect, .except, .within, .let, .show]
    static let continuingSymbols: Set<String> = ["|", ",", "(", "=", "!=", "<", "<=", ">", ">=", "~", ":"]

    /// Whether a statement is incomplete without parsing it: a parenthesis still open, or a last token after
    /// which something must follow.
    private func surelyIncomplete(_ range: Range<Int>) -> Bool {
        if open > 0 { return true }
        var i = range.upperBound - 1
        while i >= range.lowerBound && tokens[i].kind == .newline { i -= 1 }
        guard i >= range.lowerBound else { return false }
        let last = tokens[i]
        switch last.kind {
        case .word: return last.keyword.map(Splitter.continuing.contains) ?? false
        case .symbol: return Splitter.continuingSymbols.contains(last.text)
        default: return false
        }
    }

    /// Whether the next line with a token (blank and comment lines skipped) starts with `|`: it continues the
    /// statement before it.
    private func nextLineContinues() -> Bool {
        var j = next
        while j < tokens.count && tokens[j].kind == .newline && problems[j] == nil { j += 1 }
        return j < tokens.count && problems[j] == nil && tokens[j].isSymbol("|")
    }
}
