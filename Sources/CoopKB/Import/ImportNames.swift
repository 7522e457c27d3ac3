/// The name questions `.import` asks of the KB, behind one small interface so that the names work
/// (exonyms, alternate names, country names in free text) can answer them without the importer changing.
protocol ImportNames {
    /// The country a cell names (a French or English name, an ISO code, a free-text form such as "England").
    func country(_ text: String) -> Int32?
    /// Up to three countries close to a text that named none.
    func countrySuggestions(_ text: String) -> [Int32]
    /// The authorities whose name, `en` or `aka` folds like `name`, in the given country (nil: any).
    func authorities(named name: String, in country: Int32?) -> [Int32]
    /// Up to three authorities of a country close to a name that matched none.
    func suggestions(for name: String, in country: Int32?) -> [Int32]
}

/// Today's answers: SPEC folding over the KB's names and akas, countries also by ISO code and a table of
/// the free-text forms lists use.
struct KBImportNames: ImportNames {
    let kb: KnowledgeBase

    /// Free-text country forms (folded) that no ISO or Wikidata name gives → ISO code.
    static let countryForms: [String: String] = [
        "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB", "great britain": "GB", "britain": "GB",
        "uk": "GB", "u k": "GB", "angleterre": "GB", "ecosse": "GB", "pays de galles": "GB", "irlande du nord": "GB",
        "grande bretagne": "GB", "united kingdom of great britain": "GB",
        "republic of ireland": "IE", "eire": "IE", "ireland republic": "IE", "republique d irlande": "IE",
        "gaza strip": "PS", "gaza": "PS", "west bank": "PS", "cisjordanie": "PS", "bande de gaza": "PS",
        "palestinian territory": "PS", "palestinian territories": "PS", "territoires palestiniens": "PS",
        "state of palestine": "PS", "etat de palestine": "PS",
        "usa": "US", "u s a": "US", "us": "US", "u s": "US", "america": "US", "united states": "US", "etats unis": "US",
        "holland": "NL", "the netherlands": "NL", "pays bas": "NL", "hollande": "NL",
        "czech republic": "CZ", "republique tcheque": "CZ", "czechia": "CZ", "tchequie": "CZ",
        "russia": "RU", "russie": "RU", "soviet union": "RU", "ussr": "RU",
        "south korea": "KR", "korea": "KR", "republic of korea": "KR", "coree du sud": "KR", "coree": "KR",
        "north korea": "KP", "vietnam": "VN", "viet nam": "VN", "ivory coast": "CI", "cote d ivoire": "CI",
        "dr congo": "CD", "drc": "CD", "congo kinshasa": "CD", "democratic republic of the congo": "CD", "rdc": "CD",
        "republique democratique du congo": "CD", "congo brazzaville": "CG", "republic of the congo": "CG",
        "cape verde": "CV", "cap vert": "CV", "burma": "MM", "swaziland": "SZ", "macedonia": "MK",
        "republic of macedonia": "MK", "north macedonia": "MK", "macedoine": "MK", "macedoine du nord": "MK",
        "west germany": "DE", "east germany": "DE", "federal republic of germany": "DE", "rfa": "DE", "rda": "DE",
        "china": "CN", "prc": "CN", "people s republic of china": "CN", "taiwan": "TW", "republic of china": "TW",
        "syria": "SY", "iran": "IR", "laos": "LA", "moldova": "MD", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
        "vatican": "VA", "vatican city": "VA", "holy see": "VA", "turkey": "TR", "turkiye": "TR", "bosnia": "BA",
        "the gambia": "GM", "gambia": "GM", "the bahamas": "BS", "east timor": "TL", "timor leste": "TL",
        "micronesia": "FM", "brunei": "BN", "sao tome": "ST", "kyrgyzstan": "KG", "slovak republic": "SK",
        "france": "FR", "republique francaise": "FR", "french republic": "FR",
        // French overseas départements: their communes are French authorities (country FR) in the KB.
        "reunion": "FR", "la reunion": "FR", "ile de la reunion": "FR", "guadeloupe": "FR", "martinique": "FR",
        "guyane": "FR", "french guiana": "FR", "guyane francaise": "FR", "mayotte": "FR",
    ]

    /// ISO codes of the overseas départements, whose communes the KB places in FR.
    static let overseasDepartments: Set<String> = ["GP", "MQ", "GF", "RE", "YT"]

    func country(_ text: String) -> Int32? {
        var t = text.trimmingCharacters(in: .whitespaces)
        // "Réunion, France", "Bavaria, Germany": the last part names the country.
        if let comma = t.lastIndex(of: ","), let c = country(String(t[t.index(after: comma)...])), !t[t.index(after: comma)...].trimmingCharacters(in: .whitespaces).isEmpty {
            if let whole = exactCountry(t) { return whole }
            return c
        }
        if t.hasPrefix("(") && t.hasSuffix(")") { t = String(t.dropFirst().dropLast()) }
        return exactCountry(t)
    }

    func exactCountry(_ text: String) -> Int32? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        let upper = t.uppercased()
        if upper.count == 2, let e = kb.element(id: upper), e.kind == .country {
            return KBImportNames.overseasDepartments.contains(upper) ? france : e.index
        }
        var folded = Folding.fold(t)
        if let code = KBImportNames.countryForms[folded], let e = kb.element(id: code) { return e.index }
        for e in kb.elements(foldedName: folded) where e.kind == .country {
            return KBImportNames.overseasDepartments.contains(kb.countries[Int(e.index)].id) ? france : e.index
        }
        // "The Netherlands", "la France", "l'Italie": an article before the name.
        for article in ["the ", "la ", "le ", "les ", "l "] where folded.hasPrefix(article) {
            folded = String(folded.dropFirst(article.count))
            if let code = KBImportNames.countryForms[folded], let e = kb.element(id: code) { return e.index }
            for e in kb.elements(foldedName: folded) where e.kind == .country { return e.index }
        }
        return nil
    }

    var france: Int32? { kb.element(id: "FR").map(\.index) }

    func countrySuggestions(_ text: String) -> [Int32] {
        Resolver(kb: kb, source: Source(name: "", text: "")).suggestions(for: text, kind: .country).map(\.index)
    }

    func authorities(named name: String, in country: Int32?) -> [Int32] {
        var out: [Int32] = []
        for e in kb.elements(foldedName: Folding.fold(name)) where e.kind == .authority {
            if country == nil || kb.authorities[Int(e.index)].country == country! { out.append(e.index) }
        }
        return out
    }

    /// Names by country with their letter counts, built on the first unresolved name of an import.
    let cache = SuggestionCache()

    func suggestions(for name: String, in country: Int32?) -> [Int32] {
        let folded = Folding.fold(name)
        let limit = max(1, min(3, folded.count / 4 + 1))
        let wanted = SuggestionCache.letters(folded)
        var scored: [(Int, Int, Int32)] = []
        let length = folded.count
        for entry in cache.entries(kb, country) where abs(entry.length - length) <= limit {
            // Each edit changes the letter counts by at most 2: a cheap bound before the edit distance.
            var diff = 0
            for k in 0..<27 { diff += abs(Int(entry.letters[k]) - Int(wanted[k])) }
            if diff > 2 * limit { continue }
            let d = Similarity.distance(folded, entry.folded, limit: limit)
            if d <= limit { scored.append((d, -(kb.authority(entry.index).population ?? -1), entry.index)) }
        }
        scored.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var seen = Set<Int32>()
        return scored.compactMap { seen.insert($0.2).inserted ? $0.2 : nil }.prefix(3).map { $0 }
    }
}

/// The folded names of the authorities of each country, with their length and letter counts.
final class SuggestionCache {
    struct Entry {
        let folded: String
        let length: Int
        let letters: [UInt8]
        let index: Int32
    }
    private var byCountry: [Int32: [Entry]] = [:]

    /// Counts of a…z, and of everything else in the last slot.
    static func letters(_ s: String) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 27)
        for u in s.unicodeScalars {
            let k = u.value >= 97 && u.value <= 122 ? Int(u.value - 97) : 26
            out[k] = out[k] &+ 1
        }
        return out
    }

    func entries(_ kb: KnowledgeBase, _ country: Int32?) -> [Entry] {
        let key = country ?? -1
        if let e = byCountry[key] { return e }
        var out: [Entry] = []
        func add(_ i: Int32) {
            let a = kb.authorities[Int(i)]
            for n in [a.name] + a.aka {
                let f = Folding.fold(n)
                out.append(Entry(folded: f, length: f.count, letters: SuggestionCache.letters(f), index: i))
            }
        }
        if let c = country { for i in kb.authorities(in: c) { add(i) } } else { for i in 0..<Int32(kb.authorities.count) { add(i) } }
        byCountry[key] = out
        return out
    }
}
