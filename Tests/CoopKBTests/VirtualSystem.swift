import CoopKB
import Foundation

/// An in-memory `System` for tests: files and directories live in a dictionary, so a whole session runs without
/// touching the disk. The disk may be given a capacity (writes past it fail with "No space left on device", as a
/// full disk does) and read-only directories. Programs (dot, rsvg-convert) are the real ones, run through a
/// `POSIXSystem`: they read a pipe and write a pipe, never a path, so no file is touched by them either.
final class VirtualSystem: System {
    /// The files, by absolute path.
    private(set) var files: [String: [UInt8]] = [:]
    /// The directories, by absolute path ("/" always).
    private(set) var directories: Set<String> = ["/"]
    /// Paths under these directories cannot be written (a read-only mount).
    var readOnly: Set<String> = []
    /// The most bytes all files may hold together (nil: no limit).
    var capacity: Int? = nil
    /// The environment.
    var variables: [String: String] = [:]
    /// Lines written to standard error outside a session.
    private(set) var errorLog = ""
    /// Every path asked about, read or written, in order (to assert what the session touched).
    private(set) var touched: [String] = []
    /// The clock: every reading advances it by a millisecond.
    private var ticks: UInt64 = 0
    /// Programs really run (dot, rsvg-convert).
    private let programs = POSIXSystem()

    /// Adds a file (and the directories above it).
    func add(_ path: String, _ text: String) { add(path, bytes: Array(text.utf8)) }
    func add(_ path: String, bytes: [UInt8]) {
        let p = normal(path)
        makeParents(p)
        files[p] = bytes
    }
    /// The text of a file, nil when there is none.
    func text(_ path: String) -> String? { files[normal(path)].map { String(decoding: $0, as: UTF8.self) } }

    /// The total bytes held.
    var used: Int { files.values.reduce(0) { $0 + $1.count } }

    func normal(_ path: String) -> String {
        var parts: [Substring] = []
        for c in (path.hasPrefix("/") ? path : "/work/" + path).split(separator: "/") {
            if c == "." || c.isEmpty { continue }
            if c == ".." { _ = parts.popLast(); continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }
    private func parent(_ p: String) -> String {
        guard let i = p.lastIndex(of: "/"), i != p.startIndex else { return "/" }
        return String(p[..<i])
    }
    private func makeParents(_ p: String) {
        var d = parent(p)
        while !directories.contains(d) { directories.insert(d); d = parent(d) }
    }
    private func writable(_ p: String) -> SystemError? {
        if readOnly.contains(where: { p == $0 || p.hasPrefix($0 + "/") }) { return .readOnly }
        return nil
    }
    private func fits(_ extra: Int) -> Bool { capacity.map { used + extra <= $0 } ?? true }

    func readFile(_ path: String, regularOnly: Bool) -> Result<Source, SystemError> {
        let p = normal(path)
        touched.append(p)
        if directories.contains(p) { return .failure(.isDirectory) }
        guard let bytes = files[p] else { return .failure(.notFound) }
        return .success(Source(name: path, bytes: bytes))
    }

    func fileInfo(_ path: String, followingLinks: Bool) -> Result<FileInfo, SystemError> {
        let p = normal(path)
        touched.append(p)
        if directories.contains(p) { return .success(FileInfo(kind: .directory)) }
        if let f = files[p] { return .success(FileInfo(kind: .regular, size: f.count)) }
        return .failure(.notFound)
    }

    func checkReadable(_ path: String) -> SystemError? { nil }

    func listDirectory(_ path: String) -> Result<[String], SystemError> {
        let p = normal(path)
        touched.append(p)
        guard directories.contains(p) else { return .failure(files[p] == nil ? .notFound : .notDirectory) }
        let prefix = p == "/" ? "/" : p + "/"
        let children = (Array(files.keys) + Array(directories)).filter { $0.hasPrefix(prefix) && $0 != p }
            .map { String($0.dropFirst(prefix.count)) }.filter { !$0.contains("/") }
        return .success(children.sorted())
    }

    func canonicalPath(_ path: String) -> String? { normal(path) }

    func createDirectory(_ path: String, private: Bool) -> SystemError? {
        let p = normal(path)
        touched.append(p)
        if files[p] != nil { return .notDirectory }
        if directories.contains(p) { return nil }
        if let e = writable(p) { return e }
        makeParents(p + "/x")
        return nil
    }

    func createFile(_ path: String, contents: [UInt8], executable: Bool) -> SystemError? {
        let p = normal(path)
        touched.append(p)
        if files[p] != nil || directories.contains(p) { return .exists }
        guard directories.contains(parent(p)) else { return .notFound }
        if let e = writable(p) { return e }
        // A file that cannot be written whole is removed: nothing half-written is left.
        guard fits(contents.count) else { return .noSpace }
        files[p] = contents
        return nil
    }

    func append(_ bytes: [UInt8], to path: String) -> SystemError? {
        let p = normal(path)
        touched.append(p)
        guard directories.contains(parent(p)) else { return .notFound }
        if let e = writable(p) { return e }
        guard fits(bytes.count) else { return .noSpace }
        files[p, default: []] += bytes
        return nil
    }

    func replaceFile(_ path: String, contents: [UInt8]) -> SystemError? {
        let p = normal(path)
        touched.append(p)
        if let e = writable(p) { return e }
        guard fits(contents.count - (files[p]?.count ?? 0)) else { return .noSpace }
        files[p] = contents
        return nil
    }

    func openOutput(_ path: String) -> Result<any OutputFile, SystemError> {
        let p = normal(path)
        touched.append(p)
        if files[p] != nil || directories.contains(p) { return .failure(directories.contains(p) ? .isDirectory : .exists) }
        guard directories.contains(parent(p)) else { return .failure(.notFound) }
        if let e = writable(p) { return .failure(e) }
        files[p] = []
        return .success(VirtualFile(system: self, path: p, name: path))
    }

    /// Adds to a file opened by `openOutput`; false when the disk is full (what fits is kept, as on a disk).
    fileprivate func extend(_ path: String, _ bytes: [UInt8]) -> Bool {
        let room = capacity.map { max(0, $0 - used) } ?? bytes.count
        files[path, default: []] += bytes.prefix(room)
        return room >= bytes.count
    }

    func findTool(_ name: String) -> String? { programs.findTool(name) }
    func run(tool path: String, arguments: [String], input: [UInt8]) -> ToolRun { programs.run(tool: path, arguments: arguments, input: input) }
    func now() -> UInt64 { ticks += 1_000_000; return ticks }
    func environment(_ name: String) -> String? { variables[name] }
    var processID: Int { 4242 }
    var executablePath: String { "/opt/coopkb/bin/coopkb" }
    var usableCores: Int { 1 }
    func residentMegabytes() -> Int? { nil }
    func writeError(_ text: String) { errorLog += text }
    func waitOnFIFO(_ path: String) {}
}

/// A file of the virtual system opened for results.
final class VirtualFile: OutputFile {
    unowned let system: VirtualSystem
    let path: String
    let name: String
    private(set) var failure: SystemError? = nil
    private(set) var closed = false

    init(system: VirtualSystem, path: String, name: String) {
        self.system = system
        self.path = path
        self.name = name
    }

    func write(_ text: String) { write(Array(text.utf8)) }
    func write(_ bytes: [UInt8]) {
        guard failure == nil, !closed else { return }
        if !system.extend(path, bytes) { failure = .noSpace }
    }
    func flush() {}
    func close() { closed = true }
}
