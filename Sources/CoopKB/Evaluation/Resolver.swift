/// What a REF may name where it is used: any element, or one kind (a condition's value on `country` must be a
/// country; on `region`, an authority whose kind is region).
struct Wanted {
    /// The element kind asked for, or nil for any.
    var kind: ElementKind?
    /// For authorities, the `kind` word asked for (region), or nil for any.
    var authorityKind: String?

    static let any = Wanted(kind: nil, authorityKind: nil)
}

/// Finds the one thing a REF names: an id first, then a folded name, `en` name, aka or match-only name
/// (docs/names.md). Homonyms of an id match become notes; ambiguity and no match are errors whose candidates
/// can be told apart (kind, département/province/country, population).
struct Resolver {
    let kb: KnowledgeBase
    let source: Source
    /// Receives a note (homonyms of an id match) for standard error.
    var note: (Diagnostic) -> Void = { _ in }
    /// The answers already found while evaluating one statement (nil: none kept).
    var memo: ResolutionMemo? = nil

    /// The element a REF names; ambiguity and no match are errors with candidates or suggestions.
    func resolve(_ ref: Ref) throws -> ElementRef {
        try resolve(ref, as: ref.kind.map { Wanted(kind: $0, authorityKind: nil) } ?? .any)
    }

    func accepts(_ e: ElementRef, _ want: Wanted) -> Bool {
        if let k = want.kind, e.kind != k { return false }
        if let w = want.authorityKind {
            guard e.kind == .authority else { return false }
            return kb.words[Int(kb.authorities[Int(e.index)].kind)] == w
        }
        return true
    }

    /// The element a REF names among those `want` accepts; its homonyms' note goes to `note`.
    func resolve(_ ref: Ref, as want: Wanted) throws -> ElementRef {
        let key = ResolutionMemo.Key(text: ref.text, prefix: ref.kind, kind: want.kind, authorityKind: want.authorityKind)
        let (e, homonyms) = try memo?.answers[key] ?? lookUp(ref, as: want)
        memo?.answers[key] = (e, homonyms)
        if let n = homonyms { note(Diagnostic(source: source, offset: ref.offset, problem: .resolution(n), severity: .note)) }
        return e
    }

    /// The element a REF names among those `want` accepts, and the note on its homonyms when an id matched.
    func lookUp(_ ref: Ref, as want: Wanted) throws -> (ElementRef, ResolutionProblem?) {
        let folded = Folding.fold(ref.text)
        let named = kb.elements(foldedName: folded).filter { accepts($0, want) }
        if let e = kb.element(id: ref.text), accepts(e, want) {
            let others = named.filter { $0 != e }
            if others.isEmpty { return (e, nil) }
            return (e, .homonyms(ref: ref.text, element: candidate(e), others: ranked(others).prefix(5).map(candidate), total: others.count))
        }
        if named.count == 1 { return (named[0], nil) }
        let written = ResolutionProblem.WrittenRef(prefix: ref.kind, text: ref.text, quoted: ref.quoted)
        if named.isEmpty, let found = try qualified(ref, as: want, written: written) { return (found, nil) }
        if named.count > 1 {
            let sorted = ranked(named)
            // A kind prefix only helps when the candidates are of several kinds and none was given.
            let kinds = Set(sorted.map(\.kind))
            let prefix = ref.kind == nil && want.kind == nil && kinds.count > 1 ? sorted[0].kind : nil
            throw fail(ref, .ambiguous(ref: written, candidates: sorted.prefix(10).map(candidate), total: sorted.count, prefix: prefix))
        }
        let close = suggestions(for: ref.text, as: want).map(candidate)
        if let e = kb.element(id: ref.text) ?? kb.elements(foldedName: folded).first {
            // It names something, of another kind than the one asked for.
            if let k = ref.kind, want.authorityKind == nil {
                throw fail(ref, .wrongKind(ref: written, id: kb.id(of: e), kind: e.kind, asked: k, suggestions: close))
            }
            throw fail(ref, .nothingCalled(ref: written, wanted: wantedKind(want, ref), namesOther: candidate(e), suggestions: close))
        }
        throw fail(ref, .nothingCalled(ref: written, wanted: wantedKind(want, ref), namesOther: nil, suggestions: close))
    }

    /// The kind a message says was wanted: nil for any, or when the REF's own prefix asked for it.
    func wantedKind(_ want: Wanted, _ ref: Ref) -> ResolutionProblem.WantedKind? {
        guard let k = want.kind, ref.kind == nil else { return nil }
        return ResolutionProblem.WantedKind(kind: k, authorityKind: want.authorityKind)
    }

    /// An error at a REF.
    func fail(_ ref: Ref, _ problem: ResolutionProblem) -> Diagnostic {
        Diagnostic(source: source, offset: ref.offset, problem: .resolution(problem))
    }

    /// `NAME (PLACE)`, as French staff write a commune: `"Saint-Denis (93)"`, `"Saint-Denis (974)"`,
    /// `"Valence (Drôme)"`, `"Lagos (Nigeria)"`. PLACE is a département number (its `code`), or names an
    /// authority or country (rule 2) that encloses NAME's candidates; the one left is the answer. Nil when the
    /// text has no such form or PLACE names nothing (the caller then reports the whole text).
    func qualified(_ ref: Ref, as want: Wanted, written: ResolutionProblem.WrittenRef) throws -> ElementRef? {
        let text = ref.text
        guard text.utf8.last == UInt8(ascii: ")"), let open = text.lastIndex(of: "(") else { return nil }
        let base = String(text[..<open]).trimmingCharacters(in: .whitespaces)
        let placeText = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingCharacters(in: .whitespaces)
        guard !base.isEmpty, !placeText.isEmpty, !base.contains("(") else { return nil }
        let places = placesNamed(placeText)
        if places.authorities.isEmpty && places.countries.isEmpty { return nil }
        var candidates = kb.elements(foldedName: Folding.fold(base)).filter { accepts($0, want) }
        if let e = kb.element(id: base), accepts(e, want), !candidates.contains(e) { candidates.append(e) }
        let inside = candidates.filter { lies($0, in: places) }
        if inside.count == 1 { return inside[0] }
        if inside.count > 1 {
            throw fail(ref, .ambiguous(ref: written, candidates: ranked(inside).prefix(10).map(candidate), total: inside.count, prefix: nil))
        }
        if candidates.isEmpty { return nil }
        throw fail(ref, .nothingLiesIn(name: base, place: placeText, candidates: ranked(candidates).prefix(10).map(candidate), total: candidates.count))
    }

    /// What `PLACE` in `NAME (PLACE)` may be: départements by number (`93`, `2A`, `974`), else authorities and
    /// countries by id or name.
    func placesNamed(_ text: String) -> (authorities: Set<Int32>, countries: Set<Int32>) {
        var authorities = Set<Int32>(), countries = Set<Int32>()
        if text.utf8.count <= 3, let dep = kb.words.firstIndex(of: "departement") {
            for (i, a) in kb.authorities.enumerated() where Int(a.kind) == dep && a.code?.uppercased() == text.uppercased() {
                authorities.insert(Int32(i))
            }
        }
        if authorities.isEmpty {
            var found = kb.elements(foldedName: Folding.fold(text))
            if let e = kb.element(id: text) { found.append(e) }
            for e in found {
                if e.kind == .authority { authorities.insert(e.index) }
                if e.kind == .country { countries.insert(e.index) }
            }
        }
        return (authorities, countries)
    }

    /// Whether an element lies in one of the places: one of its enclosing authorities (parents, intercommunalité)
    /// or its country.
    func lies(_ e: ElementRef, in places: (authorities: Set<Int32>, countries: Set<Int32>)) -> Bool {
        guard e.kind == .authority else { return false }
        let a = kb.authorities[Int(e.index)]
        if places.countries.contains(a.country) { return true }
        if let epci = a.epci, places.authorities.contains(epci) { return true }
        var p = a.parent
        var steps = 0
        while let q = p, steps <= kb.authorities.count {
            if places.authorities.contains(q) { return true }
            p = kb.authorities[Int(q)].parent
            steps += 1
        }
        return false
    }

    /// Most connected first, then most populous, then by id.
    func ranked(_ list: [ElementRef]) -> [ElementRef] {
        list.map { ($0, weight($0)) }.sorted { x, y in
            if x.1 != y.1 { return x.1 > y.1 }
            return TextOrder.bytesLess(kb.id(of: x.0), kb.id(of: y.0))
        }.map(\.0)
    }

    /// What tells an element apart from its homonyms, as data: its id, name and kind, where it lies, its
    /// population (an authority), its countries (a group).
    func candidate(_ e: ElementRef) -> Candidate {
        var c = Candidate(id: kb.id(of: e), name: kb.name(of: e), kind: e.kind)
        switch e.kind {
        case .authority:
            let a = kb.authorities[Int(e.index)]
            c.authorityKind = kb.words[Int(a.kind)]
            c.place = place(of: e.index)
            c.population = a.population
        case .group:
            c.countries = kb.groups[Int(e.index)].countries.map { kb.countries[Int($0)].name }
        case .country, .partnership:
            break
        }
        return c
    }

    /// The département (or other nearest enclosing authority below the région) a place lies in, else its
    /// province, else its country's name.
    func place(of authority: Int32) -> String { kb.enclosingPlace(of: authority) }

    /// Equally close: the better connected, then the more populous, first (what a user most likely meant). An
    /// authority without a population of its own (a région, a département) counts the population under it.
    func weight(_ e: ElementRef) -> (Int, Int) {
        switch e.kind {
        case .authority:
            return (kb.partnershipsByAuthority.count(e.index), kb.authorities[Int(e.index)].population ?? populationUnder(e.index))
        case .country: return (Int(kb.partnershipCountByCountry[Int(e.index)]), 0)
        case .group: return (kb.membershipsByGroup.count(e.index), 0)
        case .partnership: return (0, 0)
        }
    }

    /// The sum of the populations of the authorities under one through `parent` (the nearest that have one:
    /// a région counts its communes through its départements), for ranking only; -1 when none has one.
    func populationUnder(_ authority: Int32) -> Int {
        var total = -1, stack = [authority], visited = 0
        while let a = stack.popLast(), visited <= kb.authorities.count {
            visited += 1
            for c in kb.children(of: a) {
                if let p = kb.authorities[Int(c)].population { total = max(total, 0) + p } else { stack.append(c) }
            }
        }
        return total
    }

    /// Up to three elements whose id or folded name is close to the text.
    func suggestions(for text: String, kind: ElementKind?) -> [ElementRef] {
        suggestions(for: text, as: kind.map { Wanted(kind: $0, authorityKind: nil) } ?? .any)
    }

    /// Up to three elements `want` accepts whose id or folded name is close to the text.
    func suggestions(for text: String, as want: Wanted) -> [ElementRef] {
        let kind = want.kind
        let folded = Folding.fold(text)
        let idKey = Folding.idKey(text)
        let limit = max(1, min(3, folded.count / 4 + 1))
        var scored: [(Int, String, ElementRef)] = []
        func consider(_ candidate: String, _ key: String, _ e: ElementRef) {
            if abs(candidate.utf8.count - key.utf8.count) > limit + 2 { return }
            let d = Similarity.distance(key, candidate, limit: limit)
            if d <= limit && accepts(e, want) { scored.append((d, kb.id(of: e), e)) }
        }
        if kind == nil || kind == .country {
            for (i, c) in kb.countries.enumerated() { consider(c.id.lowercased(), idKey, ElementRef(.country, Int32(i))) }
        }
        if kind == nil || kind == .authority {
            for (i, a) in kb.authorities.enumerated() { consider(Folding.idKey(a.id), idKey, ElementRef(.authority, Int32(i))) }
        }
        if kind == nil || kind == .group {
            for (i, g) in kb.groups.enumerated() { consider(Folding.idKey(g.id), idKey, ElementRef(.group, Int32(i))) }
        }
        // Authorities' own names, from the name order (a String is made only for names of a close length).
        let names = kb.orders.folded
        for a in kb.orders.byName where kind == nil || kind == .authority {
            let from = names.offsets[Int(a)], to = names.offsets[Int(a) + 1]
            if abs(to - from - folded.utf8.count) > limit + 2 { continue }
            let d = Similarity.distance(folded, String(decoding: names.bytes[from..<to], as: UTF8.self), limit: limit)
            let e = ElementRef(.authority, a)
            if d <= limit && accepts(e, want) { scored.append((d, kb.id(of: e), e)) }
        }
        for (name, refs) in kb.nameIndex {
            if abs(name.utf8.count - folded.utf8.count) > limit + 2 { continue }
            let d = Similarity.distance(folded, name, limit: limit)
            if d <= limit { for e in refs where accepts(e, want) { scored.append((d, kb.id(of: e), e)) } }
        }
        let weighed = scored.map { ($0, weight($0.2)) }.sorted { x, y in
            if x.0.0 != y.0.0 { return x.0.0 < y.0.0 }
            if x.1 != y.1 { return x.1 > y.1 }
            return TextOrder.bytesLess(x.0.1, y.0.1)
        }
        var seen = Set<ElementRef>()
        var out: [ElementRef] = []
        for ((_, _, e), _) in weighed where !seen.contains(e) {
            seen.insert(e); out.append(e)
            if out.count == 3 { break }
        }
        return out
    }
}

/// What a statement's REFs resolved to, by text and what was wanted: a statement that names one element
/// 100,000 times (`ML union ML …`) looks it up once; the note on its homonyms is given again at each place.
final class ResolutionMemo {
    struct Key: Hashable {
        let text: String
        let prefix: ElementKind?
        let kind: ElementKind?
        let authorityKind: String?
    }
    var answers: [Key: (ElementRef, ResolutionProblem?)] = [:]
}

extension KnowledgeBase {
    /// The département (or other nearest enclosing authority below the région) an authority lies in, else its
    /// province, else its country's name: what tells homonyms apart in candidates and Tab listings.
    func enclosingPlace(of authority: Int32) -> String {
        let a = authorities[Int(authority)]
        var p = a.parent
        var steps = 0
        while let q = p, steps <= authorities.count {
            let kind = words[Int(authorities[Int(q)].kind)]
            if kind != "intercommunalite" { return authorities[Int(q)].name }
            p = authorities[Int(q)].parent
            steps += 1
        }
        return countries[Int(a.country)].name
    }
}
