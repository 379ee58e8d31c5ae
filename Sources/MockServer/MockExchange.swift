/// A request as the mock sees it, independent of the HTTP server carrying it.
public struct MockRequest: Sendable {
    public var method: String
    /// The path and query as sent (`/developerprofile/api/v1/invitation?x=1`).
    public var target: String
    /// Header names as sent; look-ups ignore case.
    public var headers: [(name: String, value: String)]
    /// `nil` when the body was larger than the configured cap.
    public var body: [UInt8]?

    public init(method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var path: String {
        String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    public var query: String? {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? String(parts[1]) : nil
    }
}

/// An answer of the mock.
public struct MockResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
