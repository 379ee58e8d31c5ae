import AsyncHTTPClient
import Synchronization

/// Connections a server closes without answering: what the executor may send again and what
/// it tells when it may not.
///
/// Some servers close a kept-alive connection after an error answer without saying
/// `Connection: close`; the client learns it only when it sends the next request there, which
/// then ends with no answer. RFC 9112 section 9.3.1 lets a client send an idempotent request
/// again on a new connection; any other request may have reached the server, so its failure
/// is told with the likely cause: the last error answer that left its connection open.
final class ClosedConnections: Sendable {
    /// The last answer of 400 or more that did not close its connection.
    struct ErrorAnswer: Sendable {
        var status: Int
        var method: String
        var url: String
    }

    private let lastErrorAnswer = Mutex<ErrorAnswer?>(nil)

    /// RFC 9110 section 9.2.2.
    static let idempotentMethods: Set<String> = ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]

    /// How many times a request is sent again after its connection closed unanswered.
    static let resendLimit = 2

    /// Whether the client failed because the server closed the connection before any answer.
    static func closedBeforeAnswer(_ error: any Error) -> Bool {
        (error as? HTTPClientError) == .remoteConnectionClosed
    }

    func heard(_ response: Exchange.Response, to method: String, url: String) {
        guard response.status >= 400, response.header("Connection")?.lowercased().contains("close") != true else { return }
        lastErrorAnswer.withLock { $0 = ErrorAnswer(status: response.status, method: method, url: url) }
    }

    /// What to add to the transport error of a request not sent again.
    func cause(notResending method: String) -> String {
        var text = ": the \(method) is not sent again, as it may have reached the server and is not idempotent (RFC 9112 section 9.3.1)."
        if let earlier = lastErrorAnswer.withLock({ $0 }) {
            text +=
                " Likely cause: the server closes a connection after an error answer without `Connection: close`; the last such answer was \(earlier.status) to \(earlier.method) \(earlier.url)."
        }
        return text
    }
}
