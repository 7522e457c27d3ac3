@testable import CoopKB
import Foundation
import Testing

/// The library does no I/O of its own: a whole session — loading, `.read`, `.output`, `.once`, `.save`, `.export`,
/// `.render`, `.reload` — runs on an in-memory file system, and a failing disk is reported with the file's name.
@Suite("System interface")
struct SystemTests {
    /// A root that does not exist on the real disk, so that a file written there by mistake would be seen.
    static func root() -> String { "/coopkb-virtual-\(UUID().uuidString)" }

    /// A virtual system holding the fixture KB under ROOT/kb.
    static func system(root: String) -> VirtualSystem {
        let vs = VirtualSystem()
        let kb = Fixture.fixtures.appendingPathComponent("kb")
        for case let relative as String in FileManager.default.enumerator(atPath: kb.path)! where relative.hasSuffix(".kb") {
            vs.add(root + "/kb/" + relative, bytes: [UInt8](FileManager.default.contents(atPath: kb.appendingPathComponent(relative).path)!))
        }
        return vs
    }

    /// A session on the virtual system; its standard output, problems and notices are collected.
    final class Run {
        var out = "", errors: [String] = [], failures: [String] = [], notices: [String] = []
        let session: Session
        init(_ vs: VirtualSystem, root: String) throws {
            let report = try Loader.load(paths: [root + "/kb"], system: vs)
            session = Session(report: report, kbPaths: [root + "/kb"], mode: .tsv, system: vs)
            session.savedQueriesPath = root + "/config/coopkb/saved.kbq"
            session.sink = { [unowned self] event in
                switch event {
                case .output(let s): self.out += s
                case .error(let d): self.errors.append(d.message)
                case .failure(let s): self.failures.append(s)
                case .notice(let s): self.notices.append(s)
                default: break
                }
            }
        }
    }

    @Test("the fixture KB loads from the virtual file system as from the disk")
    func load() throws {
        let root = SystemTests.root()
        let vs = SystemTests.system(root: root)
        let r = try Loader.load(paths: [root + "/kb"], system: vs)
        #expect(r.kb.counts.map(\.1) == Fixture.report.kb.counts.map(\.1))
        #expect(r.problemCount == Fixture.report.problemCount)
        #expect(r.files.count == Fixture.report.files.count)
        let e = #expect(throws: LoadFailure.self) { try Loader.load(paths: [root + "/nokb"], system: vs) }
        #expect(e?.description == "cannot read KB '\(root)/nokb': No such file or directory")
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test(".read, .output, .once, .save, .saved, .run, .export, .render and .reload on the virtual file system only")
    func session() throws {
        let root = SystemTests.root()
        let vs = SystemTests.system(root: root)
        vs.add(root + "/q.kbq", ".output \(root)/out.tsv\ncountries | where id = ML | select id, name\n.output\n")
        let run = try Run(vs, root: root)
        run.session.run("""
            .read \(root)/q.kbq
            .once \(root)/once.tsv
            countries | where id = SN | select id, name
            countries | where id = CI | select id
            .save ci
            .saved
            .run ci
            .export neo4j \(root)/neo partners of rennes
            .render \(root)/net.svg partners of rennes
            .read \(root)/missing.kbq
            .output \(root)/out.tsv
            .reload
            """, sourceName: "<t>")
        #expect(vs.text(root + "/out.tsv") == "id\tname\nML\tMali\n")
        #expect(vs.text(root + "/once.tsv") == "id\tname\nSN\tSénégal\n")
        #expect(run.out.hasPrefix("id\nCI\n"))
        #expect(run.out.contains("ci  countries | where id = CI | select id\n(kept in \(root)/config/coopkb/saved.kbq)\n"))
        #expect(run.out.hasSuffix("id\nCI\n"))
        #expect(vs.text(root + "/config/coopkb/saved.kbq")?.contains("countries | where id = CI | select id") == true)
        #expect(vs.text(root + "/neo/import.sh")?.hasPrefix("#!") == true)
        #expect(vs.text(root + "/neo/load.cypher") != nil)
        if vs.findTool("dot") != nil { #expect(vs.text(root + "/net.svg")?.contains("<svg") == true) }
        #expect(run.errors == ["cannot read '\(root)/missing.kbq': no such file",
                               "'\(root)/out.tsv' exists and would be overwritten; remove it first or choose another name"]
                + (vs.findTool("dot") == nil ? [SessionProblem.graphvizMissing].map { English().text($0) } : []))
        #expect(run.failures.isEmpty)
        #expect(run.notices.contains { $0.hasPrefix("saved 'ci' in \(root)/config/coopkb/saved.kbq") })
        #expect(run.notices.contains { $0.hasPrefix("wrote 10 files to \(root)/neo") })
        #expect(run.notices.last?.hasPrefix("loaded 11 countries, ") == true, "\(run.notices)")
        // Nothing reached the real disk.
        #expect(!FileManager.default.fileExists(atPath: root))
        #expect(vs.touched.allSatisfy { $0.hasPrefix(root + "/") })
    }

    @Test("a full virtual disk: the failed write is reported with the file's name, the run stops, and nothing is lost")
    func fullDisk() throws {
        let root = SystemTests.root()
        let vs = SystemTests.system(root: root)
        vs.add(root + "/config/coopkb/saved.kbq", "# name: ml\ncountries | where id = ML\n")
        let before = vs.used
        let kbFiles = try Loader.kbFiles(at: root + "/kb", system: vs).map { vs.text($0) }
        vs.capacity = before + 60
        let run = try Run(vs, root: root)
        run.session.run(".render \(root)/pic.svg partners of rennes\n.once \(root)/big.tsv\nauthorities\ncountries\n", sourceName: "<t>")
        if vs.findTool("dot") != nil {
            // The picture is larger than the room left: refused whole, no half file.
            #expect(run.errors.first == "cannot write '\(root)/pic.svg': No space left on device")
            #expect(vs.text(root + "/pic.svg") == nil)
        }
        #expect(run.failures == ["cannot write to \(root)/big.tsv: No space left on device; output was lost from there on"])
        #expect(run.session.outputLost && run.session.stopped)
        #expect(run.out.isEmpty, "what follows the failed write is not run in a batch")
        #expect((vs.text(root + "/big.tsv")?.utf8.count ?? 0) <= 60)
        // Nothing the user had is lost.
        #expect(vs.text(root + "/config/coopkb/saved.kbq") == "# name: ml\ncountries | where id = ML\n")
        #expect(try Loader.kbFiles(at: root + "/kb", system: vs).map { vs.text($0) } == kbFiles)
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test("in the shell a failed write ends only the statement, and output goes back to standard output")
    func fullDiskInteractive() throws {
        let root = SystemTests.root()
        let vs = SystemTests.system(root: root)
        vs.capacity = vs.used + 10
        let run = try Run(vs, root: root)
        run.session.interactive = true
        run.session.run(".output \(root)/big.tsv\nauthorities\ncountries | where id = ML | select id\n", sourceName: "<t>")
        #expect(run.failures == ["cannot write to \(root)/big.tsv: No space left on device; output was lost from there on"])
        #expect(!run.session.stopped)
        #expect(run.out.hasSuffix("id\nML\n"))
    }

    @Test("a read-only directory: .save and .unsave say which file cannot be written, and the file is unchanged")
    func readOnly() throws {
        let root = SystemTests.root()
        let vs = SystemTests.system(root: root)
        let saved = "# name: ml\ncountries | where id = ML\n"
        vs.add(root + "/config/coopkb/saved.kbq", saved)
        vs.readOnly = [root + "/config"]
        let run = try Run(vs, root: root)
        run.session.run("countries | limit 1\n.save two\n.unsave ml\n.output \(root)/config/out.tsv\n", sourceName: "<t>")
        #expect(run.errors == ["cannot write \(root)/config/coopkb/saved.kbq: Read-only file system",
                               "cannot write \(root)/config/coopkb/saved.kbq: Read-only file system",
                               "cannot write '\(root)/config/out.tsv': Read-only file system; output stays where it was"])
        #expect(vs.text(root + "/config/coopkb/saved.kbq") == saved)
    }

    @Test("Run Time and the load summary come from the system's clock")
    func clock() throws {
        let root = SystemTests.root()
        let vs = SystemTests.system(root: root)
        let run = try Run(vs, root: root)
        run.session.run(".timer on\ncountries | limit 1\n", sourceName: "<t>")
        // The virtual clock advances one millisecond per reading: start and end of the statement.
        #expect(run.notices == ["Run Time: 1.000 ms"])
    }
}
