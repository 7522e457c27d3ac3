import CLibEdit
import CoopKB
#if canImport(Glibc)
import Glibc
#endif

/// The completer the line editor's callback asks (C callbacks cannot capture).
nonisolated(unsafe) var shellCompleter: Completer? = nil

/// The interactive shell: libedit line editing, completion of the KB's own names, history, Ctrl-C.
struct Shell {
    let session: Session
    let front: FrontEnd
    /// The most history entries kept.
    static let historySize: Int32 = 1000

    /// Runs until Ctrl-D or `.quit`; returns the exit status.
    func run() -> Int32 {
        if setlocale(LC_CTYPE, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
        front.install()
        let r = session.report
        if !front.quiet {
            var banner = "coopkb — " + Session.describeCounts(r) + String(format: " (loaded in %.0f ms)", r.seconds * 1000)
            if !r.diagnostics.isEmpty {
                banner += "\nthe KB has \(r.diagnostics.count) problem\(r.diagnostics.count == 1 ? "" : "s"): records with problems were left out; .check lists them"
            }
            banner += "\n.help for help, Tab completes, Ctrl-C stops a query, Ctrl-D leaves"
            Terminal.stderr.write(banner + "\n")
        }
        session.maxRows = 40
        session.width = Shell.terminalWidth()
        shellCompleter = Completer(kb: session.kb)
        session.shouldStop = { coopkb_peek_interrupt() != 0 }
        // The editor keeps these pointers: give it copies that live as long as the process.
        coopkb_rl_set_name(strdup("coopkb"))
        coopkb_rl_set_catch_signals(0)
        coopkb_rl_set_word_break(strdup(" \t\n\"(),|;=<>!~"))
        coopkb_rl_set_completion(Shell.completion)
        coopkb_install_sigint()
        let history = History(path: Environment.value("COOPKB_HISTORY") ?? ((Environment.value("HOME") ?? ".") + "/.coopkb_history"))
        history.load()
        var buffer = ""
        while !session.stopped {
            let prompt = buffer.isEmpty ? "coopkb> " : "   ...> "
            _ = coopkb_take_interrupt()
            guard let cline = readline(prompt) else {
                if coopkb_take_interrupt() != 0 {
                    // Ctrl-C at the prompt: the line (and any unfinished statement) is dropped.
                    Terminal.stderr.write("^C\n")
                    buffer = ""
                    continue
                }
                Terminal.stderr.write("\n")
                break
            }
            let line = String(cString: cline)
            free(cline)
            if coopkb_take_interrupt() != 0 { buffer = ""; continue }
            buffer += buffer.isEmpty ? line : "\n" + line
            if buffer.allSatisfy({ $0 == " " || $0 == "\t" }) { buffer = ""; continue }
            if !session.isComplete(buffer) { continue }
            history.add(buffer)
            session.width = Shell.terminalWidth()
            session.run(buffer, sourceName: "<stdin>")
            shellCompleter?.variables = session.variables.keys.sorted()
            if session.kb !== shellCompleter?.kbIdentity { shellCompleter = Completer(kb: session.kb) }
            front.finish()
            _ = coopkb_take_interrupt()
            buffer = ""
        }
        history.save()
        front.finish()
        return 0
    }

    /// The terminal's width in columns, or 0 when unknown.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        return 0
    }

    /// The line editor's completion callback: offers from the Completer, cut to the word the editor replaces.
    static let completion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { _, start, end in
        guard let completer = shellCompleter, let buffer = coopkb_rl_line_buffer() else { return nil }
        // libedit gives the word's start and the cursor in characters.
        let line = Array(String(cString: buffer))
        let cursor = min(Int(end), line.count)
        let prefix = String(line[0..<cursor])
        let editorStart = min(Int(start), cursor)
        switch completer.complete(prefix) {
        case .files:
            coopkb_rl_set_attempted_over(0)
            return nil
        case .words(let wordStart, let candidates):
            coopkb_rl_set_attempted_over(1)
            let typed = Array(prefix)
            let between = wordStart < editorStart ? String(typed[wordStart..<editorStart]) : ""
            let offers = candidates.map { Shell.suffix(of: $0, after: between) }
            guard !offers.isEmpty else { return nil }
            coopkb_rl_set_append_character(offers.count == 1 && offers[0].hasSuffix(" ") ? 0 : 32)
            var common = offers[0]
            for o in offers.dropFirst() { while !o.hasPrefix(common) { common.removeLast() } }
            let list = offers.count == 1 ? [offers[0]] : [common] + offers
            let out = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: list.count + 1)
            for (i, s) in list.enumerated() { out[i] = strdup(s) }
            out[list.count] = nil
            return out
        }
    }

    /// The part of a candidate that goes after `typed`, the text between the start of the completed word and
    /// the start of what the line editor replaces (a quote, or the words of a name typed with blanks).
    static func suffix(of candidate: String, after typed: String) -> String {
        if typed.isEmpty { return candidate }
        if candidate.lowercased().hasPrefix(typed.lowercased()) { return String(candidate.dropFirst(typed.count)) }
        var c = Substring(candidate), t = Substring(typed)
        if c.hasPrefix("\"") && t.hasPrefix("\"") { c = c.dropFirst(); t = t.dropFirst() }
        let separators: Set<Character> = [" ", "-", "'", "’", "_", "."]
        var runs = 0, inRun = false
        for ch in t { if separators.contains(ch) { if !inRun { runs += 1 }; inRun = true } else { inRun = false } }
        inRun = false
        var i = c.startIndex
        while i < c.endIndex && runs > 0 {
            if separators.contains(c[i]) { inRun = true } else if inRun { runs -= 1; inRun = false; if runs == 0 { break } }
            i = c.index(after: i)
        }
        return String(c[i...])
    }
}

/// The history file: read at start, written at the end with mode 0600, capped, no consecutive duplicates.
struct History {
    let path: String

    func load() {
        stifle_history(Shell.historySize)
        if access(path, F_OK) == 0 && read_history(path) != 0 {
            Terminal.stderr.write("coopkb: warning: cannot read the history file \(path); starting without history\n")
        }
    }

    func add(_ entry: String) {
        if let last = coopkb_history_last(), String(cString: last) == entry { return }
        add_history(entry)
    }

    func save() {
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        if fd >= 0 { close(fd); chmod(path, 0o600) }
        if fd < 0 || write_history(path) != 0 {
            Terminal.stderr.write("coopkb: warning: cannot write the history file \(path)\n")
        }
    }
}
