/// The keyword phrases a mistyped or foreign word is matched against, for "did you mean" (docs/names.md).
enum KeywordSuggestions {
    /// Words that start a term, with the phrase they start.
    static let terms: [(keyword: String, phrase: String)] = [
        ("partners", "partners of"), ("partnerships", "partnerships of"), ("members", "members of"),
        ("neighbours", "neighbours of"), ("neighbors", "neighbors of"), ("groups", "groups of"),
        ("authorities", "authorities in"), ("countries", "countries"), ("path", "path from"), ("similar", "similar to"),
    ]

    /// Words that start a stage, with the phrase they start.
    static let stages: [(keyword: String, phrase: String)] = [
        ("where", "where"), ("sort", "sort by"), ("limit", "limit"), ("count", "count"), ("select", "select"),
    ]

    /// Phrases of other languages (SQL, French) and near forms: folded words -> the phrase to write.
    static let termPhrases: [([String], String)] = [
        (["partner", "of"], "partners of"), (["partnership", "of"], "partnerships of"), (["member", "of"], "members of"),
        (["neighbour", "of"], "neighbours of"), (["neighbor", "of"], "neighbors of"), (["group", "of"], "groups of"),
        (["authority", "in"], "authorities in"), (["partners", "with"], "partners of"), (["partner", "with"], "partners of"),
        (["partenaires", "de"], "partners of"), (["partenaires", "du"], "partners of"), (["partenaires", "des"], "partners of"),
        (["partenaire", "de"], "partners of"), (["partenariats", "de"], "partnerships of"), (["partenariats", "du"], "partnerships of"),
        (["partenariat", "de"], "partnerships of"), (["jumelages", "de"], "partnerships of"), (["jumelage", "de"], "partnerships of"),
        (["membres", "de"], "members of"), (["membres", "du"], "members of"), (["voisins", "de"], "neighbours of"),
        (["groupes", "de"], "groups of"), (["collectivites", "de"], "authorities in"), (["collectivites", "du"], "authorities in"),
        (["collectivites", "en"], "authorities in"), (["collectivites", "dans"], "authorities in"),
        (["autorites", "de"], "authorities in"), (["autorites", "en"], "authorities in"), (["autorites", "dans"], "authorities in"),
        (["chemin", "de"], "path from"), (["chemin", "entre"], "path from"), (["select", "from"], "a term, like: partners of"),
    ]

    /// Stage phrases of other languages (SQL, French): folded words -> the phrase to write.
    static let stagePhrases: [([String], String)] = [
        (["order", "by"], "sort by"), (["sorted", "by"], "sort by"), (["group", "by"], "count by"), (["trier", "par"], "sort by"),
        (["tri", "par"], "sort by"), (["compter", "par"], "count by"), (["filter"], "where"), (["having"], "where"),
        (["top"], "limit"), (["head"], "limit"), (["limite"], "limit"), (["compter"], "count"),
        (["order"], "sort by"), (["sorted"], "sort by"),
    ]

    /// Words that may follow a term's first word (of, in, …, and their French forms).
    static let connectors: Set<String> = ["of", "in", "from", "to", "between", "with", "de", "du", "des", "dans", "en", "entre"]

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
