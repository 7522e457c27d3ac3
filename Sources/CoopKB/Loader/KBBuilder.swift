/// One token of a KB line.
struct KBToken {
    enum Kind: UInt8 { case word, string, equals, comma }
    var kind: Kind
    /// Byte offsets in the file: for a string, from its opening quote to after its closing quote.
    var start: Int
    var end: Int
    var escaped: Bool
}

/// Where a pending reference was written, to report problems found once every file is read.
struct RefSite {
    var source: Int32
    var offset: Int32
}

/// Builds a KB from files: parses records line by line, then resolves references and checks the whole.
struct KBBuilder {
    var kb = KnowledgeBase()
    var diagnostics: [Diagnostic] = []
    var sources: [Source] = []
    private var wordIndex: [String: Int32] = [:]
    var suggestionBudget = 50
    private var tokens: [KBToken] = []

    // Symbol bookkeeping: where each definition was, and records left out for their own problems.
    var definedAt: [Int32: RefSite] = [:]
    var leftOut: [Int32: RefSite] = [:]

    // Pending references, parallel to the element arrays.
    var authorityCountry: [Int32] = []      // country symbol
    var authorityParent: [Int32] = []       // parent symbol or -1
    var authoritySite: [RefSite] = []       // the id token
    var authorityCountrySite: [Int32] = []  // offset of the country value
    var authorityParentSite: [Int32] = []   // offset of the parent value
    var authoritySymbol: [Int32] = []
    var partnershipSite: [RefSite] = []     // side a token
    var partnershipBOffset: [Int32] = []    // side b token
    var partnershipHead: [Int32] = []       // the record's first token
    var groupCountries: [[(Int32, Int32)]] = []  // (symbol, offset)
    var groupChair: [(Int32, Int32)] = []        // (symbol, offset) or (-1, 0)
    var groupSite: [RefSite] = []
    var groupSymbol: [Int32] = []
    var countrySymbol: [Int32] = []
    var memberSite: [RefSite] = []          // group token
    var memberAOffset: [Int32] = []         // authority token
    var memberHead: [Int32] = []            // the record's first token
    var memberGroupSym: [Int32] = []
    var memberAuthoritySym: [Int32] = []

    static let recordKinds = ["country", "authority", "partnership", "group", "member"]
    static let attributes: [String: [String]] = [
        "country": ["en", "zone", "aka"],
        "authority": ["kind", "country", "parent", "code", "population", "member", "aka", "lat", "lon"],
        "partnership": ["since", "until", "status", "kind", "themes", "note"],
        "group": ["kind", "countries", "chair"],
        "member": ["since", "role"],
    ]

    init() {
        kb.symbols = SymbolTable(capacity: 1 << 12)
    }

    mutating func word(_ s: String) -> Int32 {
        if let w = wordIndex[s] { return w }
        let w = Int32(kb.words.count)
        kb.words.append(s)
        wordIndex[s] = w
        return w
    }

    // MARK: Parsing

    /// Parses every line of one file.
    mutating func parse(_ source: Source, index: Int) {
        sources.append(source)
        let sourceIndex = Int32(sources.count - 1)
        source.bytes.withUnsafeBufferPointer { p in
            var i = 0
            let n = p.count
            if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
            while i < n {
                var end = i
                var ascii = true
                while end < n && p[end] != 0x0A { if p[end] >= 0x80 { ascii = false }; end += 1 }
                var lineEnd = end
                if lineEnd > i && p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if ascii || validateUTF8(p, i, lineEnd, source) {
                    parseLine(p, i, lineEnd, source, sourceIndex)
                }
                i = end + 1
            }
        }
    }

    /// Checks one line is valid UTF-8 and has no NUL byte; reports the first bad byte otherwise.
    mutating func validateUTF8(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ source: Source) -> Bool {
        var i = start
        while i < end {
            let b = p[i]
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            if b < 0x80 { i += 1; continue }
            else if b & 0xE0 == 0xC0 { need = 1; cp = UInt32(b & 0x1F); min = 0x80 }
            else if b & 0xF0 == 0xE0 { need = 2; cp = UInt32(b & 0x0F); min = 0x800 }
            else if b & 0xF8 == 0xF0 { need = 3; cp = UInt32(b & 0x07); min = 0x10000 }
            else { return badUTF8(i, b, source) }
            if i + need >= end { return badUTF8(i, b, source) }
            for k in 1...need {
                let c = p[i + k]
                if c & 0xC0 != 0x80 { return badUTF8(i, b, source) }
                cp = cp << 6 | UInt32(c & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return badUTF8(i, b, source) }
            i += need + 1
        }
        return true
    }

    mutating func badUTF8(_ at: Int, _ b: UInt8, _ source: Source) -> Bool {
        let hex = String(b, radix: 16, uppercase: true)
        report(source, at, "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); the line is left out: save the file as UTF-8")
        return false
    }

    mutating func report(_ source: Source, _ offset: Int, _ message: String) {
        diagnostics.append(Diagnostic(source: source, offset: offset, message: message))
    }

    @inline(__always)
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C }

    /// Splits one line into tokens, then reads the record they make.
    mutating func parseLine(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ source: Source, _ si: Int32) {
        tokens.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            let b = p[i]
            if KBBuilder.isBlank(b) { i += 1; continue }
            if b == 0x23 { break }                                   // '#'
            if b == 0x22 {                                           // '"'
                var j = i + 1
                var escaped = false
                var closed = false
                while j < end {
                    let c = p[j]
                    if c == 0x5C {
                        if j + 1 < end && (p[j + 1] == 0x22 || p[j + 1] == 0x5C) { escaped = true; j += 2; continue }
                        report(source, j, "unknown escape in string: only \\\" and \\\\ are allowed")
                        return
                    }
                    if c == 0x22 { closed = true; break }
                    j += 1
                }
                if !closed {
                    report(source, i, "unterminated string: a string ends with \" on the same line")
                    return
                }
                tokens.append(KBToken(kind: .string, start: i, end: j + 1, escaped: escaped))
                i = j + 1
                continue
            }
            if b == 0x3D { tokens.append(KBToken(kind: .equals, start: i, end: i + 1, escaped: false)); i += 1; continue }
            if b == 0x2C { tokens.append(KBToken(kind: .comma, start: i, end: i + 1, escaped: false)); i += 1; continue }
            var j = i + 1
            while j < end {
                let c = p[j]
                if KBBuilder.isBlank(c) || c == 0x22 || c == 0x3D || c == 0x2C || c == 0x23 { break }
                j += 1
            }
            if let nul = (i..<j).first(where: { p[$0] == 0 }) {
                report(source, nul, "NUL byte in a KB file; the line is left out")
                return
            }
            tokens.append(KBToken(kind: .word, start: i, end: j, escaped: false))
            i = j
        }
        if tokens.isEmpty { return }
        parseRecord(p, source, si)
    }

    // MARK: Records

    /// The fields of one record: positional tokens, then attributes (key token, value tokens).
    struct RecordFields {
        var positional: [KBToken] = []
        var attributes: [(key: KBToken, values: [KBToken], name: String)] = []
    }

    func text(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> String {
        if t.kind == .string {
            let inner = UnsafeBufferPointer(rebasing: p[(t.start + 1)..<(t.end - 1)])
            if !t.escaped { return String(decoding: inner, as: UTF8.self) }
            var out = [UInt8]()
            out.reserveCapacity(inner.count)
            var k = 0
            while k < inner.count {
                if inner[k] == 0x5C && k + 1 < inner.count { out.append(inner[k + 1]); k += 2 } else { out.append(inner[k]); k += 1 }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: p[t.start..<t.end]), as: UTF8.self)
    }

    @inline(__always)
    func bytesEqual(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        if t.end - t.start != n { return false }
        let q = s.utf8Start
        for k in 0..<n where p[t.start + k] != q[k] { return false }
        return true
    }

    mutating func parseRecord(_ p: UnsafeBufferPointer<UInt8>, _ source: Source, _ si: Int32) {
        let head = tokens[0]
        guard head.kind == .word else {
            report(source, head.start, "expected a record kind (country, authority, partnership, group, member)")
            return
        }
        // Split positional fields from attributes.
        var fields = RecordFields()
        var k = 1
        while k < tokens.count {
            let t = tokens[k]
            if t.kind == .equals || t.kind == .comma {
                report(source, t.start, t.kind == .equals ? "'=' without an attribute name before it" : "unexpected ','; a list is written a,b,c after key=")
                return
            }
            if k + 1 < tokens.count && tokens[k + 1].kind == .equals { break }
            if !fields.attributes.isEmpty { break }
            fields.positional.append(t)
            k += 1
        }
        while k < tokens.count {
            let key = tokens[k]
            guard key.kind == .word, k + 1 < tokens.count, tokens[k + 1].kind == .equals else {
                report(source, key.start, "unexpected \(describe(p, key)) after the attributes; attributes are written key=value")
                return
            }
            let eq = tokens[k + 1]
            k += 2
            var values: [KBToken] = []
            guard k < tokens.count, tokens[k].kind == .word || tokens[k].kind == .string, tokens[k].start == eq.end else {
                report(source, k < tokens.count && tokens[k].start == eq.end ? tokens[k].start : eq.end,
                       "missing value after '\(text(p, key))='; write \(text(p, key))=VALUE with no blank around '='")
                return
            }
            values.append(tokens[k]); k += 1
            while k < tokens.count && tokens[k].kind == .comma {
                let comma = tokens[k]
                guard comma.start == values.last!.end else {
                    report(source, comma.start, "blank before ',' in a list; write items as a,b,c")
                    return
                }
                guard k + 1 < tokens.count, tokens[k + 1].kind == .word || tokens[k + 1].kind == .string,
                      tokens[k + 1].start == comma.end else {
                    report(source, comma.end, "missing list item after ','; write items as a,b,c with no blanks")
                    return
                }
                values.append(tokens[k + 1]); k += 2
            }
            if k < tokens.count && tokens[k].start == values.last!.end && tokens[k].kind != .equals {
                report(source, tokens[k].start, "unexpected \(describe(p, tokens[k])); separate attributes with a blank")
                return
            }
            fields.attributes.append((key, values, text(p, key)))
        }
        if bytesEqual(p, head, "partnership") { parsePartnership(p, fields, source, si) }
        else if bytesEqual(p, head, "authority") { parseAuthority(p, fields, head, source, si) }
        else if bytesEqual(p, head, "member") { parseMember(p, fields, head, source, si) }
        else if bytesEqual(p, head, "country") { parseCountry(p, fields, head, source, si) }
        else if bytesEqual(p, head, "group") { parseGroup(p, fields, head, source, si) }
        else {
            let word = text(p, head)
            var msg = "unknown record kind '\(word)'"
            if let s = Similarity.closest(to: word, among: KBBuilder.recordKinds, count: 1).first {
                msg += "; did you mean '\(s)'?"
            } else {
                msg += "; records are country, authority, partnership, group, member"
            }
            report(source, head.start, msg)
        }
    }

    func describe(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> String {
        switch t.kind {
        case .word: return "'\(text(p, t))'"
        case .string: return "string \"\(text(p, t))\""
        case .equals: return "'='"
        case .comma: return "','"
        }
    }

    /// Checks the attribute names of a record: known for its kind, each at most once.
    mutating func checkAttributes(_ p: UnsafeBufferPointer<UInt8>, _ fields: RecordFields, _ kind: String, _ source: Source) -> Bool {
        let known = KBBuilder.attributes[kind]!
        var ok = true
        var seen: [String: Int] = [:]
        for a in fields.attributes {
            if !known.contains(a.name) {
                var msg = "unknown attribute '\(a.name)' for \(kind)"
                if let s = Similarity.closest(to: a.name, among: known, count: 1).first { msg += "; did you mean '\(s)'?" }
                else { msg += "; \(kind) takes " + known.joined(separator: ", ") }
                report(source, a.key.start, msg)
                ok = false
            } else if let first = seen[a.name] {
                let (l, c) = source.location(of: first)
                report(source, a.key.start, "repeated attribute '\(a.name)' (first at \(l):\(c)); give it once")
                ok = false
            } else {
                seen[a.name] = a.key.start
            }
        }
        return ok
    }

    /// Checks the number of positional fields; reports what is missing or extra.
    mutating func checkPositional(_ p: UnsafeBufferPointer<UInt8>, _ fields: RecordFields, _ head: KBToken, _ names: [String], _ kind: String, _ source: Source) -> Bool {
        if fields.positional.count < names.count {
            let missing = names[fields.positional.count]
            let at = fields.positional.last?.end ?? head.end
            _ = at
            report(source, head.start,
                   "missing \(missing) for \(kind); write: \(kind) \(names.joined(separator: " ")) key=value...")
            return false
        }
        if fields.positional.count > names.count {
            let extra = fields.positional[names.count]
            report(source, extra.start, "unexpected \(describe(p, extra)): \(kind) has \(names.count) positional fields (\(names.joined(separator: ", "))); attributes are written key=value")
            return false
        }
        return true
    }

    /// A single value (not a list) for an attribute.
    mutating func single(_ p: UnsafeBufferPointer<UInt8>, _ a: (key: KBToken, values: [KBToken], name: String), _ source: Source) -> KBToken? {
        if a.values.count != 1 {
            report(source, a.values[1].start - 1, "'\(a.name)' takes one value, not a list")
            return nil
        }
        return a.values[0]
    }

    mutating func wordValue(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ name: String, _ source: Source) -> String? {
        let s = text(p, t)
        if s.isEmpty || s.contains(where: { $0 == " " || $0 == "\t" }) {
            report(source, t.start, "malformed \(name) \(describe(p, t)): expected a single word")
            return nil
        }
        return s
    }

    mutating func idToken(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ what: String, _ source: Source) -> Bool {
        if t.kind != .word {
            report(source, t.start, "\(what) must be an id (a bare word), not a string")
            return false
        }
        let s = text(p, t)
        if !Lexicon.isID(s) {
            report(source, t.start, "malformed id '\(s)': an id is letters, digits, '-', '_' and '.', starting with a letter or digit")
            return false
        }
        return true
    }

    mutating func symbol(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> Int32 {
        var ascii = true
        for k in t.start..<t.end where p[k] >= 0x80 { ascii = false; break }
        if ascii { return kb.symbols.intern(p, t.start, t.end) }
        return kb.symbols.intern(text(p, t))
    }

    mutating func year(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ name: String, _ source: Source) -> Int16? {
        if t.kind == .word && t.end - t.start == 4 {
            var v = 0
            var ok = true
            for k in t.start..<t.end { let d = p[k] &- 0x30; if d > 9 { ok = false; break }; v = v * 10 + Int(d) }
            if ok { return Int16(v) }
        }
        report(source, t.start, "malformed year \(describe(p, t)) for '\(name)': a year is four digits, like 1988")
        return nil
    }

    mutating func integer(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ name: String, _ source: Source) -> Int? {
        if t.kind == .word {
            var v = 0
            var ok = t.end > t.start
            for k in t.start..<t.end {
                let d = p[k] &- 0x30
                if d > 9 { ok = false; break }
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int(d))
                if o1 || o2 {
                    report(source, t.start, "\(name) \(describe(p, t)) is too large")
                    return nil
                }
                v = s
            }
            if ok { return v }
        }
        report(source, t.start, "malformed integer \(describe(p, t)) for '\(name)': expected digits only, a number ≥ 0")
        return nil
    }

    mutating func coordinate(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ name: String, _ limit: Double, _ source: Source) -> Double? {
        let s = text(p, t)
        var ok = t.kind == .word
        if ok {
            var digits = 0, dots = 0
            for (k, c) in s.utf8.enumerated() {
                if c >= 0x30 && c <= 0x39 { digits += 1 }
                else if c == 0x2E { dots += 1 }
                else if (c == 0x2D || c == 0x2B) && k == 0 {}
                else { ok = false }
            }
            if digits == 0 || dots > 1 { ok = false }
        }
        if ok, let v = Double(s), v.isFinite, abs(v) <= limit { return v }
        report(source, t.start, "malformed coordinate \(describe(p, t)) for '\(name)': decimal degrees between -\(Int(limit)) and \(Int(limit))")
        return nil
    }

    /// Defines a symbol for a new element; reports a duplicate id, naming where the first one is.
    mutating func define(_ sym: Int32, _ ref: ElementRef, _ site: RefSite, _ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ source: Source) -> Bool {
        if kb.symbols.definition[Int(sym)] != nil || leftOut[sym] != nil {
            let first = definedAt[sym] ?? leftOut[sym]!
            let fs = sources[Int(first.source)]
            let (l, c) = fs.location(of: Int(first.offset))
            let what = kb.symbols.definition[Int(sym)]?.kind.rawValue ?? "record"
            report(source, t.start, "duplicate id '\(text(p, t))': first defined as \(what) at \(fs.name):\(l):\(c); ids are shared by all kinds and compared without regard to case")
            return false
        }
        kb.symbols.definition[Int(sym)] = ref
        definedAt[sym] = site
        return true
    }

    /// Remembers an id whose record was left out, so references to it say so.
    mutating func markLeftOut(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ si: Int32) {
        guard t.kind == .word, Lexicon.isID(text(p, t)) else { return }
        let sym = symbol(p, t)
        if kb.symbols.definition[Int(sym)] == nil && leftOut[sym] == nil {
            leftOut[sym] = RefSite(source: si, offset: Int32(t.start))
        }
    }

    // country CODE "name" en= zone= aka=
    mutating func parseCountry(_ p: UnsafeBufferPointer<UInt8>, _ f: RecordFields, _ head: KBToken, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, f, head, ["CODE", "\"name\""], "country", source)
        ok = checkAttributes(p, f, "country", source) && ok
        guard ok else { if let t = f.positional.first { markLeftOut(p, t, si) }; return }
        let codeTok = f.positional[0]
        let code = text(p, codeTok)
        if codeTok.kind != .word || code.utf8.count != 2 || !code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
            report(source, codeTok.start, "malformed country code \(describe(p, codeTok)): two upper-case letters (ISO 3166-1 alpha-2), like ML")
            return
        }
        var c = Country(id: code, name: text(p, f.positional[1]), en: nil, zone: nil, aka: [])
        for a in f.attributes {
            switch a.name {
            case "en": guard let t = single(p, a, source) else { ok = false; continue }; c.en = text(p, t)
            case "zone": guard let t = single(p, a, source), let w = wordValue(p, t, "zone", source) else { ok = false; continue }; c.zone = w
            default: c.aka = a.values.map { text(p, $0) }
            }
        }
        guard ok else { markLeftOut(p, codeTok, si); return }
        let sym = symbol(p, codeTok)
        let site = RefSite(source: si, offset: Int32(codeTok.start))
        guard define(sym, ElementRef(.country, Int32(kb.countries.count)), site, p, codeTok, source) else { return }
        kb.countries.append(c)
        countrySymbol.append(sym)
    }

    // authority id "name" kind= country= parent= code= population= member= aka= lat= lon=
    mutating func parseAuthority(_ p: UnsafeBufferPointer<UInt8>, _ f: RecordFields, _ head: KBToken, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, f, head, ["id", "\"name\""], "authority", source)
        ok = checkAttributes(p, f, "authority", source) && ok
        if ok { ok = idToken(p, f.positional[0], "an authority's id", source) }
        guard ok else { if let t = f.positional.first { markLeftOut(p, t, si) }; return }
        let idTok = f.positional[0]
        var a = Authority(id: text(p, idTok), name: text(p, f.positional[1]), kind: -1, country: -1, parent: -1,
                          code: nil, population: -1, member: -1, aka: [], lat: .nan, lon: .nan)
        var countrySym: Int32 = -1, countryAt: Int32 = 0
        var parentSym: Int32 = -1, parentAt: Int32 = 0
        for attr in f.attributes {
            switch attr.name {
            case "aka": a.aka = attr.values.map { text(p, $0) }; continue
            default: break
            }
            guard let t = single(p, attr, source) else { ok = false; continue }
            switch attr.name {
            case "kind": if let w = wordValue(p, t, "kind", source) { a.kind = word(w) } else { ok = false }
            case "country":
                if idToken(p, t, "country", source) { countrySym = symbol(p, t); countryAt = Int32(t.start) } else { ok = false }
            case "parent":
                if idToken(p, t, "parent", source) { parentSym = symbol(p, t); parentAt = Int32(t.start) } else { ok = false }
            case "code": a.code = text(p, t)
            case "population": if let v = integer(p, t, "population", source) { a.population = v } else { ok = false }
            case "member":
                let w = text(p, t).lowercased()
                if w == "yes" { a.member = 1 } else if w == "no" { a.member = 0 }
                else { report(source, t.start, "malformed yes/no \(describe(p, t)) for 'member': write member=yes or member=no"); ok = false }
            case "lat": if let v = coordinate(p, t, "lat", 90, source) { a.lat = v } else { ok = false }
            case "lon": if let v = coordinate(p, t, "lon", 180, source) { a.lon = v } else { ok = false }
            default: break
            }
        }
        if ok && a.kind < 0 {
            report(source, head.start, "authority '\(a.id)' has no kind; add kind=commune (or departement, region, municipality, …)")
            ok = false
        }
        if ok && countrySym < 0 {
            report(source, head.start, "authority '\(a.id)' has no country; add country=CODE, like country=FR")
            ok = false
        }
        guard ok else { markLeftOut(p, idTok, si); return }
        let sym = symbol(p, idTok)
        let site = RefSite(source: si, offset: Int32(idTok.start))
        guard define(sym, ElementRef(.authority, Int32(kb.authorities.count)), site, p, idTok, source) else { return }
        kb.authorities.append(a)
        authoritySymbol.append(sym)
        authorityCountry.append(countrySym)
        authorityParent.append(parentSym)
        authoritySite.append(site)
        authorityCountrySite.append(countryAt)
        authorityParentSite.append(parentAt)
    }

    // partnership a b since= until= status= kind= themes= note=
    mutating func parsePartnership(_ p: UnsafeBufferPointer<UInt8>, _ f: RecordFields, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, f, tokens[0], ["A", "B"], "partnership", source)
        ok = checkAttributes(p, f, "partnership", source) && ok
        if ok { ok = idToken(p, f.positional[0], "side a", source) && idToken(p, f.positional[1], "side b", source) }
        guard ok else { return }
        var q = Partnership(a: symbol(p, f.positional[0]), b: symbol(p, f.positional[1]), since: 0, until: 0,
                            status: .active, kind: -1, themesStart: Int32(kb.themePool.count), themesCount: 0, note: nil)
        var status: PartnershipStatus? = nil
        var untilAt = 0
        for attr in f.attributes {
            if attr.name == "themes" {
                for t in attr.values {
                    guard let w = wordValue(p, t, "theme", source) else { ok = false; continue }
                    kb.themePool.append(word(w))
                }
                continue
            }
            guard let t = single(p, attr, source) else { ok = false; continue }
            switch attr.name {
            case "since": if let y = year(p, t, "since", source) { q.since = y } else { ok = false }
            case "until": if let y = year(p, t, "until", source) { q.until = y; untilAt = t.start } else { ok = false }
            case "status":
                if bytesEqual(p, t, "active") { status = .active }
                else if bytesEqual(p, t, "dormant") { status = .dormant }
                else if bytesEqual(p, t, "ended") { status = .ended }
                else { report(source, t.start, "malformed status \(describe(p, t)): write active, dormant or ended"); ok = false }
            case "kind": if let w = wordValue(p, t, "kind", source) { q.kind = word(w) } else { ok = false }
            case "note": q.note = text(p, t)
            default: break
            }
        }
        if ok && q.since > 0 && q.until > 0 && q.until < q.since {
            report(source, untilAt, "until \(q.until) is before since \(q.since)")
            ok = false
        }
        guard ok else { kb.themePool.removeLast(kb.themePool.count - Int(q.themesStart)); return }
        q.themesCount = Int32(kb.themePool.count) - q.themesStart
        q.status = status ?? (q.until > 0 ? .ended : .active)
        kb.partnerships.append(q)
        partnershipSite.append(RefSite(source: si, offset: Int32(f.positional[0].start)))
        partnershipBOffset.append(Int32(f.positional[1].start))
        partnershipHead.append(Int32(tokens[0].start))
    }

    // group id "name" kind= countries= chair=
    mutating func parseGroup(_ p: UnsafeBufferPointer<UInt8>, _ f: RecordFields, _ head: KBToken, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, f, head, ["id", "\"name\""], "group", source)
        ok = checkAttributes(p, f, "group", source) && ok
        if ok { ok = idToken(p, f.positional[0], "a group's id", source) }
        guard ok else { if let t = f.positional.first { markLeftOut(p, t, si) }; return }
        let idTok = f.positional[0]
        var g = Group(id: text(p, idTok), name: text(p, f.positional[1]), kind: "country", countries: [], chair: -1)
        var countries: [(Int32, Int32)] = []
        var chair: (Int32, Int32) = (-1, 0)
        for attr in f.attributes {
            if attr.name == "countries" {
                for t in attr.values {
                    if idToken(p, t, "a country code", source) { countries.append((symbol(p, t), Int32(t.start))) } else { ok = false }
                }
                continue
            }
            guard let t = single(p, attr, source) else { ok = false; continue }
            switch attr.name {
            case "kind": if let w = wordValue(p, t, "kind", source) { g.kind = w } else { ok = false }
            case "chair": if idToken(p, t, "chair", source) { chair = (symbol(p, t), Int32(t.start)) } else { ok = false }
            default: break
            }
        }
        guard ok else { markLeftOut(p, idTok, si); return }
        let sym = symbol(p, idTok)
        let site = RefSite(source: si, offset: Int32(idTok.start))
        guard define(sym, ElementRef(.group, Int32(kb.groups.count)), site, p, idTok, source) else { return }
        kb.groups.append(g)
        groupSymbol.append(sym)
        groupCountries.append(countries)
        groupChair.append(chair)
        groupSite.append(site)
    }

    // member group authority since= role=
    mutating func parseMember(_ p: UnsafeBufferPointer<UInt8>, _ f: RecordFields, _ head: KBToken, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, f, head, ["GROUP", "AUTHORITY"], "member", source)
        ok = checkAttributes(p, f, "member", source) && ok
        if ok { ok = idToken(p, f.positional[0], "the group", source) && idToken(p, f.positional[1], "the authority", source) }
        guard ok else { return }
        var m = Membership(group: symbol(p, f.positional[0]), authority: symbol(p, f.positional[1]), since: 0, role: nil)
        for attr in f.attributes {
            guard let t = single(p, attr, source) else { ok = false; continue }
            switch attr.name {
            case "since": if let y = year(p, t, "since", source) { m.since = y } else { ok = false }
            case "role": if let w = wordValue(p, t, "role", source) { m.role = w } else { ok = false }
            default: break
            }
        }
        guard ok else { return }
        kb.memberships.append(m)
        memberGroupSym.append(m.group)
        memberAuthoritySym.append(m.authority)
        memberSite.append(RefSite(source: si, offset: Int32(f.positional[0].start)))
        memberAOffset.append(Int32(f.positional[1].start))
        memberHead.append(Int32(head.start))
    }
}
