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
    public static func load(paths: [String]) throws -> LoadReport {
        let start = DispatchTime.now()
        var sources: [Source] = []
        var unreadable: [Diagnostic] = []
        for path in paths {
            for file in try kbFiles(at: path) {
                // A file found in a directory must be a regular file (a FIFO would block, a device never end).
                switch readFile(file, regularOnly: file != path) {
                case .success(let source): sources.append(source)
                case .failure(let reason):
                    let s = Source(name: file, bytes: [])
                    sources.append(s)
                    unreadable.append(Diagnostic(source: s, offset: 0, message: "cannot read this file: \(reason)"))
                }
            }
        }
        let report = load(sources: sources, extra: unreadable)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return LoadReport(kb: report.kb, diagnostics: report.diagnostics, files: sources.map(\.name),
                          bytes: report.bytes, seconds: seconds)
    }

    /// Loads KB text already in memory, one source per file, in the given order.
    public static func load(sources: [Source], extra: [Diagnostic] = []) -> LoadReport {
        let start = DispatchTime.now()
        var clock = PhaseClock()
        var builder = parse(sources)
        clock.mark("parse")
        builder.diagnostics.append(contentsOf: extra)
        let kb = builder.finish()
        let order = Dictionary(sources.enumerated().map { (ObjectIdentifier($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
        let diags = builder.diagnostics.enumerated().sorted { x, y in
            let fx = order[ObjectIdentifier(x.element.source)] ?? 0, fy = order[ObjectIdentifier(y.element.source)] ?? 0
            if fx != fy { return fx < fy }
            if x.element.offset != y.element.offset { return x.element.offset < y.element.offset }
            return x.offset < y.offset
        }.map(\.element)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return LoadReport(kb: kb, diagnostics: diags, files: sources.map(\.name),
                          bytes: sources.reduce(0) { $0 + $1.bytes.count }, seconds: seconds)
    }

    /// Parses the sources: in one pass for a small KB; for a large one, its two halves (split at a line end)
    /// on two threads, the second half then merged into the first as if read after it.
    static func parse(_ sources: [Source]) -> KBBuilder {
        let total = sources.reduce(0) { $0 + $1.bytes.count }
        let whole = sources.map { Segment(source: $0, from: 0, to: $0.bytes.count) }
        guard total >= 8 << 20, usableCores() > 1 else {
            var builder = KBBuilder()
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
        var builder = halves[0]
        builder.absorb(halves[1])
        clock.mark("merge")
        return builder
    }

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
    public static func kbFiles(at path: String) throws -> [String] {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw LoadFailure(path: path, reason: String(cString: strerror(errno)))
        }
        if (st.st_mode & S_IFMT) != S_IFDIR {
            guard access(path, R_OK) == 0 else { throw LoadFailure(path: path, reason: String(cString: strerror(errno))) }
            return [path]
        }
        guard let dir = opendir(path) else { throw LoadFailure(path: path, reason: String(cString: strerror(errno))) }
        closedir(dir)
        var found: [(String, String)] = []   // (relative path, full path)
        var visited = Set<String>()
        func walk(_ full: String, _ relative: String) {
            let real = realpath(full, nil).map { p -> String in defer { free(p) }; return String(cString: p) } ?? full
            if visited.contains(real) { return }
            visited.insert(real)
            guard let d = opendir(full) else { return }
            defer { closedir(d) }
            var names: [String] = []
            while let e = readdir(d) {
                let name = withUnsafePointer(to: e.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                names.append(name)
            }
            for name in names {
                let f = full.hasSuffix("/") ? full + name : full + "/" + name
                let r = relative.isEmpty ? name : relative + "/" + name
                var s = stat()
                guard stat(f, &s) == 0 else { continue }
                if (s.st_mode & S_IFMT) == S_IFDIR { walk(f, r) }
                else if name.hasSuffix(".kb") { found.append((r, f)) }
            }
        }
        walk(path, "")
        found.sort { TextOrder.bytesLess($0.0, $1.0) }
        return found.map(\.1)
    }

    enum ReadResult { case success(Source), failure(String) }

    static func readFile(_ path: String, regularOnly: Bool = false) -> ReadResult {
        // O_NONBLOCK: opening a FIFO does not wait for a writer; it is cleared once the file is known.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return .failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { return .failure(String(cString: strerror(errno))) }
        if regularOnly && (st.st_mode & S_IFMT) != S_IFREG {
            return .failure("not a regular file (a FIFO, device or socket); name it with --kb to read it")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if (st.st_mode & S_IFMT) == S_IFREG, let mapped = Source(name: path, mapping: fd, length: Int(st.st_size)) {
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
            out.append(contentsOf: chunk[0..<n])
        }
        return .success(Source(name: path, bytes: out))
    }
}
