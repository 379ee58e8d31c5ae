import Foundation
import SchemaValidation
import Synchronization

/// Access tokens the mock's OAuth2 token endpoint issued, each valid until its expiry (real
/// time: a token's life is the client's concern, not the document's clock).
final class IssuedTokens: Sendable {
    private let tokens = Mutex<(expiries: [String: ContinuousClock.Instant], count: Int)>(([:], 0))

    /// A new token valid for `lifetime`.
    func issue(lifetime: Duration) -> String {
        tokens.withLock { state in
            state.count += 1
            let token = "mock-at-\(state.count)-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let now = ContinuousClock.now
            state.expiries = state.expiries.filter { $0.value > now }
            state.expiries[token] = now + lifetime
            return token
        }
    }

    /// `true`: issued and valid; `false`: issued and expired; `nil`: never issued.
    func isValid(_ token: String) -> Bool? {
        tokens.withLock { state in state.expiries[token].map { $0 > .now } }
    }

    /// How many tokens it has issued.
    var count: Int { tokens.withLock { $0.count } }
}

extension MockAPI {
    /// `POST /__mock/oauth2/token`: OAuth2's client credentials grant (RFC 6749 section 4.4),
    /// the client authenticated with HTTP Basic or in the form (section 2.3.1). The client id
    /// is `--oauth2-client-id` (default `contract-test`) and its secret the mock's `--token`
    /// (any secret when the mock has none). The tokens it issues are valid for
    /// `--token-lifetime` seconds for every bearer and OAuth2 scheme, beside `--token` itself.
    func issueToken(_ request: MockRequest) -> MockResponse {
        let form = QueryString.values(request.body.map { String(decoding: $0, as: UTF8.self) })
        var client: (id: String, secret: String)?
        if let value = request.header("Authorization"), value.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(value.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: data, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        {
            // RFC 6749 section 2.3.1: each part form-encoded before it was joined.
            let decode = { (part: Substring) in QueryString.values(String(part).isEmpty ? nil : "v=" + part)["v"] ?? "" }
            client = (decode(pair[..<colon]), decode(pair[pair.index(after: colon)...]))
        } else if let id = form["client_id"] {
            client = (id, form["client_secret"] ?? "")
        }
        guard form["grant_type"] == "client_credentials" else {
            return tokenError(400, "unsupported_grant_type", "expected grant_type=client_credentials")
        }
        guard let client else {
            return tokenError(401, "invalid_client", "no client credentials: expected HTTP Basic or client_id and client_secret")
        }
        guard client.id == configuration.oauth2ClientId, configuration.token.map({ client.secret == $0 }) ?? !client.secret.isEmpty else {
            return tokenError(401, "invalid_client", "unknown client or wrong secret")
        }
        let lifetime = configuration.tokenLifetime
        return json(
            200,
            .object(
                JSONObject([
                    .init("access_token", .string(issuedTokens.issue(lifetime: lifetime))),
                    .init("token_type", .string("Bearer")),
                    .init("expires_in", .number(JSONNumber(Int(lifetime.components.seconds)))),
                ])))
    }

    /// An error answer of the token endpoint (RFC 6749 section 5.2).
    private func tokenError(_ status: Int, _ code: String, _ description: String) -> MockResponse {
        var answer = json(status, .object(JSONObject([.init("error", .string(code)), .init("error_description", .string(description))])))
        if status == 401 { answer.headers.append(("WWW-Authenticate", #"Basic realm="contract-test mock token endpoint""#)) }
        return answer
    }
}
