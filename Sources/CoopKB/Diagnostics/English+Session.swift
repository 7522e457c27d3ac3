import Foundation

/// The session's problems and notices in English (cases in SessionProblem.swift).
extension English {
    public func text(_ p: SessionProblem) -> String {
        let exists = "exists and would be overwritten; remove it first or choose another name"
        switch p {
        case .fileExists(let path): return "'\(path)' \(exists)"
        case .cannotWrite(let path, .exists): return "'\(path)' \(exists)"
        case .cannotWrite(let path, let reason): return "cannot write '\(path)': \(text(reason))"
        case .cannotOpenOutput(let path, let reason): return "cannot write '\(path)': \(text(reason)); output stays where it was"
        case .outputLost(let to, let reason):
            let name: String
            switch to { case .standardOutput: name = "standard output"; case .file(let path): name = path }
            return "cannot write to \(name): \(text(reason)); output was lost from there on"
        case .readFailed(let path, let reason):
            let why = reason == .notFound ? "no such file" : reason == .isDirectory ? "it is a directory" : text(reason)
            return "cannot read '\(path)': \(why)"
        case .readTooDeep(let limit): return ".read nested more than \(limit) deep (does a file read itself?)"
        case .statementFileUnreadable(let path, let reason): return "cannot read '\(path)': \(text(reason))"
        case .startupFileUnreadable(let path, let reason): return "cannot read \(path): \(text(reason)); the shell starts without it"

        case .kbUnreadable(let path, let reason, let kept):
            return "cannot read KB '\(path)': \(text(reason))" + (kept ? "; the KB in use is unchanged" : "")
        case .kbNotGiven: return "give the KB with --kb PATH or $COOPKB_KB"
        case .kbHasProblems(let count, let lenient):
            return "the KB has \(Session.grouped(count)) problem\(count == 1 ? "" : "s"); records with problems were left out\(lenient ? "" : " (--lenient runs on what loaded)")"
        case .loaded(let counts, let ms, let problems, let cleared):
            var summary = "loaded " + describe(counts) + String(format: " in %.0f ms", ms)
            if problems > 0 { summary += "; \(Session.grouped(problems)) problem\(problems == 1 ? "" : "s") (records with problems were left out)" }
            if cleared { summary += "; variables cleared" }
            return summary
        case .runTime(let ms): return String(format: "Run Time: %.3f ms", ms)
        case .graphMeasures(let n, let partnerships, let components, let connected, let method, let steps, let limit):
            let graph = "partnership graph: \(n) authorities, \(partnerships) partnerships, \(components) components (\(connected) with a partnership); "
            switch method {
            case .exact: return graph + "betweenness and closeness exact (Brandes; \(steps) steps, limit \(limit))"
            case .sampled(let k, let c, let e):
                return graph + String(format: "betweenness sampled from %d of %d sources (%d steps past the exact limit of %d); each value within %.4f of the exact one with 95%% probability (Hoeffding); closeness refused", k, c, steps, limit, e)
            }

        case .workbookToTerminal:
            return "xlsx is a binary workbook and standard output is a terminal: write it with .output FILE.xlsx or .excel [FILE.xlsx], or redirect (> FILE.xlsx)"
        case .workbookFailed(let reason): return "cannot write the workbook: \(reason)"
        case .tooManyRowsForSheet(let rows, let limit):
            return "\(rows) rows do not fit in a worksheet (at most \(limit) under the header); narrow the query or use csv"
        case .noNetwork(let origin, let use):
            let what = origin.isEmpty ? "table" : origin
            switch use {
            case .mode(let mode):
                return "a \(what) result has no network to write as \(mode); give a query of authorities, partnerships, groups or countries, or switch with .mode table"
            case .export: return "a \(what) result has no network to export; give a query of authorities, partnerships, groups or countries"
            case .map: return "a \(what) result has no authorities to map; give a query of authorities, partnerships, groups or countries"
            }
        case .excelNeedsXLSX(let path):
            return "'\(path)': .excel writes an .xlsx workbook, so name it FILE.xlsx; for CSV that Excel opens, use .mode excel with .once FILE.csv"
        case .separatorNotOneCharacter: return "usage: .separator SEP   (one character, like ; or |, or tab)"
        case .separatorReserved: return "the separator cannot be a quote or a line end, which CSV uses itself"
        case .nothingToRun: return "nothing to run: the edited statement is empty"
        case .wrote(let path): return "wrote \(path)"
        case .wroteOpened(let path, let opener): return "wrote \(path), opened with \(opener)"
        case .wroteNotOpened(let path, let opener):
            return "wrote \(path) (" + (opener.map { "\($0) could not start" } ?? "no xdg-open here to open it in a spreadsheet program") + ")"
        case .noEditor: return "no editor here"
        case .editFileNotCreated(let dir, let reason): return "cannot create a file to edit in \(dir): \(text(reason))"
        case .editorNotStarted(let editor): return "cannot start the editor '\(editor)'; set $VISUAL or $EDITOR"
        case .editorNotFound(let editor): return "the editor '\(editor)' was not found; set $VISUAL or $EDITOR"
        case .editorFailed(let editor, let status): return "the editor '\(editor)' ended with status \(status); nothing was run"
        case .editedFileUnreadable(let path): return "cannot read the edited file \(path)"
        case .editedNotUTF8: return "the edited statement is not UTF-8 text; nothing was run"

        case .pictureNeedsSVGOrPNG(let path, let command): return "'\(path)': .\(command) writes .svg or .png files; name the file accordingly"
        case .renderNeedsQuery: return ".render draws a query's result; give a query, like: .render net.svg partners of rennes"
        case .nothingToDraw: return "nothing to draw yet: run a query first, or give one: .render net.svg partners of rennes"
        case .tooManyNodes(let nodes, let limit):
            return "\(nodes) nodes are too many to read in a picture (at most \(limit)); narrow the query with | limit N or a tighter where"
        case .graphvizMissing:
            return "Graphviz's dot is not installed: on Debian, apt-get install graphviz (make run installs it); -f dot writes the graph as text meanwhile"
        case .rsvgMissing: return "rsvg-convert is not installed (on Debian: apt-get install librsvg2-bin; make deps installs it); write FILE.svg meanwhile"
        case .cannotRunTool(let program, let reason): return "cannot run \(program): \(reason)"
        case .toolFailed(let name, let status, let message): return "\(name) failed (status \(status)): \(message)"
        case .wrotePicture(let path, let nodes): return "wrote \(path) (\(nodes) node\(nodes == 1 ? "" : "s"))"
        case .wroteMap(let path, let placed, let total): return "wrote \(path) (\(placed) of \(total) authorities placed)"
        case .takesQuery(let example): return "this command takes a query, like: \(example)"
        case .nothingToUse(let example): return "nothing to use yet: run a query first, or give one: \(example)"
        case .unknownExportFormat(let format):
            return "'.export \(format)': the export formats are neo4j (a directory); for GraphML, GEXF or GeoJSON use .mode graphml|gexf|geojson with .output FILE"
        case .notADirectory(let path): return "'\(path)' exists and is not a directory; choose another name"
        case .directoryNotEmpty(let path): return "'\(path)' is not empty and its files would be overwritten; choose a new or empty directory"
        case .cannotCreateDirectory(let path, let reason): return "cannot create '\(path)': \(text(reason))"
        case .wroteExport(let files, let dir, let authorities, let partnerships):
            return "wrote \(files) files to \(dir): \(authorities) authorities, \(partnerships) partnerships (sh \(dir)/import.sh, or cypher-shell -f load.cypher)"
        case .outlinesMissing(let tried):
            return "the map outlines are not installed (looked in \(tried.joined(separator: ", "))); run make install, or set COOPKB_SHARE to the share/coopkb folder of the source tree"
        case .outlineUnreadable(let path): return "cannot read \(path)"
        case .outlinesUnparsable(let dir, let reason): return "cannot parse the outlines in \(dir): \(reason)"
        case .briefNeedsHTML(let path):
            return "'\(path)': .brief writes an HTML page, so name it FILE.html; for the brief as text, use the statement brief REF (with .mode markdown for Markdown)"
        case .unexpectedAfterBriefRef(let found):
            return "unexpected '\(found)' after the REF; write one REF, quoted if it has blanks: .brief FILE.html \"Saint-Étienne\""
        case .wroteBrief(let path, let sections, let partnerships):
            return "wrote \(path) (\(sections) sections, \(partnerships) partnership\(partnerships == 1 ? "" : "s") drawn on its map and network)"
        case .pageWithoutMap(let why): return "the page has no map: " + text(why)
        case .pageWithoutNetwork(let why): return "the page has no network picture: " + text(why)

        case .savedQueriesHomeless: return "saved queries need a home: set $XDG_CONFIG_HOME or $HOME"
        case .savedQueriesUnreadable(let path): return "cannot read \(path); check its permissions"
        case .savedQueriesNotUTF8(let path): return "\(path) is not UTF-8 text; fix or move it"
        case .invalidQueryName(let name): return "'\(name)' cannot name a query: use letters, digits, -, _ and ., starting with a letter or digit"
        case .nothingToSave: return "nothing to save yet: run a statement first (it may use $1, $2 … as parameters)"
        case .querySavedAlready(let name): return "a query named '\(name)' is saved already (.saved lists them); choose another name, or .unsave \(name) first"
        case .lastStatementDoesNotParse(let problem, let name):
            return "the last statement does not parse (\(Diagnostic.clipped(text(problem)))); fix it, run it, then .save \(name)"
        case .unknownSavedQuery(let name, let suggestion, let anySaved, let path):
            return "no saved query is called '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" }
                ?? (anySaved ? "; .saved lists them (in \(path))" : "; .save NAME keeps the last statement"))
        case .unterminatedArguments: return "unterminated string in the arguments"
        case .savedQueriesTooDeep(let limit): return "saved queries run one another more than \(limit) deep"
        case .cannotWriteSaved(let path, let reason): return "cannot write \(path)" + (reason.map { ": " + text($0) } ?? "; check its permissions")
        case .savedTwice(let path, let line, let name): return "\(path):\(line): '\(name)' is saved twice; .run uses the first one"
        case .parameterZero(let name): return "'\(name)' uses $0; parameters are numbered from $1 (edit the saved queries file)"
        case .wrongArgumentCount(let name, let parameters, let given):
            let wanted = parameters == 0 ? "no arguments" : (1...parameters).map { "$\($0)" }.joined(separator: " ")
            let usage = ".run \(name)" + (parameters == 0 ? "" : " " + (1...parameters).map { "ARG\($0)" }.joined(separator: " "))
            return "'\(name)' takes \(wanted) and was given \(given) argument\(given == 1 ? "" : "s"); run it as: \(usage)"
        case .noSavedQueries(let path): return "no saved queries; .save NAME keeps the last statement (in \(path))"
        case .savedQuery(let name, let n, let path):
            return "saved '\(name)'\(n > 0 ? " with \(n) parameter\(n == 1 ? "" : "s")" : "") in \(path); .run \(name)\(n > 0 ? " " + (1...n).map { "ARG\($0)" }.joined(separator: " ") : "") runs it"
        case .unsavedQuery(let name, let path): return "removed '\(name)' from \(path)"
        case .historyRefused(let path, let kind, let atStart):
            let what: String
            switch kind {
            case .symbolicLink: what = "is a symbolic link"
            case .directory: what = "is a directory"
            case .special: what = "is not a regular file (a FIFO, device or socket)"
            }
            return "the history file \(path) \(what); " + (atStart ? "it is not read or written, and this session's history is not saved" : "this session's history is not saved")
        case .historyUnreadable(let path):
            return "cannot read the history file \(path) (not a libedit history file, or unreadable); it is left as it is and this session's history is not saved"
        case .historyUnwritable(let path): return "cannot write the history file \(path); this session's history is not saved"
        case .lineEditorFailed: return "cannot start the line editor"
        case .pagerFailed(let command, false): return "cannot start the pager '\(command)'; .pager off turns it off"
        case .pagerFailed(let command, true): return "the pager '\(command)' was not found; .pager off turns it off, or set $PAGER"
        case .unknownLanguageSetting(let v): return "COOPKB_LANG=\(v) is not a language coopkb speaks (en or fr); the locale decides"
        case .moreProblemsNotShown(let file, let notShown, let total):
            return "\(file): \(Session.grouped(notShown)) more problems not shown (\(Session.grouped(total)) in this file); fix these first"
        }
    }

    /// "249 countries, 36,000 authorities, …, 310 memberships (2 stated, 308 derived)".
    public func describe(_ c: SessionProblem.KBCounts) -> String {
        func n(_ v: Int, _ one: String) -> String { "\(Session.grouped(v)) \(v == 1 ? one : English.plural(one))" }
        let basis = c.derived == 0 ? "" : " (\(Session.grouped(c.memberships - c.derived)) stated, \(Session.grouped(c.derived)) derived)"
        return [n(c.countries, "country"), n(c.authorities, "authority"), n(c.partnerships, "partnership"),
                n(c.groups, "group"), n(c.memberships, "membership") + basis].joined(separator: ", ")
    }

    /// Why the system refused, as glibc's strerror words it (the program's own words for its own reasons).
    public func text(_ e: SystemError) -> String {
        switch e {
        case .notFound: return "No such file or directory"
        case .permissionDenied: return "Permission denied"
        case .isDirectory: return "Is a directory"
        case .notDirectory: return "Not a directory"
        case .exists: return "File exists"
        case .noSpace: return "No space left on device"
        case .readOnly: return "Read-only file system"
        case .notRegularFile: return "not a regular file (a FIFO, device or socket); name it with --kb to read it"
        case .deviceOrSocket: return "a device or socket, not a KB file"
        case .tooLarge(let limit): return "the file is larger than \(limit) bytes, the most a KB file may hold; split it into several .kb files"
        case .other(let words): return words
        }
    }
}
