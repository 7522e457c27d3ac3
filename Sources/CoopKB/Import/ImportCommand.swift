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
            guard i < args.count else { throw ImportFailure.usage("\(flag) needs a value; usage: \(usage)") }
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
                    throw ImportFailure.usage("--encoding: unknown encoding '\(name)'; use one of " + TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))
                }
                o.encoding = e
            case "--map":
                for pair in try value(flag).split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2, !parts[0].isEmpty else {
                        throw ImportFailure.usage("--map: '\(pair)' is not COLUMN=FIELD (like --map Ville=authority,Pays=country)")
                    }
                    guard let f = ImportField.named(parts[1]) else {
                        throw ImportFailure.usage("--map: unknown field '\(parts[1])'; fields: " + ImportField.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    o.map.append((parts[0], f))
                }
            default:
                if a.hasPrefix("--") && a.count > 2 {
                    var message = "unknown option '\(a)'"
                    let known = ["--dry-run", "--report", "--sheet", "--map", "--encoding"]
                    if let s = Similarity.closest(to: flag, among: known, count: 1).first { message += "; did you mean '\(s)'?" }
                    throw ImportFailure.usage(message + "; usage: " + usage)
                }
                positional.append(a)
            }
            i += 1
        }
        guard positional.count == 2 else {
            throw ImportFailure.usage(positional.count < 2 ? "usage: \(usage)   (.help import has an example)" : "one spreadsheet and one OUT.kb, not \(positional.count) files; usage: \(usage)")
        }
        o.file = positional[0]
        o.out = positional[1]
        return o
    }
}

extension Session {
    /// Runs `.import`: every row gets an outcome and, unless `--dry-run`, the new records go to OUT.kb and into the session.
    func importSpreadsheet(_ args: [String], _ offset: Int, _ source: Source) throws {
        func fail(_ message: String) -> Diagnostic { Diagnostic(source: source, offset: offset, message: message) }
        let o: ImportOptions
        do { o = try ImportCommand.options(args) } catch ImportFailure.usage(let m) { throw fail(m) }
        if !o.out.hasSuffix(".kb") {
            throw fail("'\(o.out)': OUT must be a .kb file, so that the KB loader reads it (like imported.kb)")
        }
        // Nothing the user has is written over: OUT and the report must not exist.
        if !o.dryRun && FileManager.default.fileExists(atPath: o.out) {
            throw fail("'\(o.out)' exists and would be overwritten; remove it first or choose another name (--dry-run writes nothing)")
        }
        if let r = o.report, FileManager.default.fileExists(atPath: r) {
            throw fail("'\(r)' exists and would be overwritten; remove it first or choose another name for --report")
        }
        if o.report == o.out && o.report != nil { throw fail("--report and OUT.kb name the same file") }
        let start = DispatchTime.now()
        let sheet: Sheet
        do {
            sheet = try SheetReader.read(path: o.file, sheet: o.sheet, encoding: o.encoding)
        } catch let f as SheetFailure {
            if let d = f.diagnostic { throw d }
            throw fail(f.message)
        }
        let columns: ColumnMap
        do { columns = try ColumnMap.make(header: sheet.header.cells, overrides: o.map) } catch ImportFailure.usage(let m) { throw fail(m) }
        for needed in [ImportField.authority, .partner] where columns.columns[needed] == nil {
            let which = needed == .authority ? "the French authority (collectivité, commune, ville, city, city1…)" : "the partner (partenaire, partner, city2…)"
            throw Diagnostic(source: sheet.source, offset: sheet.header.start,
                             message: "no column for \(which) in the header (\(sheet.header.cells.map { "'\($0)'" }.joined(separator: ", "))); rename it, or say which with --map COLUMN=\(needed.rawValue)")
        }
        if !columns.unknown.isEmpty {
            sink(.notice("\(o.file): columns ignored (not recognized): " + columns.unknown.map { "'\($0.1)'" }.joined(separator: ", ") + "; --map COLUMN=FIELD uses one"))
        }
        var importer = Importer(kb: kb, names: KBImportNames(kb: kb), sheet: sheet, columns: columns)
        try checkStop()
        importer.run()
        for r in importer.results { if let m = r.message { sink(.error(m)) } }

        if let path = o.report {
            if let problem = Session.write(ImportReport.csv(importer.results), to: path) { throw fail(problem) }
        }
        var wrote = ""
        if !o.dryRun {
            let text = ImportReport.kbText(importer, sheet: sheet, out: o.out)
            if let problem = Session.write(text, to: o.out) { throw fail(problem) }
            wrote = o.out
        }
        emit(ImportReport.summary(importer.results, created: importer.authorities.count))
        let added = importer.partnerships.count, created = importer.authorities.count, amended = importer.amendments.count
        var counts = "\(added) partnership\(added == 1 ? "" : "s") and \(created) authorit\(created == 1 ? "y" : "ies")"
        if amended > 0 { counts += ", and fields for \(amended) partnership\(amended == 1 ? "" : "s") already in the KB," }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
        var note = "\(o.file) (\(sheet.description)): \(importer.results.count) rows in \(String(format: "%.0f", ms)) ms; "
        if o.dryRun {
            note += "dry run, nothing written: " + counts + " would be added"
        } else {
            note += counts + " written to \(wrote)"
        }
        sink(.notice(note))
        if !o.dryRun { try load(kbPaths + [o.out], offset: offset, source: source) }
    }

    func checkStop() throws { if shouldStop() { throw Interrupted() } }

    /// Writes a new file (refusing one that appeared meanwhile); returns why it cannot, or nil.
    static func write(_ text: String, to path: String) -> String? { write(bytes: Array(text.utf8), to: path) }

    /// Writes bytes to a new file, created exclusively and never through a symbolic link; a file that cannot be
    /// written whole (a full disk) is removed and the reason returned.
    static func write(bytes data: [UInt8], to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd < 0 {
            return errno == EEXIST ? "'\(path)' exists and would be overwritten; remove it first or choose another name"
                : "cannot write '\(path)': \(String(cString: strerror(errno)))"
        }
        var bytes = data[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(path)
                return "cannot write '\(path)': \(reason)"
            }
            bytes = bytes.dropFirst(n)
        }
        if close(fd) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(path)
            return "cannot write '\(path)': \(reason)"
        }
        return nil
    }
}
