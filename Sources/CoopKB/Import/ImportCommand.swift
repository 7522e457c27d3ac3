import Foundation

/// `.import FILE OUT.kb [--dry-run] [--report REPORT.csv] [--sheet NAME] [--map COLUMN=FIELD,…] [--encoding NAME]`.
enum ImportCommand {
    static let usage = ".import FILE OUT.kb [--dry-run] [--report REPORT.csv] [--sheet NAME] [--map COLUMN=FIELD,…] [--encoding NAME]"

    /// Reads the arguments of the dot-command.
    static func options(_ args: [String]) throws -> ImportOptions {
        var o = ImportOptions()
        var positional: [String] = []
        var i = 0
        func value(_ flag: String) throws -> String {
            if let eq = args[i].firstIndex(of: "="), args[i].hasPrefix("--") { return String(args[i][args[i].index(after: eq)...]) }
            i += 1
            guard i < args.count else { throw ImportFailure.usage(.optionNeedsValue(flag)) }
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            let flag = a.hasPrefix("--") ? String(a.split(separator: "=", maxSplits: 1)[0]) : a
            switch flag {
            case "--dry-run", "-n": o.dryRun = true
            case "--report": o.report = try value(flag)
            case "--sheet": o.sheet = try value(flag)
            case "--encoding":
                let name = try value(flag)
                guard let e = TextEncoding(name: name) else {
                    throw ImportFailure.usage(.unknownEncoding(name, known: TextEncoding.allCases.map(\.rawValue)))
                }
                o.encoding = e
            case "--map":
                for pair in try value(flag).split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2, !parts[0].isEmpty else {
                        throw ImportFailure.usage(.mapPairMalformed(String(pair)))
                    }
                    guard let f = ImportField.named(parts[1]) else {
                        throw ImportFailure.usage(.mapUnknownField(parts[1], fields: ImportField.allCases.map(\.rawValue)))
                    }
                    o.map.append((parts[0], f))
                }
            default:
                if a.hasPrefix("--") && a.count > 2 {
                    let known = ["--dry-run", "--report", "--sheet", "--map", "--encoding"]
                    throw ImportFailure.usage(.unknownOption(a, suggestion: Similarity.closest(to: flag, among: known, count: 1).first))
                }
                positional.append(a)
            }
            i += 1
        }
        guard positional.count == 2 else {
            throw ImportFailure.usage(.fileCount(positional.count))
        }
        o.file = positional[0]
        o.out = positional[1]
        return o
    }
}

extension Session {
    /// Runs `.import`: every row gets an outcome and, unless `--dry-run`, the new records go to OUT.kb and into the session.
    func importSpreadsheet(_ args: [String], _ offset: Int, _ source: Source) throws {
        func fail(_ problem: ImportProblem) -> Diagnostic { Diagnostic(source: source, offset: offset, problem: .importing(problem)) }
        let o: ImportOptions
        do { o = try ImportCommand.options(args) } catch ImportFailure.usage(let m) { throw fail(m) }
        if !o.out.hasSuffix(".kb") {
            throw fail(.outNotKB(o.out))
        }
        // Nothing the user has is written over: OUT and the report must not exist.
        if !o.dryRun && system.exists(o.out) {
            throw fail(.fileExists(o.out, report: false))
        }
        if let r = o.report, system.exists(r) {
            throw fail(.fileExists(r, report: true))
        }
        if o.report == o.out && o.report != nil { throw fail(.reportIsOut) }
        let start = system.now()
        let sheet: Sheet
        do {
            sheet = try SheetReader.read(path: o.file, sheet: o.sheet, encoding: o.encoding, system: system)
        } catch let f as SheetFailure {
            throw f.diagnostic ?? fail(f.problem)
        }
        let columns: ColumnMap
        do { columns = try ColumnMap.make(header: sheet.header.cells, overrides: o.map) } catch ImportFailure.usage(let m) { throw fail(m) }
        for needed in [ImportField.authority, .partner] where columns.columns[needed] == nil {
            throw Diagnostic(source: sheet.source, offset: sheet.header.start,
                             problem: .importing(.noColumn(partner: needed == .partner, header: sheet.header.cells)))
        }
        if !columns.unknown.isEmpty {
            sink(.notice(Problem.importing(.columnsIgnored(o.file, columns: columns.unknown.map { $0.1 })).text))
        }
        var importer = Importer(kb: kb, names: KBImportNames(kb: kb), sheet: sheet, columns: columns)
        try checkStop()
        importer.run()
        for r in importer.results { if let m = r.message { sink(.error(m)) } }

        if let path = o.report {
            if let problem = writeNew(Array(ImportReport.csv(importer.results).utf8), to: path) { throw Diagnostic(source: source, offset: offset, problem: .session(problem)) }
        }
        var wrote = ""
        if !o.dryRun {
            let text = ImportReport.kbText(importer, sheet: sheet, out: o.out)
            if let problem = writeNew(Array(text.utf8), to: o.out) { throw Diagnostic(source: source, offset: offset, problem: .session(problem)) }
            wrote = o.out
        }
        emit(ImportReport.summary(importer.results, created: importer.authorities.count))
        let done = ImportProblem.imported(o.file, format: sheet.format, rows: importer.results.count, milliseconds: system.seconds(since: start) * 1000,
                                          partnerships: importer.partnerships.count, authorities: importer.authorities.count,
                                          amended: importer.amendments.count, out: o.dryRun ? nil : wrote)
        sink(.notice(Problem.importing(done).text))
        if !o.dryRun { try load(kbPaths + [o.out], offset: offset, source: source) }
    }

    func checkStop() throws { if shouldStop() { throw Interrupted() } }
}
