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
}

/// A local or regional government, French or foreign.
public struct Authority: Sendable {
    public var id: String
    public var name: String
    /// Index into `KnowledgeBase.words`.
    public var kind: Int32
    /// Index into `KnowledgeBase.countries`.
    public var country: Int32
    /// Index into `KnowledgeBase.authorities`, or -1.
    public var parent: Int32
    public var code: String?
    /// -1 when missing.
    public var population: Int
    /// -1 missing, 0 no, 1 yes.
    public var member: Int8
    public var aka: [String]
    /// NaN when missing.
    public var lat: Double
    /// NaN when missing.
    public var lon: Double
    /// Index into `KnowledgeBase.authorities` of the intercommunalité it belongs to, or -1.
    public var epci: Int32 = -1
}

/// The status of a partnership.
public enum PartnershipStatus: UInt8, Sendable {
    case active, dormant, ended
    /// The words written in KB files and shown, in case order.
    static let words = ["active", "dormant", "ended"]
    var word: String { PartnershipStatus.words[Int(rawValue)] }
}

/// A partnership between two authorities, as written (side a, side b).
public struct Partnership: Sendable {
    public var a: Int32
    public var b: Int32
    /// 0 when missing.
    public var since: Int16
    /// 0 when missing.
    public var until: Int16
    public var status: PartnershipStatus
    /// Index into `KnowledgeBase.words`, or -1.
    public var kind: Int32
    /// First theme in `KnowledgeBase.themePool`.
    public var themesStart: Int32
    public var themesCount: Int32
    /// Index into `KnowledgeBase.notes`, or -1.
    public var note: Int32
    /// Index into `KnowledgeBase.provenances` (where the partnership comes from), or -1.
    public var source: Int32 = -1
}

/// A group of authorities, such as a country-group.
public struct Group: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    /// Indexes into `KnowledgeBase.countries`.
    public var countries: [Int32]
    /// Index into `KnowledgeBase.authorities`, or -1.
    public var chair: Int32
}

/// The membership of an authority in a group.
public struct Membership: Sendable {
    public var group: Int32
    public var authority: Int32
    /// 0 when missing.
    public var since: Int16
    public var role: String?
    /// Whether a source states the membership or a rule derived it (`basis=`; stated when not written).
    public var basis: MembershipBasis = .stated
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
