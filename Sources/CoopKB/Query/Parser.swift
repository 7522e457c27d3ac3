/// A syntax error, with whether it was found at the end of the text (the statement may go on).
public struct ParseError: Error, Sendable {
    public let diagnostic: Diagnostic
    /// True when the parser ran out of tokens: the statement is incomplete rather than wrong.
    public let atEnd: Bool
}

/// Recursive-descent parser for one statement, one function per grammar rule.
public struct Parser {
    let source: Source
    var tokens: [Token]
    var index = 0
    var depth = 0
    static let maxDepth = 256
    /// Levels of the condition being parsed: each `and`, `or`, `not` and parenthesis makes its tree one deeper.
    var conditionDepth = 0
    /// The deepest condition, as SQLite's SQLITE_MAX_EXPR_DEPTH (1,000): evaluating it recurses that deep.
    public static let maxConditionDepth = 1000
    /// Where a term's operand is a word followed by a word: each may be a mistyped keyword (`parners of`), told
    /// only if the statement does not parse (`termSuggestion()`).
    var termWords: [Int] = []

    /// A parser over tokens of one statement (without newlines or `;`), ending with `.end`.
    public init(source: Source, tokens: [Token]) {
        self.source = source
        var t = tokens.filter { $0.kind != .newline }
        if t.last?.kind != .end { t.append(Token(kind: .end, text: "", offset: t.last?.end ?? 0, end: t.last?.end ?? 0)) }
        self.tokens = t
    }

    var current: Token { tokens[index] }
    var next: Token { tokens[min(index + 1, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func error(_ problem: Problem, at token: Token? = nil) -> ParseError {
        let t = token ?? current
        return ParseError(diagnostic: Diagnostic(source: source, offset: t.offset, problem: problem), atEnd: t.kind == .end)
    }

    /// What the current token is, for a problem.
    var found: Problem.Found { Problem.Found(current) }

    mutating func expectKeyword(_ k: Keyword, _ context: Problem.Context) throws {
        guard current.isKeyword(k) else { throw error(.expectedKeyword(k, context, found: found)) }
        _ = advance()
    }

    mutating func expectSymbol(_ s: String, _ context: Problem.Context) throws {
        guard current.isSymbol(s) else { throw error(.expectedSymbol(s, context, found: found)) }
        _ = advance()
    }

    /// The statement's text with the bytes from `from` to `to` replaced, for a "did you mean" example.
    func rewritten(from: Int, to: Int, with text: String) -> String {
        let start = tokens.first?.offset ?? 0
        let end = tokens.last(where: { $0.kind != .end })?.end ?? start
        let b = source.bytes
        func slice(_ x: Int, _ y: Int) -> String { x < y ? String(decoding: b[x..<y], as: UTF8.self) : "" }
        return slice(start, from) + text + slice(to, max(end, to))
    }

    /// The statement with a part replaced, for "like: STATEMENT", or nil when it is too long to quote.
    func example(from: Int, to: Int, with text: String) -> String? {
        let start = tokens.first?.offset ?? 0
        let end = tokens.last(where: { $0.kind != .end })?.end ?? start
        return end - start > 200 ? nil : rewritten(from: from, to: to, with: text)
    }

    /// A "did you mean" for a word (and the next) where a stage is expected, or nil.
    func stageSuggestion() -> ParseError? {
        let t = current
        guard t.kind == .word else { return nil }
        let second = next.kind == .word ? next.text : nil
        guard let phrase = KeywordSuggestions.stage(t.text, second) else { return nil }
        let words = phrase.split(separator: " ").count
        let twoWords = second != nil && words == 2 && KeywordSuggestions.stagePhrases.contains { $0.0 == [Folding.fold(t.text), Folding.fold(second!)] }
        let endOffset = twoWords ? next.end : t.end
        let shown = twoWords ? "\(t.text) \(next.text)" : t.text
        return error(.stageSuggestion(found: shown, phrase: phrase, example: example(from: t.offset, to: endOffset, with: phrase)))
    }

    /// A bare name followed by its place in parentheses (`Saint-Denis (93)`): the whole is one name, quoted.
    func placeInParentheses() -> ParseError? {
        guard current.isSymbol("("), index > 0, tokens[index - 1].kind == .word, !Lexicon.isKeyword(tokens[index - 1].text) else { return nil }
        var close = index + 1
        while close < tokens.count && close <= index + 6 && tokens[close].kind == .word { close += 1 }
        guard close > index + 1, close < tokens.count, tokens[close].isSymbol(")") else { return nil }
        let name = String(decoding: source.bytes[tokens[index - 1].offset..<tokens[close].end], as: UTF8.self)
        return error(.placeNotQuoted(name: name))
    }

    /// statement := query | 'let' VAR '=' query | 'show' REF | dotcommand
    public mutating func parseStatement() throws -> Statement {
        do { return try statement() } catch let e as ParseError { throw termSuggestion() ?? e }
    }

    /// A "did you mean" for the first word where a term starts that, with the word after it, is close to a
    /// term's keywords (`parners of`). Looked for only once the statement has failed to parse, so that a
    /// statement that parses (`ML union ML …`) pays nothing for it: a word after a term's operand is never
    /// taken by the grammar, so a statement with such a pair never parses.
    func termSuggestion() -> ParseError? {
        for i in termWords {
            let t = tokens[i], n = tokens[i + 1]
            if let phrase = KeywordSuggestions.term(t.text, n.text) {
                return error(.termSuggestion(found: "\(t.text) \(n.text)", phrase: phrase, example: example(from: t.offset, to: n.end, with: phrase)), at: t)
            }
        }
        return nil
    }

    mutating func statement() throws -> Statement {
        let t = current
        if t.kind == .word, let quit = DotCommand.pointsToQuit(t.text), next.kind == .end || !quit {
            throw error(.dotCommandWord(t.text, quit: quit))
        }
        if t.kind == .word, next.kind == .word,
           let hit = KeywordSuggestions.stagePhrases.first(where: { $0.0.count == 2 && $0.0[0] == Folding.fold(t.text) && $0.0[1] == Folding.fold(next.text) }) {
            // A stage phrase of SQL or French at the start (order by name): stages follow a query.
            let like = example(from: t.offset, to: next.end, with: "authorities | " + hit.1)
            throw error(.stageAtStart(found: "\(t.text) \(next.text)", phrase: hit.1, example: like))
        }
        let statement: Statement
        if t.kind == .dotCommand {
            _ = advance()
            statement = try parseDotCommand(t)
        } else if t.keyword == .`let` || t.frenchKeywords.contains(.`let`) && next.kind == .variable {
            _ = advance()
            guard current.kind == .variable else { throw error(.expectedVariableAfterLet) }
            let v = advance()
            try expectSymbol("=", .afterLet(v.text))
            statement = .assign(v.text, try parseQuery(), offset: v.offset)
        } else if t.keyword == .show || t.frenchKeywords.contains(.show) && Parser.startsRef(next) {
            _ = advance()
            statement = .show(try parseRef(context: .after([.show])))
        } else if t.keyword == .brief || t.frenchKeywords.contains(.brief) && Parser.startsRef(next) {
            _ = advance()
            statement = .brief(try parseRef(context: .afterBrief))
        } else {
            statement = .query(try parseQuery())
        }
        guard current.kind == .end else {
            if current.isSymbol(")") { throw error(.unmatchedCloseParenthesis) }
            if let e = placeInParentheses() { throw e }
            if let e = stageSuggestion() { throw e }
            if current.kind == .word, index > 0, tokens[index - 1].kind == .word, !Lexicon.isKeyword(tokens[index - 1].text),
               !Lexicon.isKeyword(current.text) {
                // Words after a bare name: most likely a name with blanks (Corée du Sud).
                var last = index
                while tokens[last + 1].kind == .word && !Lexicon.isKeyword(tokens[last + 1].text) { last += 1 }
                let first = tokens[index - 1]
                let name = String(decoding: source.bytes[first.offset..<tokens[last].end], as: UTF8.self)
                throw error(.nameWithBlanks(word: current.text, name: name.utf8.count > 200 ? nil : name))
            }
            throw error(.unexpectedAfterStatement(found: found))
        }
        return statement
    }

    /// dotcommand := '.' NAME { ARGUMENT }   (arguments are words or "strings", split by the lexer)
    func parseDotCommand(_ t: Token) throws -> Statement {
        let command: (name: String, arguments: [Lexer.Argument])
        do { command = try Lexer(source: source).dotCommand(t) } catch let d as Diagnostic { throw ParseError(diagnostic: d, atEnd: false) }
        return .dot(name: String(command.name.dropFirst()).lowercased(), arguments: command.arguments.map(\.text), offset: t.offset)
    }

    /// query := setexpr { ['|'] stage }
    public mutating func parseQuery() throws -> Query {
        var q = try parseSetExpression()
        while true {
            if current.isSymbol("|") {
                _ = advance()
                let t = current
                guard Parser.stageKeyword(t) != nil else {
                    if let e = stageSuggestion() { throw e }
                    throw error(.expectedStageAfterBar(found: Problem.Found(t)))
                }
            }
            let t = current
            guard Parser.stageKeyword(t) != nil else { break }
            q.stages.append((try parseStage(), t.offset))
        }
        return q
    }

    /// setexpr := term { ('union' | 'intersect' | 'except') term }
    mutating func parseSetExpression() throws -> Query {
        let first = try parseTerm()
        var rest: [(SetOperation, TermNode)] = []
        while let op = Parser.setOperation(current) {
            _ = advance()
            rest.append((op, try parseTerm()))
        }
        return Query(first: first, rest: rest, stages: [])
    }

    /// term := 'authorities' ['in' REF] | 'countries' | 'groups' ['of' operand] | 'partnerships' [...]
    ///       | 'partners' 'of' operand | 'members' 'of' operand | 'neighbours' 'of' operand ['depth' INT]
    ///       | 'path' 'from' REF 'to' REF ['via' 'groups'] | 'similar' 'to' REF ['limit' INT] | operand
    mutating func parseTerm() throws -> TermNode {
        let t = current
        let offset = t.offset
        switch termKeyword() {
        case .authorities?:
            _ = advance()
            if current.isKeyword(.`in`) { _ = advance(); return TermNode(term: .authorities(in: try parseRef(context: .after([.authorities, .in]))), offset: offset) }
            return TermNode(term: .authorities(in: nil), offset: offset)
        case .countries?:
            _ = advance()
            return TermNode(term: .countries, offset: offset)
        case .components?:
            _ = advance()
            return TermNode(term: .components, offset: offset)
        case .groups?:
            _ = advance()
            if current.isKeyword(.of) { _ = advance(); return TermNode(term: .groups(of: try parseOperand()), offset: offset) }
            return TermNode(term: .groups(of: nil), offset: offset)
        case .partnerships?:
            _ = advance()
            if current.isKeyword(.of) { _ = advance(); return TermNode(term: .partnershipsOf(try parseOperand()), offset: offset) }
            if current.isKeyword(.between) {
                _ = advance()
                let s = try parseOperand()
                try expectKeyword(.and, .inPartnershipsBetween)
                return TermNode(term: .partnershipsBetween(s, try parseOperand()), offset: offset)
            }
            return TermNode(term: .partnerships, offset: offset)
        case .partners?:
            _ = advance()
            try expectKeyword(.of, .after([.partners]))
            return TermNode(term: .partnersOf(try parseOperand()), offset: offset)
        case .members?:
            _ = advance()
            try expectKeyword(.of, .after([.members]))
            return TermNode(term: .membersOf(try parseOperand()), offset: offset)
        case .neighbours?:
            _ = advance()
            try expectKeyword(.of, .afterWord(t.text))
            let s = try parseOperand()
            var depth = 1
            if current.isKeyword(.depth) {
                _ = advance()
                depth = try parseInteger(.after([.depth]))
                if depth < 1 { throw error(.depthTooSmall, at: tokens[index - 1]) }
            }
            return TermNode(term: .neighbours(s, depth: depth), offset: offset)
        case .path?:
            _ = advance()
            try expectKeyword(.from, .after([.path]))
            let a = try parseRef(context: .after([.path, .from]))
            try expectKeyword(.to, .inPathFromTo)
            let b = try parseRef(context: .after([.to]))
            var via = false
            if current.isKeyword(.via) {
                _ = advance()
                try expectKeyword(.groups, .after([.via]))
                via = true
            }
            return TermNode(term: .path(from: a, to: b, viaGroups: via), offset: offset)
        case .similar?:
            _ = advance()
            try expectKeyword(.to, .after([.similar]))
            let ref = try parseRef(context: .after([.similar, .to]))
            var limit: Int? = nil
            if current.isKeyword(.limit) {
                _ = advance()
                limit = try parseInteger(.after([.limit]))
            }
            return TermNode(term: .similar(to: ref, limit: limit), offset: offset)
        default:
            if next.kind == .word { termWords.append(index) }
            return TermNode(term: .operand(try parseOperand()), offset: offset)
        }
    }

    /// The stage a token starts: an English stage keyword, or a French word for one (`ou` is `where` here).
    static func stageKeyword(_ t: Token) -> Keyword? {
        if let k = t.keyword { return k.isStage ? k : nil }
        return t.frenchKeywords.first { $0.isStage }
    }

    /// Whether a token is French `dans` standing for `within` in a condition: `dans` followed by anything but
    /// `(` (`où a dans FR-BRE`, `où dans FR-BRE`), since `champ dans (v, …)` is the value list of `in`, which
    /// always opens a parenthesis (docs/langage.md).
    static func frenchWithin(_ t: Token, before next: Token) -> Bool {
        t.frenchKeywords.contains(.in) && !next.isSymbol("(")
    }

    /// The set operation a token spells, in English or French (`inter`, `sauf`).
    static func setOperation(_ t: Token) -> SetOperation? {
        t.keyword?.setOperation ?? t.frenchKeywords.lazy.compactMap(\.setOperation).first
    }

    /// Whether a token may start a REF (a kind prefix, a word or a string).
    static func startsRef(_ t: Token) -> Bool { t.kind == .word || t.kind == .string }

    /// The keyword the current token starts a term with. A French term word is one only when what follows
    /// fits (`partenaires de`, `chemin de`, `semblables à`); otherwise it is a name (`chemin | select name`).
    func termKeyword() -> Keyword? {
        let t = current
        if let k = t.keyword { return k }
        guard let k = t.frenchKeywords.first(where: Keyword.terms.contains) else { return nil }
        switch k {
        case .partners, .members, .neighbours: return next.isKeyword(.of) ? k : nil
        case .path: return next.isKeyword(.from) ? k : nil
        case .similar: return next.isKeyword(.to) ? k : nil
        default: return k
        }
    }

    /// operand := REF | VAR | '(' query ')'
    mutating func parseOperand() throws -> Operand {
        let t = current
        if t.isSymbol("(") {
            depth += 1
            if depth > Parser.maxDepth { throw error(.tooDeeplyNested(.parentheses, limit: Parser.maxDepth)) }
            _ = advance()
            let q = try parseQuery()
            guard current.isSymbol(")") else { throw error(.unclosedParenthesis(column: source.location(of: t.offset).column, found: found)) }
            _ = advance()
            depth -= 1
            return .query(q)
        }
        if t.kind == .variable {
            _ = advance()
            return .variable(t.text, offset: t.offset)
        }
        return .ref(try parseRef(context: .none))
    }

    /// REF := [KIND ':'] (id | "string")
    mutating func parseRef(context: Problem.Context) throws -> Ref {
        var t = current
        var kind: ElementKind? = nil
        let start = t.offset
        if t.kind == .word && next.isSymbol(":") {
            guard let k = Lexicon.kindPrefixes[t.text.lowercased()] else {
                throw error(.unknownKindPrefix(t.text))
            }
            kind = k
            _ = advance(); _ = advance()
            t = current
        }
        switch t.kind {
        case .string:
            _ = advance()
            return Ref(kind: kind, text: t.text, quoted: true, offset: start)
        case .word:
            if KeywordSuggestions.terms.contains(where: { $0.keyword == t.text.lowercased() }) {
                // A term where an operand is expected: it needs parentheses.
                var copy = self
                copy.depth = 0
                if (try? copy.parseTerm()) != nil, copy.index > index {
                    let end = copy.tokens[copy.index - 1].end
                    let term = String(decoding: source.bytes[t.offset..<end], as: UTF8.self)
                    throw error(.termNeedsParentheses(term: term, example: example(from: t.offset, to: end, with: "(" + term + ")")))
                }
            }
            if t.keyword != nil {
                throw error(.keywordAsName(t.text))
            }
            _ = advance()
            return Ref(kind: kind, text: t.text, quoted: false, offset: start)
        case .end:
            throw error(.expectedName(context, found: nil))
        default:
            throw error(.expectedName(context, found: Problem.Found(t)))
        }
    }

    mutating func parseInteger(_ context: Problem.Context) throws -> Int {
        let t = current
        guard t.kind == .word, !t.text.isEmpty, t.text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw error(.expectedWholeNumber(context, found: Problem.Found(t)))
        }
        guard let v = Int(t.text), v <= Int(Int32.max) else { throw error(.numberTooLarge(t.text)) }
        _ = advance()
        return v
    }

    /// stage := 'where' cond | 'sort' 'by' field ['asc'|'desc'] {',' ...} | 'limit' INT | 'count' ['by' field] | 'select' field {',' field}
    mutating func parseStage() throws -> Stage {
        let t = advance()
        switch Parser.stageKeyword(t) {
        case .where?:
            return .filter(try parseCondition())
        case .sort?:
            try expectKeyword(.by, .after([.sort]))
            var keys: [SortKey] = []
            repeat {
                if !keys.isEmpty { _ = advance() }
                let f = try parseField(.after([.sort, .by]))
                var desc = false
                if current.isKeyword(.desc) { desc = true; _ = advance() } else if current.isKeyword(.asc) { _ = advance() }
                keys.append(SortKey(field: f, descending: desc))
            } while current.isSymbol(",")
            return .sort(keys)
        case .limit?:
            return .limit(try parseInteger(.after([.limit])))
        case .count?:
            if current.isKeyword(.by) { _ = advance(); return .count(by: try parseField(.after([.count, .by]))) }
            return .count(by: nil)
        default:
            var fields: [FieldName] = []
            repeat {
                if !fields.isEmpty { _ = advance() }
                fields.append(try parseField(.after([.select])))
            } while current.isSymbol(",")
            return .select(fields)
        }
    }

    mutating func parseField(_ context: Problem.Context) throws -> FieldName {
        let t = current
        guard t.kind == .word else { throw error(.expectedField(context, found: Problem.Found(t))) }
        _ = advance()
        return FieldName(name: t.text.lowercased(), offset: t.offset)
    }

    /// cond := cond 'or' cond | cond 'and' cond | 'not' cond | '(' cond ')' | field op value
    ///       | field 'in' '(' value {',' value} ')' | [side] 'within' REF
    mutating func parseCondition() throws -> Condition {
        let outer = conditionDepth
        defer { conditionDepth = outer }
        var left = try parseConjunction()
        while current.isKeyword(.or) {
            try deepen()
            _ = advance()
            left = .or(left, try parseConjunction())
        }
        return left
    }

    mutating func parseConjunction() throws -> Condition {
        let outer = conditionDepth
        defer { conditionDepth = outer }
        var left = try parseNegation()
        while current.isKeyword(.and) {
            try deepen()
            _ = advance()
            left = .and(left, try parseNegation())
        }
        return left
    }

    /// One more level in the condition's tree; past `maxConditionDepth`, a clear error.
    mutating func deepen() throws {
        conditionDepth += 1
        if conditionDepth > Parser.maxConditionDepth {
            throw error(.conditionTooDeep(limit: Parser.maxConditionDepth))
        }
    }

    mutating func parseNegation() throws -> Condition {
        if current.isKeyword(.not) {
            depth += 1
            if depth > Parser.maxDepth { throw error(.tooDeeplyNested(.not, limit: Parser.maxDepth)) }
            _ = advance()
            try deepen()
            let c = Condition.not(try parseNegation())
            conditionDepth -= 1
            depth -= 1
            return c
        }
        return try parsePrimaryCondition()
    }

    mutating func parsePrimaryCondition() throws -> Condition {
        let t = current
        if t.isSymbol("(") {
            depth += 1
            if depth > Parser.maxDepth { throw error(.tooDeeplyNested(.parentheses, limit: Parser.maxDepth)) }
            _ = advance()
            try deepen()
            let c = try parseCondition()
            conditionDepth -= 1
            guard current.isSymbol(")") else { throw error(.unclosedParenthesis(column: source.location(of: t.offset).column, found: found)) }
            _ = advance()
            depth -= 1
            return c
        }
        if t.isKeyword(.within) || Parser.frenchWithin(t, before: next) {
            _ = advance()
            return .within(side: nil, try parseRef(context: .after([.within])))
        }
        let field = try parseField(.inCondition)
        if current.isKeyword(.within) || Parser.frenchWithin(current, before: next) {
            _ = advance()
            return .within(side: field, try parseRef(context: .after([.within])))
        }
        if current.isKeyword(.`in`) {
            _ = advance()
            try expectSymbol("(", .afterIn)
            var values: [Literal] = []
            repeat {
                if !values.isEmpty { _ = advance() }
                values.append(try parseLiteral())
            } while current.isSymbol(",")
            try expectSymbol(")", .closingValueList)
            return .isIn(field, values)
        }
        guard current.kind == .symbol, let op = Comparison(rawValue: current.text) else {
            throw error(.expectedComparison(field: field.name, found: found))
        }
        _ = advance()
        return .compare(field, op, try parseLiteral())
    }

    mutating func parseLiteral() throws -> Literal {
        let t = current
        switch t.kind {
        case .word: _ = advance(); return Literal(text: t.text, quoted: false, offset: t.offset)
        case .string: _ = advance(); return Literal(text: t.text, quoted: true, offset: t.offset)
        case .variable where !t.text.isEmpty && t.text.allSatisfy({ $0.isASCII && $0.isNumber }):
            throw error(.savedQueryParameter(t.text))
        default: throw error(.expectedValue(found: Problem.Found(t)))
        }
    }
}
