import CoopKB
import Foundation
import Testing

/// The library side of the shell's tools: excel and jsonl text, workbook cells, saved queries, a leading `|`,
/// caps only at a terminal (docs/shell.md).
@Suite("Shell tools")
struct ShellToolsTests {
    @Test("output modes of several results", arguments: [
        (OutputMode.jsonl, "countries | where id in (ML, SN) | select id, name\ngroups | where id = gp-mali | select id, members\n",
         "{\"id\":\"ML\",\"name\":\"Mali\"}\n{\"id\":\"SN\",\"name\":\"Sénégal\"}\n{\"id\":\"gp-mali\",\"members\":5}\n"),
        (OutputMode.excel, "rennes | select id, name, population, lat, groups\ncountries | where zone = nowhere\n",
         "\u{FEFF}\"id\";\"name\";\"population\";\"lat\";\"groups\"\r\n\"rennes\";\"Rennes\";227830;48,1173;\"gp-mali\"\r\n\r\n\"id\";\"name\"\r\n"),
        (OutputMode.csv, ".separator ;\n.headers off\ncountries | where id = CI | select id, name\n.separator |\ncountries | where id = CI | select id, name\n",
         "CI;Côte d'Ivoire\r\n\nCI|Côte d'Ivoire\r\n"),
    ])
    func modes(_ mode: OutputMode, _ statements: String, _ expected: String) {
        let (out, errors) = Fixture.run(statements, mode: mode)
        #expect(errors.isEmpty, "\(errors)")
        #expect(out == expected)
    }

    @Test("a line starting with | continues the statement before it; after ; it is an error at its place")
    func leadingPipe() {
        let (out, errors) = Fixture.run("partners of rennes\n\n# Mali only\n  | where country = ML\n| select id\n")
        #expect(out == "id\nsegou\n")
        #expect(errors.isEmpty)
        let (_, after) = Fixture.run("countries;\n| count\n")
        #expect(after.map { "\($0.line):\($0.column)" } == ["2:1"])
    }

    @Test("rows are cut only at a terminal")
    func capsAtTerminalOnly() {
        var out = ""
        let session = Session(report: Fixture.report, kbPaths: [], mode: .table, system: POSIXSystem()) { if case .output(let s) = $0 { out += s } }
        session.maxRows = 4
        session.cutToTerminal = true
        session.run("authorities | select id, name", sourceName: "<t>")
        #expect(out.contains("(36 rows)") && !out.contains("more rows"))
        out = ""
        session.terminal = { (rows: 50, columns: 30) }
        session.run("authorities | select id, name", sourceName: "<t>")
        #expect(out.contains("… 32 more rows"))
    }

    @Test("worksheet column names", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func columnNames(_ index: Int, _ name: String) {
        #expect(Workbook.columnLetters(index) == name)
    }

    @Test("sheet titles are valid and unique")
    func sheetTitles() throws {
        var w = Workbook()
        for title in ["partners of rennes | where a:b", "partners of rennes | where a:b", "", String(repeating: "x", count: 40)] {
            _ = w.add(Workbook.Sheet(title: title, columns: ["id"], rows: []))
        }
        #expect(w.sheets.map(\.title) == ["partners of rennes | where a b", "partners of rennes | where (2)", "Result", String(repeating: "x", count: 31)])
        #expect(try w.bytes().starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }

    static let savedFile = """
        # my queries
        # name: bzh
        partnerships between (authorities in FR-BRE) and $1
          | select a.name, b.name

        # name: two
        partners of $1 | where country = $2   # a comment
        # name: bzh
        countries
        """

    @Test("a saved-queries file: names, statements over several lines, parameters, a name given twice")
    func savedParse() {
        let saved = SavedQueries(text: Self.savedFile)
        #expect(saved.queries.map(\.name) == ["bzh", "two"])
        #expect(saved.queries[0].text == "partnerships between (authorities in FR-BRE) and $1\n  | select a.name, b.name")
        #expect(saved.queries[0].line == 3)
        #expect(saved.queries.map(\.parameters) == [1, 2])
        #expect(saved.problems.map(\.line) == [8])
    }

    @Test("arguments replace parameters as written", arguments: [
        (["rennes", "\"Mali\""], "partners of rennes | where country = \"Mali\"   # a comment" as String?, nil as String?),
        (["country:ML", "FR"], "partners of country:ML | where country = FR   # a comment", nil),
        (["rennes"], nil as String?, "'two' takes $1 $2 and was given 1 argument; run it as: .run two ARG1 ARG2"),
    ])
    func substitute(_ args: [String], _ text: String?, _ problem: String?) {
        let q = SavedQueries(text: Self.savedFile).query(named: "TWO")!
        let (out, why) = SavedQueries.substitute(q, args)
        #expect(out == text)
        #expect(why.map { English().text($0) } == problem)
    }

    @Test("dot-command arguments keep their quotes", arguments: [
        (".run two rennes \"Saint-Étienne\"", ["rennes", "\"Saint-Étienne\""] as [String]?),
        (".run two \"a \\\" b\" x # comment", ["\"a \\\" b\"", "x"]),
        (".run two \"open", nil),
    ])
    func rawArguments(_ line: String, _ expected: [String]?) {
        #expect(SavedQueries.rawArguments(line, skip: 2) == expected)
    }
}
