import CoopKB
import Foundation
import Testing

@Suite("Lexer")
struct LexerTests {
    func tokens(_ text: String) throws -> [String] {
        try Lexer(source: Source(name: "q", text: text)).tokens().map { t in
            switch t.kind {
            case .word: return "w:\(t.text)"
            case .string: return "s:\(t.text)"
            case .variable: return "v:\(t.text)"
            case .symbol: return t.text
            case .newline: return "NL"
            case .dotCommand: return "dot:\(t.text)"
            case .end: return "END"
            }
        }
    }

    @Test("words are letters of any script, digits, - _ . ; strings have two escapes")
    func words() throws {
        #expect(try tokens("FR-BRE a.country 2010 Ségou 京都市 -3.5") == ["w:FR-BRE", "w:a.country", "w:2010", "w:Ségou", "w:京都市", "w:-3.5", "END"])
        #expect(try tokens(#"show "Saint-\"Denis\" \\ x""#) == ["w:show", #"s:Saint-"Denis" \ x"#, "END"])
        #expect(try tokens("$bzh = x|y;(a,b):c") == ["v:bzh", "=", "w:x", "|", "w:y", ";", "(", "w:a", ",", "w:b", ")", ":", "w:c", "END"])
        #expect(try tokens("a != b <= c >= d < e > f ~ g") == ["w:a", "!=", "w:b", "<=", "w:c", ">=", "w:d", "<", "w:e", ">", "w:f", "~", "w:g", "END"])
    }

    @Test("comments run to the end of the line; newlines are tokens; dot-commands take their line")
    func linesAndComments() throws {
        #expect(try tokens("countries # all of them\n  .mode csv # not a comment\nx") == ["w:countries", "NL", "dot:.mode csv # not a comment", "NL", "w:x", "END"])
        #expect(try tokens("\u{FEFF}countries\r\n") == ["w:countries", "NL", "END"])
    }

    @Test("lexical errors have their position", arguments: [
        ("partners of \"rennes", 1, 13, "unterminated string"),
        ("x | where a = \"b\\n\"", 1, 17, "unknown escape"),
        ("countries\nwhere a ! b", 2, 9, "'!='"),
        ("where @", 1, 7, "unexpected character '@'"),
        ("let $ = x", 1, 5, "variable name"),
    ])
    func errors(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
        do {
            _ = try Lexer(source: Source(name: "q", text: text)).tokens()
            Issue.record("no error for \(text)")
        } catch let d as Diagnostic {
            #expect(d.line == line && d.column == column, "\(d.headline)")
            #expect(d.message.contains(fragment), "\(d.message)")
        } catch { Issue.record("\(error)") }
    }
}

@Suite("Parser")
struct ParserTests {
    func parse(_ text: String) throws -> Statement {
        let source = Source(name: "q", text: text)
        var parser = Parser(source: source, tokens: try Lexer(source: source).tokens())
        return try parser.parseStatement()
    }

    @Test("every statement of the grammar parses", arguments: [
        "partners of rennes", "authorities", "authorities in FR-BRE", "countries", "groups", "groups of $bzh",
        "partnerships", "partnerships of FR", "partnerships between (authorities in FR-BRE) and SN",
        "members of gp-mali", "neighbours of strasbourg depth 2", "neighbors of strasbourg",
        "path from brest to \"Ségou\" via groups", "path from a to b", "rennes", "$v", "(countries)",
        "partners of lyon intersect partners of marseille", "members of gp-mali except partners of ML union rennes",
        "countries | where zone = africa and not (id = ML or id in (SN, MA)) | sort by name desc, id | limit 3",
        "authorities where population >= 1000 select id, name", "partnerships | where a within FR-BRE and b within SN",
        "authorities | where within gp-mali", "authorities | count", "partnerships of FR | count by b.country | where count >= 5 | limit 3",
        "let $bzh = authorities in FR-BRE", "show \"Saint-Étienne\"", "show country:ML", "partners of authority:\"Saint-Denis\"",
        "AUTHORITIES IN fr-bre | WHERE Kind = commune", ".mode csv", ".help path",
    ])
    func grammar(_ text: String) throws {
        _ = try parse(text)
    }

    @Test("syntax errors have their position and say whether more text could complete them", arguments: [
        ("partners rennes", 1, 10, "expected 'of'", false),
        ("partners of", 1, 12, "expected a name or an id", true),
        ("partners of in", 1, 13, "keyword", false),
        ("countries | wher x = 1", 1, 13, "expected a stage", false),
        ("countries | where", 1, 18, "expected a field", true),
        ("countries | where zone", 1, 23, "expected a comparison", true),
        ("countries | where zone ==", 1, 25, "expected a value", false),
        ("countries | limit x", 1, 19, "whole number", false),
        ("countries | limit 99999999999999999999", 1, 19, "too large", false),
        ("neighbours of x depth 0", 1, 23, "1 or more", false),
        ("(countries", 1, 11, "expected ')'", true),
        ("countries)", 1, 10, "unmatched ')'", false),
        ("countries union", 1, 16, "expected a name", true),
        ("path from a", 1, 12, "expected 'to'", true),
        ("path from a to b via x", 1, 22, "expected 'groups'", false),
        ("let x = countries", 1, 5, "expected a variable", false),
        ("partnerships between a b", 1, 24, "expected 'and'", false),
        ("planet:x", 1, 1, "unknown kind 'planet'", false),
        ("countries | sort name", 1, 18, "expected 'by'", false),
        ("countries | where zone in africa", 1, 27, "expected '('", false),
        ("countries | where id = ML | select", 1, 35, "expected a field", true),
    ])
    func errors(_ text: String, _ line: Int, _ column: Int, _ fragment: String, _ atEnd: Bool) {
        do {
            _ = try parse(text)
            Issue.record("no error for \(text)")
        } catch let e as ParseError {
            let d = e.diagnostic
            #expect(d.line == line && d.column == column, "\(text): \(d.headline)")
            #expect(d.message.contains(fragment), "\(text): \(d.message)")
            #expect(e.atEnd == atEnd, "\(text): atEnd \(e.atEnd)")
        } catch { Issue.record("\(error)") }
    }

    @Test("nesting is limited with a clear error, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "(", count: 100_000) + "countries" + String(repeating: ")", count: 100_000)
        do { _ = try parse(text); Issue.record("no error") } catch let e as ParseError {
            #expect(e.diagnostic.message.contains("too deeply nested"))
        } catch { Issue.record("\(error)") }
    }
}

@Suite("Session: statements, continuation, variables")
struct SessionTests {
    @Test("a statement continues over lines while incomplete", arguments: [
        ("partners of", false), ("partners of\nrennes", true), ("authorities in FR-BRE |", false),
        ("authorities in FR-BRE | where kind = commune and", false), ("(authorities", false), ("countries", true),
        ("countries;", true), (".mode csv", true), ("partners of rennes; countries |", false), ("", true),
        ("countries # comment |", true), ("x = ", false), ("x = y", true), ("path from rennes", false),
        ("partners of rennes\n| count", true), ("countries\n\n", true), ("\"abc", true),
    ])
    func completeness(_ text: String, _ complete: Bool) {
        // Typed line by line, as the shell adds them: the same splitter as files use.
        let splitter = Splitter(name: "<stdin>")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { splitter.add(String(line)) }
        _ = splitter.pieces()
        #expect(splitter.waiting == !complete, "\(text.debugDescription)")
    }

    @Test("statements end at ; or at the end of a line; a multi-line statement runs once")
    func statements() {
        let (out, errors) = Fixture.run("countries | count; groups | count\npartners of\n  rennes | count\n")
        #expect(errors.isEmpty)
        #expect(out == "count\n11\n\ncount\n4\n\ncount\n3\n")
    }

    @Test("a statement still incomplete at the end of the text is an error at its end")
    func incompleteAtEnd() {
        let (_, errors) = Fixture.run("countries | count\npartners of")
        #expect(errors.map(\.headline) == ["<execute>:2:12: error: incomplete statement: expected a name or an id"])
    }

    @Test("let evaluates once and is then an operand; unknown variables suggest")
    func variables() {
        let (out, errors) = Fixture.run("let $bzh = authorities in FR-BRE\n$bzh | count\ngroups of $bzh | select id\n$bz")
        #expect(out == "count\n5\n\nid\ngp-mali\ngp-senegal\n")
        #expect(errors.map(\.message) == ["unknown variable $bz; did you mean $bzh?"])
    }

    @Test("after an error the next statement runs")
    func recovery() {
        let (out, errors) = Fixture.run("countries | where \"x\ncountries | count\n")
        #expect(errors.count == 1)
        #expect(out == "count\n11\n")
    }

    @Test(".read nests at most 16 deep")
    func readLoop() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coopkb-read-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("self.kbq").path
        try ".read \(file)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let (_, errors) = Fixture.run(".read \(file)")
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("nested more than 16 deep") == true)
    }
}

@Suite("show")
struct ShowTests {
    /// `show` lists partners in the partnerships' default order and members in name order, whatever the
    /// order of the records in the files.
    @Test("partners and members come in the default orders")
    func orders() {
        let r = Fixture.load("""
        country FR "France"
        authority z "Zèbre" kind=commune country=FR
        authority b "Bretagne" kind=commune country=FR
        authority a "Aube" kind=commune country=FR
        partnership z b
        partnership a z
        group g "G" countries=FR
        member g z
        member g a
        member g b
        """)
        let (z, errors) = Fixture.run("show z", report: r)
        #expect(errors.isEmpty)
        let partners = z.split(separator: "\n").filter { $0.hasPrefix("partner\t") }.map { String($0.split(separator: "\t")[1].prefix(1)) }
        #expect(partners == ["a", "b"])
        let (g, _) = Fixture.run("show g", report: r)
        let members = g.split(separator: "\n").filter { $0.hasPrefix("member\t") }.map { String($0.split(separator: "\t")[1].prefix(1)) }
        #expect(members == ["a", "b", "z"])
    }
}
