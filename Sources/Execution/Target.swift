/// Where cases are sent: a base URL (the server URL of the document, with its path), and what
/// the target allows.
public struct Target: Sendable {
    /// `https://api-sandbox.sendpro360.pitneybowes.com/developerprofile`, no trailing slash.
    public var baseURL: String
    /// "mock", "sandbox", "production" or "custom", for reports.
    public var name: String
    /// The mock's own root, for its control routes (moving its clock); `nil` for real servers.
    public var mockControlURL: String?
    /// The server uses live data: creating anything there has real effects.
    public var usesLiveData: Bool

    public init(baseURL: String, name: String, mockControlURL: String? = nil, usesLiveData: Bool = false) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.name = name
        self.mockControlURL = mockControlURL
        self.usesLiveData = usesLiveData
    }

    /// The full URL of a path and query relative to the base.
    public func url(for target: String) -> String {
        baseURL + (target.hasPrefix("/") ? target : "/" + target)
    }
}
