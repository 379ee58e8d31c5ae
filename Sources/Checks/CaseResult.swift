import CaseGeneration
import Execution

/// How one case went, with the exchanges that show it.
public struct CaseResult: Sendable {
    /// The verdict on the case.
    public enum Outcome: Sendable, Hashable {
        case passed
        /// The answers differ from the contract.
        case failed([CheckFailure])
        /// The case could not run to the end (the target was unreachable, say).
        case error(CaseError)
        /// Not run, or stopped before a verdict, and why.
        case skipped(SkipReason)
    }

    /// The case.
    public var testCase: TestCase
    /// Its verdict.
    public var outcome: Outcome
    /// Every exchange of the case, in order.
    public var exchanges: [Exchange]
    /// Where among `exchanges` the one the failure or error is about is (a case may send one
    /// request twice, so an index, not a match).
    public var culpritStep: Int?
    /// Seconds.
    public var duration: Double
    /// How a failing exploration case was made smaller, when it was.
    public var shrinking: Shrinking?

    /// A failing request reduced to a smaller one that fails the same way: `culprit` is then
    /// the smallest; this is where it started.
    public struct Shrinking: Sendable, Codable {
        /// The request the case first sent.
        public var original: Exchange.Request
        /// Smaller requests kept, one after another.
        public var steps: Int
        /// Requests sent to find them.
        public var attempts: Int

        /// How a shrink went.
        public init(original: Exchange.Request, steps: Int, attempts: Int) {
            self.original = original
            self.steps = steps
            self.attempts = attempts
        }
    }

    /// A case's result; `culpritStep` points into `exchanges`.
    public init(testCase: TestCase, outcome: Outcome, exchanges: [Exchange], culpritStep: Int?, duration: Double) {
        self.testCase = testCase
        self.outcome = outcome
        self.exchanges = exchanges
        self.culpritStep = culpritStep
        self.duration = duration
    }

    /// The exchange the failure or error is about.
    public var culprit: Exchange? {
        culpritStep.flatMap { exchanges.indices.contains($0) ? exchanges[$0] : nil }
    }

    /// The failures, when the case failed.
    public var failures: [CheckFailure] {
        if case .failed(let failures) = outcome { failures } else { [] }
    }

    /// Whether it passed.
    public var isPassed: Bool { if case .passed = outcome { true } else { false } }
    /// Whether the answers broke the contract.
    public var isFailure: Bool { if case .failed = outcome { true } else { false } }
    /// Whether it could not run to the end.
    public var isError: Bool { if case .error = outcome { true } else { false } }
    /// Whether it was not run.
    public var isSkipped: Bool { if case .skipped = outcome { true } else { false } }
    /// Whether the error came from not reaching the target at all.
    public var isUnreachable: Bool { culprit?.transportError.map { $0.kind == .unreachable || $0.kind == .tls } ?? false }
}
