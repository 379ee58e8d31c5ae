import AsyncHTTPClient
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Connections a server closes without answering: which failures mean the request got no
/// answer at all, and how a request is sent again.
///
/// Some servers close a kept-alive connection after an error answer without saying
/// `Connection: close` (uvicorn after a 500): the client learns it only when it sends the next
/// request there, which ends with the connection reset or closed before any byte of an answer.
/// As curl does, such a request is sent once more on a connection of its own, whatever its
/// method: on a connection that was closed under it, it never reached the server. Should the
/// fresh connection be closed unanswered too, the server dropped the request itself (a crash,
/// a panic): that is the server's failure, not the connection's.
enum ClosedConnections {
    /// Whether the client failed because the connection was closed or reset before any byte of
    /// an answer came: the end of the stream, `ECONNRESET`, `EPIPE`, or the request written to a
    /// channel that had closed (which is how a connection closed between two requests shows).
    static func closedBeforeAnswer(_ error: any Error) -> Bool {
        switch error {
        case let client as HTTPClientError: client == .remoteConnectionClosed
        case let io as IOError: io.errnoCode == ECONNRESET || io.errnoCode == EPIPE
        case let channel as ChannelError:
            switch channel {
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed: true
            default: false
            }
        default: false
        }
    }

    /// The client configuration whose every connection carries one request: a request sent
    /// through it never rides a connection an earlier answer left to close.
    static func freshConnections(_ configuration: HTTPClient.Configuration) -> HTTPClient.Configuration {
        var fresh = configuration
        fresh.maximumUsesPerConnection = 1
        return fresh
    }
}
