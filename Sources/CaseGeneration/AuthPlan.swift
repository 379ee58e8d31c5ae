import Foundation
import OpenAPIModel
import OrderedCollections

/// What an operation's security requirements ask of a request, as this tool can send it: no
/// credentials (`security: []`, or an empty alternative `{}`), the parts of the first
/// alternative it can satisfy (every scheme of that object), or why it cannot satisfy any.
struct AuthPlan: Sendable {
    enum Need: Sendable {
        case nothing
        case credentials([CredentialPart])
        case unsatisfiable(String)
    }

    let need: Need

    init(_ entry: OperationEntry, document: OpenAPIDocument) {
        let alternatives = entry.security
        if alternatives.isEmpty || alternatives.contains(where: { $0.schemes.isEmpty }) {
            need = .nothing
            return
        }
        var reasons: [String] = []
        var satisfiable: [[CredentialPart]] = []
        for alternative in alternatives {
            var parts: [CredentialPart] = []
            var reason: String?
            for name in alternative.schemes.keys {
                guard let scheme = document.components.securitySchemes[name] else {
                    reason = "security scheme '\(name)' is not defined"
                    break
                }
                switch Self.placement(of: scheme) {
                case .success(let placement): parts.append(CredentialPart(scheme: name, placement: placement, value: .secret))
                case .failure(let why): reason = why.description
                }
                if reason != nil { break }
            }
            if let reason { reasons.append(reason) } else { satisfiable.append(parts) }
        }
        // An alternative that needs no client certificate is the easier one to meet.
        if let parts = satisfiable.first(where: { !$0.contains { $0.placement == .clientCertificate } }) ?? satisfiable.first {
            need = .credentials(parts)
        } else {
            need = .unsatisfiable("cannot authenticate: " + reasons.joined(separator: "; "))
        }
    }

    /// Why a scheme cannot be sent.
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    /// Where a scheme's credential goes: bearer and OAuth 2 / OpenID Connect tokens and Basic
    /// credentials in `Authorization` (scheme names compare without case, RFC 9110), API keys
    /// where the document puts them, mutualTLS in the TLS handshake.
    static func placement(of scheme: SecurityScheme) -> Result<CredentialPlacement, Unsupported> {
        switch scheme.type {
        case .http:
            switch scheme.scheme?.lowercased() {
            case "bearer": .success(.authorization("Bearer"))
            case "basic": .success(.authorization("Basic"))
            default:
                .failure(Unsupported(description: "the HTTP authentication scheme '\(scheme.scheme ?? "")' is not supported (bearer and basic are)"))
            }
        case .apiKey:
            switch scheme.keyLocation {
            case "header": .success(.header(scheme.name ?? ""))
            case "query": .success(.query(scheme.name ?? ""))
            case "cookie": .success(.cookie(scheme.name ?? ""))
            default: .failure(Unsupported(description: "an API key in '\(scheme.keyLocation ?? "")' cannot be sent"))
            }
        case .oauth2, .openIdConnect: .success(.authorization("Bearer"))
        case .mutualTLS: .success(.clientCertificate)
        }
    }

    /// The credentials of a request that must be let in.
    var valid: Credentials {
        switch need {
        case .nothing: .none
        case .credentials(let parts): Credentials(parts)
        case .unsatisfiable(let reason): Credentials([], unsatisfiable: reason)
        }
    }

    /// Requests that must get 401, with what each lacks: none at all; and for each scheme of
    /// the alternative, that scheme left out (when it is one of several), invalid, malformed
    /// or replaced by another kind.
    func refusals(tag: String) -> [(name: String, credentials: Credentials)] {
        guard case .credentials(let parts) = need, parts.contains(where: { $0.placement != .clientCertificate }) else { return [] }
        let onlyBearer = parts.count == 1 && parts[0].placement == .authorization("Bearer")
        var cases: [(String, Credentials)] = [(onlyBearer ? "no Authorization header gets 401" : "no credentials get 401", .none)]
        for (index, part) in parts.enumerated() {
            func with(_ replacement: CredentialPart?) -> Credentials {
                var changed = parts
                if let replacement { changed[index] = replacement } else { changed.remove(at: index) }
                return Credentials(changed)
            }
            func literal(_ placement: CredentialPlacement, _ text: String) -> CredentialPart {
                CredentialPart(scheme: part.scheme, placement: placement, value: .literal(text))
            }
            if parts.count > 1 {
                cases.append(("\(part.scheme) left out (the other schemes sent) gets 401", with(nil)))
            }
            switch part.placement {
            case .authorization(let kind) where kind == "Bearer":
                let subject = onlyBearer ? "" : " for \(part.scheme)"
                cases.append(
                    (
                        "Basic credentials instead of a bearer token\(subject) get 401",
                        with(literal(.authorization("Basic"), "Y29udHJhY3QtdGVzdDpub3QtYS10b2tlbg=="))
                    ))
                cases.append(("a malformed bearer token (two words)\(subject) gets 401", with(literal(.authorization("Bearer"), "not a-token"))))
                cases.append(("an invalid bearer token\(subject) gets 401", with(literal(.authorization("Bearer"), "invalid-\(tag)-token"))))
            case .authorization(let kind) where kind == "Basic":
                cases.append(
                    (
                        "a bearer token instead of Basic credentials for \(part.scheme) gets 401",
                        with(literal(.authorization("Bearer"), "invalid-\(tag)-token"))
                    ))
                cases.append(
                    ("malformed Basic credentials (not base64) for \(part.scheme) get 401", with(literal(.authorization("Basic"), "not base64!"))))
                cases.append(
                    (
                        "a wrong password for \(part.scheme) gets 401",
                        with(literal(.authorization("Basic"), Data("contract-test:invalid-\(tag)".utf8).base64EncodedString()))
                    ))
            case .header(let name), .query(let name), .cookie(let name):
                cases.append(
                    ("an invalid API key \(name) (\(Self.where(part.placement))) gets 401", with(literal(part.placement, "invalid-\(tag)-key"))))
                cases.append(("an empty API key \(name) (\(Self.where(part.placement))) gets 401", with(literal(part.placement, ""))))
            default:
                break
            }
        }
        return cases
    }

    /// Valid credentials written in the other forms RFC 9110 makes equivalent: the
    /// authentication scheme's name in lower case and in capitals (section 11.1: it is
    /// case-insensitive).
    func equivalents() -> [(name: String, credentials: Credentials)] {
        guard case .credentials(let parts) = need else { return [] }
        return parts.indices.flatMap { index -> [(name: String, credentials: Credentials)] in
            guard case .authorization(let kind) = parts[index].placement else { return [] }
            return [kind.lowercased(), kind.uppercased()].filter { $0 != kind }.map { spelling in
                var changed = parts
                changed[index].placement = .authorization(spelling)
                let subject = parts.count == 1 ? "" : " for \(parts[index].scheme)"
                return ("the auth scheme written '\(spelling)'\(subject) (RFC 9110: case-insensitive) is accepted", Credentials(changed))
            }
        }
    }

    private static func `where`(_ placement: CredentialPlacement) -> String {
        switch placement {
        case .header: "header"
        case .query: "query"
        case .cookie: "cookie"
        default: "request"
        }
    }
}
