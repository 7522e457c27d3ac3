/// REF resolution's problems, notes and hints told in English (ResolutionProblem.swift has the cases).
extension English {
    public func text(_ p: ResolutionProblem) -> String {
        switch p {
        case .homonyms(let ref, let element, let others, let total):
            return "'\(ref)' is the id of \(describe(element)); also called \"\(ref)\": \(list(others, total)); write one of these ids to choose another"
        case .ambiguous(let ref, let candidates, let total, let prefix):
            return "\(shown(ref)) is ambiguous: \(list(candidates, total)); use the id" + (prefix.map { ", or a kind prefix like \($0.rawValue):" } ?? "")
        case .nothingCalled(let ref, let wanted, let other, let suggestions):
            return (wanted.map { "no \(label($0)) is called " } ?? "nothing is called ") + shown(ref)
                + (other.map { "; '\($0.id)' is \($0.name) (\(details($0, named: false)))" } ?? "") + didYouMean(suggested(suggestions))
        case .wrongKind(let ref, let id, let kind, let asked, let suggestions):
            return "\(shown(ref)): '\(id)' is \(article(kind)), not \(article(asked))" + didYouMean(suggested(suggestions))
        case .nothingLiesIn(let name, let place, let candidates, let total):
            return "nothing called \"\(name)\" lies in \(place); \"\(name)\" is \(list(candidates, total)); use the id"
        case .noOwnPartnerships(let a, let inside, let partnerships, let term, let depth):
            let ask = term.phrase + " (" + [Keyword.authorities, .in].phrase + " " + a.id + ")" + (depth.map { " \(Keyword.depth.text) \($0)" } ?? "")
            return "\(a.id) (\(a.name), \(a.authorityKind ?? a.kind.rawValue)) has no partnership of its own; " + (inside == 1 ? "the authority in it has" : "the \(Session.grouped(inside)) authorities in it have") + " \(Session.grouped(partnerships)): \(ask)"
        }
    }

    /// A REF as written: `authority:valence`, `"Saint Etienne"`.
    func shown(_ ref: ResolutionProblem.WrittenRef) -> String {
        (ref.prefix.map { "\($0.rawValue):" } ?? "") + (ref.quoted ? "\"\(ref.text)\"" : ref.text)
    }

    /// What a condition's value must be: "country", "région".
    func label(_ wanted: ResolutionProblem.WantedKind) -> String {
        guard let word = wanted.authorityKind else { return wanted.kind.rawValue }
        return word == "region" ? "région" : word
    }

    /// "valence-26 (commune, Drôme, 64,483)".
    func describe(_ c: Candidate) -> String { "\(c.id) (\(details(c)))" }

    /// "a (…), b (…) and 3 more".
    func list(_ shown: [Candidate], _ total: Int) -> String {
        shown.map(describe).joined(separator: ", ") + (total > shown.count ? " and \(total - shown.count) more" : "")
    }

    /// "'rennes' (Rennes, commune, Ille-et-Vilaine, 225,081)": a suggestion, quoted as it is typed.
    func suggested(_ list: [Candidate]) -> [String] { list.map { "'\($0.id)' (\($0.name), \(details($0, named: false)))" } }

    /// What tells a candidate apart: its kind, where it lies, its population (with its name when `named`, for
    /// the kinds whose id does not say it).
    func details(_ c: Candidate, named: Bool = true) -> String {
        switch c.kind {
        case .authority: return ([c.authorityKind ?? "", c.place ?? ""] + (c.population.map { [Session.grouped($0)] } ?? [])).joined(separator: ", ")
        case .country: return named ? "country, \(c.name)" : "country"
        case .group: return ((named ? ["group", c.name] : ["group"]) + c.countries).joined(separator: ", ")
        case .partnership: return "partnership"
        }
    }
}
