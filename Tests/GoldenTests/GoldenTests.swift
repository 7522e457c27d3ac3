import CoopKB
import Foundation
import Testing

/// A query file of queries/ with its expected output.
struct GoldenFile: CustomTestStringConvertible, Sendable {
    var name: String
    var testDescription: String { name }

    static func all() -> [GoldenFile] {
        let dir = Binary.root.appendingPathComponent("queries")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".kbq") }.sorted()
        return files.map { GoldenFile(name: String($0.dropLast(4))) }
    }
}

@Suite("Golden files: queries/*.kbq on kb/")
struct GoldenTests {
    @Test("queries/ holds the documented examples")
    func thereAreQueries() {
        #expect(GoldenFile.all().count >= 12)
    }

    /// Runs `coopkb --kb kb --format table --quiet queries/NAME.kbq` and compares with queries/NAME.out.
    /// `RECORD=1 make test` rewrites the expected files.
    @Test(arguments: GoldenFile.all())
    func golden(_ file: GoldenFile) throws {
        let dir = Binary.root.appendingPathComponent("queries")
        let query = "queries/\(file.name).kbq"
        let result = try Binary.run(["--kb", "kb", "--format", "table", "--quiet", query])
        #expect(result.status == 0, "exit status \(result.status); stderr:\n\(result.stderr)")
        #expect(result.stderr.isEmpty, "stderr:\n\(result.stderr)")
        let expectedURL = dir.appendingPathComponent("\(file.name).out")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try result.stdout.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        if expected != result.stdout {
            let e = expected.components(separatedBy: "\n"), a = result.stdout.components(separatedBy: "\n")
            let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            Issue.record("\(query) differs from \(file.name).out at line \(line + 1):\n  expected: \(line < e.count ? e[line] : "<end>")\n  actual:   \(line < a.count ? a[line] : "<end>")\n(RECORD=1 make test rewrites the expected files)")
        }
    }
}

@Suite("Help examples")
struct HelpExampleTests {
    /// Every `example:` of `.help` runs on the shipped KB with status 0 and answers with at least one row.
    @Test(arguments: Help.examples)
    func example(_ statement: String) throws {
        let r = try Binary.run(["--kb", "kb", "-e", statement])
        #expect(r.status == 0, "\(statement): \(r.stderr)")
        if !statement.hasPrefix("let ") {
            #expect(r.stdout.split(separator: "\n").count >= 2, "\(statement) answered no row")
        }
    }
}
