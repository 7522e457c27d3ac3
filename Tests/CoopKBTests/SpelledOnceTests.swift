@testable import CoopKB
import Foundation
import Testing

/// Each dot-command name and each keyword is spelled, as a string literal, in one Sources file: its table
/// (Session/Commands.swift, Query/Keywords.swift). The same word may also be spelled where it names something
/// else, and only there: a field or column (Schema/Fields.swift), an output mode (Output/Modes.swift, checked
/// against the mode table), a KB attribute (Loader/, SPEC §1), a spreadsheet header or value (Import/), an SVG
/// id or class (Output/Map.swift), and `a`, the partnership side (`a.name`), which is also French `à` unaccented.
@Suite struct SpelledOnceTests {
    static let sources: [(path: String, text: String)] = {
        let root = Fixture.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return files.sorted().map { ($0, (try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) ?? "") }
    }()

    /// The files holding `word` as a whole string literal ("word").
    static func files(spelling word: String) -> [String] {
        sources.filter { $0.text.contains("\"" + word + "\"") }.map(\.path)
    }

    /// Files whose string literals name things of another kind: KB attributes, spreadsheet headers and values,
    /// SVG ids and classes.
    static func otherNamespace(_ file: String) -> Bool {
        file.hasPrefix("CoopKB/Loader/") || file.hasPrefix("CoopKB/Import/") || file == "CoopKB/Output/Map.swift"
    }

    @Test("each dot-command name is spelled in Session/Commands.swift only")
    func dotCommands() {
        #expect(!DotCommand.names.isEmpty)
        for name in DotCommand.names {
            #expect(SpelledOnceTests.files(spelling: "." + name).isEmpty, ".\(name) spelled in \(SpelledOnceTests.files(spelling: "." + name))")
            let elsewhere = SpelledOnceTests.files(spelling: name).filter { file in
                file != "CoopKB/Session/Commands.swift" && !(file == "CoopKB/Output/Modes.swift" && OutputMode(rawValue: name) != nil)
                    && !SpelledOnceTests.otherNamespace(file)
            }
            #expect(elsewhere.isEmpty, "'\(name)' spelled in \(elsewhere)")
        }
    }

    @Test("each keyword, in every spelling and language, is spelled in Query/Keywords.swift only")
    func keywords() {
        let spellings = Set(Keyword.spellings.keys).union(Keyword.french.keys)
        #expect(spellings.count > Keyword.allCases.count)
        for word in spellings.sorted() {
            #expect(SpelledOnceTests.files(spelling: word).contains("CoopKB/Query/Keywords.swift") || Keyword.allCases.contains { $0.rawValue == word },
                    "'\(word)' not in the keyword table")
            let elsewhere = SpelledOnceTests.files(spelling: word).filter { file in
                file != "CoopKB/Query/Keywords.swift" && file != "CoopKB/Schema/Fields.swift" && !SpelledOnceTests.otherNamespace(file) && word != "a"
                    // `brief` is a statement and a dot-command (`.brief FILE.html REF`): each table spells it once.
                    && !(file == "CoopKB/Session/Commands.swift" && DotCommand.names.contains(word))
            }
            #expect(elsewhere.isEmpty, "'\(word)' spelled in \(elsewhere)")
        }
    }
}
