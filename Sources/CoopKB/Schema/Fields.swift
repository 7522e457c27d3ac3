/// The field schema: one table per kind of row. Each entry gives a field's name (and its other names), its
/// type, whether it is a default column and where, how it is read from the model, the values completion
/// offers for it, and a line of help. The evaluator, comparisons, `count by`, the renderers, `.fields`,
/// completion and `show` all read these tables; adding a field is one entry here (see docs/architecture.md).

/// What a field holds. The type decides how values compare, how `count by` keys them, how a table aligns
/// them and what JSON type they get.
public enum FieldType: Sendable, Equatable {
    /// The id of an element of a kind: compared without regard to case, sorted in byte order.
    case id(ElementKind)
    /// Text (names, words, codes): compared after folding.
    case text
    /// A whole number.
    case integer
    /// A decimal number.
    case decimal
    /// A four-digit year.
    case year
    /// `yes` or `no`.
    case yesNo
    /// A list of ids of a kind.
    case ids(ElementKind)
    /// A list of words or names.
    case words

    /// Whether values are numbers: a comparison needs a number, a table aligns them right.
    public var isNumeric: Bool {
        switch self { case .integer, .decimal, .year: return true; default: return false }
    }

    /// Whether values are lists (each item counts under `count by`; `=` holds when one item is equal).
    public var isList: Bool {
        switch self { case .ids, .words: return true; default: return false }
    }

    /// Whether values (or list items) compare as ids rather than as folded text.
    public var comparesAsID: Bool {
        switch self { case .id, .ids: return true; default: return false }
    }

    /// The type of one item of a list, or the type itself.
    public var itemType: FieldType {
        switch self {
        case .ids(let k): return .id(k)
        case .words: return .text
        default: return self
        }
    }

    /// How a table aligns the field's cells.
    public var alignment: Alignment { isNumeric ? .right : .left }

    /// The JSON type of the field's values (a missing value is `null` whatever the type).
    public var json: JSONType { isNumeric ? .number : (isList ? .array : .string) }
}

/// How a table aligns a column.
public enum Alignment: Sendable { case left, right }

/// The JSON type of a column.
public enum JSONType: Sendable { case string, number, array }

/// Reads one field of a row.
typealias Accessor = (Row) -> Value

/// One field of one kind of row.
public struct Field: Sendable {
    /// The name written in queries and shown as a column header.
    public let name: String
    /// Other names accepted for it (`theme` for `themes`; later, names in another language).
    public let aliases: [String]
    /// What it holds.
    public let type: FieldType
    /// Its place among the default columns, or nil when it is shown only when selected.
    public let defaultPosition: Int?
    /// One line for help and `.fields`.
    public let summary: String
    /// The values completion offers after `field =` (nil: the KB's ids and names).
    let values: (@Sendable (KnowledgeBase) -> [String])?
    /// Reads the field from a row.
    let read: @Sendable (KnowledgeBase, Row) -> Value
    /// For an authority field: reads it from an authority index (so `a.F`, `b.F` and neighbour rows reuse it).
    let readAuthority: (@Sendable (KnowledgeBase, Int32) -> Value)?
    /// Whether it is `a.F` / `b.F` made from an authority field (listed as `a.FIELD, b.FIELD`).
    let isSideField: Bool
    /// Whether `show` lists it among the fields (false when `show` gives it in detail below, or when it is a
    /// measure over the whole graph, asked for by name).
    let inShow: Bool
    /// Whether it is a measure over the whole partnership graph, computed before a stage uses it
    /// (Graph/Measures.swift).
    public let isGraphMeasure: Bool

    init(_ name: String, _ type: FieldType, aliases: [String] = [], default position: Int? = nil, _ summary: String,
         values: (@Sendable (KnowledgeBase) -> [String])? = nil,
         read: @escaping @Sendable (KnowledgeBase, Row) -> Value,
         readAuthority: (@Sendable (KnowledgeBase, Int32) -> Value)? = nil, isSideField: Bool = false, inShow: Bool = true,
         isGraphMeasure: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.type = type
        self.defaultPosition = position
        self.summary = summary
        self.values = values
        self.read = read
        self.readAuthority = readAuthority
        self.isSideField = isSideField
        self.inShow = inShow
        self.isGraphMeasure = isGraphMeasure
    }

    /// A field of authorities, read from the row's authority.
    static func authority(_ name: String, _ type: FieldType, aliases: [String] = [], default position: Int? = nil, _ summary: String,
                          values: (@Sendable (KnowledgeBase) -> [String])? = nil, inShow: Bool = true, graphMeasure: Bool = false,
                          _ get: @escaping @Sendable (KnowledgeBase, Int32) -> Value) -> Field {
        Field(name, type, aliases: aliases, default: position, summary, values: values,
              read: { kb, row in row.authority.map { get(kb, $0) } ?? .missing }, readAuthority: get,
              inShow: inShow && !graphMeasure, isGraphMeasure: graphMeasure)
    }

    /// A field of countries.
    static func country(_ name: String, _ type: FieldType, default position: Int? = nil, _ summary: String,
                        values: (@Sendable (KnowledgeBase) -> [String])? = nil,
                        _ get: @escaping @Sendable (KnowledgeBase, Int32) -> Value) -> Field {
        Field(name, type, default: position, summary, values: values,
              read: { kb, row in if case .country(let c) = row { return get(kb, c) }; return .missing })
    }

    /// A field of groups.
    static func group(_ name: String, _ type: FieldType, default position: Int? = nil, _ summary: String,
                      values: (@Sendable (KnowledgeBase) -> [String])? = nil,
                      _ get: @escaping @Sendable (KnowledgeBase, Int32) -> Value) -> Field {
        Field(name, type, default: position, summary, values: values,
              read: { kb, row in row.group.map { get(kb, $0) } ?? .missing })
    }

    /// A field of partnerships, read from the partnership as shown (its sides turned when the row is flipped).
    static func partnership(_ name: String, _ type: FieldType, aliases: [String] = [], default position: Int? = nil, _ summary: String,
                            values: (@Sendable (KnowledgeBase) -> [String])? = nil,
                            _ get: @escaping @Sendable (KnowledgeBase, PartnershipSides) -> Value) -> Field {
        Field(name, type, aliases: aliases, default: position, summary, values: values,
              read: { kb, row in PartnershipSides(kb, row).map { get(kb, $0) } ?? .missing })
    }

    /// A field computed by the term that made the rows (distance, step, shared, …).
    static func row(_ name: String, _ type: FieldType, default position: Int? = nil, _ summary: String,
                    _ get: @escaping @Sendable (KnowledgeBase, Row) -> Value) -> Field {
        Field(name, type, default: position, summary, read: get)
    }

    /// The same field at another default position (nil: not a default column).
    func placed(at position: Int?) -> Field {
        Field(name, type, aliases: aliases, default: position, summary, values: values, read: read,
              readAuthority: readAuthority, isSideField: isSideField, inShow: inShow, isGraphMeasure: isGraphMeasure)
    }

    /// `a.F` or `b.F`: this authority field of one side of a partnership.
    func side(_ a: Bool) -> Field? {
        guard let get = readAuthority else { return nil }
        return Field((a ? "a." : "b.") + name, type, aliases: aliases.map { (a ? "a." : "b.") + $0 }, summary, values: values,
                     read: { kb, row in PartnershipSides(kb, row).map { get(kb, a ? $0.a : $0.b) } ?? .missing },
                     isSideField: true, isGraphMeasure: isGraphMeasure)
    }
}

/// A partnership as a row shows it: its record, and its sides in the row's order.
struct PartnershipSides {
    let record: Partnership
    let a: Int32
    let b: Int32

    init?(_ kb: KnowledgeBase, _ row: Row) {
        guard case .partnership(let i, let flipped) = row else { return nil }
        record = kb.partnership(i)
        (a, b) = flipped ? (record.b, record.a) : (record.a, record.b)
    }
}

/// The fields of one kind of row, by name.
public struct RowSchema: Sendable {
    /// The kind of rows.
    public let kind: RowKind
    /// Every field, in the order `.fields` and completion list them.
    public let fields: [Field]
    /// Field index by name and alias (French names included).
    private let index: [String: Int]
    /// Field index by French name (`nom`, `pays`, `a.pays`, `jusqu'à`).
    private let french: [String: Int]
    /// The default columns, in their order.
    public let defaultColumns: [String]

    init(_ kind: RowKind, _ fields: [Field]) {
        self.kind = kind
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() {
            for n in [f.name] + f.aliases where index[n] == nil { index[n] = i }
        }
        var french: [String: Int] = [:]
        for (i, f) in fields.enumerated() {
            let side = f.isSideField || f.name.hasPrefix("a.") || f.name.hasPrefix("b.") ? String(f.name.prefix(2)) : ""
            for n in Schema.frenchNames[Schema.baseName(f.name)] ?? [] where index[side + n] == nil && french[side + n] == nil {
                french[side + n] = i
            }
        }
        self.index = index.merging(french) { a, _ in a }
        self.french = french
        defaultColumns = fields.filter { $0.defaultPosition != nil }.sorted { $0.defaultPosition! < $1.defaultPosition! }.map(\.name)
    }

    /// The field a name (or alias) stands for.
    public func field(_ name: String) -> Field? { index[name].map { fields[$0] } }

    /// The column a field name gives: the field's id for a French name (`select nom` gives a `name` column, so
    /// that French and English queries write the same bytes), the name as written otherwise.
    public func column(_ name: String) -> String { french[name].map { fields[$0].name } ?? name }

    /// The French names of the kind's own fields, for completion in French.
    public var frenchNames: [String] {
        french.filter { !fields[$0.value].isSideField && !$0.key.hasPrefix("a.") && !$0.key.hasPrefix("b.") }.map(\.key).sorted()
    }

    /// The French name a column header shows under `.headers fr` (the field id when French has none).
    public func frenchHeader(_ column: String) -> String {
        let side = column.hasPrefix("a.") || column.hasPrefix("b.") ? String(column.prefix(2)) : ""
        return (Schema.frenchNames[Schema.baseName(column)]?.first).map { side + $0 } ?? column
    }

    /// The fields of the kind itself (no aliases, no `a.F`/`b.F`).
    public var ownNames: [String] { fields.filter { !$0.isSideField }.map(\.name) }

    /// Every name a query may use here, for completion: own names, aliases, then side fields.
    public var allNames: [String] {
        let own = fields.filter { !$0.isSideField }
        return own.map(\.name) + own.flatMap(\.aliases) + fields.filter(\.isSideField).map(\.name)
    }

    /// The names `.fields` lists: own names and aliases, with `a.FIELD, b.FIELD` for side fields.
    public var listing: [String] {
        let own = fields.filter { !$0.isSideField }
        return own.map(\.name) + own.flatMap(\.aliases) + (hasSideFields ? ["a.FIELD", "b.FIELD"] : [])
    }

    /// Whether the rows have `a.F` / `b.F` fields.
    public var hasSideFields: Bool { fields.contains { $0.isSideField } }

    /// The accessor of a field, bound to a KB.
    func accessor(_ name: String, _ kb: KnowledgeBase) -> Accessor? {
        guard let f = field(name) else { return nil }
        if let get = f.readAuthority, !f.isSideField {
            return { [unowned kb] row in row.authority.map { get(kb, $0) } ?? .missing }
        }
        let read = f.read
        return { [unowned kb] row in read(kb, row) }
    }
}

/// A column of computed rows (`count`, `show`): its name and type.
public struct ValueColumn: Sendable, Equatable {
    public var name: String
    public var type: FieldType
    public init(_ name: String, _ type: FieldType) { self.name = name; self.type = type }
}

/// The tables.
public enum Schema {
    /// The French names of fields, by field id, for every kind of row that has the field (the first is the one
    /// `.headers fr` shows). A side field gets them with its side: `a.pays`. Accents are optional.
    public static let frenchNames: [String: [String]] = [
        "name": ["nom"], "kind": ["genre", "type"], "country": ["pays"], "member": ["membre"], "aka": ["alias"],
        "lat": ["latitude"], "lon": ["longitude"], "region": ["région"], "degree": ["degré", "degre"], "groups": ["groupes"],
        "betweenness": ["intermédiarité", "intermediarite"], "closeness": ["proximité", "proximite"], "component": ["composante"],
        "basis": ["fondement"], "en": ["anglais"], "authorities": ["collectivités", "collectivites"],
        "partnerships": ["partenariats"], "since": ["depuis"], "status": ["statut"], "themes": ["thèmes", "thème", "theme"],
        "until": ["jusqu'à", "jusqu'a", "jusqu’à", "jusqu’a"], "members": ["membres"], "derived": ["dérivés", "derives"],
        "stated": ["déclarés", "declares"], "countries": ["pays"], "chair": ["présidence", "presidence", "président", "president"],
        "shared": ["partagés", "partages"], "step": ["étape", "etape"], "link": ["lien"], "count": ["nombre"],
        "size": ["taille"], "largest": ["plus_peuplée", "plus_peuplee"], "largest_name": ["nom_plus_peuplée", "nom_plus_peuplee"],
        "hub": ["pivot"], "hub_degree": ["degré_pivot", "degre_pivot"], "field": ["champ"], "value": ["valeur"],
    ]


    /// authority: **id**, **name**, **kind**, **country**, parent, code, population, member, aka, lat, lon, region, degree, groups.
    public static let authorityFields: [Field] = [
        .authority("id", .id(.authority), default: 0, "the authority's id") { kb, a in .id(kb.id(of: a)) },
        .authority("name", .text, default: 1, "its name") { kb, a in .text(kb.name(of: a)) },
        .authority("kind", .text, default: 2, "commune, departement, region, municipality, …", values: { $0.words.sorted() }) { kb, a in
            .text(kb.word(kb.authority(a).kind)) },
        .authority("country", .id(.country), default: 3, "its country's code") { kb, a in
            .id(kb.country(kb.authority(a).country).id) },
        .authority("parent", .id(.authority), "the authority it is part of") { kb, a in
            kb.parent(of: a).map { .id(kb.id(of: $0)) } ?? .missing },
        .authority("epci", .id(.authority), "the intercommunality (EPCI) a commune belongs to") { kb, a in
            kb.authority(a).epci.map { .id(kb.id(of: $0)) } ?? .missing },
        .authority("code", .text, "INSEE, ISO 3166-2, … code") { kb, a in kb.authority(a).code.map(Value.text) ?? .missing },
        .authority("population", .integer, "population") { kb, a in
            kb.authority(a).population.map(Value.int) ?? .missing },
        .authority("member", .yesNo, "member of the federation: yes or no", values: { _ in ["yes", "no"] }) { kb, a in
            kb.authority(a).member.map { .text($0 ? "yes" : "no") } ?? .missing },
        .authority("aka", .words, "other names") { kb, a in .list(kb.authority(a).aka) },
        .authority("lat", .decimal, "latitude, decimal degrees") { kb, a in
            kb.authority(a).lat.map(Value.double) ?? .missing },
        .authority("lon", .decimal, "longitude, decimal degrees") { kb, a in
            kb.authority(a).lon.map(Value.double) ?? .missing },
        .authority("region", .id(.authority), "nearest of itself and its ancestors whose kind is region") { kb, a in
            kb.region(of: a).map { .id(kb.id(of: $0)) } ?? .missing },
        .authority("degree", .integer, "number of partnerships") { kb, a in .int(kb.partnershipsByAuthority.count(a)) },
        .authority("groups", .ids(.group), "the groups it is a member of", inShow: false) { kb, a in
            .list(kb.groups(of: a).map { kb.group($0).id }.sorted(by: TextOrder.bytesLess)) },
        // The evaluator computes the measures first (interruptible, with a positioned refusal); see Graph/Measures.swift.
        .authority("betweenness", .decimal, "how often it lies on shortest chains between others", graphMeasure: true) { kb, a in
            guard let m = try? kb.measures() else { return .missing }
            return .double(m.betweenness[Int(a)]) },
        .authority("closeness", .decimal, "how near it is to every authority it can reach", graphMeasure: true) { kb, a in
            guard let m = try? kb.measures(), let c = m.closeness else { return .missing }
            return .double(c[Int(a)]) },
        .authority("component", .integer, "the number of its connected component (components)", graphMeasure: true) { kb, a in
            guard let c = try? kb.componentsOnly() else { return .missing }
            return .int(Int(c.component[Int(a)])) },
    ]

    /// `basis` of a `members of` or `groups of` row: whether the membership it stands for is stated or derived.
    static let basisField = Field.row("basis", .text, "stated or derived: the membership the row stands for") { _, row in
        row.basis.map { .text($0.word) } ?? .missing
    }

    /// country: **id**, **name**, en, zone, aka, authorities, partnerships.
    public static let countryFields: [Field] = [
        .country("id", .id(.country), default: 0, "ISO 3166-1 alpha-2 code") { kb, c in .id(kb.country(c).id) },
        .country("name", .text, default: 1, "French name") { kb, c in .text(kb.country(c).name) },
        .country("en", .text, "English name") { kb, c in kb.country(c).en.map(Value.text) ?? .missing },
        .country("zone", .text, "zone of the world", values: { kb in Array(Set(kb.countries.compactMap(\.zone))).sorted() }) { kb, c in
            kb.country(c).zone.map(Value.text) ?? .missing },
        .country("aka", .words, "other names") { kb, c in .list(kb.country(c).aka) },
        .country("authorities", .integer, "number of its authorities") { kb, c in .int(kb.authoritiesByCountry.count(c)) },
        .country("partnerships", .integer, "number of partnerships with a side in it") { kb, c in .int(Int(kb.partnershipCountByCountry[Int(c)])) },
    ]

    /// partnership: **a**, **b**, **a.country**, **b.country**, **since**, **status**, **themes**, until, kind, note, then a.F and b.F.
    public static let partnershipFields: [Field] = {
        let own: [Field] = [
            .partnership("a", .id(.authority), default: 0, "side a") { kb, p in .id(kb.id(of: p.a)) },
            .partnership("b", .id(.authority), default: 1, "side b") { kb, p in .id(kb.id(of: p.b)) },
            .partnership("a.country", .id(.country), default: 2, "side a's country") { kb, p in
                .id(kb.country(kb.authority(p.a).country).id) },
            .partnership("b.country", .id(.country), default: 3, "side b's country") { kb, p in
                .id(kb.country(kb.authority(p.b).country).id) },
            .partnership("since", .year, default: 4, "year it began") { _, p in p.record.since.map(Value.int) ?? .missing },
            .partnership("status", .text, default: 5, "active, dormant or ended", values: { _ in PartnershipStatus.words }) { _, p in
                .text(p.record.status.word) },
            .partnership("themes", .words, aliases: ["theme"], default: 6, "themes", values: { $0.words.sorted() }) { kb, p in
                .list(kb.themes(of: p.record)) },
            .partnership("until", .year, "year it ended") { _, p in p.record.until.map(Value.int) ?? .missing },
            .partnership("kind", .text, "twinning, cooperation, friendship, …", values: { $0.words.sorted() }) { kb, p in
                kb.kind(of: p.record).map(Value.text) ?? .missing },
            .partnership("note", .text, "a note") { kb, p in kb.note(of: p.record).map(Value.text) ?? .missing },
            .partnership("source", .text, "where the partnership comes from") { kb, p in
                kb.source(of: p.record).map(Value.text) ?? .missing },
        ]
        let names = Set(own.map(\.name))
        let sides = [true, false].flatMap { a in authorityFields.compactMap { $0.side(a) }.filter { !names.contains($0.name) } }
        return own + sides
    }()

    /// group: **id**, **name**, **members**, kind, countries, chair.
    public static let groupFields: [Field] = [
        .group("id", .id(.group), default: 0, "the group's id") { kb, g in .id(kb.group(g).id) },
        .group("name", .text, default: 1, "its name") { kb, g in .text(kb.group(g).name) },
        .group("members", .integer, default: 2, "number of members") { kb, g in .int(kb.membershipsByGroup.count(g)) },
        .group("derived", .integer, "number of memberships derived by a rule") { kb, g in .int(kb.membershipCount(group: g, basis: .derived)) },
        .group("stated", .integer, "number of memberships a source states") { kb, g in .int(kb.membershipCount(group: g, basis: .stated)) },
        .group("kind", .text, "country, …", values: { kb in Array(Set(kb.groups.map(\.kind))).sorted() }) { kb, g in .text(kb.group(g).kind) },
        .group("countries", .ids(.country), "its focus countries") { kb, g in .list(kb.group(g).countries.map { kb.country($0).id }) },
        .group("chair", .id(.authority), "the authority that chairs it") { kb, g in
            kb.group(g).chair.map { .id(kb.id(of: $0)) } ?? .missing },
    ]

    /// neighbours row: the authority's fields (its default columns first), then **distance**.
    public static let neighbourFields: [Field] = authorityFields + [
        .row("distance", .integer, default: 4, "partnership steps from the start") { _, row in
            if case .neighbour(_, let d) = row { return .int(Int(d)) }; return .missing },
    ]

    /// similar row: the authority's fields, then **shared** and **jaccard**.
    public static let similarFields: [Field] = authorityFields + [
        .row("shared", .integer, default: 4, "partners shared with the REF") { _, row in
            if case .similar(_, let s, _) = row { return .int(Int(s)) }; return .missing },
        .row("jaccard", .decimal, default: 5, "Jaccard similarity of the two partner sets") { _, row in
            if case .similar(_, _, let j) = row { return .double(j) }; return .missing },
    ]

    /// path row: **step**, **id**, **name**, **country**, **link**, then the authority's other fields.
    public static let stepFields: [Field] = {
        let places = ["id": 1, "name": 2, "country": 3]
        return [
            .row("step", .integer, default: 0, "0 for the start") { _, row in
                if case .step(let s, _, _) = row { return .int(Int(s)) }; return .missing },
            .row("link", .text, default: 4, "how the step was reached: partnership or group:ID") { kb, row in
                guard case .step(_, _, let l) = row else { return .missing }
                guard let g = StepLink.group(l) else { return l == -2 ? .text("partnership") : .missing }
                return .text("group:" + kb.group(g).id)
            },
            .row("basis", .text, "through a group: stated or derived membership") { _, row in
                guard case .step(_, _, let l) = row, StepLink.group(l) != nil else { return .missing }
                return .text(StepLink.isDerived(l) ? MembershipBasis.derived.word : MembershipBasis.stated.word)
            },
        ] + authorityFields.map { $0.placed(at: places[$0.name]) }
    }()

    public static let authority = RowSchema(.authority, authorityFields + [basisField])
    public static let country = RowSchema(.country, countryFields)
    public static let partnership = RowSchema(.partnership, partnershipFields)
    public static let group = RowSchema(.group, groupFields + [basisField])
    public static let neighbour = RowSchema(.neighbour, neighbourFields)
    public static let similar = RowSchema(.similar, similarFields)
    public static let step = RowSchema(.step, stepFields)

    /// The kinds of rows `.fields` describes, in its order, with the word it shows for each.
    public static let described: [(RowKind, String)] = [(.authority, "authority"), (.country, "country"), (.partnership, "partnership"),
                                                        (.group, "group"), (.neighbour, "neighbour"), (.similar, Keyword.similar.text), (.step, Keyword.path.text)]

    /// The kind of rows a word names in `.fields KIND`: its word above, the kind's own name, or the term that
    /// gives such rows (`authorities`, `neighbours`, `path`, …).
    static func rowKind(named word: String) -> RowKind? {
        let key = word.lowercased()
        if let d = described.first(where: { $0.1 == key }) { return d.0 }
        if let k = RowKind(rawValue: key), k != .table { return k }
        if key == "neighbor" { return .neighbour }
        return Keyword(word: key).flatMap(rowKind(of:))
    }

    /// The kind of rows a term starting with this keyword gives.
    static func rowKind(of term: Keyword) -> RowKind? {
        switch term {
        case .authorities, .partners, .members: return .authority
        case .countries: return .country
        case .partnerships: return .partnership
        case .groups: return .group
        case .neighbours: return .neighbour
        case .similar: return .similar
        case .path: return .step
        default: return nil
        }
    }

    /// A field's name without its side (`a.population` → `population`).
    static func baseName(_ name: String) -> String {
        name.hasPrefix("a.") || name.hasPrefix("b.") ? String(name.dropFirst(2)) : name
    }

    /// The schema of computed rows from their columns.
    static func table(_ columns: [ValueColumn]) -> RowSchema {
        RowSchema(.table, columns.enumerated().map { i, c in
            .row(c.name, c.type, default: i, "") { _, row in if case .values(let v) = row, i < v.count { return v[i] }; return .missing }
        })
    }

    /// The columns of `components` rows.
    static let componentColumns = ["component", "size", "partnerships", "largest", "largest_name", "hub", "hub_degree"]

    /// The name of the column `count` writes.
    static let countName = "count"

    /// The columns of a count row: the field counted (its item type), then `count`.
    static func countColumns(by field: Field?, named name: String) -> [ValueColumn] {
        (field.map { [ValueColumn(name, $0.type.itemType)] } ?? []) + [ValueColumn(countName, .integer)]
    }

    /// The schema of a kind of row (computed rows have theirs in their result).
    public static func of(_ kind: RowKind) -> RowSchema {
        switch kind {
        case .authority: return authority
        case .country: return country
        case .partnership: return partnership
        case .group: return group
        case .neighbour: return neighbour
        case .similar: return similar
        case .step: return step
        case .table: return table([])
        }
    }

    /// The schema of a result's rows.
    public static func of(_ r: ResultSet) -> RowSchema {
        r.kind == .table ? table(r.valueFields) : of(r.kind)
    }

    /// A field by name for a kind of row, or, when that kind does not know it, the first base kind that does
    /// (completion guesses the kind of rows from what is typed so far).
    static func anyField(_ name: String, preferring kind: RowKind?) -> Field? {
        if let kind, let f = of(kind).field(name) { return f }
        for s in [authority, country, partnership, group, neighbour, similar, step] { if let f = s.field(name) { return f } }
        return nil
    }
}
