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
    /// Sends later output to a file (nil: standard output); returns why it cannot, or nil.
    public var redirect: (String?) -> String? = { _ in "no file output here" }
    /// Sends the next result to a file (`.once`, `.excel`), or ends that (nil); returns why it cannot, or nil.
    public var redirectOnce: (String?) -> String? = { _ in "no file output here" }
    /// Opens a written file in the desktop's spreadsheet program (`.excel` without FILE); returns a notice.
    public var openFile: (String) -> String = { path in "wrote \(path)" }
    /// Lets a person edit a statement (`.edit`): the saved text, or why there is none.
    public var edit: (String) -> (text: String?, problem: String?) = { _ in (nil, "no editor here") }
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

    public init(report: LoadReport, kbPaths: [String], mode: OutputMode, sink: @escaping (SessionEvent) -> Void = { _ in }) {
        self.report = report
        self.kbPaths = kbPaths
        self.mode = mode
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
        let start = DispatchTime.now()
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
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            sink(.notice(String(format: "Run Time: %.3f ms", ms)))
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
            if let problem = emit(r) { throw Diagnostic(source: source, offset: statementOffset, message: problem) }
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
            sink(.output((wroteResult ? "\n" : "") + renderer(mode).render(b)))
            wroteResult = true
            if oncePath != nil, let problem = endOnce() { throw Diagnostic(source: source, offset: statementOffset, message: problem) }
        case .dot(let name, let args, let offset):
            try dotCommand(name, args, offset, source)
        }
    }

    /// In a network mode (graphml, gexf, geojson), a table result has no network to write: an error, not an empty file.
    func checkNetworkMode(_ r: ResultSet) -> String? {
        guard mode.isNetwork, r.kind == .table else { return nil }
        return "a \(r.origin.isEmpty ? "table" : r.origin) result has no network to write as \(mode.rawValue); give a query of authorities, partnerships, groups or countries, or switch with .mode table"
    }

    /// A renderer in a mode with the session's language.
    func renderer(_ mode: OutputMode) -> Renderer {
        var r = Renderer(kb: kb, mode: mode)
        r.language = language
        return r
    }

    /// The file results go to now (the `.once` one first), nil for standard output.
    var target: String? { oncePath ?? outputPath }

    /// Whether results go to an .xlsx workbook now: in xlsx mode, or to a file named *.xlsx.
    var toWorkbook: Bool { mode == .xlsx || (target?.lowercased().hasSuffix(".xlsx") ?? false) }

    /// Writes a result in the current mode, separated from the one before; returns why it cannot.
    /// At a terminal, table mode shows at most `maxRows` rows cut to its width, unless the pager is on, which
    /// takes every row of a result taller than the terminal; files and pipes get every row and character.
    @discardableResult
    public func emit(_ r: ResultSet) -> String? {
        if let problem = checkNetworkMode(r) { return problem }
        lastResult = r
        var renderer = Renderer(kb: kb, mode: mode)
        renderer.headers = headers
        renderer.language = language
        renderer.frenchHeaders = frenchHeaders
        renderer.separator = separator
        if toWorkbook {
            if target == nil && terminal() != nil {
                return "xlsx is a binary workbook and standard output is a terminal: write it with .output FILE.xlsx or .excel [FILE.xlsx], or redirect (> FILE.xlsx)"
            }
            if let problem = workbook.add(renderer.sheet(r, title: Session.sheetTitle(currentStatement))) { return problem }
            if oncePath != nil { return endOnce() }
            return nil
        }
        var paged = false
        if let screen = terminal() {
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
            sink(.output(text))
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
            r = try Loader.load(paths: paths, shouldStop: shouldStop)
        } catch let f as LoadFailure {
            throw Diagnostic(source: source, offset: offset, message: f.description + "; the KB in use is unchanged")
        } catch is LoadInterrupted {
            throw Interrupted()
        }
        showProblems(r)
        report = r
        kbPaths = paths
        let dropped = variables.count
        variables = [:]
        var summary = "loaded " + Session.describeCounts(r) + String(format: " in %.0f ms", r.seconds * 1000)
        if !r.diagnostics.isEmpty { summary += "; \(Session.grouped(r.problemCount)) problem\(r.problemCount == 1 ? "" : "s") (records with problems were left out)" }
        if dropped > 0 { summary += "; variables cleared" }
        sink(.notice(summary))
        if !r.diagnostics.isEmpty { failures += 1; if bail { stopped = true } }
    }

    /// Sends a KB's problems, at most `LoadReport.maxShownPerFile` per file.
    func showProblems(_ r: LoadReport) {
        for p in r.shownProblems() {
            switch p {
            case .problem(let d): sink(.error(d))
            case .more(let text): sink(.failure(text))
            }
        }
    }

    /// "249 countries, 36,000 authorities, …".
    public static func describeCounts(_ r: LoadReport) -> String {
        let kb = r.kb
        func n(_ v: Int, _ one: String) -> String { "\(Session.grouped(v)) \(v == 1 ? one : English.plural(one))" }
        return [n(kb.countries.count, "country"), n(kb.authorities.count, "authority"), n(kb.partnerships.count, "partnership"),
                n(kb.groups.count, "group"), n(kb.memberships.count, "membership") + Session.basisCounts(kb)].joined(separator: ", ")
    }

    /// " (2 stated, 308 derived)" when some membership is derived; empty otherwise.
    static func basisCounts(_ kb: KnowledgeBase) -> String {
        let derived = kb.membershipCount(basis: .derived)
        if derived == 0 { return "" }
        return " (\(Session.grouped(kb.memberships.count - derived)) stated, \(Session.grouped(derived)) derived)"
    }

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
        if let problem = redirect(path) { throw c.fail(problem) }
        outputPath = path
        workbookFileOpen = path?.lowercased().hasSuffix(".xlsx") ?? false
        resetOutput()
    }

    /// `.excel [FILE.xlsx]`: the next result as a workbook, a temporary one opened when no FILE is given.
    func excel(_ path: String?, _ c: Invocation) throws {
        if let path {
            guard path.lowercased().hasSuffix(".xlsx") else {
                throw c.fail("'\(path)': .excel writes an .xlsx workbook, so name it FILE.xlsx; for CSV that Excel opens, use .mode excel with .once FILE.csv")
            }
            try once(path, open: false, c.offset, c.source)
        } else {
            excelCount += 1
            let dir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var path = dir + "/coopkb-\(ProcessInfo.processInfo.processIdentifier)-\(excelCount).xlsx"
            while FileManager.default.fileExists(atPath: path) { excelCount += 1; path = dir + "/coopkb-\(ProcessInfo.processInfo.processIdentifier)-\(excelCount).xlsx" }
            try once(path, open: true, c.offset, c.source)
        }
    }

    /// `.edit`: the last statement in the user's editor, then run.
    func editLast(_ c: Invocation) throws {
        let outcome = edit(lastStatement ?? "")
        if let p = outcome.problem { throw c.fail(p) }
        guard let text = outcome.text, !Session.isBlank(text) else {
            sink(.notice("nothing to run: the edited statement is empty"))
            return
        }
        run(Source(name: "<edit>", text: text))
    }

    /// `.read FILE`.
    func read(_ path: String, _ c: Invocation) throws {
        guard readDepth < Session.maxReadDepth else {
            throw c.fail(".read nested more than \(Session.maxReadDepth) deep (does a file read itself?)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw c.fail("cannot read '\(path)': it is a directory")
        }
        // Through the loader's reader: a FIFO is read to its end, a file cut short meanwhile does not crash.
        let text: Source
        switch Loader.readFile(path) {
        case .success(let s): text = s
        case .failure(let reason):
            throw c.fail("cannot read '\(path)': \(FileManager.default.fileExists(atPath: path) ? reason : "no such file")")
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
        func fail(_ message: String) -> Diagnostic { c.fail(message) }
        guard let file = args.first else { throw c.usage() }
        let format: String
        if file.lowercased().hasSuffix(".svg") { format = "svg" } else if file.lowercased().hasSuffix(".png") { format = "png" }
        else { throw fail("'\(file)': .render writes .svg or .png files; name the file accordingly") }
        var st = stat()
        if lstat(file, &st) == 0 {
            throw fail("'\(file)' exists and would be overwritten; remove it first or choose another name")
        }
        let result: ResultSet
        if let parsed = try trailingStatement(after: 0, offset, source) {
            switch parsed {
            case .query(let q): result = try evaluator(source).evaluate(q)
            case .show(let ref): result = try evaluator(source).show(ref)
            default: throw fail(".render draws a query's result; give a query, like: .render net.svg partners of rennes")
            }
        } else if let last = lastResult {
            result = last
        } else {
            throw fail("nothing to draw yet: run a query first, or give one: .render net.svg partners of rennes")
        }
        let nodes = DotWriter(kb: kb).nodeCount(result)
        if nodes > Session.maxRenderNodes {
            throw fail("\(nodes) nodes are too many to read in a picture (at most \(Session.maxRenderNodes)); narrow the query with | limit N or a tighter where")
        }
        let picture: [UInt8]
        switch Session.graphviz(DotWriter(kb: kb).graph(result), format: format) {
        case .success(let bytes): picture = bytes
        case .failure(let why): throw fail(why.message)
        }
        if let problem = Session.write(bytes: picture, to: file) { throw fail(problem) }
        sink(.notice("wrote \(file) (\(nodes) node\(nodes == 1 ? "" : "s"))"))
    }

    /// A Graphviz drawing of a DOT graph (`format`: svg or png), or why there is none.
    /// dot reads a pipe and writes to one, never opening a path (a name starting with '-' is no option, a link
    /// planted meanwhile is not followed): the caller writes the bytes into a file it creates exclusively.
    static func graphviz(_ graph: String, format: String) -> Result<[UInt8], PictureProblem> {
        guard let dot = Session.findExecutable("dot") else {
            return .failure(PictureProblem(message: "Graphviz's dot is not installed: on Debian, apt-get install graphviz (make run installs it); -f dot writes the graph as text meanwhile"))
        }
        return Session.filter(dot, ["-T\(format)"], Data(graph.utf8))
    }

    /// Runs a program that reads standard input and writes standard output (dot, rsvg-convert): the input from a
    /// pipe, the output read from one, standard error kept for the message; its output, or why there is none.
    static func filter(_ program: String, _ arguments: [String], _ input: Data) -> Result<[UInt8], PictureProblem> {
        let name = (program as NSString).lastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = stdout
        do { try process.run() } catch { return .failure(PictureProblem(message: "cannot run \(program): \(error)")) }
        let feeder = Thread { try? stdin.fileHandleForWriting.write(contentsOf: input); try? stdin.fileHandleForWriting.close() }
        feeder.start()
        nonisolated(unsafe) var message = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { message = stderr.fileHandleForReading.readDataToEndOfFile(); drained.signal() }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !output.isEmpty else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(PictureProblem(message: "\(name) failed (status \(process.terminationStatus)): \(text.replacingControlCharacters())"))
        }
        return .success([UInt8](output))
    }

    /// The path of an executable found on PATH.
    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
