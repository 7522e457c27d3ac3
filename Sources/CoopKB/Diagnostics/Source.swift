import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A named text that positions point into: a KB file, a query file, `<execute>` or `<stdin>`.
/// Positions are UTF-8 byte offsets; lines and columns are computed only when a message is made.
public final class Source: @unchecked Sendable {
    /// The name shown in messages (a path, `<execute>`, `<stdin>`).
    public let name: String
    /// The raw bytes of the text, owned by this source (a copy, or a read-only mapping of a file).
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The line number of the first byte (for statements cut out of a longer text).
    public let firstLine: Int
    private var lineStarts: [Int]? = nil
    private let lock = NSLock()
    private let mappedLength: Int

    public init(name: String, bytes: [UInt8], firstLine: Int = 1) {
        self.name = name
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = copy.initialize(from: bytes)
        self.bytes = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(copy)[0..<bytes.count])
        self.firstLine = firstLine
        self.mappedLength = -1
    }

    /// A file mapped read-only into memory: no copy, and pages come straight from the file cache.
    /// Nil when it cannot be mapped, or when `MappedFiles` has no room left (the caller reads the file instead).
    init?(name: String, mapping fd: Int32, length: Int) {
        guard length > 0, let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        guard let slot = MappedFiles.register(base, length) else { munmap(base, length); return nil }
        _ = madvise(base, length, MADV_SEQUENTIAL)
        self.name = name
        self.bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: length)
        self.firstLine = 1
        self.mappedLength = length
        self.mappingSlot = slot
    }

    /// Whether this source is a mapped file that was cut short while mapped (its lost pages read as NUL bytes).
    public var changedWhileMapped: Bool { mappingSlot >= 0 && MappedFiles.faulted(mappingSlot) }
    private var mappingSlot = -1

    /// Lets the kernel drop the pages of a mapped file between two offsets from this process's memory; they are
    /// read again from the file cache if touched later (a message quoting a line). A copy keeps its bytes.
    func releasePages(from: Int = 0, to: Int? = nil) {
        guard mappedLength >= 0, let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (from + page - 1) / page * page
        let end = (to ?? mappedLength) / page * page
        if end > start { _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED) }
    }

    deinit {
        if mappedLength >= 0 {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), mappedLength)
            if mappingSlot >= 0 { MappedFiles.unregister(mappingSlot) }
        } else {
            UnsafeMutablePointer(mutating: bytes.baseAddress)?.deallocate()
        }
    }

    public convenience init(name: String, text: String, firstLine: Int = 1) {
        self.init(name: name, bytes: Array(text.utf8), firstLine: firstLine)
    }

    private func starts() -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let s = lineStarts { return s }
        var s = [0]
        for i in 0..<bytes.count where bytes[i] == 0x0A { s.append(i + 1) }
        lineStarts = s
        return s
    }

    /// The 0-based line index holding `offset`.
    func lineIndex(of offset: Int) -> Int {
        let s = starts()
        var lo = 0, hi = s.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if s[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The 1-based line and column (in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        let li = lineIndex(of: offset)
        let start = starts()[li]
        var column = 1
        var i = start
        while i < offset {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // A column counted from a position inside a multi-byte character would be one too many.
        if offset < bytes.count && offset > start && bytes[offset] & 0xC0 == 0x80 { column -= 1 }
        return (li + firstLine, column)
    }

    /// The text of the line holding `offset`, without its line end.
    public func lineText(at offset: Int) -> String {
        let offset = max(0, min(offset, bytes.count))
        let s = starts()
        let li = lineIndex(of: offset)
        let start = s[li]
        var end = li + 1 < s.count ? s[li + 1] - 1 : bytes.count
        if end > start && end <= bytes.count && end - 1 >= start && end - 1 < bytes.count && bytes[end - 1] == 0x0D { end -= 1 }
        if end < start { end = start }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The line holding `offset` and its part before `offset`, cut to about `limit` bytes around `offset`
    /// (cut ends shown as `…`), so that a problem on a huge line is not shown with the whole line.
    func lineWindow(at offset: Int, limit: Int = 400) -> (text: String, prefix: String) {
        let offset = max(0, min(offset, bytes.count))
        let s = starts()
        let li = lineIndex(of: offset)
        let start = s[li]
        var end = li + 1 < s.count ? s[li + 1] - 1 : bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        if end < start { end = start }
        if end - start <= limit {
            return (String(decoding: bytes[start..<end], as: UTF8.self), String(decoding: bytes[start..<offset], as: UTF8.self))
        }
        // Cut at character boundaries (not inside a multi-byte character).
        var from = max(start, offset - limit / 4)
        while from > start && from < end && bytes[from] & 0xC0 == 0x80 { from -= 1 }
        var to = min(end, max(offset, from) + limit * 3 / 4)
        while to < end && bytes[to] & 0xC0 == 0x80 { to += 1 }
        let lead = from > start ? "…" : ""
        let text = lead + String(decoding: bytes[from..<to], as: UTF8.self) + (to < end ? "…" : "")
        return (text, lead + String(decoding: bytes[from..<max(from, offset)], as: UTF8.self))
    }

    /// The bytes of the line holding `offset` up to `offset`, for placing a caret.
    func linePrefix(at offset: Int) -> String {
        let offset = max(0, min(offset, bytes.count))
        let start = starts()[lineIndex(of: offset)]
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }
}

/// How grave a problem is: an error leaves something out, a warning only says what was done.
public enum Severity: String, Sendable {
    /// A note (homonyms of an id match) or a hint (a likely cause of an empty answer): said beside a result.
    case error, warning, note, hint
}

/// The files mapped into memory, so that one cut short while mapped (whose pages beyond its new end fault with
/// SIGBUS) does not end the process: the SIGBUS handler maps zero pages over the lost part and marks the file.
/// A fixed table, read by the handler without locks: slot `i` holds start and end addresses, 0 when free.
enum MappedFiles {
    /// The most files mapped at once; beyond it files are read (the kernel caps mappings per process at ~65,000).
    static let capacity = 1024
    nonisolated(unsafe) static let ranges: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 2 * capacity)
        p.initialize(repeating: 0, count: 2 * capacity)
        return p
    }()
    nonisolated(unsafe) static let faults: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
        return p
    }()
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false

    /// Claims a slot for a mapping; nil when the table is full.
    static func register(_ base: UnsafeMutableRawPointer, _ length: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if !installed { installHandler(); installed = true }
        for i in 0..<capacity where ranges[2 * i] == 0 {
            faults[i] = 0
            ranges[2 * i + 1] = Int(bitPattern: base) + length
            ranges[2 * i] = Int(bitPattern: base)
            return i
        }
        return nil
    }

    static func unregister(_ slot: Int) {
        lock.lock()
        defer { lock.unlock() }
        ranges[2 * slot] = 0
        ranges[2 * slot + 1] = 0
    }

    static func faulted(_ slot: Int) -> Bool { faults[slot] != 0 }

    /// SIGBUS inside a registered mapping: zero pages replace the lost ones and the access goes on.
    /// Anywhere else: the default action (the process ends, as it would have).
    static func installHandler() {
        var sa = sigaction()
        sa.__sigaction_handler.sa_sigaction = { _, info, _ in
            let address = Int(bitPattern: info?.pointee._sifields._sigfault.si_addr)
            for i in 0..<MappedFiles.capacity {
                let start = MappedFiles.ranges[2 * i], end = MappedFiles.ranges[2 * i + 1]
                if start != 0 && address >= start && address < end {
                    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
                    let at = address & ~(page - 1)
                    if mmap(UnsafeMutableRawPointer(bitPattern: at), page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED {
                        MappedFiles.faults[i] = 1
                        return
                    }
                }
            }
            signal(SIGBUS, SIG_DFL)
        }
        sa.sa_flags = SA_SIGINFO | SA_NODEFER
        sigemptyset(&sa.sa_mask)
        sigaction(SIGBUS, &sa, nil)
    }
}

/// One problem found in a KB file or a statement, with the place it starts.
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    /// Where the text came from.
    public let source: Source
    /// UTF-8 offset of the offending token in `source`.
    public let offset: Int
    /// What is wrong, as a value (Problem.swift); `message` words it in the current language.
    public let problem: Problem
    /// Error (the default) or warning.
    public let severity: Severity
    /// The column the headline shows instead of the character column (a spreadsheet's cell column).
    public var columnOverride: Int? = nil

    public init(source: Source, offset: Int, problem: Problem, severity: Severity = .error) {
        self.source = source
        self.offset = offset
        self.problem = problem
        self.severity = severity
    }


    /// What is wrong, and what to do about it, in the current language.
    public var message: String { Diagnostic.clipped(problem.text) }

    /// A message quoting a huge token (a 50 MB word) keeps its start and its end (where suggestions are).
    static func clipped(_ message: String) -> String {
        let n = message.utf8.count
        guard n > 4000 else { return message }
        return "\(message.prefix(1000))… (\(n - 1200) bytes left out) …\(message.suffix(200))"
    }

    /// 1-based line of the problem.
    public var line: Int { source.location(of: offset).line }
    /// 1-based column, in characters, of the problem.
    public var column: Int { columnOverride ?? source.location(of: offset).column }

    /// `SOURCE:LINE:COL: error: MESSAGE` (or `warning:`).
    public var headline: String {
        let (l, c) = source.location(of: offset)
        return "\(source.name):\(l):\(columnOverride ?? c): \(severity.rawValue): \(message)".replacingControlCharacters()
    }

    /// The headline, the offending line and a caret under the place.
    public var rendered: String {
        let (text, prefix) = source.lineWindow(at: offset)
        var caret = ""
        for ch in prefix {
            if ch == "\t" { caret.append("\t") } else { caret.append(String(repeating: " ", count: DisplayWidth.of(ch))) }
        }
        let safe = text.replacingControlCharacters()
        return "\(headline)\n\(safe)\n\(caret)^"
    }

    public var description: String { headline }
}

extension Unicode.Scalar {
    /// A control character that can move or reprogram a terminal: C0 (below U+0020), DEL, or C1 (U+0080–U+009F).
    var isTerminalControl: Bool { value < 0x20 || (value >= 0x7F && value <= 0x9F) }
}

extension String {
    /// The string with control characters other than tab (C0, DEL and C1, such as ESC and U+009B) shown as `?`,
    /// so text from a KB never moves or reprograms the terminal.
    public func replacingControlCharacters() -> String {
        if !unicodeScalars.contains(where: { $0.isTerminalControl && $0 != "\t" }) { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0.isTerminalControl && $0 != "\t" ? "?" : $0 }))
    }

    /// The string with every control character (tab and newline too) replaced by U+FFFD, for formats with no
    /// escape for them (CSV, Markdown, DOT labels, XML).
    public func replacingControlsWithReplacementCharacter(keeping kept: Set<Unicode.Scalar> = []) -> String {
        if !unicodeScalars.contains(where: { $0.isTerminalControl && !kept.contains($0) }) { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0.isTerminalControl && !kept.contains($0) ? "\u{FFFD}" : $0 }))
    }
}
