import Checks
import Execution
import MockServer

/// Everything a run needs to be told: the contract, the cases, where to send them, with which
/// secrets, how, and by which checks to judge the answers.
public struct RunRequest: Sendable {
    /// Where the cases go.
    public enum TargetChoice: Sendable, Equatable {
        /// The embedded mock, in-process, with these faults (the gate's self-test).
        case mock(faults: Set<Fault>)
        /// The document's Sandbox Server.
        case sandbox
        /// Any base URL (the server URL, path included).
        case baseURL(String)
    }

    /// The contract to run.
    public var contract: ContractSource
    /// Which cases to send.
    public var cases: CaseChoice
    /// Where to send them.
    public var target: TargetChoice
    /// Where the secrets come from.
    public var credentials: CredentialChoice
    /// A PEM file of CA certificates to trust besides the system's.
    public var caCertificates: String?
    /// Run cases that create data even against a server that uses live data.
    public var allowLiveData: Bool
    /// The most requests in flight at once.
    public var concurrency: Int
    /// How long an answer may take.
    public var timeout: Duration
    /// Retries on 429 and 503.
    public var retries: Int
    /// The checks that judge the answers.
    public var checks: Set<CheckName>
    /// Seconds an answer may take (`--max-response-time`), judged by `response-time`.
    public var maxResponseTime: Double?
    /// Headers every request carries besides its case's (`-H`).
    public var headers: [ExtraHeader]
    /// Headers of one operation's requests, by operationId (the configuration file).
    public var operationHeaders: [String: [ExtraHeader]]
    /// At most so many requests per second across the run; `nil`: no limit.
    public var rateLimit: Double?
    /// Whether the target holds live data, as the configuration declares it; `nil`: as the
    /// document's `x-live-data` declares it, else test data on loopback and live elsewhere.
    public var liveData: Bool?
    /// The target's name in reports (the configuration's environment); `nil`: mock, sandbox,
    /// production or custom.
    public var targetName: String?
    /// The operations' exceptions (the configuration file's `overrides`).
    public var overrides: [OperationOverride] = []
    /// Makes this run's addresses unique; `nil`: one from the clock.
    public var runTag: String?
    /// Where GitLab's parallel-job variables, the proxy variables and the variables extra
    /// headers name are read.
    public var environment: [String: String]

    /// A run; every setting but the contract has a default.
    public init(
        contract: ContractSource = ContractSource(), cases: CaseChoice = CaseChoice(), target: TargetChoice = .mock(faults: []),
        credentials: CredentialChoice = CredentialChoice(), caCertificates: String? = nil, allowLiveData: Bool = false,
        concurrency: Int = SuiteRunner.Options.defaultConcurrency, timeout: Duration = .seconds(30), retries: Int = 3,
        checks: Set<CheckName> = CheckName.selection(only: nil, excluded: [], strict: false), maxResponseTime: Double? = nil,
        headers: [ExtraHeader] = [], operationHeaders: [String: [ExtraHeader]] = [:], rateLimit: Double? = nil,
        runTag: String? = nil, environment: [String: String] = [:]
    ) {
        self.contract = contract
        self.cases = cases
        self.target = target
        self.credentials = credentials
        self.caCertificates = caCertificates
        self.allowLiveData = allowLiveData
        self.concurrency = concurrency
        self.timeout = timeout
        self.retries = retries
        self.checks = checks
        self.maxResponseTime = maxResponseTime
        self.headers = headers
        self.operationHeaders = operationHeaders
        self.rateLimit = rateLimit
        self.runTag = runTag
        self.environment = environment
    }
}

/// What a run reports as it goes, for a front-end to show.
public enum RunEvent: Sendable {
    /// The document's errors the run goes on despite, as the terminal shows them.
    case tolerated(String)
    /// The run is a slice of a sharded run.
    case slice(Shard, source: CaseChoice.SliceSource, cases: Int, planned: Int)
    /// The run reaches its target through this forward proxy (`HTTPS_PROXY`).
    case proxy(ProxyChoice)
    /// A case finished: the `done`th of `total`.
    case finished(CaseResult, done: Int, total: Int)
    /// Credentials the document declares no scheme for go on every request as this extra
    /// header: no case tests their absence.
    case undeclaredCredentials(header: String)
}
