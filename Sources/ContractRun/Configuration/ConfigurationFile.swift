import Checks
import Execution
import YAMLSource

/// A value of the configuration file with the place it is written.
public struct Sourced<Value: Sendable>: Sendable {
    public var value: Value
    public var mark: Mark

    public init(_ value: Value, at mark: Mark) {
        self.value = value
        self.mark = mark
    }
}

/// `contract-test.yaml`: everything the run's flags say, in one file a team commits (spec,
/// environments with their base URLs and live-data policy, credential sources, checks,
/// budgets, seed, reports, baseline), plus per-operation overrides, each with its reason.
/// Read with the project's YAML loader: every value keeps its line and column, and an
/// unknown key or a wrong type is an error there. Texts may read environment variables
/// (`${NAME}`), resolved only for what the run uses.
public struct ConfigurationFile: Sendable {
    /// The file, as named.
    public var path: String
    public var spec: Sourced<VariableText>?
    public var rules: Sourced<VariableText>?
    public var noRemoteRefs: Sourced<Bool>?
    public var refCache: Sourced<VariableText>?
    /// The environment a run uses when `--env` names none.
    public var environment: Sourced<String>?
    public var environments: [Environment] = []
    public var cases = Cases()
    public var checks = Checks()
    public var budget = Budget()
    /// Headers every request carries (`-H`).
    public var headers: [Sourced<ExtraHeader>] = []
    public var credentials = Credentials()
    public var caCert: Sourced<VariableText>?
    public var reports = Reports()
    public var baseline: Sourced<VariableText>?
    /// Per-operation exceptions, each with its reason.
    public var overrides: [Override] = []

    public init(path: String) {
        self.path = path
    }

    /// The seed and filters (`run --seed`, `--kind`, `--operation`, `--examples`, `--email-domain`).
    public struct Cases: Sendable {
        public var seed: Sourced<UInt64>?
        public var kinds: Sourced<[String]>?
        public var operations: Sourced<[String]>?
        public var examples: Sourced<Int>?
        public var emailDomain: Sourced<VariableText>?
    }

    /// Which checks judge the answers (`--checks`, `--exclude-checks`, `--strict`,
    /// `--max-response-time`).
    public struct Checks: Sendable {
        public var only: Sourced<[CheckName]>?
        public var exclude: Sourced<[CheckName]>?
        public var strict: Sourced<Bool>?
        /// Milliseconds.
        public var maxResponseTime: Sourced<Int>?
    }

    /// How hard the run may press the target (`--concurrency`, `--timeout`, `--retries`, `--rate-limit`).
    public struct Budget: Sendable {
        public var concurrency: Sourced<Int>?
        /// Seconds.
        public var timeout: Sourced<Int>?
        public var retries: Sourced<Int>?
        public var rateLimit: Sourced<Double>?
    }

    /// Where secrets come from: names of variables and commands, never a secret.
    public struct Credentials: Sendable {
        public var tokenEnv: Sourced<String>?
        public var tokenCommand: Sourced<VariableText>?
        public var oauth2: OAuth2?
        /// Variables by security scheme (`--credential SCHEME=ENV_VAR`).
        public var schemes: [Sourced<SchemeVariable>] = []
        public var basicUser: Sourced<VariableText>?
        public var clientCert: Sourced<VariableText>?
        public var clientKey: Sourced<VariableText>?
    }

    /// The variable that holds one security scheme's secret.
    public struct SchemeVariable: Sendable, Equatable {
        public var scheme: String
        public var variable: String
    }

    /// OAuth2 client credentials (`--oauth2-token-url` and its options).
    public struct OAuth2: Sendable {
        public var tokenURL: Sourced<VariableText>
        public var clientIdEnv: Sourced<String>?
        public var clientSecretEnv: Sourced<String>?
        public var scope: Sourced<VariableText>?
        public var clientAuth: Sourced<OAuth2ClientCredentials.ClientAuthentication>?
        public var mark: Mark
    }

    /// Where the reports go (`--junit`, `--json`, `--html`, `--har`, `--show-problems`).
    public struct Reports: Sendable {
        public var junit: Sourced<VariableText>?
        public var json: Sourced<VariableText>?
        public var html: Sourced<VariableText>?
        public var har: Sourced<VariableText>?
        public var showProblems: Sourced<Int>?
    }

    /// A server the run can be pointed at (`--env NAME`), with what differs there.
    public struct Environment: Sendable {
        public var name: String
        public var mark: Mark
        /// `mock` or `sandbox`, when it is not a base URL.
        public var target: Sourced<String>?
        public var baseURL: Sourced<VariableText>?
        /// Whether the server holds live data: cases that create data then need `--allow-live-data`.
        public var liveData: Sourced<Bool>?
        /// Headers of this environment, besides (or instead of, by name) the file's.
        public var headers: [Sourced<ExtraHeader>] = []
        /// Credential sources of this environment, field by field over the file's.
        public var credentials = Credentials()
        public var budget = Budget()
        public var caCert: Sourced<VariableText>?
        public var mockFaults: Sourced<[String]>?
    }

    /// What differs for one operation, and why.
    public struct Override: Sendable {
        public var operationId: String
        public var mark: Mark
        public var reason: String
        /// Statuses it may answer besides those the document lists.
        public var expectStatuses: [Int] = []
        public var excludeChecks: [CheckName] = []
        public var headers: [Sourced<ExtraHeader>] = []
        public var skip = false
    }

    /// The environment named `name`.
    public func environment(named name: String) -> Environment? {
        environments.first { $0.name == name }
    }
}
