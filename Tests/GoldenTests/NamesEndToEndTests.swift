import Foundation
import Testing

/// Names as the binary reports them (docs/names.md): notes and hints on standard error only, the exit status
/// unchanged, `--quiet` dropping them; errors on names that name nothing, with nothing on standard output.
@Suite("Names end to end")
struct NamesEndToEndTests {
    static let fixture = Binary.root.appendingPathComponent("Tests/Fixtures/kb").path
    static let shipped = Binary.root.appendingPathComponent("kb").path

    /// (statement, its result, what standard error says): a homonym note, and the hint on an empty answer.
    @Test("a note or hint goes to standard error, not into the result; exit 0; --quiet drops it", arguments: [
        ("partners of segou | select id", "id\nbamako\ndakar\nrennes\n",
         "<execute>:1:13: note: 'segou' is the id of segou (commune, Ségou, 130,690); also called \"segou\": ML-4 (region, Mali); write one of these ids to choose another\n"),
        ("partnerships of FR-42", "a\tb\ta.country\tb.country\tsince\tstatus\tthemes\n",
         "<execute>:1:17: hint: FR-42 (Loire, departement) has no partnership of its own; the authority in it has 2: partnerships of (authorities in FR-42)\n"),
    ])
    func noteOnStandardError(_ statement: String, _ result: String, _ message: String) throws {
        let r = try Binary.run(["--kb", Self.fixture, "-e", statement])
        #expect(r.status == 0 && r.stdout == result && r.stderr == message, "\(r.stderr)")
        let q = try Binary.run(["--kb", Self.fixture, "--quiet", "-e", statement])
        #expect(q.status == 0 && q.stdout == r.stdout && q.stderr.isEmpty)
    }

    @Test("on the shipped KB, what a new user typed gets the right answer or an error, never a silent wrong answer", arguments: [
        ("partners of \"Lagos\"", "<execute>:1:13: error: \"Lagos\" is ambiguous: lagos-ng (municipality, Nigeria, 15,388,000), lagos-64 (commune, Pyrénées-Atlantiques, 462); use the id"),
        ("partners of rennes | where country = Allemange | count", "<execute>:1:38: error: no country is called Allemange; did you mean 'DE' (Allemagne, country)?"),
        ("parners of rennes", "<execute>:1:1: error: unexpected 'parners of'; did you mean 'partners of'? like: partners of rennes"),
        ("partnership of rennes", "<execute>:1:1: error: unexpected 'partnership of'; did you mean 'partnerships of'? like: partnerships of rennes"),
        ("order by name", "<execute>:1:1: error: unexpected 'order by'; a query starts with a term and 'sort by' is a stage after '|', like: authorities | sort by name"),
        ("help", "<execute>:1:1: error: 'help' is not a statement; dot-commands start with a dot: .help"),
        ("exit", "<execute>:1:1: error: 'exit' is not a statement; dot-commands start with a dot: .quit"),
        ("partners of authorities in FR-BRE", "<execute>:1:13: error: 'authorities in FR-BRE' is a term; where a name is expected, wrap it in parentheses: partners of (authorities in FR-BRE)"),
        ("members of ML", "<execute>:1:12: error: 'members of' needs a group, and 'ML' is a country; the group for Mali is gp-mali: members of gp-mali (for the authorities of the country: authorities in ML)"),
        ("partners of \"Saint-Denis (95)\"", "<execute>:1:13: error: nothing called \"Saint-Denis\" lies in 95; \"Saint-Denis\" is saint-denis-93 (commune, Seine-Saint-Denis, 113,942), saint-denis-974 (commune, La Réunion, 154,765), saint-denis-11 (commune, Aude, 498), saint-denis-30 (commune, Gard, 293); use the id"),
    ])
    func shippedErrors(_ query: String, _ message: String) throws {
        let r = try Binary.run(["--kb", Self.shipped, "-e", query])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix(message + "\n"), "\(r.stderr)")
    }

    @Test("on the shipped KB, country names in conditions give the code's answer", arguments: [
        ("partners of rennes | where country = Allemagne | count", "partners of rennes | where country = DE | count"),
        ("partnerships of FR | where b.country = \"Sénégal\" | count", "partnerships of FR | where b.country = SN | count"),
        ("partnerships of FR | where b.country in (\"Sénégal\", Mali) | count", "partnerships of FR | where b.country in (SN, ML) | count"),
        ("\"Saint-Denis (93)\" | select id", "saint-denis-93 | select id"),
        ("tombouctou | select id, name", "timbuktu | select id, name"),
    ])
    func shippedValues(_ query: String, _ same: String) throws {
        let r = try Binary.run(["--kb", Self.shipped, "-e", query, "-e", same])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let answers = r.stdout.components(separatedBy: "\n\n")
        #expect(answers.count == 2 && answers[0] + "\n" == answers[1] && answers[0] != "count\n0", "\(r.stdout)")
    }
}
