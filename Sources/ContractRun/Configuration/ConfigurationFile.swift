import Checks
import Execution
import YAMLSource

/// A value of the configuration file with the place it is written.
public struct Sourced<Value: Sendable>: Sendable {
    /// The value as read (a text may still hold `${VAR}`).
    public var value: Value
    /// Where it is written.
    public var mark: Mark

    /// `value`, written at `mark`.
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
    /// `spec:` the document (`--spec`): a path or a URL.
    public var spec: Sourced<VariableText>?
    /// `rules:` the business rules file (`--rules`).
    public var rules: Sourced<VariableText>?
    /// `no-remote-refs:` never fetch a remote `$ref` (`--no-remote-refs`).
    public var noRemoteRefs: Sourced<Bool>?
    /// `ref-cache:` where fetched remote documents are kept (`--ref-cache`).
    public var refCache: Sourced<VariableText>?
    /// The environment a run uses when `--env` names none.
    public var environment: Sourced<String>?
    /// `environments:` the servers a run can be pointed at, in the file's order.
    public var environments: [Environment] = []
    /// `cases:` the seed and the filters.
    public var cases = Cases()
    /// `checks:` which checks judge the answers.
    public var checks = Checks()
    /// `budget:` how hard the run may press the target.
    public var budget = Budget()
    /// Headers every request carries (`-H`).
    public var headers: [Sourced<ExtraHeader>] = []
    /// `credentials:` where the secrets come from.
    public var credentials = Credentials()
    /// `ca-cert:` a PEM CA to trust for HTTPS (`--ca-cert`).
    public var caCert: Sourced<VariableText>?
    /// `reports:` where the reports go.
    public var reports = Reports()
    /// `baseline:` the known problems to judge by (`--baseline`).
    public var baseline: Sourced<VariableText>?
    /// Per-operation exceptions, each with its reason.
    public var overrides: [Override] = []

    /// An empty configuration read from `path`.
    public init(path: String) {
        self.path = path
    }

    /// The seed and filters (`run --seed`, `--kind`, `--operation`, `--examples`, `--email-domain`).
    public struct Cases: Sendable {
        /// `seed:` (`--seed`).
        public var seed: Sourced<UInt64>?
        /// `kinds:` the kinds of case to run (`--kind`).
        public var kinds: Sourced<[String]>?
        /// `operations:` the operations to run (`--operation`).
        public var operations: Sourced<[String]>?
        /// `examples:` random valid bodies per operation (`--examples`).
        public var examples: Sourced<Int>?
        /// `email-domain:` the domain of generated addresses (`--email-domain`).
        public var emailDomain: Sourced<VariableText>?
    }

    /// Which checks judge the answers (`--checks`, `--exclude-checks`, `--strict`,
    /// `--max-response-time`).
    public struct Checks: Sendable {
        /// `only:` judge by these checks alone (`--checks`).
        public var only: Sourced<[CheckName]>?
        /// `exclude:` never judge by these (`--exclude-checks`).
        public var exclude: Sourced<[CheckName]>?
        /// `strict:` fail undocumented response members (`--strict`).
        public var strict: Sourced<Bool>?
        /// Milliseconds.
        public var maxResponseTime: Sourced<Int>?
    }

    /// How hard the run may press the target (`--concurrency`, `--timeout`, `--retries`, `--rate-limit`).
    public struct Budget: Sendable {
        /// `concurrency:` the most requests in flight (`--concurrency`).
        public var concurrency: Sourced<Int>?
        /// Seconds.
        public var timeout: Sourced<Int>?
        /// `retries:` retries on 429 and 503 (`--retries`).
        public var retries: Sourced<Int>?
        /// `rate-limit:` requests per second across the run (`--rate-limit`).
        public var rateLimit: Sourced<Double>?
    }

    /// Where secrets come from: names of variables and commands, never a secret.
    public struct Credentials: Sendable {
        /// `token-env:` the variable holding every scheme's secret (`--token-env`).
        public var tokenEnv: Sourced<String>?
        /// `token-command:` a command printing the secret (`--token-command`).
        public var tokenCommand: Sourced<VariableText>?
        /// `oauth2:` a token endpoint issuing the bearer token.
        public var oauth2: OAuth2?
        /// Variables by security scheme (`--credential SCHEME=ENV_VAR`).
        public var schemes: [Sourced<SchemeVariable>] = []
        /// `basic-user:` the user name HTTP Basic sends (`--basic-user`).
        public var basicUser: Sourced<VariableText>?
        /// `client-cert:` a PEM client certificate chain for mutualTLS (`--client-cert`).
        public var clientCert: Sourced<VariableText>?
        /// `client-key:` its private key (`--client-key`).
        public var clientKey: Sourced<VariableText>?
    }

    /// The variable that holds one security scheme's secret.
    public struct SchemeVariable: Sendable, Equatable {
        /// The security scheme's name in the document.
        public var scheme: String
        /// The environment variable holding its secret.
        public var variable: String
    }

    /// OAuth2 client credentials (`--oauth2-token-url` and its options).
    public struct OAuth2: Sendable {
        /// `token-url:` the token endpoint (`--oauth2-token-url`).
        public var tokenURL: Sourced<VariableText>
        /// `client-id-env:` the variable holding the client id.
        public var clientIdEnv: Sourced<String>?
        /// `client-secret-env:` the variable holding the client secret.
        public var clientSecretEnv: Sourced<String>?
        /// `scope:` the scopes to ask for, space-separated.
        public var scope: Sourced<VariableText>?
        /// `client-auth:` `basic` or `post`.
        public var clientAuth: Sourced<OAuth2ClientCredentials.ClientAuthentication>?
        /// Where it is written.
        public var mark: Mark
    }

    /// Where the reports go (`--junit`, `--json`, `--html`, `--har`, `--show-problems`).
    public struct Reports: Sendable {
        /// `junit:` the JUnit XML report (`--junit`).
        public var junit: Sourced<VariableText>?
        /// `json:` the run as JSON (`--json`).
        public var json: Sourced<VariableText>?
        /// `html:` the HTML report (`--html`).
        public var html: Sourced<VariableText>?
        /// `har:` every exchange as HAR (`--har`).
        public var har: Sourced<VariableText>?
        /// `show-problems:` how many distinct problems the terminal shows in full.
        public var showProblems: Sourced<Int>?
    }

    /// A server the run can be pointed at (`--env NAME`), with what differs there.
    public struct Environment: Sendable {
        /// The environment's name, as `--env` gives it.
        public var name: String
        /// Where it is written.
        public var mark: Mark
        /// `mock` or `sandbox`, when it is not a base URL.
        public var target: Sourced<String>?
        /// `base-url:` the server's base URL, when it is not `target`.
        public var baseURL: Sourced<VariableText>?
        /// Whether the server holds live data: cases that create data then need `--allow-live-data`.
        public var liveData: Sourced<Bool>?
        /// Headers of this environment, besides (or instead of, by name) the file's.
        public var headers: [Sourced<ExtraHeader>] = []
        /// Credential sources of this environment, field by field over the file's.
        public var credentials = Credentials()
        /// Its budget, field by field over the file's.
        public var budget = Budget()
        /// Its CA to trust, instead of the file's.
        public var caCert: Sourced<VariableText>?
        /// `mock-faults:` faults the embedded mock serves with (`--mock-fault`).
        public var mockFaults: Sourced<[String]>?
    }

    /// What differs for one operation, and why.
    public struct Override: Sendable {
        /// The operation it is about.
        public var operationId: String
        /// Where it is written.
        public var mark: Mark
        /// Why it differs: required, shown wherever the override takes effect.
        public var reason: String
        /// Statuses it may answer besides those the document lists.
        public var expectStatuses: [Int] = []
        /// Checks that never judge it.
        public var excludeChecks: [CheckName] = []
        /// Headers its requests carry besides the others.
        public var headers: [Sourced<ExtraHeader>] = []
        /// Whether its cases are skipped, with the reason.
        public var skip = false
        /// Whether its cases run after every other case (it may change the run's credentials or
        /// the server's settings); `nil`: as its method and words suggest.
        public var runLast: Bool?
    }

    /// The environment named `name`.
    public func environment(named name: String) -> Environment? {
        environments.first { $0.name == name }
    }
}
