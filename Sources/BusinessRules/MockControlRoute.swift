/// The mock's control routes, declared once for the mock that serves them and the runner that
/// calls them (moving the clock past an expiry is how rules about time are tested).
public enum MockControlRoute: String, CaseIterable, Sendable {
    /// `POST {"advanceDays": N}` or `{"advanceSeconds": N}`: move the mock's clock forward.
    case clock
    /// `POST`: forget every resource and token, and put the clock back.
    case reset
    /// `GET ?offset=&limit=`: the resources held, the faults, the tokens issued.
    case state
    /// `POST`: OAuth2's client credentials grant.
    case oauth2Token = "oauth2/token"

    /// Where every control route lives, below the server's root.
    public static let prefix = "/__mock/"

    /// `/__mock/clock`.
    public var path: String { Self.prefix + rawValue }

    /// The one method each route answers.
    public var method: String { self == .state ? "GET" : "POST" }

    /// `POST /__mock/clock`, for messages and help.
    public var shown: String { "\(method) \(path)" }
}
