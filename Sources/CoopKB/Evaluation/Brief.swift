/// `brief REF`: one page for an adviser before a mission, as titled sections of tables.
public struct Brief: Sendable {
    /// One section: a title, an optional line of text, and a table (nil: text only).
    public struct Section: Sendable {
        public var title: String
        public var note: String?
        public var table: ResultSet?
    }
    public var title: String
    /// Lines under the title: what the thing is, totals.
    public var lines: [String]
    public var sections: [Section]
    /// The partnerships the brief is about (its network: what `.brief FILE.html` maps and draws), in no order.
    public var partnerships: [Int32] = []
}

extension Evaluator {
    /// A table of computed cells. A column whose values are all numbers (or missing, with at least one number)
    /// is typed as a number, so tables and pages align it right and JSON writes numbers.
    func table(_ columns: [String], _ rows: [[Value]]) -> ResultSet {
        var r = ResultSet(kind: .table, rows: rows.map { .values($0) }, columns: columns)
        r.valueFields = columns.enumerated().map { c, name in
            var type: FieldType? = nil
            for row in rows where c < row.count {
                switch row[c] {
                case .missing: continue
                case .int: type = type ?? .integer
                case .double: type = .decimal
                default: return ValueColumn(name, .text)
                }
            }
            return ValueColumn(name, type ?? .text)
        }
        r.origin = Keyword.brief.text
        return r
    }

    func authorityName(_ a: Int32) -> Value { .text(kb.name(of: a)) }
    func authorityID(_ a: Int32) -> Value { .id(kb.id(of: a)) }
    func countryOf(_ a: Int32) -> Int32 { kb.authority(a).country }
    func degree(_ a: Int32) -> Int { kb.partnershipsByAuthority.count(a) }

    /// Authorities in name order (folded name, then id).
    func byName(_ list: [Int32]) -> [Int32] {
        let rank = kb.nameRank(.authority)
        return list.sorted { rank[Int($0)] < rank[Int($1)] }
    }

    /// The most connected of a set: partnerships in the KB, then name.
    func mostConnected(_ list: [Int32], _ n: Int) -> [Int32] {
        let rank = kb.nameRank(.authority)
        return Array(list.filter { degree($0) > 0 }.sorted { x, y in degree(x) != degree(y) ? degree(x) > degree(y) : rank[Int(x)] < rank[Int(y)] }.prefix(n))
    }

    /// The brokers of a set: highest betweenness over the whole KB's network, then name; zero left out.
    func brokers(_ list: [Int32], _ n: Int) throws -> (ResultSet, String) {
        let m = try kb.measures(shouldStop: shouldStop)
        let rank = kb.nameRank(.authority)
        let top = list.filter { m.betweenness[Int($0)] > 0 }.sorted { x, y in
            m.betweenness[Int(x)] != m.betweenness[Int(y)] ? m.betweenness[Int(x)] > m.betweenness[Int(y)] : rank[Int(x)] < rank[Int(y)]
        }.prefix(n)
        let rows = top.map { a -> [Value] in
            [authorityID(a), authorityName(a), .id(kb.country(countryOf(a)).id), .double((m.betweenness[Int(a)] * 1e6).rounded() / 1e6),
             .int(degree(a)), .int(Int(m.component[Int(a)]))]
        }
        let how: String
        switch m.method {
        case .exact: how = "betweenness over the whole KB's partnership network (exact, rounded to 6 decimals)"
        case .sampled(let k, _, let e): how = "betweenness over the whole KB's partnership network, sampled from \(k) sources (each value within \(Value.format((e * 1e4).rounded() / 1e4)) with 95% probability)"
        }
        return (table(["id", "name", "country", "betweenness", "degree", "component"], rows), how)
    }

    /// Counts of partnership kinds, themes and decades.
    func profile(_ ps: [Int32]) -> [Brief.Section] {
        var kinds: [String: Int] = [:], themes: [String: Int] = [:], decades: [Int: Int] = [:]
        var first = Int.max, last = 0, undated = 0
        for p in ps {
            let q = kb.partnership(p)
            kinds[kb.kind(of: q) ?? "(not given)", default: 0] += 1
            for t in kb.themes(of: q) { themes[t, default: 0] += 1 }
            if let since = q.since { decades[since / 10 * 10, default: 0] += 1; first = min(first, since); last = max(last, since) } else { undated += 1 }
        }
        func counted(_ d: [String: Int]) -> [[Value]] {
            d.sorted { $0.value != $1.value ? $0.value > $1.value : TextOrder.bytesLess($0.key, $1.key) }.map { [.text($0.key), .int($0.value)] }
        }
        var out: [Brief.Section] = []
        out.append(.init(title: "Kinds of partnership", note: nil, table: table(["kind", Schema.countName], counted(kinds))))
        out.append(.init(title: "Themes", note: themes.isEmpty ? "The KB gives no themes for these partnerships." : nil,
                         table: themes.isEmpty ? nil : table(["theme", Schema.countName], counted(themes))))
        let years = decades.keys.sorted().map { [Value.text("\($0)s"), .int(decades[$0]!)] }
        out.append(.init(title: "Years (since)", note: first == Int.max ? "The KB gives no years for these partnerships." :
                            "From \(first) to \(last)" + (undated > 0 ? "; \(undated) without a year." : "."),
                         table: years.isEmpty ? nil : table(["decade", Schema.countName], years)))
        return out
    }

    /// brief := 'brief' REF
    public func brief(_ ref: Ref) throws -> Brief {
        let e = try resolver.resolve(ref)
        switch e.kind {
        case .country: return try countryBrief(e.index)
        case .authority: return try authorityBrief(e.index)
        case .group: return try groupBrief(e.index)
        case .partnership: throw fail(ref.offset, .briefNeedsElement)
        }
    }

    func basisText(_ m: Membership) -> Value { .text(m.basis == .derived ? "derived" : "stated") }

    func members(_ g: Int32) -> ResultSet {
        let rank = kb.nameRank(.authority)
        let ms = kb.membershipsByGroup[g].map { kb.membership($0) }.sorted { rank[Int($0.authority)] < rank[Int($1.authority)] }
        return table(["id", "name", "country", "role", "since", "basis"], ms.map { m in
            [authorityID(m.authority), authorityName(m.authority), .id(kb.country(countryOf(m.authority)).id),
             m.role.map(Value.text) ?? .missing, m.since.map(Value.int) ?? .missing, basisText(m)]
        })
    }

    func countryBrief(_ c: Int32) throws -> Brief {
        let country = kb.country(c)
        let fr = kb.countries.firstIndex { $0.id == "FR" }.map(Int32.init) ?? -1
        var lines = ["\(country.name) (\(country.id))" + (country.en.map { ", in English \($0)" } ?? "") + (country.zone.map { "; zone \($0)" } ?? "") + "."]
        // Partnerships between French authorities and this country's, French side first.
        var pairs: [(french: Int32, there: Int32, p: Int32)] = []
        for a in kb.authorities(in: c) {
            for p in kb.partnerships(of: a) {
                try tick()
                let b = kb.partner(in: p, of: a)
                if countryOf(b) == fr && c != fr { pairs.append((b, a, p)) }
            }
        }
        var sections: [Brief.Section] = []
        let french = byName(Array(Set(pairs.map(\.french))))
        let there = byName(Array(Set(pairs.map(\.there))))
        var regions = Set<Int32>()
        var rows: [(Value, [Value])] = []
        for f in french {
            let r = kb.region(of: f)
            if let r { regions.insert(r) }
            let mine = pairs.filter { $0.french == f }
            let partners = byName(mine.map(\.there)).map { kb.name(of: $0) }
            let since = mine.compactMap { kb.partnership($0.p).since }.min()
            let regionName: Value = .text(r.map { kb.name(of: $0) } ?? "(no région)")
            rows.append((regionName, [regionName, authorityID(f), authorityName(f), .text(kb.word(kb.authority(f).kind)),
                                      .list(partners), since.map(Value.int) ?? .missing]))
        }
        rows.sort { x, y in
            let a = x.0.text(listSeparator: ""), b = y.0.text(listSeparator: "")
            if a.hasPrefix("(") != b.hasPrefix("(") { return !a.hasPrefix("(") }
            return a != b && TextOrder.textLess(a, b)
        }
        let ps = Array(Set(pairs.map(\.p)))
        let active = ps.filter { kb.partnership($0).status == .active }.count
        lines.append("\(ps.count) partnership\(ps.count == 1 ? "" : "s") with French authorities (\(active) active): \(french.count) French authorit\(french.count == 1 ? "y" : "ies") in \(regions.count) région\(regions.count == 1 ? "" : "s"), \(there.count) of the \(kb.authorities(in: c).count) authorities of \(country.name) in the KB.")
        sections.append(.init(title: "French authorities working in \(country.name), by région", note: nil,
                              table: table(["region", "id", "name", "kind", "partners there", "since"], rows.map(\.1))))
        let groups = kb.groups.indices.filter { kb.group(Int32($0)).countries.contains(c) }.map(Int32.init)
        for g in groups {
            let group = kb.group(g)
            let derived = kb.membershipsByGroup[g].filter { kb.membership($0).basis == .derived }.count
            sections.append(.init(title: "\(group.name) (\(group.id)): members",
                                  note: "\(kb.membershipsByGroup.count(g)) members" + (derived > 0 ? ", \(derived) of them derived by a stated rule (basis derived), not stated by a source" : "") +
                                    (group.chair.map { "; chair: \(kb.name(of: $0))" } ?? "") + ".",
                                  table: members(g)))
        }
        if groups.isEmpty { sections.append(.init(title: "Groups", note: "No group of the KB works on \(country.name).", table: nil)) }
        let everyone = french + there
        sections.append(.init(title: "Most connected", note: "Partnerships in the whole KB, among the authorities on both sides.",
                              table: table(["id", "name", "country", "degree", "partners in this network"], mostConnected(everyone, 10).map { a in
                                  [authorityID(a), authorityName(a), .id(kb.country(countryOf(a)).id), .int(degree(a)),
                                   .int(pairs.filter { $0.french == a || $0.there == a }.count)]
                              })))
        let (b, how) = try brokers(everyone, 10)
        sections.append(.init(title: "Brokers", note: "Highest " + how + ".", table: b))
        sections += profile(ps)
        return Brief(title: "Brief: \(country.name)", lines: lines, sections: sections, partnerships: ps)
    }

    func authorityBrief(_ a: Int32) throws -> Brief {
        let x = kb.authority(a)
        var chain: [String] = []
        var p = x.parent
        while let q = p, chain.count <= kb.authorities.count { chain.append(kb.name(of: q)); p = kb.parent(of: q) }
        chain.append(kb.country(x.country).name)
        let population: String = x.population.map { "; population \(Session.grouped($0))" } ?? ""
        let member: String = x.member.map { $0 ? "; member" : "; not a member" } ?? ""
        var lines = ["\(x.name) (\(x.id)), \(kb.word(x.kind)) in " + chain.joined(separator: " > ") + population + member + "."]
        let territory = [a] + kb.descendants(of: a)
        let inside = Set(territory)
        var ps: [(Int32, Int32, Int32)] = []   // (side in the territory, partner, partnership)
        for t in territory {
            for q in kb.partnerships(of: t) {
                try tick()
                let b = kb.partner(in: q, of: t)
                if !inside.contains(b) || t < b { ps.append((t, b, q)) }
            }
        }
        let countries = Set(ps.map { countryOf($0.1) })
        lines.append("\(ps.count) partnership\(ps.count == 1 ? "" : "s")" + (territory.count > 1 ? " of \(x.name) and the \(territory.count - 1) authorities in it" : "") +
                     ", with partners in \(countries.count) countr\(countries.count == 1 ? "y" : "ies").")
        var sections: [Brief.Section] = []
        let rank = kb.nameRank(.authority)
        let sorted = ps.sorted { l, r in
            let cl = kb.country(countryOf(l.1)).name, cr = kb.country(countryOf(r.1)).name
            if cl != cr { return TextOrder.textLess(cl, cr) }
            if l.1 != r.1 { return rank[Int(l.1)] < rank[Int(r.1)] }
            return rank[Int(l.0)] < rank[Int(r.0)]
        }
        var columns = ["country", "partner", "name", "since", "status", "themes"]
        if territory.count > 1 { columns.insert("with", at: 3) }
        sections.append(.init(title: "Partners by country", note: nil, table: table(columns, sorted.map { (t, b, q) in
            let pq = kb.partnership(q)
            var row: [Value] = [.text(kb.country(countryOf(b)).name), authorityID(b), authorityName(b),
                                pq.since.map(Value.int) ?? .missing, .text(pq.status.word), .list(kb.themes(of: pq))]
            if territory.count > 1 { row.insert(authorityID(t), at: 3) }
            return row
        })))
        var groupRows: [[Value]] = []
        for g in kb.groups.indices.map(Int32.init) {
            let ms = kb.membershipsByGroup[g].map { kb.membership($0) }.filter { inside.contains($0.authority) }
            for m in ms.sorted(by: { rank[Int($0.authority)] < rank[Int($1.authority)] }) {
                groupRows.append([.id(kb.group(g).id), .text(kb.group(g).name), authorityID(m.authority), m.role.map(Value.text) ?? .missing,
                                  m.since.map(Value.int) ?? .missing, basisText(m)])
            }
        }
        groupRows.sort { TextOrder.bytesLess($0[0].text(listSeparator: ""), $1[0].text(listSeparator: "")) }
        sections.append(.init(title: "Groups", note: groupRows.isEmpty ? "No membership in the KB." : nil,
                              table: groupRows.isEmpty ? nil : table(["group", "name", "member", "role", "since", "basis"], groupRows)))
        // Within two steps: partners and partners' partners, counted by country, the nearest listed.
        var distance: [Int32: Int32] = [:]
        for t in territory { distance[t] = 0 }
        var frontier = territory
        for d in 1...2 {
            var next: [Int32] = []
            for v in frontier { for q in kb.partnerships(of: v) { try tick(); let w = kb.partner(in: q, of: v); if distance[w] == nil { distance[w] = Int32(d); next.append(w) } } }
            frontier = next
        }
        let near = distance.filter { $0.value > 0 }
        let two = byName(near.filter { $0.value == 2 }.map(\.key))
        sections.append(.init(title: "Within two steps", note: "\(near.filter { $0.value == 1 }.count) partners, \(two.count) authorities two partnerships away" +
                                (two.count > 20 ? " (the 20 most connected shown)" : "") + ".",
                              table: two.isEmpty ? nil : table(["id", "name", "country", "degree", "through"], mostConnected(two, 20).map { w in
                                  let via = byName(kb.partnerships(of: w).map { kb.partner(in: $0, of: w) }.filter { distance[$0] == 1 })
                                  return [authorityID(w), authorityName(w), .id(kb.country(countryOf(w)).id), .int(degree(w)),
                                          .list(via.map { kb.id(of: $0) })]
                              })))
        let similar = try self.similar(to: Ref(kind: .authority, text: x.id, quoted: false, offset: 0), limit: 10)
        sections.append(.init(title: "Similar (shared partners)", note: similar.rows.isEmpty ? "No authority shares a partner with \(x.name)." : nil,
                              table: similar.rows.isEmpty ? nil : table(["id", "name", "country", "shared", "jaccard"], similar.rows.compactMap { row in
                                  guard case .similar(let s, let n, let j) = row else { return nil }
                                  return [authorityID(s), authorityName(s), .id(kb.country(countryOf(s)).id), .int(Int(n)), .double(j)]
                              })))
        if territory.count > 1 {
            sections.append(.init(title: "Most active authorities of \(x.name)", note: "By partnerships in the KB.",
                                  table: table(["id", "name", "kind", "degree"], mostConnected(territory, 10).map { t in
                                      [authorityID(t), authorityName(t), .text(kb.word(kb.authority(t).kind)), .int(degree(t))]
                                  })))
        }
        let (b, how) = try brokers(territory + near.map(\.key), 10)
        sections.append(.init(title: "Brokers nearby", note: "Highest " + how + ", among \(x.name)" + (territory.count > 1 ? ", the authorities in it" : "") + " and those within two steps.", table: b))
        sections += profile(ps.map(\.2))
        return Brief(title: "Brief: \(x.name)", lines: lines, sections: sections, partnerships: ps.map(\.2))
    }

    func groupBrief(_ g: Int32) throws -> Brief {
        let group = kb.group(g)
        let members = kb.members(of: g)
        let targets = Set(group.countries)
        var ps: [Int32] = []
        for m in members { for p in kb.partnerships(of: m) where targets.contains(countryOf(kb.partner(in: p, of: m))) { ps.append(p) } }
        ps = Array(Set(ps))
        let lines = ["\(group.name) (\(group.id)), \(group.kind) group on " + group.countries.map { kb.country($0).name }.joined(separator: ", ") +
                     (group.chair.map { "; chair: \(kb.name(of: $0))" } ?? "") + ".",
                     "\(members.count) members; \(ps.count) partnership\(ps.count == 1 ? "" : "s") of members with authorities of the group's countries."]
        var sections: [Brief.Section] = [.init(title: "Members", note: nil, table: self.members(g))]
        sections.append(.init(title: "Most connected members", note: "Partnerships in the whole KB.",
                              table: table(["id", "name", "country", "degree"], mostConnected(members, 10).map { a in
                                  [authorityID(a), authorityName(a), .id(kb.country(countryOf(a)).id), .int(degree(a))] })))
        let (b, how) = try brokers(members, 10)
        sections.append(.init(title: "Brokers", note: "Highest " + how + ".", table: b))
        sections += profile(ps)
        return Brief(title: "Brief: \(group.name)", lines: lines, sections: sections, partnerships: ps)
    }
}

extension Renderer {
    /// A brief in this mode: Markdown headings and tables, or (table mode) titled aligned tables; json an object.
    public func render(_ b: Brief) -> String {
        switch mode {
        case .json, .jsonl:
            var out = "{\"title\":" + Renderer.jsonString(b.title) + ",\"lines\":[" + b.lines.map(Renderer.jsonString).joined(separator: ",") + "],\"sections\":["
            out += b.sections.map { s in
                "{\"title\":" + Renderer.jsonString(s.title) + ",\"note\":" + (s.note.map(Renderer.jsonString) ?? "null") + ",\"rows\":" +
                    (s.table.map { json($0).trimmingCharacters(in: .newlines) } ?? "[]") + "}"
            }.joined(separator: ",\n")
            return out + "]}\n"
        case .markdown:
            var out = "# " + Renderer.markdownCell(b.title) + "\n\n" + b.lines.map { Renderer.markdownCell($0) + "\n" }.joined()
            for s in b.sections {
                out += "\n## " + Renderer.markdownCell(s.title) + "\n\n"
                if let n = s.note { out += Renderer.markdownCell(n) + "\n\n" }
                if let t = s.table { out += t.rows.isEmpty ? "(none)\n" : markdown(t) }
            }
            return out
        case .table:
            var out = b.title + "\n" + String(repeating: "=", count: DisplayWidth.of(b.title)) + "\n" + b.lines.map { $0 + "\n" }.joined()
            for s in b.sections {
                out += "\n" + s.title + "\n" + String(repeating: "-", count: DisplayWidth.of(s.title)) + "\n"
                if let n = s.note { out += n + "\n" }
                if let t = s.table { out += table(t) }
            }
            return out
        default:
            // tsv, csv and the rest: each section's table after a `# title` line, a blank line between.
            var out = "# " + b.title + "\n" + b.lines.map { "# " + $0 + "\n" }.joined()
            for s in b.sections {
                out += "\n# " + s.title + "\n" + (s.note.map { "# " + $0 + "\n" } ?? "")
                if let t = s.table { out += mode == .csv ? csv(t) : tsv(t) }
            }
            return out
        }
    }
}
