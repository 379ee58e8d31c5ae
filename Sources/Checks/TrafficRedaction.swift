import Execution
import OpenAPIModel
import OrderedCollections
import SchemaValidation

extension RecordedExchange {
    /// The exchange with every secret a recording may hold shown as `[REDACTED]`, before any
    /// check or report sees it: `Authorization` and `Proxy-Authorization` values (the scheme
    /// word kept, so a check can tell Basic from Bearer), the document's API keys in headers,
    /// the query and cookies, and every cookie the document does not declare as a parameter
    /// (a browser's session cookies), in `Cookie` and `Set-Cookie` alike.
    public func redacted(for document: OpenAPIDocument) -> RecordedExchange {
        let schemes = document.components.securitySchemes.values
        let keyHeaders = Set(schemes.filter { $0.type == .apiKey && $0.keyLocation == "header" }.compactMap { $0.name?.lowercased() })
        let keyQuery = Set(schemes.filter { $0.type == .apiKey && $0.keyLocation == "query" }.compactMap(\.name))
        let keyCookies = Set(schemes.filter { $0.type == .apiKey && $0.keyLocation == "cookie" }.compactMap(\.name))
        let declaredCookies = Set(document.operations.flatMap(\.parameters).filter { $0.location == .cookie }.map(\.name))
        let secretCookie = { (name: String) in keyCookies.contains(name) || !declaredCookies.contains(name) }

        var copy = self
        var secrets: [RedactedSecret] = []
        copy.exchange.request.headers = exchange.request.headers.map { field in
            let name = field.name.lowercased()
            if name == "authorization" || name == "proxy-authorization" {
                secrets.append(RedactedSecret(header: field.name, variable: nil))
                let scheme = field.value.split(separator: " ", maxSplits: 1).first.map(String.init)
                return (field.name, scheme.map { "\($0) \(Exchange.redaction)" } ?? Exchange.redaction)
            }
            if keyHeaders.contains(name) {
                secrets.append(RedactedSecret(header: field.name, variable: nil))
                return (field.name, Exchange.redaction)
            }
            if name == "cookie" {
                let (value, hidden) = Self.redactedCookies(field.value, separator: ";", secret: secretCookie)
                // A reproduction names each cookie's variable (`$COOKIE_SESSION`), not the token's.
                secrets += hidden.map { RedactedSecret(header: field.name, variable: "COOKIE_" + Self.variableName($0)) }
                return (field.name, value)
            }
            return field
        }
        let url = Self.redactedQuery(exchange.request.url, names: keyQuery)
        if url != exchange.request.url { secrets.append(RedactedSecret(header: nil, variable: nil)) }
        copy.exchange.request.url = url
        copy.exchange.request.secrets = exchange.request.secrets + secrets
        copy.exchange.response?.headers = (exchange.response?.headers ?? []).map { field in
            guard field.name.lowercased() == "set-cookie" else { return field }
            // Only the first pair is the cookie; the attributes after it are not secret.
            let parts = field.value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            let (pair, _) = Self.redactedCookies(String(parts[0]), separator: ";", secret: secretCookie)
            return (field.name, pair + (parts.count > 1 ? ";" + parts[1] : ""))
        }
        return copy
    }

    /// `a=1; b=2` with the values of secret cookies replaced, and the names of those replaced.
    static func redactedCookies(_ text: String, separator: Character, secret: (String) -> Bool) -> (String, [String]) {
        var hidden: [String] = []
        let pairs = text.split(separator: separator, omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: " ")
            guard parts.count == 2, secret(name) else { return String(pair) }
            hidden.append(name)
            return "\(parts[0])=\(Exchange.redaction)"
        }
        return (pairs.joined(separator: String(separator)), hidden)
    }

    /// A shell variable name for a cookie: letters and digits upper-cased, the rest `_`.
    static func variableName(_ name: String) -> String {
        String(name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// The URL with the values of the named query parameters replaced.
    static func redactedQuery(_ url: String, names: Set<String>) -> String {
        guard !names.isEmpty, let mark = url.firstIndex(of: "?") else { return url }
        let fragmentStart = url[mark...].firstIndex(of: "#") ?? url.endIndex
        let query = url[url.index(after: mark)..<fragmentStart]
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = QueryString.pairs(String(parts[0])).first?.name ?? String(parts[0])
            return names.contains(name) ? "\(parts[0])=\(Exchange.redaction)" : String(pair)
        }
        return String(url[...mark]) + pairs.joined(separator: "&") + url[fragmentStart...]
    }
}
