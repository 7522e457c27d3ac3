#if canImport(Glibc)
import Glibc
#endif

/// One token of a KB line.
struct KBToken {
    enum Kind: UInt8 { case word, string, equals, comma }
    private var _start: Int32
    private var _end: Int32
    var kind: Kind
    var escaped: Bool
    /// Byte offsets in the file: for a string, from its opening quote to after its closing quote.
    @inline(__always) var start: Int { Int(_start) }
    @inline(__always) var end: Int { Int(_end) }

    @inline(__always)
    init(kind: Kind, start: Int, end: Int, escaped: Bool) {
        self.kind = kind
        self._start = Int32(truncatingIfNeeded: start)
        self._end = Int32(truncatingIfNeeded: end)
        self.escaped = escaped
    }
}

/// A run of whole lines of one file, parsed by one builder.
struct Segment {
    var source: Source
    var from: Int
    var to: Int
}

/// Where a pending reference was written, to report problems found once every file is read.
struct RefSite {
    var source: Int32
    var offset: Int32
}

/// A country record's id symbol.
struct PendingCountry {
    var symbol: Int32
}

/// An authority record's symbols and the places of its references.
struct PendingAuthority {
    var symbol: Int32
    /// The country's symbol.
    var country: Int32
    /// The parent's symbol, or -1 when none is written (the `epci` symbol waits in `Authority.epci`).
    var parent: Int32
    /// The id token.
    var site: RefSite
    /// Offsets of the country, parent and epci values.
    var countrySite: Int32
    var parentSite: Int32
    var epciSite: Int32
}

/// A partnership record's places: its sides are looked up once every id is known.
struct PendingPartnership {
    /// Side a's token.
    var site: RefSite
    /// Side b's token.
    var bOffset: Int32
    /// Lengths of the side tokens (a in the low 16 bits, b in the high), for looking them up from their bytes
    /// (0: look up by text).
    var sideLength: UInt32
    /// The record's first token.
    var head: Int32
    /// `KBBuilder.PartnershipFlags`: amends=yes, status given.
    var flags: UInt8
}

/// A group record's symbols and the places of its references.
struct PendingGroup {
    var symbol: Int32
    var site: RefSite
    /// (symbol, offset) of each country.
    var countries: [(Int32, Int32)]
    /// (symbol, offset) of the chair, or (-1, 0).
    var chair: (Int32, Int32)
}

/// A member record's symbols and places.
struct PendingMember {
    var groupSymbol: Int32
    var authoritySymbol: Int32
    /// The group token.
    var site: RefSite
    /// The authority token.
    var authorityOffset: Int32
    /// The record's first token.
    var head: Int32
}

/// Builds a KB from files: parses records line by line, then resolves references and checks the whole.
struct KBBuilder {
    var kb = KnowledgeBase()
    var diagnostics: [Diagnostic] = []
    var sources: [Source] = []
    var wordTable = SymbolTable(capacity: 256, foldCase: false)
    var suggestionBudget = 50
    /// Asked between files and every 16 MiB; true stops the parse (`interrupted` is then set).
    var shouldStop: () -> Bool = { false }
    /// The system: how many cores may parse and resolve, and the clock of COOPKB_PROFILE's phases (nil: two cores, no profile).
    var system: (any System)? = nil
    /// Set when `shouldStop` stopped the parse.
    var interrupted = false
    /// Duplicate ids reported by this builder: the diagnostic's index, the symbol and the duplicate's site, so a
    /// merge can name the first definition as one builder reading everything in order would.
    var duplicateReports: [(index: Int, symbol: Int32, site: RefSite)] = []
    /// The line problems are being counted on (its start offset and source), and how many it has had.
    private var problemLine = (source: -1, start: -1, count: 0)
    /// The most problems reported for one line; the rest are counted in one closing problem.
    static let maxProblemsPerLine = 5
    /// Problems counted but not kept as diagnostics (beyond `maxProblemsPerLine`, less their closing problem).
    var hiddenProblems = 0
    private var tokens: [KBToken] = []
    /// The attributes of the record being read (reused from line to line).
    private var attributes: [Attribute] = []
    var symbols = SymbolTable(capacity: 1 << 12)

    // Symbol bookkeeping, indexed by symbol: where each definition was, and records left out for their own problems.
    var definedAt: [RefSite] = []
    var leftOut: [RefSite] = []
    static let nowhere = RefSite(source: -1, offset: 0)

    // What each record leaves to resolve once every file is read: one struct per kind, in step with the element
    // arrays of `kb` (element i of a kind has pending record i).
    var pendingCountries: [PendingCountry] = []
    var pendingAuthorities: [PendingAuthority] = []
    var pendingPartnerships: [PendingPartnership] = []
    var pendingGroups: [PendingGroup] = []
    var pendingMembers: [PendingMember] = []

    static let recordKinds = RecordKind.allCases.map(\.rawValue)

    init() {}

    /// The index of a word (kind, theme) written in `p[t]`, interned from its bytes.
    mutating func word(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> Int32 {
        let w: Int32
        if t.kind == .string {
            let s = text(p, t)
            w = wordTable.intern(s)
        } else {
            w = wordTable.intern(p, t.start, t.end)
        }
        if Int(w) == kb.words.count { kb.words.append(text(p, t)) }
        return w
    }

    mutating func word(_ s: String) -> Int32 {
        let w = wordTable.intern(s)
        if Int(w) == kb.words.count { kb.words.append(s) }
        return w
    }

    // MARK: Parsing

    /// Reserves room for the records the files will likely hold, estimated from their line counts and the
    /// record kinds of their first lines, so the arrays do not grow by copying.
    mutating func reserve(for segments: [Segment]) {
        let kinds = RecordKind.allCases
        var estimate = [Int](repeating: 0, count: kinds.count)
        let heads = RecordKind.heads
        for segment in segments {
            let p = segment.source.bytes
            guard let base = p.baseAddress, segment.to > segment.from else { continue }
            var lines = 0
            var at = base + segment.from
            let end = base + segment.to
            var released = segment.from
            while at < end, let nl = memchr(at, 0x0A, end - at) {
                lines += 1
                at = UnsafePointer(nl.assumingMemoryBound(to: UInt8.self)) + 1
                let done = at - base
                if done - released >= 16 << 20 { segment.source.releasePages(from: released, to: done); released = done }
            }
            segment.source.releasePages(from: released, to: segment.to)
            var sample = [Int](repeating: 0, count: kinds.count)
            var sampled = 0
            var i = segment.from
            while i < segment.to && sampled < 200 {
                var e = i
                while e < segment.to && p[e] != 0x0A { e += 1 }
                for (k, h) in heads.enumerated() where e - i > h.count && p[i + h.count] == 0x20 {
                    var same = true
                    for j in 0..<h.count where p[i + j] != h[j] { same = false; break }
                    if same { sample[k] += 1; sampled += 1; break }
                }
                i = e + 1
            }
            if sampled == 0 { continue }
            for k in 0..<kinds.count { estimate[k] += (lines + 1) * sample[k] / sampled + sample[k] }
        }
        func grow<T>(_ a: inout [T], _ kind: RecordKind) {
            let n = estimate[Int(kind.index)]
            a.reserveCapacity(a.count + n + n / 32)
        }
        grow(&kb.countries, .country); grow(&pendingCountries, .country)
        grow(&kb.authorities, .authority); grow(&pendingAuthorities, .authority)
        grow(&kb.partnerships, .partnership); grow(&pendingPartnerships, .partnership)
        grow(&kb.memberships, .member); grow(&pendingMembers, .member)
        let ids = [RecordKind.country, .authority, .group].reduce(0) { $0 + estimate[Int($1.index)] }
        symbols = SymbolTable(capacity: max(1024, ids + ids / 8))
        definedAt.reserveCapacity(definedAt.count + ids + ids / 32); leftOut.reserveCapacity(leftOut.count + ids + ids / 32)
    }

    /// Parses the lines of one file from byte `from` (a line start) to byte `to`.
    mutating func parse(_ source: Source, from: Int = 0, to: Int? = nil) {
        defer { source.releasePages(from: from, to: to) }
        if interrupted || shouldStop() { interrupted = true; return }
        sources.append(source)
        let sourceIndex = Int32(sources.count - 1)
        do { let p = source.bytes
            var i = from
            let n = to ?? p.count
            if i == 0 && n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
            var released = from
            while i < n {
                // Pages read so far leave this process's memory as the parse moves on.
                if i - released >= 16 << 20 {
                    source.releasePages(from: released, to: i); released = i
                    if shouldStop() { interrupted = true; return }
                }
                // The line's end, by memchr; then whether it is all ASCII, eight bytes at a time.
                let base = p.baseAddress!
                let end = memchr(base + i, 0x0A, n - i).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
                var ascii = true
                var k = i
                while k + 8 <= end {
                    if UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { ascii = false; break }
                    k += 8
                }
                if ascii { while k < end { if p[k] >= 0x80 { ascii = false; break }; k += 1 } }
                var lineEnd = end
                if lineEnd > i && p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                lineStart = i
                if ascii || validateUTF8(p, i, lineEnd, source) {
                    parseLine(p, i, lineEnd, source, sourceIndex)
                }
                closeLineProblems(source)
                i = end + 1
            }
        }
    }

    /// Checks one line is valid UTF-8 and has no NUL byte; reports the first bad byte otherwise.
    mutating func validateUTF8(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ source: Source) -> Bool {
        guard let bad = UTF8Decoder.firstInvalid(p, start, end) else { return true }
        return badUTF8(bad, p[bad], source)
    }

    mutating func badUTF8(_ at: Int, _ b: UInt8, _ source: Source) -> Bool {
        report(source, at, .invalidUTF8(byte: b))
        return false
    }

    /// The start of the line being parsed (problems on it are counted against `maxProblemsPerLine`).
    private var lineStart = -1

    mutating func report(_ source: Source, _ offset: Int, _ problem: KBProblem) {
        if lineStart >= 0 {
            let si = sources.count - 1
            if problemLine.source != si || problemLine.start != lineStart { problemLine = (si, lineStart, 0) }
            problemLine.count += 1
            if problemLine.count > KBBuilder.maxProblemsPerLine { return }
        }
        diagnostics.append(Diagnostic(source: source, offset: offset, problem: .kb(problem)))
    }

    /// After a line: when it had more problems than are reported, one more problem says how many.
    mutating func closeLineProblems(_ source: Source) {
        let extra = problemLine.count - KBBuilder.maxProblemsPerLine
        if problemLine.start == lineStart && problemLine.source == sources.count - 1 && extra > 0 {
            hiddenProblems += extra - 1
            diagnostics.append(Diagnostic(source: source, offset: lineStart,
                                          problem: .kb(.moreProblemsOnLine(count: extra, shown: KBBuilder.maxProblemsPerLine))))
        }
        problemLine = (-1, -1, 0)
        lineStart = -1
    }

    /// The bytes that end a word (blanks, '"', '=', ',', '#') and NUL, as bits of one word: all are below 0x40.
    /// (0x00, 0x09, 0x0B, 0x0C, 0x0D, 0x20, 0x22, 0x23, 0x2C, 0x3D; a literal, so the loop reads no global.)
    static var wordStops: UInt64 { 0x2000_100D_0000_3A01 }

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
                        report(source, j, .unknownEscape)
                        return
                    }
                    if c == 0x22 { closed = true; break }
                    if c == 0 {
                        report(source, j, .nulByte)
                        return
                    }
                    j += 1
                }
                if !closed {
                    report(source, i, .unterminatedString)
                    return
                }
                tokens.append(KBToken(kind: .string, start: i, end: j + 1, escaped: escaped))
                i = j + 1
                continue
            }
            if b == 0x3D { tokens.append(KBToken(kind: .equals, start: i, end: i + 1, escaped: false)); i += 1; continue }
            if b == 0x2C { tokens.append(KBToken(kind: .comma, start: i, end: i + 1, escaped: false)); i += 1; continue }
            var j = i + 1
            var nul = b == 0 ? i : -1
            while j < end {
                let c = p[j]
                // Most bytes of a word are above '?' (letters, '_', UTF-8) or digits, '-', '.': one test of a bit.
                if c >= 0x40 || (KBBuilder.wordStops >> UInt64(c)) & 1 == 0 { j += 1; continue }
                if c != 0 { break }
                if nul < 0 { nul = j }
                j += 1
            }
            if nul >= 0 {
                report(source, nul, .nulByte)
                return
            }
            tokens.append(KBToken(kind: .word, start: i, end: j, escaped: false))
            i = j
        }
        if tokens.isEmpty { return }
        parseRecord(p, source, si)
    }

    // MARK: Records

    /// Bits of `PendingPartnership.flags`.
    enum PartnershipFlags {
        /// `amends=yes`: the record adds the fields it gives to the partnership of the same pair.
        static let amends: UInt8 = 1
        /// `status=` was written (else it is derived from `until`).
        static let statusGiven: UInt8 = 2
    }

    /// Attribute names, recognised from their bytes.
    enum Key: UInt8 {
        case en, zone, aka, kind, country, parent, code, population, member, lat, lon
        case since, until, status, themes, note, countries, chair, role, epci, source, basis, amends, match, unknown

        static let names = ["en", "zone", "aka", "kind", "country", "parent", "code", "population", "member", "lat", "lon",
                            "since", "until", "status", "themes", "note", "countries", "chair", "role", "epci", "source", "basis", "amends", "match"]
        var name: String { Key.names[Int(rawValue)] }
        var bit: UInt32 { 1 << UInt32(rawValue) }
    }

    /// One attribute of the record being read: its key token, and its values at every other token from `first`.
    struct Attribute {
        var key: Int
        var code: Key
        var first: Int
        var count: Int
    }

    /// The kinds of record, with their positional fields and attributes: the one place their names are written.
    enum RecordKind: String, CaseIterable {
        case country, authority, partnership, group, member

        /// The kind's position in `allCases`.
        var index: UInt8 { UInt8(RecordKind.allCases.firstIndex(of: self)!) }

        /// Each kind's name as bytes, in `allCases` order (how a line's first word is recognised).
        static let heads: [[UInt8]] = allCases.map { Array($0.rawValue.utf8) }

        /// The attributes a record of the kind takes: the attribute table.
        var allowed: [Key] {
            switch self {
            case .country: return [.en, .zone, .aka, .match]
            case .authority: return [.kind, .country, .parent, .code, .population, .member, .aka, .match, .lat, .lon, .epci]
            case .partnership: return [.since, .until, .status, .kind, .themes, .note, .source, .amends]
            case .group: return [.kind, .countries, .chair]
            case .member: return [.since, .role, .basis]
            }
        }

        /// `allowed` as bits of `Key.bit`, made once from it.
        static let masks: [UInt32] = allCases.map { $0.allowed.reduce(0) { $0 | $1.bit } }
        var allowedMask: UInt32 { RecordKind.masks[Int(index)] }

        var positional: [String] {
            switch self {
            case .country: return ["CODE", "\"name\""]
            case .authority, .group: return ["id", "\"name\""]
            case .partnership: return ["A", "B"]
            case .member: return ["GROUP", "AUTHORITY"]
            }
        }
    }

    @inline(__always)
    func bytesEqual(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        if t.end - t.start != n { return false }
        let q = s.utf8Start
        for k in 0..<n where p[t.start + k] != q[k] { return false }
        return true
    }

    func key(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> Key {
        switch t.end - t.start {
        case 2: return bytesEqual(p, t, "en") ? .en : .unknown
        case 3:
            if bytesEqual(p, t, "aka") { return .aka }
            if bytesEqual(p, t, "lat") { return .lat }
            if bytesEqual(p, t, "lon") { return .lon }
            return .unknown
        case 4:
            if bytesEqual(p, t, "kind") { return .kind }
            if bytesEqual(p, t, "code") { return .code }
            if bytesEqual(p, t, "zone") { return .zone }
            if bytesEqual(p, t, "note") { return .note }
            if bytesEqual(p, t, "role") { return .role }
            if bytesEqual(p, t, "epci") { return .epci }
            return .unknown
        case 5:
            if bytesEqual(p, t, "since") { return .since }
            if bytesEqual(p, t, "until") { return .until }
            if bytesEqual(p, t, "chair") { return .chair }
            if bytesEqual(p, t, "basis") { return .basis }
            if bytesEqual(p, t, "match") { return .match }
            return .unknown
        case 6:
            if bytesEqual(p, t, "parent") { return .parent }
            if bytesEqual(p, t, "member") { return .member }
            if bytesEqual(p, t, "status") { return .status }
            if bytesEqual(p, t, "themes") { return .themes }
            if bytesEqual(p, t, "source") { return .source }
            if bytesEqual(p, t, "amends") { return .amends }
            return .unknown
        case 7: return bytesEqual(p, t, "country") ? .country : .unknown
        case 9: return bytesEqual(p, t, "countries") ? .countries : .unknown
        case 10: return bytesEqual(p, t, "population") ? .population : .unknown
        default: return .unknown
        }
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

    /// Reads the record in `tokens`: splits positional fields from attributes, checks the attribute names, and
    /// hands it to the reader of its kind. Returns nothing; problems are reported and the record left out.
    mutating func parseRecord(_ p: UnsafeBufferPointer<UInt8>, _ source: Source, _ si: Int32) {
        let head = tokens[0]
        guard head.kind == .word else {
            report(source, head.start, .expectedRecordKind(kinds: KBBuilder.recordKinds))
            return
        }
        var found: RecordKind? = nil
        var allowedMask: UInt32 = 0
        let headLength = head.end - head.start
        for (k, name) in RecordKind.heads.enumerated() where name.count == headLength {
            if name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p.baseAddress! + head.start, headLength) }) == 0 {
                found = RecordKind.allCases[k]
                allowedMask = RecordKind.masks[k]
                break
            }
        }
        guard let kind = found else {
            let word = text(p, head)
            let close = Similarity.closest(to: word, among: KBBuilder.recordKinds, count: 1).first
            report(source, head.start, .unknownRecordKind(word, suggestion: close, kinds: KBBuilder.recordKinds))
            return
        }
        // Positional fields: tokens up to the first `key=`.
        var positional = 1
        while positional < tokens.count {
            let t = tokens[positional]
            if t.kind == .equals || t.kind == .comma {
                report(source, t.start, t.kind == .equals ? .equalsWithoutName : .commaBeforeAttributes)
                return
            }
            if positional + 1 < tokens.count && tokens[positional + 1].kind == .equals { break }
            positional += 1
        }
        attributes.removeAll(keepingCapacity: true)
        var k = positional
        var ok = true
        var seen: UInt32 = 0
        while k < tokens.count {
            let keyTok = tokens[k]
            guard keyTok.kind == .word, k + 1 < tokens.count, tokens[k + 1].kind == .equals else {
                report(source, keyTok.start, .unexpectedAfterAttributes(foundToken(p, keyTok)))
                return
            }
            let eq = tokens[k + 1]
            k += 2
            guard k < tokens.count, tokens[k].kind == .word || tokens[k].kind == .string, tokens[k].start == eq.end else {
                let name = text(p, keyTok)
                report(source, k < tokens.count && tokens[k].start == eq.end ? tokens[k].start : eq.end,
                       .missingValue(key: name))
                return
            }
            let first = k
            var count = 1
            k += 1
            while k < tokens.count && tokens[k].kind == .comma {
                let comma = tokens[k]
                guard comma.start == tokens[k - 1].end else {
                    report(source, comma.start, .blankBeforeComma)
                    return
                }
                guard k + 1 < tokens.count, tokens[k + 1].kind == .word || tokens[k + 1].kind == .string,
                      tokens[k + 1].start == comma.end else {
                    report(source, comma.end, .missingListItem)
                    return
                }
                count += 1
                k += 2
            }
            if k < tokens.count && tokens[k].start == tokens[k - 1].end && tokens[k].kind != .equals {
                report(source, tokens[k].start, .attributesNotSeparated(foundToken(p, tokens[k])))
                return
            }
            let code = key(p, keyTok)
            if code == .unknown || allowedMask & code.bit == 0 {
                let name = text(p, keyTok)
                let known = kind.allowed.map(\.name)
                if problemLine.start == lineStart && problemLine.count >= KBBuilder.maxProblemsPerLine {
                    report(source, keyTok.start, .unknownAttribute(nil, record: kind.rawValue, suggestion: nil, allowed: []))
                    ok = false
                    attributes.append(Attribute(key: first - 2, code: code, first: first, count: count))
                    continue
                }
                let close = Similarity.closest(to: name, among: known, count: 1).first
                report(source, keyTok.start, .unknownAttribute(name, record: kind.rawValue, suggestion: close, allowed: known))
                ok = false
            } else if seen & code.bit != 0 {
                // Where the first one is, computed only while problems on this line are still shown.
                if problemLine.start != lineStart || problemLine.count < KBBuilder.maxProblemsPerLine {
                    // The first attribute of that name (no table per record: a repeat is rare).
                    let firstKey = attributes.first(where: { $0.code == code })!.key
                    let (l, c) = source.location(of: tokens[firstKey].start)
                    report(source, keyTok.start, .repeatedAttribute(code.name, line: l, column: c))
                } else {
                    report(source, keyTok.start, .repeatedAttribute(nil, line: 0, column: 0))
                }
                ok = false
            } else {
                seen |= code.bit
            }
            attributes.append(Attribute(key: k == 0 ? 0 : first - 2, code: code, first: first, count: count))
        }
        switch kind {
        case .partnership: parsePartnership(p, positional, ok, source, si)
        case .authority: parseAuthority(p, positional, ok, source, si)
        case .member: parseMember(p, positional, ok, source, si)
        case .country: parseCountry(p, positional, ok, source, si)
        case .group: parseGroup(p, positional, ok, source, si)
        }
    }

    /// A token as a problem quotes it.
    func foundToken(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> KBProblem.Found {
        switch t.kind {
        case .word: return .word(text(p, t))
        case .string: return .string(text(p, t))
        case .equals: return .equals
        case .comma: return .comma
        }
    }

    /// Checks the number of positional fields (tokens 1..<positional); reports what is missing or extra.
    mutating func checkPositional(_ p: UnsafeBufferPointer<UInt8>, _ positional: Int, _ kind: RecordKind, _ source: Source) -> Bool {
        let n = positional - 1
        if n == 2 { return true }
        let names = kind.positional
        if n < names.count {
            report(source, tokens[0].start, .missingPositional(field: names[n], record: kind.rawValue, fields: names))
            return false
        }
        if n > names.count {
            let extra = tokens[1 + names.count]
            report(source, extra.start, .extraPositional(foundToken(p, extra), record: kind.rawValue, fields: names))
            return false
        }
        return true
    }

    /// The single value of an attribute; a list is reported.
    mutating func single(_ a: Attribute, _ source: Source) -> KBToken? {
        if a.count != 1 {
            report(source, tokens[a.first + 1].start, .notAList(key: a.code.name))
            return nil
        }
        return tokens[a.first]
    }

    /// The value tokens of an attribute.
    func values(_ a: Attribute) -> [KBToken] {
        (0..<a.count).map { tokens[a.first + 2 * $0] }
    }

    mutating func wordValue(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ name: String, _ source: Source) -> Bool {
        if t.kind == .string {
            let s = text(p, t)
            if s.isEmpty || s.contains(where: { $0 == " " || $0 == "\t" }) {
                report(source, t.start, .notOneWord(field: name, foundToken(p, t)))
                return false
            }
        }
        return true
    }

    /// Whether `p[t]` is an id: letters, digits, `-`, `_`, `.`, starting with a letter or digit.
    mutating func idToken(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ what: KBProblem.Role, _ source: Source) -> Bool {
        if t.kind != .word {
            report(source, t.start, .idIsString(what))
            return false
        }
        var ascii = true
        var valid = true
        for k in t.start..<t.end {
            let b = p[k]
            if b >= 0x80 { ascii = false; break }
            let alnum = (b &- 0x30 < 10) || ((b | 0x20) &- 0x61 < 26)
            if !(alnum || (k > t.start && (b == 0x2D || b == 0x5F || b == 0x2E))) { valid = false; break }
        }
        if !ascii { valid = Lexicon.isID(text(p, t)) }
        if !valid {
            report(source, t.start, .malformedID(text(p, t)))
        }
        return valid
    }

    mutating func symbol(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> Int32 {
        var ascii = true
        for k in t.start..<t.end where p[k] >= 0x80 { ascii = false; break }
        let sym = ascii ? symbols.intern(p, t.start, t.end) : symbols.intern(text(p, t))
        if Int(sym) == definedAt.count { definedAt.append(KBBuilder.nowhere); leftOut.append(KBBuilder.nowhere) }
        return sym
    }

    /// The last id a reference attribute named, and its symbol: consecutive records mostly name the same
    /// country and parent, and comparing a few bytes costs less than a lookup.
    struct RecentReference {
        var base: UnsafePointer<UInt8>? = nil
        var start = 0
        var length = 0
        var symbol: Int32 = -1
    }
    var recentCountry = RecentReference()
    var recentParent = RecentReference()
    var recentEpci = [RecentReference](repeating: RecentReference(), count: 32)

    /// The symbol of an `epci` value. The communes of a département name a few dozen intercommunalités, so the
    /// last ones seen are kept in a small table indexed by the id's last two bytes (the end of the SIREN).
    mutating func recentEpciSymbol(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> Int32 {
        let n = t.end - t.start
        let slot = n >= 2 ? (Int(p[t.end - 1]) &+ 3 &* Int(p[t.end - 2])) & 31 : 0
        let recent = recentEpci[slot]
        if let base = recent.base, n == recent.length, memcmp(base + recent.start, p.baseAddress! + t.start, n) == 0 {
            return recent.symbol
        }
        let sym = symbol(p, t)
        recentEpci[slot] = RecentReference(base: p.baseAddress, start: t.start, length: n, symbol: sym)
        return sym
    }

    mutating func recentSymbol(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, parent: Bool) -> Int32 {
        let n = t.end - t.start
        let recent = parent ? recentParent : recentCountry
        if let base = recent.base, n == recent.length, memcmp(base + recent.start, p.baseAddress! + t.start, n) == 0 {
            return recent.symbol
        }
        let sym = symbol(p, t)
        let now = RecentReference(base: p.baseAddress, start: t.start, length: n, symbol: sym)
        if parent { recentParent = now } else { recentCountry = now }
        return sym
    }

    /// The length of an ASCII id token short enough to look up from its bytes later; 0 otherwise.
    func lookupLength(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken) -> Int {
        let n = t.end - t.start
        if n >= 0xFFFF { return 0 }
        for k in t.start..<t.end where p[k] >= 0x80 { return 0 }
        return n
    }

    mutating func year(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ name: String, _ source: Source) -> Int16? {
        if t.kind == .word && t.end - t.start == 4 {
            var v = 0
            var ok = true
            for k in t.start..<t.end { let d = p[k] &- 0x30; if d > 9 { ok = false; break }; v = v * 10 + Int(d) }
            if ok { return Int16(v) }
        }
        report(source, t.start, .malformedYear(foundToken(p, t), field: name))
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
                    report(source, t.start, .integerTooLarge(foundToken(p, t), field: name))
                    return nil
                }
                v = s
            }
            if ok { return v }
        }
        report(source, t.start, .malformedInteger(foundToken(p, t), field: name))
        return nil
    }

    /// Exact powers of ten for the fast coordinate path.
    static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    mutating func coordinate(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ name: String, _ limit: Double, _ source: Source) -> Double? {
        // Fast path: [-]digits[.digits], at most 15 digits in all; mantissa / 10^k is then exactly Double(text).
        // Longer digit runs wrap the mantissa (`&*`, `&+`) and are left to the slow path below: never a trap.
        if t.kind == .word {
            var k = t.start
            let negative = p[k] == 0x2D
            if negative || p[k] == 0x2B { k += 1 }
            var mantissa = 0, digits = 0, fraction = -1, fine = k < t.end
            while k < t.end {
                let c = p[k]
                if c &- 0x30 < 10 { mantissa = mantissa &* 10 &+ Int(c &- 0x30); digits += 1; if fraction >= 0 { fraction += 1 } }
                else if c == 0x2E && fraction < 0 { fraction = 0 }
                else { fine = false; break }
                k += 1
            }
            if fine && digits > 0 && digits <= 15 {
                var v = Double(mantissa) / KBBuilder.powersOfTen[max(fraction, 0)]
                if negative { v = -v }
                if abs(v) <= limit { return v }
            }
        }
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
        report(source, t.start, .malformedCoordinate(foundToken(p, t), field: name, limit: Int(limit)))
        return nil
    }

    /// Defines a symbol for a new element at `site`; reports a duplicate id, naming where the first one is.
    mutating func define(_ sym: Int32, _ ref: ElementRef, _ site: RefSite) -> Bool {
        let s = Int(sym)
        if symbols.definition[s] != nil || leftOut[s].source >= 0 {
            let before = diagnostics.count
            report(sources[Int(site.source)], Int(site.offset), duplicateProblem(sym, site))
            if diagnostics.count > before { duplicateReports.append((before, sym, site)) }
            return false
        }
        symbols.definition[s] = ref
        definedAt[s] = site
        return true
    }

    /// A duplicate id, naming the first definition known now (its kind, or nil for a record left out, and place).
    func duplicateProblem(_ sym: Int32, _ site: RefSite) -> KBProblem {
        let s = Int(sym)
        let first = definedAt[s].source >= 0 ? definedAt[s] : leftOut[s]
        return .duplicateID(idText(site), first: symbols.definition[s]?.kind, at: place(first))
    }

    /// Remembers an id whose record was left out, so references to it say so.
    mutating func markLeftOut(_ p: UnsafeBufferPointer<UInt8>, _ t: KBToken, _ si: Int32) {
        guard t.kind == .word, Lexicon.isID(text(p, t)) else { return }
        let sym = symbol(p, t)
        if symbols.definition[Int(sym)] == nil && leftOut[Int(sym)].source < 0 {
            leftOut[Int(sym)] = RefSite(source: si, offset: Int32(t.start))
        }
    }

    // country CODE "name" en= zone= aka=
    mutating func parseCountry(_ p: UnsafeBufferPointer<UInt8>, _ positional: Int, _ namesOK: Bool, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, positional, .country, source) && namesOK
        guard ok else { if positional > 1 { markLeftOut(p, tokens[1], si) }; return }
        let codeTok = tokens[1]
        if codeTok.kind != .word || codeTok.end - codeTok.start != 2 || !(p[codeTok.start] &- 0x41 < 26 && p[codeTok.start + 1] &- 0x41 < 26) {
            report(source, codeTok.start, .malformedCountryCode(foundToken(p, codeTok)))
            return
        }
        var c = Country(id: text(p, codeTok), name: text(p, tokens[2]), en: nil, zone: nil, aka: [], match: [])
        for a in attributes {
            switch a.code {
            case .en: guard let t = single(a, source) else { ok = false; continue }; c.en = text(p, t)
            case .zone: guard let t = single(a, source), wordValue(p, t, "zone", source) else { ok = false; continue }; c.zone = text(p, t)
            case .match: c.match = values(a).map { text(p, $0) }
            default: c.aka = values(a).map { text(p, $0) }
            }
        }
        guard ok else { markLeftOut(p, codeTok, si); return }
        let sym = symbol(p, codeTok)
        let site = RefSite(source: si, offset: Int32(codeTok.start))
        guard define(sym, ElementRef(.country, Int32(kb.countries.count)), site) else { return }
        kb.countries.append(c)
        pendingCountries.append(PendingCountry(symbol: sym))
    }

    // authority id "name" kind= country= parent= code= population= member= aka= lat= lon=
    mutating func parseAuthority(_ p: UnsafeBufferPointer<UInt8>, _ positional: Int, _ namesOK: Bool, _ source: Source, _ si: Int32) {
        let head = tokens[0]
        var ok = checkPositional(p, positional, .authority, source) && namesOK
        if ok { ok = idToken(p, tokens[1], .authorityID, source) }
        guard ok else { if positional > 1 { markLeftOut(p, tokens[1], si) }; return }
        let idTok = tokens[1]
        var a = Authority(id: text(p, idTok), name: text(p, tokens[2]))
        var countrySym: Int32 = -1, countryAt: Int32 = 0
        var parentSym: Int32 = -1, parentAt: Int32 = 0
        var epciAt: Int32 = 0
        for attr in attributes {
            if attr.code == .aka { a.aka = values(attr).map { text(p, $0) }; continue }
            if attr.code == .match { a.match = values(attr).map { text(p, $0) }; continue }
            guard let t = single(attr, source) else { ok = false; continue }
            switch attr.code {
            case .kind: if wordValue(p, t, "kind", source) { a.kind = word(p, t) } else { ok = false }
            case .country:
                if idToken(p, t, .country, source) { countrySym = recentSymbol(p, t, parent: false); countryAt = Int32(t.start) } else { ok = false }
            case .parent:
                if idToken(p, t, .parent, source) { parentSym = recentSymbol(p, t, parent: true); parentAt = Int32(t.start) } else { ok = false }
            case .epci:
                if idToken(p, t, .epci, source) { a.epciIndex = recentEpciSymbol(p, t); epciAt = Int32(t.start) } else { ok = false }
            case .code: a.code = text(p, t)
            case .population: if let v = integer(p, t, "population", source) { a.populationValue = v } else { ok = false }
            case .member:
                if bytesEqual(p, t, "yes") { a.memberValue = 1 } else if bytesEqual(p, t, "no") { a.memberValue = 0 }
                else { report(source, t.start, .malformedYesNo(foundToken(p, t), field: "member")); ok = false }
            case .lat: if let v = coordinate(p, t, "lat", 90, source) { a.latValue = v } else { ok = false }
            case .lon: if let v = coordinate(p, t, "lon", 180, source) { a.lonValue = v } else { ok = false }
            default: break
            }
        }
        if ok && a.kind < 0 {
            report(source, head.start, .noKind(id: a.id))
            ok = false
        }
        if ok && countrySym < 0 {
            report(source, head.start, .noCountry(id: a.id))
            ok = false
        }
        guard ok else { markLeftOut(p, idTok, si); return }
        let sym = symbol(p, idTok)
        let site = RefSite(source: si, offset: Int32(idTok.start))
        guard define(sym, ElementRef(.authority, Int32(kb.authorities.count)), site) else { return }
        kb.authorities.append(a)
        pendingAuthorities.append(PendingAuthority(symbol: sym, country: countrySym, parent: parentSym, site: site,
                                                   countrySite: countryAt, parentSite: parentAt, epciSite: epciAt))
    }

    // partnership a b since= until= status= kind= themes= note=
    mutating func parsePartnership(_ p: UnsafeBufferPointer<UInt8>, _ positional: Int, _ namesOK: Bool, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, positional, .partnership, source) && namesOK
        if ok { ok = idToken(p, tokens[1], .sideA, source) && idToken(p, tokens[2], .sideB, source) }
        guard ok else { return }
        let themesStart = kb.themePool.count
        var q = Partnership(themesStart: Int32(themesStart))
        var status: PartnershipStatus? = nil
        var untilAt = 0
        var note: String? = nil
        var provenance: String? = nil
        var amends = false
        for attr in attributes {
            if attr.code == .source {
                provenance = values(attr).map { text(p, $0) }.joined(separator: ",")
                continue
            }
            if attr.code == .themes {
                for k in 0..<attr.count {
                    let t = tokens[attr.first + 2 * k]
                    guard wordValue(p, t, "theme", source) else { ok = false; continue }
                    kb.themePool.append(word(p, t))
                }
                continue
            }
            guard let t = single(attr, source) else { ok = false; continue }
            switch attr.code {
            case .since: if let y = year(p, t, "since", source) { q.sinceYear = y } else { ok = false }
            case .until: if let y = year(p, t, "until", source) { q.untilYear = y; untilAt = t.start } else { ok = false }
            case .status:
                if bytesEqual(p, t, "active") { status = .active }
                else if bytesEqual(p, t, "dormant") { status = .dormant }
                else if bytesEqual(p, t, "ended") { status = .ended }
                else { report(source, t.start, .malformedStatus(foundToken(p, t))); ok = false }
            case .kind: if wordValue(p, t, "kind", source) { q.kindWord = word(p, t) } else { ok = false }
            case .note: note = text(p, t)
            case .amends:
                if bytesEqual(p, t, "yes") { amends = true }
                else if !bytesEqual(p, t, "no") { report(source, t.start, .malformedAmends(foundToken(p, t))); ok = false }
            default: break
            }
        }
        if ok && amends && status != nil {
            report(source, tokens[0].start, .amendsWithStatus)
            ok = false
        }
        if ok && q.sinceYear > 0 && q.untilYear > 0 && q.untilYear < q.sinceYear {
            report(source, untilAt, .untilBeforeSince(until: Int(q.untilYear), since: Int(q.sinceYear), amendment: false))
            ok = false
        }
        guard ok else { kb.themePool.removeLast(kb.themePool.count - themesStart); return }
        q.themesCount = Int32(kb.themePool.count - themesStart)
        q.status = status ?? (q.untilYear > 0 ? .ended : .active)
        if let note { q.noteIndex = Int32(kb.notes.count); kb.notes.append(note) }
        if let provenance { q.sourceIndex = Int32(kb.provenances.count); kb.provenances.append(provenance) }
        kb.partnerships.append(q)
        pendingPartnerships.append(PendingPartnership(
            site: RefSite(source: si, offset: Int32(tokens[1].start)), bOffset: Int32(tokens[2].start),
            sideLength: UInt32(lookupLength(p, tokens[1])) | UInt32(lookupLength(p, tokens[2])) << 16,
            head: Int32(tokens[0].start),
            flags: (amends ? PartnershipFlags.amends : 0) | (status != nil ? PartnershipFlags.statusGiven : 0)))
    }

    // group id "name" kind= countries= chair=
    mutating func parseGroup(_ p: UnsafeBufferPointer<UInt8>, _ positional: Int, _ namesOK: Bool, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, positional, .group, source) && namesOK
        if ok { ok = idToken(p, tokens[1], .groupID, source) }
        guard ok else { if positional > 1 { markLeftOut(p, tokens[1], si) }; return }
        let idTok = tokens[1]
        var g = Group(id: text(p, idTok), name: text(p, tokens[2]), kind: "country", countries: [], chairIndex: -1)
        var countries: [(Int32, Int32)] = []
        var chair: (Int32, Int32) = (-1, 0)
        for attr in attributes {
            if attr.code == .countries {
                for t in values(attr) {
                    if idToken(p, t, .countryCode, source) { countries.append((symbol(p, t), Int32(t.start))) } else { ok = false }
                }
                continue
            }
            guard let t = single(attr, source) else { ok = false; continue }
            switch attr.code {
            case .kind: if wordValue(p, t, "kind", source) { g.kind = text(p, t) } else { ok = false }
            case .chair: if idToken(p, t, .chair, source) { chair = (symbol(p, t), Int32(t.start)) } else { ok = false }
            default: break
            }
        }
        guard ok else { markLeftOut(p, idTok, si); return }
        let sym = symbol(p, idTok)
        let site = RefSite(source: si, offset: Int32(idTok.start))
        guard define(sym, ElementRef(.group, Int32(kb.groups.count)), site) else { return }
        kb.groups.append(g)
        pendingGroups.append(PendingGroup(symbol: sym, site: site, countries: countries, chair: chair))
    }

    // member group authority since= role=
    mutating func parseMember(_ p: UnsafeBufferPointer<UInt8>, _ positional: Int, _ namesOK: Bool, _ source: Source, _ si: Int32) {
        var ok = checkPositional(p, positional, .member, source) && namesOK
        if ok { ok = idToken(p, tokens[1], .group, source) && idToken(p, tokens[2], .memberAuthority, source) }
        guard ok else { return }
        var m = Membership(group: symbol(p, tokens[1]), authority: symbol(p, tokens[2]), sinceYear: 0, role: nil)
        for attr in attributes {
            guard let t = single(attr, source) else { ok = false; continue }
            switch attr.code {
            case .since: if let y = year(p, t, "since", source) { m.sinceYear = y } else { ok = false }
            case .role: if wordValue(p, t, "role", source) { m.role = text(p, t) } else { ok = false }
            case .basis:
                if bytesEqual(p, t, "stated") { m.basis = .stated } else if bytesEqual(p, t, "derived") { m.basis = .derived }
                else { report(source, t.start, .malformedBasis(foundToken(p, t))); ok = false }
            default: break
            }
        }
        guard ok else { return }
        kb.memberships.append(m)
        pendingMembers.append(PendingMember(groupSymbol: m.group, authoritySymbol: m.authority,
                                            site: RefSite(source: si, offset: Int32(tokens[1].start)),
                                            authorityOffset: Int32(tokens[2].start), head: Int32(tokens[0].start)))
    }
}
