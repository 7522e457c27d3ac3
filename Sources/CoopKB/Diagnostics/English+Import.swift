/// `.import` problems told in English (ImportProblem.swift has the cases).
extension English {
    public func text(_ problem: ImportProblem) -> String {
        let usage = ImportCommand.usage
        switch problem {
        case .optionNeedsValue(let flag): return "\(flag) needs a value; usage: \(usage)"
        case .unknownEncoding(let name, let known): return "--encoding: unknown encoding '\(name)'; use one of " + known.joined(separator: ", ")
        case .mapPairMalformed(let pair): return "--map: '\(pair)' is not COLUMN=FIELD (like --map Ville=authority,Pays=country)"
        case .mapUnknownField(let name, let fields): return "--map: unknown field '\(name)'; fields: " + fields.joined(separator: ", ")
        case .mapNoColumn(let column, let header): return "--map: no column '\(column)' in the header (its columns: \(quoted(header)))"
        case .unknownOption(let option, let suggestion):
            return "unknown option '\(option)'" + (suggestion.map { didYouMean(["'\($0)'"]) } ?? "") + "; usage: " + usage
        case .fileCount(let n):
            return n < 2 ? "usage: \(usage)   (.help import has an example)" : "one spreadsheet and one OUT.kb, not \(n) files; usage: \(usage)"
        case .outNotKB(let out): return "'\(out)': OUT must be a .kb file, so that the KB loader reads it (like imported.kb)"
        case .fileExists(let path, let report):
            return "'\(path)' exists and would be overwritten; remove it first or choose another name" + (report ? " for --report" : " (--dry-run writes nothing)")
        case .reportIsOut: return "--report and OUT.kb name the same file"

        case .cannotRead(let path, let why):
            return "cannot read '\(path)': " + (why == .missing ? "no such file" : why == .directory ? "it is a directory" : "permission denied")
        case .encodingOnWorkbook(let path): return "--encoding applies to CSV files; '\(path)' is an .xlsx workbook (its text is always UTF-8)"
        case .oldExcel(let path): return "'\(path)' is an old Excel .xls workbook, which .import does not read; save it as .xlsx or CSV"
        case .sheetOnCSV(let path): return "--sheet applies to .xlsx workbooks; '\(path)' is read as CSV"
        case .undecodable(let byte, let tried):
            let why: String
            switch tried {
            case .guessed: why = "neither UTF-8 nor Windows-1252; give its encoding with --encoding NAME"
            case .utf8: why = "not valid UTF-8; if it comes from French Excel, try --encoding windows-1252"
            case .singleByte(let label): why = "a byte that \(label) does not define; give another --encoding"
            }
            return "byte 0x\(String(byte, radix: 16, uppercase: true)): the file is \(why)"
        case .notUTF16(let path): return "'\(path)' is not valid UTF-16; give its encoding with --encoding NAME"
        case .malformedQuotes:
            return "malformed quotes in this row: a quote inside an unquoted cell, or text after a closing quote; write the cell in quotes and double its quotes (\"\"), then import again"
        case .noRows(let path): return "'\(path)' has no rows; .import needs a header row naming the columns, then one row per partnership"
        case .notZip(let path, let error): return "'\(path)' starts like a ZIP file but cannot be opened as one (\(error)); is the workbook complete?"
        case .damagedPart(let path, let part, let error): return "'\(path)': the workbook part \(part) is damaged (\(error))"
        case .notWorkbook(let path):
            return "'\(path)' is a ZIP file but not an .xlsx workbook (no xl/workbook.xml); save it from the spreadsheet as .xlsx or CSV"
        case .noSheets(let path): return "'\(path)': the workbook has no sheets"
        case .noSheetNamed(let path, let sheet, let sheets): return "'\(path)' has no sheet '\(sheet)'; its sheets are " + quoted(sheets)
        case .missingSheetPart(let path, let sheet, let part): return "'\(path)': the workbook names sheet '\(sheet)' but has no part \(part)"
        case .emptySheet(let path, let sheet): return "'\(path)': sheet '\(sheet)' is empty; .import needs a header row naming the columns"
        case .noColumn(let partner, let header):
            let which = partner ? "the partner (partenaire, partner, city2…)" : "the French authority (collectivité, commune, ville, city, city1…)"
            return "no column for \(which) in the header (\(quoted(header))); rename it, or say which with --map COLUMN=\(partner ? "partner" : "authority")"

        case .noAuthority(let column): return "no \(column ? "authority column" : "authority") in this row; the French authority is needed"
        case .noPartner: return "no partner in this row; name the partner authority"
        case .neitherInFrance(let one, let two):
            return "neither side is in France (\(one), \(two ?? "not given")); the KB holds partnerships of French authorities"
        case .notAnAuthorityKind(let cell): return "'\(cell)' is not a kind of authority; write one word, like municipality, province or region"
        case .noAuthorityAbroad(let name, let candidates):
            return "no authority abroad is called '\(name)'; give the partner's country in a country column, so that it can be created"
                + (candidates.isEmpty ? "" : "; or did you mean " + candidates.map(describe).joined(separator: " or ") + "?")
        case .noFrenchAuthority(let name, let candidates):
            return "no French authority is called '\(name)' (a French authority is never created)" + didYouMean(candidates.map(describe))
        case .bothSidesSame(let c): return "both sides are \(describe(c)); a partnership joins two authorities"
        case .notAYear(let cell, let until):
            return "'\(cell)' is not a year; " + (until ? "write the year it ended (2015) or a date" : "write the year of signature (1988) or a date (12/05/1988)")
        case .endsBeforeStart(let until, let since): return "ends in \(until), before it starts (\(since))"
        case .notAStatus(let cell): return "'\(cell)' is not a status; write active, dormant or ended (actif, en sommeil, terminé)"
        case .notAPartnershipKind(let cell): return "'\(cell)' is not a kind of partnership; write jumelage, coopération, amitié or one word"
        case .unknownCountry(let cell, let candidates):
            return "no country is called '\(cell)'"
                + (candidates.isEmpty ? "; write its French or English name, or its ISO code (DE, ML)" : didYouMean(candidates.map { "\($0.id) (\($0.name))" }))
        case .ambiguous(let name, let candidates, let count, let french):
            let how = french ? "add a département or INSEE code column, or write the name as 'Saint-Denis (93)', or use the id" : "use the id in the cell"
            return "'\(name)' is ambiguous: \(listed(candidates, count)); \(how)"
        case .hintFitsNone(let name, let hint, let candidates, let count):
            return "no '\(name)' fits '\(hint)' (the département, INSEE code, postcode or région given): \(listed(candidates, count)); correct the name or the hint"
        case .duplicatePair(let a, let b, let line): return "\(a) – \(b) again: the same pair as line \(line); this row is left out"
        case .alreadyInKB(let a, let b, let adds, let added, let kept):
            var said: [String] = []
            if !adds.isEmpty { said.append(added ? "adds " + adds.joined(separator: " ") : "lacks " + adds.joined(separator: " ") + ", which is not added") }
            if !kept.isEmpty { said.append("keeps its " + kept.map { "\($0.key)=\($0.kb) (this row: \($0.row))" }.joined(separator: ", ")) }
            return "\(a) – \(b) is already in the KB: " + said.joined(separator: "; ")
        case .columnsIgnored(let file, let columns):
            return "\(file): columns ignored (not recognized): " + columns.map { "'\($0)'" }.joined(separator: ", ") + "; --map COLUMN=FIELD uses one"
        case .imported(let file, let format, let rows, let ms, let added, let created, let amended, let out):
            func n(_ k: Int, _ noun: String) -> String { "\(k) " + (k == 1 ? noun : English.plural(noun)) }
            var counts = n(added, "partnership") + " and " + n(created, "authority")
            if amended > 0 { counts += ", and fields for " + n(amended, "partnership") + " already in the KB," }
            let done = out.map { counts + " written to \($0)" } ?? "dry run, nothing written: " + counts + " would be added"
            return "\(file) (\(text(format))): " + n(rows, "row") + " in " + String(format: "%.0f", ms) + " ms; " + done
        }
    }

    /// "CSV, ';'-separated, Windows-1252", "XLSX, sheet 'Feuil1'".
    func text(_ format: ImportProblem.SheetFormat) -> String {
        switch format {
        case .csv(let delimiter, let encoding, let bom):
            return "CSV, " + (delimiter == "\t" ? "tab" : "'\(delimiter)'") + "-separated, " + encoding + (bom ? " with BOM" : "")
        case .xlsx(let sheet): return "XLSX, sheet '\(sheet)'"
        }
    }

    /// "'a', 'b'".
    func quoted(_ items: [String]) -> String { items.map { "'\($0)'" }.joined(separator: ", ") }

    /// "saint-denis-93 (Saint-Denis, commune, Seine-Saint-Denis, INSEE 93066, pop. 113,116)": what tells homonyms apart.
    func describe(_ c: ImportProblem.Candidate) -> String {
        let parts = [c.name, c.kind] + [c.parent, c.country, c.insee.map { "INSEE " + $0 }, c.population.map { "pop. " + Language.en.grouped($0) }].compactMap { $0 }
        return "\(c.id) (\(parts.joined(separator: ", ")))"
    }

    /// The first candidates, and how many more there are.
    func listed(_ candidates: [ImportProblem.Candidate], _ count: Int) -> String {
        candidates.map(describe).joined(separator: ", ") + (count > candidates.count ? " and \(count - candidates.count) more" : "")
    }
}
