/// `.import` problems told in French (ImportProblem.swift has the cases). Options, field names and KB values stay
/// as they are typed (--map, authority, active).
extension FrenchMessages {
    public func text(_ problem: ImportProblem) -> String {
        let usage = "usage : " + ImportCommand.usage
        switch problem {
        case .optionNeedsValue(let flag): return "\(flag) attend une valeur ; \(usage)"
        case .unknownEncoding(let name, let known): return "--encoding : encodage '\(name)' inconnu ; utilisez " + either(known)
        case .mapPairMalformed(let pair): return "--map : '\(pair)' n'est pas de la forme COLONNE=CHAMP (comme --map Ville=authority,Pays=country)"
        case .mapUnknownField(let name, let fields): return "--map : champ '\(name)' inconnu ; champs : " + fields.joined(separator: ", ")
        case .mapNoColumn(let column, let header): return "--map : pas de colonne '\(column)' dans l'en-tête (ses colonnes : \(quoted(header)))"
        case .unknownOption(let option, let suggestion):
            return "option '\(option)' inconnue" + (suggestion.map { didYouMean(["'\($0)'"]) } ?? "") + " ; " + usage
        case .fileCount(let n):
            return n < 2 ? "\(usage)   (.help import donne un exemple)" : "un tableur et un OUT.kb, pas \(n) fichiers ; \(usage)"
        case .outNotKB(let out): return "'\(out)' : OUT doit être un fichier .kb, pour que le chargeur de la base le lise (comme imported.kb)"
        case .fileExists(let path, let report):
            return "'\(path)' existe et serait écrasé ; supprimez-le d'abord ou choisissez un autre nom" + (report ? " pour --report" : " (--dry-run n'écrit rien)")
        case .reportIsOut: return "--report et OUT.kb désignent le même fichier"

        case .cannotRead(let path, let why):
            return "impossible de lire '\(path)' : " + (why == .missing ? "fichier introuvable" : why == .directory ? "c'est un dossier" : "permission refusée")
        case .encodingOnWorkbook(let path): return "--encoding vaut pour les fichiers CSV ; '\(path)' est un classeur .xlsx (son texte est toujours en UTF-8)"
        case .oldExcel(let path): return "'\(path)' est un ancien classeur Excel .xls, que .import ne lit pas ; enregistrez-le en .xlsx ou en CSV"
        case .sheetOnCSV(let path): return "--sheet vaut pour les classeurs .xlsx ; '\(path)' est lu comme un CSV"
        case .undecodable(let byte, let tried):
            let why: String
            switch tried {
            case .guessed: why = "ni en UTF-8 ni en Windows-1252 ; donnez son encodage avec --encoding NOM"
            case .utf8: why = "pas en UTF-8 valide ; s'il vient d'Excel en français, essayez --encoding windows-1252"
            case .singleByte(let label): why = "un octet que \(label) ne définit pas ; donnez un autre --encoding"
            }
            return "octet 0x\(String(byte, radix: 16, uppercase: true)) : le fichier est \(why)"
        case .notUTF16(let path): return "'\(path)' n'est pas en UTF-16 valide ; donnez son encodage avec --encoding NOM"
        case .malformedQuotes:
            return "guillemets mal formés dans cette ligne : un guillemet dans une cellule sans guillemets, ou du texte après un guillemet fermant ; mettez la cellule entre guillemets en doublant ses guillemets (\"\"), puis importez de nouveau"
        case .noRows(let path): return "'\(path)' n'a aucune ligne ; .import veut une ligne d'en-tête qui nomme les colonnes, puis une ligne par partenariat"
        case .notZip(let path, let error): return "'\(path)' commence comme un fichier ZIP mais ne s'ouvre pas comme tel (\(error)) ; le classeur est-il complet ?"
        case .damagedPart(let path, let part, let error): return "'\(path)' : la partie \(part) du classeur est endommagée (\(error))"
        case .notWorkbook(let path):
            return "'\(path)' est un fichier ZIP mais pas un classeur .xlsx (pas de xl/workbook.xml) ; enregistrez-le depuis le tableur en .xlsx ou en CSV"
        case .noSheets(let path): return "'\(path)' : le classeur n'a aucune feuille"
        case .noSheetNamed(let path, let sheet, let sheets): return "'\(path)' n'a pas de feuille '\(sheet)' ; ses feuilles sont " + quoted(sheets)
        case .missingSheetPart(let path, let sheet, let part): return "'\(path)' : le classeur nomme la feuille '\(sheet)' mais n'a pas de partie \(part)"
        case .emptySheet(let path, let sheet): return "'\(path)' : la feuille '\(sheet)' est vide ; .import veut une ligne d'en-tête qui nomme les colonnes"
        case .noColumn(let partner, let header):
            let which = partner ? "le partenaire (partenaire, partner, city2…)" : "la collectivité française (collectivité, commune, ville, city, city1…)"
            return "aucune colonne pour \(which) dans l'en-tête (\(quoted(header))) ; renommez-la, ou indiquez-la avec --map COLONNE=\(partner ? "partner" : "authority")"

        case .noAuthority(let column):
            return (column ? "aucune colonne de collectivité" : "aucune collectivité") + " dans cette ligne ; la collectivité française est nécessaire"
        case .noPartner: return "aucun partenaire dans cette ligne ; nommez la collectivité partenaire"
        case .neitherInFrance(let one, let two):
            return "aucun des deux côtés n'est en France (\(one), \(two ?? "non donné")) ; la base contient des partenariats de collectivités françaises"
        case .notAnAuthorityKind(let cell): return "'\(cell)' n'est pas une sorte de collectivité ; écrivez un mot, comme municipality, province ou region"
        case .noAuthorityAbroad(let name, let candidates):
            return "aucune collectivité étrangère ne s'appelle '\(name)' ; donnez le pays du partenaire dans une colonne de pays, pour qu'elle soit créée"
                + (candidates.isEmpty ? "" : " ; ou vouliez-vous dire " + candidates.map(describe).joined(separator: " ou ") + " ?")
        case .noFrenchAuthority(let name, let candidates):
            return "aucune collectivité française ne s'appelle '\(name)' (une collectivité française n'est jamais créée)" + didYouMean(candidates.map(describe))
        case .bothSidesSame(let c): return "les deux côtés sont \(describe(c)) ; un partenariat relie deux collectivités"
        case .notAYear(let cell, let until):
            return "'\(cell)' n'est pas une année ; " + (until ? "écrivez l'année de fin (2015) ou une date" : "écrivez l'année de signature (1988) ou une date (12/05/1988)")
        case .endsBeforeStart(let until, let since): return "se termine en \(until), avant de commencer (\(since))"
        case .notAStatus(let cell): return "'\(cell)' n'est pas un statut ; écrivez actif, en sommeil ou terminé (active, dormant, ended)"
        case .notAPartnershipKind(let cell): return "'\(cell)' n'est pas une sorte de partenariat ; écrivez jumelage, coopération, amitié ou un mot"
        case .unknownCountry(let cell, let candidates):
            return "aucun pays ne s'appelle '\(cell)'"
                + (candidates.isEmpty ? " ; écrivez son nom en français ou en anglais, ou son code ISO (DE, ML)" : didYouMean(candidates.map { "\($0.id) (\($0.name))" }))
        case .ambiguous(let name, let candidates, let count, let french):
            let how = french ? "ajoutez une colonne de département ou de code INSEE, ou écrivez le nom ainsi : 'Saint-Denis (93)', ou utilisez l'id"
                : "mettez l'id dans la cellule"
            return "'\(name)' est ambigu : \(listed(candidates, count)) ; \(how)"
        case .hintFitsNone(let name, let hint, let candidates, let count):
            return "aucun '\(name)' ne correspond à '\(hint)' (le département, le code INSEE, le code postal ou la région donnés) : \(listed(candidates, count)) ; corrigez le nom ou l'indication"
        case .duplicatePair(let a, let b, let line): return "\(a) – \(b) de nouveau : la même paire qu'à la ligne \(line) ; cette ligne est laissée de côté"
        case .alreadyInKB(let a, let b, let adds, let added, let kept):
            var said: [String] = []
            if !adds.isEmpty { said.append(added ? "ajoute " + adds.joined(separator: " ") : "n'a pas " + adds.joined(separator: " ") + ", qui n'est pas ajouté") }
            if !kept.isEmpty { said.append("garde son " + kept.map { "\($0.key)=\($0.kb) (cette ligne : \($0.row))" }.joined(separator: ", ")) }
            return "\(a) – \(b) est déjà dans la base : " + said.joined(separator: " ; ")
        case .columnsIgnored(let file, let columns):
            return "\(file) : " + (columns.count == 1 ? "colonne ignorée (non reconnue) : " : "colonnes ignorées (non reconnues) : ")
                + columns.map { "'\($0)'" }.joined(separator: ", ") + " ; --map COLONNE=CHAMP en prend une"
        case .imported(let file, let format, let rows, let ms, let added, let created, let amended, let out):
            // French plurals from 2 (0 and 1 are singular); the nouns here take an s.
            func n(_ k: Int, _ noun: String) -> String { Language.fr.grouped(k) + " " + noun + (k < 2 ? "" : "s") }
            var counts = n(added, "partenariat") + " et " + n(created, "collectivité")
            if amended > 0 { counts += ", et des champs pour " + n(amended, "partenariat") + " déjà dans la base," }
            let plural = added + created > 1
            let done = out.map { counts + (plural ? " écrits" : " écrit") + " dans \($0)" }
                ?? "essai, rien n'est écrit : " + counts + (plural ? " seraient ajoutés" : " serait ajouté")
            return "\(file) (\(text(format))) : " + n(rows, "ligne") + " en " + String(format: "%.0f", ms) + " ms ; " + done
        }
    }

    /// « CSV, séparateur ';', Windows-1252 », « XLSX, feuille 'Feuil1' ».
    func text(_ format: ImportProblem.SheetFormat) -> String {
        switch format {
        case .csv(let delimiter, let encoding, let bom):
            return "CSV, séparateur " + (delimiter == "\t" ? "tabulation" : "'\(delimiter)'") + ", " + encoding + (bom ? " avec BOM" : "")
        case .xlsx(let sheet): return "XLSX, feuille '\(sheet)'"
        }
    }

    /// "'a', 'b'".
    func quoted(_ items: [String]) -> String { items.map { "'\($0)'" }.joined(separator: ", ") }

    /// "saint-denis-93 (Saint-Denis, commune, Seine-Saint-Denis, INSEE 93066, 113 116 hab.)".
    func describe(_ c: ImportProblem.Candidate) -> String {
        let parts = [c.name, c.kind] + [c.parent, c.country, c.insee.map { "INSEE " + $0 }, c.population.map { Language.fr.grouped($0) + " hab." }].compactMap { $0 }
        return "\(c.id) (\(parts.joined(separator: ", ")))"
    }

    /// The first candidates, and how many more there are.
    func listed(_ candidates: [ImportProblem.Candidate], _ count: Int) -> String {
        candidates.map(describe).joined(separator: ", ") + (count > candidates.count ? " et \(count - candidates.count) autres" : "")
    }
}
