import SchemaValidation
import YAMLSource

/// What a case is about.
public enum CaseKind: String, Sendable, CaseIterable, Codable {
    /// Valid requests the API must accept.
    case positive
    /// Invalid requests the API must refuse with a 4xx.
    case negative
    /// Requests without valid credentials: 401.
    case auth
    /// Methods the document does not declare on a path: 405.
    case method
    /// The business rules, over several requests.
    case rules
}

/// How a request authenticates.
public enum Credentials: Sendable, Hashable, Codable {
    /// The run's token, as the operation's security scheme asks.
    case valid
    /// No `Authorization` header.
    case none
    /// This exact `Authorization` value (a wrong scheme, a malformed or invalid token).
    case header(String)
}

/// A request a case sends, relative to the target's base URL.
public struct RequestSpec: Sendable, Codable {
    public var method: String
    /// The path with its parameters filled in (`/api/v1/invitation`).
    public var path: String
    public var query: [QueryItem]
    /// Headers besides `Authorization` (which `credentials` decides).
    public var headers: [HeaderItem]
    public var body: [UInt8]?
    public var credentials: Credentials

    public init(method: String, path: String, query: [QueryItem] = [], headers: [HeaderItem] = [],
                body: [UInt8]? = nil, credentials: Credentials = .valid) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.credentials = credentials
    }

    /// The body as JSON, when it is JSON.
    public var json: JSONValue? { body.flatMap { try? JSONParser().parse($0) } }

    /// The path with its query string.
    public var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }
}

public struct QueryItem: Sendable, Codable, Hashable {
    public var name: String
    public var value: String
}

public struct HeaderItem: Sendable, Codable, Hashable {
    public var name: String
    public var value: String
}

/// What a step's answer must be.
public enum Expectation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A documented 2xx.
    case success
    /// A documented 4xx (never a 5xx).
    case clientError
    /// Exactly one of these statuses.
    case status([Int])

    public var description: String {
        switch self {
        case .success: "a documented 2xx"
        case .clientError: "a documented 4xx"
        case .status(let codes): codes.map(String.init).joined(separator: " or ")
        }
    }

    public func accepts(_ status: Int) -> Bool {
        switch self {
        case .success: (200..<300).contains(status)
        case .clientError: (400..<500).contains(status)
        case .status(let codes): codes.contains(status)
        }
    }
}

/// One step of a case.
public enum Step: Sendable, Codable {
    /// Send a request and judge the answer; `checkRules` also judges a success body against
    /// the operation's business rules.
    case request(RequestSpec, expect: Expectation, checkRules: Bool)
    /// Move the mock's clock forward (only the mock can).
    case advanceClock(days: Int)
}

/// One conformance case: a name that says what it tests, its steps, and the spec line behind it.
public struct TestCase: Sendable, Codable {
    public var operationId: String
    public var kind: CaseKind
    /// What it tests, unique within its operation: "expirationDays 366 (above maximum 365) is refused".
    public var name: String
    public var steps: [Step]
    /// The spec line the case stands on (`file:line:col`), when it has one.
    public var specLocation: String?

    public init(operationId: String, kind: CaseKind, name: String, steps: [Step], specLocation: String? = nil) {
        self.operationId = operationId
        self.kind = kind
        self.name = name
        self.steps = steps
        self.specLocation = specLocation
    }

    /// Whether the case needs the mock's clock (it is skipped against other targets).
    public var needsMockClock: Bool {
        steps.contains { if case .advanceClock = $0 { true } else { false } }
    }

    /// Whether a step could create data on the server (anything but GET, HEAD, OPTIONS).
    public var mayCreateData: Bool {
        steps.contains { step in
            guard case .request(let request, _, _) = step else { return false }
            return !["GET", "HEAD", "OPTIONS"].contains(request.method)
        }
    }
}
