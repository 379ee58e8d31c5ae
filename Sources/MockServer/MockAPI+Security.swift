import Foundation
import OpenAPIModel
import SchemaValidation

/// The operation's security, as a server enforces it: each alternative of the requirement is
/// a set of schemes that together let a request in. A scheme's secret is the one configured
/// for it (`--credential SCHEME=SECRET`), else the mock's token (`--token`) in the scheme's
/// form; with neither, any well-formed credential. Bearer and OAuth2 schemes also take the
/// unexpired tokens of the mock's own token endpoint.
extension MockAPI {
    /// `nil` when the request carries what one of the operation's security requirements asks;
    /// else why not (the first alternative's first problem).
    func checkSecurity(_ request: MockRequest, _ handler: OperationHandler) -> String? {
        guard !handler.security.isEmpty, !handler.security.contains(where: \.isEmpty) else { return nil }
        var problems: [String] = []
        for alternative in handler.security {
            let failures = alternative.compactMap { check(request, scheme: $0.scheme, name: $0.name) }
            if failures.isEmpty { return nil }
            problems += failures
        }
        return problems.first
    }

    /// The challenge of a 401 (RFC 9110 section 11.6.1): the scheme of the operation's first
    /// alternative that has one.
    func challenge(_ handler: OperationHandler) -> String {
        for (_, scheme) in handler.security.joined() {
            switch scheme.type {
            case .http where scheme.scheme?.lowercased() == "basic": return #"Basic realm="contract-test mock""#
            case .http: return scheme.scheme.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() } ?? "Bearer"
            case .oauth2, .openIdConnect: return "Bearer"
            case .apiKey: return #"APIKey realm="contract-test mock", name="\#(scheme.name ?? "")", in="\#(scheme.keyLocation ?? "")""#
            case .mutualTLS: continue
            }
        }
        return "Bearer"
    }

    private func check(_ request: MockRequest, scheme: SecurityScheme, name: String) -> String? {
        let secret = configuration.credentials[name] ?? configuration.token
        switch scheme.type {
        case .http:
            let kind = scheme.scheme ?? "bearer"
            guard let value = request.header("Authorization"), !value.isEmpty else {
                return "the request has no Authorization header: expected '\(kind) <credentials>'"
            }
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let sent = parts.first, sent.lowercased() == kind.lowercased() else {
                return "the Authorization scheme is not \(kind)"
            }
            if let problem = faults.schemeProblem(sent: sent, scheme: kind) { return problem }
            let credentials = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            guard !credentials.isEmpty else { return "the Authorization header has no credentials" }
            switch kind.lowercased() {
            case "bearer": return checkToken(credentials, secret: secret, what: "bearer token")
            case "basic": return checkBasic(credentials, secret: secret)
            default: return nil
            }
        case .apiKey:
            let key = scheme.name ?? ""
            let value: String? =
                switch scheme.keyLocation {
                case "header": request.header(key)
                case "query": QueryString.values(request.query)[key]
                default: Cookies.value(key, in: request.cookies)
                }
            guard let value, !value.isEmpty else { return "the request has no '\(key)' API key (\(scheme.keyLocation ?? ""))" }
            if let secret, value != secret { return "the '\(key)' API key is not valid" }
            return nil
        case .oauth2, .openIdConnect:
            guard let value = request.header("Authorization"), value.lowercased().hasPrefix("bearer ") else {
                return "the request has no bearer token"
            }
            return checkToken(value.dropFirst(7).trimmingCharacters(in: .whitespaces), secret: secret, what: "access token")
        case .mutualTLS:
            return nil
        }
    }

    /// RFC 6750's b64token: one word of token characters.
    private func checkToken(_ token: String, secret: String?, what: String) -> String? {
        guard !token.isEmpty, token.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ",") }) else {
            return "the \(what) is malformed"
        }
        if let issued = issuedTokens.isValid(token) { return issued ? nil : "the \(what) has expired" }
        if let secret, token != secret { return "the \(what) is not valid" }
        return nil
    }

    /// RFC 7617: base64 of `user:password`; the secret is the password, any user name goes.
    private func checkBasic(_ credentials: String, secret: String?) -> String? {
        guard let data = Data(base64Encoded: credentials), let pair = String(data: data, encoding: .utf8),
            let colon = pair.firstIndex(of: ":")
        else { return "the Basic credentials are not base64 of user:password" }
        let password = pair[pair.index(after: colon)...]
        guard !password.isEmpty else { return "the Basic credentials have no password" }
        if let secret, password != secret { return "the Basic password is not valid" }
        return nil
    }
}
