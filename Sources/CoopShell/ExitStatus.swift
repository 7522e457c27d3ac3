/// How a run of `coopkb` ended. `status` is the one place an outcome becomes an exit status (SPEC §4):
/// main.swift, the shell, Terminal's flush and the Ctrl-C handler all end through it. The two exceptions are
/// forced by async-signal safety: the SIGINT handler exits with `ExitStatus.interruptedStatus`, copied from
/// `status` before the handler is installed, and the C shim's SIGQUIT handler exits with 131 (128 + SIGQUIT).
enum Outcome: Equatable {
    /// Statements ran; `failures` of them failed.
    case ran(failures: Int)
    /// `--help` or `--version` printed what was asked.
    case informed
    /// A command-line usage error (an unknown option, a bad `--format`, a FILE that cannot be read).
    case usage
    /// The KB could not be read at all.
    case kbUnreadable
    /// The KB has problems and `--lenient` was not given (batch mode, `--check`).
    case kbProblems
    /// Ctrl-C stopped a batch run, or ended the initial load.
    case interrupted
    /// Standard output could not be written (output was lost from there on).
    case outputLost
    /// The reader of standard output went away (`coopkb … | head -1`): nothing more is wanted.
    case readerGone
    /// The interactive shell ended (Ctrl-D, `.quit`).
    case shellEnded
    /// The shell could not start its line editor.
    case shellFailed

    /// The exit status of the outcome.
    var status: Int32 {
        switch self {
        case .ran(let failures): return failures == 0 ? 0 : 1
        case .informed, .readerGone, .shellEnded: return 0
        case .outputLost, .shellFailed: return 1
        case .usage, .kbUnreadable, .kbProblems: return 2
        case .interrupted: return 130
        }
    }
}

enum ExitStatus {
    /// `Outcome.interrupted.status`, in a plain global the SIGINT handler may read (it cannot run Swift code
    /// that might allocate or take a lock); set by `BatchInterrupt.install()` before the handler is.
    nonisolated(unsafe) static var interruptedStatus: Int32 = 130
}
