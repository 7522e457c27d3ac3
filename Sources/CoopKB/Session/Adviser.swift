import Foundation

/// The adviser's dot-commands: `.export neo4j`, `.measures`, `.map`, `.brief FILE.html`.
extension Session {
    /// The statement written on a dot-command's line after its argument `after` (the `index`-th), evaluated, or nil
    /// when the line ends there. Kept in its place in the line, so that errors point into it.
    func trailingStatement(after index: Int, _ args: [String], _ offset: Int, _ source: Source) throws -> Statement? {
        guard args.count > index + 1 else { return nil }
        let line = source.lineText(at: offset)
        let prefix = source.linePrefix(at: offset)
        var cursor = line.index(line.startIndex, offsetBy: min(prefix.count + 1, line.count))
        for k in 0...index {
            guard let range = line.range(of: args[k], range: cursor..<line.endIndex) else {
                throw Diagnostic(source: source, offset: offset, message: "cannot find where the statement starts; write the arguments without quotes")
            }
            cursor = range.upperBound
        }
        let before = line[line.startIndex..<cursor]
        let statement = String(line[cursor...])
        let padded = String(repeating: " ", count: before.count) + statement
        let sub = Source(name: source.name, text: padded, firstLine: source.location(of: offset).line)
        let tokens = try Lexer(source: sub).tokens()
        var parser = Parser(source: sub, tokens: tokens)
        do { return try parser.parseStatement() } catch let e as ParseError { throw e.diagnostic }
    }

    /// The result of the query after argument `index`, else the last result.
    func queryResult(after index: Int, _ args: [String], _ offset: Int, _ source: Source, usage: String) throws -> ResultSet {
        if let statement = try trailingStatement(after: index, args, offset, source) {
            let ev = Evaluator(kb: kb, source: source, variables: variables, shouldStop: shouldStop)
            switch statement {
            case .query(let q): return try ev.evaluate(q)
            case .show(let ref): return try ev.show(ref)
            default: throw Diagnostic(source: source, offset: offset, message: "this command takes a query, like: \(usage)")
            }
        }
        if let last = lastResult { return last }
        throw Diagnostic(source: source, offset: offset, message: "nothing to use yet: run a query first, or give one: \(usage)")
    }

    /// `.export neo4j DIR [QUERY]`: the whole KB (or the query's network) as neo4j-admin import files and a Cypher script.
    func export(_ args: [String], _ offset: Int, _ source: Source) throws {
        func fail(_ m: String) -> Diagnostic { Diagnostic(source: source, offset: offset, message: m) }
        let usage = ".export neo4j DIR [QUERY]   (no QUERY: the whole KB)"
        guard args.count >= 2 else { throw fail("usage: " + usage) }
        guard args[0].lowercased() == "neo4j" else {
            throw fail("'.export \(args[0])': the export formats are neo4j (a directory); for GraphML, GEXF or GeoJSON use .mode graphml|gexf|geojson with .output FILE")
        }
        let dir = args[1]
        let network: Network
        if args.count > 2 {
            let r = try queryResult(after: 1, args, offset, source, usage: ".export neo4j out/ partners of ML")
            guard let n = Network(r, kb: kb) else { throw fail("a \(r.origin.isEmpty ? "table" : r.origin) result has no network to export; give a query of authorities, partnerships, groups or countries") }
            network = n
        } else {
            network = Network(authorities: Array(0..<Int32(kb.authorities.count)),
                              partnerships: Network.sorted(Set(0..<Int32(kb.partnerships.count)), kb))
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir, isDirectory: &isDir) {
            guard isDir.boolValue else { throw fail("'\(dir)' exists and is not a directory; choose another name") }
            let contents = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
            guard contents.isEmpty else { throw fail("'\(dir)' is not empty and its files would be overwritten; choose a new or empty directory") }
        } else {
            do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch { throw fail("cannot create '\(dir)': \(error.localizedDescription)") }
        }
        let files = Neo4jExport(kb: kb, network: network).files()
        for f in files {
            let path = (dir as NSString).appendingPathComponent(f.name)
            guard fm.createFile(atPath: path, contents: Data(f.contents.utf8), attributes: f.name.hasSuffix(".sh") ? [.posixPermissions: 0o755] : nil) else {
                throw fail("cannot write '\(path)'")
            }
        }
        sink(.notice("wrote \(files.count) files to \(dir): \(network.authorities.count) authorities, \(network.partnerships.count) partnerships (sh \(dir)/import.sh, or cypher-shell -f load.cypher)"))
    }

    /// `.measures [limit N]`: how betweenness and closeness are computed on this KB; `limit N` sets the exact limit.
    func measures(_ args: [String], _ offset: Int, _ source: Source) throws {
        if !args.isEmpty {
            guard args.count == 2, args[0].lowercased() == "limit", let n = Int(args[1]), n >= 0 else {
                throw Diagnostic(source: source, offset: offset, message: "usage: .measures [limit N]   (N: the most BFS steps done for exact values; default \(GraphMeasures.defaultExactLimit))")
            }
            kb.setMeasureLimit(n)
        }
        let m: GraphMeasures
        do { m = try kb.measures(shouldStop: shouldStop) } catch is Interrupted { throw Interrupted() }
        sink(.output(kb.measuresDescription(m) + "\n"))
    }
}
