import Foundation

/// The session's problems and notices in French (cases in SessionProblem.swift; English+Session.swift is the twin).
/// Paths, commands, options and examples stay as typed; French typography puts a space before ; : ? !
extension FrenchMessages {
    public func text(_ p: SessionProblem) -> String {
        let fr = Language.fr
        func s(_ n: Int) -> String { n > 1 ? "s" : "" }
        let exists = "existe et serait écrasé ; supprimez-le d'abord ou choisissez un autre nom"
        switch p {
        case .fileExists(let path): return "'\(path)' \(exists)"
        case .cannotWrite(let path, .exists): return "'\(path)' \(exists)"
        case .cannotWrite(let path, let reason): return "impossible d'écrire '\(path)' : \(text(reason))"
        case .cannotOpenOutput(let path, let reason): return "impossible d'écrire '\(path)' : \(text(reason)) ; la sortie reste où elle était"
        case .outputLost(let to, let reason):
            let name: String
            switch to { case .standardOutput: name = "la sortie standard"; case .file(let path): name = "'\(path)'" }
            return "impossible d'écrire dans \(name) : \(text(reason)) ; la suite de la sortie est perdue"
        case .readFailed(let path, let reason):
            let why = reason == .notFound ? "ce fichier n'existe pas" : reason == .isDirectory ? "c'est un dossier" : text(reason)
            return "impossible de lire '\(path)' : \(why)"
        case .readTooDeep(let limit): return ".read imbriqué sur plus de \(limit) niveaux (un fichier se lit-il lui-même ?)"
        case .statementFileUnreadable(let path, let reason): return "impossible de lire '\(path)' : \(text(reason))"
        case .startupFileUnreadable(let path, let reason): return "impossible de lire \(path) : \(text(reason)) ; le shell démarre sans lui"

        case .kbUnreadable(let path, let reason, let kept):
            return "impossible de lire la base '\(path)' : \(text(reason))" + (kept ? " ; la base en cours reste inchangée" : "")
        case .kbNotGiven: return "indiquez la base avec --kb CHEMIN ou $COOPKB_KB"
        case .kbHasProblems(let count, let lenient):
            return "la base a \(fr.count(count, "problème", "problèmes")) ; les enregistrements en cause ont été écartés\(lenient ? "" : " (--lenient travaille sur ce qui a été chargé)")"
        case .loaded(let counts, let ms, let problems, let cleared):
            var summary = "chargé : " + describe(counts) + String(format: " en %.0f ms", ms)
            if problems > 0 { summary += " ; \(fr.count(problems, "problème", "problèmes")) (les enregistrements en cause ont été écartés)" }
            if cleared { summary += " ; variables effacées" }
            return summary
        case .runTime(let ms): return "Durée : " + String(format: "%.3f", ms).replacingOccurrences(of: ".", with: ",") + " ms"
        case .graphMeasures(let n, let partnerships, let components, let connected, let method, let steps, let limit):
            func g(_ v: Int) -> String { Language.fr.grouped(v) }
            let graph = "graphe des partenariats : \(g(n)) collectivités, \(g(partnerships)) partenariats, \(g(components)) composantes (\(g(connected)) avec un partenariat) ; "
            switch method {
            case .exact: return graph + "intermédiarité et proximité exactes (Brandes ; \(g(steps)) étapes, limite \(g(limit)))"
            case .sampled(let k, let c, let e):
                return graph + "intermédiarité estimée sur \(g(k)) des \(g(c)) sources (\(g(steps)) étapes, au-delà de la limite exacte de \(g(limit))) ; "
                    + "chaque valeur à moins de " + String(format: "%.4f", e).replacingOccurrences(of: ".", with: ",")
                    + " de la valeur exacte avec une probabilité de 95 % (Hoeffding) ; proximité refusée"
            }

        case .workbookToTerminal:
            return "xlsx est un classeur binaire et la sortie standard est un terminal : écrivez-le avec .output FICHIER.xlsx ou .excel [FICHIER.xlsx], ou redirigez (> FICHIER.xlsx)"
        case .workbookFailed(let reason): return "impossible d'écrire le classeur : \(reason)"
        case .tooManyRowsForSheet(let rows, let limit):
            return "\(fr.grouped(rows)) lignes ne tiennent pas dans une feuille (au plus \(fr.grouped(limit)) sous l'en-tête) ; resserrez la requête ou passez en csv"
        case .noNetwork(let origin, let use):
            let what = origin.isEmpty ? "un résultat en table" : "un résultat \(origin)"
            let give = "donnez une requête de collectivités, de partenariats, de groupes ou de pays"
            switch use {
            case .mode(let mode): return "\(what) n'a pas de réseau à écrire en \(mode) ; \(give), ou revenez à .mode table"
            case .export: return "\(what) n'a pas de réseau à exporter ; \(give)"
            case .map: return "\(what) n'a pas de collectivités à placer sur une carte ; \(give)"
            }
        case .excelNeedsXLSX(let path):
            return "'\(path)' : .excel écrit un classeur .xlsx, nommez-le donc FICHIER.xlsx ; pour un CSV qu'Excel ouvre, prenez .mode excel avec .once FICHIER.csv"
        case .separatorNotOneCharacter: return "usage : .separator SEP   (un caractère, comme ; ou |, ou tab)"
        case .separatorReserved: return "le séparateur ne peut être ni un guillemet ni une fin de ligne, que le CSV emploie lui-même"
        case .nothingToRun: return "rien à exécuter : l'instruction modifiée est vide"
        case .wrote(let path): return "\(path) écrit"
        case .wroteOpened(let path, let opener): return "\(path) écrit, ouvert avec \(opener)"
        case .wroteNotOpened(let path, let opener):
            return "\(path) écrit (" + (opener.map { "\($0) n'a pas pu démarrer" } ?? "pas de xdg-open ici pour l'ouvrir dans un tableur") + ")"
        case .noEditor: return "pas d'éditeur ici"
        case .editFileNotCreated(let dir, let reason): return "impossible de créer un fichier à modifier dans \(dir) : \(text(reason))"
        case .editorNotStarted(let editor): return "impossible de lancer l'éditeur '\(editor)' ; définissez $VISUAL ou $EDITOR"
        case .editorNotFound(let editor): return "l'éditeur '\(editor)' est introuvable ; définissez $VISUAL ou $EDITOR"
        case .editorFailed(let editor, let status): return "l'éditeur '\(editor)' s'est terminé avec le code \(status) ; rien n'a été exécuté"
        case .editedFileUnreadable(let path): return "impossible de relire le fichier modifié \(path)"
        case .editedNotUTF8: return "l'instruction modifiée n'est pas du texte UTF-8 ; rien n'a été exécuté"

        case .pictureNeedsSVGOrPNG(let path, let command): return "'\(path)' : .\(command) écrit des fichiers .svg ou .png ; nommez le fichier en conséquence"
        case .renderNeedsQuery: return ".render dessine le résultat d'une requête ; donnez une requête, comme : .render reseau.svg partenaires de rennes"
        case .nothingToDraw: return "rien à dessiner pour l'instant : lancez d'abord une requête, ou donnez-en une : .render reseau.svg partenaires de rennes"
        case .tooManyNodes(let nodes, let limit):
            return "\(fr.grouped(nodes)) nœuds, c'est trop pour une image lisible (au plus \(limit)) ; resserrez la requête avec | limite N ou un où plus étroit"
        case .graphvizMissing:
            return "dot, de Graphviz, n'est pas installé : sous Debian, apt-get install graphviz (make run l'installe) ; en attendant, -f dot écrit le graphe en texte"
        case .rsvgMissing:
            return "rsvg-convert n'est pas installé (sous Debian : apt-get install librsvg2-bin ; make deps l'installe) ; en attendant, écrivez FICHIER.svg"
        case .cannotRunTool(let program, let reason): return "impossible de lancer \(program) : \(reason)"
        case .toolFailed(let name, let status, let message): return "\(name) a échoué (code \(status)) : \(message)"
        case .wrotePicture(let path, let nodes): return "\(path) écrit (\(nodes) nœud\(s(nodes)))"
        case .wroteMap(let path, let placed, let total): return "\(path) écrit (\(placed) collectivité\(s(placed)) placée\(s(placed)) sur \(total))"
        case .takesQuery(let example): return "cette commande prend une requête, comme : \(example)"
        case .nothingToUse(let example): return "rien à utiliser pour l'instant : lancez d'abord une requête, ou donnez-en une : \(example)"
        case .unknownExportFormat(let format):
            return "'.export \(format)' : le format d'export est neo4j (un dossier) ; pour GraphML, GEXF ou GeoJSON, prenez .mode graphml|gexf|geojson avec .output FICHIER"
        case .notADirectory(let path): return "'\(path)' existe et n'est pas un dossier ; choisissez un autre nom"
        case .directoryNotEmpty(let path): return "'\(path)' n'est pas vide et ses fichiers seraient écrasés ; choisissez un dossier nouveau ou vide"
        case .cannotCreateDirectory(let path, let reason): return "impossible de créer '\(path)' : \(text(reason))"
        case .wroteExport(let files, let dir, let authorities, let partnerships):
            return "\(files) fichiers écrits dans \(dir) : \(fr.count(authorities, "collectivité", Keyword.authorities.frenchText)), \(fr.count(partnerships, "partenariat", Keyword.partnerships.frenchText)) (sh \(dir)/import.sh, ou cypher-shell -f load.cypher)"
        case .outlinesMissing(let tried):
            return "les contours des cartes ne sont pas installés (cherchés dans \(tried.joined(separator: ", "))) ; lancez make install, ou faites pointer COOPKB_SHARE sur le dossier share/coopkb des sources"
        case .outlineUnreadable(let path): return "impossible de lire \(path)"
        case .outlinesUnparsable(let dir, let reason): return "impossible de lire les contours de \(dir) : \(reason)"
        case .briefNeedsHTML(let path):
            return "'\(path)' : .brief écrit une page HTML, nommez-la donc FICHIER.html ; pour la fiche en texte, prenez l'instruction fiche REF (avec .mode markdown pour du Markdown)"
        case .unexpectedAfterBriefRef(let found):
            return "'\(found)' inattendu après la REF ; écrivez une seule REF, entre guillemets si elle a des blancs : .brief FICHIER.html \"Saint-Étienne\""
        case .wroteBrief(let path, let sections, let partnerships):
            return "\(path) écrit (\(sections) sections, \(fr.count(partnerships, "partenariat", Keyword.partnerships.frenchText)) sur sa carte et son réseau)"
        case .pageWithoutMap(let why): return "la page n'a pas de carte : " + text(why)
        case .pageWithoutNetwork(let why): return "la page n'a pas d'image du réseau : " + text(why)

        case .savedQueriesHomeless: return "les requêtes gardées ont besoin d'un dossier : définissez $XDG_CONFIG_HOME ou $HOME"
        case .savedQueriesUnreadable(let path): return "impossible de lire \(path) ; vérifiez ses droits"
        case .savedQueriesNotUTF8(let path): return "\(path) n'est pas du texte UTF-8 ; corrigez-le ou déplacez-le"
        case .invalidQueryName(let name):
            return "'\(name)' ne peut pas nommer une requête : lettres, chiffres, -, _ et ., en commençant par une lettre ou un chiffre"
        case .nothingToSave: return "rien à garder pour l'instant : lancez d'abord une instruction (elle peut contenir $1, $2 … comme paramètres)"
        case .querySavedAlready(let name):
            return "une requête nommée '\(name)' est déjà gardée (.saved les liste) ; choisissez un autre nom, ou faites d'abord .unsave \(name)"
        case .lastStatementDoesNotParse(let problem, let name):
            return "la dernière instruction ne s'analyse pas (\(Diagnostic.clipped(text(problem)))) ; corrigez-la, lancez-la, puis .save \(name)"
        case .unknownSavedQuery(let name, let suggestion, let anySaved, let path):
            return "aucune requête gardée ne s'appelle '\(name)'" + (suggestion.map { didYouMean(["'\($0)'"]) }
                ?? (anySaved ? " ; .saved les liste (dans \(path))" : " ; .save NOM garde la dernière instruction"))
        case .unterminatedArguments: return "chaîne non fermée dans les arguments"
        case .savedQueriesTooDeep(let limit): return "des requêtes gardées s'appellent l'une l'autre sur plus de \(limit) niveaux"
        case .cannotWriteSaved(let path, let reason): return "impossible d'écrire \(path)" + (reason.map { " : " + text($0) } ?? " ; vérifiez ses droits")
        case .savedTwice(let path, let line, let name): return "\(path):\(line) : '\(name)' est gardée deux fois ; .run prend la première"
        case .parameterZero(let name): return "'\(name)' emploie $0 ; les paramètres sont numérotés à partir de $1 (corrigez le fichier des requêtes gardées)"
        case .wrongArgumentCount(let name, let parameters, let given):
            let wanted = parameters == 0 ? "aucun argument" : (1...parameters).map { "$\($0)" }.joined(separator: " ")
            let usage = ".run \(name)" + (parameters == 0 ? "" : " " + (1...parameters).map { "ARG\($0)" }.joined(separator: " "))
            return "'\(name)' prend \(wanted) et a reçu \(given) argument\(s(given)) ; lancez-la ainsi : \(usage)"
        case .noSavedQueries(let path): return "aucune requête gardée ; .save NOM garde la dernière instruction (dans \(path))"
        case .savedQuery(let name, let n, let path):
            return "'\(name)' gardée\(n > 0 ? " avec \(n) paramètre\(s(n))" : "") dans \(path) ; .run \(name)\(n > 0 ? " " + (1...n).map { "ARG\($0)" }.joined(separator: " ") : "") la lance"
        case .unsavedQuery(let name, let path): return "'\(name)' retirée de \(path)"
        case .historyRefused(let path, let what, let atStart):
            let est: String
            switch what {
            case .symbolicLink: est = "est un lien symbolique"
            case .directory: est = "est un dossier"
            case .special: est = "n'est pas un fichier ordinaire (un tube, un périphérique ou une socket)"
            }
            return "le fichier d'historique \(path) \(est) ; " + (atStart ? "il n'est ni lu ni écrit, et l'historique de cette session n'est pas gardé" : "l'historique de cette session n'est pas gardé")
        case .historyUnreadable(let path):
            return "impossible de lire le fichier d'historique \(path) (ce n'est pas un historique libedit, ou il est illisible) ; il est laissé tel quel et l'historique de cette session n'est pas gardé"
        case .historyUnwritable(let path): return "impossible d'écrire le fichier d'historique \(path) ; l'historique de cette session n'est pas gardé"
        case .lineEditorFailed: return "impossible de démarrer l'éditeur de ligne"
        case .pagerFailed(let command, false): return "impossible de lancer le paginateur '\(command)' ; .pager off le désactive"
        case .pagerFailed(let command, true): return "le paginateur '\(command)' est introuvable ; .pager off le désactive, ou définissez $PAGER"
        case .unknownLanguageSetting(let v): return "COOPKB_LANG=\(v) n'est pas une langue que coopkb parle (en ou fr) ; la locale décide"
        case .moreProblemsNotShown(let file, let notShown, let total):
            return "\(file) : \(fr.grouped(notShown)) autres problèmes non affichés (\(fr.grouped(total)) dans ce fichier) ; corrigez d'abord ceux-ci"
        }
    }

    /// "249 pays, 36 000 collectivités, …, 310 adhésions (2 déclarées, 308 dérivées)", as the French banner counts.
    public func describe(_ c: SessionProblem.KBCounts) -> String {
        let fr = Language.fr
        var parts = [fr.count(c.countries, Keyword.countries.frenchText, Keyword.countries.frenchText),
                     fr.count(c.authorities, "collectivité", Keyword.authorities.frenchText),
                     fr.count(c.partnerships, "partenariat", Keyword.partnerships.frenchText), fr.count(c.groups, "groupe", Keyword.groups.frenchText),
                     fr.count(c.memberships, "adhésion", "adhésions")]
        if c.derived > 0 {
            parts[parts.count - 1] += " (\(fr.count(c.memberships - c.derived, "déclarée", "déclarées")), \(fr.count(c.derived, "dérivée", "dérivées")))"
        }
        return parts.joined(separator: ", ")
    }

    /// Why the system refused, in French (glibc's French catalogue words them so).
    public func text(_ e: SystemError) -> String {
        switch e {
        case .notFound: return "aucun fichier ou dossier de ce nom"
        case .permissionDenied: return "permission refusée"
        case .isDirectory: return "c'est un dossier"
        case .notDirectory: return "ce n'est pas un dossier"
        case .exists: return "le fichier existe"
        case .noSpace: return "plus de place sur le périphérique"
        case .readOnly: return "système de fichiers en lecture seule"
        case .notRegularFile: return "ce n'est pas un fichier ordinaire (un FIFO, un périphérique ou une socket) ; nommez-le avec --kb pour le lire"
        case .deviceOrSocket: return "un périphérique ou une socket, pas un fichier de base"
        case .tooLarge(let limit): return "le fichier dépasse \(Language.fr.grouped(limit)) octets, le plus qu'un fichier de base puisse contenir ; répartissez-le en plusieurs fichiers .kb"
        case .other(let words): return words
        }
    }
}
