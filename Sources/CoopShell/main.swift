import ArgumentParser
import CLibEdit
import CoopKB
#if canImport(Glibc)
import Glibc
#endif

/// The `coopkb` command line: options, then statements from -e, files, standard input or the shell.
struct Coopkb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coopkb",
        abstract: "A query shell over a knowledge base of decentralized cooperation.",
        usage: """
            coopkb [--kb PATH]... [--format MODE] [--execute STATEMENT]... [--bail]
                   [--lenient] [--quiet] [--check] [--lang en|fr] [FILE...]
            """,
        discussion: Coopkb.discussion,
        version: "coopkb " + Help.version
    )

    /// The text after the options in --help and in the man page; paragraphs are wrapped to the terminal.
    static let discussion = """
        Statements come from -e, then FILEs (- is standard input). With neither, coopkb opens an interactive \
        shell when standard input is a terminal, else it runs the statements on standard input.

        Output modes (--format, .mode): \(OutputMode.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: "; ")).

        Files: ~/.coopkbrc holds statements and dot-commands run when the shell starts; \
        $XDG_CONFIG_HOME/coopkb/saved.kbq (default ~/.config/coopkb/saved.kbq) the queries kept by .save; \
        $COOPKB_HISTORY (default ~/.coopkb_history) the shell's history. The shell pages long results \
        through $PAGER (default less -FRSX) and .edit opens $VISUAL or $EDITOR.

        Exit status: 0 when every statement succeeded; 1 when one failed; 2 for a usage error, an \
        unreadable KB, or a KB with problems (unless --lenient); 130 when Ctrl-C stopped a batch.
        """

    @Option(name: [.customShort("k"), .long], help: ArgumentHelp("A KB directory or a single .kb file (repeatable; default $COOPKB_KB, else ./kb).", valueName: "PATH"), completion: .file())
    var kb: [String] = []

    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Output mode: \(OutputMode.names) (default: table on a terminal, else tsv).", valueName: "MODE"),
            completion: .list(OutputMode.allCases.map(\.rawValue)))
    var format: String?

    @Option(name: [.customShort("e"), .long], help: ArgumentHelp("Run a statement (repeatable); runs before the FILEs.", valueName: "STATEMENT"))
    var execute: [String] = []

    @Option(help: ArgumentHelp("Language of messages, help and row counts: en or fr (default: $COOPKB_LANG, else the locale: LC_ALL, LC_MESSAGES, LANG).", valueName: "LANG"),
            completion: .list(["en", "fr"]))
    var lang: String?

    @Flag(help: "Stop at the first statement that fails.")
    var bail = false

    @Flag(help: "Run on what loaded when the KB has problems.")
    var lenient = false

    @Flag(help: "No banner or notices; errors are still reported.")
    var quiet = false

    @Flag(help: "Load, validate, print counts per record kind, and exit.")
    var check = false

    @Argument(help: ArgumentHelp("Files of statements to run; - is standard input.", valueName: "FILE"), completion: .file())
    var files: [String] = []

    func validate() throws {
        if let l = lang, Language(named: l) == nil {
            throw ValidationError("unknown language '\(l)'; use en or fr")
        }
        if let f = format, OutputMode(rawValue: f.lowercased()) == nil {
            throw ValidationError("unknown format '\(f)'; use one of \(OutputMode.names)")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        // Ctrl-\ (SIGQUIT): end at once with status 131, the terminal restored, no backtrace.
        coopkb_install_sigquit()
        // Ctrl-C while the KB loads or a batch runs: stop, and end with status 130 (the shell installs its own).
        BatchInterrupt.install()
        let out = Terminal.stdout
        let system = POSIXSystem()
        let chosen = Language.choose(flag: lang.flatMap(Language.init(named:)), environment: system.environment)
        let language = chosen.language
        // KB-file problems are worded while loading, before the session exists: in the chosen language too.
        Messages.renderer = language.problems
        func say(_ p: SessionProblem) { Terminal.stderr.write("coopkb: " + (p.isWarning ? "warning: " : "error: ") + Problem.session(p).text + "\n") }
        if let w = chosen.warning { say(w) }
        var paths = kb
        if paths.isEmpty {
            if let env = system.environment("COOPKB_KB"), !env.isEmpty { paths = [env] } else { paths = ["./kb"] }
        }
        let report: LoadReport
        do {
            BatchInterrupt.loading = true
            defer { BatchInterrupt.loading = false }
            report = try Loader.load(paths: paths, system: system)
        } catch let f as LoadFailure {
            say(.kbUnreadable(path: f.path, reason: f.reason, kept: false))
            if kb.isEmpty { Terminal.stderr.write("coopkb: " + Problem.session(.kbNotGiven).text + "\n") }
            throw ExitCode(Outcome.kbUnreadable.status)
        }
        // The loaded KB lives until the process ends: freeing its records one by one at exit costs time and
        // changes nothing (3% of a shipped-KB `--check`, by callgrind).
        KeptUntilExit.report = report
        let interactive = execute.isEmpty && files.isEmpty && isatty(0) == 1 && !check
        if !report.diagnostics.isEmpty && !interactive {
            for p in report.shownProblems() {
                switch p {
                case .problem(let d): Terminal.stderr.write(d.rendered + "\n")
                case .more(let problem): Terminal.stderr.write("coopkb: " + Problem.session(problem).text + "\n")
                }
            }
            Terminal.stderr.write("coopkb: " + Problem.session(.kbHasProblems(count: report.problemCount, lenient: lenient)).text + "\n")
        }
        if check {
            out.write(Session.checkSummary(report))
            throw ExitCode((report.diagnostics.isEmpty || lenient ? Outcome.ran(failures: 0) : .kbProblems).status)
        }
        if !report.diagnostics.isEmpty && !interactive && !lenient { throw ExitCode(Outcome.kbProblems.status) }

        let mode = format.flatMap { OutputMode(rawValue: $0.lowercased()) } ?? (isatty(1) == 1 ? .table : .tsv)
        let session = Session(report: report, kbPaths: paths, mode: mode, system: system)
        session.bail = bail
        session.language = language
        let front = FrontEnd(session: session, quiet: quiet)
        if interactive {
            throw ExitCode(Shell(session: session, front: front).run().status)
        }
        front.install()
        session.shouldStop = { BatchInterrupt.requested }
        // An -e that starts with | continues the -e before it, as a line starting with | does in a file.
        var statements: [String] = []
        for e in execute {
            if let last = statements.last, e.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" }).hasPrefix("|") {
                statements[statements.count - 1] = last + "\n" + e
            } else {
                statements.append(e)
            }
        }
        for statement in statements where !session.stopped {
            session.run(statement, sourceName: "<execute>")
        }
        for file in files where !session.stopped {
            if file == "-" {
                session.run(Source(name: "<stdin>", bytes: Terminal.readAll(fd: 0)))
            } else if let bytes = Terminal.readFile(file) {
                session.run(Source(name: file, bytes: bytes))
            } else {
                say(.statementFileUnreadable(path: file, reason: POSIXSystem.error(errno)))
                throw ExitCode(Outcome.usage.status)
            }
        }
        if execute.isEmpty && files.isEmpty {
            session.run(Source(name: "<stdin>", bytes: Terminal.readAll(fd: 0)))
        }
        front.close()
        let outcome: Outcome = front.interrupted || BatchInterrupt.requested ? .interrupted
            : front.writeFailed ? .outputLost : .ran(failures: session.failures)
        throw ExitCode(outcome.status)
    }
}

/// What the process keeps until it exits rather than free it on the way out.
enum KeptUntilExit {
    nonisolated(unsafe) static var report: LoadReport?
}

enum Environment {
    static func value(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }
}

// Usage errors exit with Outcome.usage's status (2), as the SPEC says (ArgumentParser's own default is 64).
do {
    var command = try Coopkb.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    Terminal.stdout.flush()
    if let failure = Terminal.stdout.failure, !Terminal.stdout.reported {
        Terminal.stderr.write("coopkb: error: " + Problem.session(.outputLost(to: .standardOutput, reason: failure)).text + "\n")
        exit(code.rawValue == 0 ? Outcome.outputLost.status : code.rawValue)
    }
    if Terminal.stdout.failure != nil && code.rawValue == 0 { exit(Outcome.outputLost.status) }
    exit(code.rawValue)
} catch {
    let status = Coopkb.exitCode(for: error)
    let message = Coopkb.fullMessage(for: error)
    if status == .success {
        Terminal.stdout.write(message + "\n")
        Terminal.stdout.flush()
        exit(Outcome.informed.status)
    }
    Terminal.stderr.write("coopkb: " + message + "\n")
    if !message.contains("Usage:") { Terminal.stderr.write("Usage: coopkb [--kb PATH]... [--format MODE] [--execute STATEMENT]... [--bail] [--lenient] [--quiet] [--check] [FILE...]\n       coopkb --help for more\n") }
    exit(Outcome.usage.status)
}
