import Foundation

/// The shell's tools in the session (docs/shell.md): output targets (`.once`, `.excel`, workbooks), headers and
/// separators, the pager switch, `.edit`, saved queries.
extension Session {
    /// A sheet's name: the statement on one line.
    static func sheetTitle(_ statement: String) -> String {
        statement.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// Writes the sheets waiting for the current output (also an empty workbook for a workbook file that got
    /// no result, so that the file opens); returns why it cannot.
    func flushWorkbook() -> String? {
        guard !workbook.isEmpty || workbookFileOpen else { return nil }
        defer { workbook = Workbook() }
        do {
            sink(.bytes(try workbook.bytes()))
        } catch {
            return "cannot write the workbook: \(error)"
        }
        return nil
    }

    /// The `.once` result is written: output goes back to where it was.
    func endOnce() -> String? {
        let problem = toWorkbook ? flushWorkbook() : nil
        let path = oncePath!
        _ = redirectOnce(nil)
        oncePath = nil
        wroteResult = wroteBeforeOnce
        workbookFileOpen = outputPath?.lowercased().hasSuffix(".xlsx") ?? false
        if openOnceFile {
            openOnceFile = false
            if problem == nil { sink(.notice(openFile(path))) }
        }
        return problem
    }

    /// Ends the run's output: a workbook waiting for standard output or an `.output` file is written, a
    /// `.once` file that got no result is closed. The front end calls it before it exits.
    public func finishOutput() {
        if oncePath != nil {
            if let p = endOnce() { fail(.failure(p)) }
        }
        if toWorkbook || !workbook.isEmpty, let p = flushWorkbook() { fail(.failure(p)) }
    }

    /// Refuses a file that exists: nothing the user has is overwritten.
    /// A device or a FIFO (`/dev/null`, `/dev/stdout`) is written to, as a shell's `>` would: it keeps nothing.
    func refuseExisting(_ path: String, _ offset: Int, _ source: Source) throws {
        var st = stat()
        if stat(path, &st) == 0 && ((st.st_mode & S_IFMT) == S_IFCHR || (st.st_mode & S_IFMT) == S_IFIFO) { return }
        if FileManager.default.fileExists(atPath: path) {
            throw Diagnostic(source: source, offset: offset, message: "'\(path)' exists and would be overwritten; remove it first or choose another name")
        }
    }

    /// `.once FILE` and `.excel`: the next result goes to FILE, then output goes back to where it was.
    func once(_ path: String, open: Bool, _ offset: Int, _ source: Source) throws {
        try refuseExisting(path, offset, source)
        if oncePath != nil, let p = endOnce() { throw Diagnostic(source: source, offset: offset, message: p) }
        if toWorkbook && target == nil, let p = flushWorkbook() { throw Diagnostic(source: source, offset: offset, message: p) }
        if let problem = redirectOnce(path) { throw Diagnostic(source: source, offset: offset, message: problem) }
        wroteBeforeOnce = wroteResult
        wroteResult = false
        oncePath = path
        openOnceFile = open
        workbookFileOpen = path.lowercased().hasSuffix(".xlsx") || mode == .xlsx
    }

    static func isBlank(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.isEmpty || t.hasPrefix("#")
        }
    }

    // MARK: Saved queries

    /// The names of the saved queries (none when the file is missing or unreadable), for completion.
    public func savedQueryNames() -> [String] {
        guard let path = savedQueriesPath, let data = FileManager.default.contents(atPath: path),
              let text = String(validating: [UInt8](data), as: UTF8.self) else { return [] }
        return SavedQueries(text: text).queries.map(\.name)
    }

    /// `.save NAME`, `.run NAME ARGS…`, `.saved`, `.unsave NAME`, on the file at `savedQueriesPath`.
    /// What a saved-query command does.
    enum SavedQueryAction { case save, run, list, forget }

    func savedQuery(_ command: SavedQueryAction, _ args: [String], _ offset: Int, _ source: Source) throws {
        func fail(_ message: String) -> Diagnostic { Diagnostic(source: source, offset: offset, message: message) }
        guard let path = savedQueriesPath else { throw fail("saved queries need a home: set $XDG_CONFIG_HOME or $HOME") }
        let existing = FileManager.default.fileExists(atPath: path)
        var text = ""
        if existing {
            guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read \(path); check its permissions") }
            guard let t = String(validating: [UInt8](data), as: UTF8.self) else { throw fail("\(path) is not UTF-8 text; fix or move it") }
            text = t
        }
        let saved = SavedQueries(text: text)
        switch command {
        case .list:
            guard args.isEmpty else { throw fail("usage: .saved") }
            for p in saved.problems { sink(.notice("\(path):\(p.line): \(p.message)")) }
            if saved.queries.isEmpty {
                sink(.output("no saved queries; .save NAME keeps the last statement (in \(path))\n"))
                return
            }
            let width = saved.queries.map { DisplayWidth.of($0.name) }.max() ?? 0
            var out = ""
            for q in saved.queries {
                let params = q.parameters == 0 ? "" : " (" + (1...q.parameters).map { "$\($0)" }.joined(separator: " ") + ")"
                let oneLine = Session.sheetTitle(q.text)
                out += q.name + String(repeating: " ", count: width - DisplayWidth.of(q.name) + 2) + oneLine + params + "\n"
            }
            sink(.output(out + "(kept in \(path))\n"))
        case .save:
            guard args.count == 1 else { throw fail("usage: .save NAME   (keeps the last statement; $1, $2 … in it are parameters)") }
            let name = args[0]
            guard SavedQueries.isValidName(name) else { throw fail("'\(name)' cannot name a query: use letters, digits, -, _ and ., starting with a letter or digit") }
            guard let statement = lastStatement else { throw fail("nothing to save yet: run a statement first (it may use $1, $2 … as parameters)") }
            if saved.query(named: name) != nil {
                throw fail("a query named '\(name)' is saved already (.saved lists them); choose another name, or .unsave \(name) first")
            }
            let placeholders = SavedQueries.substitute(SavedQueries.Query(name: name, text: statement, line: 1, parameters: SavedQueries.parameterCount(statement)),
                                                      Array(repeating: "x", count: SavedQueries.parameterCount(statement)))
            if let checked = placeholders.text {
                let sub = Source(name: "<save>", text: checked)
                var parser = Parser(source: sub, tokens: (try? Lexer(source: sub).tokens()) ?? [])
                do { _ = try parser.parseStatement() } catch let e as ParseError {
                    throw fail("the last statement does not parse (\(e.diagnostic.message)); fix it, run it, then .save \(name)")
                }
            } else if let p = placeholders.problem {
                throw fail(p)
            }
            let addition = (existing ? (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") : SavedQueries.preamble) + SavedQueries.entry(name: name, statement: statement)
            if let problem = Session.append(addition, to: path) { throw fail(problem) }
            let n = SavedQueries.parameterCount(statement)
            sink(.notice("saved '\(name)'\(n > 0 ? " with \(n) parameter\(n == 1 ? "" : "s")" : "") in \(path); .run \(name)\(n > 0 ? " " + (1...n).map { "ARG\($0)" }.joined(separator: " ") : "") runs it"))
        case .forget:
            guard args.count == 1 else { throw fail("usage: .unsave NAME") }
            guard let q = saved.query(named: args[0]) else { throw fail(unknownSaved(args[0], saved, path)) }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = q.line - 1
            let nameLine = lines[..<start].lastIndex { SavedQueries.nameLine($0)?.lowercased() == q.name.lowercased() } ?? start
            var end = start
            while end < lines.count && SavedQueries.nameLine(lines[end]) == nil { end += 1 }
            var from = nameLine
            if from > 0 && lines[from - 1].trimmingCharacters(in: .whitespaces).isEmpty { from -= 1 }
            lines.removeSubrange(from..<end)
            if let problem = Session.replace(path, with: lines.joined(separator: "\n")) { throw fail(problem) }
            sink(.notice("removed '\(q.name)' from \(path)"))
        case .run:
            guard let name = args.first else { throw fail("usage: .run NAME ARGS…   (.saved lists the saved queries)") }
            guard let q = saved.query(named: name) else { throw fail(unknownSaved(name, saved, path)) }
            guard let raw = SavedQueries.rawArguments(source.lineText(at: offset).trimmingCharacters(in: .whitespaces), skip: 2) else {
                throw fail("unterminated string in the arguments")
            }
            let (statement, problem) = SavedQueries.substitute(q, raw)
            if let problem { throw fail(problem) }
            readDepth += 1
            defer { readDepth -= 1 }
            guard readDepth <= Session.maxReadDepth else { throw fail("saved queries run one another more than \(Session.maxReadDepth) deep") }
            run(Source(name: path + ":" + q.name, text: statement!, firstLine: q.line))
        }
    }

    func unknownSaved(_ name: String, _ saved: SavedQueries, _ path: String) -> String {
        var msg = "no saved query is called '\(name)'"
        if let s = Similarity.closest(to: name.lowercased(), among: saved.queries.map { $0.name.lowercased() }, count: 1).first { msg += "; did you mean '\(s)'?" }
        else { msg += saved.queries.isEmpty ? "; .save NAME keeps the last statement" : "; .saved lists them (in \(path))" }
        return msg
    }

    /// Appends text to a file, creating it and its folder (mode 0700) when missing; returns why it cannot.
    static func append(_ text: String, to path: String) -> String? {
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return "cannot create \(dir): \(error.localizedDescription)"
        }
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) ? FileHandle(forWritingAtPath: path) : nil
        }() else { return "cannot write \(path); check its permissions" }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            return "cannot write \(path): \(error.localizedDescription)"
        }
        return nil
    }

    /// Replaces a file's text through a new file renamed over it; returns why it cannot.
    static func replace(_ path: String, with text: String) -> String? {
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              rename(temporary, path) == 0 else {
            return "cannot write \(path); check its permissions"
        }
        return nil
    }
}
