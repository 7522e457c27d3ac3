import Foundation

/// The network a result stands for, as the exports and maps draw it: authorities and the partnerships among them.
///
/// Authority rows (also neighbours, similar, path steps): those authorities and every partnership between two
/// of them. Partnership rows: those partnerships and their sides. Group rows: their members; country rows:
/// their authorities; in both cases with the partnerships among them. Tables (counts, `show`) are not networks.
public struct Network: Sendable {
    /// Authorities, in the result's order (first appearance).
    public var authorities: [Int32]
    /// Partnerships, by the ids of their sides (smaller first) in byte order.
    public var partnerships: [Int32]

    /// The network of a result, or nil for a table.
    public init?(_ r: ResultSet, kb: KnowledgeBase) {
        var nodes: [Int32] = []
        var seen = Set<Int32>()
        func add(_ a: Int32) { if seen.insert(a).inserted { nodes.append(a) } }
        var edges = Set<Int32>()
        switch r.kind {
        case .table:
            return nil
        case .partnership:
            for row in r.rows {
                guard case .partnership(let p, let flipped) = row else { continue }
                let q = kb.partnership(p)
                if flipped { add(q.b); add(q.a) } else { add(q.a); add(q.b) }
                edges.insert(p)
            }
        case .authority, .neighbour, .similar, .step:
            for row in r.rows { if let a = row.authority { add(a) } }
            edges = Network.among(seen, kb)
        case .group, .country:
            let rank = kb.nameRank(.authority)
            for row in r.rows {
                let list: [Int32]
                switch row {
                case .group(let g), .groupOf(let g, _): list = kb.members(of: g)
                case .country(let c): list = Array(kb.authorities(in: c))
                default: continue
                }
                for a in list.sorted(by: { rank[Int($0)] < rank[Int($1)] }) { add(a) }
            }
            edges = Network.among(seen, kb)
        }
        authorities = nodes
        partnerships = Network.sorted(edges, kb)
    }

    public init(authorities: [Int32], partnerships: [Int32]) {
        self.authorities = authorities
        self.partnerships = partnerships
    }

    static func among(_ inside: Set<Int32>, _ kb: KnowledgeBase) -> Set<Int32> {
        var found = Set<Int32>()
        for a in inside { for p in kb.partnerships(of: a) where inside.contains(kb.partner(in: p, of: a)) { found.insert(p) } }
        return found
    }

    /// Partnerships in byte order of their sides' ids, the smaller id first.
    static func sorted(_ ps: Set<Int32>, _ kb: KnowledgeBase) -> [Int32] {
        ps.map { p -> (String, String, Int32) in
            let q = kb.partnership(p)
            let a = kb.id(of: q.a), b = kb.id(of: q.b)
            return TextOrder.bytesLess(b, a) ? (b, a, p) : (a, b, p)
        }.sorted { $0.0 != $1.0 ? TextOrder.bytesLess($0.0, $1.0) : TextOrder.bytesLess($0.1, $1.1) }.map(\.2)
    }
}

/// The attributes every export writes, one table for GraphML, GEXF, GeoJSON and Neo4j.
enum ExportAttributes {
    enum Kind {
        case text, integer, decimal
        /// The type's name in GraphML and GEXF.
        var xmlType: String {
            switch self { case .text: return "string"; case .integer: return "long"; case .decimal: return "double" }
        }
    }
    /// The export type of a schema field: numbers stay numbers, everything else (ids, lists joined) is text.
    static func kind(_ t: FieldType) -> Kind {
        switch t {
        case .integer, .year: return .integer
        case .decimal: return .decimal
        default: return .text
        }
    }

    /// Authority attributes (the id is the node's own id; `name` is also its label); types and readers from the
    /// field schema.
    static let authorityFields: [Field] = ["name", "kind", "country", "parent", "code", "population", "member", "lat", "lon", "region", "degree"]
        .map { Schema.authority.field($0)! }
    static let authority: [(String, Kind)] = authorityFields.map { ($0.name, kind($0.type)) }
    /// Partnership attributes (`themes` joined by commas).
    static let partnershipFields: [Field] = ["since", "until", "status", "kind", "themes", "note"].map { Schema.partnership.field($0)! }
    static let partnership: [(String, Kind)] = partnershipFields.map { ($0.name, kind($0.type)) }

    static func authorityValues(_ kb: KnowledgeBase, _ a: Int32) -> [Value] {
        authorityFields.map { $0.readAuthority!(kb, a) }
    }

    static func partnershipValues(_ kb: KnowledgeBase, _ p: Int32) -> [Value] {
        partnershipFields.map { $0.read(kb, .partnership(p, flipped: false)) }
    }
}

/// Text made safe for XML 1.0 content and attribute values: markup escaped, characters XML forbids dropped.
enum XMLText {
    static func escape(_ s: String) -> String { Escaping.xml(s) }
}
