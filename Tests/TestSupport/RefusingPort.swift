import Foundation

/// A loopback port that refuses every connection while this value is open: a socket bound to
/// it and never listening, so the kernel answers each connection with a reset and no other
/// program can take the port meanwhile. What the tests of an unreachable server use, instead
/// of assuming some port is closed.
public final class RefusingPort: @unchecked Sendable {
    /// The port, on 127.0.0.1.
    public let port: Int
    /// The bound socket; -1 once closed. Touched only by `init` and `close`.
    private var socket: Int32

    /// Why no port could be held.
    public struct Failure: Error, CustomStringConvertible {
        /// The system call that failed, and its errno.
        public var description: String
    }

    /// Binds a free loopback port and holds it.
    public init() throws {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "cannot open a socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            Foundation.close(socket)
            throw Failure(description: "cannot bind a loopback port: errno \(errno)")
        }
        self.socket = socket
        port = Int(in_port_t(bigEndian: address.sin_port))
    }

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Gives the port back; call it when the test is done (a `defer`), which also keeps this
    /// value alive until then.
    public func close() {
        if socket >= 0 { Foundation.close(socket) }
        socket = -1
    }

    deinit { close() }
}
