import YAMLSource

/// Why a case was not run, or stopped before a verdict: what the gate could not do, never what
/// the target did wrong. Reports say it in words; tools read which it is.
public enum SkipReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The document has an error in the case's operation (`at`: where, when known).
    case documentError(at: Mark?, message: String)
    /// The configuration file skips the operation (`place`: where it says so).
    case configuration(reason: String, place: String)
    /// No credentials the operation accepts can be sent (`why` names what is missing).
    case noCredentials(String)
    /// The case moves the server's clock, which only the mock allows.
    case needsMockClock
    /// The operation asks for a TLS client certificate and none was given.
    case needsClientCertificate
    /// The case would create data on a live server (`declared`: the server is declared live,
    /// not merely unlisted).
    case liveData(target: String, baseURL: String, declared: Bool)
    /// A valid request without credentials got a documented 401 from an operation that
    /// declares no security.
    case undeclaredCredentialsAsked
    /// The sequence's create got a documented answer that creates nothing.
    case createRefused(status: Int)
    /// The sequence's create answer names no id the later steps could use.
    case createNamesNoResource(status: Int?, members: [String])
    /// A rule over the run's answers had fewer than two creates to compare.
    case tooFewCreates
    /// Recorded traffic with no answer (`problem`: what the recording says went wrong).
    case noAnswerRecorded(problem: String)
    /// The run's credentials were refused from its first authenticated request on: `request`
    /// (its method and URL) got `status`, with the server's `WWW-Authenticate` when it sent one;
    /// `schemes`: the security schemes whose secrets it carried.
    case credentialsRefused(request: String, status: Int, challenge: String?, schemes: [String])
    /// Credentials that worked stopped working: `afterCase` is the case that finished last
    /// before they did and changed state (of `operationId`; `request`: its method and URL), the
    /// likely cause.
    case credentialsLost(afterCase: String, operationId: String?, request: String?)

    /// As every report says it.
    public var description: String {
        switch self {
        case .documentError(let at, let message):
            "the document has an error in this operation: \(at.map { "\($0): " } ?? "")\(message)"
        case .configuration(let reason, let place):
            "skipped by the configuration: \(reason) (\(place))"
        case .noCredentials(let why):
            why
        case .needsMockClock:
            "needs to move the server's clock past an expiry, which only the mock can do (--target mock)"
        case .needsClientCertificate:
            "the operation asks for a TLS client certificate (mutualTLS): pass --client-cert and --client-key"
        case .liveData(let target, let baseURL, declared: true):
            "would create live data on \(target) (\(baseURL)); pass --allow-live-data to run it"
        case .liveData(let target, let baseURL, declared: false):
            "would create data on \(target) (\(baseURL)), which nothing declares a test server, so it is treated as live: "
                + "declare it with 'live-data: false' on its environment in contract-test.yaml or 'x-live-data: false' on its server in the document, "
                + "or pass --allow-live-data to run it"
        case .undeclaredCredentialsAsked:
            "the server answered 401, which the operation documents, asking for credentials the document declares no security scheme for: there are none to send"
        case .createRefused(let status):
            "the create was answered \(status), a documented answer that creates nothing: the steps after it need a created resource"
        case .createNamesNoResource(let status, let members):
            "the create's answer\(status.map { " (\($0))" } ?? "") names no \(members.joined(separator: " or ")) the steps after it could use (looked at its members, those of an object it wraps, and the request's)"
        case .tooFewCreates:
            "fewer than two creates of the run succeeded: nothing to compare"
        case .noAnswerRecorded(let problem):
            "no answer was recorded: \(problem)"
        case .credentialsRefused(let request, let status, let challenge, let schemes):
            "not judged: credentials refused: \(request) with the secret of \(schemes.joined(separator: ", ")) got \(status)"
                + (challenge.map { " (WWW-Authenticate: \($0))" } ?? " (no WWW-Authenticate)")
        case .credentialsLost(let afterCase, _, let request):
            "not judged: credentials no longer accepted after case '\(afterCase)'\(request.map { " (\($0))" } ?? "")"
        }
    }
}
