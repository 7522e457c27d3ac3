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
        $SWIFTC -sanitize=fuzzer,address -parse-as-library -O -swift-version 5 -module-name CoopKBFuzz $LD \
            "$OUT/src-$t"/*.swift -o "$bin" 2>"$OUT/build-$t.log" \
            || { cat "$OUT/build-$t.log" >&2; echo "fuzz: build of $t failed" >&2; exit 2; }
    fi
    work=$OUT/corpus-$t
    mkdir -p "$work"
    log=$OUT/fuzz-$t.log
    echo "== fuzzing $t for ${SECONDS_EACH}s (log: $log)"
    # New inputs go to $work (git-ignored); the committed seeds are only read. -timeout makes a hang a crash,
    # -rss_limit_mb an explosion of memory.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
    "$bin" "$work" "$seeds" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 -max_len=$maxlen \
        -print_final_stats=1 -artifact_prefix="$OUT/crashes/$t-" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9A-Za-z]+' "$log" | tail -1)
    if [ $rc -ne 0 ]; then
        status=1
        echo "$t: CRASH (status $rc) after ${runs:-?} executions; $cov"
        grep -E 'ERROR: (AddressSanitizer|libFuzzer)|Fatal error|SUMMARY|Test unit written|deadly signal' "$log" | head -8
    else
        echo "$t: ok, ${runs:-?} executions (${speed:-?}/s), $cov, 0 crashes"
    fi
done
exit $status
