import CoopKB
import Foundation
import Testing

/// Golden DOT files: each Tests/Fixtures/dot/NAME.kbq run on the fixture KB in `dot` mode gives NAME.dot
/// byte for byte (`RECORD=1` rewrites them).
@Suite("Graphviz output")
struct DotTests {
    static let dir = Fixture.fixtures.appendingPathComponent("dot")

    static func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".kbq") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test("a golden file for each kind of result")
    func coverage() {
        #expect(Set(DotTests.names()).isSuperset(of: ["authorities", "partnerships", "path", "neighbours", "groups", "similar", "countries", "count"]))
    }

    @Test(arguments: DotTests.names())
    func golden(_ name: String) throws {
        let query = try String(contentsOf: DotTests.dir.appendingPathComponent(name + ".kbq"), encoding: .utf8)
        let (out, errors) = Fixture.run(query, mode: .dot)
        #expect(errors.isEmpty, "\(errors.map(\.headline))")
        let expectedURL = DotTests.dir.appendingPathComponent(name + ".dot")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try out.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        if let diff = firstDifference(expected, out) { Issue.record("\(name).dot: \(diff)") }
        // The same statement always gives the same bytes.
        #expect(Fixture.run(query, mode: .dot).output == out)
    }

    @Test(".render draws through the real Graphviz, and the node labels are in the SVG")
    func render() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") || ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }) == true else {
            Issue.record("Graphviz's dot is missing: `make deps` installs it")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coopkb-render-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let svg = dir.appendingPathComponent("path.svg").path
        let (_, errors) = Fixture.run(".render \(svg) path from brest to agadir via groups")
        #expect(errors.isEmpty, "\(errors.map(\.headline))")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        // Graphviz writes "-" as &#45; in SVG text.
        for label in ["Brest", "Lyon", "Agadir", "group:gp&#45;mali", "group:gt&#45;eau"] { #expect(text.contains(label), "\(label) not in the SVG") }
        let png = dir.appendingPathComponent("last.png").path
        let (_, pngErrors) = Fixture.run("partnerships of rennes\n.render \(png)")
        #expect(pngErrors.isEmpty)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test(".render refuses a hairball, an existing file, and a file that is not .svg or .png", arguments: [
        (".render big.svg authorities", "too many to read"),
        (".render picture.txt countries", "writes .svg or .png"),
        (".render", "usage: .render"),
    ])
    func refusals(_ statement: String, _ fragment: String) throws {
        let r = Fixture.load((0..<400).map { "authority a\($0) \"A\($0)\" kind=commune country=FR" }.joined(separator: "\n") + "\ncountry FR \"France\"\n")
        let (_, errors) = Fixture.run(statement, report: r)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains(fragment) == true, "\(errors.map(\.message))")
    }
}
