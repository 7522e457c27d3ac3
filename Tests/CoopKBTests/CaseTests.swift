import CoopKB
import Foundation
import Testing

/// A query case from Tests/Fixtures/cases/*.case, with its expected output or errors.
struct QueryCase: CustomTestStringConvertible, Sendable {
    var file: String
    var name: String
    var format: OutputMode
    var compareJSON: Bool
    var query: String
    var expected: String
    var errors: [String]

    var testDescription: String { "\(file): \(name)" }

    /// Every case of every file, in file order.
    static func all() -> [QueryCase] {
        let dir = Fixture.fixtures.appendingPathComponent("cases")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".case") }.sorted()
        var cases: [QueryCase] = []
        for f in files {
            guard let text = try? String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8) else { continue }
            for chunk in text.components(separatedBy: "\n====\n") {
                var c = QueryCase(file: f, name: "", format: .tsv, compareJSON: false, query: "", expected: "", errors: [])
                let parts = chunk.components(separatedBy: "\n----\n")
                var queryLines: [String] = []
                for line in parts[0].components(separatedBy: "\n") {
                    if line.hasPrefix("-- name:") { c.name = line.dropFirst(8).trimmingCharacters(in: .whitespaces) }
                    else if line.hasPrefix("-- format:") { c.format = OutputMode(rawValue: line.dropFirst(10).trimmingCharacters(in: .whitespaces)) ?? .tsv }
                    else if line.hasPrefix("-- compare: json") { c.compareJSON = true }
                    else if line.hasPrefix("-- error:") { c.errors.append(String(line.dropFirst(9)).trimmingCharacters(in: .whitespaces)) }
                    else if line.hasPrefix("-- ") || line.hasPrefix("--\t") { continue }
                    else { queryLines.append(line) }
                }
                while queryLines.last == "" || queryLines.last == "----" { queryLines.removeLast() }
                while queryLines.first == "" { queryLines.removeFirst() }
                c.query = queryLines.joined(separator: "\n")
                if parts.count > 1 {
                    var e = parts[1...].joined(separator: "\n----\n")
                    if e.hasSuffix("\n====") { e.removeLast(5) }
                    c.expected = e.hasSuffix("\n") || e.isEmpty ? e : e + "\n"
                }
                // CSV rows end with CRLF; case files are written with LF.
                if c.format == .csv && !c.expected.utf8.contains(13) {
                    c.expected = c.expected.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
                }
                if c.query.isEmpty { continue }
                cases.append(c)
            }
        }
        return cases
    }
}

func normalizedJSON(_ text: String) -> String? {
    // One array per statement: wrap them so several parse as one document.
    let lines = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if lines.isEmpty { return "" }
    var docs: [Any] = []
    var depth = 0, start = lines.startIndex, inString = false, escaped = false
    for i in lines.indices {
        let ch = lines[i]
        if inString {
            if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
            continue
        }
        if ch == "\"" { inString = true } else if ch == "[" || ch == "{" { if depth == 0 { start = i }; depth += 1 }
        else if ch == "]" || ch == "}" {
            depth -= 1
            if depth == 0 {
                guard let obj = try? JSONSerialization.jsonObject(with: Data(lines[start...i].utf8), options: [.fragmentsAllowed]) else { return nil }
                docs.append(obj)
            }
        }
    }
    guard let data = try? JSONSerialization.data(withJSONObject: docs, options: [.sortedKeys]) else { return nil }
    return String(decoding: data, as: UTF8.self)
}

@Suite("Query cases on the fixture KB")
struct CaseTests {
    @Test("fixture KB loads without problems")
    func fixtureLoads() {
        #expect(Fixture.report.diagnostics.map(\.headline) == [])
        #expect(Fixture.report.kb.authorities.count > 20)
    }

    @Test(arguments: QueryCase.all())
    func queryCase(_ c: QueryCase) throws {
        let (output, errors) = Fixture.run(c.query, mode: c.format)
        if !c.errors.isEmpty {
            for e in c.errors {
                let expected = try #require(ExpectedProblem(e), "malformed -- error line: \(e)")
                #expect(errors.contains { expected.matches($0) }, "expected error \(expected); got \(errors.map { "\($0.line):\($0.column): \($0.message)" })")
            }
            #expect(errors.count == c.errors.count, "errors: \(errors.map(\.headline))")
            return
        }
        #expect(errors.isEmpty, "unexpected errors: \(errors.map(\.headline))")
        if c.compareJSON {
            let a = normalizedJSON(output), e = normalizedJSON(c.expected)
            #expect(a != nil && a == e, "JSON differs:\nexpected \(c.expected)\nactual   \(output)")
        } else if let diff = firstDifference(c.expected, output) {
            Issue.record("\(diff)")
        }
    }
}
