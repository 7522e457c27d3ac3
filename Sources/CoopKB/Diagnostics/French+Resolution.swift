/// REF resolution's problems, notes and hints told in French: English+Resolution.swift's twin, with the same
/// candidates (ids, names and places as the KB spells them; kinds and numbers in French).
extension FrenchMessages {
    public func text(_ p: ResolutionProblem) -> String {
        switch p {
        case .homonyms(let ref, let element, let others, let total):
            return "'\(ref)' est l'identifiant de \(describe(element)) ; \(total == 1 ? "un autre élément s'appelle" : "d'autres éléments s'appellent") aussi \"\(ref)\" : \(list(others, total)) ; écrivez l'un de ces identifiants pour en choisir un autre"
        case .ambiguous(let ref, let candidates, let total, let prefix):
            return "\(shown(ref)) est ambigu : \(list(candidates, total)) ; utilisez l'identifiant" + (prefix.map { ", ou un préfixe de sorte comme \($0.rawValue):" } ?? "")
        case .nothingCalled(let ref, let wanted, let other, let suggestions):
            return (wanted.map { "\(none($0)) ne s'appelle " } ?? "rien ne s'appelle ") + shown(ref)
                + (other.map { " ; '\($0.id)' est \($0.name) (\(details($0, named: false)))" } ?? "") + didYouMean(suggested(suggestions))
        case .wrongKind(let ref, let id, let kind, let asked, let suggestions):
            return "\(shown(ref)) : '\(id)' est \(article(kind)), pas \(article(asked))" + didYouMean(suggested(suggestions))
        case .nothingLiesIn(let name, let place, let candidates, let total):
            return "rien de ce qui s'appelle \"\(name)\" ne se trouve dans \(place) ; \"\(name)\" désigne \(list(candidates, total)) ; utilisez l'identifiant"
        case .noOwnPartnerships(let a, let inside, let partnerships, let term, let depth):
            let ask = phrase(term) + " (" + phrase([.authorities, .in]) + " " + a.id + ")" + (depth.map { " \(Keyword.depth.frenchText) \($0)" } ?? "")
            let those = inside == 1 ? "la collectivité qui s'y trouve en a" : "les \(Language.fr.grouped(inside)) collectivités qui s'y trouvent en ont"
            return "\(a.id) (\(a.name), \(kindWord(a.authorityKind ?? ""))) n'a pas de partenariat en propre ; \(those) \(Language.fr.grouped(partnerships)) : \(ask)"
        }
    }

    /// A REF as written.
    func shown(_ ref: ResolutionProblem.WrittenRef) -> String {
        (ref.prefix.map { "\($0.rawValue):" } ?? "") + (ref.quoted ? "\"\(ref.text)\"" : ref.text)
    }

    /// "aucun pays", "aucune région": nothing of the kind a condition's value must be.
    func none(_ wanted: ResolutionProblem.WantedKind) -> String {
        if let word = wanted.authorityKind { return (Self.feminineKinds.contains(word) ? "aucune " : "aucun ") + kindWord(word) }
        switch wanted.kind {
        case .authority: return "aucune collectivité"
        case .country: return "aucun pays"
        case .group: return "aucun groupe"
        case .partnership: return "aucun partenariat"
        }
    }

    /// The kind words of the KB that are feminine in French.
    static let feminineKinds: Set<String> = ["commune", "region", "municipality", "intercommunalite", "collectivite", "city", "prefecture"]

    /// A `kind` word of the KB in French (commune, département, région, municipalité); others as written.
    func kindWord(_ word: String) -> String {
        switch word {
        case "departement": return "département"
        case "region": return "région"
        case "intercommunalite": return "intercommunalité"
        case "collectivite": return "collectivité"
        case "municipality": return "municipalité"
        case "county": return "comté"
        case "city": return "ville"
        case "prefecture": return "préfecture"
        default: return word
        }
    }

    /// "valence-26 (commune, Drôme, 64 483)".
    func describe(_ c: Candidate) -> String { "\(c.id) (\(details(c)))" }

    /// "a (…), b (…) et 3 autres".
    func list(_ shown: [Candidate], _ total: Int) -> String {
        shown.map(describe).joined(separator: ", ") + (total > shown.count ? " et \(Language.fr.grouped(total - shown.count)) autres" : "")
    }

    /// "'rennes' (Rennes, commune, Ille-et-Vilaine, 225 081)".
    func suggested(_ list: [Candidate]) -> [String] { list.map { "'\($0.id)' (\($0.name), \(details($0, named: false)))" } }

    /// What tells a candidate apart, in French.
    func details(_ c: Candidate, named: Bool = true) -> String {
        switch c.kind {
        case .authority:
            return ([kindWord(c.authorityKind ?? ""), c.place ?? ""] + (c.population.map { [Language.fr.grouped($0)] } ?? [])).joined(separator: ", ")
        case .country: return (named ? [Keyword.countries.frenchText, c.name] : [Keyword.countries.frenchText]).joined(separator: ", ")  // pays: the same word
        case .group: return ((named ? ["groupe", c.name] : ["groupe"]) + c.countries).joined(separator: ", ")
        case .partnership: return "partenariat"
        }
    }
}
