/// Everything the library asks of the world outside it: reading and writing files, running a tool (Graphviz,
/// rsvg-convert), the clock, the environment. The library does no I/O of its own (as swift-format's library never
/// prints): the executable hands a `POSIXSystem` (System/POSIXSystem.swift, the one file that calls the operating
/// system) to the loader and the session, and a test can hand an in-memory one instead
/// (Tests/CoopKBTests/VirtualSystem.swift). Results and problems leave the session as events (`Session.sink`).
///
/// Every way of writing keeps today's rule: nothing that exists is overwritten (a file is created exclusively and
/// no link is followed), except a device or a FIFO named as an output (`/dev/null`), which keeps nothing.
public protocol System: AnyObject {
    /// The text of a file, mapped or read (a FIFO is read to its end). `regularOnly`: a FIFO, device or socket
    /// is refused (a file found in a directory must be a regular file: a FIFO would block, a device never end).
    func readFile(_ path: String, regularOnly: Bool) -> Result<Source, SystemError>
    /// What a path names (following links, or not), or why it cannot be looked at (`.notFound`: nothing there).
    func fileInfo(_ path: String, followingLinks: Bool) -> Result<FileInfo, SystemError>
    /// Nil when the file may be read, else why not.
    func checkReadable(_ path: String) -> SystemError?
    /// The names in a directory (without `.` and `..`), in the order the system gives them.
    func listDirectory(_ path: String) -> Result<[String], SystemError>
    /// The path with links and `.`/`..` resolved (for noticing a directory seen twice), nil when it cannot be.
    func canonicalPath(_ path: String) -> String?

    /// Creates a directory and those above it that are missing (`private`: mode 0700); one that exists is fine.
    func createDirectory(_ path: String, private: Bool) -> SystemError?
    /// Writes a new file, created exclusively, no link followed (`executable`: mode 0755, else 0644); a file
    /// that cannot be written whole is removed.
    func createFile(_ path: String, contents: [UInt8], executable: Bool) -> SystemError?
    /// Adds bytes at the end of a file, creating it (mode 0600) when missing.
    func append(_ bytes: [UInt8], to path: String) -> SystemError?
    /// Replaces a file's contents through a new file renamed over it (mode 0600).
    func replaceFile(_ path: String, contents: [UInt8]) -> SystemError?
    /// A new file for results (`.output`, `.once`), created exclusively, no link followed; a device or a FIFO
    /// that exists is written to, as a shell's `>` would.
    func openOutput(_ path: String) -> Result<any OutputFile, SystemError>

    /// The path of a program found on $PATH, nil when there is none.
    func findTool(_ name: String) -> String?
    /// Runs a program that reads its standard input and writes its standard output (dot, rsvg-convert); it
    /// never opens a path of ours.
    func run(tool path: String, arguments: [String], input: [UInt8]) -> ToolRun

    /// A monotonic clock, in nanoseconds (for load and statement times).
    func now() -> UInt64
    /// An environment variable, nil when unset.
    func environment(_ name: String) -> String?
    /// This process's id (for names of temporary files).
    var processID: Int { get }
    /// The path of the running program (to find share/coopkb beside it).
    var executablePath: String { get }
    /// How many cores this process may run on.
    var usableCores: Int { get }
    /// Resident memory in MB, nil when unknown (COOPKB_PROFILE's load phases).
    func residentMegabytes() -> Int?
    /// A line for standard error outside any session (COOPKB_PROFILE's load phases).
    func writeError(_ text: String)
    /// Opens a FIFO and reads it to its end, waiting for a writer (the hostile suite's pause, Loader.swift).
    func waitOnFIFO(_ path: String)
}

/// Why the system refused: the reasons the program words itself (English+Session.swift, French+Session.swift),
/// else the system's own words.
public enum SystemError: Error, Sendable, Equatable {
    case notFound
    case permissionDenied
    case isDirectory
    case notDirectory
    case exists
    case noSpace
    case readOnly
    /// A FIFO, device or socket where a file found in a directory must be a regular file.
    case notRegularFile
    /// A device or a socket named as a KB file.
    case deviceOrSocket
    /// Larger than the most bytes a KB file may hold.
    case tooLarge(limit: Int)
    /// Any other reason, in the system's words (strerror).
    case other(String)
}

/// What a path names.
public struct FileInfo: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case regular, directory, characterDevice, blockDevice, fifo, socket, symbolicLink }
    public var kind: Kind
    /// Bytes, for a regular file.
    public var size: Int
    public init(kind: Kind, size: Int = 0) { self.kind = kind; self.size = size }
    /// A device or a FIFO keeps nothing written to it: it may be named as an output that exists.
    public var keepsNothing: Bool { kind == .characterDevice || kind == .fifo }
}

/// A file results are written to (`.output`, `.once`): buffered; a write that fails is kept in `failure` and
/// nothing more is written.
public protocol OutputFile: AnyObject {
    /// The path, as messages show it.
    var name: String { get }
    func write(_ text: String)
    func write(_ bytes: [UInt8])
    func flush()
    /// Flushes and closes; a failure to close is a write failure.
    func close()
    /// Why a write failed, once one has.
    var failure: SystemError? { get }
}

/// How a tool ran: its standard output, its status, and its standard error for the message.
public struct ToolRun: Sendable {
    /// Nil when the program could not be started at all; the reason is then in `error`.
    public var status: Int32?
    public var output: [UInt8]
    public var error: String
    public init(status: Int32?, output: [UInt8], error: String) { self.status = status; self.output = output; self.error = error }
}

extension System {
    /// Whether something is at a path (a dangling link is nothing).
    func exists(_ path: String) -> Bool { if case .success = fileInfo(path, followingLinks: true) { return true }; return false }
    /// Whether a path is a directory.
    func isDirectory(_ path: String) -> Bool { if case .success(let i) = fileInfo(path, followingLinks: true) { return i.kind == .directory }; return false }
    /// The contents of a small file (saved queries, map outlines), or why it cannot be read.
    func contents(_ path: String) -> Result<[UInt8], SystemError> {
        readFile(path, regularOnly: false).map { Array($0.bytes) }
    }
    /// Seconds since a `now()` reading.
    func seconds(since start: UInt64) -> Double { Double(now() &- start) / 1e9 }
}
