/// Problems of `.import` as values: its arguments, the spreadsheet file, and each row (Import/), with their data
/// (paths, cells, ids, candidates) and no text. English+Import.swift and French+Import.swift word them;
/// `Problem.importing` carries them. The report file `--report` writes keeps its columns; its message column
/// holds the problem in the session's language.
public enum ImportProblem: Sendable, Equatable {
    // MARK: The arguments
    /// An option given without its value.
    case optionNeedsValue(String)
    /// `--encoding` with a name it does not know: the name and the encodings.
    case unknownEncoding(String, known: [String])
    /// A `--map` pair that is not COLUMN=FIELD.
    case mapPairMalformed(String)
    /// A `--map` field that is no import field: the name and the fields.
    case mapUnknownField(String, fields: [String])
    /// A `--map` column the header does not have: the column and the header's cells.
    case mapNoColumn(String, header: [String])
    /// An option `.import` does not take, and the closest one (nil: none is close).
    case unknownOption(String, suggestion: String?)
    /// Not one spreadsheet and one OUT.kb: how many files were given.
    case fileCount(Int)
    /// OUT that is not a `.kb` file.
    case outNotKB(String)
    /// OUT that exists (`report`: the `--report` file).
    case fileExists(String, report: Bool)
    /// `--report` and OUT are one file.
    case reportIsOut

    // MARK: The spreadsheet file
    /// The spreadsheet cannot be read.
    case cannotRead(String, Unreadable)
    /// `--encoding` given for an .xlsx workbook.
    case encodingOnWorkbook(String)
    /// An old Excel .xls workbook.
    case oldExcel(String)
    /// `--sheet` given for a CSV file.
    case sheetOnCSV(String)
    /// A byte the file's encoding cannot decode: the byte, and what was tried.
    case undecodable(byte: UInt8, Undecodable)
    /// A file read as UTF-16 that is not.
    case notUTF16(String)
    /// A quote inside an unquoted cell, or text after a closing quote.
    case malformedQuotes
    /// A file with no row at all.
    case noRows(String)
    /// A file that starts like a ZIP file but does not open as one: the path and the archive library's error.
    case notZip(String, error: String)
    /// A part of the workbook that cannot be extracted: the path, the part, the error.
    case damagedPart(String, part: String, error: String)
    /// A ZIP file with no xl/workbook.xml.
    case notWorkbook(String)
    /// A workbook with no sheet.
    case noSheets(String)
    /// `--sheet NAME` that the workbook does not have: the path, the name, the workbook's sheets.
    case noSheetNamed(String, sheet: String, sheets: [String])
    /// A sheet the workbook names without its part: the path, the sheet, the part.
    case missingSheetPart(String, sheet: String, part: String)
    /// An empty sheet.
    case emptySheet(String, sheet: String)
    /// No column for the French authority (`partner` false) or for the partner, in the header: its cells.
    case noColumn(partner: Bool, header: [String])

    // MARK: The rows
    /// A row with no French authority (`column`: the sheet has no such column at all).
    case noAuthority(column: Bool)
    /// A row with no partner.
    case noPartner
    /// Neither side's country is France: the two countries' names (nil: not given).
    case neitherInFrance(String, String?)
    /// A partner kind that is not one word.
    case notAnAuthorityKind(String)
    /// A partner abroad that is not in the KB, with no country to create it in: its name and the close ones.
    case noAuthorityAbroad(String, candidates: [Candidate])
    /// A French authority that is not in the KB (none is ever created): its name and the close ones.
    case noFrenchAuthority(String, candidates: [Candidate])
    /// Both cells name one authority.
    case bothSidesSame(Candidate)
    /// A cell that is not a year (`until`: the end year; otherwise the year of signature).
    case notAYear(String, until: Bool)
    /// An end year before the start year.
    case endsBeforeStart(until: Int, since: Int)
    /// A status cell that is no status.
    case notAStatus(String)
    /// A kind cell that is no kind of partnership.
    case notAPartnershipKind(String)
    /// A country cell that names no country: the cell and the close countries.
    case unknownCountry(String, candidates: [CountryCandidate])
    /// A name several authorities have: the name, the first 8, how many in all, whether they are French.
    case ambiguous(String, candidates: [Candidate], count: Int, french: Bool)
    /// A name whose hint (département, INSEE code, postcode, région) fits none of its authorities: the name, the
    /// hint, the first 8 of them, how many in all.
    case hintFitsNone(String, hint: String, candidates: [Candidate], count: Int)
    /// A warning: the same pair as an earlier row (its line).
    case duplicatePair(a: String, b: String, line: Int)
    /// A warning: the partnership is in the KB; the fields the row adds (`key=value`; `added`: whether they are
    /// written as an amendment) and those it keeps (the KB's value and the row's).
    case alreadyInKB(a: String, b: String, adds: [String], added: Bool, kept: [Kept])

    // MARK: Notes (standard error; --quiet drops them)
    /// Header cells that name no import field: the file and the cells.
    case columnsIgnored(String, columns: [String])
    /// The import's outcome: the file, what it was read as, its rows, the time, and what was (or, on a dry run,
    /// would be) added: partnerships, authorities created, partnerships given fields; `out`: nil on a dry run.
    case imported(String, format: SheetFormat, rows: Int, milliseconds: Double, partnerships: Int, authorities: Int, amended: Int, out: String?)

    /// What a spreadsheet was read as.
    public enum SheetFormat: Sendable, Equatable {
        /// A CSV file: its delimiter, the encoding's label, whether it starts with a byte order mark.
        case csv(delimiter: Character, encoding: String, bom: Bool)
        /// An .xlsx workbook: the sheet read.
        case xlsx(sheet: String)
    }

    /// Why a file cannot be read.
    public enum Unreadable: Sendable, Equatable { case missing, directory, permission }

    /// What a CSV file was decoded as when a byte did not fit.
    public enum Undecodable: Sendable, Equatable {
        /// Neither UTF-8 nor Windows-1252 (nothing forced).
        case guessed
        /// `--encoding utf-8`.
        case utf8
        /// A single-byte encoding given with `--encoding`: its label.
        case singleByte(String)
    }

    /// An authority as a candidate: what tells homonyms apart.
    public struct Candidate: Sendable, Equatable {
        public var id: String, name: String, kind: String
        /// Its parent's name, its country's id when not French, its INSEE code when French, its population.
        public var parent: String?, country: String?, insee: String?, population: Int?
        public init(id: String, name: String, kind: String, parent: String? = nil, country: String? = nil, insee: String? = nil, population: Int? = nil) {
            self.id = id; self.name = name; self.kind = kind; self.parent = parent; self.country = country; self.insee = insee; self.population = population
        }
    }

    /// A country as a candidate: its id and name.
    public struct CountryCandidate: Sendable, Equatable {
        public var id: String, name: String
        public init(id: String, name: String) { self.id = id; self.name = name }
    }

    /// A field the KB has with another value than the row: the key, the KB's value, the row's.
    public struct Kept: Sendable, Equatable {
        public var key: String, kb: String, row: String
        public init(key: String, kb: String, row: String) { self.key = key; self.kb = kb; self.row = row }
    }
}

extension ImportProblem {
    /// The name of each case, so that a test can walk them all (`samples(_:)` gives values of each).
    public enum Kind: String, CaseIterable, Sendable {
        case optionNeedsValue, unknownEncoding, mapPairMalformed, mapUnknownField, mapNoColumn, unknownOption, fileCount
        case outNotKB, fileExists, reportIsOut, cannotRead, encodingOnWorkbook, oldExcel, sheetOnCSV, undecodable, notUTF16
        case malformedQuotes, noRows, notZip, damagedPart, notWorkbook, noSheets, noSheetNamed, missingSheetPart, emptySheet
        case noColumn, noAuthority, noPartner, neitherInFrance, notAnAuthorityKind, noAuthorityAbroad, noFrenchAuthority
        case bothSidesSame, notAYear, endsBeforeStart, notAStatus, notAPartnershipKind, unknownCountry, ambiguous, hintFitsNone
        case duplicatePair, alreadyInKB, columnsIgnored, imported
    }

    /// The case's name.
    public var kind: Kind {
        switch self {
        case .optionNeedsValue: return .optionNeedsValue
        case .unknownEncoding: return .unknownEncoding
        case .mapPairMalformed: return .mapPairMalformed
        case .mapUnknownField: return .mapUnknownField
        case .mapNoColumn: return .mapNoColumn
        case .unknownOption: return .unknownOption
        case .fileCount: return .fileCount
        case .outNotKB: return .outNotKB
        case .fileExists: return .fileExists
        case .reportIsOut: return .reportIsOut
        case .cannotRead: return .cannotRead
        case .encodingOnWorkbook: return .encodingOnWorkbook
        case .oldExcel: return .oldExcel
        case .sheetOnCSV: return .sheetOnCSV
        case .undecodable: return .undecodable
        case .notUTF16: return .notUTF16
        case .malformedQuotes: return .malformedQuotes
        case .noRows: return .noRows
        case .notZip: return .notZip
        case .damagedPart: return .damagedPart
        case .notWorkbook: return .notWorkbook
        case .noSheets: return .noSheets
        case .noSheetNamed: return .noSheetNamed
        case .missingSheetPart: return .missingSheetPart
        case .emptySheet: return .emptySheet
        case .noColumn: return .noColumn
        case .noAuthority: return .noAuthority
        case .noPartner: return .noPartner
        case .neitherInFrance: return .neitherInFrance
        case .notAnAuthorityKind: return .notAnAuthorityKind
        case .noAuthorityAbroad: return .noAuthorityAbroad
        case .noFrenchAuthority: return .noFrenchAuthority
        case .bothSidesSame: return .bothSidesSame
        case .notAYear: return .notAYear
        case .endsBeforeStart: return .endsBeforeStart
        case .notAStatus: return .notAStatus
        case .notAPartnershipKind: return .notAPartnershipKind
        case .unknownCountry: return .unknownCountry
        case .ambiguous: return .ambiguous
        case .hintFitsNone: return .hintFitsNone
        case .duplicatePair: return .duplicatePair
        case .alreadyInKB: return .alreadyInKB
        case .columnsIgnored: return .columnsIgnored
        case .imported: return .imported
        }
    }

    /// Values of each case, with every variant of its data that a renderer words differently.
    public static func samples(_ kind: Kind) -> [ImportProblem] {
        let sd = Candidate(id: "saint-denis-93", name: "Saint-Denis", kind: "commune", parent: "Seine-Saint-Denis", insee: "93066", population: 113_116)
        let abroad = Candidate(id: "segou", name: "Ségou", kind: "municipality", country: "ML")
        switch kind {
        case .optionNeedsValue: return [.optionNeedsValue("--sheet")]
        case .unknownEncoding: return [.unknownEncoding("klingon", known: ["utf-8", "windows-1252"])]
        case .mapPairMalformed: return [.mapPairMalformed("Ville")]
        case .mapUnknownField: return [.mapUnknownField("town", fields: ["authority", "partner"])]
        case .mapNoColumn: return [.mapNoColumn("Town", header: ["Ville", "Partenaire"])]
        case .unknownOption: return [.unknownOption("--dryrun", suggestion: "--dry-run"), .unknownOption("--zz", suggestion: nil)]
        case .fileCount: return [.fileCount(1), .fileCount(3)]
        case .outNotKB: return [.outNotKB("out.txt")]
        case .fileExists: return [.fileExists("out.kb", report: false), .fileExists("report.csv", report: true)]
        case .reportIsOut: return [.reportIsOut]
        case .cannotRead: return [.cannotRead("a.csv", .missing), .cannotRead("a.csv", .directory), .cannotRead("a.csv", .permission)]
        case .encodingOnWorkbook: return [.encodingOnWorkbook("a.xlsx")]
        case .oldExcel: return [.oldExcel("a.xls")]
        case .sheetOnCSV: return [.sheetOnCSV("a.csv")]
        case .undecodable: return [.undecodable(byte: 0x81, .guessed), .undecodable(byte: 0xE9, .utf8), .undecodable(byte: 0x81, .singleByte("ISO-8859-15"))]
        case .notUTF16: return [.notUTF16("a.csv")]
        case .malformedQuotes: return [.malformedQuotes]
        case .noRows: return [.noRows("a.csv")]
        case .notZip: return [.notZip("a.xlsx", error: "unreadableArchive")]
        case .damagedPart: return [.damagedPart("a.xlsx", part: "xl/workbook.xml", error: "invalidCRC32")]
        case .notWorkbook: return [.notWorkbook("a.zip")]
        case .noSheets: return [.noSheets("a.xlsx")]
        case .noSheetNamed: return [.noSheetNamed("a.xlsx", sheet: "2024", sheets: ["Feuil1", "Feuil2"])]
        case .missingSheetPart: return [.missingSheetPart("a.xlsx", sheet: "Feuil1", part: "xl/worksheets/sheet1.xml")]
        case .emptySheet: return [.emptySheet("a.xlsx", sheet: "Feuil1")]
        case .noColumn: return [.noColumn(partner: false, header: ["a", "b"]), .noColumn(partner: true, header: ["Ville"])]
        case .noAuthority: return [.noAuthority(column: true), .noAuthority(column: false)]
        case .noPartner: return [.noPartner]
        case .neitherInFrance: return [.neitherInFrance("Mali", "Sénégal"), .neitherInFrance("Mali", nil)]
        case .notAnAuthorityKind: return [.notAnAuthorityKind("a b")]
        case .noAuthorityAbroad: return [.noAuthorityAbroad("Segu", candidates: []), .noAuthorityAbroad("Segu", candidates: [abroad])]
        case .noFrenchAuthority: return [.noFrenchAuthority("Rens", candidates: []), .noFrenchAuthority("Saint-Deni", candidates: [sd, abroad])]
        case .bothSidesSame: return [.bothSidesSame(sd)]
        case .notAYear: return [.notAYear("x", until: false), .notAYear("x", until: true)]
        case .endsBeforeStart: return [.endsBeforeStart(until: 1990, since: 2000)]
        case .notAStatus: return [.notAStatus("over")]
        case .notAPartnershipKind: return [.notAPartnershipKind("a b")]
        case .unknownCountry: return [.unknownCountry("Mal", candidates: [CountryCandidate(id: "ML", name: "Mali")]), .unknownCountry("Zz", candidates: [])]
        case .ambiguous:
            return [.ambiguous("Saint-Denis", candidates: [sd, sd], count: 2, french: true), .ambiguous("Saint-Denis", candidates: [sd], count: 12, french: true),
                    .ambiguous("Ségou", candidates: [abroad, abroad], count: 2, french: false)]
        case .hintFitsNone: return [.hintFitsNone("Saint-Denis", hint: "75", candidates: [sd], count: 1), .hintFitsNone("Saint-Denis", hint: "75", candidates: [sd], count: 9)]
        case .duplicatePair: return [.duplicatePair(a: "rennes", b: "segou", line: 3)]
        case .alreadyInKB:
            let kept = [Kept(key: "since", kb: "1990", row: "1991")]
            return [.alreadyInKB(a: "rennes", b: "segou", adds: ["kind=jumelage"], added: true, kept: []),
                    .alreadyInKB(a: "rennes", b: "segou", adds: ["kind=jumelage"], added: false, kept: kept),
                    .alreadyInKB(a: "rennes", b: "segou", adds: [], added: true, kept: kept)]
        case .columnsIgnored: return [.columnsIgnored("a.csv", columns: ["Notes"]), .columnsIgnored("a.csv", columns: ["Notes", "Contact"])]
        case .imported:
            let csv = SheetFormat.csv(delimiter: ";", encoding: "Windows-1252", bom: false)
            return [.imported("a.csv", format: csv, rows: 12, milliseconds: 3.2, partnerships: 10, authorities: 1, amended: 0, out: "new.kb"),
                    .imported("a.csv", format: .csv(delimiter: "\t", encoding: "UTF-8", bom: true), rows: 1, milliseconds: 1, partnerships: 1, authorities: 0, amended: 1, out: nil),
                    .imported("a.xlsx", format: .xlsx(sheet: "Feuil1"), rows: 3, milliseconds: 12, partnerships: 2, authorities: 2, amended: 2, out: "new.kb")]
        }
    }
}
