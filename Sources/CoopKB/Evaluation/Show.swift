/// `show REF`: everything about one thing, as (field, value) rows.
extension Evaluator {
    public func show(_ ref: Ref) throws -> ResultSet {
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
        rows.append(("element", .text(e.kind.rawValue)))
        // Fields marked `inShow: false` (an authority's groups) are listed below in detail instead.
        for f in Schema.of(kind).fields where !f.isSideField && f.inShow {
            let v = f.read(kb, row)
            if !v.isMissing { rows.append((f.name, v)) }
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
            rows.append(("located in", .text(chain.joined(separator: " > "))))
            // Every authority `authorities in X` gives, not only the direct children.
            let children = kb.descendants(of: e.index).count
            if children > 0 { rows.append(("inside it", .text("\(Session.grouped(children)) authorit\(children == 1 ? "y" : "ies") (authorities in \(kb.id(of: e.index)))"))) }
            var ps = partnershipRows(kb.partnerships(of: e.index).map { p in (p, kb.partnership(p).a != e.index) })
            ensureOrder(&ps)
            for r in ps.rows {
                guard case .partnership(let p, let f) = r else { continue }
                let q = kb.partnership(p)
                let other = f ? q.a : q.b
                rows.append(("partner", .text(label(other) + details(q))))
            }
            for g in kb.groups(of: e.index).sorted(by: { TextOrder.bytesLess(kb.group($0).id, kb.group($1).id) }) {
                let basis = kb.membershipBasis(group: g, authority: e.index) ?? .stated
                rows.append(("group", .text("\(kb.group(g).id) (\(kb.group(g).name)) — \(basis.word) membership")))
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
                rows.append(("partner country", .text("\(kb.country(c).id) (\(kb.country(c).name)): \(n) partnership\(n == 1 ? "" : "s")")))
            }
            var partners = try evaluate(TermNode(term: .partnersOf(.ref(Ref(kind: .country, text: kb.country(e.index).id, quoted: false, offset: ref.offset))), offset: ref.offset))
            ensureOrder(&partners)
            for r in partners.rows {
                if let a = r.authority, kb.authority(a).country != e.index { rows.append(("partner", .text(label(a)))) }
            }
            for (gi, g) in kb.groups.enumerated() where g.countries.contains(e.index) {
                rows.append(("group", .text("\(g.id) (\(g.name))")))
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
                    if let role = ms.role { extra += ", role \(role)" }
                    if let since = ms.since { extra += ", since \(since)" }
                    extra += ", \(ms.basis.word)"
                }
                rows.append(("member", .text(label(a) + extra)))
            }
        case .partnership:
            break
        }
        var r = ResultSet(kind: .table, rows: rows.map { .values([.text($0.0), $0.1]) }, columns: ["field", "value"])
        r.valueColumns = ["field", "value"]
        r.origin = Keyword.show.text
        return r
    }

    func details(_ q: Partnership) -> String {
        var parts: [String] = []
        if let kind = kb.kind(of: q) { parts.append(kind) }
        if let since = q.since { parts.append("since \(since)") }
        if let until = q.until { parts.append("until \(until)") }
        if q.status != .active { parts.append(q.status.word) }
        let themes = kb.themes(of: q)
        if !themes.isEmpty { parts.append(themes.joined(separator: ",")) }
        if let source = kb.source(of: q) { parts.append("source " + source) }
        return parts.isEmpty ? "" : " — " + parts.joined(separator: ", ")
    }
}
