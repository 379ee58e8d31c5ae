import Foundation
import Synchronization

/// Where the bearer token comes from: an environment variable or a command's output. The token
/// is kept in memory only; it is never printed, logged or written to a report.
public final class TokenSource: Sendable {
    enum Origin: Sendable {
        case fixed(String?)
        case environment(String)
        case command(String)
    }

    private let origin: Origin
    private let cached = Mutex<String?>(nil)
    private let refreshed = Mutex(false)

    /// A token known in advance (the embedded mock's), or none.
    public static func fixed(_ token: String?) -> TokenSource { TokenSource(.fixed(token)) }
    /// The token in an environment variable (default `PARTNER_API_TOKEN`).
    public static func environment(_ name: String) -> TokenSource { TokenSource(.environment(name)) }
    /// The token a shell command prints (run again once, when a valid-token case gets 401).
    public static func command(_ command: String) -> TokenSource { TokenSource(.command(command)) }

    private init(_ origin: Origin) {
        self.origin = origin
    }

    /// Why no token could be had.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The token, or `nil` when the source has none.
    public func token() throws(Failure) -> String? {
        if let token = cached.withLock({ $0 }) { return token }
        let token: String?
        switch origin {
        case .fixed(let value):
            token = value
        case .environment(let name):
            token = ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
        case .command(let command):
            token = try Self.run(command)
        }
        cached.withLock { $0 = token }
        return token
    }

    /// Asks a command source for a new token, once per run; `false` when there is nothing new
    /// to ask for.
    public func refresh() -> Bool {
        guard case .command = origin, refreshed.withLock({ state in defer { state = true }; return !state }) else { return false }
        cached.withLock { $0 = nil }
        return true
    }

    /// Where the token comes from, in words (never the token).
    public var originDescription: String {
        switch self.origin {
        case .fixed: "the embedded mock"
        case .environment(let name): "$\(name)"
        case .command(let command): "the output of `\(command)`"
        }
    }

    private static func run(_ command: String) throws(Failure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "the token command could not start: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let first = problem.split(separator: "\n").first.map { ": \($0)" } ?? ""
            throw Failure(description: "the token command exited with \(process.terminationStatus)\(first)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw Failure(description: "the token command printed nothing") }
        return token
    }
}
