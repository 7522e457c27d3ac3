/// Finds the one thing a REF names: an id first, then a folded name, `en` name or aka.
struct Resolver {
    let kb: KnowledgeBase
    let source: Source

    /// The element a REF names; ambiguity and no match are errors with candidates or suggestions.
    func resolve(_ ref: Ref) throws -> ElementRef {
        if let e = kb.element(id: ref.text), ref.kind == nil || ref.kind == e.kind { return e }
        let folded = Folding.fold(ref.text)
        var matches = kb.elements(foldedName: folded)
        if let k = ref.kind { matches = matches.filter { $0.kind == k } }
        if matches.count == 1 { return matches[0] }
        let shown = (ref.kind.map { "\($0.rawValue):" } ?? "") + (ref.quoted ? "\"\(ref.text)\"" : ref.text)
        if matches.count > 1 {
            let sorted = matches.sorted { TextOrder.bytesLess(kb.id(of: $0), kb.id(of: $1)) }
            let list = sorted.prefix(10).map { describe($0) }.joined(separator: ", ")
            let more = sorted.count > 10 ? " and \(sorted.count - 10) more" : ""
            throw Diagnostic(source: source, offset: ref.offset,
                             message: "\(shown) is ambiguous: \(list)\(more); use the id, or a kind prefix like authority:")
        }
        var message = "nothing is called \(shown)"
        if let k = ref.kind, let e = kb.element(id: ref.text) {
            message = "\(shown): '\(kb.id(of: e))' is \(e.kind.withArticle), not \(k.withArticle)"
        }
        let close = suggestions(for: ref.text, kind: ref.kind)
        if !close.isEmpty {
            message += "; did you mean " + close.map { "'\(kb.id(of: $0))' (\(kb.name(of: $0)), \(kb.countryLabel(of: $0)))" }.joined(separator: " or ") + "?"
        }
        throw Diagnostic(source: source, offset: ref.offset, message: message)
    }

    /// "saint-denis-93 (authority, Saint-Denis, FR)".
    func describe(_ e: ElementRef) -> String {
        let country = kb.countryLabel(of: e)
        return "\(kb.id(of: e)) (\(e.kind.rawValue), \(kb.name(of: e))\(country.isEmpty ? "" : ", " + country))"
    }

    /// Up to three elements whose id or folded name is close to the text.
    func suggestions(for text: String, kind: ElementKind?) -> [ElementRef] {
        let folded = Folding.fold(text)
        let idKey = Folding.idKey(text)
        let limit = max(1, min(3, folded.count / 4 + 1))
        var scored: [(Int, String, ElementRef)] = []
        func consider(_ candidate: String, _ key: String, _ e: ElementRef) {
            if abs(candidate.utf8.count - key.utf8.count) > limit + 2 { return }
            let d = Similarity.distance(key, candidate, limit: limit)
            if d <= limit { scored.append((d, kb.id(of: e), e)) }
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
            if d <= limit { scored.append((d, kb.id(of: ElementRef(.authority, a)), ElementRef(.authority, a))) }
        }
        for (name, refs) in kb.nameIndex {
            if abs(name.utf8.count - folded.utf8.count) > limit + 2 { continue }
            let d = Similarity.distance(folded, name, limit: limit)
            if d <= limit { for e in refs where kind == nil || e.kind == kind { scored.append((d, kb.id(of: e), e)) } }
        }
        // Equally close: the better connected, then the more populous, first (what a user most likely meant).
        func weight(_ e: ElementRef) -> (Int, Int) {
            switch e.kind {
            case .authority: return (kb.degree(of: e.index), kb.authority(e.index).population ?? -1)
            case .country: return (kb.partnershipCount(in: e.index), 0)
            case .group: return (kb.memberCount(of: e.index), 0)
            case .partnership: return (0, 0)
            }
        }
        scored.sort { x, y in
            if x.0 != y.0 { return x.0 < y.0 }
            let wx = weight(x.2), wy = weight(y.2)
            if wx != wy { return wx > wy }
            return TextOrder.bytesLess(x.1, y.1)
        }
        var seen = Set<ElementRef>()
        var out: [ElementRef] = []
        for (_, _, e) in scored where !seen.contains(e) {
            seen.insert(e); out.append(e)
            if out.count == 3 { break }
        }
        return out
    }
}
