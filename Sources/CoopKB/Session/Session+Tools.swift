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
    func flushWorkbook() -> Problem? {
        guard !workbook.isEmpty || workbookFileOpen else { return nil }
        defer { workbook = Workbook() }
        do {
            write(bytes: try workbook.bytes())
        } catch {
            return .session(.workbookFailed(reason: "\(error)"))
        }
        return nil
    }

    /// The `.once` result is written: output goes back to where it was.
    func endOnce() -> Problem? {
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

    // MARK: Output files

    /// Text for the current output: the `.once` file, else the `.output` file, else standard output (the sink).
    func write(_ text: String) {
        guard let f = onceFile ?? outputFile else { sink(.output(text)); return }
        f.write(text)
        checkWritten(f)
    }

    /// Bytes (a workbook) for the current output.
    func write(bytes: [UInt8]) {
        guard let f = onceFile ?? outputFile else { sink(.bytes(bytes)); return }
        f.write(bytes)
        f.flush()
        checkWritten(f)
    }

    /// Sends later output to a new file (created exclusively), or back to standard output (nil); the problem when
    /// the file cannot be opened (output then stays where it was).
    func redirect(_ path: String?) -> Problem? {
        var opened: (any OutputFile)? = nil
        if let path {
            switch system.openOutput(path) {
            case .success(let f): opened = f
            case .failure(let e): return .session(.cannotOpenOutput(path: path, reason: e))
            }
        }
        if let f = outputFile { outputFile = nil; f.close(); checkWritten(f) }
        outputFile = opened
        return nil
    }

    /// Sends the next result to a new file, or closes that file (nil).
    func redirectOnce(_ path: String?) -> Problem? {
        if let f = onceFile { onceFile = nil; f.close(); checkWritten(f) }
        guard let path else { return nil }
        switch system.openOutput(path) {
        case .success(let f): onceFile = f; return nil
        case .failure(let e): return .session(.cannotOpenOutput(path: path, reason: e))
        }
    }

    /// Reports a file whose writes failed, once, and goes back to standard output; a batch run stops there (what
    /// follows would be lost too), the shell goes on.
    func checkWritten(_ f: any OutputFile) {
        guard let failure = f.failure else { return }
        if f === outputFile { outputFile = nil; outputPath = nil }
        if f === onceFile { onceFile = nil }
        outputLost = true
        sink(.failure(Problem.session(.outputLost(to: .file(f.name), reason: failure)).text))
        abandon(interactive: interactive)
    }

    /// Writes what the output files hold so far (the shell calls it after each line); a failure is reported.
    public func flushOutput() {
        for f in [onceFile, outputFile] { if let f { f.flush(); checkWritten(f) } }
    }

    /// Closes the output files at the end of the run.
    public func closeOutput() {
        if let f = onceFile { onceFile = nil; f.close(); checkWritten(f) }
        if let f = outputFile { outputFile = nil; f.close(); checkWritten(f) }
    }

    /// Writes a new file through the system, created exclusively; the problem when it cannot.
    func writeNew(_ bytes: [UInt8], to path: String, executable: Bool = false) -> SessionProblem? {
        guard let e = system.createFile(path, contents: bytes, executable: executable) else { return nil }
        return e == .exists ? .fileExists(path: path) : .cannotWrite(path: path, reason: e)
    }

    /// A notice in the session's language, for standard error.
    func notice(_ p: SessionProblem) { sink(.notice(Problem.session(p).text)) }

    /// Ends the run's output: a workbook waiting for standard output or an `.output` file is written, a
    /// `.once` file that got no result is closed. The front end calls it before it exits.
    public func finishOutput() {
        if oncePath != nil {
            if let p = endOnce() { fail(.failure(p.text)) }
        }
        if toWorkbook || !workbook.isEmpty, let p = flushWorkbook() { fail(.failure(p.text)) }
    }

    /// Refuses a file that exists: nothing the user has is overwritten.
    /// A device or a FIFO (`/dev/null`, `/dev/stdout`) is written to, as a shell's `>` would: it keeps nothing.
    func refuseExisting(_ path: String, _ offset: Int, _ source: Source) throws {
        if case .success(let info) = system.fileInfo(path, followingLinks: true) {
            if info.keepsNothing { return }
            throw Diagnostic(source: source, offset: offset, problem: .session(.fileExists(path: path)))
        }
    }

    /// Refuses a path where anything is, even a link (a new picture or page is created there).
    func refuseLinkOrFile(_ path: String, _ c: Invocation) throws {
        if case .success = system.fileInfo(path, followingLinks: false) { throw c.fail(.fileExists(path: path)) }
    }

    /// `.once FILE` and `.excel`: the next result goes to FILE, then output goes back to where it was.
    func once(_ path: String, open: Bool, _ offset: Int, _ source: Source) throws {
        try refuseExisting(path, offset, source)
        if oncePath != nil, let p = endOnce() { throw Diagnostic(source: source, offset: offset, problem: p) }
        if toWorkbook && target == nil, let p = flushWorkbook() { throw Diagnostic(source: source, offset: offset, problem: p) }
        if let problem = redirectOnce(path) { throw Diagnostic(source: source, offset: offset, problem: problem) }
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
        guard let path = savedQueriesPath, case .success(let data) = system.contents(path),
              let text = String(validating: data, as: UTF8.self) else { return [] }
        return SavedQueries(text: text).queries.map(\.name)
    }

    /// `.save NAME`, `.run NAME ARGS…`, `.saved`, `.unsave NAME`, on the file at `savedQueriesPath`.
    /// What a saved-query command does.
    enum SavedQueryAction { case save, run, list, forget }

    func savedQuery(_ command: SavedQueryAction, _ c: Invocation) throws {
        let args = c.arguments, offset = c.offset, source = c.source
        func fail(_ p: SessionProblem) -> Diagnostic { c.fail(p) }
        guard let path = savedQueriesPath else { throw fail(.savedQueriesHomeless) }
        let existing = system.exists(path)
        var text = ""
        if existing {
            guard case .success(let data) = system.contents(path) else { throw fail(.savedQueriesUnreadable(path: path)) }
            guard let t = String(validating: data, as: UTF8.self) else { throw fail(.savedQueriesNotUTF8(path: path)) }
            text = t
        }
        let saved = SavedQueries(text: text)
        switch command {
        case .list:
            guard args.isEmpty else { throw c.usage() }
            for p in saved.problems { notice(.savedTwice(path: path, line: p.line, name: p.name)) }
            if saved.queries.isEmpty {
                write(Problem.session(.noSavedQueries(path: path)).text + "\n")
                return
            }
            let width = saved.queries.map { DisplayWidth.of($0.name) }.max() ?? 0
            var out = ""
            for q in saved.queries {
                let params = q.parameters == 0 ? "" : " (" + (1...q.parameters).map { "$\($0)" }.joined(separator: " ") + ")"
                let oneLine = Session.sheetTitle(q.text)
                out += q.name + String(repeating: " ", count: width - DisplayWidth.of(q.name) + 2) + oneLine + params + "\n"
            }
            write(out + "(kept in \(path))\n")
        case .save:
            guard args.count == 1 else { throw c.usage() }
            let name = args[0]
            guard SavedQueries.isValidName(name) else { throw fail(.invalidQueryName(name)) }
            guard let statement = lastStatement else { throw fail(.nothingToSave) }
            if saved.query(named: name) != nil { throw fail(.querySavedAlready(name)) }
            let placeholders = SavedQueries.substitute(SavedQueries.Query(name: name, text: statement, line: 1, parameters: SavedQueries.parameterCount(statement)),
                                                      Array(repeating: "x", count: SavedQueries.parameterCount(statement)))
            if let checked = placeholders.text {
                let sub = Source(name: "<save>", text: checked)
                var parser = Parser(source: sub, tokens: (try? Lexer(source: sub).tokens()) ?? [])
                do { _ = try parser.parseStatement() } catch let e as ParseError {
                    throw fail(.lastStatementDoesNotParse(e.diagnostic.problem, name: name))
                }
            } else if let p = placeholders.problem {
                throw fail(p)
            }
            let addition = (existing ? (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") : SavedQueries.preamble) + SavedQueries.entry(name: name, statement: statement)
            if let problem = append(addition, to: path) { throw fail(problem) }
            notice(.savedQuery(name: name, parameters: SavedQueries.parameterCount(statement), path: path))
        case .forget:
            guard args.count == 1 else { throw c.usage() }
            guard let q = saved.query(named: args[0]) else { throw fail(unknownSaved(args[0], saved, path)) }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = q.line - 1
            let nameLine = lines[..<start].lastIndex { SavedQueries.nameLine($0)?.lowercased() == q.name.lowercased() } ?? start
            var end = start
            while end < lines.count && SavedQueries.nameLine(lines[end]) == nil { end += 1 }
            var from = nameLine
            if from > 0 && lines[from - 1].trimmingCharacters(in: .whitespaces).isEmpty { from -= 1 }
            lines.removeSubrange(from..<end)
            if let e = system.replaceFile(path, contents: Array(lines.joined(separator: "\n").utf8)) {
                throw fail(.cannotWriteSaved(path: path, reason: e == .permissionDenied ? nil : e))
            }
            notice(.unsavedQuery(name: q.name, path: path))
        case .run:
            guard let name = args.first else { throw c.usage() }
            guard let q = saved.query(named: name) else { throw fail(unknownSaved(name, saved, path)) }
            guard let raw = SavedQueries.rawArguments(source.lineText(at: offset).trimmingCharacters(in: .whitespaces), skip: 2) else {
                throw fail(.unterminatedArguments)
            }
            let (statement, problem) = SavedQueries.substitute(q, raw)
            if let problem { throw fail(problem) }
            readDepth += 1
            defer { readDepth -= 1 }
            guard readDepth <= Session.maxReadDepth else { throw fail(.savedQueriesTooDeep(limit: Session.maxReadDepth)) }
            run(Source(name: path + ":" + q.name, text: statement!, firstLine: q.line))
        }
    }

    func unknownSaved(_ name: String, _ saved: SavedQueries, _ path: String) -> SessionProblem {
        let suggestion = Similarity.closest(to: name.lowercased(), among: saved.queries.map { $0.name.lowercased() }, count: 1).first
        return .unknownSavedQuery(name: name, suggestion: suggestion, anySaved: !saved.queries.isEmpty, path: path)
    }

    /// Appends text to a file, creating it and its folder (mode 0700) when missing; the problem when it cannot.
    func append(_ text: String, to path: String) -> SessionProblem? {
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !dir.isEmpty, let e = system.createDirectory(dir, private: true) { return .cannotCreateDirectory(path: dir, reason: e) }
        if let e = system.append(Array(text.utf8), to: path) { return .cannotWriteSaved(path: path, reason: e == .permissionDenied ? nil : e) }
        return nil
    }
}
