import CoopKB
import Foundation

/// Paths and shared fixtures for the tests.
enum Fixture {
    /// The repository root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    /// The fixture KB, loaded once.
    nonisolated(unsafe) static let report: LoadReport = {
        try! Loader.load(paths: [fixtures.appendingPathComponent("kb").path], system: POSIXSystem())
    }()

    /// Runs statements on a KB in one mode; returns standard output and the problems reported.
    static func run(_ text: String, mode: OutputMode = .tsv, report: LoadReport = Fixture.report, source: String = "<execute>") -> (output: String, errors: [Diagnostic]) {
        var output = ""
        var errors: [Diagnostic] = []
        let session = Session(report: report, kbPaths: [], mode: mode, system: POSIXSystem()) { event in
            switch event {
            case .output(let s): output += s
            case .error(let d): errors.append(d)
            default: break
            }
        }
        session.run(text, sourceName: source)
        return (output, errors)
    }

    /// Loads KB text given in memory as one file.
    static func load(_ text: String, name: String = "test.kb") -> LoadReport {
        Loader.load(sources: [Source(name: name, text: text)])
    }
}

/// One `expect` line: `LINE:COL: SUBSTRING`.
struct ExpectedProblem: CustomStringConvertible {
    var line: Int
    var column: Int
    var fragment: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, let l = Int(parts[0].trimmingCharacters(in: .whitespaces)), let c = Int(parts[1]) else { return nil }
        line = l; column = c; fragment = parts[2].trimmingCharacters(in: .whitespaces).lowercased()
    }

    func matches(_ d: Diagnostic) -> Bool {
        d.line == line && d.column == column && d.message.lowercased().contains(fragment)
    }

    var description: String { "\(line):\(column): \(fragment)" }
}

/// Compares two texts line by line and says where they first differ.
func firstDifference(_ expected: String, _ actual: String) -> String? {
    if Array(expected.utf8) == Array(actual.utf8) { return nil }
    let e = expected.utf8.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    let a = actual.utf8.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    for i in 0..<max(e.count, a.count) {
        let x = i < e.count ? e[i] : "<none>", y = i < a.count ? a[i] : "<none>"
        if x != y { return "line \(i + 1):\n  expected: \(x.debugDescription)\n  actual:   \(y.debugDescription)\n--- whole actual output ---\n\(actual)" }
    }
    return "texts differ"
}
