import Foundation
import Testing

/// A command shown in README.md (a `$ coopkb …` line in a console block) and the output shown under it.
struct ReadmeExample: CustomTestStringConvertible, Sendable {
    var command: String
    var expected: String
    var testDescription: String { command }

    static func all() -> [ReadmeExample] {
        guard let text = try? String(contentsOf: Binary.root.appendingPathComponent("README.md"), encoding: .utf8) else { return [] }
        var examples: [ReadmeExample] = []
        var inConsole = false
        var current: ReadmeExample? = nil
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let c = current { examples.append(c); current = nil }
                inConsole = line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ coopkb") {
                if let c = current { examples.append(c) }
                current = ReadmeExample(command: String(line.dropFirst(2)), expected: "")
            } else if current != nil {
                current!.expected += line + "\n"
            }
        }
        return examples
    }
}

@Suite("README examples")
struct ReadmeTests {
    @Test("the README shows real commands")
    func thereAreExamples() {
        #expect(ReadmeExample.all().count >= 5)
    }

    /// Runs each `$ coopkb …` line of README.md with /bin/sh in the repository and compares standard output.
    @Test(arguments: ReadmeExample.all())
    func example(_ e: ReadmeExample) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        let bin = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().path
        p.arguments = ["-c", e.command]
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = bin + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env.removeValue(forKey: "COOPKB_KB")
        p.environment = env
        p.currentDirectoryURL = Binary.root
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let actual = String(decoding: data, as: UTF8.self)
        #expect(actual == e.expected, "README: $ \(e.command)\n--- expected ---\n\(e.expected)--- actual ---\n\(actual)")
    }
}
