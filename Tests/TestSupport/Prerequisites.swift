import Foundation

/// What some tests need from the machine beyond Swift: a program on the PATH, a port nothing
/// listens on. Each answers `nil` when present, else why not, for a test's skip reason.
public enum Prerequisites {
    /// `nil` when `program` is on the PATH.
    public static func missing(_ program: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        let found = folders.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
        return found ? nil : "\(program) is not on the PATH"
    }

    /// `nil` when nothing listens on 127.0.0.1:9 (the discard port), which the tests of an
    /// unreachable target use as one.
    public static let port9InUse: String? = {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return "cannot open a socket to probe port 9" }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(9).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return connected == 0 ? "something listens on 127.0.0.1:9, the port these tests expect to be closed" : nil
    }()
}
