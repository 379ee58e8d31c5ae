import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a server of the tool's own (the mock, the proxy) could not listen: a usage error, said
/// in words with what to do, never a system call's text.
public enum ListenFailure: Sendable, Equatable {
    /// Another process listens on the port.
    case portInUse
    /// The port needs privileges this process lacks (below 1024).
    case notPermitted
    /// The host is not an address of this machine.
    case notAnAddress
    /// Any other system error, as the system says it.
    case other(String)

    /// The error a server of the tool's own ends a command with: where it could not listen, or
    /// why it stopped.
    public static func runError(_ error: any Error, host: String, port: Int) -> RunError {
        ListenFailure(error).map { .listen(host: host, port: port, $0) } ?? .server("\(error)")
    }

    /// The failure `error` (thrown while the server ran) is, when it is a system call's.
    public init?(_ error: any Error) {
        guard let io = error as? IOError else { return nil }
        switch io.errnoCode {
        case EADDRINUSE: self = .portInUse
        case EACCES, EPERM: self = .notPermitted
        case EADDRNOTAVAIL: self = .notAnAddress
        default: self = .other(String(cString: strerror(io.errnoCode)))
        }
    }

    /// The sentence after "cannot listen on HOST:PORT: ".
    public func words(port: Int) -> String {
        switch self {
        case .portInUse: "the port is in use (another process listens there): choose another with --port, or --port 0 for any free port"
        case .notPermitted: "not permitted\(port < 1024 ? " (ports below 1024 need privileges)" : ""): choose another with --port"
        case .notAnAddress: "the host is not an address of this machine: choose another with --host (127.0.0.1, 0.0.0.0)"
        case .other(let reason): reason
        }
    }
}
