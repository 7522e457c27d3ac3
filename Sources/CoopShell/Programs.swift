import CoopKB
#if canImport(Glibc)
import Glibc
#endif

/// Other programs the shell runs on the terminal: the pager, the editor, a spreadsheet program.
enum Programs {
    /// Starts `/bin/sh -c COMMAND NAME ARGS…` with default signal handling (SIGPIPE too) and, when given,
    /// `input` as its standard input; returns its process id.
    static func spawn(shell command: String, _ arguments: [String] = [], input: Int32? = nil, quiet: Bool = false) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input { posix_spawn_file_actions_adddup2(&actions, input, 0) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGQUIT, SIGTSTP] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = (["/bin/sh", "-c", command] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        return status == 0 ? pid : nil
    }

    /// Waits for a child; while it runs, a Ctrl-C ends it when `stopOnInterrupt`. Returns its wait status.
    static func wait(_ pid: pid_t, stopOnInterrupt: Bool) -> Int32 {
        var status: Int32 = 0
        var signalled = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { return status }
            if stopOnInterrupt && Shell.takeInterrupt() {
                kill(pid, signalled == 0 ? SIGTERM : SIGKILL)
                signalled += 1
            }
            var ready = pollfd(fd: -1, events: 0, revents: 0)
            _ = poll(&ready, 0, 20)
        }
    }

    /// The terminal's settings, to put back after another program used it (a killed pager leaves them raw).
    static func saveTerminal() -> termios? {
        var t = termios()
        return tcgetattr(0, &t) == 0 ? t : nil
    }

    static func restoreTerminal(_ saved: termios?) {
        guard var t = saved else { return }
        tcsetattr(0, TCSADRAIN, &t)
    }

    /// The path of an executable on PATH.
    static func find(_ name: String) -> String? {
        for dir in (Environment.value("PATH") ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(dir) + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// The pager of the shell: `$PAGER`, else `less -FRSX` (as psql); an empty `$PAGER` means none.
struct Pager {
    let command: String

    /// The pager the environment asks for, or nil for none.
    static func fromEnvironment() -> Pager? {
        if let p = Environment.value("PAGER") {
            let t = p.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : Pager(command: t)
        }
        return Pager(command: "less -FRSX")
    }

    /// Shows text through the pager and waits until it ends (q, or Ctrl-C, which ends it); false when the
    /// pager cannot start, so that the caller writes the text itself.
    func show(_ text: String) -> Bool {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let saved = Programs.saveTerminal()
        _ = Shell.takeInterrupt()
        guard let pid = Programs.spawn(shell: "exec " + command, input: fds[0]) else {
            Glibc.close(fds[0]); Glibc.close(fds[1])
            Terminal.stderr.write("coopkb: warning: " + Problem.session(.pagerFailed(command: command, notFound: false)).text + "\n")
            return false
        }
        Glibc.close(fds[0])
        // Write while the pager reads; it may quit before the end (q), and Ctrl-C ends it.
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        let bytes = Array(text.utf8)
        var done = 0
        var interrupted = false
        while done < bytes.count {
            if Shell.peekInterrupt() { interrupted = true; break }
            let n = bytes.withUnsafeBytes { Glibc.write(fds[1], $0.baseAddress! + done, $0.count - done) }
            if n > 0 { done += n; continue }
            if n < 0 && errno != EAGAIN && errno != EINTR { break }  // EPIPE: the pager has quit
            var ready = pollfd(fd: fds[1], events: Int16(POLLOUT), revents: 0)
            _ = poll(&ready, 1, 50)
        }
        Glibc.close(fds[1])
        if interrupted { kill(pid, SIGTERM) }
        let status = Programs.wait(pid, stopOnInterrupt: true)
        _ = Shell.takeInterrupt()
        Programs.restoreTerminal(saved)
        if (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 127 {
            Terminal.stderr.write("coopkb: warning: " + Problem.session(.pagerFailed(command: command, notFound: true)).text + "\n")
            return false
        }
        return true
    }
}

/// `.edit`: `$VISUAL`, else `$EDITOR`, else vi, on a temporary file holding the statement.
enum Editor {
    static func edit(_ text: String) -> (text: String?, problem: SessionProblem?) {
        let editor = [Environment.value("VISUAL"), Environment.value("EDITOR")].compactMap { $0 }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        let dir = Environment.value("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((dir + "/coopkb-edit-XXXXXX.kbq").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { return (nil, .editFileNotCreated(directory: dir, reason: POSIXSystem.error(errno))) }
        let path = String(cString: template)
        defer { unlink(path) }
        let body = text.isEmpty ? "" : text + "\n"
        let stream = OutputStream(fd: fd, eager: false)
        stream.write(body)
        stream.flush()
        Glibc.close(fd)
        let saved = Programs.saveTerminal()
        guard let pid = Programs.spawn(shell: editor + " \"$1\"", ["coopkb", path]) else {
            return (nil, .editorNotStarted(editor))
        }
        let status = Programs.wait(pid, stopOnInterrupt: false)
        _ = Shell.takeInterrupt()
        Programs.restoreTerminal(saved)
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        if code == 127 { return (nil, .editorNotFound(editor)) }
        if code != 0 { return (nil, .editorFailed(editor, status: Int(code))) }
        guard let bytes = Terminal.readFile(path) else { return (nil, .editedFileUnreadable(path: path)) }
        guard var edited = String(validating: bytes, as: UTF8.self) else { return (nil, .editedNotUTF8) }
        while edited.hasSuffix("\n") || edited.hasSuffix("\r") { edited.removeLast() }
        return (edited, nil)
    }

    /// `.excel` without FILE: opens the workbook with the desktop's program (xdg-open), as sqlite3 does.
    static func open(_ path: String) -> String {
        guard let opener = Programs.find("xdg-open") else { return Problem.session(.wroteNotOpened(path: path, opener: nil)).text }
        guard let pid = Programs.spawn(shell: "exec \"$1\" \"$2\"", ["coopkb", opener, path], quiet: true) else {
            return Problem.session(.wroteNotOpened(path: path, opener: "xdg-open")).text
        }
        _ = Programs.wait(pid, stopOnInterrupt: false)
        return Problem.session(.wroteOpened(path: path, opener: "xdg-open")).text
    }
}
