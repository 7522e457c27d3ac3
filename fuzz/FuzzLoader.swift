// libFuzzer target: the KB loader on one arbitrary file.
// Built by fuzz/run.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` and Sources/CoopKB.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let report = Loader.load(sources: [Source(name: "fuzz.kb", bytes: bytes)])
    // Render every problem (line, column, caret), as the binary does.
    for d in report.diagnostics { _ = d.rendered }
    return 0
}
