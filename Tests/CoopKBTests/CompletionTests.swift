import CoopKB
import Testing

@Suite("Completion")
struct CompletionTests {
    static let completer: Completer = {
        let c = Completer(kb: Fixture.report.kb)
        c.variables = ["bzh": .authority, "pairs": .partnership]
        return c
    }()

    func offer(_ prefix: String) -> (Int, [String]) {
        if case .words(let start, let candidates) = CompletionTests.completer.complete(prefix) { return (start, candidates) }
        return (-1, ["<files>"])
    }

    @Test("what Tab offers depends on where the cursor is: exactly these candidates, in this order", arguments: [
        ("part", 0, ["partnerships", "partners of"]),
        ("countries | wh", 12, ["where"]),
        ("countries | where zo", 18, ["zone"]),
        ("partnerships | sort by a.coun", 23, ["a.country"]),
        ("partnerships of FR | where a.kind = commune and b.coun", 48, ["b.country"]),
        ("authorities in FR | select id, na", 31, ["name"]),
        ("authorities | where kind in (commune, dep", 38, ["departement"]),
        ("authorities | where kind = comm", 27, ["commune"]),
        ("partnerships | where status = act", 30, ["active"]),
        ("countries | count by zone | where ", 34, ["zone", "count", "not", "within"]),
        ("$pairs | where si", 15, ["since"]),
        ("$b", 0, ["$bzh"]),
        ("ML | select zo", 12, ["zone"]),
        ("(countries) | select zo", 21, ["zone"]),
        ("partnerships between (authorities in FR-BRE) and se", 49, ["Ségou", "segou", "Seine-Saint-Denis", "Sendai", "Senegal", "Sénégal"]),
        ("path from brest to segou vi", 25, ["via"]),
        ("path from brest to segou via gr", 29, ["groups"]),
        (".mo", 0, [".mode"]),
        (".mode j", 6, ["json", "jsonl"]),
        (".help mo", 6, ["mode"]),
        ("show country:Ma", 5, ["country:MA", "country:Mali", "country:Maroc"]),
        ("partners of \"sai", 12, ["\"Saint-Denis\"", "\"saint-denis-93\"", "\"saint-denis-974\"", "\"Saint-Denis de La Réunion\"", "\"Saint-Étienne\"", "\"Saint-Louis\""]),
        ("partners of saint e", 12, ["Saint-Étienne"]),
        ("partners of cote d", 12, ["\"Côte d'Ivoire\""]),
        ("countries; partners of sai", 23, ["Saint-Denis", "saint-denis-93", "saint-denis-974", "\"Saint-Denis de La Réunion\"", "Saint-Étienne", "Saint-Louis"]),
        ("show Kyo", 5, ["kyoto", "\"Kyoto City\"", "Kyōto-fu", "\"Kyoto Prefecture\""]),
        ("let $x = countries | where zo", 27, ["zone"]),
        // Read by the query lexer in its tolerant mode: a name typed with its apostrophe, a comment, a statement
        // continued on a second line.
        ("partners of cote d'iv", 12, ["\"Côte d'Ivoire\""]),
        ("countries # where zo", 20, []),
        ("countries\n  | where zo", 20, ["zone"]),
    ])
    func offers(_ prefix: String, _ start: Int, _ expected: [String]) {
        let (s, candidates) = offer(prefix)
        #expect(s == start, "\(prefix): start \(s)")
        #expect(candidates == expected, "\(prefix.debugDescription) offers \(candidates)")
    }

    @Test("fields are those of the kind being queried", arguments: [
        ("countries | where ", "zone", "population"),
        ("authorities | where ", "population", "zone"),
        ("partnerships | select ", "a.name", "population"),
        ("groups | sort by ", "members", "since"),
    ])
    func fieldsOfKind(_ prefix: String, _ present: String, _ absent: String) {
        let (_, candidates) = offer(prefix)
        #expect(candidates.contains(present), "\(prefix): \(present) missing")
        #expect(!candidates.contains(absent), "\(prefix): \(absent) offered")
    }

    @Test("names match ignoring case, accents, blanks, hyphens and apostrophes")
    func folding() {
        let c = CompletionTests.completer
        #expect(c.refs("segou").contains("Ségou"))
        #expect(c.refs("SAINT E").contains("Saint-Étienne"))
        #expect(c.refs("cote d").contains("\"Côte d'Ivoire\""))
        #expect(c.refs("saint-").allSatisfy { $0.lowercased().contains("saint") })
        // An id that folds like its element's own name is not offered twice; homonyms keep their ids.
        #expect(!c.refs("saint-etienne").contains("saint-etienne"))
        #expect(c.refs("saint-denis").contains("saint-denis-93"))
    }

    @Test("file names are left to the line editor after .read, .load, .output")
    func files() {
        #expect(CompletionTests.completer.complete(".read qu") == .files)
        #expect(CompletionTests.completer.complete(".output ") == .files)
        #expect(CompletionTests.completer.complete(".load kb ot") == .files)
        #expect(CompletionTests.completer.complete(".read \"my fi") == .files)
    }
}
