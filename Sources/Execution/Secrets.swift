/// Where a run's secrets come from: one source for every security scheme (`--token-env`,
/// `--token-command`), a source of its own for a scheme given one (`--credential
/// SCHEME=ENV_VAR`), and the user name HTTP Basic sends with the secret as its password.
public struct Secrets: Sendable {
    /// The source of every scheme without one of its own.
    public var fallback: TokenSource
    /// Sources of their own, by scheme.
    public var perScheme: [String: TokenSource]
    /// The user name HTTP Basic sends.
    public var basicUser: String

    /// The run's secret sources.
    public init(fallback: TokenSource, perScheme: [String: TokenSource] = [:], basicUser: String = "contract-test") {
        self.fallback = fallback
        self.perScheme = perScheme
        self.basicUser = basicUser
    }

    /// Why sources failed to give their secrets during the run, if any did.
    public var failures: [TokenSource.Failure] {
        ([fallback] + perScheme.keys.sorted().compactMap { perScheme[$0] }).compactMap(\.failure)
    }

    /// The source of a scheme's secret.
    public func source(for scheme: String) -> TokenSource {
        perScheme[scheme] ?? fallback
    }
}

/// Where a shown request has `[REDACTED]` for a secret, and the environment variable a
/// reproduction names instead.
public struct RedactedSecret: Sendable, Hashable, Codable {
    /// The header that carries it; `nil`: the URL's query.
    public var header: String?
    /// The environment variable that holds the secret, when it came from one.
    public var variable: String?
    /// For HTTP Basic: the user name sent with it.
    public var basicUser: String?

    /// Where a secret was redacted.
    public init(header: String?, variable: String?, basicUser: String? = nil) {
        self.header = header
        self.variable = variable
        self.basicUser = basicUser
    }
}
