import Foundation

/// The adviser's dot-commands: `.export neo4j`, `.measures`, `.map`, `.brief FILE.html`.
extension Session {
    /// A parser of what is written on a dot-command's line after its argument `index` (0 is the first), in its place
    /// in the line (errors point into it), or nil when the line ends there. The command's arguments and what follows
    /// are both found by the query lexer, so a quoted argument with blanks ("my map.svg") works.
    func trailingParser(after index: Int, _ offset: Int, _ source: Source) throws -> Parser? {
        let bytes = source.bytes
        var end = offset
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        if end > offset && bytes[end - 1] == 0x0D { end -= 1 }
        let lexer = Lexer(source: source)
        let arguments = try lexer.dotCommand(Token(kind: .dotCommand, text: "", offset: offset, end: end)).arguments
        guard arguments.count > index + 1 else { return nil }
        let (tokens, problem) = lexer.tokens(from: arguments[index].end, to: end, atLineStart: false)
        if let problem { throw problem }
        return Parser(source: source, tokens: tokens)
    }

    /// The statement written on a dot-command's line after its argument `index`, parsed in its place in the line,
    /// or nil when the line ends there.
    func trailingStatement(after index: Int, _ offset: Int, _ source: Source) throws -> Statement? {
        guard var parser = try trailingParser(after: index, offset, source) else { return nil }
        do { return try parser.parseStatement() } catch let e as ParseError { throw e.diagnostic }
    }

    /// The result of the query after argument `index`, else the last result.
    func queryResult(after index: Int, _ args: [String], _ offset: Int, _ source: Source, usage: String) throws -> ResultSet {
        if let statement = try trailingStatement(after: index, offset, source) {
            switch statement {
            case .query(let q): return try evaluator(source).evaluate(q)
            case .show(let ref): return try evaluator(source).show(ref)
            default: throw Diagnostic(source: source, offset: offset, problem: .session(.takesQuery(example: usage)))
            }
        }
        if let last = lastResult { return last }
        throw Diagnostic(source: source, offset: offset, problem: .session(.nothingToUse(example: usage)))
    }

    /// `.export neo4j DIR [QUERY]`: the whole KB (or the query's network) as neo4j-admin import files and a Cypher script.
    func export(_ c: Invocation) throws {
        let args = c.arguments
        guard args.count >= 2 else { throw c.usage() }
        guard args[0].lowercased() == "neo4j" else { throw c.fail(.unknownExportFormat(args[0])) }
        let dir = args[1]
        let network: Network
        if args.count > 2 {
            let r = try queryResult(after: 1, args, c.offset, c.source, usage: ".export neo4j out/ partners of ML")
            guard let n = Network(r, kb: kb) else { throw c.fail(.noNetwork(origin: r.origin, use: .export)) }
            network = n
        } else {
            network = Network(authorities: Array(0..<Int32(kb.authorities.count)),
                              partnerships: Network.sorted(Set(0..<Int32(kb.partnerships.count)), kb))
        }
        if case .success(let info) = system.fileInfo(dir, followingLinks: true) {
            guard info.kind == .directory else { throw c.fail(.notADirectory(path: dir)) }
            let contents = (try? system.listDirectory(dir).get()) ?? []
            guard contents.isEmpty else { throw c.fail(.directoryNotEmpty(path: dir)) }
        } else if let e = system.createDirectory(dir, private: false) {
            throw c.fail(.cannotCreateDirectory(path: dir, reason: e))
        }
        let files = Neo4jExport(kb: kb, network: network).files()
        for f in files {
            let path = dir.hasSuffix("/") ? dir + f.name : dir + "/" + f.name
            if let problem = writeNew(Array(f.contents.utf8), to: path, executable: f.name.hasSuffix(".sh")) { throw c.fail(problem) }
        }
        notice(.wroteExport(files: files.count, directory: dir, authorities: network.authorities.count, partnerships: network.partnerships.count))
    }

    /// `.measures [limit N]`: how betweenness and closeness are computed on this KB; `limit N` (`limite N`) sets the exact limit.
    func measures(_ c: Invocation) throws {
        let args = c.arguments
        if !args.isEmpty {
            let word = args.first?.lowercased() ?? ""
            guard args.count == 2, Keyword(word: word) == .limit || Keyword.french(word).contains(.limit), let n = Int(args[1]), n >= 0 else { throw c.usage() }
            kb.setMeasureLimit(n)
        }
        let m: GraphMeasures
        do { m = try kb.measures(shouldStop: shouldStop) } catch is Interrupted { throw Interrupted() }
        write(Problem.session(kb.measuresReport(m)).text + "\n")
    }
}

/// Where the map outlines are: $COOPKB_SHARE, else PREFIX/share/coopkb beside an installed binary, else the
/// share/coopkb of the source tree the binary was built in.
enum ShareDirectory {
    nonisolated(unsafe) static var cached: Outlines? = nil

    static func candidates(_ system: any System) -> [String] {
        func parent(_ p: String) -> String {
            guard let slash = p.lastIndex(of: "/") else { return "" }
            return slash == p.startIndex ? "/" : String(p[..<slash])
        }
        func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a.hasSuffix("/") ? a + b : a + "/" + b }
        var out: [String] = []
        if let env = system.environment("COOPKB_SHARE"), !env.isEmpty { out.append(env) }
        var dir = parent(system.executablePath)
        out.append(join(parent(dir), "share/coopkb"))
        for _ in 0..<6 {
            out.append(join(dir, "share/coopkb"))
            let up = parent(dir)
            if up == dir { break }
            dir = up
        }
        return out
    }

    /// The outlines, read once; the problem says where they were looked for.
    static func outlines(_ system: any System) throws -> Outlines {
        if let o = cached { return o }
        let tried = candidates(system)
        guard let root = tried.first(where: { system.exists($0 + "/maps/fr-contours/departements-1000m.geojson") }) else {
            throw OutlineError(problem: .outlinesMissing(tried: tried))
        }
        func read(_ p: String) throws -> Data {
            guard case .success(let d) = system.contents(root + "/maps/" + p) else { throw OutlineError(problem: .outlineUnreadable(path: "\(root)/maps/\(p)")) }
            return Data(d)
        }
        do {
            let o = try Outlines.parse(departements: try read("fr-contours/departements-1000m.geojson"), regions: try read("fr-contours/regions-1000m-derived.geojson"),
                                       countries: try read("world-countries-ne110m/naturalearth_lowres.geojson"),
                                       alpha3: String(decoding: try read("world-countries-ne110m/iso-a2-a3.tsv"), as: UTF8.self))
            cached = o
            return o
        } catch let e as OutlineError where e.problem != nil { throw e } catch let e as OutlineError {
            throw OutlineError(problem: .outlinesUnparsable(directory: "\(root)/maps", reason: e.message))
        } catch { throw OutlineError(problem: .outlinesUnparsable(directory: "\(root)/maps", reason: "\(error)")) }
    }
}

extension Session {
    /// Writes an SVG text to FILE.svg, or to FILE.png through rsvg-convert, into a file created exclusively
    /// (never overwritten, no link followed; a write error is an error).
    func writePicture(_ svg: String, to file: String, _ c: Invocation) throws {
        if file.lowercased().hasSuffix(".svg") {
            if let problem = writeNew(Array(svg.utf8), to: file) { throw c.fail(problem) }
            return
        }
        guard let convert = system.findTool("rsvg-convert") else { throw c.fail(.rsvgMissing) }
        // rsvg-convert reads the SVG from a pipe and writes the PNG to one; the PNG goes into a file created here.
        switch filter(convert, ["--format=png"], Array(svg.utf8)) {
        case .success(let png): if let problem = writeNew(png, to: file) { throw c.fail(problem) }
        case .failure(let why): throw c.fail(why.problem)
        }
    }

    /// `.map FILE.svg|FILE.png [QUERY]`: the result's authorities at their coordinates over outlines.
    func map(_ c: Invocation) throws {
        let args = c.arguments, offset = c.offset, source = c.source
        guard let file = args.first else { throw c.usage() }
        guard file.lowercased().hasSuffix(".svg") || file.lowercased().hasSuffix(".png") else {
            throw c.fail(.pictureNeedsSVGOrPNG(path: file, command: c.command.name))
        }
        try refuseLinkOrFile(file, c)
        let r = try queryResult(after: 0, args, offset, source, usage: ".map mali.svg partners of ML")
        guard let network = Network(r, kb: kb) else { throw c.fail(.noNetwork(origin: r.origin, use: .map)) }
        let outlines: Outlines
        do { outlines = try ShareDirectory.outlines(system) } catch let e as OutlineError { throw c.fail(e.sessionProblem) }
        let title = args.count > 1 ? statementText(after: 0, args, offset, source) : "coopkb map"
        let svg = MapWriter(kb: kb, outlines: outlines).svg(network, title: title)
        try writePicture(svg, to: file, c)
        let placed = network.authorities.filter { kb.authority($0).lat != nil }.count
        notice(.wroteMap(path: file, placed: placed, authorities: network.authorities.count))
    }

    /// The text of the statement after argument `index` on a dot-command's line.
    func statementText(after index: Int, _ args: [String], _ offset: Int, _ source: Source) -> String {
        let line = source.lineText(at: offset)
        var cursor = line.startIndex
        for k in 0...index {
            guard let range = line.range(of: args[k], range: cursor..<line.endIndex) else { return "" }
            cursor = range.upperBound
        }
        return line[cursor...].trimmingCharacters(in: .whitespaces)
    }
}

/// Why a picture could not be made (Graphviz missing or failing).
struct PictureProblem: Error { var problem: SessionProblem }

extension Session {
    /// `.brief FILE.html REF`: the brief of REF as one self-contained HTML page, its map and network picture
    /// inlined as SVG. The file is created exclusively (never overwritten, no link followed); a write error is an error.
    func briefPage(_ c: Invocation) throws {
        guard let file = c.arguments.first, c.arguments.count >= 2 else { throw c.usage() }
        guard [".html", ".htm"].contains(where: { file.lowercased().hasSuffix($0) }) else { throw c.fail(.briefNeedsHTML(path: file)) }
        try refuseLinkOrFile(file, c)
        guard var parser = try trailingParser(after: 0, c.offset, c.source) else { throw c.usage() }
        let ref: Ref
        do {
            ref = try parser.parseRef(context: .afterBrief)
            guard parser.current.kind == .end else {
                throw Diagnostic(source: c.source, offset: parser.current.offset,
                                 problem: .session(.unexpectedAfterBriefRef(found: parser.current.text.replacingControlCharacters())))
            }
        } catch let e as ParseError { throw e.diagnostic }
        let b = try evaluator(c.source).brief(ref)
        let page = BriefPage(kb: kb).html(b, map: briefMap(b), network: briefNetwork(b))
        if let problem = writeNew(Array(page.utf8), to: file) { throw c.fail(problem) }
        notice(.wroteBrief(path: file, sections: b.sections.count, partnerships: b.partnerships.count))
    }

    /// The network of a brief: its partnerships and their sides, in name order.
    func briefNetwork(of b: Brief) -> Network {
        let ordered = Network.sorted(Set(b.partnerships), kb)
        var seen = Set<Int32>()
        var sides: [Int32] = []
        for p in ordered { for a in [kb.partnership(p).a, kb.partnership(p).b] where seen.insert(a).inserted { sides.append(a) } }
        let rank = kb.nameRank(.authority)
        return Network(authorities: sides.sorted { rank[Int($0)] < rank[Int($1)] }, partnerships: ordered)
    }

    /// The brief's map, or why there is none (the outlines not installed: said on the page and to the user).
    func briefMap(_ b: Brief) -> BriefPage.Picture {
        let network = briefNetwork(of: b)
        guard !network.authorities.isEmpty else { return .missing("No partnership to map.") }
        do {
            return .svg(MapWriter(kb: kb, outlines: try ShareDirectory.outlines(system)).svg(network, title: b.title))
        } catch let e as OutlineError {
            notice(.pageWithoutMap(e.sessionProblem))
            return .missing("No map: " + English().text(e.sessionProblem))
        } catch {
            return .missing("No map: \(error)")
        }
    }

    /// The brief's network drawn by Graphviz, or why there is none (too many authorities to read, no Graphviz).
    func briefNetwork(_ b: Brief) -> BriefPage.Picture {
        let network = briefNetwork(of: b)
        guard !network.authorities.isEmpty else { return .missing("No partnership to draw.") }
        if network.authorities.count > Session.maxRenderNodes {
            return .missing("\(network.authorities.count) authorities are too many to read in one picture (at most \(Session.maxRenderNodes)); the map and the tables show them. A narrower brief (an authority rather than its région) has a picture.")
        }
        switch graphviz(DotWriter(kb: kb).network(network), format: "svg") {
        case .success(let bytes): return .svg(String(decoding: bytes, as: UTF8.self))
        case .failure(let why):
            notice(.pageWithoutNetwork(why.problem))
            return .missing("No network picture: " + English().text(why.problem))
        }
    }
}
