import OpenAPIModel

extension Target {
    /// Why no target could be chosen from a document.
    public enum ChoiceError: Error, Equatable {
        /// `--base-url` is not an http(s) URL.
        case notHTTP(String)
        /// No server's description says "Sandbox".
        case noSandbox
    }

    /// The servers of a document that use live data: their description says "live data" or
    /// "production". Creating anything there has real effects.
    public static func liveServers(of document: OpenAPIDocument) -> [Server] {
        document.servers.filter { server in
            let words = (server.description ?? "").lowercased()
            return words.contains("live data") || words.contains("production")
        }
    }

    /// A target at `baseURL`: "production", using live data, when it is one of the document's
    /// live servers (the same URL, ignoring case and a trailing slash), else "custom".
    public static func at(_ baseURL: String, document: OpenAPIDocument) throws(ChoiceError) -> Target {
        // Schemes ignore case (RFC 3986 section 3.1).
        let scheme = baseURL.prefix { $0 != ":" }.lowercased()
        guard scheme == "http" || scheme == "https", baseURL.dropFirst(scheme.count).hasPrefix("://") else { throw .notHTTP(baseURL) }
        let live = liveServers(of: document).contains { sameBase($0.defaultURL, baseURL) }
        return Target(baseURL: baseURL, name: live ? "production" : "custom", usesLiveData: live)
    }

    /// The document's sandbox: the first server whose description says "Sandbox".
    public static func sandbox(of document: OpenAPIDocument) throws(ChoiceError) -> Target {
        guard let sandbox = document.servers.first(where: { ($0.description ?? "").lowercased().contains("sandbox") }) else {
            throw .noSandbox
        }
        return Target(baseURL: sandbox.defaultURL, name: "sandbox")
    }

    static func sameBase(_ a: String, _ b: String) -> Bool {
        func normal(_ url: String) -> String { (url.hasSuffix("/") ? String(url.dropLast()) : url).lowercased() }
        return normal(a) == normal(b)
    }
}
