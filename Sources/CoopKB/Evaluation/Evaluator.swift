/// Thrown when a running query is stopped (Ctrl-C).
public struct Interrupted: Error, Sendable {}

/// Evaluates queries against a KB: terms to rows, set operations, then stages left to right.
public final class Evaluator {
    let kb: KnowledgeBase
    let source: Source
    let variables: [String: ResultSet]
    let shouldStop: () -> Bool
    private var ticks = 0
    /// Notes and hints for standard error (homonyms of an id match, likely causes of an empty answer), in order.
    public private(set) var notes: [Diagnostic] = []
    /// The words of `show`'s labels (English unless the session shows French ones: Evaluation/Show.swift).
    public var showLanguage: ShowLanguage = .english

    public init(kb: KnowledgeBase, source: Source, variables: [String: ResultSet], shouldStop: @escaping () -> Bool = { false }) {
        self.kb = kb
        self.source = source
        self.variables = variables
        self.shouldStop = shouldStop
    }

    /// The notes given, by offset, so that a REF resolved twice gives one note (and 100,000 notes cost no more
    /// than 100,000 look-ups).
    private var noted: [Int: [Problem]] = [:]
    /// What the statement's REFs resolved to.
    let memo = ResolutionMemo()

    var resolver: Resolver {
        Resolver(kb: kb, source: source, note: { [unowned self] d in self.addNote(d) }, memo: memo)
    }

    /// Forgets the notes already handed out.
    public func clearNotes() { notes = [] }

    /// Adds a note once (a REF resolved twice gives one note).
    func addNote(_ d: Diagnostic) {
        if noted[d.offset]?.contains(d.problem) == true { return }
        noted[d.offset, default: []].append(d.problem)
        notes.append(d)
    }

    @inline(__always)
    func tick() throws {
        ticks &+= 1
        if ticks & 0xFFF == 0 && shouldStop() { throw Interrupted() }
    }

    func fail(_ offset: Int, _ problem: Problem) -> Diagnostic {
        Diagnostic(source: source, offset: offset, problem: problem)
    }

    /// query := setexpr { ['|'] stage }
    public func evaluate(_ query: Query) throws -> ResultSet {
        var result = try evaluate(query.first)
        for (op, node) in query.rest {
            let right = try evaluate(node)
            if shouldStop() { throw Interrupted() }
            result = try combine(result, op, right, at: node.offset)
        }
        for (stage, offset) in query.stages {
            // Between steps too: some work (a first sort by name) has no loop of its own to check in.
            if shouldStop() { throw Interrupted() }
            // The default order is put off until a stage needs it: `where`, `select` and `count` do not.
            switch stage {
            case .limit, .sort: ensureOrder(&result)
            default: break
            }
            result = try apply(stage, at: offset, to: result)
        }
        ensureOrder(&result)
        if shouldStop() { throw Interrupted() }
        return result
    }

    // MARK: Terms

    func evaluate(_ node: TermNode) throws -> ResultSet {
        switch node.term {
        case .authorities(nil):
            return authorityRows(Array(0..<Int32(kb.authorities.count)), sorted: false)
        case .authorities(let ref?):
            let e = try resolver.resolve(ref)
            switch e.kind {
            case .country: return authorityRows(Array(kb.authorities(in: e.index)), sorted: false)
            case .authority: return authorityRows(kb.descendants(of: e.index), sorted: false)
            default:
                throw fail(ref.offset, .authoritiesInNeedsPlace(id: kb.id(of: e), kind: e.kind))
            }
        case .countries:
            return elementRows(.country, Array(0..<Int32(kb.countries.count)))
        case .groups(nil):
            return elementRows(.group, Array(0..<Int32(kb.groups.count)))
        case .groups(let s?):
            let set = try authoritySet(s, [.groups, .of])
            // Each group once, with the basis of the memberships that put it here (stated when any is).
            var basis: [Int32: MembershipBasis] = [:]
            for a in set {
                try tick()
                for m in kb.membershipsByAuthority[a] {
                    let ms = kb.membership(m)
                    if basis[ms.group] != .stated { basis[ms.group] = ms.basis }
                }
            }
            var r = ResultSet(kind: .group, rows: basis.map { .groupOf($0.key, basis: $0.value) }, columns: defaultColumns(.group))
            if kb.hasDerivedMemberships { r.columns.append("basis") }
            r.pendingSort = true
            return r
        case .partnerships:
            return partnershipRows(Array(0..<Int32(kb.partnerships.count)).map { ($0, false) })
        case .partnershipsOf(let s):
            let set = try authoritySet(s, [.partnerships, .of])
            let inS = IndexSet32(set, count: kb.authorities.count)
            var rows: [(Int32, Bool)] = []
            if followsMost(set) {
                // One pass over every partnership: cheaper than following the rows of most authorities.
                try kb.partnerships.withUnsafeBufferPointer { ps in
                    for i in 0..<ps.count {
                        try tick()
                        if inS.contains(ps[i].a) { rows.append((Int32(i), false)) }
                        else if inS.contains(ps[i].b) { rows.append((Int32(i), true)) }
                    }
                }
                return partnershipRows(rows)
            }
            var seen = IndexSet32([Int32](), count: kb.partnerships.count)
            for a in set {
                let ps = kb.partnerships(of: a), sides = kb.partnerSides(of: a)
                for k in ps.indices where !seen.contains(ps[k]) {
                    try tick()
                    seen.insert(ps[k])
                    // Turned when `a` is side b and the other side (side a) is not in S.
                    let side = sides[k]
                    rows.append((ps[k], side < 0 && !inS.contains(side & Int32.max)))
                }
            }
            if rows.isEmpty { hintOwnPartnerships(s, [.partnerships, .of]) }
            return partnershipRows(rows)
        case .partnershipsBetween(let s, let t):
            let left = try authoritySet(s, [.partnerships, .between])
            let right = IndexSet32(try authoritySet(t, [.partnerships, .between, nil, .and]), count: kb.authorities.count)
            let inLeft = IndexSet32(left, count: kb.authorities.count)
            var seen = IndexSet32([Int32](), count: kb.partnerships.count)
            var rows: [(Int32, Bool)] = []
            for a in left {
                for p in kb.partnerships(of: a) where !seen.contains(p) {
                    try tick()
                    let q = kb.partnership(p)
                    if inLeft.contains(q.a) && right.contains(q.b) { seen.insert(p); rows.append((p, false)) }
                    else if inLeft.contains(q.b) && right.contains(q.a) { seen.insert(p); rows.append((p, true)) }
                }
            }
            return partnershipRows(rows)
        case .partnersOf(let s):
            let set = try authoritySet(s, [.partners, .of])
            var seen = IndexSet32([Int32](), count: kb.authorities.count)
            var out: [Int32] = []
            if followsMost(set) {
                // One pass over every partnership (see partnerships of).
                let inS = IndexSet32(set, count: kb.authorities.count)
                try kb.partnerships.withUnsafeBufferPointer { ps in
                    for i in 0..<ps.count {
                        try tick()
                        let q = ps[i]
                        if inS.contains(q.a) && !seen.contains(q.b) { seen.insert(q.b); out.append(q.b) }
                        if inS.contains(q.b) && !seen.contains(q.a) { seen.insert(q.a); out.append(q.a) }
                    }
                }
                return authorityRows(out, sorted: false)
            }
            for a in set {
                for side in kb.partnerSides(of: a) {
                    try tick()
                    let b = side & Int32.max
                    if !seen.contains(b) { seen.insert(b); out.append(b) }
                }
            }
            if out.isEmpty { hintOwnPartnerships(s, [.partners, .of]) }
            return authorityRows(out, sorted: false)
        case .membersOf(let g):
            let groups = try groupSet(g)
            // Each member once, with the basis of its membership (stated when any of its memberships is).
            var basis: [Int32: MembershipBasis] = [:]
            var out: [Int32] = []
            for gi in groups {
                for m in kb.membershipsByGroup[gi] {
                    let ms = kb.membership(m)
                    if let b = basis[ms.authority] { if b == .derived { basis[ms.authority] = ms.basis } }
                    else { basis[ms.authority] = ms.basis; out.append(ms.authority) }
                }
            }
            var r = ResultSet(kind: .authority, rows: out.map { .member($0, basis: basis[$0]!) }, columns: defaultColumns(.authority))
            if kb.hasDerivedMemberships { r.columns.append("basis") }
            r.pendingSort = true
            return r
        case .neighbours(let s, let depth):
            let start = try authoritySet(s, [.neighbours, .of])
            var distance: [Int32: Int32] = [:]
            for a in start { distance[a] = 0 }
            var frontier = Array(Set(start))
            var rows: [Row] = []
            var d: Int32 = 0
            while !frontier.isEmpty && d < depth {
                d += 1
                var next: [Int32] = []
                for a in frontier {
                    for side in kb.partnerSides(of: a) {
                        try tick()
                        let b = side & Int32.max
                        if distance[b] == nil { distance[b] = d; next.append(b); rows.append(.neighbour(b, distance: d)) }
                    }
                }
                frontier = next
            }
            if rows.isEmpty { hintOwnPartnerships(s, [.neighbours, .of], depth: depth == 1 ? nil : depth) }
            var r = ResultSet(kind: .neighbour, rows: rows, columns: Schema.of(.neighbour).defaultColumns)
            r.pendingSort = true
            return r
        case .path(let from, let to, let via):
            return try path(from, to, viaGroups: via)
        case .similar(let ref, let limit):
            return try similar(to: ref, limit: limit)
        case .components:
            return try componentRows()
        case .operand(let o):
            switch o {
            case .ref(let ref):
                let e = try resolver.resolve(ref)
                switch e.kind {
                case .authority: return authorityRows([e.index], sorted: true)
                case .country, .group, .partnership: return elementRows(e.kind == .country ? .country : .group, [e.index])
                }
            case .variable(let name, let offset):
                return try variable(name, offset)
            case .query(let q):
                return try evaluate(q)
            }
        }
    }

    /// Whether following the partnerships of the authorities in `set` would visit more than an eighth of all
    /// partnerships: then one pass over the partnerships in order is cheaper than jumping from row to row.
    func followsMost(_ set: [Int32]) -> Bool {
        let total = kb.partnerships.count
        if set.count < 1024 || total < 4096 { return false }
        var n = 0
        for a in set {
            n += kb.partnershipsByAuthority.count(a)
            if n > total / 4 { return true }
        }
        return false
    }

    /// After an empty answer on one authority with no partnership of its own (a région, a département, an
    /// intercommunalité) whose authorities have some: a hint to ask the same question on them.
    func hintOwnPartnerships(_ operand: Operand, _ term: [Keyword], depth: Int? = nil) {
        guard case .ref(let ref) = operand, let e = try? resolver.resolve(ref), e.kind == .authority,
              kb.partnerships(of: e.index).isEmpty else { return }
        let inside = kb.descendants(of: e.index)
        let count = inside.reduce(0) { $0 + kb.partnerships(of: $1).count }
        guard count > 0 else { return }
        let hint = ResolutionProblem.noOwnPartnerships(authority: resolver.candidate(e), inside: inside.count, partnerships: count, term: term, depth: depth)
        addNote(Diagnostic(source: source, offset: ref.offset, problem: .resolution(hint), severity: .hint))
    }

    func variable(_ name: String, _ offset: Int) throws -> ResultSet {
        if let v = variables[name.lowercased()] { return v }
        if !name.isEmpty && name.allSatisfy(\.isASCII) && name.allSatisfy(\.isNumber) {
            throw fail(offset, .savedQueryParameter(name))
        }
        throw fail(offset, .unknownVariable(name, candidates: Similarity.closest(to: name.lowercased(), among: Array(variables.keys), count: 3)))
    }

    // MARK: Sets

    func offset(of operand: Operand) -> Int {
        switch operand {
        case .ref(let r): return r.offset
        case .variable(_, let o): return o
        case .query(let q): return q.first.offset
        }
    }

    /// The authorities an operand stands for: an authority itself, a country's authorities, a group's members.
    func authoritySet(_ operand: Operand, _ context: [Keyword?]) throws -> [Int32] {
        if case .ref(let ref) = operand {
            let e = try resolver.resolve(ref)
            switch e.kind {
            case .authority: return [e.index]
            case .country: return Array(kb.authorities(in: e.index))
            case .group: return kb.members(of: e.index)
            case .partnership: throw fail(ref.offset, .needsAuthorities(term: context, given: .partnershipRef))
            }
        }
        let r: ResultSet
        if case .variable(let name, let o) = operand { r = try variable(name, o) } else if case .query(let q) = operand { r = try evaluate(q) } else { r = ResultSet(kind: .table, rows: [], columns: []) }
        return try authorities(of: r, at: offset(of: operand), context)
    }

    func authorities(of r: ResultSet, at offset: Int, _ context: [Keyword?]) throws -> [Int32] {
        switch r.kind {
        case .authority, .neighbour, .similar:
            return r.rows.compactMap(\.authority)
        case .country:
            var out: [Int32] = []
            for row in r.rows { if case .country(let c) = row { out.append(contentsOf: kb.authorities(in: c)) } }
            return out
        case .group:
            var seen = Set<Int32>()
            var out: [Int32] = []
            for row in r.rows { if let g = row.group { for a in kb.members(of: g) where seen.insert(a).inserted { out.append(a) } } }
            return out
        case .partnership:
            throw fail(offset, .needsAuthorities(term: context, given: .partnerships))
        case .step:
            throw fail(offset, .needsAuthorities(term: context, given: .path))
        case .table:
            throw fail(offset, .needsAuthorities(term: context, given: .table(origin: r.origin)))
        }
    }

    func groupSet(_ operand: Operand) throws -> [Int32] {
        let r: ResultSet
        switch operand {
        case .ref(let ref):
            let e = try resolver.resolve(ref)
            guard e.kind == .group else {
                if e.kind == .country {
                    let groups = kb.groups.indices.filter { kb.groups[$0].countries.contains(e.index) }
                        .map { kb.groups[$0].id }.sorted(by: TextOrder.bytesLess)
                    if !groups.isEmpty { throw fail(ref.offset, .membersOfCountry(id: kb.id(of: e), country: kb.name(of: e), groups: groups)) }
                }
                throw fail(ref.offset, .membersOfNeedsGroup(id: kb.id(of: e), kind: e.kind))
            }
            return [e.index]
        case .variable(let name, let o): r = try variable(name, o)
        case .query(let q): r = try evaluate(q)
        }
        guard r.kind == .group else {
            throw fail(offset(of: operand), .membersOfNeedsGroups(rows: r.kind))
        }
        return r.rows.compactMap(\.group)
    }

    /// `left op right` for two results of one element kind.
    func combine(_ left: ResultSet, _ op: SetOperation, _ right: ResultSet, at offset: Int) throws -> ResultSet {
        guard let lk = left.kind.setKind else {
            throw fail(offset, .notASet(op, rows: left.kind))
        }
        guard let rk = right.kind.setKind else {
            throw fail(offset, .notASet(op, rows: right.kind))
        }
        guard lk == rk else {
            throw fail(offset, .setKindsDiffer(op, left: lk, right: rk))
        }
        func key(_ row: Row) -> Int32 {
            switch row {
            case .authority(let a), .neighbour(let a, _), .similar(let a, _, _), .country(let a), .group(let a), .partnership(let a, _),
                 .member(let a, _), .groupOf(let a, _): return a
            default: return -1
            }
        }
        let rightKeys = Set(right.rows.map(key))
        var rows: [Row]
        switch op {
        case .union:
            let leftKeys = Set(left.rows.map(key))
            rows = left.rows + right.rows.filter { !leftKeys.contains(key($0)) }
        case .intersect:
            rows = left.rows.filter { rightKeys.contains(key($0)) }
        case .except:
            rows = left.rows.filter { !rightKeys.contains(key($0)) }
        }
        if lk == .authority { rows = rows.map { .authority(key($0)) } }
        let kind: RowKind = lk == .authority ? .authority : left.kind
        var r = ResultSet(kind: kind, rows: rows, columns: defaultColumns(kind))
        r.pendingSort = true
        return r
    }

    // MARK: Rows in default order

    /// A kind's default columns, and for groups `derived` (how many memberships a rule derived) when the KB
    /// holds derived memberships, so that a derived count is never shown as plain members.
    func defaultColumns(_ kind: RowKind) -> [String] {
        let columns = Schema.of(kind).defaultColumns
        return kind == .group && kb.hasDerivedMemberships ? columns + ["derived"] : columns
    }

    func authorityRows(_ list: [Int32], sorted: Bool) -> ResultSet {
        var r = ResultSet(kind: .authority, rows: list.map { .authority($0) }, columns: Schema.of(.authority).defaultColumns)
        if !sorted { r.pendingSort = true }
        return r
    }

    func elementRows(_ kind: RowKind, _ list: [Int32]) -> ResultSet {
        var r = ResultSet(kind: kind, rows: list.map { kind == .country ? .country($0) : .group($0) }, columns: defaultColumns(kind))
        r.pendingSort = true
        return r
    }

    func partnershipRows(_ list: [(Int32, Bool)]) -> ResultSet {
        var r = ResultSet(kind: .partnership, rows: list.map { .partnership($0.0, flipped: $0.1) }, columns: Schema.of(.partnership).defaultColumns)
        r.pendingSort = true
        return r
    }

    /// Puts rows in their kind's default order if a term left that for later.
    func ensureOrder(_ r: inout ResultSet) {
        if r.pendingSort { sortDefault(&r) }
    }

    /// Sorts rows in their kind's default order.
    func sortDefault(_ r: inout ResultSet) {
        r.pendingSort = false
        switch r.kind {
        case .authority, .country, .group:
            let rank = kb.nameRank(r.kind == .authority ? .authority : r.kind == .country ? .country : .group)
            func k(_ row: Row) -> Int32 {
                switch row {
                case .authority(let i), .country(let i), .group(let i), .member(let i, _), .groupOf(let i, _): return rank[Int(i)]
                default: return 0
                }
            }
            // Ranks are distinct: each row's rank read once, then the ranks sorted as plain integers
            // (rank << 32 | position), or for a large share of all elements placed straight by rank.
            let n = r.rows.count
            if n > rank.count / 8 && n > 1024 {
                var byRank = [Int32](repeating: -1, count: rank.count)
                for (i, row) in r.rows.enumerated() { byRank[Int(k(row))] = Int32(i) }
                var sorted: [Row] = []
                sorted.reserveCapacity(n)
                for i in byRank where i >= 0 { sorted.append(r.rows[Int(i)]) }
                if sorted.count == n { r.rows = sorted; return }
            }
            var keys = r.rows.enumerated().map { UInt64(UInt32(k($0.element))) << 32 | UInt64($0.offset) }
            keys.sort()
            let rows = r.rows
            r.rows = keys.map { rows[Int($0 & 0xFFFF_FFFF)] }
        case .neighbour:
            let rank = kb.nameRank(.authority)
            r.rows.sort { x, y in
                guard case .neighbour(let a, let da) = x, case .neighbour(let b, let db) = y else { return false }
                return da != db ? da < db : rank[Int(a)] < rank[Int(b)]
            }
        case .similar:
            let rank = kb.nameRank(.authority)
            r.rows.sort { x, y in
                guard case .similar(let a, let sa, let ja) = x, case .similar(let b, let sb, let jb) = y else { return false }
                if sa != sb { return sa > sb }
                if ja != jb { return ja > jb }
                return rank[Int(a)] < rank[Int(b)]
            }
        case .partnership:
            let rank = kb.idRank
            func k(_ row: Row) -> (Int32, Int32) {
                guard case .partnership(let i, let f) = row else { return (0, 0) }
                let p = kb.partnership(i)
                return f ? (rank[Int(p.b)], rank[Int(p.a)]) : (rank[Int(p.a)], rank[Int(p.b)])
            }
            r.rows.sort { k($0) < k($1) }
        case .step, .table:
            break
        }
    }

    // MARK: Similar

    /// `similar to REF [limit N]`: the authorities sharing partners with REF, most shared partners first, then the
    /// highest Jaccard similarity of the two partner sets, then by name as the SPEC orders names.
    func similar(to ref: Ref, limit: Int?) throws -> ResultSet {
        let e = try resolver.resolve(ref)
        guard e.kind == .authority else {
            throw fail(ref.offset, .similarNeedsAuthority(id: kb.id(of: e), kind: e.kind))
        }
        let x = e.index
        var partners = Set<Int32>()
        for p in kb.partnerships(of: x) { partners.insert(kb.partner(in: p, of: x)) }
        var shared: [Int32: Int32] = [:]
        for y in partners {
            var seen = Set<Int32>()
            for p in kb.partnerships(of: y) {
                try tick()
                let z = kb.partner(in: p, of: y)
                if z != x && seen.insert(z).inserted { shared[z, default: 0] += 1 }
            }
        }
        var rows: [Row] = []
        for (z, n) in shared {
            var theirs = Set<Int32>()
            for p in kb.partnerships(of: z) { theirs.insert(kb.partner(in: p, of: z)) }
            let union = partners.count + theirs.count - Int(n)
            let jaccard = union > 0 ? (Double(n) / Double(union) * 10_000).rounded() / 10_000 : 0
            rows.append(.similar(z, shared: n, jaccard: jaccard))
        }
        var r = ResultSet(kind: .similar, rows: rows, columns: Schema.of(.similar).defaultColumns)
        sortDefault(&r)
        if let limit, r.rows.count > limit { r.rows.removeLast(r.rows.count - limit) }
        return r
    }

    // MARK: Path

    func singleAuthority(_ ref: Ref) throws -> Int32 {
        let e = try resolver.resolve(ref)
        guard e.kind == .authority else {
            throw fail(ref.offset, .pathNeedsAuthority(id: kb.id(of: e), kind: e.kind))
        }
        return e.index
    }

    /// Calls `visit(neighbour, link)` for each neighbour of `a` in path finding: its partners (link -2), then, via
    /// groups, the fellow members of each group not yet in `expanded` (link: the group), which it marks.
    @inline(__always)
    func pathNeighbours(_ a: Int32, viaGroups: Bool, expanded: inout [Bool], _ visit: (Int32, Int32) throws -> Void) throws {
        for side in kb.partnerSides(of: a) { try tick(); try visit(side & Int32.max, -2) }
        guard viaGroups else { return }
        for g in kb.groups(of: a) where !expanded[Int(g)] {
            expanded[Int(g)] = true
            for m in kb.members(of: g) where m != a { try tick(); try visit(m, g) }
        }
    }

    /// A shortest chain from A to B; among shortest chains the smallest id sequence in byte order.
    ///
    /// A breadth-first search from both ends over dense distance arrays, one whole level at a time, always growing
    /// the side whose frontier has fewer partnerships to follow. When the balls meet after A's side reached level
    /// `la` and B's level `lb`, the distance is `la + lb`. The nodes at step `la` of some shortest chain are those at
    /// distance `la` from A and `lb` from B; going back level by level marks the nodes at each earlier step. The walk
    /// from A then takes, at each step, the smallest id among the neighbours marked for the next step (up to `la`),
    /// or at the next distance to B (after `la`).
    func path(_ from: Ref, _ to: Ref, viaGroups: Bool) throws -> ResultSet {
        let a = try singleAuthority(from)
        let b = try singleAuthority(to)
        var r = ResultSet(kind: .step, rows: [], columns: Schema.of(.step).defaultColumns)
        if a == b { r.rows = [.step(0, authority: a, link: -1)]; return r }
        let n = kb.authorities.count
        // dist[side * n + x]: distance + 1 of x from A (side 0) or from B (side 1); 0: not reached.
        var dist = [Int32](repeating: 0, count: 2 * n)
        var frontier: [[Int32]] = [[a], [b]]
        var level = [0, 0]
        var expanded = [[Bool]](repeating: [Bool](repeating: false, count: kb.groups.count), count: 2)
        dist[Int(a)] = 1
        dist[n + Int(b)] = 1
        func work(_ f: [Int32]) -> Int {
            var w = 0
            for x in f { w += kb.partnershipsByAuthority.count(x) }
            return w
        }
        var met = false
        while !met {
            let side = work(frontier[0]) <= work(frontier[1]) ? 0 : 1
            let mine = side * n, theirs = (1 - side) * n
            let d = Int32(level[side] + 1)
            var next: [Int32] = []
            try dist.withUnsafeMutableBufferPointer { dd in
                for x in frontier[side] {
                    try pathNeighbours(x, viaGroups: viaGroups, expanded: &expanded[side]) { y, _ in
                        if dd[mine + Int(y)] == 0 {
                            dd[mine + Int(y)] = d + 1
                            next.append(y)
                            if dd[theirs + Int(y)] != 0 { met = true }
                        }
                    }
                }
            }
            level[side] += 1
            frontier[side] = next
            if next.isEmpty { return r }
        }
        let la = Int32(level[0]), lb = Int32(level[1])
        let total = la + lb
        // onChain[x] = step + 1 for the nodes at steps 1 ... la of some shortest chain.
        var onChain = [Int32](repeating: 0, count: n)
        var marked: [Int32] = []
        for x in frontier[0] where dist[n + Int(x)] == lb + 1 { onChain[Int(x)] = la + 1; marked.append(x) }
        var step = la
        while step > 1 {
            var earlier: [Int32] = []
            var groupsSeen = [Bool](repeating: false, count: kb.groups.count)
            for y in marked {
                try pathNeighbours(y, viaGroups: viaGroups, expanded: &groupsSeen) { x, _ in
                    if dist[Int(x)] == step && onChain[Int(x)] == 0 { onChain[Int(x)] = step; earlier.append(x) }
                }
            }
            marked = earlier
            step -= 1
        }
        // Walk from A, each time to the smallest id one step further on a shortest chain.
        r.rows.append(.step(0, authority: a, link: -1))
        var current = a
        let idRank = kb.idRank
        for s in 1...total {
            var best: Int32 = -1
            var bestLink: Int32 = -1
            var noGroupsSeen = [Bool](repeating: false, count: viaGroups ? kb.groups.count : 0)
            try pathNeighbours(current, viaGroups: viaGroups, expanded: &noGroupsSeen) { y, link in
                let onNext = s <= la ? onChain[Int(y)] == s + 1 : dist[n + Int(y)] == total - s + 1
                guard onNext else { return }
                if best < 0 || idRank[Int(y)] < idRank[Int(best)] {
                    best = y; bestLink = link
                } else if y == best {
                    // Prefer a partnership over a group, then the smallest group id.
                    if bestLink != -2 && (link == -2 || TextOrder.bytesLess(kb.group(link).id, kb.group(bestLink).id)) { bestLink = link }
                }
            }
            if bestLink >= 0 && (kb.membershipBasis(group: bestLink, authority: current) == .derived
                                 || kb.membershipBasis(group: bestLink, authority: best) == .derived) {
                bestLink = StepLink.derived(bestLink)
            }
            current = best
            r.rows.append(.step(s, authority: best, link: bestLink))
        }
        // A step through a derived membership says so in its own column.
        if r.rows.contains(where: { if case .step(_, _, let l) = $0 { return StepLink.isDerived(l) }; return false }) {
            r.columns.append("basis")
        }
        return r
    }
}

/// A set of element indexes: a hash set while small, a bitmap over every element once large, so that a query
/// on a whole country does not hash millions of indexes.
struct IndexSet32 {
    private var small = Set<Int32>()
    private var bits: [UInt64] = []
    private let universe: Int

    init<S: Sequence>(_ elements: S, count universe: Int) where S.Element == Int32 {
        self.universe = universe
        for e in elements { insert(e) }
    }

    @inline(__always)
    func contains(_ e: Int32) -> Bool {
        if !bits.isEmpty { return bits[Int(e) >> 6] & (1 << UInt64(Int(e) & 63)) != 0 }
        return small.contains(e)
    }

    @inline(__always)
    mutating func insert(_ e: Int32) {
        if !bits.isEmpty { bits[Int(e) >> 6] |= 1 << UInt64(Int(e) & 63); return }
        small.insert(e)
        if small.count > 4096 && small.count * 64 > universe / 8 {
            bits = [UInt64](repeating: 0, count: universe / 64 + 1)
            for x in small { bits[Int(x) >> 6] |= 1 << UInt64(Int(x) & 63) }
            small = []
        }
    }
}
