import CoopKB
import Foundation
import Testing

/// Problems are values: each error case is asserted by its case and data, standard output stays empty, and the
/// renderer words every case (a second language's renderer gets the same walk).
@Suite struct ProblemTests {
    @Test("every case of Problem has samples of its own kind, and English words each of them on one line")
    func everyCaseIsWorded() {
        for kind in Problem.Kind.allCases {
            let samples = Problem.samples(kind)
            #expect(!samples.isEmpty, "no sample of \(kind)")
            for p in samples {
                #expect(p.kind == kind, "a sample of \(kind) is \(p.kind)")
                let text = English().text(p)
                #expect(!text.isEmpty && !text.contains("\n") && text == text.trimmingCharacters(in: .whitespaces), "\(p): \(text.debugDescription)")
                #expect(!text.contains("  ") || kind == .usage || text.hasPrefix("usage: ") || p == .importing(.fileCount(1)), "double blank in \(p): \(text)")
            }
        }
    }

    @Test("a diagnostic's message is its problem in words")
    func messageIsRendered() {
        let d = Diagnostic(source: Source(name: "<execute>", text: "x"), offset: 0, problem: .unknownCommand("mdoe", suggestion: "mode"))
        #expect(d.message == "unknown command '.mdoe'; did you mean '.mode'?")
        #expect(d.headline == "<execute>:1:1: error: unknown command '.mdoe'; did you mean '.mode'?")
    }

    /// Each statement, the problem it gives, and the column the problem starts at.
    static let cases: [(String, Problem, Int)] = [
        ("partners rennes", .expectedKeyword(.of, .after([.partners]), found: .token("rennes")), 10),
        ("neighbors rennes", .expectedKeyword(.of, .afterWord("neighbors"), found: .token("rennes")), 11),
        ("partners of", .incomplete(.expectedName(.none, found: nil)), 12),
        ("show", .incomplete(.expectedName(.after([.show]), found: nil)), 5),
        ("let x = countries", .expectedVariableAfterLet, 5),
        ("let $x countries", .expectedSymbol("=", .afterLet("x"), found: .token("countries")), 8),
        ("countries )", .unmatchedCloseParenthesis, 11),
        ("countries foo", .unexpectedAfterStatement(found: .token("foo")), 11),
        ("countries | foo", .expectedStageAfterBar(found: .token("foo")), 13),
        ("neighbours of rennes depth 0", .depthTooSmall, 28),
        ("path from rennes to lyon via x", .expectedKeyword(.groups, .after([.via]), found: .token("x")), 30),
        ("authorities | limit ten", .expectedWholeNumber(.after([.limit]), found: .token("ten")), 21),
        ("authorities | limit 99999999999", .numberTooLarge("99999999999"), 21),
        ("authorities | sort by", .incomplete(.expectedField(.after([.sort, .by]), found: .end)), 22),
        ("authorities | where name in a", .expectedSymbol("(", .afterIn, found: .token("a")), 29),
        ("authorities | where name", .incomplete(.expectedComparison(field: "name", found: .end)), 25),
        ("(countries", .incomplete(.unclosedParenthesis(column: 1, found: .end)), 11),
        ("town:rennes", .unknownKindPrefix("town"), 1),
        ("partners of path", .keywordAsName("path"), 13),
        ("authorities | where name = $1", .savedQueryParameter("1"), 28),
        ("\"abc", .unterminatedString, 1),
        ("\"a\\qb\"", .unknownEscape, 3),
        ("$", .variableNameMissing, 1),
        ("!x", .bangWithoutEquals, 1),
        ("countries @", .unexpectedCharacter(0x40), 11),
        ("countries \u{7}", .unexpectedCharacter(7), 11),
        ("authorities in gp-mali", .authoritiesInNeedsPlace(id: "gp-mali", kind: .group), 16),
        ("groups of (partnerships)", .needsAuthorities(term: [.groups, .of], given: .partnerships), 12),
        ("partners of (countries | count)", .needsAuthorities(term: [.partners, .of], given: .table(origin: "count")), 14),
        ("members of rennes", .membersOfNeedsGroup(id: "rennes", kind: .authority), 12),
        ("members of (countries)", .membersOfNeedsGroups(rows: .country), 13),
        ("countries union path from rennes to lyon", .notASet(.union, rows: .step), 17),
        ("authorities in FR union countries", .setKindsDiffer(.union, left: .authority, right: .country), 25),
        ("similar to FR", .similarNeedsAuthority(id: "FR", kind: .country), 12),
        ("path from FR to rennes", .pathNeedsAuthority(id: "FR", kind: .country), 11),
        ("$nope", .unknownVariable("nope", candidates: []), 1),
        ("authorities | sort by nme", .unknownField("nme", rows: .authority, candidates: ["name"], fields: []), 23),
        ("partnerships | where c within FR", .sideIsAOrB, 22),
        ("authorities | where a within FR", .sideOnlyOnPartnerships(side: "a", rows: .authority), 21),
        ("partnerships | where within FR", .withinNeedsSide(ref: "FR"), 29),
        ("groups | where within FR", .withinNeedsAuthorities(rows: .group), 23),
        ("authorities | where population = big", .notANumber(field: "population", value: "big", quoted: false), 34),
        (".mdoe", .unknownCommand("mdoe", suggestion: "mode"), 1),
        (".zzzqq", .unknownCommand("zzzqq", suggestion: nil), 1),
        (".mode foo", .usage(command: "mode"), 1),
        (".mode dot\nbrief FR", .briefNeedsDocumentMode, 1),
    ]

    @Test("an error is its problem case at its place, and nothing goes to standard output", arguments: ProblemTests.cases.indices)
    func errorCase(_ i: Int) {
        let (text, problem, column) = ProblemTests.cases[i]
        let (out, errors) = Fixture.run(text)
        #expect(out.isEmpty, "\(text): standard output \(out.debugDescription)")
        #expect(errors.count == 1, "\(text): \(errors.map(\.headline))")
        #expect(errors.first?.problem == problem, "\(text): \(errors.first.map { "\($0.problem)" } ?? "no problem")")
        #expect(errors.first?.column == column, "\(text): column \(errors.first?.column ?? 0)")
    }
}
