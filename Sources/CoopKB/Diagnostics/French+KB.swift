/// KB-file problems told in French (KBProblem.swift has the cases). Record kinds, attribute names and their
/// values stay as the KB file writes them (authority, kind=commune, amends=yes): they are the file's syntax.
extension FrenchMessages {
    public func text(_ problem: KBProblem) -> String {
        switch problem {
        case .invalidUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "UTF-8 invalide (octet 0x\(hex.count == 1 ? "0" + hex : hex)) ; la ligne est laissée de côté : enregistrez le fichier en UTF-8"
        case .unknownEscape: return "échappement inconnu dans la chaîne : seuls \\\" et \\\\ sont permis"
        case .nulByte: return "octet NUL dans un fichier de la base ; la ligne est laissée de côté"
        case .unterminatedString: return "chaîne non fermée : une chaîne se termine par \" sur la même ligne"
        case .moreProblemsOnLine(let count, let shown):
            return (count == 1 ? "1 autre problème" : "\(count) autres problèmes")
                + " sur cette ligne (seuls les \(shown) premiers sont montrés) ; l'enregistrement est laissé de côté"

        case .expectedRecordKind(let kinds): return "une sorte d'enregistrement est attendue (\(kinds.joined(separator: ", ")))"
        case .unknownRecordKind(let word, let suggestion, let kinds):
            return "sorte d'enregistrement '\(word)' inconnue"
                + (suggestion.map { didYouMean(["'\($0)'"]) } ?? " ; les enregistrements sont \(kinds.joined(separator: ", "))")
        case .equalsWithoutName: return "'=' sans nom d'attribut devant"
        case .commaBeforeAttributes: return "',' inattendue ; une liste s'écrit a,b,c après clé="
        case .unexpectedAfterAttributes(let found):
            return "\(describe(found)) inattendu après les attributs ; les attributs s'écrivent clé=valeur"
        case .missingValue(let key): return "valeur manquante après '\(key)=' ; écrivez \(key)=VALEUR sans blanc autour de '='"
        case .blankBeforeComma: return "blanc avant ',' dans une liste ; écrivez les éléments ainsi : a,b,c"
        case .missingListItem: return "élément de liste manquant après ',' ; écrivez les éléments ainsi : a,b,c, sans blancs"
        case .attributesNotSeparated(let found): return "\(describe(found)) inattendu ; séparez les attributs par un blanc"
        case .unknownAttribute(let name, let record, let suggestion, let allowed):
            guard let name else { return "attribut inconnu" }
            return "attribut '\(name)' inconnu pour \(record)"
                + (suggestion.map { didYouMean(["'\($0)'"]) } ?? " ; \(record) accepte " + allowed.joined(separator: ", "))
        case .repeatedAttribute(let name, let line, let column):
            guard let name else { return "attribut répété" }
            return "attribut '\(name)' répété (le premier est à \(line):\(column)) ; donnez-le une seule fois"
        case .missingPositional(let field, let record, let fields):
            return "\(field) manquant pour \(record) ; écrivez : \(record) \(fields.joined(separator: " ")) clé=valeur..."
        case .extraPositional(let found, let record, let fields):
            return "\(describe(found)) inattendu : \(record) a \(fields.count) champs de position (\(fields.joined(separator: ", "))) ; les attributs s'écrivent clé=valeur"
        case .notAList(let key): return "'\(key)' prend une seule valeur, pas une liste"
        case .notOneWord(let field, let found): return "valeur \(describe(found)) mal formée pour '\(field)' : un seul mot est attendu"
        case .idIsString(let role): return "\(name(role)) doit être un id (un mot sans guillemets), pas une chaîne"
        case .malformedID(let id):
            return "id '\(id)' mal formé : un id s'écrit avec des lettres, des chiffres, '-', '_' et '.', et commence par une lettre ou un chiffre"
        case .malformedYear(let found, let field):
            return "année \(describe(found)) mal formée pour '\(field)' : une année s'écrit avec quatre chiffres, comme 1988"
        case .integerTooLarge(let found, let field): return "valeur \(describe(found)) trop grande pour '\(field)'"
        case .malformedInteger(let found, let field):
            return "entier \(describe(found)) mal formé pour '\(field)' : des chiffres seulement, un nombre ≥ 0"
        case .malformedCoordinate(let found, let field, let limit):
            return "coordonnée \(describe(found)) mal formée pour '\(field)' : des degrés décimaux entre -\(limit) et \(limit)"
        case .malformedCountryCode(let found):
            return "code de pays \(describe(found)) mal formé : deux lettres majuscules (ISO 3166-1 alpha-2), comme ML"
        case .malformedYesNo(let found, let field):
            return "oui/non \(describe(found)) mal formé pour '\(field)' : écrivez \(field)=yes ou \(field)=no"
        case .malformedStatus(let found): return "statut \(describe(found)) mal formé : écrivez active, dormant ou ended"
        case .malformedAmends(let found):
            return "valeur \(describe(found)) mal formée pour amends : écrivez yes (cet enregistrement complète le partenariat de la paire) ou no"
        case .malformedBasis(let found):
            return "valeur \(describe(found)) mal formée pour basis : écrivez basis=stated (une source le dit) ou basis=derived (une règle le déduit)"
        case .noKind(let id): return "la collectivité '\(id)' n'a pas de sorte ; ajoutez kind=commune (ou departement, region, municipality, …)"
        case .noCountry(let id): return "la collectivité '\(id)' n'a pas de pays ; ajoutez country=CODE, comme country=FR"
        case .amendsWithStatus:
            return "un partenariat amends=yes ne peut pas fixer status (il ajoute seulement les champs qui manquent au partenariat de la paire)"
        case .untilBeforeSince(let until, let since, let amendment):
            return (amendment ? "avec cet amendement, " : "") + "until \(until) est avant since \(since)"

        case .duplicateID(let id, let first, let at):
            return "id '\(id)' en double : défini d'abord pour \(first.map(article) ?? "un enregistrement") à \(at) ; les ids sont communs à toutes les sortes et comparés sans tenir compte des majuscules"
        case .wrongKind(let id, let kind, let role, let expected):
            return "'\(id)' est \(article(kind)), mais \(name(role)) doit être \(article(expected))"
        case .referenceLeftOut(let role, let id, let at):
            return "'\(id)', nommé par \(name(role)), a été laissé de côté à cause d'un problème à \(at)"
        case .unknownReference(let kind, let id, let role, let candidates):
            return "\(name(role)) nomme '\(id)', qui n'est pas \(article(kind)) de la base" + didYouMean(candidates.map { "'\($0)'" })
        case .parentCycle(let ids, let count, let back):
            let chain = ids + (count > ids.count ? ["… (\(count) en tout)"] : []) + [back]
            return "cycle de parents : \(chain.joined(separator: " → ")) ; une collectivité ne peut pas se trouver en elle-même"
        case .parentInOtherCountry(let parent, let parentCountry, let child, let childCountry):
            return "le parent '\(parent)' est dans le pays \(parentCountry), mais '\(child)' dans le pays \(childCountry) ; un parent doit être du même pays"
        case .partnershipWithItself(let id): return "partenariat de '\(id)' avec elle-même ; les deux côtés doivent être différents"
        case .secondPartnership(let a, let b, let first):
            return "second partenariat entre '\(a)' et '\(b)' (le premier est à \(first)) ; donnez un seul enregistrement par paire"
        case .amendsNothing(let a, let b):
            return "amends=yes, mais il n'y a pas de partenariat entre '\(a)' et '\(b)' à compléter ; retirez amends=yes pour en faire un partenariat"
        case .amendmentConflict(let key, let has, let gives, let at):
            return "amends=yes donne \(key)=\(gives), mais le partenariat à \(at) a \(key)=\(has) ; un amendement ajoute seulement les champs manquants"
        case .repeatedMembership(let authority, let group, let first):
            return "appartenance de '\(authority)' à '\(group)' répétée (la première est à \(first))"

        case .unreadableDirectory(let reason): return "impossible de lire ce dossier : \(text(reason)) ; ses fichiers sont laissés de côté"
        case .unreadableFile(let reason): return "impossible de lire ce fichier : \(text(reason))"
        case .cutShort:
            return "ce fichier a été raccourci pendant sa lecture (sa fin a été lue comme des octets NUL) ; rechargez-le avec .reload une fois qu'il est écrit"
        }
    }

    /// What stood in a KB line.
    func describe(_ found: KBProblem.Found) -> String {
        switch found {
        case .word(let w): return "'\(w)'"
        case .string(let s): return "la chaîne \"\(s)\""
        case .equals: return "'='"
        case .comma: return "','"
        }
    }

    /// What a reference or an id is for.
    func name(_ role: KBProblem.Role) -> String {
        switch role {
        case .authorityID: return "l'id d'une collectivité"
        case .groupID: return "l'id d'un groupe"
        case .sideA: return "le côté a"
        case .sideB: return "le côté b"
        case .countryCode: return "un code de pays"
        case .country, .parent, .epci, .countries, .chair: return role.attribute.map { "l'attribut " + $0 } ?? ""
        case .group: return "le groupe"
        case .memberAuthority: return "la collectivité"
        case .member: return "le membre"
        }
    }
}
