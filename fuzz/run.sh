#!/bin/sh
# Builds the libFuzzer targets (fuzz/Fuzz*.swift + Sources/CoopKB, with address sanitizer) into fuzz/out/
# and runs each for SECONDS (default 60). Exit status 1 when a target crashes (artifacts in fuzz/out/crashes/).
# Usage: fuzz/run.sh [SECONDS] [TARGET...]      TARGET: loader, files, query (default: all three)
#   loader: one KB text in memory; files: several KB files through the real path (mmap, two threads, merge).
set -u
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
TARGETS=${*:-loader files query}
SWIFTC=${SWIFTC:-swiftc}
OUT=fuzz/out
mkdir -p "$OUT/crashes"
SOURCES=$(find Sources/CoopKB -name '*.swift' | sort)
status=0

# The library's package dependencies (SwiftCSV, ZIPFoundation), built once from SwiftPM's checkouts as static
# modules the targets link; they are not instrumented, only the library is.
CHECKOUTS=.build/checkouts
[ -d "$CHECKOUTS/SwiftCSV" ] && [ -d "$CHECKOUTS/ZIPFoundation" ] || swift package resolve >/dev/null || exit 2
MODS=$OUT/modules
if [ ! -f "$MODS/libZIPFoundation.a" ] || [ ! -f "$MODS/libSwiftCSV.a" ]; then
    echo "== building the package dependencies for the fuzz targets"
    mkdir -p "$MODS"
    $SWIFTC -parse-as-library -O -swift-version 5 -module-name SwiftCSV -emit-module \
        -emit-module-path "$MODS/SwiftCSV.swiftmodule" -emit-library -static -o "$MODS/libSwiftCSV.a" \
        "$CHECKOUTS"/SwiftCSV/SwiftCSV/*.swift 2>"$OUT/build-deps.log" &&
    $SWIFTC -parse-as-library -O -swift-version 5 -module-name ZIPFoundation -emit-module \
        -I "$CHECKOUTS/ZIPFoundation/Sources/CZLib" -Xcc -D_GNU_SOURCE=1 \
        -emit-module-path "$MODS/ZIPFoundation.swiftmodule" -emit-library -static -o "$MODS/libZIPFoundation.a" \
        "$CHECKOUTS"/ZIPFoundation/Sources/ZIPFoundation/*.swift 2>>"$OUT/build-deps.log" \
        || { cat "$OUT/build-deps.log" >&2; echo "fuzz: build of the dependencies failed" >&2; exit 2; }
fi
DEPS="-I $MODS -I $CHECKOUTS/ZIPFoundation/Sources/CZLib -L $MODS -lSwiftCSV -lZIPFoundation -lz"
for t in $TARGETS; do
    case $t in
        loader) main=fuzz/FuzzLoader.swift; seeds=fuzz/corpus/kb; maxlen=4096 ;;
        files)  main=fuzz/FuzzFiles.swift;  seeds=fuzz/corpus/kb; maxlen=65536 ;;
        query)  main=fuzz/FuzzQuery.swift;  seeds=fuzz/corpus/query; maxlen=4096 ;;
        *) echo "fuzz: unknown target '$t' (loader, files, query)" >&2; exit 2 ;;
    esac
    bin=$OUT/fuzz-$t
    if [ ! -x "$bin" ] || [ -n "$(find $main $SOURCES -newer "$bin" 2>/dev/null | head -1)" ]; then
        echo "== building $bin"
        # ld.gold warns about every local ASan symbol; lld is quiet when the toolchain has it.
        LD=""; command -v ld.lld >/dev/null 2>&1 && LD="-use-ld=lld"
        # Compile a snapshot, so that an edit made meanwhile does not fail the build.
        rm -rf "$OUT/src-$t" && mkdir -p "$OUT/src-$t" && cp $SOURCES "$main" "$OUT/src-$t/"
        $SWIFTC -sanitize=fuzzer,address -parse-as-library -O -swift-version 5 -module-name CoopKBFuzz $LD $DEPS \
            "$OUT/src-$t"/*.swift -o "$bin" 2>"$OUT/build-$t.log" \
            || { cat "$OUT/build-$t.log" >&2; echo "fuzz: build of $t failed" >&2; exit 2; }
    fi
    work=$OUT/corpus-$t
    mkdir -p "$work"
    log=$OUT/fuzz-$t.log
    echo "== fuzzing $t for ${SECONDS_EACH}s (log: $log)"
    # New inputs go to $work (git-ignored); the committed seeds are only read. -timeout makes a hang a crash,
    # -rss_limit_mb an explosion of memory.
    # Swift's own crash handler is turned off: under ASan it crashed in turn (memserver_read) and hid the trap;
    # libFuzzer then reports the deadly signal with the stack. The seed is printed so that a run can be replayed.
    seed=${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
    "$bin" "$work" "$seeds" -seed="$seed" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 \
        -max_len=$maxlen -print_final_stats=1 -artifact_prefix="$OUT/crashes/$t-" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9A-Za-z]+' "$log" | tail -1)
    if [ $rc -ne 0 ]; then
        status=1
        echo "$t: CRASH (status $rc) after ${runs:-?} executions (seed $seed); $cov"
        grep -E 'ERROR: (AddressSanitizer|libFuzzer)|Fatal error|runtime failure|SUMMARY|Test unit written|deadly signal' "$log" | head -8
        # The first frames in the library, and the input itself (CI keeps only this output): enough to reproduce.
        grep -E '^ +#[0-9]+ 0x[0-9a-f]+ in ' "$log" | grep -v -E ' in (__|fuzzer::|LLVMFuzzer|main$|_start)' | head -12 |
            if command -v swift-demangle >/dev/null 2>&1; then swift-demangle --simplified; else cat; fi
        unit=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
        if [ -n "$unit" ] && [ -f "$unit" ]; then
            echo "the input ($(wc -c <"$unit") bytes, as a Python bytes literal):"
            python3 -c 'import sys; print(repr(open(sys.argv[1], "rb").read()[:6000]))' "$unit" 2>/dev/null ||
                od -An -c "$unit" | head -60
        fi
    else
        echo "$t: ok, ${runs:-?} executions (${speed:-?}/s), $cov, 0 crashes"
    fi
done
exit $status
