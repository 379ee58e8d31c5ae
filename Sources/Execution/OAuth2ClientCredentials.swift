import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// OAuth 2.0's client credentials grant (RFC 6749 section 4.4): where the run gets its bearer
/// token when the sandbox issues short-lived ones. The client id and secret come from
/// environment variables, never from a file or the command line.
public struct OAuth2ClientCredentials: Sendable {
    /// How the client proves who it is to the token endpoint (RFC 6749 section 2.3.1).
    public enum ClientAuthentication: String, Sendable, CaseIterable {
        /// HTTP Basic with the id and secret (what every server must support).
        case basic
        /// `client_id` and `client_secret` in the form body.
        case post
    }

    /// The token endpoint.
    public var tokenURL: String
    /// The variable holding the client id.
    public var clientIdVariable: String
    /// The variable holding the client secret.
    public var clientSecretVariable: String
    /// Space-separated scopes to ask for; `nil`: the server's default.
    public var scope: String?
    /// How the client authenticates to the endpoint.
    public var clientAuthentication: ClientAuthentication
    /// The HTTP client settings for the token endpoint (trust, proxy); each fetch opens and
    /// closes a client of its own, as fetches are rare.
    public var configuration: HTTPClient.Configuration
    /// How long the endpoint may take.
    public var timeout: Duration

    /// A grant at `tokenURL`.
    public init(
        tokenURL: String, clientIdVariable: String = "OAUTH2_CLIENT_ID", clientSecretVariable: String = "OAUTH2_CLIENT_SECRET",
        scope: String? = nil, clientAuthentication: ClientAuthentication = .basic,
        configuration: HTTPClient.Configuration = HTTPClient.Configuration(), timeout: Duration = .seconds(30)
    ) {
        self.tokenURL = tokenURL
        self.clientIdVariable = clientIdVariable
        self.clientSecretVariable = clientSecretVariable
        self.scope = scope
        self.clientAuthentication = clientAuthentication
        self.configuration = configuration
        self.timeout = timeout
    }

    /// A token the endpoint issued, and for how long it is valid when it says.
    public struct Issued: Sendable, Equatable {
        /// The access token.
        public var token: String
        /// How long it lasts (`expires_in`); `nil` when the endpoint does not say.
        public var lifetime: Duration?
    }

    /// Asks the token endpoint for a token; every way that fails is said in words.
    public func fetch(environment: [String: String] = ProcessInfo.processInfo.environment) async throws(TokenSource.Failure) -> Issued {
        guard let clientId = environment[clientIdVariable], !clientId.isEmpty else {
            throw TokenSource.Failure(description: "no OAuth2 client id: $\(clientIdVariable) is not set")
        }
        guard let secret = environment[clientSecretVariable], !secret.isEmpty else {
            throw TokenSource.Failure(description: "no OAuth2 client secret: $\(clientSecretVariable) is not set")
        }
        var form = [("grant_type", "client_credentials")]
        if let scope { form.append(("scope", scope)) }
        var request = HTTPClientRequest(url: tokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        switch clientAuthentication {
        case .basic:
            let pair = Self.formEncoded(clientId) + ":" + Self.formEncoded(secret)
            request.headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        case .post:
            form += [("client_id", clientId), ("client_secret", secret)]
        }
        request.body = .bytes(ByteBuffer(string: form.map { Self.formEncoded($0.0) + "=" + Self.formEncoded($0.1) }.joined(separator: "&")))
        let status: Int
        let body: [UInt8]
        do {
            (status, body) = try await HTTPClient.withHTTPClient(configuration: configuration) { client in
                let response = try await client.execute(request, timeout: TimeAmount(timeout))
                return (Int(response.status.code), Array(try await response.body.collect(upTo: 1 << 20).readableBytesView))
            }
        } catch {
            throw TokenSource.Failure(
                description:
                    "the OAuth2 token endpoint \(tokenURL) could not be reached: \(TransportError(classifying: error, url: tokenURL).description)")
        }
        return try Self.issued(status: status, body: body, tokenURL: tokenURL)
    }

    /// Reads the endpoint's answer (RFC 6749 sections 5.1 and 5.2).
    static func issued(status: Int, body: [UInt8], tokenURL: String) throws(TokenSource.Failure) -> Issued {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        guard status == 200 else {
            let code = (object?["error"] as? String).map { " \($0)" } ?? ""
            let words = (object?["error_description"] as? String).map { ": \($0)" } ?? ""
            throw TokenSource.Failure(description: "the OAuth2 token endpoint \(tokenURL) refused the client credentials (\(status)\(code)\(words))")
        }
        guard let object else {
            throw TokenSource.Failure(
                description:
                    "the OAuth2 token endpoint \(tokenURL) answered 200 without a JSON object: expected access_token, token_type and expires_in")
        }
        guard let token = object["access_token"] as? String, !token.isEmpty else {
            throw TokenSource.Failure(description: "the OAuth2 token endpoint \(tokenURL) answered without an access_token")
        }
        if let type = object["token_type"] as? String, type.lowercased() != "bearer" {
            throw TokenSource.Failure(description: "the OAuth2 token endpoint \(tokenURL) issued a '\(type)' token: expected a Bearer token")
        }
        let seconds = (object["expires_in"] as? NSNumber)?.doubleValue ?? (object["expires_in"] as? String).flatMap(Double.init)
        return Issued(token: token, lifetime: seconds.flatMap { $0 > 0 ? .milliseconds(Int64($0 * 1000)) : nil })
    }

    /// `application/x-www-form-urlencoded` as RFC 6749 appendix B asks: letters, digits and
    /// `-._*` kept, a space as `+`, every other byte as `%XX`.
    static func formEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "):
                out.append("+")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
