import CoopKB
import Testing

@Suite("Completion")
struct CompletionTests {
    static let completer = Completer(kb: Fixture.report.kb)

    func offer(_ prefix: String) -> (Int, [String]) {
        if case .words(let start, let candidates) = CompletionTests.completer.complete(prefix) { return (start, candidates) }
        return (-1, ["<files>"])
    }

    @Test("what Tab offers depends on where the cursor is", arguments: [
        ("part", 0, ["partnerships", "partners of"]),
        ("countries | wh", 12, ["where"]),
        ("countries | where zo", 18, ["zone"]),
        ("partnerships | sort by a.coun", 23, ["a.country"]),
        (".mo", 0, [".mode"]),
        (".mode j", 6, ["json"]),
        ("partners of \"sai", 12, ["\"Saint-Denis\"", "\"saint-denis-93\"", "\"saint-denis-974\"", "\"Saint-Étienne\"", "\"saint-etienne\"", "\"Saint-Louis\"", "\"saint-louis\""]),
        ("show Kyo", 5, ["kyoto"]),
    ])
    func offers(_ prefix: String, _ start: Int, _ expected: [String]) {
        let (s, candidates) = offer(prefix)
        #expect(s == start, "\(prefix): start \(s)")
        for e in expected { #expect(candidates.contains(e), "\(prefix): \(e) not in \(candidates.prefix(20))") }
    }

    @Test("names match ignoring case, accents, blanks, hyphens and apostrophes")
    func folding() {
        let c = CompletionTests.completer
        #expect(c.refs("segou").contains("Ségou"))
        #expect(c.refs("SAINT E").contains("Saint-Étienne"))
        #expect(c.refs("cote d").contains("\"Côte d'Ivoire\""))
    }

    @Test("file names are left to the line editor after .read, .load, .output")
    func files() {
        #expect(CompletionTests.completer.complete(".read qu") == .files)
        #expect(CompletionTests.completer.complete(".output ") == .files)
    }
}
