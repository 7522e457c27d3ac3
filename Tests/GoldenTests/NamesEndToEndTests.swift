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
        // Names no source gives (docs/names.md: no English names of régions), names two places share.
        ("show Brittany", "<execute>:1:6: error: nothing is called Brittany; did you mean 'bristol' (Bristol, municipality, Royaume-Uni, 479,024) or 'bretten-de' (Bretten, municipality, Allemagne, 30,274) or 'brighton' (Brighton, municipality, Royaume-Uni, 283,870)?"),
        ("show Normandy", "<execute>:1:6: error: nothing is called Normandy; did you mean 'norman' (Norman, municipality, États-Unis, 128,026) or 'FR-NOR' (Normandie, region, France) or 'DE' (Allemagne, country)?"),
        ("authorities | where region = Brittany | count", "<execute>:1:30: error: no région is called Brittany"),
        ("show Bretagne", "<execute>:1:6: error: Bretagne is ambiguous: FR-BRE (region, France), bretagne-90 (commune, Territoire de Belfort, 299), bretagne-36 (commune, Indre, 124); use the id"),
        ("show Mayotte", "<execute>:1:6: error: Mayotte is ambiguous: FR-976 (departement, Mayotte), FR-YT (region, France), YT (country, Mayotte); use the id, or a kind prefix like authority:"),
        ("show Strassburg", "<execute>:1:6: error: nothing is called Strassburg; did you mean 'strasbourg' (Strasbourg, commune, Bas-Rhin, 291,313) or 'sighisoara' (Sighișoara, municipality, Roumanie, 34,537) or 'bratislava' (Bratislava, municipality, Slovaquie, 423,737)?"),
        ("show \"Le Caire\"", "<execute>:1:6: error: \"Le Caire\" is ambiguous: cairo (municipality, Égypte, 9,606,916), le-caire (commune, Alpes-de-Haute-Provence, 74); use the id"),
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

    /// How a name is also tried in a condition (docs/names.md rule 10): as the value of a field holding ids.
    enum Condition: Sendable {
        /// `authorities | where id = NAME | select id` gives the one id.
        case authorityID
        /// `authorities | where country = NAME | count` gives the code's answer, not 0.
        case country
        /// `authorities | where region = NAME | count`.
        case region
        /// `authorities | where parent = NAME | count`.
        case parent

        func statements(_ name: String, _ id: String) -> [String] {
            switch self {
            case .authorityID: return ["authorities | where id = \(name) | select id"]
            case .country: return ["authorities | where country = \(name) | count", "authorities | where country = \(id) | count"]
            case .region: return ["authorities | where region = \(name) | count", "authorities | where region = \(id) | count"]
            case .parent: return ["authorities | where parent = \(name) | count", "authorities | where parent = \(id) | count"]
            }
        }
    }

    /// Names French staff write -- cities, countries, régions, départements; with and without accents; French,
    /// English and other exonyms -- each with the id it must find, as a REF (`show NAME`) and in a condition.
    static let staffNames: [(String, String, Condition)] = [
        ("Tombouctou", "timbuktu", .authorityID), ("tombouctou", "timbuktu", .authorityID),
        ("\"Pékin\"", "beijing", .authorityID), ("pekin", "beijing", .authorityID), ("Londres", "london", .authorityID),
        ("Moscou", "moscow", .authorityID), ("Bruxelles", "brussels", .authorityID), ("\"Québec\"", "quebec-city", .authorityID),
        ("Mayence", "mainz", .authorityID), ("Cracovie", "krakow", .authorityID), ("\"Aix-la-Chapelle\"", "aachen", .authorityID),
        ("Varsovie", "warsaw", .authorityID),
        ("Allemagne", "DE", .country), ("allemagne", "DE", .country), ("Germany", "DE", .country), ("Russie", "RU", .country),
        ("Russia", "RU", .country), ("Syrie", "SY", .country), ("Turquie", "TR", .country), ("\"Royaume-Uni\"", "GB", .country),
        ("Angleterre", "GB", .country), ("England", "GB", .country), ("\"Écosse\"", "GB", .country), ("\"États-Unis\"", "US", .country),
        ("\"etats unis\"", "US", .country), ("USA", "US", .country), ("\"Côte d'Ivoire\"", "CI", .country),
        ("\"cote d ivoire\"", "CI", .country), ("\"Viet Nam\"", "VN", .country), ("\"Viêt Nam\"", "VN", .country),
        ("Vietnam", "VN", .country), ("\"Corée du Sud\"", "KR", .country), ("\"Sénégal\"", "SN", .country), ("senegal", "SN", .country),
        ("Maroc", "MA", .country), ("Chine", "CN", .country), ("Japon", "JP", .country),
        ("\"Île-de-France\"", "FR-IDF", .region), ("\"Ile-de-France\"", "FR-IDF", .region), ("\"ile de france\"", "FR-IDF", .region),
        ("\"Provence-Alpes-Côte d'Azur\"", "FR-PAC", .region), ("Occitanie", "FR-OCC", .region), ("normandie", "FR-NOR", .region),
        ("\"Hauts-de-France\"", "FR-HDF", .region), ("\"Auvergne-Rhône-Alpes\"", "FR-ARA", .region), ("Corse", "FR-20R", .region),
        ("\"Finistère\"", "FR-29", .parent), ("finistere", "FR-29", .parent), ("\"Seine-Saint-Denis\"", "FR-93", .parent),
        ("Dunkirk", "dunkerque", .authorityID), ("Lyons", "lyon", .authorityID), ("Marseilles", "marseille", .authorityID),
        ("Rheims", "reims", .authorityID), ("\"Saint-Denis (93)\"", "saint-denis-93", .authorityID),
        ("\"Saint-Denis (974)\"", "saint-denis-974", .authorityID), ("\"Valence (Drôme)\"", "valence-26", .authorityID),
        ("\"Saint-Étienne\"", "saint-etienne", .authorityID), ("\"saint etienne\"", "saint-etienne", .authorityID),
        ("\"Nouméa\"", "noumea", .authorityID), ("\"Lagos (Nigeria)\"", "lagos-ng", .authorityID),
    ]

    @Test("about thirty names French staff write find the right id, as a REF and in a condition, on the shipped KB", arguments: staffNames)
    func staffName(_ name: String, _ id: String, _ condition: Condition) throws {
        let statements = ["show \(name)"] + condition.statements(name, id)
        let r = try Binary.run(["--kb", Self.shipped] + statements.flatMap { ["-e", $0] })
        #expect(r.status == 0 && r.stderr.isEmpty, "\(name): \(r.stderr)")
        // One answer per statement, each ending in a newline, a blank line between them.
        let answers = r.stdout.dropLast().components(separatedBy: "\n\n").map { $0 + "\n" }
        #expect(answers.count == statements.count, "\(name): \(r.stdout)")
        guard answers.count == statements.count else { return }
        #expect(answers[0].hasPrefix("field\tvalue\nelement\t") && answers[0].contains("\nid\t\(id)\n"), "show \(name): \(answers[0].prefix(120))")
        switch condition {
        case .authorityID:
            #expect(answers[1] == "id\n\(id)\n", "\(statements[1]): \(answers[1])")
        case .country, .region, .parent:
            #expect(answers[1] == answers[2] && answers[1].hasPrefix("count\n") && answers[1] != "count\n0\n",
                    "\(statements[1]): \(answers[1]) vs \(answers[2])")
        }
    }
}
