#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The `System` of a POSIX machine: the one file of the library that calls the operating system (open, read,
/// mmap through `Source`, stat, readdir, Process, getenv, the clock). The executable creates it and hands it to
/// the loader and the session; nothing else in Sources/CoopKB touches files, programs or the environment.
public final class POSIXSystem: System {
    public init() {}

    // MARK: Reading

    public func readFile(_ path: String, regularOnly: Bool) -> Result<Source, SystemError> {
        // O_NONBLOCK: opening a FIFO does not wait for a writer; it is cleared once the file is known.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return .failure(POSIXSystem.error(errno)) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { return .failure(POSIXSystem.error(errno)) }
        let type = st.st_mode & S_IFMT
        if regularOnly && type != S_IFREG { return .failure(.notRegularFile) }
        if type == S_IFCHR || type == S_IFBLK || type == S_IFSOCK { return .failure(.deviceOrSocket) }
        if type == S_IFDIR { return .failure(.isDirectory) }
        let limit = Loader.maxFileBytes
        if Int(st.st_size) > limit { return .failure(.tooLarge(limit: limit)) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if type == S_IFREG, Int(st.st_size) >= Loader.mapMinimum, let mapped = Source(name: path, mapping: fd, length: Int(st.st_size)) {
            return .success(mapped)
        }
        let size = max(Int(st.st_size), 0)
        var failure: SystemError? = nil
        var out = [UInt8](unsafeUninitializedCapacity: size) { buf, initialized in
            var got = 0
            while got < size {
                let n = read(fd, buf.baseAddress! + got, size - got)
                if n < 0 { if errno == EINTR { continue }; failure = POSIXSystem.error(errno); break }
                if n == 0 { break }
                got += n
            }
            initialized = got
        }
        if let f = failure { return .failure(f) }
        // A file that grew while read, or that reports no size (a pipe, /proc): read on to its end.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return .failure(POSIXSystem.error(errno)) }
            if n == 0 { break }
            if out.count + n > limit { return .failure(.tooLarge(limit: limit)) }
            out.append(contentsOf: chunk[0..<n])
        }
        return .success(Source(name: path, bytes: out))
    }

    public func fileInfo(_ path: String, followingLinks: Bool) -> Result<FileInfo, SystemError> {
        var st = stat()
        guard (followingLinks ? stat(path, &st) : lstat(path, &st)) == 0 else { return .failure(POSIXSystem.error(errno)) }
        let kind: FileInfo.Kind
        switch st.st_mode & S_IFMT {
        case S_IFDIR: kind = .directory
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        case S_IFLNK: kind = .symbolicLink
        default: kind = .regular
        }
        return .success(FileInfo(kind: kind, size: Int(st.st_size)))
    }

    public func checkReadable(_ path: String) -> SystemError? {
        access(path, R_OK) == 0 ? nil : POSIXSystem.error(errno)
    }

    public func listDirectory(_ path: String) -> Result<[String], SystemError> {
        guard let d = opendir(path) else { return .failure(POSIXSystem.error(errno)) }
        defer { closedir(d) }
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        var names: [String] = []
        while true {
            errno = 0
            guard let e = readdir(d) else {
                if errno != 0 { return .failure(POSIXSystem.error(errno)) }
                break
            }
            // The name is NUL-terminated inside the entry, which glibc may allocate shorter than `dirent`.
            let name = String(cString: (UnsafeRawPointer(e) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return .success(names)
    }

    public func canonicalPath(_ path: String) -> String? {
        realpath(path, nil).map { p -> String in defer { free(p) }; return String(cString: p) }
    }

    // MARK: Writing

    public func createDirectory(_ path: String, private: Bool) -> SystemError? {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: `private` ? [.posixPermissions: 0o700] : nil)
        } catch {
            var st = stat()
            if stat(path, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR ? nil : .notDirectory }
            return .other(error.localizedDescription)
        }
        return nil
    }

    public func createFile(_ path: String, contents: [UInt8], executable: Bool) -> SystemError? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, executable ? 0o755 : 0o644)
        if fd < 0 { return POSIXSystem.error(errno) }
        if let e = POSIXSystem.writeAll(fd, contents[...]) { close(fd); unlink(path); return e }
        if close(fd) != 0 { let e = POSIXSystem.error(errno); unlink(path); return e }
        if executable { chmod(path, 0o755) }
        return nil
    }

    public func append(_ bytes: [UInt8], to path: String) -> SystemError? {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        if fd < 0 { return POSIXSystem.error(errno) }
        if let e = POSIXSystem.writeAll(fd, bytes[...]) { close(fd); return e }
        return close(fd) == 0 ? nil : POSIXSystem.error(errno)
    }

    public func replaceFile(_ path: String, contents: [UInt8]) -> SystemError? {
        let temporary = path + ".new"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 { return POSIXSystem.error(errno) }
        if let e = POSIXSystem.writeAll(fd, contents[...]) { close(fd); unlink(temporary); return e }
        if close(fd) != 0 { let e = POSIXSystem.error(errno); unlink(temporary); return e }
        if rename(temporary, path) != 0 { let e = POSIXSystem.error(errno); unlink(temporary); return e }
        return nil
    }

    public func openOutput(_ path: String) -> Result<any OutputFile, SystemError> {
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        // A device or a FIFO (/dev/null, /dev/stdout) keeps nothing: it is written to, as a shell's `>` would.
        var st = stat()
        if fd < 0 && errno == EEXIST && stat(path, &st) == 0 && ((st.st_mode & S_IFMT) == S_IFCHR || (st.st_mode & S_IFMT) == S_IFIFO) {
            fd = open(path, O_WRONLY | O_CLOEXEC)
        }
        if fd < 0 { return .failure(POSIXSystem.error(errno)) }
        return .success(FileStream(fd: fd, eager: false, name: path))
    }

    /// Writes every byte to a descriptor; the reason when it cannot.
    static func writeAll(_ fd: Int32, _ data: ArraySlice<UInt8>) -> SystemError? {
        var bytes = data
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return POSIXSystem.error(errno) }
            bytes = bytes.dropFirst(n)
        }
        return nil
    }

    // MARK: Tools

    public func findTool(_ name: String) -> String? {
        let path = environment("PATH") ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/" + name
            if access(candidate, X_OK) == 0, case .success(let i) = fileInfo(candidate, followingLinks: true), i.kind == .regular { return candidate }
        }
        return nil
    }

    public func run(tool program: String, arguments: [String], input: [UInt8]) -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = stdout
        do { try process.run() } catch { return ToolRun(status: nil, output: [], error: "\(error)") }
        let data = Data(input)
        let feeder = Thread { try? stdin.fileHandleForWriting.write(contentsOf: data); try? stdin.fileHandleForWriting.close() }
        feeder.start()
        nonisolated(unsafe) var message = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { message = stderr.fileHandleForReading.readDataToEndOfFile(); drained.signal() }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return ToolRun(status: process.terminationStatus, output: [UInt8](output), error: String(decoding: message, as: UTF8.self))
    }

    // MARK: Clock, environment, process

    public func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    public func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    public var processID: Int { Int(getpid()) }

    public var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
    }

    public var usableCores: Int {
        // Linux shows the affinity mask in /proc/self/status, as hexadecimal words: "Cpus_allowed:\tff,ffffffff".
        if case .success(let s) = readFile("/proc/self/status", regularOnly: false),
           let line = String(decoding: s.bytes, as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let hex = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
            return max(1, hex.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount })
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    public func residentMegabytes() -> Int? {
        guard case .success(let s) = readFile("/proc/self/statm", regularOnly: false) else { return nil }
        let fields = String(decoding: s.bytes, as: UTF8.self).split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 / 1_000_000 : nil
    }

    public func writeError(_ text: String) { fputs(text, Glibc.stderr) }

    public func waitOnFIFO(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        var byte: UInt8 = 0
        while read(fd, &byte, 1) > 0 {}
        close(fd)
    }

    /// The reason for an errno: the ones the program words itself, else strerror's words.
    public static func error(_ code: Int32) -> SystemError {
        switch code {
        case ENOENT: return .notFound
        case EACCES: return .permissionDenied
        case EISDIR: return .isDirectory
        case ENOTDIR: return .notDirectory
        case EEXIST: return .exists
        case ENOSPC: return .noSpace
        case EROFS: return .readOnly
        default: return .other(String(cString: strerror(code)))
        }
    }
}

/// Buffered writes to a file descriptor. A write error (a full disk, an I/O error) is kept in `failure` and nothing
/// more is written; the session reports it. `onBrokenPipe` (the executable's standard output) is called when the
/// reader of a pipe has gone.
public final class FileStream: OutputFile {
    public let fd: Int32
    private var buffer: [UInt8] = []
    /// Flush after every write (a terminal, or standard error).
    public var eager: Bool
    /// What the stream is, in messages: "standard output" or the file's path.
    public let name: String
    /// Why the last write failed, once one has; later writes are dropped.
    public private(set) var failure: SystemError? = nil
    /// Whether that failure has been reported.
    public var reported = false
    /// Called when a write finds the pipe's reader gone (EPIPE); nil: an error as any other.
    public var onBrokenPipe: (() -> Void)? = nil

    public init(fd: Int32, eager: Bool, name: String? = nil) {
        self.fd = fd
        self.eager = eager
        self.name = name ?? (fd == 1 ? "standard output" : fd == 2 ? "standard error" : "file descriptor \(fd)")
        buffer.reserveCapacity(1 << 16)
    }

    /// Closes the descriptor; a failure to close (data lost on a network disk) is a write failure.
    public func close() {
        flush()
        if Glibc.close(fd) != 0 && failure == nil { failure = POSIXSystem.error(errno) }
    }

    /// Closes the descriptor after a failure, without flushing.
    public func abandon() { _ = Glibc.close(fd) }

    public func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if eager || buffer.count >= 1 << 16 { flush() }
    }

    public func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if eager || buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        if failure != nil { buffer.removeAll(keepingCapacity: true); return }
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE, let gone = onBrokenPipe { gone() }
                failure = POSIXSystem.error(errno)
                break
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
