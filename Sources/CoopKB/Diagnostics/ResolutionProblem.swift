/// What finding the element a REF names can go wrong with, and what it says beside a result (docs/names.md,
/// rules 6-11, 18 and 21): ambiguity, "nothing is called", the homonym note, a value of an id field that
/// names nothing, the hint after an empty answer. Each case carries its data (the REF as written, the
/// candidates as `Candidate` values, counts, keywords); `English+Resolution.swift` and
/// `French+Resolution.swift` word them.
public enum ResolutionProblem: Sendable, Equatable {
    /// A note: a REF matched an id, and other elements bear the same folded name. The REF as written, the
    /// element of the id, the others shown (at most five, ranked) and how many there are in all.
    case homonyms(ref: String, element: Candidate, others: [Candidate], total: Int)
    /// Several elements bear the REF's name: the candidates shown (at most ten, ranked), how many in all, and
    /// the kind prefix to advise (nil: only the id, when a prefix was given or would not tell them apart).
    case ambiguous(ref: WrittenRef, candidates: [Candidate], total: Int, prefix: ElementKind?)
    /// Nothing (of the kind wanted) is called so. `wanted`: the kind a condition's value must be (nil: any, or
    /// the REF's own prefix); `namesOther`: what the text names of another kind; `suggestions`: close names.
    case nothingCalled(ref: WrittenRef, wanted: WantedKind?, namesOther: Candidate?, suggestions: [Candidate])
    /// A REF with a kind prefix naming an element of another kind (`country:rennes`), with close names.
    case wrongKind(ref: WrittenRef, id: String, kind: ElementKind, asked: ElementKind, suggestions: [Candidate])
    /// `"NAME (PLACE)"` where no element called NAME lies in PLACE: those called NAME (at most ten), how many.
    case nothingLiesIn(name: String, place: String, candidates: [Candidate], total: Int)
    /// A hint after an empty answer on an authority with no partnership of its own (a région, a département,
    /// an intercommunalité): how many authorities lie in it, how many partnerships they have, and the question
    /// to ask on them (the term's keywords, and its depth for `neighbours of`).
    case noOwnPartnerships(authority: Candidate, inside: Int, partnerships: Int, term: [Keyword], depth: Int?)

    /// A REF as the user wrote it: its kind prefix, its text, whether it was quoted.
    public struct WrittenRef: Sendable, Equatable {
        public var prefix: ElementKind?
        public var text: String
        public var quoted: Bool
        public init(prefix: ElementKind?, text: String, quoted: Bool) {
            self.prefix = prefix
            self.text = text
            self.quoted = quoted
        }
    }

    /// What a condition's value must name: an element kind, or an authority of one `kind` word (region).
    public struct WantedKind: Sendable, Equatable {
        public var kind: ElementKind
        public var authorityKind: String?
        public init(kind: ElementKind, authorityKind: String?) {
            self.kind = kind
            self.authorityKind = authorityKind
        }
    }

    /// The name of each case, so that a test can walk them all.
    public enum Kind: String, CaseIterable, Sendable {
        case homonyms, ambiguous, nothingCalled, wrongKind, nothingLiesIn, noOwnPartnerships
    }

    /// The case's name.
    public var kind: Kind {
        switch self {
        case .homonyms: return .homonyms
        case .ambiguous: return .ambiguous
        case .nothingCalled: return .nothingCalled
        case .wrongKind: return .wrongKind
        case .nothingLiesIn: return .nothingLiesIn
        case .noOwnPartnerships: return .noOwnPartnerships
        }
    }

    /// Values of each case, with every variant of its data that a renderer words differently.
    public static func samples(_ kind: Kind) -> [ResolutionProblem] {
        let lagos = Candidate(id: "lagos-64", name: "Lagos", kind: .authority, authorityKind: "commune", place: "Pyrénées-Atlantiques", population: 462)
        let lagosNG = Candidate(id: "lagos-ng", name: "Lagos", kind: .authority, authorityKind: "municipality", place: "Nigeria", population: 15_388_000)
        let valence = Candidate(id: "valence-26", name: "Valence", kind: .authority, authorityKind: "commune", place: "Drôme", population: 64_483)
        let bretagne = Candidate(id: "FR-BRE", name: "Bretagne", kind: .authority, authorityKind: "region", place: "France", population: nil)
        let germany = Candidate(id: "DE", name: "Allemagne", kind: .country)
        let group = Candidate(id: "gp-mali", name: "Groupe pays Mali", kind: .group, countries: ["Mali"])
        let partnership = Candidate(id: "p1", name: "p1", kind: .partnership)
        let renes = WrittenRef(prefix: nil, text: "renes", quoted: false)
        switch kind {
        case .homonyms:
            return [.homonyms(ref: "Lagos", element: lagos, others: [lagosNG], total: 1),
                    .homonyms(ref: "Lagos", element: lagos, others: [lagosNG, lagosNG, lagosNG, lagosNG, lagosNG], total: 7)]
        case .ambiguous:
            return [.ambiguous(ref: WrittenRef(prefix: .authority, text: "valence", quoted: false), candidates: [valence, lagos], total: 2, prefix: nil),
                    .ambiguous(ref: WrittenRef(prefix: nil, text: "Valence", quoted: true), candidates: [valence, germany, group], total: 12, prefix: .authority)]
        case .nothingCalled:
            return [.nothingCalled(ref: renes, wanted: nil, namesOther: nil, suggestions: []),
                    .nothingCalled(ref: renes, wanted: nil, namesOther: nil, suggestions: [valence, germany, group]),
                    .nothingCalled(ref: WrittenRef(prefix: nil, text: "Allemange", quoted: false), wanted: WantedKind(kind: .country, authorityKind: nil),
                                   namesOther: nil, suggestions: [germany]),
                    .nothingCalled(ref: WrittenRef(prefix: nil, text: "rennes", quoted: false), wanted: WantedKind(kind: .authority, authorityKind: "region"),
                                   namesOther: valence, suggestions: [bretagne]),
                    .nothingCalled(ref: WrittenRef(prefix: nil, text: "bzh", quoted: true), wanted: WantedKind(kind: .group, authorityKind: nil),
                                   namesOther: germany, suggestions: [])]
                + [ElementKind.authority, .partnership].map { .nothingCalled(ref: renes, wanted: WantedKind(kind: $0, authorityKind: nil), namesOther: group, suggestions: [partnership]) }
        case .wrongKind:
            return [.wrongKind(ref: WrittenRef(prefix: .country, text: "rennes", quoted: false), id: "rennes", kind: .authority, asked: .country, suggestions: []),
                    .wrongKind(ref: WrittenRef(prefix: .group, text: "DE", quoted: true), id: "DE", kind: .country, asked: .group, suggestions: [group])]
        case .nothingLiesIn:
            return [.nothingLiesIn(name: "Saint-Denis", place: "95", candidates: [lagos], total: 1),
                    .nothingLiesIn(name: "Saint-Denis", place: "95", candidates: [lagos, lagosNG], total: 14)]
        case .noOwnPartnerships:
            return [.noOwnPartnerships(authority: bretagne, inside: 1_300, partnerships: 420, term: [.partnerships, .of], depth: nil),
                    .noOwnPartnerships(authority: bretagne, inside: 1, partnerships: 1, term: [.neighbours, .of], depth: 2)]
        }
    }
}

/// An element as a candidate of an ambiguity, a suggestion or a note: what tells it apart from its homonyms.
public struct Candidate: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: ElementKind
    /// For an authority: its `kind` word (commune, region, municipality).
    public var authorityKind: String?
    /// For an authority: the département (or nearest enclosing authority below the région), else its province,
    /// else its country's name.
    public var place: String?
    /// For an authority: its population, if known.
    public var population: Int?
    /// For a group: the names of the countries it works on.
    public var countries: [String]

    public init(id: String, name: String, kind: ElementKind, authorityKind: String? = nil, place: String? = nil,
                population: Int? = nil, countries: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.authorityKind = authorityKind
        self.place = place
        self.population = population
        self.countries = countries
    }
}
