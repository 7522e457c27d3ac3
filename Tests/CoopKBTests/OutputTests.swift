import CoopKB
import Testing

@Suite("Output modes")
struct OutputTests {
    @Test("display width: combining marks take no column, East Asian wide characters two", arguments: [
        ("Rennes", 6), ("Ségou", 5), ("Se\u{301}gou", 5), ("京都市", 6), ("Kyōto-fu", 8), ("", 0), ("a\tb", 2),
    ])
    func width(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("table columns line up by display width, numbers to the right")
    func table() {
        let r = Fixture.load("""
        country JP "Japon"
        authority kyoto "京都市" kind=municipality country=JP population=1463723
        authority segou "Se\u{301}gou" kind=commune country=JP population=130690
        authority x "Xénia" kind=commune country=JP
        """)
        let (out, errors) = Fixture.run("authorities | select name, population", mode: .table, report: r)
        #expect(errors.isEmpty)
        #expect(out == """
             name   | population
            --------+------------
             Se\u{301}gou  |     130690
             Xénia  |
             京都市 |    1463723
            (3 rows)

            """)
    }

    @Test("tsv escapes tab, newline and backslash; csv quotes; json types values", arguments: [
        (OutputMode.tsv, "a\tb\tnote\nx\ty\tl1\\nl2\\tt\\\\z\n"),
        (OutputMode.csv, "a,b,note\r\nx,y,\"l1\nl2\tt\\z\"\r\n"),
        (OutputMode.json, "[{\"a\":\"x\",\"b\":\"y\",\"note\":\"l1\\nl2\\tt\\\\z\"}]\n"),
    ])
    func escapes(_ mode: OutputMode, _ expected: String) throws {
        let kb = Fixture.load("country FR \"France\"\nauthority x \"X\" kind=commune country=FR\nauthority y \"Y\" kind=commune country=FR\npartnership x y note=\"placeholder\"\n")
        // Notes cannot hold a raw line end in a KB line; build the value through the session's show of a table instead.
        let session = Session(report: kb, kbPaths: [], mode: mode, system: POSIXSystem())
        var output = ""
        session.sink = { if case .output(let s) = $0 { output += s } }
        var r = ResultSet(kind: .table, rows: [.values([.id("x"), .id("y"), .text("l1\nl2\tt\\z")])], columns: ["a", "b", "note"])
        r.valueColumns = ["a", "b", "note"]
        session.emit(r)
        #expect(output == expected)
    }

    @Test("json: integers as numbers, lists as arrays, missing as null; an empty result is []")
    func json() {
        let (out, _) = Fixture.run("partnerships of segou | where b = rennes | select a, since, themes, until, note", mode: .json)
        #expect(out.hasPrefix("[{\"a\":\"segou\",\"since\":1988,\"themes\":[\"water\",\"health\",\"education\"],\"until\":null,"))
        let (empty, _) = Fixture.run("countries | where zone = nowhere", mode: .json)
        #expect(empty == "[]\n")
    }
}
