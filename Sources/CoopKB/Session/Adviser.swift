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
            if let problem = Session.write(f.contents, to: path) { throw fail(problem) }
            if f.name.hasSuffix(".sh") { chmod(path, 0o755) }
        }
        sink(.notice("wrote \(files.count) files to \(dir): \(network.authorities.count) authorities, \(network.partnerships.count) partnerships (sh \(dir)/import.sh, or cypher-shell -f load.cypher)"))
    }

    /// `.measures [limit N]`: how betweenness and closeness are computed on this KB; `limit N` sets the exact limit.
    func measures(_ args: [String], _ offset: Int, _ source: Source) throws {
        if !args.isEmpty {
            guard args.count == 2, args[0].lowercased() == Keyword.limit.text, let n = Int(args[1]), n >= 0 else {
                throw Diagnostic(source: source, offset: offset, message: "usage: .measures [limit N]   (N: the most BFS steps done for exact values; default \(GraphMeasures.defaultExactLimit))")
            }
            kb.setMeasureLimit(n)
        }
        let m: GraphMeasures
        do { m = try kb.measures(shouldStop: shouldStop) } catch is Interrupted { throw Interrupted() }
        sink(.output(kb.measuresDescription(m) + "\n"))
    }
}

/// Where the map outlines are: $COOPKB_SHARE, else PREFIX/share/coopkb beside an installed binary, else the
/// share/coopkb of the source tree the binary was built in.
enum ShareDirectory {
    nonisolated(unsafe) static var cached: Outlines? = nil

    static func candidates() -> [String] {
        var out: [String] = []
        if let env = ProcessInfo.processInfo.environment["COOPKB_SHARE"], !env.isEmpty { out.append(env) }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        var dir = (exe as NSString).deletingLastPathComponent
        out.append(((dir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/coopkb"))
        for _ in 0..<6 {
            out.append((dir as NSString).appendingPathComponent("share/coopkb"))
            let up = (dir as NSString).deletingLastPathComponent
            if up == dir { break }
            dir = up
        }
        return out
    }

    /// The outlines, read once; the error says where they were looked for.
    static func outlines() throws -> Outlines {
        if let o = cached { return o }
        let fm = FileManager.default
        let tried = candidates()
        guard let root = tried.first(where: { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("maps/fr-contours/departements-1000m.geojson")) }) else {
            throw OutlineError(message: "the map outlines are not installed (looked in \(tried.joined(separator: ", "))); run make install, or set COOPKB_SHARE to the share/coopkb folder of the source tree")
        }
        func read(_ p: String) throws -> Data {
            guard let d = fm.contents(atPath: (root as NSString).appendingPathComponent("maps/" + p)) else { throw OutlineError(message: "cannot read \(root)/maps/\(p)") }
            return d
        }
        do {
            let o = try Outlines.parse(departements: try read("fr-contours/departements-1000m.geojson"), regions: try read("fr-contours/regions-1000m-derived.geojson"),
                                       countries: try read("world-countries-ne110m/naturalearth_lowres.geojson"),
                                       alpha3: String(decoding: try read("world-countries-ne110m/iso-a2-a3.tsv"), as: UTF8.self))
            cached = o
            return o
        } catch let e as OutlineError { throw e } catch { throw OutlineError(message: "cannot parse the outlines in \(root)/maps: \(error)") }
    }
}

extension Session {
    /// Writes an SVG text to FILE.svg, or to FILE.png through rsvg-convert, into a file created exclusively
    /// (never overwritten, no link followed; a write error is an error).
    func writePicture(_ svg: String, to file: String, _ fail: (String) -> Diagnostic) throws {
        if file.lowercased().hasSuffix(".svg") {
            if let problem = Session.write(svg, to: file) { throw fail(problem) }
            return
        }
        guard let convert = Session.findExecutable("rsvg-convert") else {
            throw fail("rsvg-convert is not installed (on Debian: apt-get install librsvg2-bin; make deps installs it); write FILE.svg meanwhile")
        }
        // rsvg-convert reads the SVG from a pipe and writes the PNG to one; the PNG goes into a file created here.
        switch Session.filter(convert, ["--format=png"], Data(svg.utf8)) {
        case .success(let png): if let problem = Session.write(bytes: png, to: file) { throw fail(problem) }
        case .failure(let why): throw fail(why.message)
        }
    }

    /// `.map FILE.svg|FILE.png [QUERY]`: the result's authorities at their coordinates over outlines.
    func map(_ args: [String], _ offset: Int, _ source: Source) throws {
        func fail(_ m: String) -> Diagnostic { Diagnostic(source: source, offset: offset, message: m) }
        let usage = ".map FILE.svg|FILE.png QUERY   (no QUERY: the last result)"
        guard let file = args.first else { throw fail("usage: " + usage) }
        guard file.lowercased().hasSuffix(".svg") || file.lowercased().hasSuffix(".png") else {
            throw fail("'\(file)': .map writes .svg or .png files; name the file accordingly")
        }
        var st = stat()
        if lstat(file, &st) == 0 { throw fail("'\(file)' exists and would be overwritten; remove it first or choose another name") }
        let r = try queryResult(after: 0, args, offset, source, usage: ".map mali.svg partners of ML")
        guard let network = Network(r, kb: kb) else {
            throw fail("a \(r.origin.isEmpty ? "table" : r.origin) result has no authorities to map; give a query of authorities, partnerships, groups or countries")
        }
        let outlines: Outlines
        do { outlines = try ShareDirectory.outlines() } catch let e as OutlineError { throw fail(e.message) }
        let title = args.count > 1 ? statementText(after: 0, args, offset, source) : "coopkb map"
        let svg = MapWriter(kb: kb, outlines: outlines).svg(network, title: title)
        try writePicture(svg, to: file, fail)
        let placed = network.authorities.filter { kb.authority($0).lat != nil }.count
        sink(.notice("wrote \(file) (\(placed) of \(network.authorities.count) authorities placed)"))
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
struct PictureProblem: Error { var message: String }

extension Session {
    /// `.brief FILE.html REF`: the brief of REF as one self-contained HTML page, its map and network picture
    /// inlined as SVG. The file is created exclusively (never overwritten, no link followed); a write error is an error.
    func briefPage(_ c: Invocation) throws {
        let usage = ".brief FILE.html REF   (a country, an authority or a group, like: .brief mali.html ML)"
        guard let file = c.arguments.first, c.arguments.count >= 2 else { throw c.fail("usage: " + usage) }
        guard [".html", ".htm"].contains(where: { file.lowercased().hasSuffix($0) }) else {
            throw c.fail("'\(file)': .brief writes an HTML page, so name it FILE.html; for the brief as text, use the statement brief REF (with .mode markdown for Markdown)")
        }
        var st = stat()
        if lstat(file, &st) == 0 { throw c.fail("'\(file)' exists and would be overwritten; remove it first or choose another name") }
        guard var parser = try trailingParser(after: 0, c.offset, c.source) else { throw c.fail("usage: " + usage) }
        let ref: Ref
        do {
            ref = try parser.parseRef(context: .afterBrief)
            guard parser.current.kind == .end else {
                throw Diagnostic(source: c.source, offset: parser.current.offset,
                                 message: "unexpected '\(parser.current.text.replacingControlCharacters())' after the REF; write one REF, quoted if it has blanks: .brief FILE.html \"Saint-Étienne\"")
            }
        } catch let e as ParseError { throw e.diagnostic }
        let b = try evaluator(c.source).brief(ref)
        let page = BriefPage(kb: kb).html(b, map: briefMap(b), network: briefNetwork(b))
        if let problem = Session.write(page, to: file) { throw c.fail(problem) }
        sink(.notice("wrote \(file) (\(b.sections.count) sections, \(b.partnerships.count) partnership\(b.partnerships.count == 1 ? "" : "s") drawn on its map and network)"))
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
            return .svg(MapWriter(kb: kb, outlines: try ShareDirectory.outlines()).svg(network, title: b.title))
        } catch let e as OutlineError {
            sink(.notice("the page has no map: " + e.message))
            return .missing("No map: " + e.message)
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
        switch Session.graphviz(DotWriter(kb: kb).network(network), format: "svg") {
        case .success(let bytes): return .svg(String(decoding: bytes, as: UTF8.self))
        case .failure(let why):
            sink(.notice("the page has no network picture: " + why.message))
            return .missing("No network picture: " + why.message)
        }
    }
}
