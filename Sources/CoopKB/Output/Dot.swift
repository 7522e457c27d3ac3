/// Writes results as Graphviz graphs: authorities as nodes clustered by country (French and foreign ones in
/// two colours), partnerships among them as edges labelled with their year and themes, a path as its chain,
/// neighbours in rings by distance, groups with their members. The same result always gives the same bytes.
public struct DotWriter {
    public let kb: KnowledgeBase

    public init(kb: KnowledgeBase) { self.kb = kb }

    static let french = "#dbe9f6", foreign = "#fde2c8", groupColour = "#e2f0d9"

    /// A DOT string literal.
    static func quote(_ s: String) -> String { "\"" + Escaping.dot(s) + "\"" }

    /// The nodes a result would draw (what `.render` counts before drawing).
    public func nodeCount(_ r: ResultSet) -> Int {
        switch r.kind {
        case .partnership:
            var ids = Set<Int32>()
            for row in r.rows { if case .partnership(let p, _) = row { ids.insert(kb.partnership(p).a); ids.insert(kb.partnership(p).b) } }
            return ids.count
        case .group:
            var ids = Set<Int32>()
            for row in r.rows { if let g = row.group { for m in kb.members(of: g) { ids.insert(m) } } }
            return ids.count + r.rows.count
        default:
            return r.rows.count
        }
    }

    func authorityNode(_ a: Int32, extra: String = "") -> String {
        let x = kb.authority(a)
        let country = kb.country(x.country).id
        let label = x.name + "\n" + country + extra
        return "\(DotWriter.quote(x.id)) [label=\(DotWriter.quote(label)), fillcolor=\"\(country == "FR" ? DotWriter.french : DotWriter.foreign)\"];"
    }

    func edgeLabel(_ p: Partnership) -> String {
        var parts: [String] = []
        if let since = p.since { parts.append("since \(since)") }
        let themes = kb.themes(of: p)
        if !themes.isEmpty { parts.append(themes.joined(separator: ", ")) }
        return parts.joined(separator: "\n")
    }

    func edge(_ p: Int32, _ op: String = "--") -> String {
        let q = kb.partnership(p)
        var (a, b) = (kb.id(of: q.a), kb.id(of: q.b))
        if TextOrder.bytesLess(b, a) { swap(&a, &b) }
        let label = edgeLabel(q)
        var attributes: [String] = []
        if !label.isEmpty { attributes.append("label=\(DotWriter.quote(label))") }
        if q.status != .active { attributes.append("style=dashed") }
        return "  \(DotWriter.quote(a)) \(op) \(DotWriter.quote(b))" + (attributes.isEmpty ? ";" : " [\(attributes.joined(separator: ", "))];")
    }

    func header(_ directed: Bool = false) -> String {
        """
        \(directed ? "digraph" : "graph") coopkb {
          graph [rankdir=LR, fontname="Helvetica", fontsize=11];
          node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];
          edge [fontname="Helvetica", fontsize=8, color="#555555"];

        """
    }

    /// Authorities clustered by country, clusters in byte order of country codes, nodes in the given order.
    func clusters(_ authorities: [Int32], extra: (Int32) -> String = { _ in "" }) -> String {
        var byCountry: [Int32: [Int32]] = [:]
        for a in authorities { byCountry[kb.authority(a).country, default: []].append(a) }
        var out = ""
        for c in byCountry.keys.sorted(by: { TextOrder.bytesLess(kb.country($0).id, kb.country($1).id) }) {
            let country = kb.country(c)
            out += "  subgraph \(DotWriter.quote("cluster_" + country.id)) {\n"
            out += "    label=\(DotWriter.quote(country.name + " (" + country.id + ")")); style=rounded; color=\"#999999\";\n"
            for a in byCountry[c]! { out += "    " + authorityNode(a, extra: extra(a)) + "\n" }
            out += "  }\n"
        }
        return out
    }

    /// The partnerships among a set of authorities, in order of their sides' ids.
    func edges(among authorities: [Int32]) -> String {
        let inside = Set(authorities)
        var found = Set<Int32>()
        for a in authorities { for p in kb.partnerships(of: a) where inside.contains(kb.partner(in: p, of: a)) { found.insert(p) } }
        return edges(found)
    }

    func edges(_ partnerships: Set<Int32>) -> String {
        let sorted = partnerships.map { p -> (String, String, Int32) in
            let q = kb.partnership(p)
            let a = kb.id(of: q.a), b = kb.id(of: q.b)
            return TextOrder.bytesLess(b, a) ? (b, a, p) : (a, b, p)
        }.sorted { $0.0 != $1.0 ? TextOrder.bytesLess($0.0, $1.0) : TextOrder.bytesLess($0.1, $1.1) }
        return sorted.map { edge($0.2) + "\n" }.joined()
    }

    /// A network drawn for a page (the brief's picture): no clusters, laid out by neato so that it comes out about
    /// as wide as it is tall, French and foreign authorities in two colours, a partnership that is not active dashed.
    /// The same network gives the same bytes (neato starts from a fixed seed).
    public func network(_ n: Network) -> String {
        var out = """
        graph coopkb {
          graph [layout=neato, start=1, overlap=false, sep="+4", splines=true, outputorder=edgesfirst, fontname="Helvetica", fontsize=11];
          node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, margin="0.06,0.03"];
          edge [color="#555555"];

        """
        for a in n.authorities { out += "  " + authorityNode(a) + "\n" }
        for p in n.partnerships {
            let q = kb.partnership(p)
            var (a, b) = (kb.id(of: q.a), kb.id(of: q.b))
            if TextOrder.bytesLess(b, a) { swap(&a, &b) }
            out += "  \(DotWriter.quote(a)) -- \(DotWriter.quote(b))" + (q.status == .active ? ";\n" : " [style=dashed];\n")
        }
        return out + "}\n"
    }

    /// The graph of a result.
    public func graph(_ r: ResultSet) -> String {
        switch r.kind {
        case .authority, .similar:
            let authorities = r.rows.compactMap(\.authority)
            return header() + clusters(authorities) + edges(among: authorities) + "}\n"
        case .neighbour:
            // Rings: one cluster per distance.
            var rings: [Int32: [Int32]] = [:]
            for row in r.rows { if case .neighbour(let a, let d) = row { rings[d, default: []].append(a) } }
            var out = header()
            for d in rings.keys.sorted() {
                out += "  subgraph \"cluster_distance_\(d)\" {\n    label=\"distance \(d)\"; style=rounded; color=\"#999999\";\n"
                for a in rings[d]! { out += "    " + authorityNode(a) + "\n" }
                out += "  }\n"
            }
            return out + edges(among: r.rows.compactMap(\.authority)) + "}\n"
        case .partnership:
            var sides: [Int32] = []
            var seen = Set<Int32>()
            var found = Set<Int32>()
            for row in r.rows {
                guard case .partnership(let p, _) = row else { continue }
                found.insert(p)
                let q = kb.partnership(p)
                for a in [q.a, q.b] where seen.insert(a).inserted { sides.append(a) }
            }
            let rank = kb.nameRank(.authority)
            sides.sort { rank[Int($0)] < rank[Int($1)] }
            return header() + clusters(sides) + edges(found) + "}\n"
        case .step:
            var out = header(true)
            var previous: Int32? = nil
            var steps: [(Int32, Int32)] = []
            for row in r.rows { if case .step(_, let a, let link) = row { steps.append((a, link)) } }
            out += clusters(steps.map(\.0))
            for (a, link) in steps {
                if let prev = previous {
                    let from = DotWriter.quote(kb.id(of: prev)), to = DotWriter.quote(kb.id(of: a))
                    if let g = StepLink.group(link) {
                        let label = "group:" + kb.group(g).id + (StepLink.isDerived(link) ? " (derived)" : "")
                        out += "  \(from) -> \(to) [label=\(DotWriter.quote(label)), style=dashed];\n"
                    } else {
                        var label = "partnership"
                        for p in kb.partnerships(of: prev) where kb.partner(in: p, of: prev) == a {
                            let extra = edgeLabel(kb.partnership(p))
                            if !extra.isEmpty { label += "\n" + extra }
                        }
                        out += "  \(from) -> \(to) [label=\(DotWriter.quote(label))];\n"
                    }
                }
                previous = a
            }
            return out + "}\n"
        case .group:
            var out = header()
            var members: [Int32] = []
            var seen = Set<Int32>()
            var links: [String] = []
            for row in r.rows {
                guard let g = row.group else { continue }
                let group = kb.group(g)
                out += "  \(DotWriter.quote("group:" + group.id)) [label=\(DotWriter.quote(group.name)), shape=ellipse, fillcolor=\"\(DotWriter.groupColour)\"];\n"
                let rank = kb.nameRank(.authority)
                for m in kb.members(of: g).sorted(by: { rank[Int($0)] < rank[Int($1)] }) {
                    if seen.insert(m).inserted { members.append(m) }
                    links.append("  \(DotWriter.quote("group:" + group.id)) -- \(DotWriter.quote(kb.id(of: m)));\n")
                }
            }
            return out + clusters(members) + links.joined() + "}\n"
        case .country:
            var out = header()
            for row in r.rows {
                guard case .country(let c) = row else { continue }
                let country = kb.country(c)
                out += "  \(DotWriter.quote(country.id)) [label=\(DotWriter.quote(country.name + "\n" + country.id)), fillcolor=\"\(country.id == "FR" ? DotWriter.french : DotWriter.foreign)\"];\n"
            }
            return out + "}\n"
        case .table:
            // Counts and `show` are tables, not graphs: draw the table as one node so nothing is lost.
            var rows = [r.columns.joined(separator: " | ")]
            for row in Renderer(kb: kb, mode: .tsv).cells(r) { rows.append(row.map { $0.text(listSeparator: ", ") }.joined(separator: " | ")) }
            return header() + "  table [shape=plaintext, style=\"\", label=\(DotWriter.quote(rows.joined(separator: "\n")))];\n}\n"
        }
    }
}
