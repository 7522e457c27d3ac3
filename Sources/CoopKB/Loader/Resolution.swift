/// The second half of loading: references resolved, whole-KB rules checked, faulty records left out.
extension KBBuilder {
    /// Resolves every reference, leaves out what has a problem, and builds the indexes.
    mutating func finish() -> KnowledgeBase {
        resolveAuthorities()
        resolvePartnerships()
        resolveGroups()
        resolveMemberships()
        kb.buildIndexes()
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
    mutating func resolve(_ sym: Int32, _ kind: ElementKind, _ source: Int32, _ offset: Int32, _ role: String) -> Int32? {
        if let d = kb.symbols.definition[Int(sym)] {
            if d.kind == kind { return d.index }
            let id = idText(Int(source), Int(offset))
            report(sources[Int(source)], Int(offset), "'\(id)' is \(d.kind == .authority ? "an" : "a") \(d.kind.rawValue), but \(role) must be \(kind == .authority ? "an" : "a") \(kind.rawValue)")
            return nil
        }
        let id = idText(Int(source), Int(offset))
        if let lo = leftOut[sym] {
            report(sources[Int(source)], Int(offset), "\(role) '\(id)' was left out because of a problem at \(place(lo))")
            return nil
        }
        var msg = "unknown \(kind.rawValue) '\(id)' for \(role)"
        suggestionBudget -= 1
        if suggestionBudget > 0 {
            let candidates: [String]
            switch kind {
            case .country: candidates = kb.countries.map(\.id)
            case .authority: candidates = kb.authorities.map(\.id)
            case .group: candidates = kb.groups.map(\.id)
            case .partnership: candidates = []
            }
            let close = Similarity.closest(to: id, among: candidates, count: 3)
            if !close.isEmpty { msg += "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?" }
        }
        report(sources[Int(source)], Int(offset), msg)
        return nil
    }

    mutating func resolveAuthorities() {
        let n = kb.authorities.count
        // 0 unknown, 1 visiting, 2 alive, 3 left out
        var state = [UInt8](repeating: 0, count: n)
        var ownOK = [Bool](repeating: true, count: n)
        for i in 0..<n {
            let site = authoritySite[i]
            if let c = resolve(authorityCountry[i], .country, site.source, authorityCountrySite[i], "country") {
                kb.authorities[i].country = c
            } else { ownOK[i] = false }
            if authorityParent[i] >= 0 {
                if let pa = resolve(authorityParent[i], .authority, site.source, authorityParentSite[i], "parent") {
                    kb.authorities[i].parent = pa
                } else { ownOK[i] = false; kb.authorities[i].parent = -1 }
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
                    var names = cycle.map { kb.authorities[$0].id }
                    if names.count > 8 { names = Array(names.prefix(8)) + ["… (\(cycle.count) in all)"] }
                    let chain = (names + [kb.authorities[j].id]).joined(separator: " → ")
                    for m in cycle {
                        report(sources[Int(authoritySite[m].source)], Int(authorityParentSite[m]), "parent cycle: \(chain); an authority cannot lie inside itself")
                        state[m] = 3
                    }
                    stack.removeLast(stack.count - k)
                    fate = 3
                    break
                }
                state[j] = 1
                stack.append(j)
                let pa = kb.authorities[j].parent
                if pa < 0 || !ownOK[j] { fate = 2; break }
                j = Int(pa)
            }
            // Settle the chain from the top down.
            var parentFate = fate
            for m in stack.reversed() {
                let pa = kb.authorities[m].parent
                if !ownOK[m] { state[m] = 3 }
                else if pa >= 0 && parentFate == 3 && state[m] == 1 {
                    report(sources[Int(authoritySite[m].source)], Int(authorityParentSite[m]),
                           "parent '\(kb.authorities[Int(pa)].id)' was left out because of a problem at \(place(authoritySite[Int(pa)]))")
                    state[m] = 3
                } else if pa >= 0 && state[m] == 1 && kb.authorities[m].country != kb.authorities[Int(pa)].country {
                    let pc = kb.countries[Int(kb.authorities[Int(pa)].country)].id
                    let mc = kb.countries[Int(kb.authorities[m].country)].id
                    report(sources[Int(authoritySite[m].source)], Int(authorityParentSite[m]),
                           "parent '\(kb.authorities[Int(pa)].id)' is in \(pc), but '\(kb.authorities[m].id)' is in \(mc); a parent must be in the same country")
                    state[m] = 3
                } else if state[m] == 1 { state[m] = 2 }
                parentFate = state[m]
            }
        }
        // Compact, remapping indexes; left-out ids are remembered for later references.
        var newIndex = [Int32](repeating: -1, count: n)
        var kept: [Authority] = []
        kept.reserveCapacity(n)
        for i in 0..<n {
            let sym = authoritySymbol[i]
            if state[i] == 2 {
                newIndex[i] = Int32(kept.count)
                kb.symbols.definition[Int(sym)] = ElementRef(.authority, Int32(kept.count))
                kept.append(kb.authorities[i])
            } else {
                kb.symbols.definition[Int(sym)] = nil
                leftOut[sym] = authoritySite[i]
            }
        }
        for k in 0..<kept.count where kept[k].parent >= 0 { kept[k].parent = newIndex[Int(kept[k].parent)] }
        kb.authorities = kept
    }

    mutating func resolvePartnerships() {
        var kept: [Partnership] = []
        kept.reserveCapacity(kb.partnerships.count)
        var firstOfPair: [UInt64: Int32] = [:]
        firstOfPair.reserveCapacity(kb.partnerships.count)
        var keptSites: [RefSite] = []
        for i in 0..<kb.partnerships.count {
            var q = kb.partnerships[i]
            let site = partnershipSite[i]
            let a = resolve(q.a, .authority, site.source, site.offset, "side a")
            let b = resolve(q.b, .authority, site.source, partnershipBOffset[i], "side b")
            guard let a, let b else { continue }
            if a == b {
                report(sources[Int(site.source)], Int(partnershipBOffset[i]), "partnership of '\(kb.authorities[Int(a)].id)' with itself; the two sides must differ")
                continue
            }
            let key = UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
            if let first = firstOfPair[key] {
                report(sources[Int(site.source)], Int(partnershipHead[i]),
                       "second partnership between '\(kb.authorities[Int(a)].id)' and '\(kb.authorities[Int(b)].id)' (the first is at \(place(keptSites[Int(first)]))); give one record per pair")
                continue
            }
            firstOfPair[key] = Int32(kept.count)
            q.a = a; q.b = b
            kept.append(q)
            keptSites.append(site)
        }
        kb.partnerships = kept
    }

    mutating func resolveGroups() {
        var kept: [Group] = []
        var newIndex = [Int32](repeating: -1, count: kb.groups.count)
        for i in 0..<kb.groups.count {
            var g = kb.groups[i]
            let site = groupSite[i]
            var ok = true
            var cs: [Int32] = []
            for (sym, off) in groupCountries[i] {
                if let c = resolve(sym, .country, site.source, off, "countries") { cs.append(c) } else { ok = false }
            }
            g.countries = cs
            if groupChair[i].0 >= 0 {
                if let c = resolve(groupChair[i].0, .authority, site.source, groupChair[i].1, "chair") { g.chair = c } else { ok = false }
            }
            let sym = groupSymbol[i]
            if ok {
                newIndex[i] = Int32(kept.count)
                kb.symbols.definition[Int(sym)] = ElementRef(.group, Int32(kept.count))
                kept.append(g)
            } else {
                kb.symbols.definition[Int(sym)] = nil
                leftOut[sym] = site
            }
        }
        kb.groups = kept
    }

    mutating func resolveMemberships() {
        var kept: [Membership] = []
        var seen: [UInt64: RefSite] = [:]
        for i in 0..<kb.memberships.count {
            var m = kb.memberships[i]
            let site = memberSite[i]
            let g = resolve(memberGroupSym[i], .group, site.source, site.offset, "the group")
            let a = resolve(memberAuthoritySym[i], .authority, site.source, memberAOffset[i], "the member")
            guard let g, let a else { continue }
            let key = UInt64(UInt32(g)) << 32 | UInt64(UInt32(a))
            if let first = seen[key] {
                report(sources[Int(site.source)], Int(memberHead[i]),
                       "repeated membership of '\(kb.authorities[Int(a)].id)' in '\(kb.groups[Int(g)].id)' (first at \(place(first)))")
                continue
            }
            seen[key] = site
            m.group = g; m.authority = a
            kept.append(m)
        }
        kb.memberships = kept
    }
}
