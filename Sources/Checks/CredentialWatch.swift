import CaseGeneration
import Execution
import OpenAPIModel
import Synchronization

/// What the run knows of its own credentials, so that a refusal of them is never reported as
/// the API's drift. The run proves them first (its first authenticated valid requests, alone);
/// later, an authenticated valid request refused with 401 or 403 sends that proof again, and
/// when it is refused too the credentials stopped working: every later authenticated case is
/// not judged, naming the state-changing case that finished last before (the likely cause).
final class CredentialWatch: Sendable {
    /// Where the credentials stand.
    enum State: Sendable {
        /// Not proven yet (or the run sends none).
        case unproven
        /// Accepted by the proof's request, which can be sent again to ask whether they still are.
        case working(proof: RequestSpec, operationId: String)
        /// Refused, or lost: why every authenticated case is not judged.
        case gone(SkipReason)
    }

    private let state = Mutex<(state: State, lastChange: (name: String, operationId: String, request: String)?)>((.unproven, nil))

    var current: State { state.withLock { $0.state } }

    /// The reason authenticated cases are not judged, once the credentials are gone.
    var goneReason: SkipReason? {
        if case .gone(let reason) = current { reason } else { nil }
    }

    func proven(by request: RequestSpec, operationId: String) {
        state.withLock { $0.state = .working(proof: request, operationId: operationId) }
    }

    func refused(_ reason: SkipReason) {
        state.withLock { $0.state = .gone(reason) }
    }

    /// A finished case whose authenticated request changed state with a 2xx: the likely cause
    /// should the credentials stop working next.
    func noteChange(_ result: CaseResult) {
        guard let exchange = result.exchanges.last(where: { ($0.response?.status).map { (200..<300).contains($0) } ?? false }),
            !["GET", "HEAD", "OPTIONS"].contains(exchange.request.method.uppercased())
        else { return }
        state.withLock {
            $0.lastChange = (result.testCase.name, result.testCase.operationId, "\(exchange.request.method) \(exchange.request.url)")
        }
    }

    /// The credentials stopped working: the reason later cases are not judged.
    func lost() -> SkipReason {
        state.withLock { state in
            if case .gone(let reason) = state.state { return reason }
            let reason = SkipReason.credentialsLost(
                afterCase: state.lastChange?.name ?? "(no case changed state)", operationId: state.lastChange?.operationId,
                request: state.lastChange?.request)
            state.state = .gone(reason)
            return reason
        }
    }

    /// Whether a case sends the run's secrets.
    static func isAuthenticated(_ testCase: TestCase) -> Bool {
        testCase.requests.contains { request in request.credentials.parts.contains { $0.value == .secret } }
    }

    /// Whether a case proves the credentials: one valid request with the run's secrets, nothing
    /// it depends on (a single positive request).
    static func canProve(_ testCase: TestCase) -> Bool {
        guard testCase.kind == .positive, testCase.skipReason == nil, testCase.steps.count == 1,
            case .request(let request, let expectation, _) = testCase.steps[0], expectation.expectsSuccess
        else { return false }
        return request.credentials.parts.contains { $0.value == .secret }
    }

    /// Whether an answer refuses the credentials it was sent with.
    static func refusesCredentials(_ status: Int?) -> Bool {
        status == 401 || status == 403
    }

    /// Whether calling the operation may change the run's own credentials or the server's
    /// settings (a token reset, a password change, a logout, a settings update): such an
    /// operation runs after every other case. Read from its method and its words; the
    /// configuration's `run-last` declares others.
    static func mayChangeCredentials(_ operation: OperationEntry) -> Bool {
        guard !["GET", "HEAD", "OPTIONS", "TRACE"].contains(operation.method.uppercased()) else { return false }
        let words = (operation.path + " " + operation.id).lowercased()
        return credentialWords.contains { words.contains($0) }
    }

    /// Where among the operations that run last this one goes: those whose words say they end
    /// or replace the run's own credentials (`reset`, `revoke`, `rotate`, `logout`, a token or
    /// password change) after those that only change settings, so one token reset takes none
    /// of the others with it.
    static func lastRank(_ operation: OperationEntry) -> Int {
        let words = (operation.path + " " + operation.id).lowercased()
        return endingWords.contains { words.contains($0) } ? 1 : 0
    }

    /// Words of operations that end or replace credentials.
    static let endingWords = ["reset", "revoke", "rotate", "logout", "log-out", "signout", "sign-out", "password", "passwd"]

    /// Words of operations that touch credentials or settings.
    static let credentialWords = [
        "token", "password", "passwd", "secret", "credential", "apikey", "api-key", "api_key", "logout", "log-out", "signout",
        "sign-out", "revoke", "rotate", "session", "setting", "config", "auth",
    ]
}
