import Foundation

/// What some tests need from the machine beyond Swift: a program on the PATH. Each answers
/// `nil` when present, else why not, for a test's skip reason.
public enum Prerequisites {
    /// `nil` when `program` is on the PATH.
    public static func missing(_ program: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        let found = folders.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
        return found ? nil : "\(program) is not on the PATH"
    }

}
