/// The session's problems and notices as values: its files (`.read`, `.output`, `.once`, saved queries), its tools
/// (`.render`, `.map`, `.export`, `.brief`), the output modes' refusals, the executable's `coopkb:` lines, the load
/// summary and `Run Time`. Each case carries its data (paths, counts, reasons), never composed English; the
/// words are in English+Session.swift and French+Session.swift. `Problem.session(_)` wraps them.
public indirect enum SessionProblem: Sendable, Equatable {
    // MARK: Files
    /// A file that exists would be written over (nothing the user has is overwritten).
    case fileExists(path: String)
    /// A new file could not be written whole (it was removed).
    case cannotWrite(path: String, reason: SystemError)
    /// `.output` or `.once` could not open its file; output stays where it was.
    case cannotOpenOutput(path: String, reason: SystemError)
    /// A write to an output failed (a full disk): what followed was lost.
    case outputLost(to: Output, reason: SystemError)
    /// `.read FILE` could not read it.
    case readFailed(path: String, reason: SystemError)
    /// `.read` files read one another too deep.
    case readTooDeep(limit: Int)
    /// A FILE of statements on the command line could not be read.
    case statementFileUnreadable(path: String, reason: SystemError)
    /// `~/.coopkbrc` exists but cannot be read (a warning: the shell starts without it).
    case startupFileUnreadable(path: String, reason: SystemError)

    // MARK: The KB
    /// A KB path cannot be read at all (`kept`: a `.load` or `.reload`, and the KB in use stays).
    case kbUnreadable(path: String, reason: SystemError, kept: Bool)
    /// No KB was named and the default one cannot be read.
    case kbNotGiven
    /// The KB has problems; records with problems were left out (`lenient`: the run goes on with what loaded).
    case kbHasProblems(count: Int, lenient: Bool)
    /// The notice after `.load`, `.reload` and an `.import`: what loaded, how fast, its problems.
    case loaded(KBCounts, milliseconds: Double, problems: Int, variablesCleared: Bool)
    /// The notice of `.timer on` after each statement.
    case runTime(milliseconds: Double)
    /// `.measures`' report (standard output): the graph's size, its components (`connected`: those with a
    /// partnership), how betweenness and closeness are computed, the steps an exact computation needs, the limit.
    case graphMeasures(authorities: Int, partnerships: Int, components: Int, connected: Int, method: GraphMeasures.Method, steps: Int, limit: Int)

    // MARK: Output
    /// xlsx is binary and would go to a terminal.
    case workbookToTerminal
    /// The workbook could not be made.
    case workbookFailed(reason: String)
    /// A result with more rows than a worksheet holds.
    case tooManyRowsForSheet(rows: Int, limit: Int)
    /// A result of rows with no network, where one is needed (`use` says for what).
    case noNetwork(origin: String, use: NetworkUse)
    /// `.excel FILE` not named `.xlsx`.
    case excelNeedsXLSX(path: String)
    /// `.separator` given more than one character.
    case separatorNotOneCharacter
    /// `.separator` given a quote or a line end.
    case separatorReserved
    /// `.edit` gave nothing to run (a notice).
    case nothingToRun
    /// A file was written where no program opens it (a notice).
    case wrote(path: String)

    /// `.excel`'s workbook was written and opened with a program (a notice).
    case wroteOpened(path: String, opener: String)
    /// `.excel`'s workbook was written but not opened: no opener (nil), or it could not start (a notice).
    case wroteNotOpened(path: String, opener: String?)
    /// `.edit` where the front end has no editor.
    case noEditor
    /// `.edit` could not create its temporary file.
    case editFileNotCreated(directory: String, reason: SystemError)
    /// The editor could not be started, was not found, or failed.
    case editorNotStarted(String)
    case editorNotFound(String)
    case editorFailed(String, status: Int)
    /// The edited file could not be read back, or is not UTF-8.
    case editedFileUnreadable(path: String)
    case editedNotUTF8

    // MARK: Pictures and the adviser's files
    /// `.render`/`.map` FILE not named .svg or .png (`command` is the command's name).
    case pictureNeedsSVGOrPNG(path: String, command: String)
    /// `.render` given a statement that is not a query.
    case renderNeedsQuery
    /// `.render` with no result yet.
    case nothingToDraw
    /// Too many nodes for a readable picture.
    case tooManyNodes(nodes: Int, limit: Int)
    /// Graphviz's dot is not on PATH.
    case graphvizMissing
    /// rsvg-convert is not on PATH.
    case rsvgMissing
    /// A tool could not be started.
    case cannotRunTool(program: String, reason: String)
    /// A tool ended with an error (its standard error, control characters shown as `?`).
    case toolFailed(name: String, status: Int, message: String)
    /// `.render` wrote its picture (a notice).
    case wrotePicture(path: String, nodes: Int)
    /// `.map` wrote its map (a notice).
    case wroteMap(path: String, placed: Int, authorities: Int)
    /// A dot-command given a statement that is not a query, with an example.
    case takesQuery(example: String)
    /// A dot-command with neither a query nor a last result, with an example.
    case nothingToUse(example: String)
    /// `.export FORMAT` with a format other than neo4j.
    case unknownExportFormat(String)
    /// `.export neo4j DIR` where DIR is a file.
    case notADirectory(path: String)
    /// `.export neo4j DIR` where DIR has files.
    case directoryNotEmpty(path: String)
    /// A directory could not be created.
    case cannotCreateDirectory(path: String, reason: SystemError)
    /// `.export neo4j` wrote its files (a notice).
    case wroteExport(files: Int, directory: String, authorities: Int, partnerships: Int)
    /// The map outlines are not installed (where they were looked for).
    case outlinesMissing(tried: [String])
    /// An outline file cannot be read.
    case outlineUnreadable(path: String)
    /// The outlines do not parse.
    case outlinesUnparsable(directory: String, reason: String)
    /// `.brief FILE` not named .html.
    case briefNeedsHTML(path: String)
    /// Something after the REF of `.brief FILE.html REF`.
    case unexpectedAfterBriefRef(found: String)
    /// `.brief` wrote its page (a notice).
    case wroteBrief(path: String, sections: Int, partnerships: Int)
    /// The brief page has no map, and why (a notice).
    case pageWithoutMap(SessionProblem)
    /// The brief page has no network picture, and why (a notice).
    case pageWithoutNetwork(SessionProblem)

    // MARK: Saved queries
    /// Neither $XDG_CONFIG_HOME nor $HOME is set.
    case savedQueriesHomeless
    /// The saved queries' file cannot be read.
    case savedQueriesUnreadable(path: String)
    /// The saved queries' file is not UTF-8.
    case savedQueriesNotUTF8(path: String)
    /// A name that cannot name a saved query.
    case invalidQueryName(String)
    /// `.save` before any statement.
    case nothingToSave
    /// `.save NAME` where NAME is taken.
    case querySavedAlready(String)
    /// `.save` of a statement that does not parse: its problem.
    case lastStatementDoesNotParse(Problem, name: String)
    /// `.run`/`.unsave` of a name not saved: the closest name, else whether any is saved.
    case unknownSavedQuery(name: String, suggestion: String?, anySaved: Bool, path: String)
    /// A quote not closed in `.run`'s arguments.
    case unterminatedArguments
    /// Saved queries run one another too deep.
    case savedQueriesTooDeep(limit: Int)
    /// The saved queries' file cannot be written (`reason` nil: the system gave none).
    case cannotWriteSaved(path: String, reason: SystemError?)
    /// A name saved twice in the saved queries' file, at its second line (a notice).
    case savedTwice(path: String, line: Int, name: String)
    /// A saved query that uses $0.
    case parameterZero(name: String)
    /// `.run NAME` given another number of arguments than its parameters.
    case wrongArgumentCount(name: String, parameters: Int, given: Int)
    /// `.saved` with nothing saved (its output).
    case noSavedQueries(path: String)
    /// `.save` kept the statement (a notice).
    case savedQuery(name: String, parameters: Int, path: String)
    /// `.unsave` removed it (a notice).
    case unsavedQuery(name: String, path: String)

    // MARK: The shell and the command line (warnings)
    /// The history file is a link, a directory or not a regular file: it is left alone (`atStart`: found when
    /// the shell starts, so it is neither read nor written).
    case historyRefused(path: String, what: FileKind, atStart: Bool)
    /// The history file is not a libedit history file, or cannot be read.
    case historyUnreadable(path: String)
    /// The history file cannot be written.
    case historyUnwritable(path: String)
    /// libedit could not start (an error: the shell cannot run).
    case lineEditorFailed
    /// The pager command could not be started, or was not found (exit status 127).
    case pagerFailed(command: String, notFound: Bool)
    /// `COOPKB_LANG` names no language coopkb speaks: the locale decides.
    case unknownLanguageSetting(value: String)
    /// A KB file had more problems than are shown.
    case moreProblemsNotShown(file: String, notShown: Int, total: Int)

    /// Where output went when a write failed.
    public enum Output: Sendable, Equatable { case standardOutput, file(String) }
    /// What a path is when it is not a regular file.
    public enum FileKind: Sendable, Equatable { case symbolicLink, directory, special }
    /// What a network was wanted for.
    public enum NetworkUse: Sendable, Equatable { case mode(String), export, map }
    /// A KB's record counts, for the load summary.
    public struct KBCounts: Sendable, Equatable {
        public var countries, authorities, partnerships, groups, memberships, derived: Int
        public init(countries: Int, authorities: Int, partnerships: Int, groups: Int, memberships: Int, derived: Int) {
            self.countries = countries; self.authorities = authorities; self.partnerships = partnerships
            self.groups = groups; self.memberships = memberships; self.derived = derived
        }
    }

    /// A warning rather than an error (the executable's `coopkb: warning:` lines).
    public var isWarning: Bool {
        switch self {
        case .startupFileUnreadable, .historyRefused, .historyUnreadable, .historyUnwritable, .pagerFailed, .unknownLanguageSetting: return true
        default: return false
        }
    }

    /// The name of each case, so that a test can walk them all.
    public enum Kind: String, CaseIterable, Sendable {
        case fileExists, cannotWrite, cannotOpenOutput, outputLost, readFailed, readTooDeep, statementFileUnreadable, startupFileUnreadable
        case kbUnreadable, kbNotGiven, kbHasProblems, loaded, runTime, graphMeasures
        case workbookToTerminal, workbookFailed, tooManyRowsForSheet, noNetwork, excelNeedsXLSX, separatorNotOneCharacter, separatorReserved
        case nothingToRun, wrote, wroteOpened, wroteNotOpened, noEditor, editFileNotCreated, editorNotStarted, editorNotFound, editorFailed
        case editedFileUnreadable, editedNotUTF8
        case pictureNeedsSVGOrPNG, renderNeedsQuery, nothingToDraw, tooManyNodes, graphvizMissing, rsvgMissing, cannotRunTool, toolFailed
        case wrotePicture, wroteMap, takesQuery, nothingToUse, unknownExportFormat, notADirectory, directoryNotEmpty, cannotCreateDirectory
        case wroteExport, outlinesMissing, outlineUnreadable, outlinesUnparsable, briefNeedsHTML, unexpectedAfterBriefRef, wroteBrief
        case pageWithoutMap, pageWithoutNetwork
        case savedQueriesHomeless, savedQueriesUnreadable, savedQueriesNotUTF8, invalidQueryName, nothingToSave, querySavedAlready
        case lastStatementDoesNotParse, unknownSavedQuery, unterminatedArguments, savedQueriesTooDeep, cannotWriteSaved, savedTwice
        case parameterZero, wrongArgumentCount,        noSavedQueries, savedQuery, unsavedQuery
        case historyRefused, historyUnreadable, historyUnwritable, lineEditorFailed, pagerFailed, unknownLanguageSetting, moreProblemsNotShown
    }

    /// The case's name.
    public var kind: Kind {
        switch self {
        case .fileExists: return .fileExists
        case .cannotWrite: return .cannotWrite
        case .cannotOpenOutput: return .cannotOpenOutput
        case .outputLost: return .outputLost
        case .readFailed: return .readFailed
        case .readTooDeep: return .readTooDeep
        case .statementFileUnreadable: return .statementFileUnreadable
        case .startupFileUnreadable: return .startupFileUnreadable
        case .kbUnreadable: return .kbUnreadable
        case .kbNotGiven: return .kbNotGiven
        case .kbHasProblems: return .kbHasProblems
        case .loaded: return .loaded
        case .runTime: return .runTime
        case .graphMeasures: return .graphMeasures
        case .workbookToTerminal: return .workbookToTerminal
        case .workbookFailed: return .workbookFailed
        case .tooManyRowsForSheet: return .tooManyRowsForSheet
        case .noNetwork: return .noNetwork
        case .excelNeedsXLSX: return .excelNeedsXLSX
        case .separatorNotOneCharacter: return .separatorNotOneCharacter
        case .separatorReserved: return .separatorReserved
        case .nothingToRun: return .nothingToRun
        case .wrote: return .wrote
        case .wroteOpened: return .wroteOpened
        case .wroteNotOpened: return .wroteNotOpened
        case .noEditor: return .noEditor
        case .editFileNotCreated: return .editFileNotCreated
        case .editorNotStarted: return .editorNotStarted
        case .editorNotFound: return .editorNotFound
        case .editorFailed: return .editorFailed
        case .editedFileUnreadable: return .editedFileUnreadable
        case .editedNotUTF8: return .editedNotUTF8
        case .pictureNeedsSVGOrPNG: return .pictureNeedsSVGOrPNG
        case .renderNeedsQuery: return .renderNeedsQuery
        case .nothingToDraw: return .nothingToDraw
        case .tooManyNodes: return .tooManyNodes
        case .graphvizMissing: return .graphvizMissing
        case .rsvgMissing: return .rsvgMissing
        case .cannotRunTool: return .cannotRunTool
        case .toolFailed: return .toolFailed
        case .wrotePicture: return .wrotePicture
        case .wroteMap: return .wroteMap
        case .takesQuery: return .takesQuery
        case .nothingToUse: return .nothingToUse
        case .unknownExportFormat: return .unknownExportFormat
        case .notADirectory: return .notADirectory
        case .directoryNotEmpty: return .directoryNotEmpty
        case .cannotCreateDirectory: return .cannotCreateDirectory
        case .wroteExport: return .wroteExport
        case .outlinesMissing: return .outlinesMissing
        case .outlineUnreadable: return .outlineUnreadable
        case .outlinesUnparsable: return .outlinesUnparsable
        case .briefNeedsHTML: return .briefNeedsHTML
        case .unexpectedAfterBriefRef: return .unexpectedAfterBriefRef
        case .wroteBrief: return .wroteBrief
        case .pageWithoutMap: return .pageWithoutMap
        case .pageWithoutNetwork: return .pageWithoutNetwork
        case .savedQueriesHomeless: return .savedQueriesHomeless
        case .savedQueriesUnreadable: return .savedQueriesUnreadable
        case .savedQueriesNotUTF8: return .savedQueriesNotUTF8
        case .invalidQueryName: return .invalidQueryName
        case .nothingToSave: return .nothingToSave
        case .querySavedAlready: return .querySavedAlready
        case .lastStatementDoesNotParse: return .lastStatementDoesNotParse
        case .unknownSavedQuery: return .unknownSavedQuery
        case .unterminatedArguments: return .unterminatedArguments
        case .savedQueriesTooDeep: return .savedQueriesTooDeep
        case .cannotWriteSaved: return .cannotWriteSaved
        case .savedTwice: return .savedTwice
        case .parameterZero: return .parameterZero
        case .wrongArgumentCount: return .wrongArgumentCount
        case .noSavedQueries: return .noSavedQueries
        case .savedQuery: return .savedQuery
        case .unsavedQuery: return .unsavedQuery
        case .historyRefused: return .historyRefused
        case .historyUnreadable: return .historyUnreadable
        case .historyUnwritable: return .historyUnwritable
        case .lineEditorFailed: return .lineEditorFailed
        case .pagerFailed: return .pagerFailed
        case .unknownLanguageSetting: return .unknownLanguageSetting
        case .moreProblemsNotShown: return .moreProblemsNotShown
        }
    }

    /// Values of each case, one per way of wording it.
    public static func samples(_ kind: Kind) -> [SessionProblem] {
        let reasons: [SystemError] = [.notFound, .permissionDenied, .isDirectory, .notDirectory, .exists, .noSpace, .readOnly,
                                      .notRegularFile, .deviceOrSocket, .tooLarge(limit: 2_147_483_647), .other("Input/output error")]
        let counts = KBCounts(countries: 249, authorities: 40958, partnerships: 1, groups: 12, memberships: 310, derived: 0)
        switch kind {
        case .fileExists: return [.fileExists(path: "out.tsv")]
        case .cannotWrite: return reasons.map { .cannotWrite(path: "out.svg", reason: $0) }
        case .cannotOpenOutput: return [.cannotOpenOutput(path: "/tmp", reason: .isDirectory), .cannotOpenOutput(path: "a/b.tsv", reason: .notFound)]
        case .outputLost: return [.outputLost(to: .standardOutput, reason: .noSpace), .outputLost(to: .file("out.tsv"), reason: .other("Input/output error"))]
        case .readFailed: return reasons.map { .readFailed(path: "q.kbq", reason: $0) }
        case .readTooDeep: return [.readTooDeep(limit: 16)]
        case .statementFileUnreadable: return [.statementFileUnreadable(path: "q.kbq", reason: .notFound), .statementFileUnreadable(path: "q", reason: .isDirectory)]
        case .startupFileUnreadable: return [.startupFileUnreadable(path: "/root/.coopkbrc", reason: .permissionDenied)]
        case .kbUnreadable: return [.kbUnreadable(path: "nokb", reason: .notFound, kept: false), .kbUnreadable(path: "nokb", reason: .permissionDenied, kept: true)]
        case .kbNotGiven: return [.kbNotGiven]
        case .kbHasProblems: return [.kbHasProblems(count: 1, lenient: false), .kbHasProblems(count: 1234, lenient: true)]
        case .loaded:
            var derived = counts
            derived.derived = 308
            var one = KBCounts(countries: 1, authorities: 1, partnerships: 1, groups: 1, memberships: 1, derived: 0)
            one.derived = 0
            return [.loaded(counts, milliseconds: 41.6, problems: 0, variablesCleared: false), .loaded(derived, milliseconds: 3, problems: 1, variablesCleared: true),
                    .loaded(one, milliseconds: 1200, problems: 2, variablesCleared: false)]
        case .runTime: return [.runTime(milliseconds: 1.234)]
        case .graphMeasures:
            return [.graphMeasures(authorities: 40958, partnerships: 12000, components: 30000, connected: 1200, method: .exact, steps: 900_000, limit: 2_000_000_000),
                    .graphMeasures(authorities: 1_500_000, partnerships: 2_400_000, components: 9, connected: 1, method: .sampled(sources: 400, candidates: 1_400_000, error: 0.0679), steps: 9_000_000_000, limit: 2_000_000_000)]
        case .workbookToTerminal: return [.workbookToTerminal]
        case .workbookFailed: return [.workbookFailed(reason: "notWritten")]
        case .tooManyRowsForSheet: return [.tooManyRowsForSheet(rows: 2_000_000, limit: 1_048_575)]
        case .noNetwork: return [.noNetwork(origin: "", use: .mode("graphml")), .noNetwork(origin: "path step", use: .export), .noNetwork(origin: "", use: .map)]
        case .excelNeedsXLSX: return [.excelNeedsXLSX(path: "out.csv")]
        case .separatorNotOneCharacter: return [.separatorNotOneCharacter]
        case .separatorReserved: return [.separatorReserved]
        case .nothingToRun: return [.nothingToRun]
        case .wrote: return [.wrote(path: "/tmp/coopkb-1-1.xlsx")]
        case .wroteOpened: return [.wroteOpened(path: "/tmp/coopkb-1-1.xlsx", opener: "xdg-open")]
        case .wroteNotOpened: return [.wroteNotOpened(path: "/tmp/coopkb-1-1.xlsx", opener: nil), .wroteNotOpened(path: "/tmp/coopkb-1-1.xlsx", opener: "xdg-open")]
        case .noEditor: return [.noEditor]
        case .editFileNotCreated: return [.editFileNotCreated(directory: "/tmp", reason: .readOnly)]
        case .editorNotStarted: return [.editorNotStarted("vi")]
        case .editorNotFound: return [.editorNotFound("nano")]
        case .editorFailed: return [.editorFailed("vi", status: 1)]
        case .editedFileUnreadable: return [.editedFileUnreadable(path: "/tmp/coopkb-edit-x.kbq")]
        case .editedNotUTF8: return [.editedNotUTF8]
        case .pictureNeedsSVGOrPNG: return [.pictureNeedsSVGOrPNG(path: "net.pdf", command: "draw")]
        case .renderNeedsQuery: return [.renderNeedsQuery]
        case .nothingToDraw: return [.nothingToDraw]
        case .tooManyNodes: return [.tooManyNodes(nodes: 400, limit: 300)]
        case .graphvizMissing: return [.graphvizMissing]
        case .rsvgMissing: return [.rsvgMissing]
        case .cannotRunTool: return [.cannotRunTool(program: "/usr/bin/dot", reason: "permission denied")]
        case .toolFailed: return [.toolFailed(name: "dot", status: 1, message: "Error: syntax error in line 1")]
        case .wrotePicture: return [.wrotePicture(path: "net.svg", nodes: 1), .wrotePicture(path: "net.svg", nodes: 12)]
        case .wroteMap: return [.wroteMap(path: "mali.svg", placed: 10, authorities: 12)]
        case .takesQuery: return [.takesQuery(example: ".map mali.svg partners of ML")]
        case .nothingToUse: return [.nothingToUse(example: ".map mali.svg partners of ML")]
        case .unknownExportFormat: return [.unknownExportFormat("graphml")]
        case .notADirectory: return [.notADirectory(path: "out")]
        case .directoryNotEmpty: return [.directoryNotEmpty(path: "out")]
        case .cannotCreateDirectory: return [.cannotCreateDirectory(path: "out", reason: .permissionDenied)]
        case .wroteExport: return [.wroteExport(files: 5, directory: "out", authorities: 10, partnerships: 8)]
        case .outlinesMissing: return [.outlinesMissing(tried: ["/usr/share/coopkb", "/opt/share/coopkb"])]
        case .outlineUnreadable: return [.outlineUnreadable(path: "share/coopkb/maps/fr-contours/departements-1000m.geojson")]
        case .outlinesUnparsable: return [.outlinesUnparsable(directory: "share/coopkb/maps", reason: "not a GeoJSON FeatureCollection")]
        case .briefNeedsHTML: return [.briefNeedsHTML(path: "mali.pdf")]
        case .unexpectedAfterBriefRef: return [.unexpectedAfterBriefRef(found: "Étienne")]
        case .wroteBrief: return [.wroteBrief(path: "mali.html", sections: 6, partnerships: 1), .wroteBrief(path: "mali.html", sections: 6, partnerships: 40)]
        case .pageWithoutMap: return [.pageWithoutMap(.outlinesMissing(tried: ["/usr/share/coopkb"]))]
        case .pageWithoutNetwork: return [.pageWithoutNetwork(.graphvizMissing)]
        case .savedQueriesHomeless: return [.savedQueriesHomeless]
        case .savedQueriesUnreadable: return [.savedQueriesUnreadable(path: "/root/.config/coopkb/saved.kbq")]
        case .savedQueriesNotUTF8: return [.savedQueriesNotUTF8(path: "/root/.config/coopkb/saved.kbq")]
        case .invalidQueryName: return [.invalidQueryName("-x")]
        case .nothingToSave: return [.nothingToSave]
        case .querySavedAlready: return [.querySavedAlready("mali")]
        case .lastStatementDoesNotParse: return [.lastStatementDoesNotParse(.unmatchedCloseParenthesis, name: "mali")]
        case .unknownSavedQuery:
            return [.unknownSavedQuery(name: "mail", suggestion: "mali", anySaved: true, path: "saved.kbq"),
                    .unknownSavedQuery(name: "x", suggestion: nil, anySaved: true, path: "saved.kbq"),
                    .unknownSavedQuery(name: "x", suggestion: nil, anySaved: false, path: "saved.kbq")]
        case .unterminatedArguments: return [.unterminatedArguments]
        case .savedQueriesTooDeep: return [.savedQueriesTooDeep(limit: 16)]
        case .cannotWriteSaved: return [.cannotWriteSaved(path: "saved.kbq", reason: nil), .cannotWriteSaved(path: "saved.kbq", reason: .noSpace)]
        case .savedTwice: return [.savedTwice(path: "saved.kbq", line: 3, name: "mali")]
        case .parameterZero: return [.parameterZero(name: "p")]
        case .wrongArgumentCount: return [.wrongArgumentCount(name: "p", parameters: 0, given: 1), .wrongArgumentCount(name: "p", parameters: 2, given: 1),
                                          .wrongArgumentCount(name: "p", parameters: 1, given: 2)]
        case .noSavedQueries: return [.noSavedQueries(path: "saved.kbq")]
        case .savedQuery: return [.savedQuery(name: "mali", parameters: 0, path: "saved.kbq"), .savedQuery(name: "p", parameters: 1, path: "saved.kbq"),
                                  .savedQuery(name: "p", parameters: 2, path: "saved.kbq")]
        case .unsavedQuery: return [.unsavedQuery(name: "mali", path: "saved.kbq")]
        case .historyRefused:
            return [FileKind.symbolicLink, .directory, .special].flatMap { k in [true, false].map { .historyRefused(path: "/root/.coopkb_history", what: k, atStart: $0) } }
        case .historyUnreadable: return [.historyUnreadable(path: "/root/.coopkb_history")]
        case .historyUnwritable: return [.historyUnwritable(path: "/root/.coopkb_history")]
        case .lineEditorFailed: return [.lineEditorFailed]
        case .pagerFailed: return [.pagerFailed(command: "less -R", notFound: false), .pagerFailed(command: "most", notFound: true)]
        case .unknownLanguageSetting: return [.unknownLanguageSetting(value: "es")]
        case .moreProblemsNotShown: return [.moreProblemsNotShown(file: "kb/big.kb", notShown: 999_899, total: 1_000_000)]
        }
    }
}
