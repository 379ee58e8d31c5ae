import CaseGeneration
import Checks
import Execution

/// A finished run: what ran where, and every case's result.
public struct RunSummary: Sendable {
    /// The document as named.
    public var specPath: String
    /// Where the cases went.
    public var target: Target
    /// The seed the cases were made with.
    public var seed: UInt64
    /// RFC 3339 UTC, when the run started.
    public var startedAt: String
    /// Seconds.
    public var duration: Double
    /// Every case's result, in the run's order.
    public var results: [CaseResult]
    /// Documented response keys per operation, in document order (for "observed" lines).
    public var documentedStatuses: [(operationId: String, keys: [String])]
    /// The start of the command that runs one case again; ` --case ID` completes it.
    public var replayCommand: String
    /// The slice of the run this is, when it is one.
    public var shard: Shard?
    /// How many cases the whole run has (all slices).
    public var plannedCases: Int
    /// Each result's place among the whole run's cases.
    public var positions: [Int]
    /// A digest of the document's text, to tell documents apart when reports are merged.
    public var specDigest: String?
    /// The SHA-256 of the document's text when it was fetched from a URL: which text the
    /// run was judged by.
    public var specSHA256: String?
    /// How the run adapted its concurrency to the target, when it did.
    public var pressure: Pressure.Report?
    /// Seconds an answer was allowed (`--max-response-time`), when the run timed answers: the
    /// terminal then lists the slowest.
    public var responseTimeLimit: Double?
    /// For recorded traffic (`verify`): what the traffic files were, the client's faulty
    /// requests, and what the document does not declare.
    public var traffic: Traffic?
    /// The mock the run started in-process, when it did: its reproductions name its port, so
    /// the reports say how to start the same mock again.
    public var embeddedMock: EmbeddedMock?
    /// Recorded exchanges no case stands for (undocumented endpoints, other hosts): the HAR
    /// holds them too. Not stored in the run's JSON.
    public var unjudgedExchanges: [Exchange] = []

    /// What a verdict on recorded traffic says beside the cases.
    public struct Traffic: Sendable, Codable {
        /// The traffic files judged, in order.
        public var files: [String]
        /// Requests that broke the contract.
        public var clientProblems: [ClientProblem]
        /// Paths and methods the document does not declare.
        public var undocumented: [UndocumentedEndpoint]
        /// Exchanges to no server of the document.
        public var elsewhere: Int

        /// What a traffic verdict adds.
        public init(files: [String], clientProblems: [ClientProblem], undocumented: [UndocumentedEndpoint], elsewhere: Int) {
            self.files = files
            self.clientProblems = clientProblems
            self.undocumented = undocumented
            self.elsewhere = elsewhere
        }

        /// The client's problems grouped by operation and words, in first-seen order.
        public var groupedClientProblems: [(first: ClientProblem, count: Int)] {
            var groups: [(first: ClientProblem, count: Int)] = []
            for problem in clientProblems {
                if let index = groups.firstIndex(where: { $0.first.operationId == problem.operationId && $0.first.problem == problem.problem }) {
                    groups[index].count += 1
                } else {
                    groups.append((problem, 1))
                }
            }
            return groups
        }
    }

    /// A run's summary.
    public init(
        specPath: String, target: Target, seed: UInt64, startedAt: String, duration: Double,
        results: [CaseResult], documentedStatuses: [(operationId: String, keys: [String])],
        replayCommand: String? = nil, shard: Shard? = nil, plannedCases: Int? = nil, positions: [Int]? = nil,
        specDigest: String? = nil
    ) {
        self.specPath = specPath
        self.target = target
        self.seed = seed
        self.startedAt = startedAt
        self.duration = duration
        self.results = results
        self.documentedStatuses = documentedStatuses
        self.replayCommand = replayCommand ?? "contract-test run --seed \(seed)"
        self.shard = shard
        self.plannedCases = plannedCases ?? results.count
        self.positions = positions ?? Array(results.indices)
        self.specDigest = specDigest
    }

    /// The failures grouped by distinct problem.
    public var problems: [Problem] { Problem.group(results) }

    /// The baseline the run is judged with, and the day (`YYYY-MM-DD`, UTC) its expiry dates
    /// are read against; set with `judge(by:today:)`.
    public private(set) var baseline: (baseline: Baseline, today: String)?

    /// The problems set against the baseline, when there is one: worked out once, when the
    /// baseline is set.
    public private(set) var comparison: BaselineComparison?

    /// Failed cases whose every failure the baseline accepts: they do not fail the run.
    public private(set) var knownFailures = 0

    /// Where the run's status failures have their cause, worked out when the baseline is set.
    public private(set) var causes = Problem.Causes([])

    /// Judges the run's problems by `baseline` as of `today` (`YYYY-MM-DD`, UTC).
    public mutating func judge(by baseline: Baseline, today: String) {
        causes = Problem.Causes(results)
        let comparison = BaselineComparison(problems: problems, baseline: baseline, today: today)
        self.baseline = (baseline, today)
        self.comparison = comparison
        let accepted = comparison.accepted
        knownFailures = accepted.isEmpty ? 0 : results.filter { isKnown($0, accepted: accepted) }.count
    }

    /// Whether every failure of a failed case is a problem the baseline accepts.
    public func isKnown(_ result: CaseResult, accepted: Set<Problem.Fingerprint>) -> Bool {
        result.isFailure && result.failures.allSatisfy { accepted.contains(Problem.Fingerprint($0, of: result, causes: causes)) }
    }

    /// The command that runs this case again; `nil` for a recorded exchange, which its curl
    /// command reproduces.
    public func replay(_ testCase: TestCase) -> String? {
        testCase.kind == .traffic ? nil : "\(replayCommand) --case \(testCase.id)"
    }

    /// Failed cases, less those the baseline accepts.
    public var failures: Int { results.filter(\.isFailure).count - knownFailures }
    /// Cases that could not run to the end.
    public var errors: Int { results.filter(\.isError).count }
    /// Cases not run.
    public var skipped: Int { results.filter(\.isSkipped).count }
    /// Cases that passed.
    public var passed: Int { results.count - failures - knownFailures - errors - skipped }

    /// Whether a run that judged nothing may pass (`--allow-nothing-judged`): a filter that
    /// leaves nothing on purpose, a proxy left idle on purpose.
    public var nothingJudgedAccepted = false

    /// The run's verdict: unreachable when every case that ran ended in an error reaching the
    /// target, failed on any failure or error, nothing judged when no answer was judged (unless
    /// that is accepted), else passed.
    public var verdict: Verdict {
        let ran = results.filter { !$0.isSkipped }
        if !ran.isEmpty, ran.allSatisfy({ $0.isError }), ran.contains(where: \.isUnreachable) { return .unreachable }
        // An expired entry's cases are never accepted, so they count among the failures.
        if failures + errors > 0 { return .failed }
        if credentialsGone != nil { return .credentialsRefused }
        if ran.isEmpty, !nothingJudgedAccepted { return .nothingJudged }
        return .passed
    }

    /// Why the run's credentials stopped being accepted, when they did: the reason its
    /// authenticated cases after that were not judged.
    public var credentialsGone: SkipReason? {
        for result in results {
            if case .skipped(let reason) = result.outcome {
                switch reason {
                case .credentialsRefused, .credentialsLost: return reason
                default: continue
                }
            }
        }
        return nil
    }

    /// Where the run's secret came from, in words (`$PARTNER_API_TOKEN`, `the command ...`):
    /// what a refusal of it asks the user to check.
    public var credentialSource: String?

    /// The process exit status of the verdict.
    public var exitCode: Int32 { verdict.exitCode }

    /// The cases whose slowest answer took longest, slowest first, with that answer's time in
    /// seconds (retries and waits left out).
    public func slowestAnswers(_ count: Int) -> [(result: CaseResult, seconds: Double)] {
        let timed = results.compactMap { result in result.exchanges.compactMap(\.answerTime).max().map { (result: result, seconds: $0) } }
        return Array(timed.sorted { $0.seconds > $1.seconds }.prefix(count))
    }

    /// Results grouped by operation, in document order.
    public var byOperation: [(operationId: String, results: [CaseResult])] {
        var order: [String] = []
        var groups: [String: [CaseResult]] = [:]
        for result in results {
            if groups[result.testCase.operationId] == nil { order.append(result.testCase.operationId) }
            groups[result.testCase.operationId, default: []].append(result)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }
}
