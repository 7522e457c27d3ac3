// libFuzzer target: the query lexer, parser and evaluator, on the fixture KB (Tests/Fixtures/kb).
// Built by fuzz/run.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` and Sources/CoopKB.
// The KB path can be changed with $COOPKB_FUZZ_KB. Dot-commands that touch files are turned into comments.
import Foundation

let fixtureReport: LoadReport = {
    let path = ProcessInfo.processInfo.environment["COOPKB_FUZZ_KB"] ?? "Tests/Fixtures/kb"
    guard let r = try? Loader.load(paths: [path], system: POSIXSystem()), r.diagnostics.isEmpty, r.kb.authorities.count > 0 else {
        fatalError("fuzz: cannot load the fixture KB at '\(path)' (run from the package root or set COOPKB_FUZZ_KB)")
    }
    return r
}()

/// Dot-commands that read or write files, or spawn processes; never run by the fuzzer.
let deniedCommands: Set<String> = ["read", "load", "reload", "render"]

/// Turns `.read`, `.load`, `.reload` and `.render` lines into comments (the `.` becomes `#`), exactly where the
/// lexer would see a dot-command: at the start of a line, after blanks and tabs.
func neutralized(_ input: [UInt8]) -> [UInt8] {
    var b = input
    var i = 0
    if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
    var lineStart = i
    while lineStart < b.count {
        var j = lineStart
        while j < b.count && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
        if j < b.count && b[j] == 0x2E {
            var e = j + 1
            while e < b.count && b[e] != 0x20 && b[e] != 0x09 && b[e] != 0x0A && b[e] != 0x0D { e += 1 }
            let name = String(decoding: b[(j + 1)..<e], as: UTF8.self).lowercased()
            if deniedCommands.contains(name) || name.hasPrefix("re") || name.hasPrefix("lo") { b[j] = 0x23 }
        }
        while j < b.count && b[j] != 0x0A { j += 1 }
        lineStart = j + 1
    }
    return b
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = neutralized(Array(UnsafeBufferPointer(start: data, count: size)))
    var out = 0
    let session = Session(report: fixtureReport, kbPaths: [], mode: .tsv, system: POSIXSystem()) { event in
        switch event {
        case .output(let s): out &+= s.utf8.count
        case .error(let d): out &+= d.rendered.utf8.count
        default: break
        }
    }
    _ = session.run(Source(name: "q", bytes: bytes))
    // The shell's path: the same text typed line by line into the statement splitter.
    let typed = Splitter(name: "typed")
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
        typed.add(String(line))
        out &+= typed.pieces().count
    }
    return out == -1 ? 1 : 0
}
