import OpenAPIModel

extension Target {
    /// Why no target could be chosen from a document.
    public enum ChoiceError: Error, Equatable {
        /// `--base-url` is not an http(s) URL.
        case notHTTP(String)
        /// No server declares that it takes test data (`x-live-data: false`).
        case noSandbox
    }

    /// A target at `baseURL`: its policy is what the document's server at that URL (the same
    /// URL, ignoring case and a trailing slash) declares with `x-live-data`; "production" when
    /// that is live data, else "custom".
    public static func at(_ baseURL: String, document: OpenAPIDocument) throws(ChoiceError) -> Target {
        // Schemes ignore case (RFC 3986 section 3.1).
        let scheme = baseURL.prefix { $0 != ":" }.lowercased()
        guard scheme == "http" || scheme == "https", baseURL.dropFirst(scheme.count).hasPrefix("://") else { throw .notHTTP(baseURL) }
        let declared = document.servers.first { $0.liveData != nil && sameBase($0.defaultURL, baseURL) }?.liveData
        return Target(
            baseURL: baseURL, name: declared == true ? "production" : "custom", dataPolicy: declared.map(DataPolicy.init(declaringLiveData:)))
    }

    /// The document's sandbox: the first server that declares it takes test data
    /// (`x-live-data: false`), whatever its description says.
    public static func sandbox(of document: OpenAPIDocument) throws(ChoiceError) -> Target {
        guard let sandbox = document.servers.first(where: { $0.liveData == false }) else { throw .noSandbox }
        return Target(baseURL: sandbox.defaultURL, name: "sandbox", dataPolicy: .test)
    }

    static func sameBase(_ a: String, _ b: String) -> Bool {
        func normal(_ url: String) -> String { (url.hasSuffix("/") ? String(url.dropLast()) : url).lowercased() }
        return normal(a) == normal(b)
    }
}
