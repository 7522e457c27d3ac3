import Foundation
import Testing

/// The built binary, run as scripts run it: exit statuses, error format, inputs and outputs.
@Suite("End to end")
struct EndToEndTests {
    static let fixture = Binary.root.appendingPathComponent("Tests/Fixtures/kb").path

    func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:], in dir: URL? = nil) throws -> Binary.Outcome {
        try Binary.run(args, stdin: stdin, environment: env, directory: dir)
    }

    @Test("0 when every statement succeeds; a result in tsv by default when not on a terminal")
    func success() throws {
        let r = try run(["--kb", Self.fixture, "-e", "partners of rennes | select id | limit 2"])
        #expect(r.status == 0)
        #expect(r.stdout == "id\nbrest\nsegou\n")
        #expect(r.stderr.isEmpty)
    }

    @Test("1 when a statement fails; the others still run; the error has source, line, column, line and caret")
    func failureGoesOn() throws {
        let r = try run(["--kb", Self.fixture, "-e", "partners of renes", "-e", "countries | count"])
        #expect(r.status == 1)
        #expect(r.stdout == "count\n11\n")
        #expect(r.stderr.hasPrefix("<execute>:1:13: error: nothing is called renes; did you mean 'rennes' (Rennes, commune, Ille-et-Vilaine, 227,830)?\npartners of renes\n            ^\n"))
    }

    @Test("--bail stops at the first failure")
    func bail() throws {
        let r = try run(["--kb", Self.fixture, "--bail", "-e", "partners of renes", "-e", "countries | count"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
    }

    @Test("errors in a file name the file and the line")
    func fileErrors() throws {
        let dir = try Binary.temporaryDirectory("file")
        let file = dir.appendingPathComponent("q.kbq")
        try "countries | count\n\n# a comment\npartners of (authorities in FR-BRE\n  | where populaton > 3)\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try run(["--kb", Self.fixture, file.path])
        #expect(r.status == 1)
        #expect(r.stdout == "count\n11\n")
        #expect(r.stderr.hasPrefix("\(file.path):5:11: error: unknown field 'populaton' for authority rows; did you mean 'population'?\n  | where populaton > 3)\n          ^\n"))
    }

    @Test("-e runs before FILEs, FILE - is standard input, and results are separated by a blank line")
    func orderAndStdin() throws {
        let r = try run(["--kb", Self.fixture, "-e", "countries | count", "-", "-e", "groups | count"], stdin: "authorities in ML | count\n")
        #expect(r.status == 0)
        #expect(r.stdout == "count\n11\n\ncount\n4\n\ncount\n4\n")
    }

    @Test("with neither -e nor FILE, statements come from standard input; its errors are <stdin>")
    func standardInput() throws {
        let r = try run(["--kb", Self.fixture, "-f", "json"], stdin: "countries | where id = ML | select name\nfoo\n")
        #expect(r.status == 1)
        #expect(r.stdout == "[{\"name\":\"Mali\"}]\n")
        #expect(r.stderr.hasPrefix("<stdin>:2:1: error: nothing is called foo"))
    }

    @Test("2 for a usage error", arguments: [["--format", "xml", "-e", "countries"], ["--no-such-option"], ["-k"]])
    func usage(_ args: [String]) throws {
        let r = try run(["--kb", Self.fixture] + args)
        #expect(r.status == 2, "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(!r.stderr.isEmpty)
    }

    @Test("2 for a KB that cannot be read")
    func unreadableKB() throws {
        let r = try run(["--kb", "/nonexistent/kb", "-e", "countries"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot read KB '/nonexistent/kb'"))
    }

    @Test("2 for a KB with problems when not interactive; --lenient runs on what loaded")
    func kbWithProblems() throws {
        let dir = try Binary.temporaryDirectory("problems")
        try "country FR \"France\"\nauthority a \"A\" kind=commune country=FR\nauthority b \"B\" kind=commune country=XX\n"
            .write(to: dir.appendingPathComponent("a.kb"), atomically: true, encoding: .utf8)
        let strict = try run(["--kb", dir.path, "-e", "authorities | count"])
        #expect(strict.status == 2)
        #expect(strict.stdout.isEmpty)
        #expect(strict.stderr.hasPrefix("\(dir.path)/a.kb:3:38: error: unknown country 'XX' for country"))
        let lenient = try run(["--kb", dir.path, "--lenient", "-e", "authorities | count"])
        #expect(lenient.status == 0)
        #expect(lenient.stdout == "count\n1\n")
        #expect(lenient.stderr.contains("error: unknown country 'XX'"))
    }

    @Test("--check prints counts per record kind and exits")
    func check() throws {
        let r = try run(["--kb", Self.fixture, "--check"])
        #expect(r.status == 0)
        #expect(r.stdout == "country\t11\nauthority\t36\npartnership\t26\ngroup\t4\nmember\t14\nproblems\t0\n")
    }

    @Test("the KB defaults to $COOPKB_KB, else ./kb")
    func defaultKB() throws {
        let r = try run(["-e", "countries | count"], env: ["COOPKB_KB": Self.fixture])
        #expect(r.status == 0)
        #expect(r.stdout == "count\n11\n")
        let dir = try Binary.temporaryDirectory("nokb")
        let none = try run(["-e", "countries | count"], in: dir)
        #expect(none.status == 2)
        #expect(none.stderr.contains("./kb"))
    }

    @Test("--kb is repeatable and takes single files")
    func severalKBs() throws {
        let dir = try Binary.temporaryDirectory("multi")
        try "country FR \"France\"\n".write(to: dir.appendingPathComponent("c.kb"), atomically: true, encoding: .utf8)
        try "authority a \"A\" kind=commune country=FR\n".write(to: dir.appendingPathComponent("a.kb"), atomically: true, encoding: .utf8)
        let r = try run(["-k", dir.appendingPathComponent("a.kb").path, "--kb", dir.appendingPathComponent("c.kb").path, "-e", "authorities"])
        #expect(r.status == 0)
        #expect(r.stdout == "id\tname\tkind\tcountry\na\tA\tcommune\tFR\n")
    }

    @Test("csv rows end with CRLF; table aligns by display width and closes with a row count")
    func formats() throws {
        let csv = try run(["--kb", Self.fixture, "-f", "csv", "-e", "countries | where id in (ML, CI) | select id, name"])
        #expect(csv.stdout == "id,name\r\nCI,Côte d'Ivoire\r\nML,Mali\r\n")
        let table = try run(["--kb", Self.fixture, "-f", "table", "-e", "authorities in JP | select id, name"])
        #expect(table.stdout == """
             id     | name
            --------+--------
             kyoto  | 京都市
             JP-26  | 京都府
             sendai | 仙台市
            (3 rows)

            """)
    }

    @Test(".quit stops; .output refuses to overwrite a file; .read runs a file")
    func dotCommands() throws {
        let dir = try Binary.temporaryDirectory("dot")
        try "countries | count\n".write(to: dir.appendingPathComponent("inner.kbq"), atomically: true, encoding: .utf8)
        try "keep me\n".write(to: dir.appendingPathComponent("existing.txt"), atomically: true, encoding: .utf8)
        let r = try run(["--kb", Self.fixture], stdin: ".read inner.kbq\n.output existing.txt\n.output new.txt\ngroups | count\n.output\n.quit\ncountries\n", in: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "count\n11\n")
        #expect(r.stderr.contains("<stdin>:2:1: error: 'existing.txt' exists"))
        #expect(try String(contentsOf: dir.appendingPathComponent("existing.txt"), encoding: .utf8) == "keep me\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("new.txt"), encoding: .utf8) == "count\n4\n")
    }

    @Test("a closed pipe ends quietly")
    func closedPipe() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "'\(Binary.path)' --kb '\(Self.fixture)' -e authorities -e authorities -e authorities | head -1; exit ${PIPESTATUS:-0}"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stderr.contains("Fatal error"))
        #expect(!stderr.contains("error"))
    }
}
