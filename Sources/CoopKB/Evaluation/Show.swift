/// `show REF`: everything about one thing, as (field, value) rows.
extension Evaluator {
    public func show(_ ref: Ref) throws -> ResultSet {
        let w = ShowWords.of(showLanguage)
        let e = try resolver.resolve(ref)
        var rows: [(String, Value)] = []
        let kind: RowKind
        let row: Row
        switch e.kind {
        case .authority: kind = .authority; row = .authority(e.index)
        case .country: kind = .country; row = .country(e.index)
        case .group: kind = .group; row = .group(e.index)
        case .partnership: kind = .partnership; row = .partnership(e.index, flipped: false)
        }
        rows.append((w.element, .text(w.kind(e.kind))))
        // Fields marked `inShow: false` (an authority's groups) are listed below in detail instead.
        for f in Schema.of(kind).fields where !f.isSideField && f.inShow {
            let v = f.read(kb, row)
            if !v.isMissing { rows.append((w.field(f.name, Schema.of(kind)), v)) }
        }
        func label(_ a: Int32) -> String {
            let x = kb.authority(a)
            return "\(x.id) (\(x.name), \(kb.country(x.country).id))"
        }
        switch e.kind {
        case .authority:
            var chain: [String] = []
            var p = kb.authority(e.index).parent
            while let q = p, chain.count <= kb.authorities.count {
                chain.append("\(kb.id(of: q)) (\(kb.name(of: q)))")
                p = kb.parent(of: q)
            }
            chain.append(kb.country(kb.authority(e.index).country).id)
            rows.append((w.locatedIn, .text(chain.joined(separator: " > "))))
            // Every authority `authorities in X` gives, not only the direct children.
            let children = kb.descendants(of: e.index).count
            if children > 0 { rows.append((w.insideIt, .text(w.inside(children, kb.id(of: e.index))))) }
            var ps = partnershipRows(kb.partnerships(of: e.index).map { p in (p, kb.partnership(p).a != e.index) })
            ensureOrder(&ps)
            for r in ps.rows {
                guard case .partnership(let p, let f) = r else { continue }
                let q = kb.partnership(p)
                let other = f ? q.a : q.b
                rows.append((w.partner, .text(label(other) + details(q, w))))
            }
            for g in kb.groups(of: e.index).sorted(by: { TextOrder.bytesLess(kb.group($0).id, kb.group($1).id) }) {
                let basis = kb.membershipBasis(group: g, authority: e.index) ?? .stated
                rows.append((w.group, .text("\(kb.group(g).id) (\(kb.group(g).name)) — " + w.membership(basis))))
            }
        case .country:
            var byCountry: [Int32: Int] = [:]
            for a in kb.authorities(in: e.index) {
                for p in kb.partnerships(of: a) {
                    let other = kb.partner(in: p, of: a)
                    let c = kb.authority(other).country
                    if c != e.index { byCountry[c, default: 0] += 1 }
                }
            }
            let sorted = byCountry.sorted { $0.value != $1.value ? $0.value > $1.value : TextOrder.bytesLess(kb.country($0.key).id, kb.country($1.key).id) }
            for (c, n) in sorted {
                rows.append((w.partnerCountry, .text("\(kb.country(c).id) (\(kb.country(c).name))" + w.partnershipCount(n))))
            }
            var partners = try evaluate(TermNode(term: .partnersOf(.ref(Ref(kind: .country, text: kb.country(e.index).id, quoted: false, offset: ref.offset))), offset: ref.offset))
            ensureOrder(&partners)
            for r in partners.rows {
                if let a = r.authority, kb.authority(a).country != e.index { rows.append((w.partner, .text(label(a)))) }
            }
            for (gi, g) in kb.groups.enumerated() where g.countries.contains(e.index) {
                rows.append((w.group, .text("\(g.id) (\(g.name))")))
                _ = gi
            }
        case .group:
            var members = authorityRows(kb.members(of: e.index), sorted: false)
            ensureOrder(&members)
            for a in members.rows {
                guard let a = a.authority else { continue }
                var extra = ""
                for m in kb.membershipsByGroup[e.index] where kb.membership(m).authority == a {
                    let ms = kb.membership(m)
                    if let role = ms.role { extra += ", \(w.role) \(role)" }
                    if let since = ms.since { extra += ", \(w.since) \(since)" }
                    extra += ", " + w.basis(ms.basis)
                }
                rows.append((w.member, .text(label(a) + extra)))
            }
        case .partnership:
            break
        }
        var r = ResultSet(kind: .table, rows: rows.map { .values([.text($0.0), $0.1]) }, columns: [ShowWords.fieldColumn, ShowWords.valueColumn])
        r.valueColumns = [ShowWords.fieldColumn, ShowWords.valueColumn]
        r.origin = Keyword.show.text
        return r
    }

    func details(_ q: Partnership, _ w: ShowWords = .english) -> String {
        var parts: [String] = []
        if let kind = kb.kind(of: q) { parts.append(kind) }
        if let since = q.since { parts.append("\(w.since) \(since)") }
        if let until = q.until { parts.append("\(w.until) \(until)") }
        if q.status != .active { parts.append(q.status.word) }
        let themes = kb.themes(of: q)
        if !themes.isEmpty { parts.append(themes.joined(separator: ",")) }
        if let source = kb.source(of: q) { parts.append("source " + source) }
        return parts.isEmpty ? "" : " — " + parts.joined(separator: ", ")
    }
}

/// The words of `show`'s rows that are not data: labels (`located in`), the element's kind and the little
/// words inside values (`since 1964`). English always in tsv, csv and json, so that results are the same in
/// both languages; French in table mode in French and, in every mode, under `.headers fr` (docs/langage.md).
struct ShowWords: Sendable {
    /// The two columns, named by their ids (`.headers fr` shows `champ`, `valeur`).
    static let fieldColumn = "field", valueColumn = "value"
    var element, locatedIn, insideIt, partner, group, partnerCountry, member, role, since, until: String
    /// Field rows named by their French names (under `.headers fr`), not their ids.
    var frenchFields = false
    var language: Language

    static let english = ShowWords(element: "element", locatedIn: "located in", insideIt: "inside it", partner: "partner", group: "group",
                                   partnerCountry: "partner country", member: "member", role: "role", since: "since", until: "until",
                                   language: .en)
    static let french = ShowWords(element: "élément", locatedIn: "situé dans", insideIt: "contient", partner: "partenaire", group: "groupe",
                                  partnerCountry: "pays partenaire", member: "membre", role: "rôle", since: "depuis", until: "jusqu'à",
                                  language: .fr)

    /// The words of a show's language: English, French labels, or French labels and field names.
    static func of(_ l: ShowLanguage) -> ShowWords {
        switch l {
        case .english: return .english
        case .frenchLabels: return .french
        case .frenchNames: var w = ShowWords.french; w.frenchFields = true; return w
        }
    }

    /// The label of a field's row: its id, or its French name.
    func field(_ name: String, _ schema: RowSchema) -> String { frenchFields ? schema.frenchHeader(name) : name }

    /// The element's kind as the row `element` shows it.
    func kind(_ k: ElementKind) -> String {
        guard language == .fr else { return k.rawValue }
        switch k {
        case .authority: return "collectivité"
        case .country: return Keyword.countries.frenchText
        case .partnership: return "partenariat"
        case .group: return "groupe"
        }
    }

    /// "3 authorities (authorities in rennes)".
    func inside(_ n: Int, _ id: String) -> String {
        let fr = language == .fr
        let kw = fr ? Keyword.authorities.frenchText + " " + Keyword.in.frenchText : Keyword.authorities.text + " " + Keyword.in.text
        return language.count(n, fr ? "collectivité" : "authority", fr ? Keyword.authorities.frenchText : Keyword.authorities.text) + " (\(kw) \(id))"
    }

    /// ": 3 partnerships", " : 3 partenariats" (French puts a blank before the colon).
    func partnershipCount(_ n: Int) -> String {
        language == .fr ? " : \(n) partenariat\(n > 1 ? "s" : "")" : ": \(n) partnership\(n == 1 ? "" : "s")"
    }

    /// "derived membership", "adhésion dérivée".
    func membership(_ b: MembershipBasis) -> String { language == .fr ? "adhésion " + basis(b) : b.word + " membership" }

    /// "derived", "dérivée".
    func basis(_ b: MembershipBasis) -> String { language == .fr ? (b == .stated ? "déclarée" : "dérivée") : b.word }
}

/// Which words `show` uses (see ShowWords).
public enum ShowLanguage: Sendable { case english, frenchLabels, frenchNames }
