import CoopKB
import Foundation
import Testing

/// KB-file problems are values: each broken line gives its `KBProblem` case, with its data, at its line and column,
/// and the whole KB is worded in English and French from the same value.
@Suite struct KBProblemTests {
    /// Nine good lines; each case adds lines from line 10 on.
    static let base = """
        country FR "France"
        country ML "Mali"
        authority bzh "Bretagne" kind=region country=FR
        authority rennes "Rennes" kind=commune country=FR parent=bzh
        authority segou "Ségou" kind=commune country=ML
        authority bamako "Bamako" kind=commune country=ML
        group g1 "G1" countries=ML chair=rennes
        member g1 rennes since=2000
        partnership rennes segou since=1990 status=active

        """
    static let kinds = ["country", "authority", "partnership", "group", "member"]

    /// The lines added to `base`, the first problem they give, and its line and column.
    static let cases: [(String, KBProblem, Int, Int)] = [
        ("authority x \"X\\q\" kind=commune country=FR", .unknownEscape, 10, 15),
        ("authority x \"X kind=commune", .unterminatedString, 10, 13),
        ("\"x\" y", .expectedRecordKind(kinds: kinds), 10, 1),
        ("autority x \"X\"", .unknownRecordKind("autority", suggestion: "authority", kinds: kinds), 10, 1),
        ("zzzzqq x \"X\"", .unknownRecordKind("zzzzqq", suggestion: nil, kinds: kinds), 10, 1),
        ("authority = x", .equalsWithoutName, 10, 11),
        ("authority x, \"X\"", .commaBeforeAttributes, 10, 12),
        ("authority x \"X\" kind=commune \"y\"", .unexpectedAfterAttributes(.string("y")), 10, 30),
        ("authority x \"X\" kind= country=FR", .missingValue(key: "kind"), 10, 22),
        ("group g2 \"G\" countries=ML ,FR", .blankBeforeComma, 10, 27),
        ("group g2 \"G\" countries=ML,", .missingListItem, 10, 27),
        ("authority x \"X\" kind=commune\"y\"", .attributesNotSeparated(.string("y")), 10, 29),
        ("authority x \"X\" knd=commune country=FR", .unknownAttribute("knd", record: "authority", suggestion: "kind", allowed: []), 10, 17),
        ("authority x \"X\" kind=commune kind=region country=FR", .repeatedAttribute("kind", line: 10, column: 17), 10, 30),
        ("authority x", .missingPositional(field: "\"name\"", record: "authority", fields: ["id", "\"name\""]), 10, 1),
        ("partnership rennes segou bamako", .extraPositional(.word("bamako"), record: "partnership", fields: ["A", "B"]), 10, 26),
        ("authority x \"X\" kind=commune,region country=FR", .notAList(key: "kind"), 10, 29),
        ("authority x \"X\" kind=\"a b\" country=FR", .notOneWord(field: "kind", .string("a b")), 10, 22),
        ("authority \"x\" \"X\" kind=commune country=FR", .idIsString(.authorityID), 10, 11),
        ("authority -x \"X\" kind=commune country=FR", .malformedID("-x"), 10, 11),
        ("partnership rennes bamako since=88", .malformedYear(.word("88"), field: "since"), 10, 33),
        ("authority x \"X\" kind=commune country=FR population=99999999999999999999999",
         .integerTooLarge(.word("99999999999999999999999"), field: "population"), 10, 52),
        ("authority x \"X\" kind=commune country=FR population=-3", .malformedInteger(.word("-3"), field: "population"), 10, 52),
        ("authority x \"X\" kind=commune country=FR lat=95", .malformedCoordinate(.word("95"), field: "lat", limit: 90), 10, 45),
        ("country fra \"F\"", .malformedCountryCode(.word("fra")), 10, 9),
        ("authority x \"X\" kind=commune country=FR member=oui", .malformedYesNo(.word("oui"), field: "member"), 10, 48),
        ("partnership rennes bamako status=over", .malformedStatus(.word("over")), 10, 34),
        ("partnership rennes bamako amends=maybe", .malformedAmends(.word("maybe")), 10, 34),
        ("member g1 segou basis=guess", .malformedBasis(.word("guess")), 10, 23),
        ("authority x \"X\" country=FR", .noKind(id: "x"), 10, 1),
        ("authority x \"X\" kind=commune", .noCountry(id: "x"), 10, 1),
        ("partnership rennes segou amends=yes status=active", .amendsWithStatus, 10, 1),
        ("partnership rennes bamako since=2000 until=1990", .untilBeforeSince(until: 1990, since: 2000, amendment: false), 10, 44),
        ("authority rennes \"R2\" kind=commune country=FR", .duplicateID("rennes", first: .authority, at: "a.kb:4:11"), 10, 11),
        ("country FR \"F2\"", .duplicateID("FR", first: .country, at: "a.kb:1:9"), 10, 9),
        ("authority x \"X\" kind=commune country=FR parent=ML", .wrongKind(id: "ML", kind: .country, role: .parent, expected: .authority), 10, 48),
        ("authority x \"X\" kind=commune country=rennes", .wrongKind(id: "rennes", kind: .authority, role: .country, expected: .country), 10, 38),
        ("authority y \"Y\" kind=commune\nauthority x \"X\" kind=commune country=FR parent=y", .noCountry(id: "y"), 10, 1),
        ("authority x \"X\" kind=commune country=QQ", .unknownReference(.country, id: "QQ", role: .country, candidates: []), 10, 38),
        ("authority x2 \"X\" kind=commune country=FR parent=renes", .unknownReference(.authority, id: "renes", role: .parent, candidates: ["rennes"]), 10, 49),
        ("authority c1 \"C\" kind=commune country=FR parent=c2\nauthority c2 \"C\" kind=commune country=FR parent=c1",
         .parentCycle(["c1", "c2"], count: 2, back: "c1"), 10, 49),
        ((0..<10).map { "authority k\($0) \"K\" kind=commune country=FR parent=k\(($0 + 1) % 10)" }.joined(separator: "\n"),
         .parentCycle((0..<8).map { "k\($0)" }, count: 10, back: "k0"), 10, 49),
        ("authority x \"X\" kind=commune country=ML parent=bzh", .parentInOtherCountry(parent: "bzh", parentCountry: "FR", child: "x", childCountry: "ML"), 10, 48),
        ("partnership rennes rennes", .partnershipWithItself(id: "rennes"), 10, 20),
        ("partnership segou rennes", .secondPartnership(a: "segou", b: "rennes", first: "a.kb:9:13"), 10, 1),
        ("partnership rennes bamako amends=yes", .amendsNothing(a: "rennes", b: "bamako"), 10, 1),
        ("partnership rennes segou amends=yes since=1991", .amendmentConflict(key: "since", has: "1990", gives: "1991", at: "a.kb:9:13"), 10, 1),
        ("partnership rennes segou amends=yes until=1980", .untilBeforeSince(until: 1980, since: 1990, amendment: true), 10, 1),
        ("member g1 rennes", .repeatedMembership(authority: "rennes", group: "g1", first: "a.kb:8:8"), 10, 1),
        ("member gx rennes", .unknownReference(.group, id: "gx", role: .group, candidates: ["g1"]), 10, 8),
        ("member g1 rnnes", .unknownReference(.authority, id: "rnnes", role: .member, candidates: ["rennes"]), 10, 11),
        ("group g3 \"G\" countries=QQ", .unknownReference(.country, id: "QQ", role: .countries, candidates: []), 10, 24),
        ("authority e1 \"E\" kind=epci country=FR parent=zz\nauthority x \"X\" kind=commune country=FR epci=e1",
         .unknownReference(.authority, id: "zz", role: .parent, candidates: []), 10, 46),
    ]

    @Test("a broken KB line gives its problem case, with its data, at its line and column", arguments: cases.indices)
    func brokenLine(_ i: Int) throws {
        let (lines, problem, line, column) = KBProblemTests.cases[i]
        let r = Fixture.load(KBProblemTests.base + lines + "\n", name: "a.kb")
        let d = try #require(r.diagnostics.first, "no problem for \(lines)")
        if case .kb(.unknownAttribute(let name, let record, let suggestion, _)) = d.problem, case .unknownAttribute(let n, let rk, let s, _) = problem {
            #expect(name == n && record == rk && suggestion == s, "\(d.problem)")
        } else {
            #expect(d.problem == .kb(problem), "\(lines): \(d.headline)")
        }
        #expect((d.line, d.column) == (line, column), "\(d.headline)")
    }

    @Test("what follows a problem: a reference to the left-out record says where it was left out")
    func leftOutReference() {
        let r = Fixture.load(KBProblemTests.base + "authority e1 \"E\" kind=epci country=FR parent=zz\nauthority x \"X\" kind=commune country=FR epci=e1\n", name: "a.kb")
        #expect(r.diagnostics.map(\.problem).contains(.kb(.referenceLeftOut(.epci, id: "e1", at: "a.kb:10:11"))), "\(r.diagnostics.map(\.headline))")
        let p = Fixture.load(KBProblemTests.base + "authority y \"Y\" kind=commune\nauthority x \"X\" kind=commune country=FR parent=y\n", name: "a.kb")
        #expect(p.diagnostics.map(\.problem).contains(.kb(.referenceLeftOut(.parent, id: "y", at: "a.kb:10:11"))), "\(p.diagnostics.map(\.headline))")
    }

    @Test("past five problems on a line, one more says how many were not shown")
    func moreProblemsOnALine() {
        let r = Fixture.load(KBProblemTests.base + "authority x \"X\" a=1 b=2 c=3 d=4 e=5 f=6 g=7\n", name: "a.kb")
        #expect(r.diagnostics.count == 6)
        #expect(r.diagnostics.contains { $0.problem == .kb(.moreProblemsOnLine(count: 2, shown: 5)) && $0.line == 10 && $0.column == 1 })
    }

    @Test("a NUL byte on a KB line")
    func nulByte() throws {
        let r = Fixture.load(KBProblemTests.base + "authority x \"X\u{0}\" kind=commune\n", name: "a.kb")
        let d = try #require(r.diagnostics.first)
        #expect(d.problem == .kb(.nulByte) && d.line == 10 && d.column == 15, "\(d.headline)")
    }

    @Test("one UTF-8 rule: an encoded surrogate (ED A0 80) is rejected with its place in a KB line and in a query")
    func surrogates() throws {
        let surrogate: [UInt8] = [0xED, 0xA0, 0x80]
        let kb = Loader.load(sources: [Source(name: "a.kb", bytes: Array(KBProblemTests.base.utf8) + Array("authority x \"X".utf8) + surrogate + Array("\" kind=commune country=FR\n".utf8))])
        let d = try #require(kb.diagnostics.first)
        #expect(d.problem == .kb(.invalidUTF8(byte: 0xED)) && d.line == 10 && d.column == 15, "\(d.headline)")
        #expect(d.headline == "a.kb:10:15: error: invalid UTF-8 (byte 0xED); the line is left out: save the file as UTF-8")
        // A bare word, a "string" and a dot-command line of a query.
        for (bytes, problem, column) in [(Array("partners of ".utf8) + surrogate, Problem.invalidUTF8InQuery, 13),
                                         (Array("partners of \"".utf8) + surrogate + [0x22], .invalidUTF8InString, 13),
                                         (Array(".mode ".utf8) + surrogate, .invalidUTF8InLine, 1)] {
            let source = Source(name: "<execute>", bytes: bytes)
            let (_, problem2) = Lexer(source: source).tokens(from: 0)
            let q = try #require(problem2)
            #expect(q.problem == problem && q.line == 1 && q.column == column, "\(q.headline)")
        }
        // The same rule for what is not a surrogate: a 3-byte scalar just below them and one just above are words.
        for ok: [UInt8] in [[0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80]] {
            let (_, e) = Lexer(source: Source(name: "<execute>", bytes: Array("partners of ".utf8) + ok)).tokens(from: 0)
            #expect(e == nil || e?.problem != .invalidUTF8InQuery)
            let r = Loader.load(sources: [Source(name: "a.kb", bytes: Array(KBProblemTests.base.utf8) + Array("authority x \"X".utf8) + ok + Array("\" kind=commune country=FR\n".utf8))])
            #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.headline))")
        }
    }

    @Test("the same problem value is worded in English and in French, with the same place")
    func bothLanguages() throws {
        let r = Fixture.load(KBProblemTests.base + "authority x \"X\" knd=commune country=FR\n", name: "a.kb")
        let d = try #require(r.diagnostics.first)
        #expect(English().text(d.problem) == "unknown attribute 'knd' for authority; did you mean 'kind'?")
        #expect(FrenchMessages().text(d.problem) == "attribut 'knd' inconnu pour authority ; vouliez-vous dire 'kind' ?")
    }

    @Test("every KBProblem and ImportProblem kind has samples of its own kind, and Problem.samples(.kb), (.importing) return them")
    func samples() {
        let kb = Problem.samples(.kb), importing = Problem.samples(.importing)
        for kind in KBProblem.Kind.allCases {
            let s = KBProblem.samples(kind)
            #expect(!s.isEmpty && s.allSatisfy { $0.kind == kind && kb.contains(.kb($0)) }, "\(kind)")
        }
        for kind in ImportProblem.Kind.allCases {
            let s = ImportProblem.samples(kind)
            #expect(!s.isEmpty && s.allSatisfy { $0.kind == kind && importing.contains(.importing($0)) }, "\(kind)")
        }
    }
}
