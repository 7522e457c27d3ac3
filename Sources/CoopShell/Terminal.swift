import CoopKB
#if canImport(Glibc)
import Glibc
#endif

/// The executable's buffered streams are the library's `FileStream` (System/POSIXSystem.swift).
typealias OutputStream = FileStream

/// The program's standard streams and file reading.
enum Terminal {
    nonisolated(unsafe) static var stdout: OutputStream = {
        let s = OutputStream(fd: 1, eager: isatty(1) == 1)
        // A pipe whose reader has gone (`| head -1`) ends the program quietly.
        s.onBrokenPipe = { exit(Outcome.readerGone.status) }
        return s
    }()
    nonisolated(unsafe) static let stderr = OutputStream(fd: 2, eager: true)

    static func readAll(fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { errno = EISDIR; return nil }
        return readAll(fd: fd)
    }
}

/// Carries session events to the terminal: results to standard output (the session writes its `.output` and
/// `.once` files itself, through the system), problems and notices to standard error.
final class FrontEnd {
    let session: Session
    let quiet: Bool
    /// The pager for results taller than the terminal (the shell sets it).
    var pager: Pager? = nil
    /// Set when a statement was stopped by Ctrl-C.
    var interrupted = false

    init(session: Session, quiet: Bool) {
        self.session = session
        self.quiet = quiet
    }

    var current: OutputStream { Terminal.stdout }

    /// Sends the session's events here, and gives it the effects it asks for.
    func install() {
        session.sink = { [unowned self] event in self.handle(event) }
        session.terminal = { isatty(1) == 1 ? Shell.terminalSize() : nil }
        session.edit = { text in Editor.edit(text) }
        session.openFile = { path in Editor.open(path) }
        session.savedQueriesPath = FrontEnd.savedQueriesPath()
    }

    /// `$XDG_CONFIG_HOME/coopkb/saved.kbq`, else `~/.config/coopkb/saved.kbq`.
    static func savedQueriesPath() -> String? {
        if let x = Environment.value("XDG_CONFIG_HOME"), x.hasPrefix("/") { return x + "/coopkb/saved.kbq" }
        if let home = Environment.value("HOME"), !home.isEmpty { return home + "/.config/coopkb/saved.kbq" }
        return nil
    }

    /// Text for standard error with control characters shown as `?`, line by line (line ends are kept).
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingControlCharacters() }.joined(separator: "\n")
    }

    /// Set when a write failed: the run is over in batch mode (status 1); the shell goes on.
    var writeFailed: Bool { stdoutFailed || session.outputLost }
    private var stdoutFailed = false

    /// Reports standard output's failed writes, once, and stops a batch run there (what follows would be lost too).
    func checkWritten(_ stream: OutputStream) {
        guard let failure = stream.failure, !stream.reported else { return }
        stream.reported = true
        stdoutFailed = true
        Terminal.stderr.write("coopkb: error: \(Problem.session(.outputLost(to: .standardOutput, reason: failure)).text)\n")
        session.abandon(interactive: session.interactive)
    }

    func handle(_ event: SessionEvent) {
        defer { checkWritten(Terminal.stdout) }
        switch event {
        case .output(let text):
            current.write(text)
            // A pipe whose reader has gone (`| head -1`) ends the run at the next result, not at exit.
            current.flush()
        case .bytes(let bytes):
            current.write(bytes)
            current.flush()
        case .page(let text):
            current.flush()
            if let pager, pager.show(text) { break }
            current.write(text)
            current.flush()
        case .error(let d):
            current.flush()
            Terminal.stderr.write(d.rendered + "\n")
        case .failure(let text):
            current.flush()
            Terminal.stderr.write("coopkb: error: \(FrontEnd.safe(text))\n")
        case .notice(let text):
            if !quiet { current.flush(); Terminal.stderr.write(FrontEnd.safe(text) + "\n") }
        case .interrupted:
            interrupted = true
            current.flush()
            Terminal.stderr.write("interrupted\n")
        case .quit:
            break
        }
    }

    func finish() {
        session.flushOutput()
        Terminal.stdout.flush()
        checkWritten(Terminal.stdout)
    }

    /// The end of the run: a pending workbook is written and every file closed.
    func close() {
        session.finishOutput()
        finish()
        session.closeOutput()
    }
}
