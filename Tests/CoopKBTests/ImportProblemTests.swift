import CoopKB
import Foundation
import Testing

/// `.import` problems are values: each bad row, file or argument gives its `ImportProblem` case, with its data, at
/// its row and cell (standard output holds only the summary table), in English and in French from the same value.
@Suite(.serialized) struct ImportProblemTests {
    /// A spreadsheet in a fresh folder; the statements run there on the fixture KB.
    static func importing(_ csv: String, out name: String = "out.kb", arguments: String = "--dry-run") -> (output: String, errors: [Diagnostic], file: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coopkb-import-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("liste.csv").path
        FileManager.default.createFile(atPath: file, contents: Data(csv.utf8))
        let out = dir.appendingPathComponent(name).path
        let (output, errors) = Fixture.run(".import \(file) \(out) \(arguments)\n")
        return (output, errors, file)
    }

    /// Each row after the header, the problem it gives, and its line and column (the cell's).
    static let rows: [(String, ImportProblem, Severity, Int, Int)] = [
        ("Rennes,Bamako,Mali,19x8,,", .notAYear("19x8", until: false), .error, 2, 20),
        ("Rennes,Bamako,Mali,2000,1990,", .endsBeforeStart(until: 1990, since: 2000), .error, 2, 25),
        ("Rennes,Bamako,Mali,,,over", .notAStatus("over"), .error, 2, 22),
        ("Rennes,Dakar,Atlantide,,,", .unknownCountry("Atlantide", candidates: []), .error, 2, 14),
        ("Renness,Dakar,Sénégal,,,", .noFrenchAuthority("Renness", candidates: [
            ImportProblem.Candidate(id: "rennes", name: "Rennes", kind: "commune", parent: "Rennes Métropole", insee: "35238", population: 227_830)]), .error, 2, 1),
        (",Dakar,Sénégal,,,", .noAuthority(column: false), .error, 2, 1),
        ("Rennes,,,,,", .noPartner, .error, 2, 8),
        ("Rennes,Rennes,France,,,", .bothSidesSame(
            ImportProblem.Candidate(id: "rennes", name: "Rennes", kind: "commune", parent: "Rennes Métropole", insee: "35238", population: 227_830)), .error, 2, 8),
        ("Rennes,Ségou,Mali,,,\nRennes,Bamako,Mali,,,\nRennes,Bamako,Mali,,,", .duplicatePair(a: "rennes", b: "bamako", line: 3), .warning, 4, 8),
        ("Rennes,Ségou,Mali,1990,,", .alreadyInKB(a: "rennes", b: "segou", adds: [], added: true, kept: [ImportProblem.Kept(key: "since", kb: "1988", row: "1990")]),
         .warning, 2, 8),
    ]

    @Test("a bad row gives its problem case, with its data, at its line and cell", arguments: rows.indices)
    func badRow(_ i: Int) throws {
        let (row, problem, severity, line, column) = ImportProblemTests.rows[i]
        let (_, errors, file) = ImportProblemTests.importing("ville,partenaire,pays,depuis,fin,statut\n" + row + "\n")
        let d = try #require(errors.first { $0.problem == .importing(problem) }, "\(row): \(errors.map(\.headline))")
        #expect(d.source.name == file && d.line == line && d.column == column && d.severity == severity, "\(d.headline)")
    }

    @Test("a name several authorities have: the candidates, French, with the advice for French names")
    func ambiguous() throws {
        let (_, errors, _) = ImportProblemTests.importing("ville,partenaire,pays\nSaint-Denis,Dakar,Sénégal\n")
        let d = try #require(errors.first)
        guard case .importing(.ambiguous("Saint-Denis", let candidates, 2, true)) = d.problem else { Issue.record("\(d.problem)"); return }
        #expect(candidates.map(\.id) == ["saint-denis-93", "saint-denis-974"] && d.line == 2 && d.column == 1)
        #expect(d.message.hasPrefix("'Saint-Denis' is ambiguous: saint-denis-93 (Saint-Denis, commune, Seine-Saint-Denis, INSEE 93066, pop. 113,942), "))
    }

    @Test("the file and the arguments: each problem is its case at the .import line", arguments: [
        ("ville,partenaire\n", "out.txt", ImportProblem.outNotKB("OUT")),
        ("ville;partenaire\n", "--zz", .unknownOption("--zz", suggestion: nil)),
        ("ville,partenaire\n", "--dry-rn", .unknownOption("--dry-rn", suggestion: "--dry-run")),
        ("ville,partenaire\n", "--encoding klingon", .unknownEncoding("klingon", known: ["utf-8", "windows-1252", "iso-8859-1", "iso-8859-15", "utf-16"])),
        ("ville,partenaire\n", "--map Ville", .mapPairMalformed("Ville")),
        ("ville,partenaire\n", "--map Ville=zzz", .mapUnknownField("zzz", fields: [])),
        ("ville,partenaire\n", "--map Town=authority", .mapNoColumn("Town", header: ["ville", "partenaire"])),
        ("ville,partenaire\n", "--sheet Feuil1", .sheetOnCSV("FILE")),
        ("ville,pays\nRennes,Mali\n", "", .noColumn(partner: true, header: ["ville", "pays"])),
        ("", "", .noRows("FILE")),
    ] as [(String, String, ImportProblem)])
    func fileOrArguments(_ csv: String, _ arguments: String, _ expected: ImportProblem) throws {
        let txt = arguments == "out.txt"
        let (output, errors, file) = ImportProblemTests.importing(csv, out: txt ? "out.txt" : "out.kb", arguments: txt ? "--dry-run" : "--dry-run " + arguments)
        let d = try #require(errors.first, "no problem for \(arguments)")
        #expect(output.isEmpty, "\(output)")
        switch (d.problem, expected) {
        case (.importing(.outNotKB), .outNotKB), (.importing(.mapUnknownField("zzz", _)), .mapUnknownField): break
        case (.importing(.sheetOnCSV(let path)), .sheetOnCSV), (.importing(.noRows(let path)), .noRows): #expect(path == file)
        default: #expect(d.problem == .importing(expected), "\(d.headline)")
        }
    }

    @Test("one value, two languages: the same row problem in English and in French")
    func bothLanguages() throws {
        let (_, errors, _) = ImportProblemTests.importing("ville,partenaire,pays,depuis\nRennes,Bamako,Mali,19x8\n")
        let d = try #require(errors.first)
        #expect(English().text(d.problem) == "'19x8' is not a year; write the year of signature (1988) or a date (12/05/1988)")
        #expect(FrenchMessages().text(d.problem) == "'19x8' n'est pas une année ; écrivez l'année de signature (1988) ou une date (12/05/1988)")
    }
}
