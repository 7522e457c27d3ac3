/// Merging the builder of a later part of the KB into the builder of the earlier part, as if one builder had
/// read both in order: ids, words and sources renumbered, and ids defined in both reported as duplicates.
extension KBBuilder {
    mutating func absorb(_ other: KBBuilder) {
        let sourceBase = Int32(sources.count)
        sources.append(contentsOf: other.sources)
        let diagnosticBase = diagnostics.count
        diagnostics.append(contentsOf: other.diagnostics)
        hiddenProblems += other.hiddenProblems
        func shift(_ site: RefSite) -> RefSite { RefSite(source: site.source + sourceBase, offset: site.offset) }

        // Words and symbols, renumbered into this builder's tables.
        let wordMap = other.kb.words.map { word($0) }
        var symbolMap = [Int32](repeating: -1, count: other.symbols.count)
        for s in 0..<other.symbols.count {
            let key = other.symbols.key(of: Int32(s))
            let mapped = key.withUnsafeBufferPointer { symbols.intern($0, 0, $0.count) }
            if Int(mapped) == definedAt.count { definedAt.append(KBBuilder.nowhere); leftOut.append(KBBuilder.nowhere) }
            symbolMap[s] = mapped
        }
        func sym(_ s: Int32) -> Int32 { s < 0 ? s : symbolMap[Int(s)] }

        // Ids left out in the later part, unless defined in the earlier one.
        for s in 0..<other.symbols.count where other.leftOut[s].source >= 0 {
            let m = Int(symbolMap[s])
            if symbols.definition[m] == nil && leftOut[m].source < 0 { leftOut[m] = shift(other.leftOut[s]) }
        }

        for (i, c) in other.kb.countries.enumerated() {
            let s = sym(other.countrySymbol[i])
            guard define(s, ElementRef(.country, Int32(kb.countries.count)), shift(other.definedAt[Int(other.countrySymbol[i])])) else { continue }
            kb.countries.append(c)
            countrySymbol.append(s)
        }
        for (i, a) in other.kb.authorities.enumerated() {
            let s = sym(other.authoritySymbol[i])
            let site = shift(other.authoritySite[i])
            guard define(s, ElementRef(.authority, Int32(kb.authorities.count)), site) else { continue }
            var a = a
            a.kind = wordMap[Int(a.kind)]
            a.epci = sym(a.epci)
            kb.authorities.append(a)
            authoritySymbol.append(s)
            authorityCountry.append(sym(other.authorityCountry[i]))
            authorityParent.append(sym(other.authorityParent[i]))
            authoritySite.append(site)
            authorityCountrySite.append(other.authorityCountrySite[i])
            authorityParentSite.append(other.authorityParentSite[i])
            authorityEpciSite.append(other.authorityEpciSite[i])
        }
        let poolBase = Int32(kb.themePool.count), notesBase = Int32(kb.notes.count)
        let provenanceBase = Int32(kb.provenances.count)
        kb.themePool.append(contentsOf: other.kb.themePool.map { wordMap[Int($0)] })
        kb.notes.append(contentsOf: other.kb.notes)
        kb.provenances.append(contentsOf: other.kb.provenances)
        kb.partnerships.reserveCapacity(kb.partnerships.count + other.kb.partnerships.count)
        for q in other.kb.partnerships {
            var q = q
            if q.kind >= 0 { q.kind = wordMap[Int(q.kind)] }
            q.themesStart += poolBase
            if q.note >= 0 { q.note += notesBase }
            if q.source >= 0 { q.source += provenanceBase }
            kb.partnerships.append(q)
        }
        partnershipSite.append(contentsOf: other.partnershipSite.map(shift))
        partnershipBOffset.append(contentsOf: other.partnershipBOffset)
        partnershipHead.append(contentsOf: other.partnershipHead)
        partnershipSideLength.append(contentsOf: other.partnershipSideLength)
        partnershipFlags.append(contentsOf: other.partnershipFlags)
        for (i, g) in other.kb.groups.enumerated() {
            let s = sym(other.groupSymbol[i])
            let site = shift(other.groupSite[i])
            guard define(s, ElementRef(.group, Int32(kb.groups.count)), site) else { continue }
            kb.groups.append(g)
            groupSymbol.append(s)
            groupCountries.append(other.groupCountries[i].map { (sym($0.0), $0.1) })
            groupChair.append((sym(other.groupChair[i].0), other.groupChair[i].1))
            groupSite.append(site)
        }
        for (i, m) in other.kb.memberships.enumerated() {
            var m = m
            m.group = sym(m.group); m.authority = sym(m.authority)
            kb.memberships.append(m)
            memberGroupSym.append(sym(other.memberGroupSym[i]))
            memberAuthoritySym.append(sym(other.memberAuthoritySym[i]))
            memberSite.append(shift(other.memberSite[i]))
            memberAOffset.append(other.memberAOffset[i])
            memberHead.append(other.memberHead[i])
        }

        // A duplicate the later part reported named its own first definition; once merged, the first one may be in
        // the earlier part, or may itself have been left out as a duplicate: name the one a single pass would.
        for r in other.duplicateReports {
            let m = symbolMap[Int(r.symbol)]
            let site = shift(r.site)
            let old = diagnostics[diagnosticBase + r.index]
            diagnostics[diagnosticBase + r.index] = Diagnostic(source: old.source, offset: old.offset, message: duplicateMessage(m, site))
            duplicateReports.append((diagnosticBase + r.index, m, site))
        }
    }
}
