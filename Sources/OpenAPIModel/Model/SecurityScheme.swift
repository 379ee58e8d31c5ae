import OrderedCollections

/// How clients authenticate: an API key, HTTP auth (bearer, basic), mutual TLS, OAuth 2 or
/// OpenID Connect.
public struct SecurityScheme: Sendable, Referenceable {
    /// The `type` values OpenAPI defines.
    public enum Kind: String, Sendable {
        case apiKey, http, mutualTLS, oauth2, openIdConnect
    }

    /// `type`: which kind of scheme.
    public var type: Kind
    /// `description`: CommonMark text.
    public var description: String?
    /// apiKey: the header, query or cookie name, and where it goes.
    public var name: String?
    /// `in`: `header`, `query` or `cookie`.
    public var keyLocation: String?
    /// http: the scheme (`bearer`, `basic`), case-insensitive, and a hint of the bearer format.
    public var scheme: String?
    /// `bearerFormat`: a hint of the token's format.
    public var bearerFormat: String?
    /// `flows`: the OAuth 2 flows, by name.
    public var flows: OrderedDictionary<String, OAuthFlow>
    /// `openIdConnectUrl`: the discovery document.
    public var openIdConnectUrl: String?
    /// `oauth2MetadataUrl`: the authorization server's metadata (3.2).
    public var oauth2MetadataUrl: String?
    /// `deprecated`: whether users should stop using it.
    public var deprecated: Bool
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
    public var reference: Reference?

    static let typeName = "a Security Scheme object"

    /// Whether this is HTTP bearer authentication.
    public var isBearer: Bool { type == .http && scheme?.lowercased() == "bearer" }

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        let typeField = reader.field("type", required: true)
        let typeText = typeField.flatMap { ObjectReader.string(at: $0, context) }
        var type = typeText.flatMap(Kind.init(rawValue:))
        if type == .mutualTLS, !context.version.isAtLeast(.v3_1) { type = nil }
        if let typeText, let typeField, type == nil {
            let allowed =
                context.version.isAtLeast(.v3_1)
                ? "apiKey, http, mutualTLS, oauth2 or openIdConnect" : "apiKey, http, oauth2 or openIdConnect"
            context.error("'type' must be one of \(allowed), found '\(typeText)'", at: typeField)
        }
        description = reader.string("description")
        name = reader.string("name", required: type == .apiKey)
        keyLocation = reader.string("in", required: type == .apiKey)
        scheme = reader.string("scheme", required: type == .http)
        bearerFormat = reader.string("bearerFormat")
        flows =
            reader.object("flows", required: type == .oauth2) { position, context in
                ObjectReader.map(at: position, context) { _, position, context in OAuthFlow.decode(position, context) }
            } ?? [:]
        openIdConnectUrl = reader.string("openIdConnectUrl", required: type == .openIdConnect)
        oauth2MetadataUrl = reader.string("oauth2MetadataUrl", since: .v3_2)
        deprecated = reader.bool("deprecated", since: .v3_2) ?? false
        extensions = reader.finish()
        location = position.location
        if let keyLocation, type == .apiKey, !["query", "header", "cookie"].contains(keyLocation) {
            context.error("'in' of an apiKey scheme must be query, header or cookie, found '\(keyLocation)'", at: position.location)
        }
        guard let type else { return nil }
        self.type = type
    }

    mutating func overrideDescription(_ description: String) { self.description = description }
}

/// One OAuth 2 flow: its URLs and scopes.
public struct OAuthFlow: Sendable {
    /// `authorizationUrl`: where users authorize.
    public var authorizationUrl: String?
    /// `deviceAuthorizationUrl`: the device flow's endpoint (3.2).
    public var deviceAuthorizationUrl: String?
    /// `tokenUrl`: where tokens are issued.
    public var tokenUrl: String?
    /// `refreshUrl`: where tokens are refreshed.
    public var refreshUrl: String?
    /// `scopes`: each scope with its description.
    public var scopes: OrderedDictionary<String, String>
    /// The `x-` extensions, as written.
    public var extensions: Extensions

    static func decode(_ position: Position, _ context: DecodingContext) -> OAuthFlow? {
        guard var reader = ObjectReader(position, context, "an OAuth Flow object") else { return nil }
        let flow = position.lastToken ?? ""
        return OAuthFlow(
            authorizationUrl: reader.string("authorizationUrl", required: flow == "implicit" || flow == "authorizationCode"),
            deviceAuthorizationUrl: reader.string("deviceAuthorizationUrl", since: .v3_2),
            tokenUrl: reader.string("tokenUrl", required: flow != "implicit"),
            refreshUrl: reader.string("refreshUrl"),
            scopes: reader.map("scopes", required: true) { _, position, context in ObjectReader.string(at: position, context) } ?? [:],
            extensions: reader.finish())
    }
}

/// Security schemes that together authorize a request, each with the scopes it needs.
public struct SecurityRequirement: Sendable {
    /// Scheme names with the scopes each needs.
    public var schemes: OrderedDictionary<String, [String]>
    /// Where the object is written.
    public var location: Location

    static func decode(_ position: Position, _ context: DecodingContext) -> SecurityRequirement? {
        ObjectReader.map(at: position, context) { _, position, context in
            ObjectReader.list(at: position, context) { position, context in ObjectReader.string(at: position, context) }
        }.map { SecurityRequirement(schemes: $0, location: position.location) }
    }
}
