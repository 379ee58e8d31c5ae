import Foundation

/// Where cases are sent: a base URL (the server URL of the document, with its path), and what
/// the target allows.
public struct Target: Sendable {
    /// Whether creating data at a target has real effects, as declared data says, never as a
    /// server's description reads.
    public enum DataPolicy: Sendable, Equatable {
        /// Declared to hold live data: the document's `x-live-data: true` on its server, or an
        /// environment's `live-data: true`.
        case live
        /// Declared to take test data: `x-live-data: false`, or `live-data: false`.
        case test
        /// This machine's own server (`localhost`, `127.0.0.0/8`, `::1`), undeclared.
        case loopback
        /// Another server nothing declares: treated as live.
        case undeclared

        /// What a declaration (`x-live-data`, `live-data`) says.
        public init(declaringLiveData liveData: Bool) {
            self = liveData ? .live : .test
        }

        /// The policy of a server at `baseURL` that nothing declares.
        public static func undeclared(at baseURL: String) -> DataPolicy {
            URLComponents(string: baseURL)?.host.map(ProxyChoice.isLoopback) == true ? .loopback : .undeclared
        }

        /// Whether creating data needs `--allow-live-data`.
        public var isLive: Bool { self == .live || self == .undeclared }
    }

    /// `https://api-sandbox.sendpro360.pitneybowes.com/developerprofile`, no trailing slash.
    public var baseURL: String
    /// "mock", "sandbox", "production" or "custom", for reports.
    public var name: String
    /// The mock's own root, for its control routes (moving its clock); `nil` for real servers.
    public var mockControlURL: String?
    /// Whether creating anything there has real effects, and what says so.
    public var dataPolicy: DataPolicy

    /// The server uses live data (declared, or undeclared and not this machine's).
    public var usesLiveData: Bool { dataPolicy.isLive }

    /// - Parameter dataPolicy: `nil`: undeclared, so live unless `baseURL` is loopback.
    public init(baseURL: String, name: String, mockControlURL: String? = nil, dataPolicy: DataPolicy? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.name = name
        self.mockControlURL = mockControlURL
        self.dataPolicy = dataPolicy ?? .undeclared(at: baseURL)
    }

    /// The full URL of a path and query relative to the base.
    public func url(for target: String) -> String {
        baseURL + (target.hasPrefix("/") ? target : "/" + target)
    }
}
