@testable import CoopKB
import Foundation
import Testing

/// The orders made while loading agree with the plain definitions they replace (Folding.fold, then a sort by
/// TextOrder), and the coded fast paths of `count by` and `where` give the answers of the plain ones.
@Suite struct OrderTests {
    static let tricky = [
        "Saint-Étienne", "Côte d'Ivoire", "  Ségou ", "ÉÈÊË", "Œuvre", "Straße", "Łódź", "İstanbul", "ǅemal",
        "e\u{301}cole", "É\u{301}", "a\u{20D0}b", "Ærø", "Ñandú", "Ça_va.bien", "x’y", "Ǆ", "ŉ", "ſ", "ĳssel",
        "Ærøskøbing", "日本", "Ελλάδα", "Россия", "", "-", "a--b", "\u{A0}a\u{A0}", "ÿ", "Ÿ", "ɐ", "ȿ", "Ⱥ",
    ]

    @Test func packedFoldingIsFolding() {
        // Every scalar of the Latin table, alone and between letters, and the fixture KB's names: the byte-wise
        // folding (PackedTexts, and Folding.fold's Latin path) gives what the SPEC's rule (foldUnicode) gives.
        var names = Self.tricky
        for v in 0x80..<0x250 { if let s = Unicode.Scalar(v) { names.append(String(s)); names.append("a\(s)B \(s)c") } }
        names += Fixture.report.kb.authorities.map(\.name)
        let packed = PackedTexts.folded(names)
        for (i, n) in names.enumerated() {
            let got = String(decoding: packed.bytes[packed.offsets[i]..<packed.offsets[i + 1]], as: UTF8.self)
            let rule = Folding.foldUnicode(n)
            #expect(got == rule, "\(n.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Folding.fold(n) == rule, "\(n.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func shippedNamesFoldByTheRule() {
        // Every name, English name, aka and match-only name of the shipped KB (the texts the name index and the
        // name order fold while loading): Folding.fold's byte-wise Latin path agrees with the SPEC's rule.
        let kb = ShippedKB.report.kb
        var names = kb.countries.flatMap { [$0.name] + ($0.en.map { [$0] } ?? []) + $0.aka + $0.match }
        for a in kb.authorities { names.append(a.name); names += a.aka; names += a.match }
        names += kb.groups.map(\.name)
        #expect(names.count > 40_000)
        for n in names where Folding.fold(n) != Folding.foldUnicode(n) {
            Issue.record("\(n): \(Folding.fold(n)) != \(Folding.foldUnicode(n))")
        }
    }

    @Test("the symbol table finds an id whatever its case, at every length, and tells apart ids differing in any byte")
    func symbolTableKeys() {
        // A small table, so that it grows several times; keys of 1 to 40 bytes cross the 8- and 15-byte words.
        var table = SymbolTable(capacity: 16)
        var seen: [String: Int32] = [:]
        for n in 1...40 {
            let id = String((0..<n).map { i in Character(Unicode.Scalar(UInt8(0x61 + (i * 7 + n) % 26))) })
            let sym = table.intern(id)
            #expect(table.intern(id.uppercased()) == sym, "\(id)")
            #expect(table.lookup(String(id.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })) == sym)
            seen[id] = sym
            for k in 0..<n {
                var bytes = Array(id.utf8)
                bytes[k] = 0x30 + UInt8(k % 10)
                let other = String(decoding: bytes, as: UTF8.self)
                let o = table.intern(other)
                #expect(o != sym, "\(other) vs \(id)")
                if let before = seen[other] { #expect(before == o) } else { seen[other] = o }
            }
        }
        for (id, sym) in seen { #expect(table.lookup(id.uppercased()) == sym, "\(id)"); #expect(String(decoding: table.key(of: sym), as: UTF8.self) == id) }
        #expect(table.count == seen.count)
    }

    @Test("a word of a KB line ends at a blank, '\"', '=', ',', '#' or NUL, and at no other byte")
    func wordStops() {
        for b in 0..<256 {
            let stop = KBBuilder.isBlank(UInt8(b)) || [0x00, 0x22, 0x3D, 0x2C, 0x23].contains(b)
            #expect((b < 0x40 && (KBBuilder.wordStops >> UInt64(b)) & 1 == 1) == stop, "byte \(b)")
        }
    }

    @Test(arguments: [0, 1, 2, 7, 1000, 20_000])
    func radixOrderIsSortOrder(_ n: Int) {
        var rng = SystemRandomNumberGenerator()
        let syllables = ["ba", "ko", "é", "Ri", "sa-", "mon", "ville", "ter", "x", "", "Ö", "de la "]
        let names = (0..<n).map { _ in (0..<Int.random(in: 0...5, using: &rng)).map { _ in syllables.randomElement(using: &rng)! }.joined() }
        let ids = (0..<n).map { "id\($0 * 7919 % max(n, 1))" }
        let packed = PackedTexts.folded(names)
        let order = packed.order { x, y in TextOrder.bytesLess(ids[Int(x)], ids[Int(y)]) }
        let expected = (0..<Int32(n)).sorted { x, y in
            let a = Folding.fold(names[Int(x)]), b = Folding.fold(names[Int(y)])
            return a != b ? TextOrder.bytesLess(a, b) : TextOrder.bytesLess(ids[Int(x)], ids[Int(y)])
        }
        #expect(order == expected)
    }

    @Test func ordersOfTheFixtureKB() {
        let kb = Fixture.report.kb
        let byName = (0..<Int32(kb.authorities.count)).sorted { x, y in
            let a = kb.authorities[Int(x)], b = kb.authorities[Int(y)]
            let fa = Folding.fold(a.name), fb = Folding.fold(b.name)
            return fa != fb ? TextOrder.less(fa, fb) : TextOrder.bytesLess(a.id, b.id)
        }
        #expect(kb.orders.byName == byName)
        let byId = (0..<Int32(kb.authorities.count)).sorted { TextOrder.bytesLess(kb.authorities[Int($0)].id, kb.authorities[Int($1)].id) }
        #expect(byId.map { kb.idRank[Int($0)] } == Array(0..<Int32(byId.count)))
        // Finding by folded name: every authority is found under its own folded name.
        for (i, a) in kb.authorities.enumerated() {
            #expect(kb.elements(foldedName: Folding.fold(a.name)).contains(ElementRef(.authority, Int32(i))), "\(a.name)")
        }
        #expect(kb.elements(foldedName: "no such name at all").isEmpty)
    }

    /// `count by` and `where` on coded fields against the same questions answered through a `select` first
    /// (which leaves the coded path: a table's columns are not coded).
    @Test(arguments: [
        ("partnerships | count by a.country", "partnerships | select a.country | count by a.country"),
        ("partnerships | count by b.kind", "partnerships | select b.kind | count by b.kind"),
        ("partnerships | count by status", "partnerships | select status | count by status"),
        ("partnerships | count by since", "partnerships | select since | count by since"),
        ("partnerships | count by kind", "partnerships | select kind | count by kind"),
        ("partnerships of FR | count by b.country", "partnerships of FR | select b.country | count by b.country"),
        ("authorities | count by parent", "authorities | select parent | count by parent"),
        ("authorities | count by region", "authorities | select region | count by region"),
        ("authorities | count by member", "authorities | select member | count by member"),
        ("neighbours of rennes depth 3 | count by country", "neighbours of rennes depth 3 | select country | count by country"),
    ])
    func codedCountIsPlainCount(_ coded: String, _ plain: String) {
        let (a, ea) = Fixture.run(coded)
        let (b, eb) = Fixture.run(plain)
        #expect(ea.isEmpty && eb.isEmpty)
        #expect(a == b)
        #expect(a.split(separator: "\n").count > 1)
    }

    /// The remembered answer of each code against the plain test of each row.
    @Test(arguments: [
        ("authorities", "country", Comparison.eq, "fr"), ("authorities", "country", .ne, "FR"),
        ("authorities", "country", .lt, "ML"), ("authorities", "kind", .eq, "commune"), ("authorities", "kind", .contains, "mun"),
        ("authorities", "member", .eq, "yes"), ("authorities", "region", .eq, "FR-BRE"), ("authorities", "parent", .ge, "FR-35"),
        ("partnerships", "b.country", .eq, "SN"), ("partnerships", "a.kind", .ne, "commune"), ("partnerships", "status", .eq, "active"),
        ("partnerships", "since", .ge, "1990"), ("partnerships", "kind", .contains, "win"), ("partnerships", "until", .lt, "2010"),
        ("neighbours of rennes depth 4", "country", .eq, "ML"),
    ])
    func rememberedWhereIsPlainWhere(_ term: String, _ field: String, _ op: Comparison, _ literal: String) throws {
        let kb = Fixture.report.kb
        let source = Source(name: "<test>", text: term)
        var parser = Parser(source: source, tokens: try Lexer(source: source).tokens())
        let query = try parser.parseQuery()
        let evaluator = Evaluator(kb: kb, source: source, variables: [:])
        let rows = try evaluator.evaluate(query)
        let f = FieldName(name: field, offset: 0)
        let (field, get) = try evaluator.accessor(f, rows)
        let test = try evaluator.comparison(f, field.type, op, Literal(text: literal, quoted: false, offset: 0))
        let remembered = try #require(evaluator.remembered(f, rows) { test(get($0)) })
        var kept = 0
        for row in rows.rows {
            let plain = test(get(row))
            #expect(try remembered(row) == plain)
            if plain { kept += 1 }
        }
        #expect(rows.rows.count > 0)
        _ = kept
    }
}
