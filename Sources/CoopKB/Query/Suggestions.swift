/// The keyword phrases a mistyped or foreign word is matched against, for "did you mean" (docs/names.md).
enum KeywordSuggestions {
    /// Words that start a term, with the phrase they start (spelled in Query/Keywords.swift).
    static let terms: [(keyword: String, phrase: String)] = ([
        [.partners, .of], [.partnerships, .of], [.members, .of], [.neighbours, .of], [.groups, .of], [.authorities, .in],
        [.countries], [.path, .from], [.similar, .to],
    ] as [[Keyword]]).map { ($0[0].text, $0.phrase) }

    /// Words that start a stage, with the phrase they start.
    static let stages: [(keyword: String, phrase: String)] = ([[.where], [.sort, .by], [.limit], [.count], [.select]] as [[Keyword]])
        .map { ($0[0].text, $0.phrase) }

    /// Near forms and phrases of other languages (SQL, French words that are no keyword): folded words -> the
    /// phrase to write. French keywords themselves are valid (docs/langage.md).
    static let termPhrases: [([String], String)] = {
        let of = Keyword.of.text, de = Keyword.frenchMain[.of] ?? of
        let rows: [([String], [Keyword])] = [
            (["partner", of], [.partners, .of]), (["partnership", of], [.partnerships, .of]), (["member", of], [.members, .of]),
            (["neighbour", of], [.neighbours, .of]), (["neighbor", of], [.neighbours, .of]), (["group", of], [.groups, .of]),
            (["authority", Keyword.in.text], [.authorities, .in]), ([Keyword.partners.text, "with"], [.partners, .of]),
            (["partner", "with"], [.partners, .of]), (["partenaire", de], [.partners, .of]), (["partenariat", de], [.partnerships, .of]),
            (["jumelages", de], [.partnerships, .of]), (["jumelage", de], [.partnerships, .of]), (["autorites", de], [.authorities, .in]),
        ]
        return rows.map { ($0.0, $0.1.phrase) } + [([Keyword.select.text, Keyword.from.text], "a term, like: " + [Keyword.partners, .of].phrase)]
    }()

    /// Stage phrases of other languages (SQL): folded words -> the phrase to write.
    static let stagePhrases: [([String], String)] = {
        let by = Keyword.by.text, sortBy = [Keyword.sort, .by].phrase
        let rows: [([String], String)] = [
            (["order", by], sortBy), (["sorted", by], sortBy), (["group", by], [Keyword.count, .by].phrase),
            (["filter"], Keyword.where.text), (["having"], Keyword.where.text), (["top"], Keyword.limit.text), (["head"], Keyword.limit.text),
            (["order"], sortBy), (["sorted"], sortBy),
        ]
        return rows
    }()

    /// Words that may follow a term's first word (of, in, …, and their French spellings).
    static let connectors: Set<String> = {
        let joins: [Keyword] = [.of, .in, .from, .to, .between]
        return Set(joins.map(\.text) + ["with"] + Keyword.french.filter { $0.value.contains(where: joins.contains) }.keys)
    }()

    /// The lower-cased, accent-free form of a word.
    static func key(_ w: String) -> String { Folding.fold(w) }

    /// The phrase to suggest for `words` at the start of a term, or nil.
    /// Checked first, so that an operand followed by a word (`ML union ML …`) costs one set look-up.
    static func term(_ first: String, _ second: String?) -> String? {
        guard let s = second else { return nil }
        let b = key(s)
        guard secondWords.contains(b) else { return nil }
        let a = key(first)
        if let hit = termPhrases.first(where: { $0.0.count == 2 && $0.0[0] == a && $0.0[1] == b }) { return hit.1 }
        guard connectors.contains(b) else { return nil }
        return closest(a, among: terms)
    }

    /// Every word that may follow a term's first word in a phrase or as a connector.
    static let secondWords: Set<String> = connectors.union(termPhrases.compactMap { $0.0.count == 2 ? $0.0[1] : nil })

    /// The phrase to suggest for a word (and the one after it) where a stage is expected, or nil.
    static func stage(_ first: String, _ second: String?) -> String? {
        let a = key(first)
        if let s = second, let hit = stagePhrases.first(where: { $0.0 == [a, key(s)] }) { return hit.1 }
        if let hit = stagePhrases.first(where: { $0.0 == [a] }) { return hit.1 }
        return closest(a, among: stages)
    }

    /// The phrase of the keyword closest to a word: at most one edit for words of up to five letters, two beyond.
    static func closest(_ word: String, among table: [(keyword: String, phrase: String)]) -> String? {
        let limit = word.count <= 5 ? 1 : 2
        var best: (Int, String)? = nil
        for (k, phrase) in table {
            let d = Similarity.distance(word, k, limit: limit)
            if d <= limit && (best == nil || d < best!.0) { best = (d, phrase) }
        }
        return best?.1
    }
}
