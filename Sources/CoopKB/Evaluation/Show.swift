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
            let x = kb.authorities[Int(a)]
            return "\(x.id) (\(x.name), \(kb.countries[Int(x.country)].id))"
        }
        switch e.kind {
        case .authority:
            var chain: [String] = []
            var p = kb.authorities[Int(e.index)].parent
            while p >= 0 && chain.count <= kb.authorities.count {
                chain.append("\(kb.authorities[Int(p)].id) (\(kb.authorities[Int(p)].name))")
                p = kb.authorities[Int(p)].parent
            }
            chain.append(kb.countries[Int(kb.authorities[Int(e.index)].country)].id)
            rows.append(("located in", .text(chain.joined(separator: " > "))))
            // Every authority `authorities in X` gives, not only the direct children.
            let children = kb.descendants(of: e.index).count
            if children > 0 { rows.append(("inside it", .text("\(Session.grouped(children)) authorit\(children == 1 ? "y" : "ies") (authorities in \(kb.authorities[Int(e.index)].id))"))) }
            var ps = partnershipRows(kb.partnerships(of: e.index).map { p in (p, kb.partnerships[Int(p)].a != e.index) })
            ensureOrder(&ps)
            for r in ps.rows {
                guard case .partnership(let p, let f) = r else { continue }
                let q = kb.partnerships[Int(p)]
                let other = f ? q.a : q.b
                rows.append(("partner", .text(label(other) + details(q))))
            }
            for g in kb.groups(of: e.index).sorted(by: { TextOrder.bytesLess(kb.groups[Int($0)].id, kb.groups[Int($1)].id) }) {
                let basis = kb.membershipBasis(group: g, authority: e.index) ?? .stated
                rows.append(("group", .text("\(kb.groups[Int(g)].id) (\(kb.groups[Int(g)].name)) — \(basis.word) membership")))
            }
        case .country:
            var byCountry: [Int32: Int] = [:]
            for a in kb.authorities(in: e.index) {
                for p in kb.partnerships(of: a) {
                    let other = kb.partner(in: p, of: a)
                    let c = kb.authorities[Int(other)].country
                    if c != e.index { byCountry[c, default: 0] += 1 }
                }
            }
            let sorted = byCountry.sorted { $0.value != $1.value ? $0.value > $1.value : TextOrder.bytesLess(kb.countries[Int($0.key)].id, kb.countries[Int($1.key)].id) }
            for (c, n) in sorted {
                rows.append(("partner country", .text("\(kb.countries[Int(c)].id) (\(kb.countries[Int(c)].name)): \(n) partnership\(n == 1 ? "" : "s")")))
            }
            var partners = try evaluate(TermNode(term: .partnersOf(.ref(Ref(kind: .country, text: kb.countries[Int(e.index)].id, quoted: false, offset: ref.offset))), offset: ref.offset))
            ensureOrder(&partners)
            for r in partners.rows {
                if let a = r.authority, kb.authorities[Int(a)].country != e.index { rows.append(("partner", .text(label(a)))) }
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
                for m in kb.membershipsByGroup[e.index] where kb.memberships[Int(m)].authority == a {
                    let ms = kb.memberships[Int(m)]
                    if let role = ms.role { extra += ", role \(role)" }
                    if ms.since > 0 { extra += ", since \(ms.since)" }
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
        if q.kind >= 0 { parts.append(kb.words[Int(q.kind)]) }
        if q.since > 0 { parts.append("since \(q.since)") }
        if q.until > 0 { parts.append("until \(q.until)") }
        if q.status != .active { parts.append(q.status.word) }
        let themes = kb.themes(of: q)
        if !themes.isEmpty { parts.append(themes.joined(separator: ",")) }
        if q.source >= 0 { parts.append("source " + kb.provenances[Int(q.source)]) }
        return parts.isEmpty ? "" : " — " + parts.joined(separator: ", ")
    }
}
