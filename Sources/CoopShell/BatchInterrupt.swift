import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set by Ctrl-C (SIGINT) in batch mode; the running statement stops at its next check.
let batchInterruptFlag = Atomic<Bool>(false)
/// True while the KB given on the command line loads: Ctrl-C then ends the process at once (nothing to keep).
let initialLoadFlag = Atomic<Bool>(false)

/// Ctrl-C in batch mode: the first stops the running statement and the run ends with status 130;
/// a second one ends the process at once, with the same status.
enum BatchInterrupt {
    static func install() {
        ExitStatus.interruptedStatus = Outcome.interrupted.status
        signal(SIGINT) { _ in
            if batchInterruptFlag.load(ordering: .relaxed) || initialLoadFlag.load(ordering: .relaxed) { _exit(ExitStatus.interruptedStatus) }
            batchInterruptFlag.store(true, ordering: .relaxed)
        }
    }

    /// Whether the initial load is running (Ctrl-C ends the process then).
    static var loading: Bool {
        get { initialLoadFlag.load(ordering: .relaxed) }
        set { initialLoadFlag.store(newValue, ordering: .relaxed) }
    }

    static var requested: Bool { batchInterruptFlag.load(ordering: .relaxed) }
}
