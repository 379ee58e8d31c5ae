import CaseGeneration
import Checks
import Execution
import YAMLSource

/// What the command line says of a run: every value `nil` (or empty) where no flag was given,
/// so the configuration file and then the defaults can fill it in (`EffectiveRun`).
public struct RunSettings: Sendable {
    public var configFile: String?
    /// `--env NAME`.
    public var environment: String?
    public var spec: String?
    public var rules: String?
    public var noRemoteRefs: Bool?
    public var refCache: String?
    public var target: String?
    public var baseURL: String?
    public var mockFaults: [String]?
    public var allowLiveData = false

    public var seed: UInt64?
    public var kinds: [CaseKind]?
    public var operations: [String]?
    public var examples: Int?
    public var emailDomain: String?
    public var caseIds: [String] = []
    public var shard: Shard?

    public var checksOnly: [CheckName]?
    public var checksExcluded: [CheckName]?
    public var strict: Bool?
    /// Milliseconds.
    public var maxResponseTime: Int?

    public var concurrency: Int?
    public var timeout: Int?
    public var retries: Int?
    public var rateLimit: Double?
    /// Added to the file's headers; one of the same name replaces the file's.
    public var headers: [ExtraHeader] = []

    public var tokenEnv: String?
    public var tokenCommand: String?
    public var oauth2TokenURL: String?
    public var oauth2ClientIdEnv: String?
    public var oauth2ClientSecretEnv: String?
    public var oauth2Scope: String?
    public var oauth2ClientAuth: OAuth2ClientCredentials.ClientAuthentication?
    /// `--credential SCHEME=ENV_VAR`, over the file's for the same scheme.
    public var schemeVariables: [String: String] = [:]
    public var basicUser: String?
    public var clientCert: String?
    public var clientKey: String?
    public var caCert: String?

    public var junit: String?
    public var json: String?
    public var html: String?
    public var har: String?
    public var showProblems: Int?
    public var baseline: String?
    public var writeBaseline: String?

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
    public var value: Value
    public var origin: SettingOrigin
    /// The text as the file writes it, when it reads variables (`${NAME}`): what is shown
    /// instead of the value, which may be a secret.
    public var written: String?

    public init(_ value: Value, _ origin: SettingOrigin, written: String? = nil) {
        self.value = value
        self.origin = origin
        self.written = written
    }
}
