/// Merging the builder of a later part of the KB into the builder of the earlier part, as if one builder had
/// read both in order: ids, words and sources renumbered, and ids defined in both reported as duplicates.
extension KBBuilder {
    /// `other` is consumed: each kind of its records is freed once copied, so the two copies of the later part
    /// never exist together in full (the peak of memory of a two-thread load).
    mutating func absorb(_ other: consuming KBBuilder) {
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
            let own = other.pendingCountries[i].symbol
            let s = sym(own)
            guard define(s, ElementRef(.country, Int32(kb.countries.count)), shift(other.definedAt[Int(own)])) else { continue }
            kb.countries.append(c)
            pendingCountries.append(PendingCountry(symbol: s))
        }
        other.symbols = SymbolTable(capacity: 0); other.definedAt = []; other.leftOut = []
        pendingAuthorities.reserveCapacity(pendingAuthorities.count + other.pendingAuthorities.count)
        for (i, a) in other.kb.authorities.enumerated() {
            var pending = other.pendingAuthorities[i]
            pending.symbol = sym(pending.symbol)
            pending.site = shift(pending.site)
            guard define(pending.symbol, ElementRef(.authority, Int32(kb.authorities.count)), pending.site) else { continue }
            var a = a
            a.kind = wordMap[Int(a.kind)]
            a.epciIndex = sym(a.epciIndex)
            kb.authorities.append(a)
            pending.country = sym(pending.country)
            pending.parent = sym(pending.parent)
            pendingAuthorities.append(pending)
        }
        other.kb.authorities = []; other.pendingAuthorities = []
        let poolBase = Int32(kb.themePool.count), notesBase = Int32(kb.notes.count)
        let provenanceBase = Int32(kb.provenances.count)
        kb.themePool.append(contentsOf: other.kb.themePool.map { wordMap[Int($0)] })
        kb.notes.append(contentsOf: other.kb.notes)
        kb.provenances.append(contentsOf: other.kb.provenances)
        kb.partnerships.reserveCapacity(kb.partnerships.count + other.kb.partnerships.count)
        for q in other.kb.partnerships {
            var q = q
            if q.kindWord >= 0 { q.kindWord = wordMap[Int(q.kindWord)] }
            q.themesStart += poolBase
            if q.noteIndex >= 0 { q.noteIndex += notesBase }
            if q.sourceIndex >= 0 { q.sourceIndex += provenanceBase }
            kb.partnerships.append(q)
        }
        other.kb.partnerships = []
        pendingPartnerships.reserveCapacity(pendingPartnerships.count + other.pendingPartnerships.count)
        for var pending in other.pendingPartnerships {
            pending.site = shift(pending.site)
            pendingPartnerships.append(pending)
        }
        other.pendingPartnerships = []
        for (i, g) in other.kb.groups.enumerated() {
            var pending = other.pendingGroups[i]
            pending.symbol = sym(pending.symbol)
            pending.site = shift(pending.site)
            guard define(pending.symbol, ElementRef(.group, Int32(kb.groups.count)), pending.site) else { continue }
            kb.groups.append(g)
            pending.countries = pending.countries.map { (sym($0.0), $0.1) }
            pending.chair = (sym(pending.chair.0), pending.chair.1)
            pendingGroups.append(pending)
        }
        for (i, m) in other.kb.memberships.enumerated() {
            var m = m
            m.group = sym(m.group); m.authority = sym(m.authority)
            kb.memberships.append(m)
            var pending = other.pendingMembers[i]
            pending.groupSymbol = sym(pending.groupSymbol)
            pending.authoritySymbol = sym(pending.authoritySymbol)
            pending.site = shift(pending.site)
            pendingMembers.append(pending)
        }

        // A duplicate the later part reported named its own first definition; once merged, the first one may be in
        // the earlier part, or may itself have been left out as a duplicate: name the one a single pass would.
        for r in other.duplicateReports {
            let m = symbolMap[Int(r.symbol)]
            let site = shift(r.site)
            let old = diagnostics[diagnosticBase + r.index]
            diagnostics[diagnosticBase + r.index] = Diagnostic(source: old.source, offset: old.offset, problem: .kb(duplicateProblem(m, site)))
            duplicateReports.append((diagnosticBase + r.index, m, site))
        }
    }
}
