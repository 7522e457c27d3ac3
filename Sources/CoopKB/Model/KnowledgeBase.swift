import Foundation

/// The loaded knowledge base: elements in flat arrays, and the indexes the evaluator asks questions of.
public final class KnowledgeBase: @unchecked Sendable {
    public internal(set) var countries: [Country] = []
    public internal(set) var authorities: [Authority] = []
    public internal(set) var partnerships: [Partnership] = []
    public internal(set) var groups: [Group] = []
    public internal(set) var memberships: [Membership] = []
    /// Interned words: authority kinds, partnership kinds, themes.
    public internal(set) var words: [String] = []
    /// Themes of all partnerships, as word indexes; each partnership owns a slice.
    var themePool: [Int32] = []
    /// Notes of partnerships; each partnership with a note holds its index.
    public internal(set) var notes: [String] = []
    /// Sources of partnerships (`source=`); each partnership with one holds its index.
    public internal(set) var provenances: [String] = []
    var symbols = SymbolTable()

    // Indexes, built once after loading.
    var partnershipsByAuthority = Adjacency(count: 0, pairCount: 0) { _ in }
    var children = Adjacency(count: 0, pairCount: 0) { _ in }
    /// For each authority, the authorities whose `epci` it is.
    var epciMembers = Adjacency(count: 0, pairCount: 0) { _ in }
    var authoritiesByCountry = Adjacency(count: 0, pairCount: 0) { _ in }
    var membershipsByGroup = Adjacency(count: 0, pairCount: 0) { _ in }
    var membershipsByAuthority = Adjacency(count: 0, pairCount: 0) { _ in }
    /// Parallel to `partnershipsByAuthority.values`: the authority on the other side, with bit 31 set when the
    /// owner of the row is side b (so a walk over partners never reads the partnership records).
    var partnerSides: [Int32] = []
    /// Each authority's country, as a column (a count or test on it does not load the whole record).
    var authorityCountries: [Int32] = []
    var partnershipCountByCountry: [Int32] = []
    var regionWord: Int32 = -1
    /// The region of each authority (-1: none), made while loading (`regions()`).
    private var regionStorage: [Int32] = []
    /// Whether some membership has basis=derived.
    public internal(set) var hasDerivedMemberships = false

    /// Authorities by folded name and by id, made while loading.
    var orders = AuthorityOrders()

    // Made while loading (small: countries, groups, and the other names of authorities).
    private var nameIndexStorage: [String: [ElementRef]] = [:]
    private var nameRankStorage: [ElementKind: [Int32]] = [:]
    /// Components, betweenness and closeness (Graph/Measures.swift), computed on first use.
    var measuresStorage: GraphMeasures? = nil
    /// The most BFS steps done for exact measures (`.measures limit N`).
    var measureLimit = GraphMeasures.defaultExactLimit
    var componentsStorage: (component: [Int32], components: [GraphMeasures.Component])? = nil

    public init() {}

    /// Every authority, country and group, by kind.
    public var counts: [(String, Int)] {
        [("country", countries.count), ("authority", authorities.count), ("partnership", partnerships.count),
         ("group", groups.count), ("member", memberships.count)]
    }

    /// The element an id names, compared without regard to case.
    public func element(id: String) -> ElementRef? {
        guard let sym = symbols.lookup(id) else { return nil }
        return symbols.definition[Int(sym)]
    }

    /// The id of an element.
    public func id(of ref: ElementRef) -> String {
        switch ref.kind {
        case .country: return countries[Int(ref.index)].id
        case .authority: return authorities[Int(ref.index)].id
        case .group: return groups[Int(ref.index)].id
        case .partnership:
            let p = partnerships[Int(ref.index)]
            return authorities[Int(p.a)].id + "–" + authorities[Int(p.b)].id
        }
    }

    /// The name of an element.
    public func name(of ref: ElementRef) -> String {
        switch ref.kind {
        case .country: return countries[Int(ref.index)].name
        case .authority: return authorities[Int(ref.index)].name
        case .group: return groups[Int(ref.index)].name
        case .partnership: return id(of: ref)
        }
    }

    /// The country code shown beside an element in candidate lists.
    func countryLabel(of ref: ElementRef) -> String {
        switch ref.kind {
        case .country: return countries[Int(ref.index)].id
        case .authority: return countries[Int(authorities[Int(ref.index)].country)].id
        case .group: return groups[Int(ref.index)].countries.map { countries[Int($0)].id }.joined(separator: ",")
        case .partnership: return ""
        }
    }

    /// Elements whose name, English name, aka or match-only name folds to the given folded text.
    func elements(foldedName: String) -> [ElementRef] {
        var found = nameIndex[foldedName] ?? []
        for a in orders.authorities(foldedName: foldedName) {
            let r = ElementRef(.authority, a)
            if !found.contains(r) { found.append(r) }
        }
        return found
    }

    /// Every folded name of the KB but the authorities' own names (those are in `orders`), with what bears it.
    var nameIndex: [String: [ElementRef]] { nameIndexStorage }

    private func makeNameIndex() -> [String: [ElementRef]] {
        var idx: [String: [ElementRef]] = [:]
        idx.reserveCapacity(countries.count + authorities.count + groups.count)
        func add(_ name: String, _ ref: ElementRef) {
            let key = Folding.fold(name)
            if key.isEmpty { return }
            if var list = idx[key] {
                if !list.contains(ref) { list.append(ref); idx[key] = list }
            } else {
                idx[key] = [ref]
            }
        }
        for (i, c) in countries.enumerated() {
            let r = ElementRef(.country, Int32(i))
            add(c.name, r); if let en = c.en { add(en, r) }; for a in c.aka { add(a, r) }; for m in c.match { add(m, r) }
        }
        authorities.withUnsafeBufferPointer { auths in
            for i in auths.indices where !auths[i].aka.isEmpty || !auths[i].match.isEmpty {
                let r = ElementRef(.authority, Int32(i))
                for k in auths[i].aka { add(k, r) }; for m in auths[i].match { add(m, r) }
            }
        }
        for (i, g) in groups.enumerated() { add(g.name, ElementRef(.group, Int32(i))) }
        return idx
    }

    /// For each element of a kind, its rank in the default order (folded name, then id).
    func nameRank(_ kind: ElementKind) -> [Int32] {
        if kind == .authority { return orders.nameRank }
        return nameRankStorage[kind] ?? []
    }

    private func makeNameRank(_ kind: ElementKind) -> [Int32] {
        let keys: [(String, String)]
        switch kind {
        case .country: keys = countries.map { (Folding.fold($0.name), $0.id) }
        case .authority: keys = authorities.map { (Folding.fold($0.name), $0.id) }
        case .group: keys = groups.map { (Folding.fold($0.name), $0.id) }
        case .partnership: keys = []
        }
        var order = Array(0..<Int32(keys.count))
        order.sort { x, y in
            let a = keys[Int(x)], b = keys[Int(y)]
            if a.0 != b.0 { return TextOrder.less(a.0, b.0) }
            return TextOrder.bytesLess(a.1, b.1)
        }
        var rank = [Int32](repeating: 0, count: keys.count)
        for (r, i) in order.enumerated() { rank[Int(i)] = Int32(r) }
        return rank
    }

    /// Builds the indexes and orders once every record is in place; on two cores, the name order is made on the
    /// second while the first makes the rest.
    func buildIndexes(cores: Int = 1) {
        var made = AuthorityOrders()
        let auths = authorities
        // The id order first: equal names are ordered by it.
        func makeOrders() { made.makeIdOrder(auths); made.makeNameOrder(auths, idRank: made.idRank) }
        // Every other order and cache the evaluator reads, so no question fills one. The name index and the name
        // ranks read only the records: on two cores they are made beside the orders, after the adjacency.
        func makeRest() {
            buildAdjacency()
            nameIndexStorage = makeNameIndex()
            nameRankStorage = [.country: makeNameRank(.country), .group: makeNameRank(.group)]
        }
        if cores > 1 && auths.count >= KnowledgeBase.twoCoreIndexMinimum {
            DispatchQueue.concurrentPerform(iterations: 2) { k in if k == 0 { makeOrders() } else { makeRest() } }
        } else {
            makeRest()
            makeOrders()
        }
        orders = made
        regionStorage = makeRegions()
        // The records an answer reads one per row, in an order of its own: on huge pages (a large KB only).
        HugePages.collapse(&authorities)
        HugePages.collapse(&partnerships)
        HugePages.collapse(&partnerSides)
    }

    /// The number of authorities from which the indexes are made on two cores (when two are usable): below it,
    /// starting a second thread costs more than it saves.
    static let twoCoreIndexMinimum = 4_000

    /// For each authority, its rank in byte order of ids.
    var idRank: [Int32] { orders.idRank }

    private func buildAdjacency() {
        let ac = authorities.count
        let auths = authorities
        let ps = partnerships
        partnershipsByAuthority = Adjacency(count: ac, pairCount: ps.count * 2) { emit in
            for (i, p) in ps.enumerated() {
                emit(p.a, Int32(i))
                emit(p.b, Int32(i))
            }
        }
        var sides = [Int32](repeating: 0, count: partnershipsByAuthority.values.count)
        for a in 0..<Int32(ac) {
            let lo = Int(partnershipsByAuthority.offsets[Int(a)]), hi = Int(partnershipsByAuthority.offsets[Int(a) + 1])
            for k in lo..<hi {
                let q = ps[Int(partnershipsByAuthority.values[k])]
                sides[k] = q.a == a ? q.b : (q.a | Int32(bitPattern: 0x8000_0000))
            }
        }
        partnerSides = sides
        // The records' fields are read in place: a loop over the records would copy each one, retaining its texts.
        let (countryOf, parentOf, epciOf) = auths.withUnsafeBufferPointer { a in
            (a.indices.map { a[$0].country }, a.indices.map { a[$0].parentIndex }, a.indices.map { a[$0].epciIndex })
        }
        authorityCountries = countryOf
        children = Adjacency(count: ac, pairCount: ac) { emit in
            for (i, pa) in parentOf.enumerated() where pa >= 0 { emit(pa, Int32(i)) }
        }
        if epciOf.contains(where: { $0 >= 0 }) {
            epciMembers = Adjacency(count: ac, pairCount: ac) { emit in
                for (i, e) in epciOf.enumerated() where e >= 0 { emit(e, Int32(i)) }
            }
        } else {
            epciMembers = Adjacency(count: ac, pairCount: 0) { _ in }
        }
        authoritiesByCountry = Adjacency(count: countries.count, pairCount: ac) { emit in
            for (i, c) in countryOf.enumerated() { emit(c, Int32(i)) }
        }
        let ms = memberships
        membershipsByGroup = Adjacency(count: groups.count, pairCount: ms.count) { emit in
            for (i, m) in ms.enumerated() { emit(m.group, Int32(i)) }
        }
        membershipsByAuthority = Adjacency(count: ac, pairCount: ms.count) { emit in
            for (i, m) in ms.enumerated() { emit(m.authority, Int32(i)) }
        }
        var pc = [Int32](repeating: 0, count: countries.count)
        for p in ps {
            let ca = countryOf[Int(p.a)], cb = countryOf[Int(p.b)]
            pc[Int(ca)] += 1
            if cb != ca { pc[Int(cb)] += 1 }
        }
        partnershipCountByCountry = pc
        regionWord = Int32(words.firstIndex(of: "region") ?? -1)
        hasDerivedMemberships = ms.contains { $0.basis == .derived }
        measuresStorage = nil
        componentsStorage = nil
    }

    // MARK: Questions the evaluator asks

    /// The authority at an index.
    @inline(__always) public func authority(_ a: AuthorityIndex) -> Authority { authorities[Int(a)] }
    /// The country at an index.
    @inline(__always) public func country(_ c: CountryIndex) -> Country { countries[Int(c)] }
    /// The partnership at an index.
    @inline(__always) public func partnership(_ p: PartnershipIndex) -> Partnership { partnerships[Int(p)] }
    /// The group at an index.
    @inline(__always) public func group(_ g: GroupIndex) -> Group { groups[Int(g)] }
    /// The membership at an index (`membershipsByGroup`, `membershipsByAuthority`).
    @inline(__always) func membership(_ m: Int32) -> Membership { memberships[Int(m)] }
    /// An interned word (an authority's or partnership's kind, a theme).
    @inline(__always) public func word(_ w: WordIndex) -> String { words[Int(w)] }

    /// An authority's id.
    @inline(__always) public func id(of a: AuthorityIndex) -> String { authorities[Int(a)].id }
    /// An authority's name.
    @inline(__always) public func name(of a: AuthorityIndex) -> String { authorities[Int(a)].name }
    /// An authority's country.
    @inline(__always) public func country(of a: AuthorityIndex) -> CountryIndex { authorityCountries.isEmpty ? authorities[Int(a)].country : authorityCountries[Int(a)] }
    /// The authority an authority lies in, if any.
    @inline(__always) public func parent(of a: AuthorityIndex) -> AuthorityIndex? { authorities[Int(a)].parent }
    /// An authority's kind, as a word.
    @inline(__always) public func kind(of a: AuthorityIndex) -> String { words[Int(authorities[Int(a)].kind)] }
    /// A partnership's kind, as a word, if given.
    @inline(__always) public func kind(of p: Partnership) -> String? { p.kind.map { words[Int($0)] } }
    /// A partnership's note, if any.
    @inline(__always) public func note(of p: Partnership) -> String? { p.noteIndex >= 0 ? notes[Int(p.noteIndex)] : nil }
    /// Where a partnership comes from (`source=`), if given.
    @inline(__always) public func source(of p: Partnership) -> String? { p.sourceIndex >= 0 ? provenances[Int(p.sourceIndex)] : nil }
    /// How many partnerships an authority has.
    @inline(__always) public func degree(of a: AuthorityIndex) -> Int { partnershipsByAuthority.count(a) }
    /// The authorities on the other side of an authority's partnerships, in the order of `partnerships(of:)`.
    func partners(of a: AuthorityIndex) -> [AuthorityIndex] { partnerSides(of: a).map { $0 & 0x7FFF_FFFF } }
    /// How many authorities a country has.
    @inline(__always) public func authorityCount(in c: CountryIndex) -> Int { authoritiesByCountry.count(c) }
    /// How many partnerships have a side in a country.
    @inline(__always) public func partnershipCount(in c: CountryIndex) -> Int { Int(partnershipCountByCountry[Int(c)]) }
    /// How many members a group has.
    @inline(__always) public func memberCount(of g: GroupIndex) -> Int { membershipsByGroup.count(g) }


    /// The partnerships with `authority` on either side.
    @inline(__always)
    func partnerships(of authority: Int32) -> ArraySlice<Int32> { partnershipsByAuthority[authority] }

    /// The authorities on the other side of `partnerships(of: authority)`, in the same order, bit 31 set where
    /// `authority` is side b (see `partnerSides`).
    @inline(__always)
    func partnerSides(of authority: Int32) -> ArraySlice<Int32> {
        partnerSides[Int(partnershipsByAuthority.offsets[Int(authority)])..<Int(partnershipsByAuthority.offsets[Int(authority) + 1])]
    }

    /// The authority on the other side of partnership `p` from `authority`.
    @inline(__always)
    func partner(in p: Int32, of authority: Int32) -> Int32 {
        let q = partnerships[Int(p)]
        return q.a == authority ? q.b : q.a
    }

    /// The authorities whose `parent` is `authority`.
    func children(of authority: Int32) -> ArraySlice<Int32> { children[authority] }

    /// The authorities of a country.
    func authorities(in country: Int32) -> ArraySlice<Int32> { authoritiesByCountry[country] }

    /// The authorities that are members of a group.
    func members(of group: Int32) -> [Int32] { membershipsByGroup[group].map { memberships[Int($0)].authority } }

    /// How many memberships of a group have a basis.
    func membershipCount(group: Int32, basis: MembershipBasis) -> Int {
        membershipsByGroup[group].reduce(0) { $0 + (memberships[Int($1)].basis == basis ? 1 : 0) }
    }

    /// How many memberships of the whole KB have a basis.
    public func membershipCount(basis: MembershipBasis) -> Int {
        memberships.reduce(0) { $0 + ($1.basis == basis ? 1 : 0) }
    }

    /// The basis of an authority's membership of a group (stated wins when both are written), or nil.
    func membershipBasis(group: Int32, authority: Int32) -> MembershipBasis? {
        var found: MembershipBasis? = nil
        for m in membershipsByAuthority[authority] where memberships[Int(m)].group == group {
            if memberships[Int(m)].basis == .stated { return .stated }
            found = .derived
        }
        return found
    }

    /// The groups an authority is a member of.
    func groups(of authority: Int32) -> [Int32] { membershipsByAuthority[authority].map { memberships[Int($0)].group } }

    /// The themes of a partnership, as words.
    func themes(of p: Partnership) -> [String] {
        if p.themesCount == 0 { return [] }
        return (0..<Int(p.themesCount)).map { words[Int(themePool[Int(p.themesStart) + $0])] }
    }

    /// The nearest of an authority and its ancestors whose kind is region, if any.
    func region(of authority: AuthorityIndex) -> AuthorityIndex? {
        let r = regions()[Int(authority)]
        return r >= 0 ? r : nil
    }

    /// The region of every authority (-1: none).
    func regions() -> [Int32] { regionStorage }

    /// The region of every authority, top down from the roots (a chain 100,000 deep costs one pass).
    private func makeRegions() -> [Int32] {
        let n = authorities.count
        var r = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        authorities.withUnsafeBufferPointer { auths in
            for i in 0..<n where auths[i].parentIndex < 0 {
                r[i] = auths[i].kind == regionWord ? Int32(i) : -1
                stack.append(Int32(i))
                while let a = stack.popLast() {
                    for c in children[a] {
                        r[Int(c)] = auths[Int(c)].kind == regionWord ? c : r[Int(a)]
                        stack.append(c)
                    }
                }
            }
        }
        return r
    }

    /// Whether each authority is `ancestor` or located in it (as `isWithin`), for every authority at once.
    func withinMask(_ ancestor: Int32) -> [Bool] {
        var mask = [Bool](repeating: false, count: authorities.count)
        mask[Int(ancestor)] = true
        for d in descendants(of: ancestor) { mask[Int(d)] = true }
        return mask
    }

    /// Whether `authority` is `ancestor`, lies below it through `parent`, or is (or lies below) a member
    /// commune of it through `epci`.
    func isWithin(_ authority: Int32, _ ancestor: Int32) -> Bool {
        var a = authority
        var steps = 0
        while a >= 0 && steps <= authorities.count {
            if a == ancestor || authorities[Int(a)].epciIndex == ancestor { return true }
            a = authorities[Int(a)].parentIndex
            steps += 1
        }
        return false
    }

    /// The authorities whose `epci` is `authority` (the member communes of an intercommunalité).
    func epciMembers(of authority: Int32) -> ArraySlice<Int32> { epciMembers[authority] }

    /// The authorities located in an authority, itself excluded: its descendants through `parent`, and the
    /// members whose `epci` it is with their descendants. Each once.
    func descendants(of authority: Int32) -> [Int32] {
        var out: [Int32] = []
        var stack: [Int32] = [authority]
        var seen: Set<Int32> = []
        let viaEpci = epciMembers.count(authority) > 0
        while let a = stack.popLast() {
            for c in children[a] where !viaEpci || seen.insert(c).inserted { out.append(c); stack.append(c) }
            if viaEpci {
                for c in epciMembers[a] where seen.insert(c).inserted { out.append(c); stack.append(c) }
            }
        }
        return out
    }
}

/// The orders text and ids sort in.
public enum TextOrder {
    /// Code point order of two strings.
    @inline(__always)
    public static func less(_ a: String, _ b: String) -> Bool {
        // UTF-8 byte order is code point order.
        bytesLess(a, b)
    }

    /// Byte order of two strings.
    @inline(__always)
    public static func bytesLess(_ a: String, _ b: String) -> Bool {
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): if x != y { return x < y }
            }
        }
    }

    /// Text order: folded form, then as written.
    public static func textLess(_ a: String, _ b: String) -> Bool {
        let fa = Folding.fold(a), fb = Folding.fold(b)
        if fa != fb { return less(fa, fb) }
        return bytesLess(a, b)
    }
}
