import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The second half of loading: references resolved, whole-KB rules checked, faulty records left out.
extension KBBuilder {
    /// Resolves every reference, leaves out what has a problem, and builds the indexes.
    mutating func finish() -> KnowledgeBase {
        var clock = PhaseClock(system)
        resolveAuthorities(); clock.mark("authority references")
        resolvePartnerships(); clock.mark("partnership references")
        resolveGroups()
        resolveMemberships(); clock.mark("group references")
        kb.symbols = symbols
        symbols = SymbolTable(capacity: 0)
        // What only loading needed goes before the indexes are built.
        for s in sources { s.releasePages() }
        pendingCountries = []; pendingAuthorities = []; pendingPartnerships = []; pendingGroups = []; pendingMembers = []
        definedAt = []; leftOut = []
        kb.buildIndexes(cores: system?.usableCores ?? 2); clock.mark("indexes")
        return kb
    }

    /// The id written at a place of a file.
    func idText(_ site: RefSite) -> String { idText(Int(site.source), Int(site.offset)) }

    func idText(_ source: Int, _ offset: Int) -> String {
        let bytes = sources[source].bytes
        var end = offset
        while end < bytes.count {
            let c = bytes[end]
            if KBBuilder.isBlank(c) || c == 0x0A || c == 0x22 || c == 0x3D || c == 0x2C || c == 0x23 { break }
            end += 1
        }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    func place(_ site: RefSite) -> String {
        let s = sources[Int(site.source)]
        let (l, c) = s.location(of: Int(site.offset))
        return "\(s.name):\(l):\(c)"
    }

    /// Resolves a symbol that must name a loaded element of `kind`; reports why not otherwise.
    mutating func resolve(_ sym: Int32, _ kind: ElementKind, _ source: Int32, _ offset: Int32, _ role: KBProblem.Role) -> Int32? {
        if sym >= 0, let d = symbols.definition[Int(sym)] {
            if d.kind == kind { return d.index }
            let id = idText(Int(source), Int(offset))
            report(sources[Int(source)], Int(offset), .wrongKind(id: id, kind: d.kind, role: role, expected: kind))
            return nil
        }
        let id = idText(Int(source), Int(offset))
        if sym >= 0 && leftOut[Int(sym)].source >= 0 {
            let lo = leftOut[Int(sym)]
            report(sources[Int(source)], Int(offset), .referenceLeftOut(role, id: id, at: place(lo)))
            return nil
        }
        var close: [String] = []
        suggestionBudget -= 1
        if suggestionBudget > 0 {
            let candidates: [String]
            switch kind {
            case .country: candidates = kb.countries.map(\.id)
            case .authority: candidates = kb.authorities.map(\.id)
            case .group: candidates = kb.groups.map(\.id)
            case .partnership: candidates = []
            }
            close = Similarity.closest(to: id, among: candidates, count: 3)
        }
        report(sources[Int(source)], Int(offset), .unknownReference(kind, id: id, role: role, candidates: close))
        return nil
    }

    mutating func resolveAuthorities() {
        let n = kb.authorities.count
        // 0 unknown, 1 visiting, 2 alive, 3 left out
        var state = [UInt8](repeating: 0, count: n)
        var ownOK = [Bool](repeating: true, count: n)
        for i in 0..<n {
            let pending = pendingAuthorities[i]
            let site = pending.site
            if let c = resolve(pending.country, .country, site.source, pending.countrySite, .country) {
                kb.authorities[i].country = c
            } else { ownOK[i] = false }
            if pending.parent >= 0 {
                if let pa = resolve(pending.parent, .authority, site.source, pending.parentSite, .parent) {
                    kb.authorities[i].parentIndex = pa
                } else { ownOK[i] = false; kb.authorities[i].parentIndex = -1 }
            }
            if kb.authorities[i].epciIndex >= 0 {
                if let e = resolve(kb.authorities[i].epciIndex, .authority, site.source, pending.epciSite, .epci) {
                    kb.authorities[i].epciIndex = e
                } else { ownOK[i] = false; kb.authorities[i].epciIndex = -1 }
            }
        }
        var stack: [Int] = []
        for i in 0..<n where state[i] == 0 {
            var j = i
            stack.removeAll(keepingCapacity: true)
            var fate: UInt8 = 2
            while true {
                if state[j] == 2 || state[j] == 3 { fate = state[j]; break }
                if state[j] == 1 {
                    // A cycle: from j round to j.
                    let k = stack.lastIndex(of: j)!
                    let cycle = Array(stack[k...])
                    let names = cycle.prefix(8).map { kb.authorities[$0].id }
                    let problem = KBProblem.parentCycle(names, count: cycle.count, back: kb.authorities[j].id)
                    for m in cycle {
                        report(sources[Int(pendingAuthorities[m].site.source)], Int(pendingAuthorities[m].parentSite), problem)
                        state[m] = 3
                    }
                    stack.removeLast(stack.count - k)
                    fate = 3
                    break
                }
                state[j] = 1
                stack.append(j)
                let pa = kb.authorities[j].parentIndex
                if pa < 0 || !ownOK[j] { fate = 2; break }
                j = Int(pa)
            }
            // Settle the chain from the top down.
            var parentFate = fate
            for m in stack.reversed() {
                let pa = kb.authorities[m].parentIndex
                if !ownOK[m] { state[m] = 3 }
                else if pa >= 0 && parentFate == 3 && state[m] == 1 {
                    report(sources[Int(pendingAuthorities[m].site.source)], Int(pendingAuthorities[m].parentSite),
                           .referenceLeftOut(.parent, id: kb.authorities[Int(pa)].id, at: place(pendingAuthorities[Int(pa)].site)))
                    state[m] = 3
                } else if pa >= 0 && state[m] == 1 && kb.authorities[m].country != kb.authorities[Int(pa)].country {
                    let pc = kb.countries[Int(kb.authorities[Int(pa)].country)].id
                    let mc = kb.countries[Int(kb.authorities[m].country)].id
                    report(sources[Int(pendingAuthorities[m].site.source)], Int(pendingAuthorities[m].parentSite),
                           .parentInOtherCountry(parent: kb.authorities[Int(pa)].id, parentCountry: pc, child: kb.authorities[m].id, childCountry: mc))
                    state[m] = 3
                } else if state[m] == 1 { state[m] = 2 }
                parentFate = state[m]
            }
        }
        // An authority whose intercommunalité was left out is left out too, and so is what lies inside it.
        var changed = true
        while changed {
            changed = false
            for m in 0..<n where state[m] == 2 {
                let e = kb.authorities[m].epciIndex, pa = kb.authorities[m].parentIndex
                if e >= 0 && state[Int(e)] == 3 {
                    report(sources[Int(pendingAuthorities[m].site.source)], Int(pendingAuthorities[m].epciSite),
                           .referenceLeftOut(.epci, id: kb.authorities[Int(e)].id, at: place(pendingAuthorities[Int(e)].site)))
                    state[m] = 3; changed = true
                } else if pa >= 0 && state[Int(pa)] == 3 {
                    report(sources[Int(pendingAuthorities[m].site.source)], Int(pendingAuthorities[m].parentSite),
                           .referenceLeftOut(.parent, id: kb.authorities[Int(pa)].id, at: place(pendingAuthorities[Int(pa)].site)))
                    state[m] = 3; changed = true
                }
            }
        }
        // Compact, remapping indexes; left-out ids are remembered for later references.
        guard state.contains(where: { $0 != 2 }) else { return }
        var newIndex = [Int32](repeating: -1, count: n)
        var kept = kb.authorities
        kb.authorities = []
        var count = 0
        for i in 0..<n {
            let sym = pendingAuthorities[i].symbol
            if state[i] == 2 {
                newIndex[i] = Int32(count)
                symbols.definition[Int(sym)] = ElementRef(.authority, Int32(count))
                if count != i { kept[count] = kept[i] }
                count += 1
            } else {
                symbols.definition[Int(sym)] = nil
                leftOut[Int(sym)] = pendingAuthorities[i].site
            }
        }
        kept.removeLast(n - count)
        for k in 0..<count where kept[k].parentIndex >= 0 { kept[k].parentIndex = newIndex[Int(kept[k].parentIndex)] }
        for k in 0..<count where kept[k].epciIndex >= 0 { kept[k].epciIndex = newIndex[Int(kept[k].epciIndex)] }
        kb.authorities = kept
    }

    /// The symbols of every partnership's sides, looked up in one pass over both cores once every id is known.
    func partnershipSideSymbols() -> [Int32] {
        let n = kb.partnerships.count
        var out = [Int32](repeating: -1, count: 2 * n)
        let table = symbols
        let pending = pendingPartnerships
        let srcs = sources
        // Plain pointers to the file bytes, so the loop takes no reference to a Source.
        let bases = sources.map { $0.bytes }
        let chunks = n >= 100_000 ? min(2, system?.usableCores ?? 2) : 1
        out.withUnsafeMutableBufferPointer { result in
            nonisolated(unsafe) let result = result
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let chunkLo = n * chunk / chunks, chunkHi = n * (chunk + 1) / chunks
                // Blocks in file order; the file pages a block read are let go before the next one.
                var lo = chunkLo
                while lo < chunkHi {
                    let hi = min(chunkHi, lo + 1 << 16)
                    // Ids as written: side a of partnership i is ref 2i, side b ref 2i + 1.
                    let refs = 2 * (hi - lo)
                    let part = UnsafeMutableBufferPointer(rebasing: result[(2 * lo)..<(2 * hi)])
                    table.lookup(count: refs,
                                 bytes: { bases[Int(pending[lo + $0 >> 1].site.source)] },
                                 start: { $0 & 1 == 0 ? Int(pending[lo + $0 >> 1].site.offset) : Int(pending[lo + $0 >> 1].bOffset) },
                                 length: { $0 & 1 == 0 ? Int(pending[lo + $0 >> 1].sideLength & 0xFFFF) : Int(pending[lo + $0 >> 1].sideLength >> 16) },
                                 result: part)
                    // Ids too long or not ASCII, looked up by their text.
                    for r in 0..<refs {
                        let i = lo + r >> 1
                        let len = r & 1 == 0 ? pending[i].sideLength & 0xFFFF : pending[i].sideLength >> 16
                        if len == 0 {
                            let at = r & 1 == 0 ? Int(pending[i].site.offset) : Int(pending[i].bOffset)
                            part[r] = KBBuilder.slowLookup(table, srcs[Int(pending[i].site.source)].bytes, at)
                        }
                    }
                    // An authority resolves here to its index; anything else stays a symbol, as -2 - symbol.
                    for r in 0..<refs { part[r] = KBBuilder.authorityIndex(table, part[r]) }
                    if pending[lo].site.source == pending[hi - 1].site.source {
                        srcs[Int(pending[lo].site.source)].releasePages(from: Int(pending[lo].site.offset), to: Int(pending[hi - 1].site.offset))
                    }
                    lo = hi
                }
            }
        }
        return out
    }

    @inline(__always)
    static func authorityIndex(_ table: SymbolTable, _ sym: Int32) -> Int32 {
        if sym >= 0, let d = table.definition[Int(sym)], d.kind == .authority { return d.index }
        return -2 - sym
    }

    /// Looks up an id token by its text (non-ASCII or very long ids).
    static func slowLookup(_ table: SymbolTable, _ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int32 {
        var end = start
        while end < p.count {
            let c = p[end]
            if KBBuilder.isBlank(c) || c == 0x0A || c == 0x22 || c == 0x3D || c == 0x2C || c == 0x23 { break }
            end += 1
        }
        return table.lookup(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)) ?? -1
    }

    mutating func resolvePartnerships() {
        var clock = PhaseClock(system)
        let sides = partnershipSideSymbols()
        for s in sources { s.releasePages() }
        clock.mark("partnership sides")
        var kept = kb.partnerships
        kb.partnerships = []
        let n = kept.count
        // Pass 1: both sides resolved, and not the same authority; -1 marks a partnership left out.
        var valid = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let site = pendingPartnerships[i].site
            let sa = sides[2 * i], sb = sides[2 * i + 1]
            let a = sa >= 0 ? sa : resolve(-2 - sa, .authority, site.source, site.offset, .sideA)
            let b = sb >= 0 ? sb : resolve(-2 - sb, .authority, site.source, pendingPartnerships[i].bOffset, .sideB)
            guard let a, let b else { continue }
            if a == b {
                report(sources[Int(site.source)], Int(pendingPartnerships[i].bOffset), .partnershipWithItself(id: kb.authorities[Int(a)].id))
                continue
            }
            kept[i].a = a; kept[i].b = b
            valid[i] = true
        }
        // Pass 2: a second partnership for the same pair. Partnerships are grouped by their smaller side, in
        // file order; within a group, a partner seen before marks a repeat.
        let authorities = kb.authorities.count
        let byOwner = Adjacency(count: authorities, pairCount: n) { emit in
            for i in 0..<n where valid[i] { emit(min(kept[i].a, kept[i].b), Int32(i)) }
        }
        var stamp = [Int32](repeating: -1, count: authorities)
        var first = [Int32](repeating: -1, count: authorities)
        let amends = KBBuilder.PartnershipFlags.amends
        for owner in 0..<Int32(authorities) {
            for i in byOwner[owner] {
                let other = Int(max(kept[Int(i)].a, kept[Int(i)].b))
                if stamp[other] == owner {
                    let f = Int(first[other])
                    if pendingPartnerships[Int(i)].flags & amends != 0 || pendingPartnerships[f].flags & amends != 0 {
                        // An amends=yes record adds its fields to the pair's partnership (or to another amendment).
                        let (into, from) = pendingPartnerships[f].flags & amends != 0 && pendingPartnerships[Int(i)].flags & amends == 0 ? (Int(i), f) : (f, Int(i))
                        valid[from] = false
                        amend(&kept, into, from)
                        if into == Int(i) { first[other] = i }
                        continue
                    }
                    valid[Int(i)] = false
                    let a = kept[Int(i)].a, b = kept[Int(i)].b
                    report(sources[Int(pendingPartnerships[Int(i)].site.source)], Int(pendingPartnerships[Int(i)].head),
                           .secondPartnership(a: kb.authorities[Int(a)].id, b: kb.authorities[Int(b)].id, first: place(pendingPartnerships[Int(first[other])].site)))
                } else {
                    stamp[other] = owner
                    first[other] = i
                }
            }
        }
        // An amendment left as the only record of its pair adds to nothing.
        for i in 0..<n where valid[i] && pendingPartnerships[i].flags & amends != 0 {
            valid[i] = false
            report(sources[Int(pendingPartnerships[i].site.source)], Int(pendingPartnerships[i].head),
                   .amendsNothing(a: kb.authorities[Int(kept[i].a)].id, b: kb.authorities[Int(kept[i].b)].id))
        }
        var count = 0
        for i in 0..<n where valid[i] {
            if count != i { kept[count] = kept[i] }
            count += 1
        }
        kept.removeLast(n - count)
        kb.partnerships = kept
    }

    /// Adds the fields of amendment `from` that partnership `into` lacks; a field both give differently is a
    /// problem (nothing is overwritten): the amendment is then left out whole and the partnership stays as it was.
    mutating func amend(_ kept: inout [Partnership], _ into: Int, _ from: Int) {
        var q = kept[into]
        let r = kept[from]
        let here = place(pendingPartnerships[into].site)
        func conflict(_ key: String, _ mine: String, _ theirs: String) -> Bool {
            report(sources[Int(pendingPartnerships[from].site.source)], Int(pendingPartnerships[from].head),
                   .amendmentConflict(key: key, has: mine, gives: theirs, at: here))
            return false
        }
        var ok = true
        if r.sinceYear > 0 { if q.sinceYear == 0 { q.sinceYear = r.sinceYear } else if q.sinceYear != r.sinceYear { ok = conflict("since", String(q.sinceYear), String(r.sinceYear)) } }
        if r.untilYear > 0 {
            if q.untilYear == 0 {
                q.untilYear = r.untilYear
                if pendingPartnerships[into].flags & KBBuilder.PartnershipFlags.statusGiven == 0 { q.status = .ended }
            } else if q.untilYear != r.untilYear { ok = conflict("until", String(q.untilYear), String(r.untilYear)) }
        }
        if r.kindWord >= 0 { if q.kindWord < 0 { q.kindWord = r.kindWord } else if q.kindWord != r.kindWord { ok = conflict("kind", kb.words[Int(q.kindWord)], kb.words[Int(r.kindWord)]) } }
        if r.themesCount > 0 {
            if q.themesCount == 0 { q.themesStart = r.themesStart; q.themesCount = r.themesCount }
            else if kb.themes(of: q) != kb.themes(of: r) { ok = conflict("themes", kb.themes(of: q).joined(separator: ","), kb.themes(of: r).joined(separator: ",")) }
        }
        if r.noteIndex >= 0 { if q.noteIndex < 0 { q.noteIndex = r.noteIndex } else if kb.notes[Int(q.noteIndex)] != kb.notes[Int(r.noteIndex)] { ok = conflict("note", "\"" + kb.notes[Int(q.noteIndex)] + "\"", "\"" + kb.notes[Int(r.noteIndex)] + "\"") } }
        if ok && q.sinceYear > 0 && q.untilYear > 0 && q.untilYear < q.sinceYear {
            report(sources[Int(pendingPartnerships[from].site.source)], Int(pendingPartnerships[from].head), .untilBeforeSince(until: Int(q.untilYear), since: Int(q.sinceYear), amendment: true))
            ok = false
        }
        guard ok else { return }
        if r.sourceIndex >= 0 {
            if q.sourceIndex < 0 { q.sourceIndex = r.sourceIndex }
            else { kb.provenances[Int(q.sourceIndex)] += "," + kb.provenances[Int(r.sourceIndex)] }
        }
        kept[into] = q
    }

    mutating func resolveGroups() {
        var kept: [Group] = []
        var newIndex = [Int32](repeating: -1, count: kb.groups.count)
        for i in 0..<kb.groups.count {
            var g = kb.groups[i]
            let pending = pendingGroups[i]
            let site = pending.site
            var ok = true
            var cs: [Int32] = []
            for (sym, off) in pending.countries {
                if let c = resolve(sym, .country, site.source, off, .countries) { cs.append(c) } else { ok = false }
            }
            g.countries = cs
            if pending.chair.0 >= 0 {
                if let c = resolve(pending.chair.0, .authority, site.source, pending.chair.1, .chair) { g.chairIndex = c } else { ok = false }
            }
            let sym = pending.symbol
            if ok {
                newIndex[i] = Int32(kept.count)
                symbols.definition[Int(sym)] = ElementRef(.group, Int32(kept.count))
                kept.append(g)
            } else {
                symbols.definition[Int(sym)] = nil
                leftOut[Int(sym)] = site
            }
        }
        kb.groups = kept
    }

    mutating func resolveMemberships() {
        var kept: [Membership] = []
        var seen: [UInt64: RefSite] = [:]
        for i in 0..<kb.memberships.count {
            var m = kb.memberships[i]
            let pending = pendingMembers[i]
            let site = pending.site
            let g = resolve(pending.groupSymbol, .group, site.source, site.offset, .group)
            let a = resolve(pending.authoritySymbol, .authority, site.source, pending.authorityOffset, .member)
            guard let g, let a else { continue }
            let key = UInt64(UInt32(g)) << 32 | UInt64(UInt32(a))
            if let first = seen[key] {
                report(sources[Int(site.source)], Int(pending.head),
                       .repeatedMembership(authority: kb.authorities[Int(a)].id, group: kb.groups[Int(g)].id, first: place(first)))
                continue
            }
            seen[key] = site
            m.group = g; m.authority = a
            kept.append(m)
        }
        kb.memberships = kept
    }
}

/// Prints the time of each loading phase to standard error, through the system, when COOPKB_PROFILE is set.
struct PhaseClock {
    /// The system to ask, when profiling (nil: the clock does nothing).
    let system: (any System)?
    var last: UInt64

    init(_ system: (any System)?) {
        self.system = system.flatMap { $0.environment("COOPKB_PROFILE") != nil ? $0 : nil }
        last = self.system?.now() ?? 0
    }

    mutating func mark(_ phase: String) {
        guard let system else { return }
        let now = system.now()
        system.writeError("load phase \(phase): \((now - last) / 1_000_000) ms, \(system.residentMegabytes() ?? 0) MB resident\n")
        last = now
    }
}
