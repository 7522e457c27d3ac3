/// Saved questions (`.save NAME`, `.run NAME ARGS…`, `.saved`), kept in a plain query file a person can edit:
/// each query is a `# name: NAME` line followed by its statement (as yesql names SQL queries with
/// `-- name:`); `$1`, `$2` … in a statement are its parameters. Everything else is comment.
public struct SavedQueries {
    /// One saved statement.
    public struct Query {
        public var name: String
        /// The statement, as it is written in the file.
        public var text: String
        /// The line of the file where the statement starts.
        public var line: Int
        /// The highest parameter number the statement uses ($3 → 3).
        public var parameters: Int
    }

    /// The queries, in the order of the file (a name given twice: the first one).
    public private(set) var queries: [Query] = []
    /// Names saved twice in the file, at the line of the second (`.run` uses the first).
    public private(set) var problems: [(line: Int, name: String)] = []

    /// The comment that opens a new file.
    public static let preamble = """
        # Saved queries of coopkb. `.save NAME` adds the last statement here, `.run NAME ARGS…` runs one with
        # $1, $2 … replaced by its arguments, `.saved` lists them. Each query is a line "# name: NAME" and then
        # its statement; edit freely.

        """

    /// Reads the saved queries of a file's text.
    public init(text: String) {
        var current: (name: String, line: Int, body: [String])? = nil
        func close() {
            guard let c = current else { return }
            var body = c.body
            while let last = body.last, last.trimmingCharacters(in: .whitespaces).isEmpty || last.trimmingCharacters(in: .whitespaces).hasPrefix("#") { body.removeLast() }
            var first = c.line + 1
            while let head = body.first, head.trimmingCharacters(in: .whitespaces).isEmpty { body.removeFirst(); first += 1 }
            let statement = body.joined(separator: "\n")
            if queries.contains(where: { $0.name.lowercased() == c.name.lowercased() }) {
                problems.append((c.line, c.name))
            } else {
                queries.append(Query(name: c.name, text: statement, line: first, parameters: SavedQueries.parameterCount(statement)))
            }
            current = nil
        }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let raw = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if let name = SavedQueries.nameLine(raw) {
                close()
                current = (name, i + 1, [])
            } else if current != nil {
                current!.body.append(raw)
            }
        }
        close()
    }

    /// The NAME of a `# name: NAME` line.
    static func nameLine(_ line: String) -> String? {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("#") else { return nil }
        let rest = t.dropFirst().trimmingCharacters(in: .whitespaces)
        guard rest.lowercased().hasPrefix("name:") else { return nil }
        let name = rest.dropFirst(5).trimmingCharacters(in: .whitespaces)
        return isValidName(name) ? name : nil
    }

    /// A name is a word of letters, digits, `-`, `_` and `.`, starting with a letter or a digit.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    public func query(named name: String) -> Query? {
        queries.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The text to append to the file for a new query.
    public static func entry(name: String, statement: String) -> String {
        "\n# name: \(name)\n\(statement)\n"
    }

    /// The `$N` parameters a statement uses: the tokens `$1`, `$2` … (not inside strings or comments).
    static func parameterTokens(_ statement: String) -> [Token] {
        let (tokens, _) = Lexer(source: Source(name: "", text: statement)).tokens(from: 0)
        return tokens.filter { $0.kind == .variable && !$0.text.isEmpty && $0.text.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func parameterCount(_ statement: String) -> Int {
        parameterTokens(statement).compactMap { Int($0.text) }.max() ?? 0
    }

    /// The statement with each `$N` replaced by the N-th argument, as written (a word, a "string", a kind:REF).
    /// Returns nil and why when the arguments do not match the parameters.
    public static func substitute(_ q: Query, _ arguments: [String]) -> (text: String?, problem: SessionProblem?) {
        let tokens = parameterTokens(q.text)
        let used = Set(tokens.compactMap { Int($0.text) })
        if used.contains(0) { return (nil, .parameterZero(name: q.name)) }
        if arguments.count != q.parameters {
            return (nil, .wrongArgumentCount(name: q.name, parameters: q.parameters, given: arguments.count))
        }
        var bytes = Array(q.text.utf8)
        for t in tokens.reversed() {
            guard let n = Int(t.text) else { continue }
            bytes.replaceSubrange(t.offset..<t.end, with: Array(arguments[n - 1].utf8))
        }
        return (String(decoding: bytes, as: UTF8.self), nil)
    }

    /// The arguments of a dot-command line after its first `skip` words, each as written: a "string" keeps its
    /// quotes and escapes. Nil when a string is not closed.
    public static func rawArguments(_ line: String, skip: Int) -> [String]? {
        var args: [String] = []
        var cur = ""
        var inString = false
        var escaped = false
        for ch in line {
            if inString {
                cur.append(ch)
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
            } else if ch == " " || ch == "\t" {
                if !cur.isEmpty { args.append(cur); cur = "" }
            } else if ch == "#" && cur.isEmpty {
                break
            } else {
                if ch == "\"" { inString = true }
                cur.append(ch)
            }
        }
        if inString { return nil }
        if !cur.isEmpty { args.append(cur) }
        return Array(args.dropFirst(skip))
    }
}
