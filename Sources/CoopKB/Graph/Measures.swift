import Foundation

/// Who matters in the partnership network: connected components, betweenness and closeness centrality.
///
/// The graph is the KB's partnership graph: every authority is a node (isolated ones included), every
/// partnership an undirected edge. The values are those of networkx with its defaults:
/// `betweenness_centrality(G)` (Brandes, normalized by 1/((n-1)(n-2))) and `closeness_centrality(G)`
/// (Wasserman–Faust: (r-1)/Σd · (r-1)/(n-1), r the nodes reachable including itself).
public struct GraphMeasures: Sendable {
    /// How the betweenness values were obtained.
    public enum Method: Sendable, Equatable {
        /// Every source: the exact values.
        case exact
        /// `sources` of the `candidates` authorities with a partnership, chosen by a fixed seed; each value is within
        /// `error` of the exact one with probability 0.95 (Hoeffding).
        case sampled(sources: Int, candidates: Int, error: Double)
    }

    /// The component of each authority, numbered from 1 by size (largest first), then by smallest member id.
    public let component: [Int32]
    /// The components, in the order of their numbers.
    public let components: [Component]
    /// Betweenness of each authority.
    public let betweenness: [Double]
    /// Closeness of each authority; nil when the graph is past the exact limit (refused, not guessed).
    public let closeness: [Double]?
    /// How betweenness was computed.
    public let method: Method
    /// The BFS work (node and edge visits) an exact computation needs.
    public let exactWork: Int

    /// One connected component.
    public struct Component: Sendable {
        public var size: Int
        public var partnerships: Int
        /// The most populous member (ties: most partnerships, then smallest id).
        public var largest: Int32
        /// The member with the most partnerships (ties: smallest id).
        public var hub: Int32
    }

    /// The most BFS work (Σ over components of size·(size + 2·partnerships)) done for exact values: about
    /// 4·10^8 visits, a few seconds in a release build. Past it betweenness is sampled and closeness refused.
    public static let defaultExactLimit = 400_000_000
}

extension KnowledgeBase {
    /// The measures, computed once per KB on first use; `shouldStop` is asked inside the loops (Ctrl-C).
    func measures(shouldStop: () -> Bool = { false }) throws -> GraphMeasures {
        if let m = measuresStorage { return m }
        let m = try computeMeasures(limit: measureLimit, shouldStop: shouldStop)
        measuresStorage = m
        return m
    }

    /// The components alone (linear time), cached with the measures when those are computed.
    func componentsOnly(shouldStop: () -> Bool = { false }) throws -> (component: [Int32], components: [GraphMeasures.Component]) {
        if let m = measuresStorage { return (m.component, m.components) }
        if let c = componentsStorage { return c }
        let c = try computeComponents(shouldStop: shouldStop)
        componentsStorage = c
        return c
    }

    func computeComponents(shouldStop: () -> Bool) throws -> (component: [Int32], components: [GraphMeasures.Component]) {
        let n = authorities.count
        var raw = [Int32](repeating: -1, count: n)
        var members: [[Int32]] = []
        var stack: [Int32] = []
        for s in 0..<Int32(n) where raw[Int(s)] < 0 {
            let c = Int32(members.count)
            raw[Int(s)] = c
            var list: [Int32] = [s]
            stack.append(s)
            while let v = stack.popLast() {
                for p in partnerships(of: v) {
                    let w = partner(in: p, of: v)
                    if raw[Int(w)] < 0 { raw[Int(w)] = c; list.append(w); stack.append(w) }
                }
            }
            if members.count & 0x3FF == 0 && shouldStop() { throw Interrupted() }
            members.append(list)
        }
        let rank = idRank
        let smallest = members.map { $0.min { rank[Int($0)] < rank[Int($1)] }! }
        let order = members.indices.sorted { x, y in
            members[x].count != members[y].count ? members[x].count > members[y].count : rank[Int(smallest[x])] < rank[Int(smallest[y])]
        }
        var number = [Int32](repeating: 0, count: members.count)
        for (k, c) in order.enumerated() { number[c] = Int32(k + 1) }
        let component = raw.map { number[Int($0)] }
        let components = order.map { c -> GraphMeasures.Component in
            let list = members[c]
            var edges = 0
            for v in list { edges += partnershipsByAuthority.count(v) }
            let largest = list.min { x, y in
                let px = authorities[Int(x)].population ?? -1, py = authorities[Int(y)].population ?? -1
                if px != py { return px > py }
                let dx = partnershipsByAuthority.count(x), dy = partnershipsByAuthority.count(y)
                if dx != dy { return dx > dy }
                return rank[Int(x)] < rank[Int(y)]
            }!
            let hub = list.min { x, y in
                let dx = partnershipsByAuthority.count(x), dy = partnershipsByAuthority.count(y)
                return dx != dy ? dx > dy : rank[Int(x)] < rank[Int(y)]
            }!
            return GraphMeasures.Component(size: list.count, partnerships: edges / 2, largest: largest, hub: hub)
        }
        return (component, components)
    }

    /// Brandes' algorithm from every source (or a sample past `limit`), closeness from the same searches.
    func computeMeasures(limit: Int, shouldStop: () -> Bool) throws -> GraphMeasures {
        let (component, components) = try componentsOnly(shouldStop: shouldStop)
        let n = authorities.count
        var work = 0
        for c in components where c.size > 1 { work += c.size * (c.size + 2 * c.partnerships) }
        // Sources: the authorities with a partnership (isolated ones add nothing), in id order.
        let rank = idRank
        var candidates = (0..<Int32(n)).filter { partnershipsByAuthority.count($0) > 0 }
        candidates.sort { rank[Int($0)] < rank[Int($1)] }
        var sources = candidates
        var method = GraphMeasures.Method.exact
        if work > limit && !candidates.isEmpty {
            let perSource = max(1, work / candidates.count)
            let k = max(1, min(candidates.count, limit / perSource))
            // A fixed-seed shuffle, so a KB always gives the same sample.
            var rng = SplitMix(seed: 0x5EED_C00B)
            var pool = candidates
            for i in 0..<k {
                let j = i + Int(rng.next() % UInt64(pool.count - i))
                pool.swapAt(i, j)
            }
            sources = Array(pool.prefix(k))
            let range = n > 2 ? Double(candidates.count) / Double(n - 1) : 1
            let error = range * (log(40.0) / (2 * Double(k))).squareRoot()
            method = .sampled(sources: k, candidates: candidates.count, error: error)
        }
        var betweenness = [Double](repeating: 0, count: n)
        var closeness = [Double](repeating: 0, count: n)
        var dist = [Int32](repeating: -1, count: n)
        var sigma = [Double](repeating: 0, count: n)
        var delta = [Double](repeating: 0, count: n)
        var order: [Int32] = []
        order.reserveCapacity(n)
        for (done, s) in sources.enumerated() {
            if done & 0x3F == 0 && shouldStop() { throw Interrupted() }
            order.removeAll(keepingCapacity: true)
            dist[Int(s)] = 0
            sigma[Int(s)] = 1
            order.append(s)
            var head = 0
            var total = 0
            while head < order.count {
                let v = order[head]; head += 1
                let dv = dist[Int(v)]
                total += Int(dv)
                for p in partnershipsByAuthority[v] {
                    let w = partner(in: p, of: v)
                    if dist[Int(w)] < 0 { dist[Int(w)] = dv + 1; order.append(w) }
                    if dist[Int(w)] == dv + 1 { sigma[Int(w)] += sigma[Int(v)] }
                }
            }
            let r = order.count
            if total > 0 && n > 1 {
                closeness[Int(s)] = Double(r - 1) / Double(total) * (Double(r - 1) / Double(n - 1))
            }
            for w in order.reversed() {
                let dw = dist[Int(w)]
                let coefficient = (1 + delta[Int(w)]) / sigma[Int(w)]
                for p in partnershipsByAuthority[w] {
                    let v = partner(in: p, of: w)
                    if dist[Int(v)] == dw - 1 { delta[Int(v)] += sigma[Int(v)] * coefficient }
                }
                if w != s { betweenness[Int(w)] += delta[Int(w)] }
            }
            for w in order { dist[Int(w)] = -1; sigma[Int(w)] = 0; delta[Int(w)] = 0 }
        }
        if n > 2 {
            var scale = 1 / (Double(n - 1) * Double(n - 2))
            if case .sampled(let k, let m, _) = method { scale *= Double(m) / Double(k) }
            for i in 0..<n { betweenness[i] *= scale }
        } else {
            for i in 0..<n { betweenness[i] = 0 }
        }
        return GraphMeasures(component: component, components: components, betweenness: betweenness,
                             closeness: method == .exact ? closeness : nil, method: method, exactWork: work)
    }
}

/// A small deterministic random generator (SplitMix64), for reproducible samples.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Evaluator {
    /// Computes the graph measures before a stage that names one of their fields, so that Ctrl-C stops the
    /// computation and a refusal points at the field.
    func prepareMeasures(for stage: Stage, _ r: ResultSet) throws {
        guard r.kind != .table else { return }
        var named: [FieldName] = []
        func walk(_ c: Condition) {
            switch c {
            case .or(let x, let y), .and(let x, let y): walk(x); walk(y)
            case .not(let x): walk(x)
            case .compare(let f, _, _), .isIn(let f, _): named.append(f)
            case .within: break
            }
        }
        switch stage {
        case .filter(let c): walk(c)
        case .sort(let keys): named = keys.map(\.field)
        case .count(let by?): named = [by]
        case .select(let fields): named = fields
        default: break
        }
        let schema = Schema.of(r)
        for f in named where schema.field(f.name)?.isGraphMeasure == true {
            if Schema.baseName(f.name) == "component" {
                _ = try kb.componentsOnly(shouldStop: shouldStop)
                continue
            }
            let m = try kb.measures(shouldStop: shouldStop)
            if Schema.baseName(f.name) == "closeness" && m.closeness == nil {
                throw fail(f.offset, .closenessPastLimit(work: m.exactWork, limit: kb.measureLimit))
            }
        }
    }

    /// `components`: one row per connected component of the partnership graph.
    func componentRows() throws -> ResultSet {
        let c = try kb.componentsOnly(shouldStop: shouldStop)
        let columns = Schema.componentColumns
        var rows: [Row] = []
        rows.reserveCapacity(c.components.count)
        for (i, x) in c.components.enumerated() {
            try tick()
            rows.append(.values([.int(i + 1), .int(x.size), .int(x.partnerships), .id(kb.id(of: x.largest)),
                                 .text(kb.name(of: x.largest)), .id(kb.id(of: x.hub)),
                                 .int(kb.partnershipsByAuthority.count(x.hub))]))
        }
        var r = ResultSet(kind: .table, rows: rows, columns: columns)
        r.valueFields = zip(columns, [FieldType.integer, .integer, .integer, .id(.authority), .text, .id(.authority), .integer]).map { ValueColumn($0, $1) }
        r.origin = Keyword.components.text
        return r
    }
}

extension KnowledgeBase {
    /// Sets the most BFS steps done for exact measures; the measures are computed again on next use.
    func setMeasureLimit(_ n: Int) {
        measureLimit = n
        measuresStorage = nil
    }

    /// `.measures`' report, as a value the session words in its language.
    func measuresReport(_ m: GraphMeasures) -> SessionProblem {
        .graphMeasures(authorities: authorities.count, partnerships: partnerships.count, components: m.components.count,
                       connected: m.components.filter { $0.size > 1 }.count, method: m.method, steps: m.exactWork, limit: measureLimit)
    }
}
