import CoopKB
import Foundation
import Testing

/// A broken KB file from Tests/Fixtures/broken with the problems it must produce, written in its header.
struct BrokenFile: CustomTestStringConvertible, Sendable {
    var name: String
    var path: String
    var expected: [String]
    var loaded: [String: Int]
    var testDescription: String { name }

    static func all() -> [BrokenFile] {
        let dir = Fixture.fixtures.appendingPathComponent("broken")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".kb") }.sorted()
        return files.map { f in
            let path = dir.appendingPathComponent(f).path
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            var expected: [String] = []
            var loaded: [String: Int] = [:]
            for line in text.components(separatedBy: "\n") {
                let l = line.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}\r"))
                if l.hasPrefix("# expect:") { expected.append(String(l.dropFirst(9)).trimmingCharacters(in: .whitespaces)) }
                if l.hasPrefix("# expect-loaded:") {
                    for pair in l.dropFirst(16).split(separator: " ") {
                        let kv = pair.split(separator: "=")
                        if kv.count == 2, let n = Int(kv[1]) { loaded[String(kv[0])] = n }
                    }
                }
            }
            return BrokenFile(name: f, path: path, expected: expected, loaded: loaded)
        }
    }
}

@Suite("Loader")
struct LoaderTests {
    @Test(arguments: BrokenFile.all())
    func brokenFile(_ f: BrokenFile) throws {
        let report = try Loader.load(paths: [f.path], system: POSIXSystem())
        for e in f.expected {
            let expected = try #require(ExpectedProblem(e))
            #expect(report.diagnostics.contains { expected.matches($0) },
                    "expected \(expected); got \(report.diagnostics.map { "\($0.line):\($0.column): \($0.message)" })")
        }
        #expect(report.diagnostics.count == f.expected.count, "problems: \(report.diagnostics.map(\.headline))")
        let counts = Dictionary(uniqueKeysWithValues: report.kb.counts)
        for (kind, n) in f.loaded {
            #expect(counts[kind] == n, "\(kind): expected \(n) loaded, got \(counts[kind] ?? -1)")
        }
    }

    @Test("every problem is FILE:LINE:COL: error: MESSAGE, with the line and a caret")
    func diagnosticFormat() {
        let r = Fixture.load("country FR \"France\"\nauthority x \"X\" kind=commune country=FR populaton=3\n", name: "k/a.kb")
        #expect(r.diagnostics.count == 1)
        let d = r.diagnostics[0]
        #expect(d.headline == "k/a.kb:2:41: error: unknown attribute 'populaton' for authority; did you mean 'population'?")
        #expect(d.rendered.hasSuffix("\nauthority x \"X\" kind=commune country=FR populaton=3\n" + String(repeating: " ", count: 40) + "^"))
    }

    @Test("columns count characters, not bytes")
    func columnsInCharacters() {
        let r = Fixture.load("country FR \"France\"\nauthority é \"Éé\" kind=commune country=FR lat=999\n")
        #expect(r.diagnostics.map { "\($0.line):\($0.column)" } == ["2:46"])
    }

    @Test("a record with a problem is left out whole; references to it say so")
    func leftOutCascade() {
        let r = Fixture.load("""
        country FR "France"
        authority a "A" kind=commune country=FR population=-1
        authority b "B" kind=commune country=FR parent=a
        partnership b c
        authority c "C" kind=commune country=FR
        """)
        #expect(r.kb.authorities.map(\.id) == ["c"])
        #expect(r.kb.partnerships.isEmpty)
        let messages = r.diagnostics.map { "\($0.line):\($0.column): \($0.message)" }
        #expect(messages.count == 3)
        #expect(messages[1].hasPrefix("3:48: parent 'a' was left out because of a problem at test.kb:2:11"))
        #expect(messages[2].hasPrefix("4:13: side a 'b' was left out"))
    }

    @Test("references may point forward and across files; files load in byte order of paths")
    func forwardReferencesAcrossFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coopkb-order-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b/c"), withIntermediateDirectories: true)
        try "partnership x y\n".write(to: dir.appendingPathComponent("a.kb"), atomically: true, encoding: .utf8)
        try "authority y \"Y\" kind=commune country=FR\n".write(to: dir.appendingPathComponent("b/c/z.kb"), atomically: true, encoding: .utf8)
        try "country FR \"France\"\nauthority x \"X\" kind=commune country=FR\n".write(to: dir.appendingPathComponent("b/a.kb"), atomically: true, encoding: .utf8)
        try "not a kb file\n".write(to: dir.appendingPathComponent("b/readme.txt"), atomically: true, encoding: .utf8)
        let r = try Loader.load(paths: [dir.path], system: POSIXSystem())
        #expect(r.diagnostics.isEmpty)
        #expect(r.files.map { String($0.dropFirst(dir.path.count + 1)) } == ["a.kb", "b/a.kb", "b/c/z.kb"])
        #expect(r.kb.partnerships.count == 1)
        try? FileManager.default.removeItem(at: dir)
    }

    @Test("a missing KB path is a load failure, not a problem list")
    func missingPath() {
        #expect(throws: LoadFailure.self) { try Loader.load(paths: ["/nonexistent/kb"], system: POSIXSystem()) }
    }

    @Test("status defaults to ended with until, else active")
    func statusDefault() {
        let r = Fixture.load("""
        country FR "France"
        authority a "A" kind=commune country=FR
        authority b "B" kind=commune country=FR
        authority c "C" kind=commune country=FR
        partnership a b since=1990 until=2000
        partnership a c
        """)
        #expect(r.diagnostics.isEmpty)
        #expect(r.kb.partnerships.map(\.status) == [.ended, .active])
    }
}
