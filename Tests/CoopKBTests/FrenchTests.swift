@testable import CoopKB
import Foundation
import Testing

/// coopkb en français, in the library: every problem case has a French wording, the language is chosen as
/// docs/langage.md says, French keywords parse as their English twins and stay names where a name stands.
@Suite(.serialized) struct FrenchTests {
    @Test("every case of Problem is worded in French, on one line, unlike its English")
    func everyCaseHasFrench() {
        for kind in Problem.Kind.allCases {
            let samples = Problem.samples(kind)
            #expect(!samples.isEmpty, "no sample of \(kind)")
            for p in samples {
                let fr = FrenchMessages().text(p), en = English().text(p)
                #expect(!fr.isEmpty && !fr.contains("\n") && fr == fr.trimmingCharacters(in: .whitespaces), "\(p): \(fr.debugDescription)")
                #expect(fr != en, "\(kind) has no French wording: \(fr)")
            }
        }
    }

    @Test("the language: --lang, then COOPKB_LANG, then the first non-empty of LC_ALL, LC_MESSAGES, LANG", arguments: [
        (nil, ["LANG": "fr_FR.UTF-8"], Language.fr), (nil, [:], .en), (nil, ["LC_ALL": "C", "LANG": "fr_FR.UTF-8"], .en),
        (nil, ["LC_ALL": "", "LC_MESSAGES": "fr_CA", "LANG": "en_US"], .fr), (nil, ["COOPKB_LANG": "en", "LC_ALL": "fr_FR"], .en),
        (.en, ["COOPKB_LANG": "fr"], .en), (.fr, [:], .fr), (nil, ["LANG": "fur_IT"], .en), (nil, ["LANG": "fr@euro"], .fr),
    ] as [(Language?, [String: String], Language)])
    func choice(_ flag: Language?, _ env: [String: String], _ want: Language) {
        #expect(Language.choose(flag: flag, environment: { env[$0] }).language == want)
    }

    @Test("French grouping uses U+202F; French row counts put 0 and 1 in the singular")
    func numbers() {
        #expect(Language.fr.grouped(40958) == "40\u{202F}958")
        #expect(Language.en.grouped(40958) == "40,958")
        #expect(Language.fr.rows(0) == "0 ligne" && Language.fr.rows(1) == "1 ligne" && Language.fr.rows(3) == "3 lignes")
    }

    /// French statements and the English ones they stand for parse to the same statement.
    @Test(arguments: [
        ("partenaires de rennes | où pays = FR ou population > 10 | trier par nom décroissant | limite 3",
         "partners of rennes | where pays = FR or population > 10 | sort by nom desc | limit 3"),
        ("chemin de brest à segou via groupes", "path from brest to segou via groups"),
        ("collectivites dans FR-BRE ou non genre = commune et degre > 0", "authorities in FR-BRE where not genre = commune and degre > 0"),
        ("partenaires de trier sauf partenaires de chemin", "partners of trier except partners of chemin"),
        ("montre chemin", "show chemin"),
        ("partenariats de FR | où a dans FR-BRE et non b dans DE", "partnerships of FR | where a within FR-BRE and not b within DE"),
        ("partenaires de rennes | où dans DE ou pays dans (IT, ES)", "partners of rennes | where within DE or pays in (IT, ES)"),
        ("collectivités | où (dans gp-mali) et a dans (x)", "authorities | where (within gp-mali) and a in (x)"),
        ("soit $x = partenaires de DE inter partenaires de ET", "let $x = partners of DE intersect partners of ET"),
    ])
    func sameStatement(_ french: String, _ english: String) throws {
        func parse(_ text: String) throws -> String {
            let source = Source(name: "<execute>", text: text)
            var p = Parser(source: source, tokens: try Lexer(source: source).tokens())
            return String(describing: try p.parseStatement()).replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression)
        }
        #expect(try parse(french) == parse(english))
    }

    @Test("completion offers the French keywords and field names in French, the English ones only in English", arguments: [
        ("part", "partenaires de"), ("partenaires de rennes | ", "trier par"), ("partenaires de rennes | ", "où"),
        ("partenaires de rennes | trier par ", "nom"), ("pays | choisir ", "nom"), ("sem", "semblables à"),
        ("partenariats de FR | où ", "dans"), ("partenariats de FR | où a.pays = FR et ", "non"),
    ])
    func completion(_ prefix: String, _ french: String) {
        let c = Completer(kb: Fixture.report.kb)
        func words(_ o: Completer.Offer) -> [String] { if case .words(_, let w) = o { return w }; return [] }
        c.language = .fr
        #expect(words(c.complete(prefix)).contains(french), "\(prefix) → \(words(c.complete(prefix)))")
        c.language = .en
        #expect(!words(c.complete(prefix)).contains(french), "English: \(prefix) → \(words(c.complete(prefix)))")
    }

    @Test("every dot-command has a French help line, unlike its English one, and .help lists them all in French")
    func everyCommandInFrench() {
        let help = Help.text(topic: nil, language: .fr)
        for c in DotCommand.all {
            let line = c.frenchHelpLine
            #expect(line != nil && line != c.helpLine, ".\(c.name) has no French help line")
            if let line { #expect(help.contains(line), ".\(c.name): \(line) not in .help") }
            #expect(Help.text(topic: "." + c.name, language: .fr) != Help.text(topic: "." + c.name), ".help .\(c.name) in French")
        }
    }
}
