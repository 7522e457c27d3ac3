import Foundation

/// Tab completion that knows where it is: keywords and terms at the start of a statement, dot-commands after
/// `.`, field names after `where`, `by`, `select` and `,`, modes after `.mode`, and the ids and names of the
/// KB where a REF may stand. Names match ignoring case and accents, blanks, hyphens and apostrophes alike.
public final class Completer {
    let kb: KnowledgeBase
    /// (folded key, text to insert), sorted by key; built on first use.
    private var index: [(key: String, text: String)]? = nil
    /// Variables that may be completed after `$`.
    public var variables: [String] = []

    public init(kb: KnowledgeBase) { self.kb = kb }

    /// The KB this completer names things from.
    public var kbIdentity: KnowledgeBase { kb }

    /// What completing at the end of `prefix` (the line up to the cursor) offers.
    public enum Offer: Equatable {
        /// Candidates replacing the word that starts at `start` (a character offset into the prefix).
        case words(start: Int, candidates: [String])
        /// File names: the line editor's own completion.
        case files
    }

    static let termWords = ["authorities", "countries", "groups", "partnerships", "partners of", "members of",
                            "neighbours of", "path from", "similar to", "let", "show"]
    static let stageWords = ["where", "sort by", "limit", "count", "select", "union", "intersect", "except"]
    static let dotCommands = [".help", ".mode", ".output", ".read", ".load", ".reload", ".check", ".stats", ".timer",
                              ".maxrows", ".vars", ".fields", ".render", ".quit", ".exit"]

    /// Whether a character ends a word for completion (a string keeps its blanks).
    static func isBreak(_ c: Character) -> Bool { " \t(),|;=<>!~".contains(c) }

    public func complete(_ prefix: String) -> Offer {
        let chars = Array(prefix)
        // An open string: the word is from its quote.
        var inString = false
        var quoteAt = 0
        for (i, c) in chars.enumerated() where c == "\"" { inString.toggle(); if inString { quoteAt = i } }
        var start = chars.count
        if inString { start = quoteAt } else { while start > 0 && !Completer.isBreak(chars[start - 1]) { start -= 1 } }
        let word = String(chars[start...])
        let before = String(chars[..<start])
        let words = before.split(whereSeparator: { " \t(),|;".contains($0) }).map { $0.lowercased() }
        let trimmed = before.trimmingCharacters(in: .whitespaces)
        let statementStart = trimmed.isEmpty || trimmed.hasSuffix(";") || trimmed.hasSuffix("(")
        // Dot-commands.
        if statementStart && word.hasPrefix(".") { return .words(start: start, candidates: Completer.dotCommands.filter { $0.hasPrefix(word.lowercased()) }) }
        if let first = words.first, first.hasPrefix(".") {
            switch first {
            case ".mode": return .words(start: start, candidates: OutputMode.allCases.map(\.rawValue).filter { $0.hasPrefix(word.lowercased()) })
            case ".read", ".load", ".output", ".render": return words.count == 1 ? .files : .words(start: start, candidates: [])
            case ".help": return .words(start: start, candidates: (Help.topics.map(\.0) + Completer.dotCommands).filter { $0.hasPrefix(word.lowercased()) })
            case ".fields": return .words(start: start, candidates: ["authority", "country", "partnership", "group", "neighbour", "similar", "path"].filter { $0.hasPrefix(word.lowercased()) })
            case ".timer": return .words(start: start, candidates: ["on", "off"].filter { $0.hasPrefix(word.lowercased()) })
            default: return .words(start: start, candidates: [])
            }
        }
        if word.hasPrefix("$") {
            return .words(start: start, candidates: variables.map { "$" + $0 }.filter { $0.hasPrefix(word.lowercased()) }.sorted())
        }
        let last = words.last ?? ""
        let lastChar = trimmed.last
        if statementStart {
            return .words(start: start, candidates: matching(Completer.termWords, word))
        }
        if lastChar == "|" {
            return .words(start: start, candidates: matching(Completer.stageWords, word))
        }
        if ["where", "by", "select", "and", "or", "not"].contains(last) || lastChar == "," && !words.contains(where: { $0 == "in" }) {
            return .words(start: start, candidates: matching(fields(for: words), word) + (last == "where" ? matching(["not", "within"], word) : []))
        }
        if ["of", "in", "between", "from", "to", "within", "show", "union", "intersect", "except", "=", "and"].contains(last)
            || last.hasSuffix(":") {
            var names = refs(word)
            if ["union", "intersect", "except"].contains(last) { names = matching(Completer.termWords, word) + names }
            return .words(start: start, candidates: names)
        }
        return .words(start: start, candidates: matching(Completer.stageWords + Array(Lexicon.keywords).sorted(), word))
    }

    func matching(_ list: [String], _ word: String) -> [String] {
        let w = word.lowercased()
        var seen = Set<String>()
        return list.filter { $0.hasPrefix(w) && seen.insert($0).inserted }
    }

    /// The fields of the rows the statement's first term gives.
    func fields(for words: [String]) -> [String] {
        let kind: RowKind
        switch words.first(where: { !["let", "="].contains($0) && !$0.hasPrefix("$") }) ?? "" {
        case "countries": kind = .country
        case "partnerships": kind = .partnership
        case "groups": kind = .group
        case "neighbours", "neighbors": kind = .neighbour
        case "similar": kind = .similar
        case "path": kind = .step
        default: kind = .authority
        }
        var out = Fields.all(kind)
        if words.contains("count") { out = ["count"] + out }
        return out
    }

    /// Ids and names starting like `word`, folded; names with blanks or quotes come quoted.
    public func refs(_ word: String, limit: Int = 500) -> [String] {
        let index = self.sortedIndex()
        var typed = word
        let quoted = typed.hasPrefix("\"")
        if quoted { typed.removeFirst() }
        let key = Folding.fold(typed)
        // A typed trailing separator ("saint-") still means a word boundary.
        var lo = 0, hi = index.count
        while lo < hi { let mid = (lo + hi) / 2; if index[mid].key < key { lo = mid + 1 } else { hi = mid } }
        var out: [String] = []
        var seen = Set<String>()
        var i = lo
        while i < index.count && index[i].key.hasPrefix(key) && out.count < limit {
            var text = index[i].text
            if quoted && !text.hasPrefix("\"") { text = "\"" + text + "\"" }
            if seen.insert(text).inserted { out.append(text) }
            i += 1
        }
        return out
    }

    func sortedIndex() -> [(key: String, text: String)] {
        if let index { return index }
        var entries: [(key: String, text: String)] = []
        func name(_ n: String) -> String {
            n.unicodeScalars.allSatisfy(Lexicon.isWordScalar) && !n.isEmpty && !Lexicon.isKeyword(n) ? n : "\"" + n.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
        }
        for c in kb.countries { entries.append((c.id.lowercased(), c.id)); entries.append((Folding.fold(c.name), name(c.name))) }
        for a in kb.authorities { entries.append((Folding.fold(a.id), a.id)); entries.append((Folding.fold(a.name), name(a.name))) }
        for g in kb.groups { entries.append((Folding.fold(g.id), g.id)); entries.append((Folding.fold(g.name), name(g.name))) }
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.text < $1.text }
        index = entries
        return entries
    }
}
