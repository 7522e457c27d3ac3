/// What a spreadsheet column holds, for `.import`.
enum ImportField: String, CaseIterable {
    /// The (usually French) authority: side 1.
    case authority
    /// The country of side 1, when the sheet names one (`country1`): it says which side is French.
    case authorityCountry = "authority.country"
    /// A hint that narrows the French authority: département code or name, INSEE code, postcode, région.
    case hint
    /// The partner: side 2.
    case partner
    /// The partner's country.
    case country
    /// The kind of a partner that has to be created (default municipality).
    case partnerKind = "partner.kind"
    case since, until, kind, themes, status, note
    /// A column `--map` says to leave out.
    case ignore

    /// The header words (folded: letters and digits only, lower case, no accents) each field is recognized by.
    static let headers: [ImportField: [String]] = [
        .authority: ["collectivite", "collectivitefrancaise", "collectiviteterritoriale", "commune", "communefrancaise", "ville",
                     "villefrancaise", "city", "city1", "town", "town1", "authority", "authority1", "frenchauthority", "frenchcity",
                     "frenchtown", "localauthority", "collectivite1", "ville1", "commune1", "municipality", "municipality1",
                     "nomcollectivite", "nomdelacollectivite", "nomcommune", "nomdelacommune", "origincity", "origincitylabel",
                     "collectivitefr", "villefr", "cityfr", "place1", "name1", "nom1", "side1", "a"],
        .authorityCountry: ["pays1", "country1", "paysdelacollectivite", "origincountry", "authoritycountry", "countrya"],
        .hint: ["departement", "dept", "dep", "codedepartement", "numerodepartement", "department", "codeinsee", "insee",
                "codecommune", "codecommuneinsee", "cog", "codepostal", "cp", "postcode", "postalcode", "zipcode", "zip",
                "region", "hint", "indice"],
        .partner: ["partenaire", "collectivitepartenaire", "villepartenaire", "communepartenaire", "partner", "partnercity",
                   "partnertown", "partnerauthority", "partnermunicipality", "city2", "town2", "ville2", "commune2",
                   "collectivite2", "municipality2", "authority2", "sistercity", "sistercitylabel", "twincity", "twintown",
                   "villejumelle", "villejumelee", "jumelleavec", "jumeleeavec", "jumelageavec", "destination",
                   "destinationcity", "place2", "name2", "nom2", "side2", "b", "nompartenaire", "nomdupartenaire"],
        .country: ["pays", "country", "pays2", "country2", "payspartenaire", "paysdupartenaire", "partnercountry",
                   "destinationcountry", "destinationcountrylabel", "countryb", "nation", "etat"],
        .partnerKind: ["typepartenaire", "typedepartenaire", "typecollectivitepartenaire", "typedecollectivitepartenaire",
                       "partnerkind", "partnertype", "naturepartenaire", "naturedupartenaire"],
        .since: ["annee", "an", "depuis", "datedesignature", "datesignature", "signature", "date", "since", "start", "year",
                 "from", "debut", "datedebut", "datededebut", "anneedesignature", "anneesignature", "signed", "startyear",
                 "anneedebut", "annee1"],
        .until: ["fin", "jusqua", "jusque", "until", "end", "to", "anneedefin", "anneefin", "datedefin", "datefin",
                 "endyear", "ended"],
        .kind: ["type", "nature", "kind", "typedepartenariat", "typepartenariat", "typedecooperation", "typedelien",
                "typederelation", "naturedupartenariat", "relationship", "relation", "lien"],
        .themes: ["themes", "theme", "thematiques", "thematique", "domaines", "domaine", "secteurs", "secteur", "sectors",
                  "sector", "topics", "themesdecooperation", "domainesdecooperation"],
        .status: ["statut", "status", "etat", "state", "situation"],
        .note: ["note", "notes", "remarque", "remarques", "commentaire", "commentaires", "comment", "comments",
                "observations", "observation", "description"],
    ]

    /// Header key → field, built once.
    static let byHeader: [String: ImportField] = {
        var out: [String: ImportField] = [:]
        // `etat` names a status more often than a country in French sheets.
        for f in ImportField.allCases { for h in headers[f] ?? [] where out[h] == nil || f == .status { out[h] = f } }
        return out
    }()

    /// The key a header is compared by: folded, letters and digits only ("Collectivité partenaire" → collectivitepartenaire).
    static func key(_ header: String) -> String {
        String(Folding.fold(header).unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// The field a `--map` value names: a field name or any header word the table knows.
    static func named(_ text: String) -> ImportField? {
        let t = text.lowercased()
        if let f = ImportField(rawValue: t) { return f }
        if ["-", "none", "skip", "ignored", "ignorer"].contains(t) { return .ignore }
        return byHeader[key(text)]
    }
}

/// Which column holds which field: guessed from the headers, overridden by `--map`.
struct ColumnMap {
    /// Field → 0-based column.
    var columns: [ImportField: Int] = [:]
    /// Headers no field claimed, with their column, listed once and ignored.
    var unknown: [(Int, String)] = []

    /// Maps the header row; `overrides` are `--map COLUMN=FIELD` pairs (COLUMN a header or a 1-based number).
    static func make(header: [String], overrides: [(String, ImportField)]) throws -> ColumnMap {
        var map = ColumnMap()
        var claimed = Set<Int>()
        for (column, field) in overrides {
            let index: Int
            if let n = Int(column), n >= 1, n <= header.count {
                index = n - 1
            } else if let i = header.firstIndex(where: { $0 == column }) ?? header.firstIndex(where: { ImportField.key($0) == ImportField.key(column) }) {
                index = i
            } else {
                throw ImportFailure.usage(.mapNoColumn(column, header: header))
            }
            claimed.insert(index)
            if field != .ignore { map.columns[field] = index }
        }
        for (i, h) in header.enumerated() where !claimed.contains(i) {
            let k = ImportField.key(h)
            if k.isEmpty { continue }
            if let f = ImportField.byHeader[k], map.columns[f] == nil {
                map.columns[f] = i
            } else {
                map.unknown.append((i, h))
            }
        }
        return map
    }

    func cell(_ field: ImportField, _ row: SheetRow) -> String? {
        guard let i = columns[field], i < row.cells.count else { return nil }
        let raw = row.cells[i]
        guard let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last else { return nil }
        // Most cells have no blank at either end: no need to trim them.
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return raw }
        let v = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty ? nil : v
    }
}
