import CLibEdit
import CoopKB
#if canImport(Glibc)
import Glibc
#endif

/// The completer the line editor's Tab asks (C callbacks cannot capture).
nonisolated(unsafe) var shellCompleter: Completer? = nil
/// The prompt the line editor shows next.
nonisolated(unsafe) var shellPrompt: UnsafeMutablePointer<CChar>? = nil
/// The line up to the cursor when Tab last could not complete further: a second Tab there lists the candidates.
nonisolated(unsafe) var lastStuckTab: String? = nil

/// The interactive shell: libedit line editing, completion of the KB's own names, history, Ctrl-C.
struct Shell {
    let session: Session
    let front: FrontEnd
    /// The most history entries kept.
    static let historySize: Int32 = 1000
    /// More candidates than this are listed only after asking.
    static let listWithoutAsking = 100
    /// The prompts, for a new statement and for one still incomplete; kept for the life of the process.
    static let prompt = strdup("coopkb> ")
    static let continuation = strdup("   ...> ")

    /// Runs until Ctrl-D or `.quit`; returns how it ended.
    func run() -> Outcome {
        // Accented input needs a UTF-8 character type, whatever the environment says.
        if setlocale(LC_CTYPE, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        front.install()
        session.interactive = true
        if !front.quiet { Terminal.stderr.write(session.language == .fr ? French.banner(session.report) : Shell.banner(session.report)) }
        session.maxRows = 40
        session.cutToTerminal = true
        // As psql: at a terminal, a result taller than it goes through the pager (.pager off cuts it instead);
        // not on a terminal without a TERM that a pager can drive (less would stop to warn).
        let term = Environment.value("TERM") ?? ""
        session.pager = isatty(1) == 1 && !term.isEmpty && term != "dumb"
        front.pager = Pager.fromEnvironment()
        shellCompleter = Completer(kb: session.kb)
        shellCompleter?.prepare()
        shellCompleter?.language = session.language
        shellCompleter?.savedNames = session.savedQueryNames()
        session.shouldStop = { coopkb_peek_interrupt() != 0 }
        coopkb_install_sigint()
        let history = HistoryFile(path: Environment.value("COOPKB_HISTORY")
            ?? ((Environment.value("HOME") ?? ".") + "/.coopkb_history"))
        guard let editor = coopkb_el_open("coopkb", history.entries, Shell.promptFunction, Shell.completeKey) else {
            Terminal.stderr.write("coopkb: error: " + Problem.session(.lineEditorFailed).text + "\n")
            return .shellFailed
        }
        defer { el_end(editor) }
        history.load()
        runStartupFile()
        // The statement being typed, for the history, and the splitter its lines go to.
        var buffer = ""
        var splitter = Splitter(name: "<stdin>")
        var ready: [Splitter.Piece] = []
        func startOver() {
            buffer = ""
            splitter = Splitter(name: "<stdin>")
            ready = []
        }
        while !session.stopped {
            shellPrompt = buffer.isEmpty ? Shell.prompt : Shell.continuation
            _ = coopkb_take_interrupt()
            lastStuckTab = nil
            var count: Int32 = 0
            guard let cline = el_gets(editor, &count) else {
                // libedit sets count to -1 when its reader failed (our reader's EINTR after Ctrl-C) and leaves it
                // 0 at end of input (Ctrl-D). Only the first is a Ctrl-C: a Ctrl-D read while a late SIGINT set the
                // flag (its handler may run on another thread, after the prompt came back) still leaves.
                if coopkb_take_interrupt() != 0 && count < 0 {
                    // Ctrl-C at the prompt: the line (and any unfinished statement) is dropped.
                    Terminal.stderr.write("^C\n")
                    startOver()
                    continue
                }
                Terminal.stderr.write("\n")
                break
            }
            var line = String(cString: cline)
            if line.hasSuffix("\n") { line.removeLast() }
            if coopkb_take_interrupt() != 0 { startOver(); continue }
            // A line starting with | continues the statement before it, which already ran: it runs again with
            // the new stages.
            if buffer.isEmpty, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("|"), let last = session.lastStatement {
                buffer = last
                splitter.add(last)
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if buffer.allSatisfy({ $0 == " " || $0 == "\t" }) { startOver(); continue }
            // Only the new line is lexed; the statements it completes come out parsed, once.
            splitter.add(line)
            ready += splitter.pieces()
            if splitter.waiting { continue }
            history.add(buffer)
            let before = session.lastStatement
            session.run(ready)
            front.finish()
            // What `.edit` or `.run` ran is kept in the history too, to recall with Up.
            if let ran = session.lastStatement, ran != before, buffer.hasPrefix(".") { history.add(ran) }
            if session.kb !== shellCompleter?.kbIdentity {
                shellCompleter = Completer(kb: session.kb)
                shellCompleter?.prepare()
            }
            shellCompleter?.variables = session.variables.mapValues(\.kind)
            shellCompleter?.language = session.language
            if buffer.hasPrefix(".") { shellCompleter?.savedNames = session.savedQueryNames() }
            _ = coopkb_take_interrupt()
            startOver()
        }
        front.close()
        return .shellEnded
    }

    /// `~/.coopkbrc`: statements and dot-commands run when the shell starts (as sqlite3's `.sqliterc`).
    func runStartupFile() {
        guard let home = Environment.value("HOME"), !home.isEmpty else { return }
        let path = home + "/.coopkbrc"
        var st = stat()
        guard stat(path, &st) == 0 else { return }
        guard let bytes = Terminal.readFile(path) else {
            Terminal.stderr.write("coopkb: warning: " + Problem.session(.startupFileUnreadable(path: path, reason: POSIXSystem.error(errno))).text + "\n")
            return
        }
        session.run(Source(name: path, bytes: bytes))
        front.finish()
        _ = coopkb_take_interrupt()
    }

    /// The KB's counts, its load time, its problems if any, and how to get going.
    static func banner(_ r: LoadReport) -> String {
        var banner = "coopkb — " + Session.describeCounts(r) + String(format: " (loaded in %.0f ms)", r.seconds * 1000)
        if !r.diagnostics.isEmpty {
            let n = r.problemCount
            banner += "\nthe KB has \(Session.grouped(n)) problem\(n == 1 ? "" : "s"): records with problems were left out; .check lists them"
        }
        return banner + "\n.help for help, Tab completes, Ctrl-C stops a query, Ctrl-D leaves\n"
    }

    /// Ctrl-C's flag. The C shim's state is static in a header, so each Swift file would see its own copy:
    /// other files ask through these.
    static func takeInterrupt() -> Bool { coopkb_take_interrupt() != 0 }
    static func peekInterrupt() -> Bool { coopkb_peek_interrupt() != 0 }

    /// The terminal's rows and columns (24 by 80 when it does not say).
    static func terminalSize(fd: Int32 = 1) -> (rows: Int, columns: Int) {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 && size.ws_row > 0 { return (Int(size.ws_row), Int(size.ws_col)) }
        return (24, 80)
    }

    /// The terminal's width in columns, or 0 when unknown.
    static func terminalWidth(fd: Int32 = 1) -> Int {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        return 0
    }

    static let promptFunction: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { _ in shellPrompt }

    /// Tab: completes the word before the cursor as far as the candidates agree; a second Tab lists them.
    static let completeKey: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { el, key in
        guard let el, let completer = shellCompleter else { return UInt8(CC_ERROR) }
        var length: Int32 = 0
        guard let bytes = coopkb_el_before_cursor(el, &length) else { return UInt8(CC_ERROR) }
        let prefix = String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
        switch completer.complete(prefix) {
        case .files:
            return _el_fn_complete(el, key)
        case .words(let start, let candidates):
            return Shell.complete(el, prefix, from: start, with: candidates)
        }
    }

    /// Replaces what was typed from `start` by the one candidate, or by the longest start the candidates
    /// share; when that gains nothing, a second Tab at the same place lists them.
    static func complete(_ el: OpaquePointer, _ prefix: String, from start: Int, with candidates: [String]) -> UInt8 {
        let typed = String(Array(prefix)[start...])
        if candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
        if candidates.count == 1 {
            replace(el, typed, with: candidates[0] + " ")
            // Reached by a name its id does not show (tombou → timbuktu): say which element it is.
            guard let completer = shellCompleter, completer.reachedByAnotherName(typed, candidates[0]) else { return UInt8(CC_REFRESH) }
            list(el, [completer.label(candidates[0])])
            return UInt8(CC_REDISPLAY)
        }
        let common = commonStart(candidates)
        if Folding.fold(String(unquoted(common))).count > Folding.fold(String(unquoted(typed))).count {
            replace(el, typed, with: common)
            lastStuckTab = String(Array(prefix)[..<start]) + common
            return UInt8(CC_REFRESH)
        }
        if lastStuckTab != prefix {
            lastStuckTab = prefix
            return UInt8(CC_REFRESH_BEEP)
        }
        list(el, candidates.map { shellCompleter?.label($0) ?? $0 })
        return UInt8(CC_REDISPLAY)
    }

    static func replace(_ el: OpaquePointer, _ typed: String, with text: String) {
        el_deletestr(el, Int32(typed.unicodeScalars.count))
        _ = el_insertstr(el, text)
    }

    static func unquoted(_ s: String) -> Substring { s.hasPrefix("\"") ? s.dropFirst() : Substring(s) }

    /// The longest start all candidates share, comparing as names are matched (case, accents and separators
    /// aside), in the first candidate's spelling; quoted when any candidate is.
    static func commonStart(_ candidates: [String]) -> String {
        func key(_ c: Character) -> String {
            " -'’_.".contains(c) ? " " : Folding.fold(String(c))
        }
        let first = Array(unquoted(candidates[0]))
        var length = first.count
        for c in candidates.dropFirst() {
            let other = Array(unquoted(c))
            var i = 0
            while i < min(length, other.count) && key(first[i]) == key(other[i]) { i += 1 }
            length = i
        }
        let quoted = candidates.contains { $0.hasPrefix("\"") }
        return (quoted ? "\"" : "") + String(first[..<length])
    }

    /// Lists candidates in columns, down then across, as a shell does; asks first when there are many.
    static func list(_ el: OpaquePointer, _ candidates: [String]) {
        coopkb_el_flush()
        let out = OutputStream(fd: coopkb_el_output_fd(), eager: true)
        if candidates.count > listWithoutAsking {
            let many = candidates.count >= 1000 ? "at least 1,000" : Session.grouped(candidates.count)
            out.write("\nDisplay all \(many) possibilities? (y or n) ")
            var answer: CChar = 0
            let got = el_getc(el, &answer)
            _ = coopkb_take_interrupt()
            guard got == 1, answer == CChar(UInt8(ascii: "y")) || answer == CChar(UInt8(ascii: "Y")) else {
                out.write("\n")
                return
            }
        }
        let widths = candidates.map { DisplayWidth.of($0) }
        let columnWidth = (widths.max() ?? 0) + 2
        let screen = max(terminalWidth(fd: coopkb_el_output_fd()), 40)
        let columns = max(1, screen / columnWidth)
        let rows = (candidates.count + columns - 1) / columns
        var text = "\n"
        for r in 0..<rows {
            var line = ""
            for c in 0..<columns {
                let i = c * rows + r
                guard i < candidates.count else { break }
                line += candidates[i]
                if (c + 1) * rows + r < candidates.count { line += String(repeating: " ", count: columnWidth - widths[i]) }
            }
            text += line + "\n"
        }
        out.write(text)
    }
}

/// The history file: read at start, written after each statement with mode 0600, capped, no consecutive
/// duplicates. A file that cannot be read or written gives one warning; the shell goes on without it.
final class HistoryFile {
    let path: String
    /// libedit's history, which the line editor recalls entries from.
    let entries: OpaquePointer
    /// False once the file proved unreadable or unwritable: it is then left alone.
    private var usable = true

    init(path: String) {
        self.path = path
        entries = coopkb_history_open(Shell.historySize)
    }

    func load() {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if let problem = HistoryFile.refusal(st) {
            usable = false
            HistoryFile.warn(.historyRefused(path: path, what: problem, atStart: true))
            return
        }
        guard st.st_size > 0 else { return }
        // Opened without following a link or waiting on a FIFO, then read through this very descriptor.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        var fst = stat()
        let opened = fd >= 0 && fstat(fd, &fst) == 0 && (fst.st_mode & S_IFMT) == S_IFREG
        defer { if fd >= 0 { close(fd) } }
        if !opened || coopkb_history_load(entries, "/proc/self/fd/\(fd)") < 0 {
            usable = false
            HistoryFile.warn(.historyUnreadable(path: path))
        }
    }

    /// Why a history path is not used: a symbolic link (its target is not ours to write) or not a regular file.
    static func refusal(_ st: stat) -> SessionProblem.FileKind? {
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return .symbolicLink
        case S_IFDIR: return .directory
        default: return .special
        }
    }

    func add(_ entry: String) {
        coopkb_history_enter(entries, entry)
        save()
    }

    /// Writes the history to a new file created exclusively beside the path (mode 0600), then renames it over
    /// the path: a link planted there is replaced, never followed, and a reader never sees half a file.
    func save() {
        guard usable else { return }
        var st = stat()
        if lstat(path, &st) == 0 {
            if let problem = HistoryFile.refusal(st) {
                usable = false
                HistoryFile.warn(.historyRefused(path: path, what: problem, atStart: false))
                return
            }
            if access(path, W_OK) != 0 { return cannotWrite() }
        }
        var template = Array((path + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return cannotWrite() }
        let temporary = String(cString: template)
        fchmod(fd, 0o600)
        if coopkb_history_save_fd(entries, fd) < 0 || rename(temporary, path) != 0 {
            unlink(temporary)
            return cannotWrite()
        }
    }

    private func cannotWrite() {
        usable = false
        HistoryFile.warn(.historyUnwritable(path: path))
    }

    static func warn(_ p: SessionProblem) { Terminal.stderr.write("coopkb: warning: " + Problem.session(p).text + "\n") }
}
