import CaseGeneration
import Checks
import Execution
import YAMLSource

/// What the command line says of a run: every value `nil` (or empty) where no flag was given,
/// so the configuration file and then the defaults can fill it in (`EffectiveRun`).
public struct RunSettings: Sendable {
    /// `--config FILE`.
    public var configFile: String?
    /// `--env NAME`.
    public var environment: String?
    /// `--spec`.
    public var spec: String?
    /// `--rules`.
    public var rules: String?
    /// `--no-remote-refs`.
    public var noRemoteRefs: Bool?
    /// `--ref-cache`.
    public var refCache: String?
    /// `--target mock|sandbox`.
    public var target: String?
    /// `--base-url`.
    public var baseURL: String?
    /// `--mock-fault` (repeatable).
    public var mockFaults: [String]?
    /// `--allow-live-data`.
    public var allowLiveData = false

    /// `--seed`.
    public var seed: UInt64?
    /// `--kind`.
    public var kinds: [CaseKind]?
    /// `--operation`.
    public var operations: [String]?
    /// `--examples`.
    public var examples: Int?
    /// `--email-domain`.
    public var emailDomain: String?
    /// `--case ID` (repeatable).
    public var caseIds: [String] = []
    /// `--shard K/N`.
    public var shard: Shard?

    /// `--checks`.
    public var checksOnly: [CheckName]?
    /// `--exclude-checks`.
    public var checksExcluded: [CheckName]?
    /// `--strict`.
    public var strict: Bool?
    /// Milliseconds.
    public var maxResponseTime: Int?

    /// `--concurrency`.
    public var concurrency: Int?
    /// `--timeout`, in seconds.
    public var timeout: Int?
    /// `--retries`.
    public var retries: Int?
    /// `--rate-limit`, requests per second.
    public var rateLimit: Double?
    /// Added to the file's headers; one of the same name replaces the file's.
    public var headers: [ExtraHeader] = []

    /// `--token-env`.
    public var tokenEnv: String?
    /// `--token-command`.
    public var tokenCommand: String?
    /// `--oauth2-token-url`.
    public var oauth2TokenURL: String?
    /// `--oauth2-client-id-env`.
    public var oauth2ClientIdEnv: String?
    /// `--oauth2-client-secret-env`.
    public var oauth2ClientSecretEnv: String?
    /// `--oauth2-scope`.
    public var oauth2Scope: String?
    /// `--oauth2-client-auth`.
    public var oauth2ClientAuth: OAuth2ClientCredentials.ClientAuthentication?
    /// `--credential SCHEME=ENV_VAR`, over the file's for the same scheme.
    public var schemeVariables: [String: String] = [:]
    /// `--basic-user`.
    public var basicUser: String?
    /// `--client-cert`.
    public var clientCert: String?
    /// `--client-key`.
    public var clientKey: String?
    /// `--ca-cert`.
    public var caCert: String?

    /// `--junit`.
    public var junit: String?
    /// `--json`.
    public var json: String?
    /// `--html`.
    public var html: String?
    /// `--har`.
    public var har: String?
    /// `--show-problems`.
    public var showProblems: Int?
    /// `--baseline`.
    public var baseline: String?
    /// `--write-baseline`.
    public var writeBaseline: String?

    /// No flag given.
    public init() {}
}

/// Where a run's setting came from, as `contract-test config` says it.
public enum SettingOrigin: Sendable, Equatable, CustomStringConvertible {
    /// A command-line option.
    case flag(String)
    /// The configuration file, at this place.
    case file(Mark)
    /// The configuration file, in the environment of this name.
    case environment(String, Mark)
    /// The tool's default.
    case builtIn

    /// `--seed`, `contract-test.yaml:4:9`, `contract-test.yaml:9:5, environment sandbox`, `default`.
    public var description: String {
        switch self {
        case .flag(let name): name
        case .file(let mark): "\(mark)"
        case .environment(let name, let mark): "\(mark), environment \(name)"
        case .builtIn: "default"
        }
    }
}

/// A setting's value and where it came from.
public struct Setting<Value: Sendable>: Sendable {
    /// The value the run uses.
    public var value: Value
    /// Where it came from.
    public var origin: SettingOrigin
    /// The text as the file writes it, when it reads variables (`${NAME}`): what is shown
    /// instead of the value, which may be a secret.
    public var written: String?

    /// `value` from `origin`, shown as `written` when that is given.
    public init(_ value: Value, _ origin: SettingOrigin, written: String? = nil) {
        self.value = value
        self.origin = origin
        self.written = written
    }
}
