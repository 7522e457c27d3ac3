#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What loading a KB gave: the KB (what loaded), every problem found, and figures.
public struct LoadReport: Sendable {
    /// The records that loaded.
    public let kb: KnowledgeBase
    /// Every problem, in file order.
    public let diagnostics: [Diagnostic]
    /// The files read, in load order.
    public let files: [String]
    /// Bytes read.
    public let bytes: Int
    /// Wall-clock seconds spent loading.
    public let seconds: Double
    /// Whether the load was stopped before its end (nothing in it is to be used).
    var interrupted = false
    /// Problems found, with those only counted (past the first few on one line).
    public var problemCount: Int { diagnostics.count + hiddenProblems }
    var hiddenProblems = 0

    /// The most problems shown for one file; the rest are counted in one line.
    public static let maxShownPerFile = 100

    /// The problems to show, at most `maxShownPerFile` per file, each file's extra ones summed up in a line.
    public func shownProblems(perFile limit: Int = LoadReport.maxShownPerFile) -> [ShownProblem] {
        var out: [ShownProblem] = []
        var i = 0
        while i < diagnostics.count {
            let source = diagnostics[i].source
            var j = i
            while j < diagnostics.count && diagnostics[j].source === source { j += 1 }
            for k in i..<min(j, i + limit) { out.append(.problem(diagnostics[k])) }
            if j - i > limit {
                out.append(.more("\(source.name.replacingControlCharacters()): \(Session.grouped(j - i - limit)) more problems not shown (\(Session.grouped(j - i)) in this file); fix these first"))
            }
            i = j
        }
        return out
    }

    init(kb: KnowledgeBase, diagnostics: [Diagnostic], files: [String], bytes: Int, seconds: Double, interrupted: Bool = false) {
        self.kb = kb
        self.diagnostics = diagnostics
        self.files = files
        self.bytes = bytes
        self.seconds = seconds
        self.interrupted = interrupted
    }
}

/// One line of a KB's problem list: a problem, or how many more a file has.
public enum ShownProblem: Sendable {
    case problem(Diagnostic)
    case more(String)
}

/// A KB path that cannot be read at all.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot read KB '\(path)': \(reason)" }
}

/// Reads KB files: every `*.kb` below a directory, in byte order of the relative paths.
public enum Loader {
    /// Loads the KB at the given paths (directories or single `.kb` files).
    public static func load(paths: [String], shouldStop: @escaping () -> Bool = { false }) throws -> LoadReport {
        let start = DispatchTime.now()
        var sources: [Source] = []
        var unreadable: [Diagnostic] = []
        for path in paths {
            let found = try kbEntries(at: path)
            for (dir, reason) in found.unreadable {
                let s = Source(name: dir, bytes: [])
                unreadable.append(Diagnostic(source: s, offset: 0, problem: .kb(.unreadableDirectory(reason: reason))))
            }
            for file in found.files {
                if shouldStop() { throw LoadInterrupted() }
                // A file found in a directory must be a regular file (a FIFO would block, a device never end).
                switch readFile(file, regularOnly: file != path) {
                case .success(let source): sources.append(source)
                case .failure(let reason):
                    let s = Source(name: file, bytes: [])
                    sources.append(s)
                    unreadable.append(Diagnostic(source: s, offset: 0, problem: .kb(.unreadableFile(reason: reason))))
                }
            }
        }
        testPauseAfterMapping()
        let report = load(sources: sources, extra: unreadable, shouldStop: shouldStop)
        if report.interrupted { throw LoadInterrupted() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        var r = LoadReport(kb: report.kb, diagnostics: report.diagnostics, files: sources.map(\.name),
                           bytes: report.bytes, seconds: seconds)
        r.hiddenProblems = report.hiddenProblems
        return r
    }

    /// For a deterministic test of a file cut short while it is mapped (Tests/hostile): when $COOPKB_TEST_PAUSE_AFTER_MAP
    /// names a FIFO, the load reads it to its end after every file is mapped and before any is parsed, so the test
    /// can cut a file short at that moment. Unset (always, outside that test), nothing happens.
    static func testPauseAfterMapping() {
        guard let fifo = ProcessInfo.processInfo.environment["COOPKB_TEST_PAUSE_AFTER_MAP"], !fifo.isEmpty else { return }
        let fd = open(fifo, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        var byte: UInt8 = 0
        while read(fd, &byte, 1) > 0 {}
        close(fd)
    }

    /// Loads KB text already in memory, one source per file, in the given order.
    public static func load(sources: [Source], extra: [Diagnostic] = [], shouldStop: @escaping () -> Bool = { false }) -> LoadReport {
        let start = DispatchTime.now()
        var clock = PhaseClock()
        var builder = parse(sources, shouldStop: shouldStop)
        clock.mark("parse")
        if builder.interrupted {
            return LoadReport(kb: KnowledgeBase(), diagnostics: [], files: sources.map(\.name), bytes: 0, seconds: 0, interrupted: true)
        }
        builder.diagnostics.append(contentsOf: extra)
        // A mapped file cut short while it was read: its missing pages were read as NUL bytes.
        for s in sources where s.changedWhileMapped {
            builder.diagnostics.append(Diagnostic(source: s, offset: 0, problem: .kb(.cutShort)))
        }
        let kb = builder.finish()
        let order = Dictionary(sources.enumerated().map { (ObjectIdentifier($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
        let diags = builder.diagnostics.enumerated().sorted { x, y in
            let fx = order[ObjectIdentifier(x.element.source)] ?? 0, fy = order[ObjectIdentifier(y.element.source)] ?? 0
            if fx != fy { return fx < fy }
            if x.element.offset != y.element.offset { return x.element.offset < y.element.offset }
            return x.offset < y.offset
        }.map(\.element)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        var r = LoadReport(kb: kb, diagnostics: diags, files: sources.map(\.name),
                           bytes: sources.reduce(0) { $0 + $1.bytes.count }, seconds: seconds)
        r.hiddenProblems = builder.hiddenProblems
        return r
    }

    /// Parses the sources: in one pass for a small KB; for a large one, its two halves (split at a line end)
    /// on two threads, the second half then merged into the first as if read after it.
    static func parse(_ sources: [Source], shouldStop: @escaping () -> Bool = { false }) -> KBBuilder {
        let total = sources.reduce(0) { $0 + $1.bytes.count }
        let whole = sources.map { Segment(source: $0, from: 0, to: $0.bytes.count) }
        guard total >= twoThreadMinimum, usableCores() > 1 else {
            var builder = KBBuilder()
            builder.shouldStop = shouldStop
            builder.reserve(for: whole)
            for s in whole { builder.parse(s.source, from: s.from, to: s.to) }
            return builder
        }
        // Find the line end nearest the middle.
        var first: [Segment] = [], second: [Segment] = []
        var seen = 0
        for s in whole {
            let n = s.to
            if seen + n <= total / 2 { first.append(s) }
            else if seen >= total / 2 { second.append(s) }
            else {
                var cut = total / 2 - seen
                let p = s.source.bytes
                while cut < n && p[cut - 1] != 0x0A { cut += 1 }
                if cut > 0 { first.append(Segment(source: s.source, from: 0, to: cut)) }
                if cut < n { second.append(Segment(source: s.source, from: cut, to: n)) }
            }
            seen += n
        }
        var halves = [KBBuilder(), KBBuilder()]
        halves[0].shouldStop = shouldStop
        halves[1].shouldStop = shouldStop
        halves.withUnsafeMutableBufferPointer { b in
            nonisolated(unsafe) let b = b
            let parts = [first, second]
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                var clock = PhaseClock()
                b[k].reserve(for: parts[k])
                for s in parts[k] { b[k].parse(s.source, from: s.from, to: s.to) }
                clock.mark("parse half \(k)")
            }
        }
        var clock = PhaseClock()
        // Each half taken out of the array, so that each builder is the only owner of its arrays: appending to
        // the first does not copy them, and `absorb` frees the second's as it goes.
        let later = halves.removeLast()
        var builder = halves.removeLast()
        if builder.interrupted || later.interrupted { builder.interrupted = true; return builder }
        builder.absorb(later)
        clock.mark("merge")
        return builder
    }

    /// The size from which a KB is parsed on two threads (when two cores are usable); the fuzz target lowers it.
    nonisolated(unsafe) public static var twoThreadMinimum = 8 << 20
    /// The largest KB file: positions in a file are kept in 32 bits.
    public static let maxFileBytes = Int(Int32.max)
    /// Files from this size are mapped into memory rather than read (fewer mappings: the kernel caps their number);
    /// the fuzz target lowers it.
    nonisolated(unsafe) public static var mapMinimum = 1 << 20

    /// How many cores this process may run on (its CPU affinity, as `taskset` sets it).
    static func usableCores() -> Int {
        // Linux shows the affinity mask in /proc/self/status, as hexadecimal words: "Cpus_allowed:\tff,ffffffff".
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let hex = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
            return max(1, hex.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount })
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    /// The `.kb` files at a path: the file itself, or every `*.kb` below a directory in byte order of relative paths.
    public static func kbFiles(at path: String) throws -> [String] { try kbEntries(at: path).files }

    /// The `.kb` files at a path (as `kbFiles`), and the directories below it that cannot be read, with why.
    /// A `.kb` entry that cannot even be looked at (a dangling or looping link) is listed: reading it reports why.
    public static func kbEntries(at path: String) throws -> (files: [String], unreadable: [(String, String)]) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw LoadFailure(path: path, reason: String(cString: strerror(errno)))
        }
        if (st.st_mode & S_IFMT) != S_IFDIR {
            guard access(path, R_OK) == 0 else { throw LoadFailure(path: path, reason: String(cString: strerror(errno))) }
            return ([path], [])
        }
        guard let dir = opendir(path) else { throw LoadFailure(path: path, reason: String(cString: strerror(errno))) }
        closedir(dir)
        var found: [(String, String)] = []   // (relative path, full path)
        var unreadable: [(String, String)] = []
        var visited = Set<String>()
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        func walk(_ full: String, _ relative: String) {
            let real = realpath(full, nil).map { p -> String in defer { free(p) }; return String(cString: p) } ?? full
            if visited.contains(real) { return }
            visited.insert(real)
            guard let d = opendir(full) else {
                unreadable.append((full, String(cString: strerror(errno))))
                return
            }
            defer { closedir(d) }
            var names: [String] = []
            while true {
                errno = 0
                guard let e = readdir(d) else {
                    if errno != 0 { unreadable.append((full, String(cString: strerror(errno)))) }
                    break
                }
                // The name is NUL-terminated inside the entry, which glibc may allocate shorter than `dirent`.
                let name = String(cString: (UnsafeRawPointer(e) + nameOffset).assumingMemoryBound(to: CChar.self))
                if name == "." || name == ".." { continue }
                names.append(name)
            }
            for name in names {
                let f = full.hasSuffix("/") ? full + name : full + "/" + name
                let r = relative.isEmpty ? name : relative + "/" + name
                var s = stat()
                guard stat(f, &s) == 0 else {
                    if name.hasSuffix(".kb") { found.append((r, f)) }
                    continue
                }
                if (s.st_mode & S_IFMT) == S_IFDIR { walk(f, r) }
                else if name.hasSuffix(".kb") { found.append((r, f)) }
            }
        }
        walk(path, "")
        found.sort { TextOrder.bytesLess($0.0, $1.0) }
        return (found.map(\.1), unreadable)
    }

    enum ReadResult { case success(Source), failure(String) }

    static func readFile(_ path: String, regularOnly: Bool = false) -> ReadResult {
        // O_NONBLOCK: opening a FIFO does not wait for a writer; it is cleared once the file is known.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return .failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { return .failure(String(cString: strerror(errno))) }
        let type = st.st_mode & S_IFMT
        if regularOnly && type != S_IFREG {
            return .failure("not a regular file (a FIFO, device or socket); name it with --kb to read it")
        }
        if type == S_IFCHR || type == S_IFBLK || type == S_IFSOCK {
            return .failure("a device or socket, not a KB file")
        }
        let tooLarge = "the file is larger than \(maxFileBytes) bytes, the most a KB file may hold; split it into several .kb files"
        if Int(st.st_size) > maxFileBytes { return .failure(tooLarge) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if type == S_IFREG, Int(st.st_size) >= mapMinimum, let mapped = Source(name: path, mapping: fd, length: Int(st.st_size)) {
            return .success(mapped)
        }
        let size = max(Int(st.st_size), 0)
        var failure: String? = nil
        var out = [UInt8](unsafeUninitializedCapacity: size) { buf, initialized in
            var got = 0
            while got < size {
                let n = read(fd, buf.baseAddress! + got, size - got)
                if n < 0 { if errno == EINTR { continue }; failure = String(cString: strerror(errno)); break }
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
            if n < 0 { if errno == EINTR { continue }; return .failure(String(cString: strerror(errno))) }
            if n == 0 { break }
            if out.count + n > maxFileBytes { return .failure(tooLarge) }
            out.append(contentsOf: chunk[0..<n])
        }
        return .success(Source(name: path, bytes: out))
    }
}

/// A load stopped by Ctrl-C: the KB in use stays as it was.
public struct LoadInterrupted: Error, Sendable {}
