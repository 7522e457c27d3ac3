import CoopKB
#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to a file descriptor; a closed pipe ends the program quietly. Any other write error (a full
/// disk, an I/O error) is kept in `failure` and nothing more is written; the front end reports it.
final class OutputStream {
    let fd: Int32
    private var buffer: [UInt8] = []
    /// Flush after every write (a terminal, or standard error).
    var eager: Bool
    /// What the stream is, in messages: "standard output" or the file's path.
    let name: String
    /// Why the last write failed (strerror), once one has; later writes are dropped.
    private(set) var failure: String? = nil
    /// Whether that failure has been reported.
    var reported = false

    init(fd: Int32, eager: Bool, name: String? = nil) {
        self.fd = fd
        self.eager = eager
        self.name = name ?? (fd == 1 ? "standard output" : fd == 2 ? "standard error" : "file descriptor \(fd)")
        buffer.reserveCapacity(1 << 16)
    }

    /// Closes the descriptor; a failure to close (data lost on a network disk) is a write failure.
    func close() {
        flush()
        if Glibc.close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if eager || buffer.count >= 1 << 16 { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if eager || buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        if failure != nil { buffer.removeAll(keepingCapacity: true); return }
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE && fd == 1 { exit(Outcome.readerGone.status) }
                failure = String(cString: strerror(errno))
                break
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The program's standard streams and file reading.
enum Terminal {
    nonisolated(unsafe) static var stdout = OutputStream(fd: 1, eager: isatty(1) == 1)
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

/// Carries session events to the terminal: results to the output, problems to standard error.
final class FrontEnd {
    let session: Session
    let quiet: Bool
    /// The `.output` file, when one is open.
    var file: OutputStream? = nil
    /// The `.once` or `.excel` file, when the next result goes there.
    var onceFile: OutputStream? = nil
    /// The pager for results taller than the terminal (the shell sets it).
    var pager: Pager? = nil
    /// Set when a statement was stopped by Ctrl-C.
    var interrupted = false

    init(session: Session, quiet: Bool) {
        self.session = session
        self.quiet = quiet
    }

    var current: OutputStream { onceFile ?? file ?? Terminal.stdout }

    /// Sends the session's events here, and gives it the effects it asks for.
    func install() {
        session.sink = { [unowned self] event in self.handle(event) }
        session.redirect = { [unowned self] path in self.redirect(to: path) }
        session.redirectOnce = { [unowned self] path in self.redirectOnce(to: path) }
        session.terminal = { [unowned self] in
            guard self.onceFile == nil && self.file == nil && isatty(1) == 1 else { return nil }
            return Shell.terminalSize()
        }
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

    /// A new file for writing, created exclusively and never through a link; nothing that exists is overwritten.
    static func create(_ path: String) -> (OutputStream?, String?) {
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        // A device or a FIFO (/dev/null, /dev/stdout) keeps nothing: it is written to, as a shell's `>` would.
        var st = stat()
        if fd < 0 && errno == EEXIST && stat(path, &st) == 0 && ((st.st_mode & S_IFMT) == S_IFCHR || (st.st_mode & S_IFMT) == S_IFIFO) {
            fd = open(path, O_WRONLY | O_CLOEXEC)
        }
        if fd < 0 { return (nil, "cannot write '\(path)': \(String(cString: strerror(errno))); output stays where it was") }
        return (OutputStream(fd: fd, eager: false, name: path), nil)
    }

    /// Sends later output to a new file, or back to standard output; returns why it cannot.
    func redirect(to path: String?) -> String? {
        var opened: OutputStream? = nil
        if let path {
            let (stream, problem) = FrontEnd.create(path)
            if let problem { return problem }
            opened = stream
        }
        if let f = file { file = nil; f.close(); checkWritten(f) }
        file = opened
        return nil
    }

    /// Sends the next result to a new file, or closes that file (nil).
    func redirectOnce(to path: String?) -> String? {
        if let f = onceFile { f.close(); onceFile = nil; checkWritten(f) }
        guard let path else { return nil }
        let (stream, problem) = FrontEnd.create(path)
        onceFile = stream
        return problem
    }

    /// Text for standard error with control characters shown as `?`, line by line (line ends are kept).
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingControlCharacters() }.joined(separator: "\n")
    }

    /// Set when a write failed: the run is over in batch mode (status 1); the shell goes on.
    var writeFailed = false

    /// Reports a stream whose writes failed, once, and stops a batch run there (what follows would be lost too).
    /// An `.output` or `.once` file that failed is closed and output goes back to standard output.
    func checkWritten(_ stream: OutputStream) {
        guard let failure = stream.failure, !stream.reported else { return }
        stream.reported = true
        writeFailed = true
        Terminal.stderr.write("coopkb: error: cannot write to \(stream.name): \(failure); output was lost from there on\n")
        if stream === file { file = nil; Glibc.close(stream.fd) }
        if stream === onceFile { onceFile = nil; Glibc.close(stream.fd) }
        session.abandon(interactive: interactiveShell)
    }
    /// Whether this is the interactive shell (a write error then ends only the statement).
    var interactiveShell = false

    func handle(_ event: SessionEvent) {
        defer { checkWritten(current); checkWritten(Terminal.stdout) }
        switch event {
        case .output(let text):
            current.write(text)
            // A pipe whose reader has gone (`| head -1`) ends the run at the next result, not at exit.
            if file == nil && onceFile == nil { current.flush() }
        case .bytes(let bytes):
            current.write(bytes: bytes)
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
        onceFile?.flush()
        file?.flush()
        Terminal.stdout.flush()
        for s in [onceFile, file, Terminal.stdout] { if let s { checkWritten(s) } }
    }

    /// The end of the run: a pending workbook is written and every file closed.
    func close() {
        session.finishOutput()
        finish()
        if let f = onceFile { onceFile = nil; f.close(); checkWritten(f) }
        if let f = file { file = nil; f.close(); checkWritten(f) }
    }
}
