import CLibEdit
import CoopKB
#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: libedit line editing, history, continuation prompts.
struct Shell {
    let session: Session
    let front: FrontEnd

    /// Runs until Ctrl-D or `.quit`; returns the exit status.
    func run() -> Int32 {
        if setlocale(LC_CTYPE, "") == nil { setlocale(LC_CTYPE, "C.UTF-8") }
        front.install()
        let r = session.report
        if !front.quiet {
            var banner = "coopkb — " + Session.describeCounts(r) + String(format: " (loaded in %.0f ms)", r.seconds * 1000)
            if !r.diagnostics.isEmpty {
                banner += "\nthe KB has \(r.diagnostics.count) problem\(r.diagnostics.count == 1 ? "" : "s"): records with problems were left out; .check lists them"
            }
            banner += "\n.help for help, Ctrl-D to leave"
            Terminal.stderr.write(banner + "\n")
        }
        session.maxRows = 40
        coopkb_rl_set_name("coopkb")
        let historyPath = Environment.value("COOPKB_HISTORY") ?? ((Environment.value("HOME") ?? ".") + "/.coopkb_history")
        using_history()
        read_history(historyPath)
        var buffer = ""
        while !session.stopped {
            let prompt = buffer.isEmpty ? "coopkb> " : "   ...> "
            guard let cline = readline(prompt) else { break }
            let line = String(cString: cline)
            free(cline)
            buffer += buffer.isEmpty ? line : "\n" + line
            if buffer.trimmingCharacters(in: " \t").isEmpty { buffer = ""; continue }
            if !session.isComplete(buffer) { continue }
            add_history(buffer)
            session.run(buffer, sourceName: "<stdin>")
            front.finish()
            buffer = ""
        }
        let fd = open(historyPath, O_WRONLY | O_CREAT, 0o600)
        if fd >= 0 { close(fd); chmod(historyPath, 0o600) }
        if write_history(historyPath) != 0 {
            Terminal.stderr.write("coopkb: warning: cannot write history to \(historyPath)\n")
        }
        front.finish()
        return 0
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
