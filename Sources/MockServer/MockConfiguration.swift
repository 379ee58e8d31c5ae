import SchemaValidation

/// How a mock server behaves: where it listens, what token it wants, its seed, and the
/// faults it is asked to show.
public struct MockConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// The one secret accepted for every security scheme, in the scheme's form (a bearer
    /// token, an API key, a Basic password); `nil` accepts any well-formed credential.
    public var token: String?
    /// Secrets of particular schemes, by scheme name, instead of `token`.
    public var credentials: [String: String]
    /// Seeds generated values (ids), so two runs with one seed answer alike.
    public var seed: UInt64
    /// The ways it drifts from the contract (none: it keeps it).
    public var faults: Set<Fault>
    /// Added before every answer.
    public var latency: Duration
    /// Request bodies larger than this are refused.
    public var maxBodyBytes: Int
    /// How many created resources it remembers (of the ledger, and of the ordinary store):
    /// beyond, expired ones are forgotten first, then the oldest, each with a warning.
    public var maxResources: Int
    /// PEM files of the certificate chain and private key, to serve HTTPS; `nil`: HTTP.
    public var tls: (certificateChain: String, privateKey: String)?
    /// The client id its OAuth2 token endpoint knows (the secret is `token`).
    public var oauth2ClientId: String
    /// How long the tokens its token endpoint issues are valid.
    public var tokenLifetime: Duration
    /// How it reads formats in what it is sent: `.strict` (one reading, the default), or
    /// `.anyReading`, a server as faithful that accepts an address any documented grammar
    /// accepts (WHATWG's leading dot, RFC 6531's UTF-8) and echoes it.
    public var formatReading: FormatReading = .strict

    /// A configuration; every value but the port has a default.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, credentials: [String: String] = [:], seed: UInt64 = 1,
        faults: Set<Fault> = [], latency: Duration = .zero, maxBodyBytes: Int = 1 << 20, maxResources: Int = 100_000,
        tls: (certificateChain: String, privateKey: String)? = nil, oauth2ClientId: String = "contract-test", tokenLifetime: Duration = .seconds(3600)
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.credentials = credentials
        self.seed = seed
        self.faults = faults
        self.latency = latency
        self.maxBodyBytes = maxBodyBytes
        self.maxResources = maxResources
        self.tls = tls
        self.oauth2ClientId = oauth2ClientId
        self.tokenLifetime = tokenLifetime
    }

    /// `http` or `https`.
    public var scheme: String { tls == nil ? "http" : "https" }
}
