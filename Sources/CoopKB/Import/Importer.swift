import Foundation

/// What became of one spreadsheet row.
enum ImportOutcome: String, CaseIterable {
    /// A partnership between two authorities of the KB, new.
    case new
    /// A new partnership with a partner the import created.
    case created
    /// The partnership is already in the KB.
    case existing
    /// The same pair as an earlier row.
    case duplicate
    /// A name that fits several authorities.
    case ambiguous
    /// A name that fits none (a French authority is never created).
    case unresolved
    /// A cell that cannot be read: a year that is not a year, an unknown country, …
    case invalid
    /// A row with no cells filled.
    case empty

    /// Whether a row with this outcome is a partnership in the KB after the import.
    var isPartnership: Bool { self == .new || self == .created || self == .existing || self == .duplicate }
}

/// One row's result: for the messages, the summary and `--report`.
struct ImportRowResult {
    let row: SheetRow
    let outcome: ImportOutcome
    /// Side a (the French authority) and side b, when resolved.
    var a: String = ""
    var b: String = ""
    /// Candidates (ambiguous) or suggestions (unresolved), as ids.
    var candidates: [String] = []
    /// The message shown for the row (none for plain successes).
    var message: Diagnostic? = nil
}

/// A record the import adds, with the row it comes from.
struct ImportedRecord {
    let line: Int
    let text: String
}

/// Why `.import` cannot run at all.
enum ImportFailure: Error {
    case usage(ImportProblem)
    case sheet(SheetFailure)
}

/// The options of one `.import`.
struct ImportOptions {
    var file = ""
    var out = ""
    var dryRun = false
    var report: String? = nil
    var sheet: String? = nil
    var map: [(String, ImportField)] = []
    var encoding: TextEncoding? = nil
}

/// Turns spreadsheet rows into partnerships of the KB: columns mapped, names resolved row by row, every
/// row given an outcome, the new records written as KB text.
struct Importer {
    let kb: KnowledgeBase
    let names: ImportNames
    let sheet: Sheet
    let columns: ColumnMap
    /// The name OUT.kb's records give as their source (the spreadsheet's file name).
    let sourceName: String
    /// Whether partnerships carry `source=` (the KB attribute for provenance).
    static let writesSource = true

    private let france: Int32
    private let communeWord: Int32
    /// Ids taken so far, by lower-cased id: the KB's and those created by this import.
    private var takenIds = Set<String>()
    /// Created partners by (folded name, country).
    private var createdPartners: [String: (id: String, index: Int)] = [:]
    /// Pairs imported so far (ids, lower-cased, in byte order) → the row that gave them.
    private var seenPairs: [String: Int] = [:]

    private(set) var results: [ImportRowResult] = []
    private(set) var authorities: [ImportedRecord] = []
    private(set) var partnerships: [ImportedRecord] = []
    /// Fields added to partnerships already in the KB (`amends=yes` records).
    private(set) var amendments: [ImportedRecord] = []
    /// Whether the loader reads `amends=yes` partnerships (which add missing fields to the one of the pair).
    static let writesAmendments = true

    init(kb: KnowledgeBase, names: ImportNames, sheet: Sheet, columns: ColumnMap) {
        self.kb = kb
        self.names = names
        self.sheet = sheet
        self.columns = columns
        self.sourceName = (sheet.file as NSString).lastPathComponent
        self.france = kb.element(id: "FR").map(\.index) ?? -1
        self.communeWord = Int32(kb.words.firstIndex(of: "commune") ?? -1)
    }

    // MARK: Rows

    /// Gives every row its outcome.
    mutating func run() {
        takenIds.reserveCapacity(kb.authorities.count)
        for a in kb.authorities { takenIds.insert(a.id.lowercased()) }
        for c in kb.countries { takenIds.insert(c.id.lowercased()) }
        for g in kb.groups { takenIds.insert(g.id.lowercased()) }
        for row in sheet.rows { results.append(importRow(row)) }
    }

    func fail(_ row: SheetRow, _ outcome: ImportOutcome, _ field: ImportField?, _ problem: ImportProblem, candidates: [String] = []) -> ImportRowResult {
        var r = ImportRowResult(row: row, outcome: outcome)
        r.candidates = candidates
        let cell = field.flatMap { columns.columns[$0] }
        r.message = sheet.diagnostic(row: row, cell: cell, severity: .error, problem)
        return r
    }

    mutating func importRow(_ row: SheetRow) -> ImportRowResult {
        if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            return ImportRowResult(row: row, outcome: .empty)
        }
        let name1 = columns.cell(.authority, row), name2 = columns.cell(.partner, row)
        guard let name1 else { return fail(row, .invalid, .authority, .noAuthority(column: columns.columns[.authority] == nil)) }
        guard let name2 else { return fail(row, .invalid, .partner, .noPartner) }

        // Countries: each side's, when given.
        var country1: Int32? = nil, country2: Int32? = nil
        if let t = columns.cell(.authorityCountry, row) {
            guard let c = names.country(t) else { return unknownCountry(row, .authorityCountry, t) }
            country1 = c
        }
        if let t = columns.cell(.country, row) {
            guard let c = names.country(t) else { return unknownCountry(row, .country, t) }
            country2 = c
        }
        // Which side is French: the one whose country is France; side 1 when no country says otherwise.
        var frenchName = name1, frenchField = ImportField.authority
        var partnerName = name2, partnerField = ImportField.partner, partnerCountry = country2, partnerCountryField = ImportField.country
        let bothFrench = country1 == france && country2 == france
        if country2 == france && country1 != france && country1 != nil {
            swap(&frenchName, &partnerName)
            swap(&frenchField, &partnerField)
            partnerCountry = country1
            partnerCountryField = .authorityCountry
        } else if let c1 = country1, c1 != france, country2 != france {
            return fail(row, .invalid, .authorityCountry, .neitherInFrance(kb.countries[Int(c1)].name, country2.map { kb.countries[Int($0)].name }))
        }
        // A hint for each side's name: the hint column for side 1; an overseas département named as a
        // country ("Réunion", "RE") for either side.
        let hint1 = columns.cell(.hint, row) ?? columns.cell(.authorityCountry, row).flatMap(Importer.overseasCode)
        let hint2 = columns.cell(.country, row).flatMap(Importer.overseasCode)
        let frenchHint = frenchField == .authority ? hint1 : hint2
        let partnerHint = partnerField == .authority ? hint1 : hint2

        // Homonyms: the one already a partner of an authority the partner's name fits, if exactly one is.
        let partnerIsFrench = bothFrench || partnerCountry == france
        func partnerCandidates() -> [Int32] {
            partnerIsFrench ? self.french(named: partnerName) : names.authorities(named: partnerName, in: partnerCountry).filter { kb.authorities[Int($0)].country != france }
        }
        let french: Int32
        switch resolveFrench(frenchName, hint: frenchHint) {
        case .one(let i): french = i
        case .many(let list):
            let linked = linked(list, to: partnerCandidates())
            guard linked.count == 1 else { return ambiguous(row, frenchField, frenchName, list) }
            french = linked[0]
        case .none(let close): return unresolvedFrench(row, frenchField, frenchName, close)
        case .contradicted(let list, let h): return contradicted(row, frenchField, frenchName, list, h)
        }

        // The partner: French too, found in its country, or created.
        var partner: Int32 = -1
        var createdId: String? = nil
        var pending: (key: String, kind: String, country: Int32)? = nil
        if partnerIsFrench {
            switch resolveFrench(partnerName, hint: partnerHint) {
            case .one(let i): partner = i
            case .many(let list):
                let linked = linked(list, to: [french])
                guard linked.count == 1 else { return ambiguous(row, partnerField, partnerName, list) }
                partner = linked[0]
            case .none(let close): return unresolvedFrench(row, partnerField, partnerName, close)
            case .contradicted(let list, let h): return contradicted(row, partnerField, partnerName, list, h)
            }
        } else {
            let found = names.authorities(named: partnerName, in: partnerCountry).filter { kb.authorities[Int($0)].country != france }
            if found.count == 1 {
                partner = found[0]
            } else if found.count > 1 {
                // Homonyms abroad: the one already a partner of the French side, if exactly one is.
                let linked = linked(found, to: [french])
                if linked.count == 1 { partner = linked[0] } else { return ambiguous(row, partnerField, partnerName, found) }
            } else if let c = partnerCountry {
                let key = Folding.fold(partnerName) + "\t" + String(c)
                if let made = createdPartners[key] {
                    createdId = made.id
                } else {
                    guard let kindWord = partnerKind(row) else {
                        return fail(row, .invalid, .partnerKind, .notAnAuthorityKind(columns.cell(.partnerKind, row) ?? ""))
                    }
                    // Created once the other cells are known to be good.
                    pending = (key, kindWord, c)
                }
            } else {
                let close = names.suggestions(for: partnerName, in: nil).filter { kb.authorities[Int($0)].country != france }
                return fail(row, .unresolved, partnerField, .noAuthorityAbroad(partnerName, candidates: close.map(candidate)), candidates: close.map { kb.authorities[Int($0)].id })
            }
        }
        let aId = kb.authorities[Int(french)].id
        if partner == french {
            return fail(row, .invalid, partnerField, .bothSidesSame(candidate(french)))
        }
        _ = partnerCountryField

        // The other cells.
        var attributes: [String] = []
        var since = 0, until = 0
        var statusWord: String? = nil, kindWord: String? = nil, themeList: [String] = [], noteText: String? = nil
        if let t = columns.cell(.since, row) {
            guard let y = Importer.year(t) else { return fail(row, .invalid, .since, .notAYear(t, until: false)) }
            since = y; attributes.append("since=\(y)")
        }
        if let t = columns.cell(.until, row) {
            guard let y = Importer.year(t) else { return fail(row, .invalid, .until, .notAYear(t, until: true)) }
            until = y
            if since > 0 && until < since { return fail(row, .invalid, .until, .endsBeforeStart(until: until, since: since)) }
            attributes.append("until=\(y)")
        }
        if let t = columns.cell(.status, row) {
            guard let s = Importer.status(t) else { return fail(row, .invalid, .status, .notAStatus(t)) }
            statusWord = s; attributes.append("status=\(s)")
        }
        if let t = columns.cell(.kind, row) {
            guard let k = Importer.partnershipKind(t) else { return fail(row, .invalid, .kind, .notAPartnershipKind(t)) }
            kindWord = k; attributes.append("kind=\(k)")
        }
        if let t = columns.cell(.themes, row) {
            let list = Importer.themes(t)
            themeList = list
            if !list.isEmpty { attributes.append("themes=" + list.joined(separator: ",")) }
        }
        if let t = columns.cell(.note, row) {
            let one = t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            noteText = one; attributes.append("note=" + KBText.string(one))
        }

        if let p = pending {
            let code = kb.countries[Int(p.country)].id
            let id = newId(partnerName, country: code)
            createdPartners[p.key] = (id, authorities.count)
            createdId = id
            authorities.append(ImportedRecord(line: row.line, text: "authority \(id) \(KBText.string(partnerName)) kind=\(p.kind) country=\(code)"))
        }
        let bId = createdId ?? kb.authorities[Int(partner)].id

        // Already there: in the KB, or given by an earlier row.
        let pairKey = [aId.lowercased(), bId.lowercased()].sorted().joined(separator: "\t")
        var result = ImportRowResult(row: row, outcome: .new, a: aId, b: bId)
        if let first = seenPairs[pairKey] {
            result = ImportRowResult(row: row, outcome: .duplicate, a: aId, b: bId)
            result.message = sheet.diagnostic(row: row, cell: columns.columns[partnerField], severity: .warning,
                                              .duplicatePair(a: aId, b: bId, line: first))
            return result
        }
        seenPairs[pairKey] = row.line
        let source = Importer.writesSource ? " source=" + KBText.word(sourceName + ":" + String(row.line)) : ""
        if partner >= 0, let existing = kb.partnerships(of: french).first(where: { kb.partner(in: $0, of: french) == partner }) {
            // Fields the KB lacks are added (an amendment record); none is overwritten.
            let q = kb.partnerships[Int(existing)]
            var adds: [String] = [], kept: [ImportProblem.Kept] = []
            func compare(_ key: String, _ mine: String?, _ theirs: String?) {
                guard let mine else { return }
                if let theirs { if theirs != mine { kept.append(ImportProblem.Kept(key: key, kb: theirs, row: mine)) } } else { adds.append("\(key)=\(mine)") }
            }
            compare("since", since > 0 ? String(since) : nil, q.since.map { String($0) })
            compare("until", until > 0 ? String(until) : nil, q.until.map { String($0) })
            compare("kind", kindWord, kb.kind(of: q))
            let theirThemes = kb.themes(of: q)
            compare("themes", themeList.isEmpty ? nil : themeList.joined(separator: ","), theirThemes.isEmpty ? nil : theirThemes.joined(separator: ","))
            compare("note", noteText.map(KBText.string), kb.note(of: q).map(KBText.string))
            if let st = statusWord, st != q.status.word { kept.append(ImportProblem.Kept(key: "status", kb: q.status.word, row: st)) }
            result = ImportRowResult(row: row, outcome: .existing, a: aId, b: bId)
            if !adds.isEmpty && Importer.writesAmendments {
                amendments.append(ImportedRecord(line: row.line, text: "partnership \(aId) \(bId) " + adds.joined(separator: " ") + " amends=yes" + source))
            }
            if !adds.isEmpty || !kept.isEmpty {
                result.message = sheet.diagnostic(row: row, cell: columns.columns[partnerField], severity: .warning,
                                                  .alreadyInKB(a: aId, b: bId, adds: adds, added: Importer.writesAmendments, kept: kept))
            }
            return result
        }
        partnerships.append(ImportedRecord(line: row.line, text: "partnership \(aId) \(bId)" + attributes.map { " " + $0 }.joined() + source))
        return ImportRowResult(row: row, outcome: createdId != nil ? .created : .new, a: aId, b: bId)
    }

    /// The candidates that have a partnership with one of `others`.
    func linked(_ candidates: [Int32], to others: [Int32]) -> [Int32] {
        if others.isEmpty { return [] }
        let set = Set(others)
        return candidates.filter { c in kb.partnerships(of: c).contains { set.contains(kb.partner(in: $0, of: c)) } }
    }

    func unknownCountry(_ row: SheetRow, _ field: ImportField, _ text: String) -> ImportRowResult {
        let close = names.countrySuggestions(text)
        let candidates = close.map { ImportProblem.CountryCandidate(id: kb.countries[Int($0)].id, name: kb.countries[Int($0)].name) }
        return fail(row, .invalid, field, .unknownCountry(text, candidates: candidates), candidates: close.map { kb.countries[Int($0)].id })
    }

    func ambiguous(_ row: SheetRow, _ field: ImportField, _ name: String, _ list: [Int32]) -> ImportRowResult {
        let sorted = list.sorted { TextOrder.bytesLess(kb.authorities[Int($0)].id, kb.authorities[Int($1)].id) }
        let problem = ImportProblem.ambiguous(name, candidates: sorted.prefix(8).map(candidate), count: sorted.count,
                                              french: kb.authorities[Int(sorted[0])].country == france)
        return fail(row, .ambiguous, field, problem, candidates: sorted.map { kb.authorities[Int($0)].id })
    }

    func contradicted(_ row: SheetRow, _ field: ImportField, _ name: String, _ list: [Int32], _ hint: String) -> ImportRowResult {
        return fail(row, .unresolved, field, .hintFitsNone(name, hint: hint, candidates: list.prefix(8).map(candidate), count: list.count),
                    candidates: list.map { kb.authorities[Int($0)].id })
    }

    func unresolvedFrench(_ row: SheetRow, _ field: ImportField, _ name: String, _ close: [Int32]) -> ImportRowResult {
        return fail(row, .unresolved, field, .noFrenchAuthority(name, candidates: close.map(candidate)), candidates: close.map { kb.authorities[Int($0)].id })
    }

    /// What tells homonyms apart: name, kind, parent, country (abroad), INSEE code (in France), population.
    func candidate(_ i: Int32) -> ImportProblem.Candidate {
        let a = kb.authorities[Int(i)]
        return ImportProblem.Candidate(id: a.id, name: a.name, kind: kb.words[Int(a.kind)], parent: a.parent.map { kb.name(of: $0) },
                                       country: a.country != france ? kb.countries[Int(a.country)].id : nil,
                                       insee: a.country == france ? a.code : nil, population: a.population)
    }

    // MARK: The French side

    enum Resolution { case one(Int32), many([Int32]), none([Int32]), contradicted([Int32], String) }

    /// A French authority from a name as people write it, narrowed by a hint column, then by "(93)" or
    /// ", Seine-Saint-Denis" in the name, then by population when one candidate is a town and the others hamlets.
    func resolveFrench(_ text: String, hint: String?) -> Resolution {
        var name = text
        var inline: String? = nil
        var candidates = french(named: name)
        if candidates.isEmpty, let (base, h) = Importer.splitHint(text) {
            name = base; inline = h
            candidates = french(named: base)
        }
        if candidates.isEmpty, let e = kb.element(id: text), e.kind == .authority, kb.authorities[Int(e.index)].country == france {
            return .one(e.index)
        }
        if candidates.isEmpty { return .none(names.suggestions(for: name, in: france)) }
        // A hint that fits none of the candidates is a contradiction, not something to ignore.
        for h in [hint, inline].compactMap({ $0 }) {
            let narrowed = narrow(candidates, by: h)
            if narrowed.isEmpty { return .contradicted(candidates, h) }
            candidates = narrowed
        }
        if candidates.count == 1 { return .one(candidates[0]) }
        // A commune is what a town name in a partnership list means (Paris: the commune, not the département).
        let communes = candidates.filter { kb.authorities[Int($0)].kind == communeWord }
        if communes.count == 1 { return .one(communes[0]) }
        if communes.count > 1 { candidates = communes }
        // One town among hamlets: the most populous has ten times the population of each other.
        let byPopulation = candidates.sorted { kb.authority($0).populationValue > kb.authority($1).populationValue }
        let first = kb.authority(byPopulation[0]).populationValue, second = max(0, kb.authority(byPopulation[1]).populationValue)
        if first > 0 && first >= 10 * max(second, 1) && first >= 2000 { return .one(byPopulation[0]) }
        return .many(candidates)
    }

    func french(named name: String) -> [Int32] {
        let found = names.authorities(named: name, in: france)
        if !found.isEmpty { return found }
        // "St Malo", "Ste. Maxime": the abbreviations English lists use.
        let words = Folding.fold(name).split(separator: " ")
        guard words.contains(where: { $0 == "st" || $0 == "ste" }) else { return [] }
        let long = words.map { $0 == "st" ? "saint" : $0 == "ste" ? "sainte" : String($0) }.joined(separator: " ")
        return names.authorities(named: long, in: france)
    }

    /// The candidates a hint fits: département code or name, INSEE code, postcode, région.
    func narrow(_ candidates: [Int32], by hint: String) -> [Int32] {
        let h = hint.trimmingCharacters(in: .whitespaces)
        let upper = h.uppercased()
        func departement(_ i: Int32) -> Int32 {
            var a = i
            var steps = 0
            while a >= 0 && steps < 8 {
                if kb.authorities[Int(a)].id.hasPrefix("FR-") && kb.words[Int(kb.authorities[Int(a)].kind)].hasPrefix("dep") { return a }
                a = kb.authority(a).parentIndex; steps += 1
            }
            return -1
        }
        func departementCode(_ i: Int32) -> String? {
            let d = departement(i)
            return d >= 0 ? kb.authorities[Int(d)].code ?? String(kb.authorities[Int(d)].id.dropFirst(3)) : nil
        }
        // INSEE code, exactly.
        let byCode = candidates.filter { kb.authorities[Int($0)].code?.uppercased() == upper }
        if !byCode.isEmpty { return byCode }
        // Postcode: five digits whose first two (three overseas, 2A/2B for Corsica) are the département.
        if upper.count == 5, upper.allSatisfy(\.isNumber) {
            var dep = String(upper.prefix(2))
            if dep == "97" { dep = String(upper.prefix(3)) }
            if dep == "20" { dep = upper.hasPrefix("200") || upper.hasPrefix("201") ? "2A" : "2B" }
            return candidates.filter { departementCode($0) == dep }
        }
        // Département code: 1 to 3 characters ("1", "01", "2A", "974").
        if upper.count <= 3, upper.first?.isNumber == true {
            let dep = upper.count == 1 ? "0" + upper : upper
            return candidates.filter { departementCode($0) == dep }
        }
        if upper.hasPrefix("FR-") { return candidates.filter { kb.isWithin($0, kb.element(id: upper)?.index ?? -2) } }
        // A département or région name.
        let folded = Folding.fold(h)
        let places = kb.elements(foldedName: folded).filter { $0.kind == .authority && kb.authorities[Int($0.index)].country == france }
        return candidates.filter { c in places.contains { $0.index != c && kb.isWithin(c, $0.index) } }
    }

    /// "Saint-Denis (93)" → ("Saint-Denis", "93"); "Saint-Denis, Seine-Saint-Denis" → ("Saint-Denis", "Seine-Saint-Denis").
    static func splitHint(_ text: String) -> (String, String)? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            let base = t[..<open].trimmingCharacters(in: .whitespaces)
            let hint = t[t.index(after: open)..<t.index(before: t.endIndex)].trimmingCharacters(in: .whitespaces)
            if !base.isEmpty && !hint.isEmpty { return (base, hint) }
        }
        if let comma = t.lastIndex(of: ",") {
            let base = t[..<comma].trimmingCharacters(in: .whitespaces)
            let hint = t[t.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if !base.isEmpty && !hint.isEmpty { return (base, hint) }
        }
        return nil
    }

    // MARK: Cells

    /// A year from "1988", "1988-05-12", "12/05/1988", "mai 1988", "1988.0" (a spreadsheet number).
    static func year(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 4, let y = Int(t), y >= 1000 { return y }
        if t.hasSuffix(".0"), t.count == 6, let y = Int(t.dropLast(2)), y >= 1000 { return y }
        // A date: digit groups separated by / - . or blanks, possibly a month name; exactly one group of four digits.
        let groups = t.split(whereSeparator: { "/-. ,".contains($0) })
        guard groups.count >= 2 && groups.count <= 4 else { return nil }
        let four = groups.filter { $0.count == 4 && $0.allSatisfy(\.isNumber) }
        guard four.count == 1, let y = Int(four[0]), y >= 1000 else { return nil }
        for g in groups where g != four[0] {
            if g.allSatisfy(\.isNumber) { if g.count > 2 { return nil }; continue }
            // A month name in French or English ("mai", "May", "sept", "janvier").
            if !Importer.months.contains(where: { Folding.fold(String(g)).hasPrefix($0) }) { return nil }
        }
        return y
    }

    /// Overseas départements named as a country → their département code.
    static let overseas: [String: String] = [
        "re": "974", "reunion": "974", "la reunion": "974", "ile de la reunion": "974", "reunion france": "974",
        "gp": "971", "guadeloupe": "971", "mq": "972", "martinique": "972", "gf": "973", "guyane": "973",
        "french guiana": "973", "guyane francaise": "973", "yt": "976", "mayotte": "976",
    ]

    /// The département code of an overseas département named as a country.
    static func overseasCode(_ text: String) -> String? {
        overseas[Folding.fold(text).split(whereSeparator: { $0 == " " || $0 == "," }).joined(separator: " ")]
    }

    static let months = ["jan", "fe", "mar", "av", "apr", "mai", "may", "juin", "jun", "juil", "jul", "ao", "aug", "sep", "oct", "nov", "dec"]

    static func status(_ text: String) -> String? {
        switch Folding.fold(text) {
        case "active", "actif", "en cours", "oui", "yes", "current", "vivant": return "active"
        case "dormant", "en sommeil", "inactif", "inactive", "sommeil", "suspendu", "suspended": return "dormant"
        case "ended", "termine", "terminee", "fini", "finie", "clos", "close", "closed", "rompu", "dissous", "ancien", "former", "non", "no": return "ended"
        default: return nil
        }
    }

    static let kinds: [String: String] = [
        "jumelage": "twinning", "jumelages": "twinning", "jumele": "twinning", "twinning": "twinning", "twin town": "twinning",
        "twin towns": "twinning", "sister city": "twinning", "sister cities": "twinning", "town twinning": "twinning",
        "cooperation": "cooperation", "cooperation decentralisee": "cooperation", "decentralised cooperation": "cooperation",
        "decentralized cooperation": "cooperation", "cooperation internationale": "cooperation",
        "amitie": "friendship", "pacte d amitie": "friendship", "accord d amitie": "friendship", "friendship": "friendship",
        "charte d amitie": "friendship", "partenariat": "partnership", "partnership": "partnership",
        "pacte de cooperation": "cooperation", "convention de cooperation": "cooperation", "echange": "exchange",
        "echanges": "exchange", "jumelage cooperation": "twinning",
    ]

    /// A partnership kind word from the spreadsheet's text (jumelage → twinning, …; another text as one word).
    static func partnershipKind(_ text: String) -> String? {
        let f = Folding.fold(text)
        if let k = kinds[f] { return k }
        if let k = kinds[f.split(separator: " ").first.map(String.init) ?? ""] { return k }
        let w = KBText.slug(text)
        return w.isEmpty ? nil : w
    }

    /// The kind of a created partner: the partner-kind column, else municipality.
    func partnerKind(_ row: SheetRow) -> String? {
        guard let t = columns.cell(.partnerKind, row) else { return "municipality" }
        let w = KBText.slug(t)
        let french = ["commune": "municipality", "ville": "municipality", "municipalite": "municipality", "region": "region",
                      "province": "province", "departement": "department", "district": "district", "comte": "county"]
        if let k = french[w] { return k }
        return w.isEmpty ? nil : w
    }

    static let themeWords: [String: String] = [
        "eau": "water", "sante": "health", "education": "education", "enseignement": "education", "culture": "culture",
        "agriculture": "agriculture", "jeunesse": "youth", "economie": "economy", "developpement economique": "economy",
        "environnement": "environment", "gouvernance": "governance", "gouvernance locale": "governance", "sport": "sport",
        "sports": "sport", "tourisme": "tourism", "patrimoine": "heritage", "energie": "energy", "assainissement": "sanitation",
        "formation": "training", "climat": "climate", "dechets": "waste", "urbanisme": "urban-planning", "social": "social",
        "solidarite": "solidarity", "numerique": "digital", "mobilite": "mobility", "transport": "transport",
        "transports": "transport", "securite alimentaire": "food-security", "alimentation": "food", "femmes": "women",
        "egalite": "equality", "emploi": "employment", "recherche": "research", "universite": "university",
    ]

    /// Themes from "eau, santé; éducation" → water, health, education.
    static func themes(_ text: String) -> [String] {
        var out: [String] = []
        for part in text.split(whereSeparator: { ",;/|\n".contains($0) }) {
            let f = Folding.fold(String(part))
            if f.isEmpty { continue }
            let w = themeWords[f] ?? KBText.slug(String(part))
            if !w.isEmpty && !out.contains(w) { out.append(w) }
        }
        return out
    }

    // MARK: Ids

    /// The KB's slug rule: the name's slug; taken, then suffixed with the country code; then -2, -3.
    mutating func newId(_ name: String, country: String) -> String {
        var base = KBText.slug(name)
        if base.isEmpty || !(base.first!.isLetter || base.first!.isNumber) { base = "place" }
        var id = base
        if takenIds.contains(id) {
            id = base + "-" + country.lowercased()
            if takenIds.contains(id) {
                let stem = id
                var n = 2
                while takenIds.contains("\(stem)-\(n)") { n += 1 }
                id = "\(stem)-\(n)"
            }
        }
        takenIds.insert(id)
        return id
    }
}

/// Writing values as KB text.
enum KBText {
    /// A double-quoted KB string (`\"` and `\\` escaped; line ends made blanks).
    static func string(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// A bare word when the text is one (no blank, quote, `=`, `,` or `#`), else a string.
    static func word(_ s: String) -> String {
        if !s.isEmpty && !s.contains(where: { $0.isWhitespace || "\"=,#".contains($0) }) { return s }
        return string(s)
    }

    /// The KB's ASCII slug: marks stripped (œ → oe, ß → ss, …), lower case, every run of other characters one `-`.
    static func slug(_ s: String) -> String {
        let extra: [Character: String] = ["œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l",
                                          "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "þ": "th"]
        var mapped = ""
        for ch in s { if let e = extra[ch] { mapped += e } else { mapped.append(ch) } }
        var out = ""
        var dash = false
        for scalar in mapped.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let v = scalar.value
            if (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) {
                if dash && !out.isEmpty { out.append("-") }
                dash = false
                out.unicodeScalars.append(Unicode.Scalar(v >= 0x41 && v <= 0x5A ? v | 0x20 : v)!)
            } else {
                dash = true
            }
        }
        return out
    }
}
