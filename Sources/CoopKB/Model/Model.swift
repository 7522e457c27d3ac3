/// The kinds of things a KB holds. Ids share one namespace across them.
public enum ElementKind: String, Sendable, CaseIterable {
    case country, authority, partnership, group
}

/// A reference to one element of the KB: its kind and its index in that kind's array.
public struct ElementRef: Hashable, Sendable {
    public let kind: ElementKind
    public let index: Int32
    public init(_ kind: ElementKind, _ index: Int32) { self.kind = kind; self.index = index }
}

/// A country: ISO 3166-1 alpha-2 code, French name, English name, zone.
public struct Country: Sendable {
    public var id: String
    public var name: String
    public var en: String?
    public var zone: String?
    public var aka: [String]
    /// Match-only names (ISO alpha-3 code, the nations of the UK, …): they find the country, never shown.
    public var match: [String]
}

/// An authority's position in `KnowledgeBase.authorities`.
public typealias AuthorityIndex = Int32
/// A country's position in `KnowledgeBase.countries`.
public typealias CountryIndex = Int32
/// A partnership's position in `KnowledgeBase.partnerships`.
public typealias PartnershipIndex = Int32
/// A group's position in `KnowledgeBase.groups`.
public typealias GroupIndex = Int32
/// A word's position in `KnowledgeBase.words` (kinds and themes).
public typealias WordIndex = Int32

/// A local or regional government, French or foreign.
///
/// What may be missing is read as an optional (`parent`, `population`, `member`, `lat`, `lon`, `epci`); the
/// stored forms (`-1`, NaN) are the loader's and stay inside the model.
public struct Authority: Sendable {
    public var id: String
    public var name: String
    /// Index into `KnowledgeBase.words`.
    public var kind: WordIndex
    /// Index into `KnowledgeBase.countries`.
    public var country: CountryIndex
    /// Stored parent, -1 when none (read `parent`).
    var parentIndex: Int32
    public var code: String?
    /// Stored population, -1 when missing (read `population`).
    var populationValue: Int
    /// Stored member flag: -1 missing, 0 no, 1 yes (read `member`).
    var memberValue: Int8
    public var aka: [String]
    /// Stored coordinates, NaN when missing (read `lat`, `lon`).
    var latValue: Double
    var lonValue: Double
    /// Stored intercommunalité, -1 when none (read `epci`); a symbol while loading.
    var epciIndex: Int32 = -1
    /// Match-only names (exonyms, other spellings): they find the authority as a REF, never shown.
    public var match: [String] = []

    init(id: String, name: String) {
        self.id = id; self.name = name
        kind = -1; country = -1; parentIndex = -1; code = nil; populationValue = -1; memberValue = -1; aka = []
        latValue = .nan; lonValue = .nan
    }

    /// The authority it lies in, if any.
    @inline(__always) public var parent: AuthorityIndex? { parentIndex >= 0 ? parentIndex : nil }
    /// The intercommunalité it belongs to, if any.
    @inline(__always) public var epci: AuthorityIndex? { epciIndex >= 0 ? epciIndex : nil }
    @inline(__always) public var population: Int? { populationValue >= 0 ? populationValue : nil }
    /// Whether it is a member of Cités Unies France (`member=`), if known.
    @inline(__always) public var member: Bool? { memberValue < 0 ? nil : memberValue == 1 }
    @inline(__always) public var lat: Double? { latValue.isNaN ? nil : latValue }
    @inline(__always) public var lon: Double? { lonValue.isNaN ? nil : lonValue }
    /// Its coordinates when both are known.
    @inline(__always) public var position: (lat: Double, lon: Double)? {
        latValue.isNaN || lonValue.isNaN ? nil : (latValue, lonValue)
    }
}

/// The status of a partnership.
public enum PartnershipStatus: UInt8, Sendable {
    case active, dormant, ended
    /// The words written in KB files and shown, in case order.
    static let words = ["active", "dormant", "ended"]
    var word: String { PartnershipStatus.words[Int(rawValue)] }
}

/// A partnership between two authorities, as written (side a, side b).
///
/// What may be missing is read as an optional (`since`, `until`, `kind`, and through the model `note(of:)`,
/// `source(of:)`); the stored forms (0, -1) are the loader's.
public struct Partnership: Sendable {
    public var a: AuthorityIndex
    public var b: AuthorityIndex
    /// Stored years, 0 when missing (read `since`, `until`).
    var sinceYear: Int16
    var untilYear: Int16
    public var status: PartnershipStatus
    /// Stored kind, an index into `KnowledgeBase.words` or -1 (read `kind`).
    var kindWord: Int32
    /// First theme in `KnowledgeBase.themePool`.
    var themesStart: Int32
    var themesCount: Int32
    /// Index into `KnowledgeBase.notes`, or -1 (read `KnowledgeBase.note(of:)`).
    var noteIndex: Int32
    /// Index into `KnowledgeBase.provenances` (where the partnership comes from), or -1 (read `KnowledgeBase.source(of:)`).
    var sourceIndex: Int32 = -1

    init(themesStart: Int32) {
        a = -1; b = -1; sinceYear = 0; untilYear = 0; status = .active; kindWord = -1
        self.themesStart = themesStart; themesCount = 0; noteIndex = -1
    }

    @inline(__always) public var since: Int? { sinceYear > 0 ? Int(sinceYear) : nil }
    @inline(__always) public var until: Int? { untilYear > 0 ? Int(untilYear) : nil }
    /// Index into `KnowledgeBase.words`, if a kind is given.
    @inline(__always) public var kind: WordIndex? { kindWord >= 0 ? kindWord : nil }
}

/// A group of authorities, such as a country-group.
public struct Group: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    /// Indexes into `KnowledgeBase.countries`.
    public var countries: [CountryIndex]
    /// Stored chair, -1 when none (read `chair`).
    var chairIndex: Int32

    /// The authority that chairs it, if any.
    @inline(__always) public var chair: AuthorityIndex? { chairIndex >= 0 ? chairIndex : nil }
}

/// The membership of an authority in a group.
public struct Membership: Sendable {
    public var group: GroupIndex
    public var authority: AuthorityIndex
    /// Stored year, 0 when missing (read `since`).
    var sinceYear: Int16
    public var role: String?
    /// Whether a source states the membership or a rule derived it (`basis=`; stated when not written).
    public var basis: MembershipBasis = .stated

    @inline(__always) public var since: Int? { sinceYear > 0 ? Int(sinceYear) : nil }
}

/// How a membership is known: stated by a source, or derived by a rule.
public enum MembershipBasis: UInt8, Sendable {
    case stated, derived
    public var word: String { self == .stated ? "stated" : "derived" }
}

/// Compressed sparse rows: for each key, a slice of a flat array of values.
public struct Adjacency: Sendable {
    var offsets: [Int32]
    var values: [Int32]

    /// Builds the rows from (key, value) pairs given by `pairs`, keys in 0..<count, values kept in the given order.
    init(count: Int, pairCount: Int, pairs: (_ emit: (Int32, Int32) -> Void) -> Void) {
        var counts = [Int32](repeating: 0, count: count + 1)
        pairs { key, _ in counts[Int(key) + 1] += 1 }
        for i in 0..<count { counts[i + 1] += counts[i] }
        var fill = counts
        var values = [Int32](repeating: 0, count: Int(counts[count]))
        pairs { key, value in
            let k = Int(key)
            values[Int(fill[k])] = value
            fill[k] += 1
        }
        self.offsets = counts
        self.values = values
    }

    /// The values of one key.
    @inline(__always)
    subscript(_ key: Int32) -> ArraySlice<Int32> {
        values[Int(offsets[Int(key)])..<Int(offsets[Int(key) + 1])]
    }

    @inline(__always)
    func count(_ key: Int32) -> Int { Int(offsets[Int(key) + 1] - offsets[Int(key)]) }
}

extension ElementKind {
    /// "an authority", "a country".
    public var withArticle: String { self == .authority ? "an authority" : "a \(rawValue)" }
}
