/// Problems told in French: English.swift's twin, one `switch` over every case of `Problem`. Keywords are
/// named by their French spelling (`Keyword.frenchText`), field names stay as written. A problem still in
/// words (`.text`) keeps its English words: it is not translated by replacing strings.
public struct FrenchMessages: ProblemRenderer {
    public init() {}

    public func text(_ problem: Problem) -> String {
        switch problem {
        case .invalidUTF8InLine: return "UTF-8 invalide dans cette ligne"
        case .invalidUTF8InString: return "UTF-8 invalide dans cette chaîne"
        case .invalidUTF8InQuery: return "UTF-8 invalide dans la requête"
        case .unknownEscape: return "échappement inconnu dans la chaîne : seuls \\\" et \\\\ sont permis"
        case .unterminatedString: return "chaîne non fermée : fermez-la par \" sur la même ligne"
        case .nulInString: return "octet NUL dans une chaîne"
        case .variableNameMissing: return "'$' doit être suivi d'un nom de variable, comme $bzh"
        case .bangWithoutEquals: return "'!' inattendu" + didYouMean(["'!='"])
        case .unexpectedCharacter(let scalar):
            let shown = scalar.map { $0 < 0x20 ? CodePoint.name($0) : Unicode.Scalar($0).map { "'\(Character($0))'" } ?? CodePoint.name($0) } ?? "octet"
            return "caractère \(shown) inattendu ; un nom avec des blancs ou des guillemets s'écrit \"entre guillemets\""

        case .shellHabit(let typed, let quit):
            return "'\(typed)' inattendu ; " + (quit ? "pour sortir tapez \(DotCommand.quitCommand) (ou Ctrl-D)" : "pour l'aide tapez \(DotCommand.helpCommand)")
        case .termSuggestion(let found, let phrase, let example):
            return "'\(found)' inattendu" + didYouMean(["'\(phrase)'"]) + comme(example)
        case .stageSuggestion(let found, let phrase, let example):
            return "une étape est attendue, trouvé '\(found)'" + didYouMean(["'\(phrase)'"]) + comme(example)
        case .stageAtStart(let found, let phrase, let example):
            return "'\(found)' inattendu ; une requête commence par un terme et '\(phrase)' est une étape après '|'" + (example.map { ", comme : " + $0 } ?? "")
        case .dotCommandWord(let word, let command):
            return "'\(word)' n'est pas une instruction ; les commandes commencent par un point : \(command)"
        case .termNeedsParentheses(let term, let example):
            return "'\(term)' est un terme ; là où un nom est attendu, mettez-le entre parenthèses" + (example.map { " : " + $0 } ?? "")
        case .nameWithBlanks(let word, let name):
            return "'\(word)' inattendu ; un nom avec des blancs s'écrit entre guillemets" + (name.map { " : \"\($0)\"" } ?? "")
        case .placeNotQuoted(let name):
            return "'(' inattendu ; un nom suivi de son lieu s'écrit entre guillemets : \"\(name)\""
        case .membersOfCountry(let id, let country, let groups):
            let members = [Keyword.members, .of].map(\.frenchText).joined(separator: " ")
            let inside = [Keyword.authorities, .in].map(\.frenchText).joined(separator: " ")
            return "'\(members)' attend un groupe, et '\(id)' est un pays ; le groupe de \(country) est \(groups.joined(separator: " ou ")) : \(members) \(groups[0]) (pour les collectivités du pays : \(inside) \(id))"

        case .expectedKeyword(let k, let context, let found):
            return "'\(k.frenchText)' attendu" + place(context) + ", trouvé " + describe(found)
        case .expectedSymbol(let s, let context, let found):
            return "'\(s)' attendu" + place(context) + ", trouvé " + describe(found)
        case .expectedVariableAfterLet:
            return "une variable est attendue après '\(Keyword.let.frenchText)', comme : \(Keyword.let.frenchText) $bzh = \(Keyword.authorities.frenchText) \(Keyword.in.frenchText) FR-BRE"
        case .unmatchedCloseParenthesis: return "')' sans '(' correspondante"
        case .unexpectedAfterStatement(let found):
            let sets: [Keyword] = [.union, .intersect, .except]
            return "\(describe(found)) inattendu ; une étape commence par \(either(Keyword.stages.map(\.frenchText))), et les ensembles se combinent par \(either(sets.map(\.frenchText)))"
        case .unterminatedStringInDotCommand: return "chaîne non fermée dans la commande"
        case .expectedStageAfterBar(let found):
            let starts = Keyword.stageStarts.filter { $0.first?.isStage == true }.map { $0.map(\.frenchText).joined(separator: " ") }
            return "une étape est attendue après '|' (\(starts.joined(separator: ", "))), trouvé \(describe(found))"
        case .depthTooSmall: return "\(Keyword.depth.frenchText) doit valoir 1 ou plus"
        case .tooDeeplyNested(.parentheses, let limit): return "trop d'imbrication : plus de \(limit) parenthèses"
        case .tooDeeplyNested(.not, let limit): return "trop d'imbrication : plus de \(limit) niveaux de '\(Keyword.not.frenchText)'"
        case .conditionTooDeep(let limit):
            return "trop d'imbrication : une condition a au plus \(limit) niveaux de et, ou, non et parenthèses (la limite de SQLite) ; pour beaucoup de valeurs d'un champ, écrivez CHAMP dans (A, B, …)"
        case .unclosedParenthesis(let column, let found):
            return "')' attendue pour fermer la '(' de la colonne \(column), trouvé \(describe(found))"
        case .unknownKindPrefix(let word):
            let prefixes = ElementKind.allCases.filter { Lexicon.kindPrefixes[$0.rawValue] != nil }.map { $0.rawValue + ":" }
            return "sorte '\(word)' inconnue avant ':' ; écrivez \(either(prefixes))"
        case .keywordAsName(let word):
            return "'\(word)' est un mot-clé ; pour nommer quelque chose ainsi, mettez-le entre guillemets : \"\(word)\""
        case .expectedName(let context, let found):
            return "un nom ou un id est attendu" + place(context) + (found.map { ", trouvé " + describe($0) } ?? "")
        case .expectedWholeNumber(let context, let found):
            return "un nombre entier est attendu" + place(context) + ", trouvé " + describe(found)
        case .numberTooLarge(let n): return "le nombre \(n) est trop grand"
        case .expectedField(let context, let found):
            return "un nom de champ est attendu" + place(context) + ", trouvé " + describe(found)
        case .expectedComparison(let field, let found):
            return "une comparaison est attendue (=, !=, <, <=, >, >=, ~, \(Keyword.in.frenchText) (…), \(Keyword.within.frenchText) REF) après '\(field)', trouvé \(describe(found))"
        case .expectedValue(let found):
            return "une valeur est attendue (un nombre, un mot ou une \"chaîne\"), trouvé \(describe(found))"
        case .savedQueryParameter(let name):
            return "$\(name) est un paramètre de requête enregistrée : .save NOM garde cette instruction, puis .run NOM ARG… l'exécute avec $1, $2 … remplacés"
        case .incomplete(let inner): return "instruction incomplète : " + text(inner)

        case .authoritiesInNeedsPlace(let id, let kind):
            return "'\(phrase([.authorities, .in]))' veut un pays ou une collectivité, et '\(id)' est \(article(kind))"
                + (kind == .group ? " ; pour ses membres, écrivez : \(phrase([.members, .of])) \(id)" : "")
        case .needsAuthorities(let term, let given):
            let needs = "'\(phrase(term))' veut des collectivités, des pays ou des groupes"
            switch given {
            case .partnershipRef: return needs
            case .partnerships: return needs + ", pas des partenariats"
            case .path: return "un chemin n'est pas un ensemble ; " + needs
            case .table(let origin): return "un résultat de \(origin.isEmpty || origin == Keyword.count.text ? "compte" : origin) n'est pas un ensemble ; " + needs
            }
        case .membersOfNeedsGroup(let id, let kind):
            return "'\(phrase([.members, .of]))' veut un groupe, et '\(id)' est \(article(kind))"
                + (kind != .group ? " ; pour les collectivités d'un pays, écrivez : \(phrase([.authorities, .in])) \(id)" : "")
        case .membersOfNeedsGroups(let rows):
            return "'\(phrase([.members, .of]))' veut des groupes, pas \(rows == .table ? "une table" : "des lignes " + rowsName(rows))"
        case .notASet(let op, let rows):
            return "un résultat de \(rows == .step ? Keyword.path.frenchText : "compte") n'est pas un ensemble ; '\(operation(op))' veut deux ensembles"
        case .setKindsDiffer(let op, let left, let right):
            return "'\(operation(op))' veut deux côtés d'une même sorte, mais la gauche a des lignes \(rowsName(left)) et la droite des lignes \(rowsName(right))"
        case .similarNeedsAuthority(let id, let kind):
            return "'\(phrase([.similar, .to]))' compare une collectivité aux autres, et '\(id)' est \(article(kind))"
        case .pathNeedsAuthority(let id, let kind):
            return "'\(Keyword.path.frenchText)' va d'une collectivité à une autre, et '\(id)' est \(article(kind))"
        case .briefNeedsElement: return "'\(Keyword.brief.frenchText)' est pour un pays, une collectivité ou un groupe"
        case .unknownVariable(let name, let candidates):
            return "variable $\(name) inconnue" + (candidates.isEmpty ? " ; définissez-la d'abord : \(Keyword.let.frenchText) $\(name) = …" : didYouMean(candidates.map { "$" + $0 }))
        case .unknownField(let name, let rows, let candidates, let fields):
            return "champ '\(name)' inconnu pour \(rows == .table ? "ces lignes" : "les lignes " + rowsName(rows))"
                + (candidates.isEmpty ? " ; champs : " + fields.joined(separator: ", ") : didYouMean(candidates.map { "'\($0)'" }))
        case .sideIsAOrB: return "un côté est 'a' ou 'b', comme : \(Keyword.where.frenchText) b \(Keyword.within.text) SN"
        case .sideOnlyOnPartnerships(let side, let rows):
            let within = Keyword.within.text
            return "'\(side) \(within)' est pour les partenariats (a \(within) X, b \(within) X) ; pour des lignes \(rowsName(rows)), écrivez : \(Keyword.where.frenchText) \(within) X"
        case .withinNeedsSide(let ref):
            let w = Keyword.where.frenchText + " ", within = " " + Keyword.within.text + " "
            return "dites quel côté : \(w)a\(within)\(ref) ou \(w)b\(within)\(ref)"
        case .withinNeedsAuthorities(let rows):
            return "'\(Keyword.within.text)' teste des collectivités, et ce sont des lignes \(rows == .table ? "de table" : rowsName(rows))"
        case .notANumber(let field, let value, let quoted):
            return "'\(field)' est un nombre ; comparez-le à un nombre, pas à \(quoted ? "\"\(value)\"" : "'\(value)'")"
        case .briefNeedsDocumentMode:
            return "une fiche est un document de tables : écrivez-la en mode table, markdown, json, tsv ou csv (.mode markdown), ou en page avec .brief FICHIER.html REF"
        case .closenessPastLimit(let work, let limit):
            return "closeness demande un parcours en largeur depuis chaque collectivité, et le réseau de cette base demande \(Language.fr.grouped(work)) pas, au-delà de la limite exacte de \(Language.fr.grouped(limit)) (.measures limit N la relève) ; closeness est refusé plutôt que deviné (betweenness est échantillonné : voir .measures)"

        case .unknownCommand(let name, let suggestion):
            return "commande '.\(name)' inconnue" + (suggestion.map { didYouMean(["'.\($0)'"]) } ?? " ; .help liste les commandes")
        case .usage(let command):
            return (DotCommand.named(command)?.usage).map { "usage : " + $0.dropFirst("usage: ".count) } ?? "usage : .\(command)"
        // ▸ KB files and import (Diagnostics/KBProblem.swift, ImportProblem.swift)
        case .kb(let p): return text(p)
        case .importing(let p): return text(p)
        case .internalError(let type): return "erreur interne (\(type)) : c'est un défaut de coopkb ; signalez-le avec l'instruction"

        // ▸ REF resolution and evaluation (Diagnostics/ResolutionProblem.swift)
        case .resolution(let p): return text(p)

        // ▸ the session, its files and tools (Diagnostics/SessionProblem.swift)
        case .session(let p): return text(p)

        }
    }

    /// " ; vouliez-vous dire A ou B ?": the one place a suggestion is worded in French.
    func comme(_ example: String?) -> String { example.map { " comme : " + $0 } ?? "" }

    public func didYouMean(_ items: [String]) -> String {
        items.isEmpty ? "" : " ; vouliez-vous dire " + items.joined(separator: " ou ") + " ?"
    }

    /// "a, b ou c".
    func either(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " ou " + items[items.count - 1]
    }

    /// "une collectivité", "un pays", "un groupe", "un partenariat".
    func article(_ kind: ElementKind) -> String {
        switch kind {
        case .authority: return "une collectivité"
        case .country: return "un pays"
        case .group: return "un groupe"
        case .partnership: return "un partenariat"
        }
    }

    /// "de collectivités", … : the kind of rows, as a complement.
    func rowsName(_ rows: RowKind) -> String {
        switch rows {
        case .authority: return "de collectivités"
        case .country: return "de pays"
        case .partnership: return "de partenariats"
        case .group: return "de groupes"
        case .neighbour: return "de voisins"
        case .similar: return "de semblables"
        case .step: return "de chemin"
        case .table: return "de table"
        }
    }

    func rowsName(_ kind: ElementKind) -> String {
        switch kind {
        case .authority: return rowsName(RowKind.authority)
        case .country: return rowsName(RowKind.country)
        case .group: return rowsName(RowKind.group)
        case .partnership: return rowsName(RowKind.partnership)
        }
    }

    /// A set operation's French word.
    func operation(_ op: SetOperation) -> String {
        switch op {
        case .union: return Keyword.union.frenchText
        case .intersect: return Keyword.intersect.frenchText
        case .except: return Keyword.except.frenchText
        }
    }

    /// A term's French words, "…" for an operand.
    func phrase(_ words: [Keyword?]) -> String { words.map { $0?.frenchText ?? "…" }.joined(separator: " ") }

    /// What stood where something else was expected.
    func describe(_ found: Problem.Found) -> String {
        switch found {
        case .end: return "la fin de l'instruction"
        case .string(let s): return "la chaîne \"\(s)\""
        case .variable(let v): return "$\(v)"
        case .newline: return "la fin de ligne"
        case .dotCommand: return "une commande"
        case .token(let t): return "'\(t)'"
        }
    }

    /// " après 'trier par'": what the grammar was reading, with its leading blank (empty for none).
    func place(_ context: Problem.Context) -> String {
        switch context {
        case .none: return ""
        case .after(let words): return " après '\(phrase(words))'"
        case .afterWord(let word): return " après '\(word)'"
        case .afterLet(let name): return " après \(Keyword.let.frenchText) $\(name)"
        case .afterBrief: return " après '\(Keyword.brief.frenchText)' (un pays, une collectivité ou un groupe)"
        case .inPartnershipsBetween: return " dans '\(phrase([.partnerships, .between])) S \(Keyword.and.frenchText) T'"
        case .inPathFromTo: return " dans '\(phrase([.path, .from])) A \(Keyword.to.frenchText) B'"
        case .afterIn: return " après '\(Keyword.in.frenchText)' (écrivez : champ \(Keyword.in.frenchText) (a, b))"
        case .closingValueList: return " pour fermer la liste des valeurs"
        case .inCondition: return " dans la condition"
        }
    }
}
