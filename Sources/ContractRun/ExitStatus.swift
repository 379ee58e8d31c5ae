import Reporting

/// How a command ends, as CI reads it: the process exit status is part of the interface.
public enum ExitStatus: Int32, Sendable, Equatable, CaseIterable {
    /// Every case (or recorded exchange) conformed.
    case passed = 0
    /// The target broke the contract.
    case failures = 1
    /// The command, the document, its rules or an input file cannot be used as given.
    case usage = 2
    /// Every case that ran ended in an error reaching the target.
    case unreachable = 3
    /// Nothing was judged (every case skipped, no traffic), and `--allow-nothing-judged` was
    /// not given: a green run must have judged something.
    case nothingJudged = 4
    /// The run's credentials were refused (at the start, or from a point on): what was not
    /// judged is the credentials' doing, and the run says which scheme, secret and answer.
    case credentialsRefused = 5
    /// Stopped by SIGINT (Ctrl-C) before it finished: 128 + 2, as shells report it.
    case interrupted = 130

    /// The verdict of a run, a merge or verified traffic.
    public init(_ summary: RunSummary) {
        self =
            switch summary.verdict {
            case .passed: .passed
            case .failed: .failures
            case .unreachable: .unreachable
            case .nothingJudged: .nothingJudged
            case .credentialsRefused: .credentialsRefused
            }
    }
}
