// libFuzzer target: the KB loader through its real file path. The input is cut into up to eight files at each
// byte 0x1E (ASCII record separator); they are written into a fresh directory (in subdirectories, so the walk
// and the byte order of relative paths are exercised), every file is mapped (no minimum size) and the KB is
// parsed on two threads whatever its size, then merged: the path a large KB takes.
// Built by fuzz/run.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` and Sources/CoopKB.
#if canImport(Glibc)
import Glibc
#endif

nonisolated(unsafe) var fuzzDirectory: String? = nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFiles(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Loader.twoThreadMinimum = 0
    Loader.mapMinimum = 0
    if fuzzDirectory == nil {
        var template = Array("/tmp/coopkb-fuzz-files-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return 0 }
        fuzzDirectory = String(cString: made)
    }
    let dir = fuzzDirectory!
    var parts: [[UInt8]] = [[]]
    for i in 0..<size {
        if data[i] == 0x1E && parts.count < 8 { parts.append([]) } else { parts[parts.count - 1].append(data[i]) }
    }
    mkdir(dir + "/sub", 0o755)
    var paths: [String] = []
    for (k, bytes) in parts.enumerated() {
        let path = dir + (k % 2 == 0 ? "/" : "/sub/") + "part\(k).kb"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { continue }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        paths.append(path)
    }
    if let report = try? Loader.load(paths: [dir], system: POSIXSystem()) {
        // Render every problem (line, column, caret), as the binary does.
        for d in report.diagnostics { _ = d.rendered }
        for p in report.shownProblems() { _ = p }
    }
    for p in paths { unlink(p) }
    return 0
}
