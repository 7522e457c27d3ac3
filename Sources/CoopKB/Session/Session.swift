import Foundation

/// What a session hands back to its front end, in order.
public enum SessionEvent: Sendable {
    /// Text for the current output (standard output or the `.output` file).
    case output(String)
    /// A problem with a statement or a file, for standard error.
    case error(Diagnostic)
    /// A problem without a place in a text (a file that cannot be read, …), for standard error.
    case failure(String)
    /// Informational text for standard error (timer, reload summary); `--quiet` drops it.
    case notice(String)
    /// Bytes for the current output: an .xlsx workbook.
    case bytes([UInt8])
    /// Text for the terminal that is taller than it: through the pager (`.pager on`).
    case page(String)
    /// A running statement was stopped by Ctrl-C.
    case interrupted
    /// `.quit` or `.exit`.
    case quit
}

/// One user's session: the loaded KB, variables and settings. Both the shell and batch mode feed it text.
public final class Session {
    /// The KB being queried, with its load problems and figures.
    public private(set) var report: LoadReport
    /// The paths the KB was loaded from, for `.reload`.
    public internal(set) var kbPaths: [String]
    /// The output mode.
    public var mode: OutputMode
    /// Stop at the first failing statement.
    public var bail = false
    /// Show each statement's time.
    public var timer = false
    /// In table mode at a terminal, the most rows shown when not paging (0: all). Files and pipes get every row.
    public var maxRows = 0
    /// In table mode at a terminal, cut cells so that tables fit its width. Files and pipes get every character.
    public var cutToTerminal = false
    /// At a terminal, send a result taller than it through the pager (`.pager on|off`) instead of cutting rows.
    public var pager = false
    /// The size of the terminal results go to now; nil when they go to a file or a pipe.
    public var terminal: () -> (rows: Int, columns: Int)? = { nil }
    /// Whether tsv, csv and excel write a header line (`.headers on|off`).
    public var headers = true
    /// The language of messages, help and row counts (`--lang`, `.lang`, the locale: Session/Language.swift).
    public var language: Language = .en { didSet { Messages.renderer = language.problems } }
    /// Whether headers show the fields' French names (`.headers fr`; `.headers on` goes back to the field ids).
    public var frenchHeaders = false
    /// The field separator of csv (`.separator`).
    public var separator: Character = ","
    /// Where `.save`, `.run` and `.saved` keep saved queries (the front end sets it; nil: nowhere).
    public var savedQueriesPath: String? = nil
    /// Variables set with `let`, by lower-cased name.
    public private(set) var variables: [String: ResultSet] = [:]
    /// Statements that failed so far.
    public private(set) var failures = 0
    /// Set by `.quit`, or by a failure under `bail`.
    public internal(set) var stopped = false
    /// Where events go.
    public var sink: (SessionEvent) -> Void
    /// Files, tools, the clock and the environment (the executable's `POSIXSystem`, or a test's virtual one).
    public let system: any System
    /// The `.output` file results go to, when one is open (its writes are checked after each result).
    var outputFile: (any OutputFile)? = nil
    /// The `.once` or `.excel` file the next result goes to, when one is open.
    var onceFile: (any OutputFile)? = nil
    /// Set when a write to an output file failed: the run's status says output was lost.
    public internal(set) var outputLost = false
    /// Whether this is the interactive shell (a write error then ends only the statement, not the run).
    public var interactive = false
    /// Opens a written file in the desktop's spreadsheet program (`.excel` without FILE); returns a notice.
    public var openFile: (String) -> String = { path in Problem.session(.wrote(path: path)).text }
    /// Lets a person edit a statement (`.edit`): the saved text, or why there is none.
    public var edit: (String) -> (text: String?, problem: SessionProblem?) = { _ in (nil, .noEditor) }
    /// The `.output` file, when one is open.
    var outputPath: String? = nil
    /// The `.once` or `.excel` file the next result goes to.
    var oncePath: String? = nil
    /// Whether a result had been written to the `.output` target when `.once` took over.
    var wroteBeforeOnce = false
    /// Open the `.once` file in a spreadsheet program once written (`.excel` without FILE).
    var openOnceFile = false
    /// How many `.excel` files without a name were written, for their names.
    var excelCount = 0
    /// Sheets waiting for the current workbook output to close.
    var workbook = Workbook()
    /// Whether the current output is a workbook file that must be written when it closes, results or not.
    var workbookFileOpen = false
    /// The text of the last statement run or tried (not a dot-command): for `.edit`, `.save` and a line
    /// starting with `|` at the prompt.
    public private(set) var lastStatement: String? = nil
    /// The statement running now, for a sheet's name, and where it starts.
    private var currentStatement = ""
    private var statementOffset = 0
    /// Asked inside long loops; true stops the running statement.
    public var shouldStop: () -> Bool = { false }
    /// Whether a result has been written to the current output (results are separated).
    var wroteResult = false
    /// The last result written, for `.render` without a statement.
    public private(set) var lastResult: ResultSet? = nil
    /// The most nodes `.render` draws; a larger result is refused with a hint.
    public static let maxRenderNodes = 300
    /// How many `.read` files are open, one inside another.
    var readDepth = 0
    static let maxReadDepth = 16

    public init(report: LoadReport, kbPaths: [String], mode: OutputMode, system: any System, sink: @escaping (SessionEvent) -> Void = { _ in }) {
        self.report = report
        self.kbPaths = kbPaths
        self.mode = mode
        self.system = system
        self.sink = sink
    }

    public var kb: KnowledgeBase { report.kb }

    // MARK: Statements

    /// Runs every statement of a text; returns whether they all succeeded.
    @discardableResult
    public func run(_ text: String, sourceName: String) -> Bool {
        run(Source(name: sourceName, text: text))
    }

    /// Runs every statement of a source, going on after errors (unless `bail`).
    @discardableResult
    public func run(_ source: Source) -> Bool {
        run(Splitter(source: source))
    }

    /// Runs pieces a splitter handed out (the shell's, once its lines complete every statement).
    @discardableResult
    public func run(_ pieces: [Splitter.Piece]) -> Bool {
        let before = failures
        for piece in pieces where !stopped { execute(piece) }
        return failures == before
    }

    /// Runs the statements a splitter hands out (all of a text, or what the shell's lines completed).
    @discardableResult
    public func run(_ splitter: Splitter) -> Bool {
        let before = failures
        while !stopped, let piece = splitter.nextPiece() {
            execute(piece)
        }
        return failures == before
    }

    /// A failure outside the session (output could not be written): it counts as a failed statement, and
    /// ends a batch run (`interactive` false) there.
    public func abandon(interactive: Bool) {
        failures += 1
        if !interactive || bail { stopped = true }
    }

    func fail(_ event: SessionEvent) {
        failures += 1
        sink(event)
        if bail { stopped = true }
    }

    /// Runs one piece of a text: a statement, or the problem that stopped it.
    func execute(_ piece: Splitter.Piece) {
        if shouldStop() {
            // Stopped between statements: the rest of the run is abandoned.
            stopped = true
            failures += 1
            sink(.interrupted)
            return
        }
        let statement: Statement
        switch piece.kind {
        case .problem(let d):
            fail(.error(d))
            return
        case .invalid(let d):
            note(piece)
            fail(.error(d))
            return
        case .statement(let s):
            statement = s
        }
        note(piece)
        let source = piece.source
        let start = system.now()
        do {
            try run(statement, source)
        } catch let d as Diagnostic {
            fail(.error(d))
        } catch is Interrupted {
            failures += 1
            sink(.interrupted)
        } catch {
            fail(.failure("\(error)"))
        }
        if timer, case .dot = statement {} else if timer {
            notice(.runTime(milliseconds: system.seconds(since: start) * 1000))
        }
    }

    /// Keeps a statement's text (not a dot-command's) for `.edit`, `.save` and `|` at the prompt, and its place.
    private func note(_ piece: Splitter.Piece) {
        statementOffset = piece.start
        guard !piece.isDotCommand else { return }
        lastStatement = piece.text
        currentStatement = lastStatement!
    }

    func evaluator(_ source: Source) -> Evaluator {
        let ev = Evaluator(kb: kb, source: source, variables: variables, shouldStop: shouldStop)
        // show's labels: French in a French table, French with French field names under .headers fr (docs/langage.md).
        ev.showLanguage = frenchHeaders ? .frenchNames : language == .fr && mode == .table ? .frenchLabels : .english
        return ev
    }

    func run(_ statement: Statement, _ source: Source) throws {
        func shown(_ r: ResultSet) throws {
            if let problem = emit(r) { throw Diagnostic(source: source, offset: statementOffset, problem: problem) }
        }
        let ev = evaluator(source)
        // Notes and hints go to standard error before the result (or the error), never into it.
        defer { for n in ev.notes { sink(.notice(n.headline)) } }
        switch statement {
        case .query(let q):
            let r = try ev.evaluate(q)
            for n in ev.notes { sink(.notice(n.headline)) }
            ev.clearNotes()
            try shown(r)
        case .assign(let name, let q, _):
            // Kept compact: a result cut from a large one (| limit, | where) may hold the large one's capacity.
            var v = try ev.evaluate(q)
            let rows = v.rows
            v.rows = [Row](unsafeUninitializedCapacity: rows.count) { buffer, count in
                _ = buffer.initialize(from: rows)
                count = rows.count
            }
            variables[name.lowercased()] = v
        case .show(let ref):
            let r = try ev.show(ref)
            for n in ev.notes { sink(.notice(n.headline)) }
            ev.clearNotes()
            try shown(r)
        case .brief(let ref):
            let b = try ev.brief(ref)
            guard [.table, .markdown, .json, .jsonl, .tsv, .csv].contains(mode) else {
                throw Diagnostic(source: source, offset: statementOffset, problem: .briefNeedsDocumentMode)
            }
            write((wroteResult ? "\n" : "") + renderer(mode).render(b))
            wroteResult = true
            if oncePath != nil, let problem = endOnce() { throw Diagnostic(source: source, offset: statementOffset, problem: problem) }
        case .dot(let name, let args, let offset):
            try dotCommand(name, args, offset, source)
        }
    }

    /// In a network mode (graphml, gexf, geojson), a table result has no network to write: an error, not an empty file.
    func checkNetworkMode(_ r: ResultSet) -> Problem? {
        guard mode.isNetwork, r.kind == .table else { return nil }
        return .session(.noNetwork(origin: r.origin, use: .mode(mode.rawValue)))
    }

    /// A renderer in a mode with the session's language.
    func renderer(_ mode: OutputMode) -> Renderer {
        var r = Renderer(kb: kb, mode: mode)
        r.language = language
        return r
    }

    /// The file results go to now (the `.once` one first), nil for standard output.
    var target: String? { oncePath ?? outputPath }

    /// The size of the terminal results go to now: nil when they go to a file (or the front end has no terminal).
    var screen: (rows: Int, columns: Int)? { target == nil ? terminal() : nil }

    /// Whether results go to an .xlsx workbook now: in xlsx mode, or to a file named *.xlsx.
    var toWorkbook: Bool { mode == .xlsx || (target?.lowercased().hasSuffix(".xlsx") ?? false) }

    /// Writes a result in the current mode, separated from the one before; returns why it cannot.
    /// At a terminal, table mode shows at most `maxRows` rows cut to its width, unless the pager is on, which
    /// takes every row of a result taller than the terminal; files and pipes get every row and character.
    @discardableResult
    public func emit(_ r: ResultSet) -> Problem? {
        if let problem = checkNetworkMode(r) { return problem }
        lastResult = r
        var renderer = Renderer(kb: kb, mode: mode)
        renderer.headers = headers
        renderer.language = language
        renderer.frenchHeaders = frenchHeaders
        renderer.separator = separator
        if toWorkbook {
            if target == nil && screen != nil {
                return .session(.workbookToTerminal)
            }
            if let problem = workbook.add(renderer.sheet(r, title: Session.sheetTitle(currentStatement))) { return .session(problem) }
            if oncePath != nil { return endOnce() }
            return nil
        }
        var paged = false
        if let screen = screen {
            if pager && mode != .dot {
                let full = renderer.render(r)
                if full.utf8.reduce(0, { $0 + ($1 == 0x0A ? 1 : 0) }) >= screen.rows - 1 {
                    paged = true
                    sink(.page(full))
                }
            } else {
                renderer.maxRows = maxRows
            }
            if cutToTerminal && !paged { renderer.width = screen.columns }
        }
        if !paged {
            var text = renderer.render(r)
            if mode == .excel && !wroteResult { text = "\u{FEFF}" + text }
            if wroteResult, let between = mode.entry.separator { text = between + text }
            write(text)
        }
        wroteResult = true
        return oncePath != nil ? endOnce() : nil
    }

    /// Starts a new output: the next result is not preceded by a separator.
    func resetOutput() { wroteResult = false }

    // MARK: Loading

    /// Replaces the KB with what loads from `paths`; problems are reported, what loaded is kept.
    func load(_ paths: [String], offset: Int, source: Source) throws {
        let r: LoadReport
        do {
            r = try Loader.load(paths: paths, system: system, shouldStop: shouldStop)
        } catch let f as LoadFailure {
            throw Diagnostic(source: source, offset: offset, problem: .session(.kbUnreadable(path: f.path, reason: f.reason, kept: true)))
        } catch is LoadInterrupted {
            throw Interrupted()
        }
        showProblems(r)
        report = r
        kbPaths = paths
        let dropped = variables.count
        variables = [:]
        notice(.loaded(Session.counts(r), milliseconds: r.seconds * 1000, problems: r.diagnostics.isEmpty ? 0 : r.problemCount, variablesCleared: dropped > 0))
        if !r.diagnostics.isEmpty { failures += 1; if bail { stopped = true } }
    }

    /// Sends a KB's problems, at most `LoadReport.maxShownPerFile` per file.
    func showProblems(_ r: LoadReport) {
        for p in r.shownProblems() {
            switch p {
            case .problem(let d): sink(.error(d))
            case .more(let problem): sink(.failure(Problem.session(problem).text))
            }
        }
    }

    /// The KB's record counts, for the load summary, the banner and `.stats`.
    public static func counts(_ r: LoadReport) -> SessionProblem.KBCounts {
        let kb = r.kb
        return SessionProblem.KBCounts(countries: kb.countries.count, authorities: kb.authorities.count, partnerships: kb.partnerships.count,
                                       groups: kb.groups.count, memberships: kb.memberships.count, derived: kb.membershipCount(basis: .derived))
    }

    /// "249 countries, 36,000 authorities, …" (English; the French banner has its own).
    public static func describeCounts(_ r: LoadReport) -> String { English().describe(counts(r)) }

    /// A count with thousands separated: 35,010.
    public static func grouped(_ v: Int) -> String {
        let s = String(v)
        var out = ""
        for (i, ch) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 && ch != "-" { out.append(",") }; out.append(ch) }
        return String(out.reversed())
    }

    /// The text `--check` and `.check` print: counts per record kind.
    public static func checkSummary(_ r: LoadReport) -> String {
        var out = ""
        for (k, n) in r.kb.counts { out += "\(k)\t\(n)\n" }
        out += "problems\t\(r.problemCount)\n"
        return out
    }

    // MARK: Dot-commands

    /// Runs a dot-command from the command table (Session/Commands.swift); an unknown name is an error with a
    /// suggestion among the table's names.
    func dotCommand(_ name: String, _ args: [String], _ offset: Int, _ source: Source) throws {
        guard let command = DotCommand.named(name) else {
            let suggestion = Similarity.closest(to: name, among: DotCommand.names, count: 1).first
            throw Diagnostic(source: source, offset: offset, problem: .unknownCommand(name, suggestion: suggestion))
        }
        try command.action(self, Invocation(command: command, arguments: args, offset: offset, source: source))
    }

    /// `.mode MODE`.
    func setMode(_ m: OutputMode, _ c: Invocation) throws {
        if m != .xlsx && target == nil && !workbook.isEmpty, let p = flushWorkbook() { throw c.fail(p) }
        mode = m
    }

    /// `.output [FILE]`.
    func setOutput(_ path: String?, _ c: Invocation) throws {
        if let path { try refuseExisting(path, c.offset, c.source) }
        if oncePath != nil, let p = endOnce() { throw c.fail(p) }
        if let p = flushWorkbook() { throw c.fail(p) }
        if let problem = redirect(path) { throw Diagnostic(source: c.source, offset: c.offset, problem: problem) }
        outputPath = path
        workbookFileOpen = path?.lowercased().hasSuffix(".xlsx") ?? false
        resetOutput()
    }

    /// `.excel [FILE.xlsx]`: the next result as a workbook, a temporary one opened when no FILE is given.
    func excel(_ path: String?, _ c: Invocation) throws {
        if let path {
            guard path.lowercased().hasSuffix(".xlsx") else {
                throw c.fail(.excelNeedsXLSX(path: path))
            }
            try once(path, open: false, c.offset, c.source)
        } else {
            excelCount += 1
            let dir = system.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var path = dir + "/coopkb-\(system.processID)-\(excelCount).xlsx"
            while system.exists(path) { excelCount += 1; path = dir + "/coopkb-\(system.processID)-\(excelCount).xlsx" }
            try once(path, open: true, c.offset, c.source)
        }
    }

    /// `.edit`: the last statement in the user's editor, then run.
    func editLast(_ c: Invocation) throws {
        let outcome = edit(lastStatement ?? "")
        if let p = outcome.problem { throw c.fail(p) }
        guard let text = outcome.text, !Session.isBlank(text) else {
            notice(.nothingToRun)
            return
        }
        run(Source(name: "<edit>", text: text))
    }

    /// `.read FILE`.
    func read(_ path: String, _ c: Invocation) throws {
        guard readDepth < Session.maxReadDepth else {
            throw c.fail(.readTooDeep(limit: Session.maxReadDepth))
        }
        // Through the loader's reader: a FIFO is read to its end, a file cut short meanwhile does not crash.
        let text: Source
        switch system.readFile(path, regularOnly: false) {
        case .success(let s): text = s
        case .failure(let reason): throw c.fail(.readFailed(path: path, reason: reason))
        }
        readDepth += 1
        defer { readDepth -= 1 }
        run(text)
    }

    /// The text of `.stats`.
    func stats() -> String {
        var out = "KB: \(kbPaths.joined(separator: " "))\n"
        out += "files: \(report.files.count), \(Session.grouped(report.bytes)) bytes\n"
        out += "records: " + Session.describeCounts(report) + "\n"
        out += String(format: "load time: %.1f ms (%.0f MB/s)\n", report.seconds * 1000, report.seconds > 0 ? Double(report.bytes) / report.seconds / 1e6 : 0)
        out += "problems: \(report.problemCount)\n"
        return out
    }

    /// The text of `.vars`.
    func describeVariables() -> String {
        var out = ""
        for name in variables.keys.sorted() {
            let v = variables[name]!
            out += "$\(name)\t\(v.rows.count) \(v.kind == .table ? "table" : v.kind.rawValue) row\(v.rows.count == 1 ? "" : "s")\n"
        }
        return out.isEmpty ? "no variables; set one with: let $name = query\n" : out
    }

    /// `.quit`: the session stops.
    func quit() {
        stopped = true
        sink(.quit)
    }

    // MARK: Pictures

    /// `.render FILE [STATEMENT]`: draws the last result, or the statement's, to SVG or PNG through Graphviz.
    func render(_ c: Invocation) throws {
        let args = c.arguments, offset = c.offset, source = c.source
        guard let file = args.first else { throw c.usage() }
        let format: String
        if file.lowercased().hasSuffix(".svg") { format = "svg" } else if file.lowercased().hasSuffix(".png") { format = "png" }
        else { throw c.fail(.pictureNeedsSVGOrPNG(path: file, command: c.command.name)) }
        try refuseLinkOrFile(file, c)
        let result: ResultSet
        if let parsed = try trailingStatement(after: 0, offset, source) {
            switch parsed {
            case .query(let q): result = try evaluator(source).evaluate(q)
            case .show(let ref): result = try evaluator(source).show(ref)
            default: throw c.fail(.renderNeedsQuery)
            }
        } else if let last = lastResult {
            result = last
        } else {
            throw c.fail(.nothingToDraw)
        }
        let nodes = DotWriter(kb: kb).nodeCount(result)
        if nodes > Session.maxRenderNodes {
            throw c.fail(.tooManyNodes(nodes: nodes, limit: Session.maxRenderNodes))
        }
        let picture: [UInt8]
        switch graphviz(DotWriter(kb: kb).graph(result), format: format) {
        case .success(let bytes): picture = bytes
        case .failure(let why): throw c.fail(why.problem)
        }
        if let problem = writeNew(picture, to: file) { throw c.fail(problem) }
        notice(.wrotePicture(path: file, nodes: nodes))
    }

    /// A Graphviz drawing of a DOT graph (`format`: svg or png), or why there is none.
    /// dot reads a pipe and writes to one, never opening a path (a name starting with '-' is no option, a link
    /// planted meanwhile is not followed): the caller writes the bytes into a file it creates exclusively.
    func graphviz(_ graph: String, format: String) -> Result<[UInt8], PictureProblem> {
        guard let dot = system.findTool("dot") else { return .failure(PictureProblem(problem: .graphvizMissing)) }
        return filter(dot, ["-T\(format)"], Array(graph.utf8))
    }

    /// Runs a program that reads standard input and writes standard output (dot, rsvg-convert) through the system;
    /// its output, or why there is none (its standard error kept for the message).
    func filter(_ program: String, _ arguments: [String], _ input: [UInt8]) -> Result<[UInt8], PictureProblem> {
        let name = String(program.split(separator: "/").last ?? Substring(program))
        let run = system.run(tool: program, arguments: arguments, input: input)
        guard let status = run.status else { return .failure(PictureProblem(problem: .cannotRunTool(program: program, reason: run.error))) }
        guard status == 0, !run.output.isEmpty else {
            let text = run.error.trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(PictureProblem(problem: .toolFailed(name: name, status: Int(status), message: text.replacingControlCharacters())))
        }
        return .success(run.output)
    }
}
