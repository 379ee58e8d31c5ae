/// What a finished run says in one word, and the exit status CI reads for it. A green verdict
/// means something was judged: a run that judged nothing says so with a verdict of its own.
public enum Verdict: String, Sendable, Equatable, CaseIterable {
    /// Every judged case conformed, and at least one was judged.
    case passed = "PASSED"
    /// The target broke the contract (or a case could not be run to the end).
    case failed = "FAILED"
    /// Every case that ran ended in an error reaching the target.
    case unreachable = "UNREACHABLE"
    /// No answer was judged: every case skipped, no traffic, nothing below the judged servers.
    case nothingJudged = "NOTHING JUDGED"
    /// The run's credentials were refused (from its first authenticated request, or from a
    /// point on): what was not judged is the credentials' doing, not the API's.
    case credentialsRefused = "CREDENTIALS REFUSED"

    /// The process exit status: 0, 1, 3, 4 and 5 (2 is a usage error, which ends a command
    /// before it has a verdict).
    public var exitCode: Int32 {
        switch self {
        case .passed: 0
        case .failed: 1
        case .unreachable: 3
        case .nothingJudged: 4
        case .credentialsRefused: 5
        }
    }

    /// Whether CI reads it as green.
    public var isGreen: Bool { self == .passed }
}
