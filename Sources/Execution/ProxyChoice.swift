import AsyncHTTPClient
import Foundation

/// The forward proxy a run reaches its target through, from the standard variables
/// (`HTTPS_PROXY` for an https target, `HTTP_PROXY` for http, lower-case names too, the
/// lower-case one first as curl reads them; `NO_PROXY` for the hosts reached directly).
/// A loopback target (`localhost`, `127.0.0.0/8`, `::1`) is always reached directly, as Go's
/// HTTP client does: a local mock or service container is never behind the office proxy.
public struct ProxyChoice: Sendable, Equatable {
    /// The proxy's host.
    public var host: String
    /// Its port.
    public var port: Int
    /// `user:password` from the proxy URL, sent as Basic credentials; never shown.
    public var credentials: (user: String, password: String)?
    /// Whether it is a SOCKS5 proxy rather than an HTTP one.
    public var isSOCKS: Bool
    /// The variable it came from, for messages.
    public var variable: String

    /// Equal host, port, kind, variable and credentials.
    public static func == (lhs: ProxyChoice, rhs: ProxyChoice) -> Bool {
        lhs.host == rhs.host && lhs.port == rhs.port && lhs.isSOCKS == rhs.isSOCKS && lhs.variable == rhs.variable
            && lhs.credentials?.user == rhs.credentials?.user && lhs.credentials?.password == rhs.credentials?.password
    }

    /// A proxy variable that cannot be used, in words (its value redacted when it has credentials).
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Why the variable cannot be used, in words.
        public var description: String
    }

    /// The proxy for `url` under `environment`; `nil`: reach it directly.
    public static func forTarget(_ url: String, environment: [String: String]) throws(Problem) -> ProxyChoice? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return nil }
        let names = scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"]
        guard let variable = names.first(where: { !(environment[$0] ?? "").isEmpty }), let value = environment[variable] else { return nil }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        if isLoopback(host)
            || bypasses(host: host, port: port, noProxy: ["no_proxy", "NO_PROXY"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "")
        {
            return nil
        }
        return try parse(value, variable: variable)
    }

    /// Reads a proxy URL (`http://user:pass@proxy:3128`, `proxy:3128`, `socks5://proxy`).
    static func parse(_ value: String, variable: String) throws(Problem) -> ProxyChoice {
        let text = value.contains("://") ? value : "http://" + value
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw Problem(description: "\(variable) is not a proxy URL: expected http://host:port")
        }
        let scheme = components.scheme?.lowercased() ?? "http"
        let socks = ["socks5", "socks5h"].contains(scheme)
        guard scheme == "http" || socks else {
            throw Problem(
                description:
                    "\(variable) names a \(scheme):// proxy: expected http:// (the connection to the proxy itself is not encrypted; https targets are tunnelled with CONNECT) or socks5://"
            )
        }
        let credentials = components.user.map { user in
            (user: user.removingPercentEncoding ?? user, password: (components.password ?? "").removingPercentEncoding ?? "")
        }
        if socks, credentials != nil {
            throw Problem(description: "\(variable): a SOCKS proxy with a user name is not supported")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return ProxyChoice(host: bare, port: components.port ?? (socks ? 1080 : 80), credentials: credentials, isSOCKS: socks, variable: variable)
    }

    /// Whether `NO_PROXY` (comma-separated: `*`, host names that match themselves and their
    /// subdomains, with or without a leading dot, IP addresses, IPv4 CIDR blocks, any of them
    /// with `:port`) says to reach `host` directly.
    static func bypasses(host: String, port: Int, noProxy: String) -> Bool {
        let target = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        for raw in noProxy.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return true }
            if let colon = entry.lastIndex(of: ":"), !entry.hasPrefix("["), entry.filter({ $0 == ":" }).count == 1 {
                guard Int(entry[entry.index(after: colon)...]) == port else { continue }
                entry = String(entry[..<colon])
            }
            entry = entry.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if entry.hasPrefix("*.") { entry.removeFirst() }
            if entry.hasPrefix(".") { entry.removeFirst() }
            if entry.contains("/") {
                if IPv4Block(entry)?.contains(target) == true { return true }
                continue
            }
            if target == entry || target.hasSuffix("." + entry) { return true }
        }
        return false
    }

    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return name == "localhost" || name.hasSuffix(".localhost") || name == "::1" || IPv4Block("127.0.0.0/8")?.contains(name) == true
    }

    /// The proxy as async-http-client takes it.
    public var configuration: HTTPClient.Configuration.Proxy {
        if isSOCKS { return .socksServer(host: host, port: port) }
        return .server(host: host, port: port, authorization: credentials.map { .basic(username: $0.user, password: $0.password) })
    }

    /// Where the proxy is, without its credentials: for the terminal.
    public var shown: String {
        "\(isSOCKS ? "socks5" : "http")://\(credentials == nil ? "" : "[REDACTED]@")\(host.contains(":") ? "[\(host)]" : host):\(port) (from \(variable))"
    }
}

/// An IPv4 address block (`10.0.0.0/8`).
struct IPv4Block {
    var base: UInt32
    var mask: UInt32

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits), let base = Self.address(String(parts[0])) else { return nil }
        mask = bits == 0 ? 0 : UInt32.max << (32 - bits)
        self.base = base & mask
    }

    func contains(_ host: String) -> Bool {
        Self.address(host).map { $0 & mask == base } ?? false
    }

    static func address(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet), octet.allSatisfy(\.isNumber) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}
