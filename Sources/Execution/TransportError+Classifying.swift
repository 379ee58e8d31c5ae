import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

extension TransportError {
    /// Classifies what the HTTP client threw by its type (never by its wording) and says it
    /// in words with what to do about it.
    public init(classifying error: any Error, url: String) {
        if ClosedConnections.closedBeforeAnswer(error) {
            self.init(kind: .other, description: "the server closed the connection before answering \(url)")
            return
        }
        let text = String(describing: error)
        if let clientError = error as? HTTPClientError, let proxyWords = Self.proxyProblem(clientError, url: url) {
            self.init(kind: .unreachable, description: proxyWords)
            return
        }
        switch Self.kind(of: error) {
        case .tls:
            self.init(
                kind: .tls,
                description:
                    "TLS problem talking to \(url): the server's certificate is not trusted or the handshake failed (\(text)); for a private CA pass --ca-cert"
            )
        case .timeout:
            self.init(kind: .timeout, description: "no answer from \(url) within the timeout (\(text))")
        case .unreachable where Self.isNameResolution(error):
            self.init(kind: .unreachable, description: "cannot reach \(url): the host name \(URIHost.of(url)) does not resolve (DNS): \(text)")
        case .unreachable:
            self.init(kind: .unreachable, description: "cannot reach \(url): \(text)")
        case .other, .credentials, .dropped:
            self.init(kind: .other, description: "the request to \(url) failed: \(text)")
        }
    }

    static func kind(of error: any Error) -> Kind {
        switch error {
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            return .tls
        case let clientError as HTTPClientError
        where clientError == .deadlineExceeded || clientError == .readTimeout || clientError == .connectTimeout:
            return .timeout
        case ChannelError.connectTimeout:
            return .timeout
        case is NIOConnectionError, is SocketAddressError:
            return .unreachable
        case let ioError as IOError:
            return unreachableErrnos.contains(ioError.errnoCode)
                ? .unreachable
                : ioError.errnoCode == ETIMEDOUT ? .timeout : .other
        default:
            return .other
        }
    }

    /// What a forward proxy (`HTTPS_PROXY`) refused, in words.
    private static func proxyProblem(_ error: HTTPClientError, url: String) -> String? {
        let host = URIHost.of(url)
        switch error {
        case .invalidProxyResponse:
            return
                "cannot reach \(url): the proxy would not open a tunnel to \(host) (it answered CONNECT with an error): check the proxy, or list \(host) in NO_PROXY"
        case .proxyAuthenticationRequired:
            return "cannot reach \(url): the proxy asks for credentials (407): give them in the proxy variable as http://user:password@host:port"
        case .httpProxyHandshakeTimeout:
            return "cannot reach \(url): the proxy did not answer CONNECT in time"
        default:
            return nil
        }
    }

    /// A connection that could not be opened: refused, no route, the network down.
    private static let unreachableErrnos: Set<CInt> = [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, ENETDOWN, EHOSTDOWN, EADDRNOTAVAIL]

    /// A host name that does not resolve: a DNS failure with no address left to try.
    private static func isNameResolution(_ error: any Error) -> Bool {
        switch error {
        case is SocketAddressError:
            true
        case let connectionError as NIOConnectionError:
            connectionError.connectionErrors.isEmpty && (connectionError.dnsAError != nil || connectionError.dnsAAAAError != nil)
        default:
            false
        }
    }
}
