/// How a request authenticates: what each security scheme of the requirement it meets sends,
/// and where. Secrets are never in it, only where they go; the executor fills them in.
public struct Credentials: Sendable, Hashable, Codable {
    /// Each scheme's part of the request's credentials.
    public var parts: [CredentialPart]
    /// Why no request of this operation can authenticate (an HTTP scheme this tool does not
    /// speak), when that is so: the case is skipped with this reason.
    public var unsatisfiable: String?

    /// Credentials of these parts; `unsatisfiable` says why none can be sent.
    public init(_ parts: [CredentialPart], unsatisfiable: String? = nil) {
        self.parts = parts
        self.unsatisfiable = unsatisfiable
    }

    /// Nothing: no credential at all.
    public static let none = Credentials([])

    /// Whether any part carries a run's secret (a 401 then may mean a stale token).
    public var usesSecrets: Bool { parts.contains { $0.value == .secret } }

    /// Whether the requirement needs a client certificate (mutualTLS).
    public var needsClientCertificate: Bool { parts.contains { $0.placement == .clientCertificate } }
}

extension Credentials: CustomStringConvertible {
    /// For listings: `Authorization: Bearer <secret of bearerAuth>`, `none`.
    public var description: String {
        if let unsatisfiable { return unsatisfiable }
        guard !parts.isEmpty else { return "none" }
        return parts.map { part in
            let value =
                switch part.value {
                case .secret: "<secret of \(part.scheme)>"
                case .literal(let text): text
                }
            return switch part.placement {
            case .authorization(let kind): "Authorization: \(kind) \(value)"
            case .header(let name): "\(name): \(value)"
            case .query(let name): "query \(name)=\(value)"
            case .cookie(let name): "cookie \(name)=\(value)"
            case .clientCertificate: "client certificate (\(part.scheme))"
            }
        }.joined(separator: "; ")
    }
}

/// One scheme's credential on a request.
public struct CredentialPart: Sendable, Hashable, Codable {
    /// The security scheme's name in the document (`petstore_auth`): whose secret `.secret` is.
    public var scheme: String
    /// Where the secret goes: a header, a query parameter, a cookie, Basic or Bearer.
    public var placement: CredentialPlacement
    /// What goes there: the secret, a wrong one, or nothing.
    public var value: CredentialValue

    /// One scheme's part.
    public init(scheme: String, placement: CredentialPlacement, value: CredentialValue) {
        self.scheme = scheme
        self.placement = placement
        self.value = value
    }
}

/// Where a credential goes.
public enum CredentialPlacement: Sendable, Hashable, Codable {
    /// `Authorization: <auth scheme> <credentials>`: `Bearer` (http bearer, OAuth 2, OpenID
    /// Connect), `Basic` (the secret as the password of `user:password`), or another HTTP scheme.
    case authorization(String)
    /// An API key in a header, a query parameter or a cookie of this name.
    case header(String)
    case query(String)
    case cookie(String)
    /// The TLS client certificate of the run (mutualTLS); nothing in the request itself.
    case clientCertificate
}

/// What a credential says.
public enum CredentialValue: Sendable, Hashable, Codable {
    /// The run's secret for the scheme (never shown, logged or reported).
    case secret
    /// This text instead: a wrong or malformed credential, which is no secret.
    case literal(String)
}
