import Foundation

/// What coopkb says in French: the banner, the help topics (each with an example in French that runs on the
/// shipped KB) and the dot-commands' help lines. Keywords and fields are named once, in Query/Keywords.swift
/// and Schema/Fields.swift; messages are rendered in Diagnostics/Messages.swift.
public enum French {
    /// The shell's banner: the KB's counts with French grouping (`40 958`), its load time and problems.
    public static func banner(_ r: LoadReport) -> String {
        let kb = r.kb, fr = Language.fr
        var parts = [fr.count(kb.countries.count, Keyword.countries.frenchText, Keyword.countries.frenchText), fr.count(kb.authorities.count, "collectivité", Keyword.authorities.frenchText),
                     fr.count(kb.partnerships.count, "partenariat", Keyword.partnerships.frenchText), fr.count(kb.groups.count, "groupe", Keyword.groups.frenchText),
                     fr.count(kb.memberships.count, "adhésion", "adhésions")]
        let derived = kb.membershipCount(basis: .derived)
        if derived > 0 {
            parts[parts.count - 1] += " (\(fr.count(kb.memberships.count - derived, "déclarée", "déclarées")), \(fr.count(derived, "dérivée", "dérivées")))"
        }
        var banner = "coopkb — " + parts.joined(separator: ", ") + String(format: " (chargée en %.0f ms)", r.seconds * 1000)
        if !r.diagnostics.isEmpty {
            banner += "\nla base a \(fr.count(r.problemCount, "problème", "problèmes")) : les enregistrements en cause ont été écartés ; .check les liste"
        }
        return banner + "\n.help pour l'aide, Tab complète, Ctrl-C arrête une requête, Ctrl-D quitte\n"
    }

    /// The help topics in French, keyed as the English ones (`Keyword.x.text`, a dot-command's name).
    static var topics: [String: String] { languageTopics.merging(DotCommand.frenchDetails) { a, _ in a } }

    /// The French topics of the language (the dot-commands' are in Session/Commands.swift).
    static let languageTopics: [String: String] = [
        Keyword.authorities.text: "collectivités [dans REF]\n  Toutes les collectivités, ou celles situées dans un pays (ses collectivités) ou dans une\n  collectivité (ses descendantes par parent, elle exclue).\n  exemple : collectivités dans FR-BRE | compter par genre",
        Keyword.countries.text: "pays\n  Tous les pays.\n  exemple : pays | où zone = africa | limite 5",
        Keyword.groups.text: "groupes [de ENSEMBLE]\n  Tous les groupes, ou ceux qui ont un membre dans ENSEMBLE.\n  exemple : groupes de rennes",
        Keyword.partnerships.text: "partenariats [de ENSEMBLE | entre ENSEMBLE et ENSEMBLE]\n  Tous les partenariats tels qu'écrits ; ceux qui ont un côté dans ENSEMBLE, tournés pour que a y\n  soit ; ou ceux entre deux ensembles, tournés pour que a soit dans le premier.\n  exemple : partenariats de FR | compter par b.pays | limite 5",
        Keyword.partners.text: "partenaires de ENSEMBLE\n  Les collectivités qui ont un partenariat avec une collectivité de ENSEMBLE.\n  exemple : partenaires de rennes",
        Keyword.members.text: "membres de GROUPES\n  Les membres d'un groupe, ou d'un ensemble de groupes.\n  exemple : membres de gp-mali | limite 5",
        Keyword.neighbours.text: "voisins de ENSEMBLE [profondeur N]\n  Les collectivités à 1 à N pas de partenariat de ENSEMBLE (1 par défaut), ENSEMBLE exclu, avec\n  leur distance.\n  exemple : voisins de strasbourg profondeur 2 | où pays != FR | compter par pays | limite 5",
        Keyword.path.text: "chemin de REF à REF [via groupes]\n  Une plus courte chaîne de partenariats entre deux collectivités ; via groupes permet aussi un pas\n  entre deux membres d'un même groupe. Entre chaînes aussi courtes, la plus petite suite d'ids\n  l'emporte. Pas de chaîne : aucune ligne.\n  exemple : chemin de brest à bandiagara-cercle via groupes",
        Keyword.similar.text: "semblables à REF [limite N]\n  Les collectivités qui partagent des partenaires avec REF, les plus de partenaires partagés\n  d'abord, puis par similarité de Jaccard (champs shared et jaccard), puis par nom.\n  exemple : semblables à marseille limite 5",
        Keyword.components.text: "composantes\n  Les composantes connexes du graphe des partenariats, la plus grande d'abord : taille,\n  partenariats, le membre le plus peuplé (largest) et le plus relié (hub). Les champs\n  betweenness, closeness et component classent intermédiaires et relais (.measures).\n  exemple : composantes | où taille > 1 | limite 5",
        Keyword.brief.text: "fiche REF   (brief)\n  Une page avant une mission, sur un pays, une collectivité ou un groupe : partenaires, groupes,\n  les plus reliés, thèmes et années. En Markdown avec .mode markdown.\n  exemple : fiche ML",
        "sets": "TERME union|inter|sauf TERME   (union, intersect, except)\n  Opérations d'ensembles, de gauche à droite, sur deux résultats d'une même sorte.\n  exemple : partenaires de marseille inter partenaires de nice",
        Keyword.`where`.text: "où COND   (aussi ou, en début d'étape)\n  Garde les lignes où COND est vraie. COND : champ op valeur (= != < <= > >= ~), champ dans (v, …),\n  [a|b] dans REF, combinées par non, et, ou et des parenthèses. ~ : « contient, au pliage près ».\n  Une valeur manquante n'est jamais égale, inférieure ni supérieure à rien.\n  exemple : collectivités dans FR-35 | où population > 20000 et genre = commune",
        Keyword.sort.text: "trier par CHAMP [croissant|décroissant] {, CHAMP [croissant|décroissant]}\n  Ordonne les lignes ; les valeurs manquantes en dernier.\n  exemple : partenaires de rennes | trier par population décroissant | limite 3",
        Keyword.limit.text: "limite N\n  Garde les N premières lignes.\n  exemple : pays | limite 3",
        Keyword.count.text: "compter [par CHAMP]\n  Une ligne avec le nombre de lignes, ou une ligne par valeur de CHAMP (une liste compte chaque\n  élément).\n  exemple : partenariats de FR | compter par b.pays | limite 3",
        Keyword.select.text: "choisir CHAMP {, CHAMP}\n  Choisit les colonnes, nommées par les ids des champs (.headers fr les nomme en français).\n  .fields liste les champs de chaque sorte.\n  exemple : partenariats de rennes | choisir a.nom, b.nom, b.pays",
        Keyword.`let`.text: "soit $NOM = REQUÊTE\n  Garde un résultat pour les instructions suivantes, où $NOM le désigne.\n  exemple : soit $bzh = collectivités dans FR-BRE",
        Keyword.show.text: "montre REF\n  Tout sur une chose : champs, place dans la chaîne des parents, partenaires, groupes, membres.\n  exemple : montre rennes",
        "refs": "REF : un id ou un \"nom entre guillemets\", précédé ou non d'une sorte : country:ML,\n  authority:\"Saint-Denis\", group:gp-mali. Les ids d'abord (casse ignorée), puis les noms, noms\n  anglais et aka au pliage près (accents, casse, blancs, traits d'union et apostrophes ignorés).\n  Un mot-clé anglais employé comme nom se met entre guillemets ; un mot-clé français est un nom\n  là où un nom est attendu (partenaires de trier, montre chemin).",
        "keywords": "Mots-clés, anglais puis français (un mot français n'est un mot-clé que là où la grammaire en\nattend un) :",
    ]


    /// The French help line of a dot-command, or nil when it has none.
    static func helpLine(_ c: DotCommand) -> String? { c.frenchHelpLine }
}
