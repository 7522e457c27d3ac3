import Foundation

/// Tab completion that knows where it is: keywords and terms at the start of a statement, dot-commands after
/// `.`, field names after `where`, `by`, `select` and `,` (of the kind of rows being queried), modes after
/// `.mode`, file names after `.read`, `.load`, `.output`, and the ids and names of the KB where a REF may stand.
/// Names match ignoring case and accents, blanks, hyphens and apostrophes alike, and may be typed as several
/// words (`partners of saint e`).
public final class Completer: @unchecked Sendable {
    let kb: KnowledgeBase
    /// Every id and name, sorted by the bytes of the folded key; built on first use, or ahead by `prepare()`.
    private var index: [Entry]? = nil
    /// Guards `index` while `prepare()` builds it on another thread.
    private let indexLock = NSLock()
    /// The session's variables (without `$`) and the kind of rows each holds.
    public var variables: [String: RowKind] = [:]
    /// The names of the saved queries, for `.run` and `.unsave`.
    public var savedNames: [String] = []
    /// In French, the French keywords and field names are offered first (English ones still follow).
    public var language: Language = .en

    public init(kb: KnowledgeBase) { self.kb = kb }

    /// The KB this completer names things from.
    public var kbIdentity: KnowledgeBase { kb }

    /// What completing at the end of `prefix` (the line up to the cursor) offers.
    public enum Offer: Equatable {
        /// Candidates replacing the text from `start` (a character offset into the prefix) to the cursor.
        case words(start: Int, candidates: [String])
        /// File names: the line editor's own completion.
        case files
    }

    /// One id or name of the KB.
    struct Entry {
        /// The folded form typed text is matched against.
        var key: String
        /// What is inserted: the id, or the name (quoted when it is not a bare word).
        var text: String
        var kind: ElementKind
        /// An id that folds like its element's own, unambiguous name: the name is offered instead.
        var redundant: Bool
    }

    /// The terms as typed at the start of a query ("partners of").
    static let queryWords = Keyword.termStarts.map(\.phrase)
    /// Query terms and the statements that are not queries.
    static let termWords = queryWords + Keyword.statementStarts.map(\.text)
    static let stageWords = Keyword.stageStarts.map(\.phrase)
    static let comparisons: Set<String> = Set(Comparison.allCases.map(\.rawValue))
    static let kindPrefixes = Dictionary(uniqueKeysWithValues: Lexicon.kindPrefixes.map { ($0.key + ":", $0.value) })

    /// Whether a token opens a clause the completer tracks (a stage keyword, `by`, or `|`).
    static func isClause(_ t: Token) -> Bool { t.keyword?.isStage == true || t.keyword == .by || t.text == "|" }

    /// Whether a REF may follow the token.
    static func introducesRef(_ t: Token) -> Bool {
        t.keyword.map { Keyword.refIntroducers.contains($0) } ?? (t.kind == .punctuation && comparisons.contains(t.text))
    }

    /// A token of the text before the word being completed.
    struct Token {
        enum Kind { case word, string, punctuation }
        var kind: Kind
        /// The text, lower-cased for words.
        var text: String
        var start: Int
        var end: Int
        /// The keyword a word spells.
        var keyword: Keyword? { kind == .word ? Keyword(word: text) ?? Keyword.french(text).first : nil }
    }

    public func complete(_ prefix: String) -> Offer {
        let chars = Array(prefix)
        guard let scanned = Completer.tokens(chars) else { return .words(start: chars.count, candidates: []) }
        var tokens = scanned.0
        let openString = scanned.1
        // The word being completed: an open string (with its kind prefix), or a word the cursor touches.
        var start = chars.count
        if let q = openString {
            start = q
            if let t = tokens.last, t.kind == .word, t.end == q, t.text.hasSuffix(":") { start = t.start; tokens.removeLast() }
        } else if let t = tokens.last, t.kind == .word, t.end == chars.count {
            start = t.start
            tokens.removeLast()
        }
        let word = String(chars[start...])
        let lower = tokens.map(\.text)
        let offer = { (candidates: [String]) in Offer.words(start: start, candidates: candidates) }

        if let kinded = kindPrefixed(word), tokens.first.map({ !$0.text.hasPrefix(".") }) ?? true { return offer(kinded) }
        if word.hasPrefix("$") && (tokens.first.map { !$0.text.hasPrefix(".") } ?? true) {
            return offer(matching(variables.keys.sorted().map { "$" + $0 }, word))
        }
        if tokens.isEmpty {
            if word.hasPrefix(".") { return offer(matching(DotCommand.completions, word)) }
            let terms = matching(phrases(Completer.termWords, Keyword.termStarts + Keyword.statementStarts.map { [$0] }), word)
            return offer(terms.isEmpty && !word.isEmpty ? refs(word) : terms)
        }
        if tokens[0].kind == .word && lower[0].hasPrefix(".") { return dotArguments(lower, word, start) }

        let context = Completer.context(tokens)
        let last = lower.last ?? ""
        let lastToken = tokens.last!
        if tokens[0].keyword == .let && tokens.count < 3 { return offer([]) }
        if context.queryStart == tokens.count {
            let terms = matching(phrases(Completer.queryWords, Keyword.termStarts), word)
            return offer(terms + (word.isEmpty ? [] : refs(word)))
        }
        if last == "|" { return offer(matching(phrases(Completer.stageWords, Keyword.stageStarts), word)) }
        if !word.isEmpty, let (nameStart, names) = multiWordName(chars, tokens, context), !names.isEmpty {
            return .words(start: nameStart, candidates: names)
        }
        let fields = { self.matching(self.fieldNames(tokens, context), word) }
        let kind = rowKind(tokens, from: context.queryStart)
        switch context.clause {
        case .where?:
            if (last == "," || last == "(") && context.inValueList {
                return offer(values(of: context.valueField, kind).map { matching($0, word) } ?? refs(word))
            }
            if lastToken.keyword.map(Keyword.conditionStarts.contains) == true || last == "(" {
                // In French, `non` and `dans` (French `within`, docs/langage.md) before the English words.
                let french = language == .fr ? [Keyword.not.frenchText, Keyword.within.frenchText] : []
                return offer(fields() + matching(french + [Keyword.not, .within].map(\.text), word))
            }
            if Completer.introducesRef(lastToken) {
                let field = tokens.count >= 2 ? lower[tokens.count - 2] : ""
                return offer(values(of: field, kind).map { matching($0, word) } ?? refs(word))
            }
        case .select?, .by?:
            if lastToken.keyword == .select || lastToken.keyword == .by || last == "," { return offer(fields()) }
        default:
            if lastToken.keyword == .via { return offer(matching(language == .fr ? [Keyword.groups.frenchText, Keyword.groups.text] : [Keyword.groups.text], word)) }
            if lastToken.keyword?.setOperation != nil {
                return offer(matching(phrases(Completer.queryWords, Keyword.termStarts), word) + (word.isEmpty ? [] : refs(word)))
            }
            if Completer.introducesRef(lastToken) || lastToken.keyword == .and && context.between { return offer(refs(word)) }
        }
        return offer(matching(phrases(Completer.stageWords, Keyword.stageStarts) + Lexicon.keywords, word))
    }

    /// Keyword phrases as offered: in French, the French ones ("partenaires de") before the English ones.
    func phrases(_ english: [String], _ starts: [[Keyword]]) -> [String] {
        guard language == .fr else { return english }
        let french = starts.map { $0.map(\.frenchText).joined(separator: " ") }
        return french + english.filter { !french.contains($0) }
    }

    /// The values a field takes when they are words rather than REFs (from the field schema).
    func values(of field: String, _ kind: RowKind?) -> [String]? {
        Schema.anyField(field, preferring: kind)?.values?(kb)
    }

    /// Completion after a dot-command: what its entry in the command table offers.
    func dotArguments(_ words: [String], _ word: String, _ start: Int) -> Offer {
        guard let command = DotCommand.named(String(words[0].dropFirst())) else { return .words(start: start, candidates: []) }
        switch command.completion(words.count - 1, self) {
        case .files: return .files
        case .words(let list): return .words(start: start, candidates: matching(list, word))
        }
    }

    /// `country:Ma`, `authority:"Saint`: the KB's names of that kind, with the prefix kept.
    func kindPrefixed(_ word: String) -> [String]? {
        guard let colon = word.firstIndex(of: ":") else { return nil }
        let head = word[...colon].lowercased()
        guard let kind = Completer.kindPrefixes[head] else { return nil }
        return refs(String(word[word.index(after: colon)...]), kind: kind).map { head + $0 }
    }

    /// Where the cursor stands in the statement.
    struct Context {
        /// The stage keyword whose clause the cursor is in (`where`, `select`, `by`, …); nil in the set expression
        /// or right after `|`.
        var clause: Keyword? = nil
        /// Right after `|`.
        var afterPipe = false
        /// The index of the token the current query starts at (after `let $v =`, or an open parenthesis).
        var queryStart = 0
        /// Inside `in ( … )` of a condition, and the field before `in`.
        var inValueList = false
        var valueField = ""
        /// The set expression has `between`, so its `and` is followed by a REF.
        var between = false
    }

    static func context(_ tokens: [Token]) -> Context {
        var c = Context()
        if tokens.count >= 3 && tokens[0].keyword == .let && tokens[2].text == "=" { c.queryStart = 3 }
        var depth = 0
        var i = tokens.count - 1
        var clauseFound = false
        while i >= c.queryStart {
            let t = tokens[i].text
            if tokens[i].kind == .punctuation && t == ")" { depth += 1 }
            else if tokens[i].kind == .punctuation && t == "(" {
                if depth > 0 { depth -= 1 } else {
                    let before = i > 0 ? tokens[i - 1].text : ""
                    let b = i > 0 ? tokens[i - 1].keyword : nil
                    if (b.map(Keyword.conditionStarts.contains) == true || before == "(") && clauseFound == false {
                        // A parenthesized condition: still the same clause.
                    } else if b == .in && !clauseFound {
                        c.inValueList = true
                        c.valueField = i > 1 ? tokens[i - 2].text : ""
                    } else {
                        c.queryStart = i + 1
                        break
                    }
                }
            } else if depth == 0 && tokens[i].kind == .word {
                if !clauseFound && isClause(tokens[i]) { c.clause = tokens[i].keyword; clauseFound = true }
                if tokens[i].keyword == .between && !clauseFound { c.between = true }
            } else if depth == 0 && t == "|" && !clauseFound {
                c.afterPipe = true; clauseFound = true
            }
            i -= 1
        }
        return c
    }

    /// A name typed as several words after a REF's keyword (`partners of saint e`): where it starts, and the
    /// names it may begin.
    func multiWordName(_ chars: [Character], _ tokens: [Token], _ context: Context) -> (Int, [String])? {
        var j = tokens.count - 1
        while j >= context.queryStart && tokens[j].kind == .word && tokens[j].keyword == nil
                && !tokens[j].text.hasPrefix("$") && !tokens[j].text.contains(":") {
            j -= 1
        }
        guard j < tokens.count - 1, j >= context.queryStart else { return nil }
        let t = tokens[j]
        guard Completer.introducesRef(t) || t.keyword == .and && (context.between || context.clause == .where) else { return nil }
        if context.clause == .where && !([Comparison.eq, .ne, .contains].map(\.rawValue).contains(t.text) || t.keyword == .within) { return nil }
        let start = tokens[j + 1].start
        return (start, refs(String(chars[start...])))
    }

    /// The fields of the rows the current query gives: its first term's kind, or a count's columns.
    func fieldNames(_ tokens: [Token], _ context: Context) -> [String] {
        var kind = rowKind(tokens, from: context.queryStart) ?? .authority
        var out: [String]? = nil
        var depth = 0
        for i in context.queryStart..<tokens.count {
            let t = tokens[i]
            if t.kind == .punctuation { if t.text == "(" { depth += 1 } else if t.text == ")" { depth -= 1 } }
            if depth == 0 && t.keyword == .count {
                let by = i + 2 < tokens.count && tokens[i + 1].keyword == .by ? [tokens[i + 2].text] : []
                out = by + Schema.countColumns(by: nil, named: "").map(\.name)
            }
            if depth == 0 && t.keyword == .path { kind = .step }
        }
        let schema = Schema.of(kind)
        return out ?? (language == .fr ? schema.frenchNames + schema.allNames : schema.allNames)
    }

    /// The kind of rows the query starting at token `i` gives, when it can be told.
    func rowKind(_ tokens: [Token], from i: Int) -> RowKind? {
        guard i < tokens.count else { return nil }
        let t = tokens[i]
        if let k = t.keyword { return Schema.rowKind(of: k) }
        if t.text == "(" { return rowKind(tokens, from: i + 1) }
        if t.kind == .word && t.text.hasPrefix("$") { return variables[String(t.text.dropFirst())] }
        let text = t.text
        if let colon = text.firstIndex(of: ":"), let k = Completer.kindPrefixes[text[...colon].lowercased()] {
            return Completer.rowKind(k)
        }
        if t.kind == .word, let ref = kb.element(id: text) { return Completer.rowKind(ref.kind) }
        let key = Folding.fold(text)
        let index = sortedIndex()
        let lo = Completer.lowerBound(index, key)
        if lo < index.count && index[lo].key == key { return Completer.rowKind(index[lo].kind) }
        return nil
    }

    static func rowKind(_ kind: ElementKind) -> RowKind {
        switch kind {
        case .country: return .country
        case .authority: return .authority
        case .partnership: return .partnership
        case .group: return .group
        }
    }

    func matching(_ list: [String], _ word: String) -> [String] {
        let w = word.lowercased()
        var seen = Set<String>()
        return list.filter { $0.hasPrefix(w) && seen.insert($0).inserted }
    }

    /// The tokens of the current statement before the cursor (after its last `;` or line of its own), read by
    /// the query lexer in its tolerant mode (`Lexer.tolerantTokens`), and where an unclosed string starts. Words
    /// are lower-cased; a kind prefix and its word (`country:ma`) and a variable (`$bzh`) are one word, as typed;
    /// a dot-command line is its name and its arguments. Offsets are in characters. Nil in a comment.
    static func tokens(_ chars: [Character]) -> ([Token], Int?)? {
        Completer.lex(chars)
    }

    /// The characters that join the words beside them into one word being completed.
    static let joiners: Set<String> = [":", "'", "\u{2019}"]

    static func lex(_ chars: [Character]) -> ([Token], Int?)? {
        let text = String(chars)
        let source = Source(name: "<completion>", text: text)
        let lexer = Lexer(source: source)
        let lexed = lexer.tolerantTokens()
        if lexed.inComment { return nil }
        // Character index of each UTF-8 offset.
        var index = [Int](repeating: chars.count, count: source.bytes.count + 1)
        var offset = 0
        for (i, c) in chars.enumerated() {
            for k in 0..<c.utf8.count where offset + k < index.count { index[offset + k] = i }
            offset += c.utf8.count
        }
        func word(_ text: String, _ start: Int, _ end: Int) -> Token { Token(kind: .word, text: text.lowercased(), start: index[start], end: index[end]) }
        var tokens: [Token] = []
        var openString = lexed.openString.map { index[$0] }
        for t in lexed.tokens {
            switch t.kind {
            case .newline, .end: continue
            case .dotCommand:
                let (name, arguments, open) = lexer.tolerantDotCommand(t)
                tokens = [word(name, t.offset, t.offset + name.utf8.count)] + arguments.map { word($0.text, $0.start, $0.end) }
                if let open { openString = index[open] }
            case .string: tokens.append(Token(kind: .string, text: t.text, start: index[t.offset], end: index[t.end]))
            case .variable: tokens.append(word("$" + t.text, t.offset, t.end))
            case .symbol where t.text == ";": tokens = []
            case .symbol where Completer.joiners.contains(t.text):
                // `country:` (and what follows it without a blank) is one word, as the kind prefix is typed; so is
                // a name typed with its apostrophe (`l'isle`), which completion then offers quoted.
                if let last = tokens.last, last.kind == .word, last.end == index[t.offset] {
                    tokens[tokens.count - 1].text += t.text
                    tokens[tokens.count - 1].end = index[t.end]
                } else {
                    tokens.append(Token(kind: .punctuation, text: t.text, start: index[t.offset], end: index[t.end]))
                }
            case .symbol: tokens.append(Token(kind: .punctuation, text: t.text, start: index[t.offset], end: index[t.end]))
            case .word:
                if let last = tokens.last, last.kind == .word, let end = last.text.last, Completer.joiners.contains(String(end)),
                   last.end == index[t.offset] {
                    tokens[tokens.count - 1].text += t.text.lowercased()
                    tokens[tokens.count - 1].end = index[t.end]
                } else {
                    tokens.append(word(t.text, t.offset, t.end))
                }
            }
        }
        return (tokens, openString)
    }

    /// Ids and names whose folded form starts like `word`'s (of one kind, if given); names with blanks or
    /// quotes come quoted, and everything comes quoted when `word` starts with a quote.
    public func refs(_ word: String, kind: ElementKind? = nil, limit: Int = 1000) -> [String] {
        let index = sortedIndex()
        var typed = Substring(word)
        let quoted = typed.hasPrefix("\"")
        if quoted { typed = typed.dropFirst() }
        var key = Folding.fold(String(typed))
        // A typed trailing separator ("saint-") means the end of a word.
        if let lastScalar = typed.unicodeScalars.last, Folding.isSeparator(lastScalar), !key.isEmpty { key += " " }
        var out: [String] = []
        var seen = Set<String>()
        var i = Completer.lowerBound(index, key)
        while i < index.count && index[i].key.utf8.starts(with: key.utf8) && out.count < limit {
            let e = index[i]
            i += 1
            if e.redundant || kind != nil && e.kind != kind { continue }
            var text = e.text
            if quoted && !text.hasPrefix("\"") { text = Completer.quote(text) }
            if seen.insert(text).inserted { out.append(text) }
        }
        return out
    }

    /// How a listing of candidates shows one: an id with its element's name and where it lies
    /// (`timbuktu (Timbuktu, Mali)`, `valence-26 (Valence, Drôme)`), so that ids reached by another name, and
    /// homonyms, can be told apart; other candidates (names, keywords, fields) as they are.
    public func label(_ candidate: String) -> String {
        var id = Substring(candidate)
        if let colon = id.firstIndex(of: ":"), Completer.kindPrefixes[String(id[...colon]).lowercased()] != nil {
            id = id[id.index(after: colon)...]
        }
        guard !id.hasPrefix("\""), !id.hasPrefix("$"), !id.hasPrefix("."), !Lexicon.isKeyword(String(id)),
              Schema.anyField(String(id), preferring: nil) == nil,
              let e = kb.element(id: String(id)), e.kind != .partnership, kb.id(of: e) == id else { return candidate }
        let name = kb.name(of: e)
        let place = e.kind == .authority ? ", " + kb.enclosingPlace(of: e.index) : ""
        return "\(candidate) (\(name)\(place))"
    }

    /// Whether Tab, completing `typed` to the one candidate, reached it by a name that its text does not show
    /// (`tombou` → `timbuktu`): the shell then shows the candidate's label too.
    public func reachedByAnotherName(_ typed: String, _ candidate: String) -> Bool {
        var t = Substring(typed), c = Substring(candidate)
        if let colon = t.firstIndex(of: ":") { t = t[t.index(after: colon)...] }
        if let colon = c.firstIndex(of: ":") { c = c[c.index(after: colon)...] }
        if t.hasPrefix("\"") || c.hasPrefix("\"") { return false }
        return label(candidate) != candidate && !Folding.fold(String(c)).hasPrefix(Folding.fold(String(t)))
    }

    static func lowerBound(_ index: [Entry], _ key: String) -> Int {
        var lo = 0, hi = index.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if index[mid].key.utf8.lexicographicallyPrecedes(key.utf8) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    /// A name as a REF: bare when it is one word that is not a keyword, else quoted.
    static func ref(_ name: String) -> String {
        Lexicon.isID(name) && !Lexicon.isKeyword(name) ? name : quote(name)
    }

    /// Builds the name index on another thread, so that the first Tab finds it ready.
    public func prepare() {
        let thread = Thread { _ = self.sortedIndex() }
        thread.qualityOfService = .utility
        thread.start()
    }

    func sortedIndex() -> [Entry] {
        indexLock.lock()
        defer { indexLock.unlock() }
        if let index { return index }
        var entries: [Entry] = []
        entries.reserveCapacity(2 * (kb.authorities.count + kb.countries.count + kb.groups.count))
        // How many elements each folded name belongs to, and the last one.
        var owners: [String: (count: Int, kind: ElementKind, index: Int)] = [:]
        func addNames(_ names: [String], _ kind: ElementKind, _ i: Int) {
            var keys = Set<String>()
            for n in names where !n.isEmpty {
                let key = Folding.fold(n)
                entries.append(Entry(key: key, text: Completer.ref(n), kind: kind, redundant: false))
                if keys.insert(key).inserted {
                    let o = owners[key]
                    owners[key] = (o.map { $0.count + 1 } ?? 1, kind, i)
                }
            }
        }
        // A match-only name (Tombouctou) is never shown: typing it offers the element's id (timbuktu).
        func addMatchNames(_ names: [String], id: String, _ kind: ElementKind) {
            for n in names where !n.isEmpty {
                entries.append(Entry(key: Folding.fold(n), text: id, kind: kind, redundant: false))
            }
        }
        var ids: [(key: String, text: String, kind: ElementKind, index: Int)] = []
        for (i, c) in kb.countries.enumerated() {
            ids.append((Folding.fold(c.id), c.id, .country, i))
            addNames([c.name] + (c.en.map { [$0] } ?? []) + c.aka, .country, i)
            addMatchNames(c.match, id: c.id, .country)
        }
        for (i, a) in kb.authorities.enumerated() {
            ids.append((Folding.fold(a.id), a.id, .authority, i))
            addNames([a.name] + a.aka, .authority, i)
            addMatchNames(a.match, id: a.id, .authority)
        }
        for (i, g) in kb.groups.enumerated() {
            ids.append((Folding.fold(g.id), g.id, .group, i))
            addNames([g.name], .group, i)
        }
        for id in ids {
            let o = owners[id.key]
            let redundant = o != nil && o!.count == 1 && o!.kind == id.kind && o!.index == id.index
            entries.append(Entry(key: id.key, text: id.text, kind: id.kind, redundant: redundant))
        }
        entries.sort { $0.key != $1.key ? $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) : $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
        index = entries
        return entries
    }
}
