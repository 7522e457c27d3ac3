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
                out.append(.more(.moreProblemsNotShown(file: source.name.replacingControlCharacters(), notShown: j - i - limit, total: j - i)))
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
    case more(SessionProblem)
}

/// A KB path that cannot be read at all.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: SystemError
    public var description: String { English().text(.session(.kbUnreadable(path: path, reason: reason, kept: false))) }
}

/// Reads KB files: every `*.kb` below a directory, in byte order of the relative paths.
public enum Loader {
    /// Loads the KB at the given paths (directories or single `.kb` files).
    /// Files are read through `system` (the executable's `POSIXSystem`, or a test's virtual one).
    public static func load(paths: [String], system: any System, shouldStop: @escaping () -> Bool = { false }) throws -> LoadReport {
        let start = system.now()
        var sources: [Source] = []
        var unreadable: [Diagnostic] = []
        for path in paths {
            let found = try kbEntries(at: path, system: system)
            for (dir, reason) in found.unreadable {
                let s = Source(name: dir, bytes: [])
                unreadable.append(Diagnostic(source: s, offset: 0, problem: .kb(.unreadableDirectory(reason: reason))))
            }
            for file in found.files {
                if shouldStop() { throw LoadInterrupted() }
                // A file found in a directory must be a regular file (a FIFO would block, a device never end).
                switch system.readFile(file, regularOnly: file != path) {
                case .success(let source): sources.append(source)
                case .failure(let reason):
                    let s = Source(name: file, bytes: [])
                    sources.append(s)
                    unreadable.append(Diagnostic(source: s, offset: 0, problem: .kb(.unreadableFile(reason: reason))))
                }
            }
        }
        testPauseAfterMapping(system)
        let report = load(sources: sources, extra: unreadable, system: system, shouldStop: shouldStop)
        if report.interrupted { throw LoadInterrupted() }
        let seconds = system.seconds(since: start)
        var r = LoadReport(kb: report.kb, diagnostics: report.diagnostics, files: sources.map(\.name),
                           bytes: report.bytes, seconds: seconds)
        r.hiddenProblems = report.hiddenProblems
        return r
    }

    /// For a deterministic test of a file cut short while it is mapped (Tests/hostile): when $COOPKB_TEST_PAUSE_AFTER_MAP
    /// names a FIFO, the load reads it to its end after every file is mapped and before any is parsed, so the test
    /// can cut a file short at that moment. Unset (always, outside that test), nothing happens.
    static func testPauseAfterMapping(_ system: any System) {
        guard let fifo = system.environment("COOPKB_TEST_PAUSE_AFTER_MAP"), !fifo.isEmpty else { return }
        system.waitOnFIFO(fifo)
    }

    /// Loads KB text already in memory, one source per file, in the given order. Without a `system` there is no
    /// clock (the report's time is 0) and the parse may use two threads.
    public static func load(sources: [Source], extra: [Diagnostic] = [], system: (any System)? = nil, shouldStop: @escaping () -> Bool = { false }) -> LoadReport {
        let start = system?.now() ?? 0
        var clock = PhaseClock(system)
        var builder = parse(sources, cores: system?.usableCores ?? 2, system: system, shouldStop: shouldStop)
        clock.mark("parse")
        if builder.interrupted {
            return LoadReport(kb: KnowledgeBase(), diagnostics: [], files: sources.map(\.name), bytes: 0, seconds: 0, interrupted: true)
        }
        builder.diagnostics.append(contentsOf: extra)
        builder.system = system
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
        let seconds = system?.seconds(since: start) ?? 0
        var r = LoadReport(kb: kb, diagnostics: diags, files: sources.map(\.name),
                           bytes: sources.reduce(0) { $0 + $1.bytes.count }, seconds: seconds)
        r.hiddenProblems = builder.hiddenProblems
        return r
    }

    /// Parses the sources: in one pass for a small KB; for a large one, its two halves (split at a line end)
    /// on two threads, the second half then merged into the first as if read after it.
    static func parse(_ sources: [Source], cores: Int = 2, system: (any System)? = nil, shouldStop: @escaping () -> Bool = { false }) -> KBBuilder {
        let total = sources.reduce(0) { $0 + $1.bytes.count }
        let whole = sources.map { Segment(source: $0, from: 0, to: $0.bytes.count) }
        guard total >= twoThreadMinimum, cores > 1 else {
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
                var clock = PhaseClock(system)
                b[k].reserve(for: parts[k])
                for s in parts[k] { b[k].parse(s.source, from: s.from, to: s.to) }
                clock.mark("parse half \(k)")
            }
        }
        var clock = PhaseClock(system)
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
    nonisolated(unsafe) public static var twoThreadMinimum = 1 << 20
    /// The largest KB file: positions in a file are kept in 32 bits.
    public static let maxFileBytes = Int(Int32.max)
    /// Files from this size are mapped into memory rather than read (fewer mappings: the kernel caps their number);
    /// the fuzz target lowers it.
    nonisolated(unsafe) public static var mapMinimum = 1 << 20

    /// The `.kb` files at a path: the file itself, or every `*.kb` below a directory in byte order of relative paths.
    public static func kbFiles(at path: String, system: any System) throws -> [String] { try kbEntries(at: path, system: system).files }

    /// The `.kb` files at a path (as `kbFiles`), and the directories below it that cannot be read, with why.
    /// A `.kb` entry that cannot even be looked at (a dangling or looping link) is listed: reading it reports why.
    public static func kbEntries(at path: String, system: any System) throws -> (files: [String], unreadable: [(String, SystemError)]) {
        let info: FileInfo
        switch system.fileInfo(path, followingLinks: true) {
        case .success(let i): info = i
        case .failure(let e): throw LoadFailure(path: path, reason: e)
        }
        if info.kind != .directory {
            if let e = system.checkReadable(path) { throw LoadFailure(path: path, reason: e) }
            return ([path], [])
        }
        if case .failure(let e) = system.listDirectory(path) { throw LoadFailure(path: path, reason: e) }
        var found: [(String, String)] = []   // (relative path, full path)
        var unreadable: [(String, SystemError)] = []
        var visited = Set<String>()
        func walk(_ full: String, _ relative: String) {
            let real = system.canonicalPath(full) ?? full
            if visited.contains(real) { return }
            visited.insert(real)
            let names: [String]
            switch system.listDirectory(full) {
            case .success(let n): names = n
            case .failure(let e): unreadable.append((full, e)); return
            }
            for name in names {
                let f = full.hasSuffix("/") ? full + name : full + "/" + name
                let r = relative.isEmpty ? name : relative + "/" + name
                guard case .success(let s) = system.fileInfo(f, followingLinks: true) else {
                    if name.hasSuffix(".kb") { found.append((r, f)) }
                    continue
                }
                if s.kind == .directory { walk(f, r) }
                else if name.hasSuffix(".kb") { found.append((r, f)) }
            }
        }
        walk(path, "")
        found.sort { TextOrder.bytesLess($0.0, $1.0) }
        return (found.map(\.1), unreadable)
    }
}

/// A load stopped by Ctrl-C: the KB in use stays as it was.
public struct LoadInterrupted: Error, Sendable {}
