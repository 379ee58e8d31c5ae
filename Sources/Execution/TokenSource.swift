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

    /// The token in use, which generation of it, and whether the one refresh was spent.
    private struct State {
        var token: String?
        var loaded = false
        var generation = 0
        var refreshed = false
    }

    private let state = Mutex(State())

    /// A token known in advance (the embedded mock's), or none.
    public static func fixed(_ token: String?) -> TokenSource { TokenSource(.fixed(token)) }
    /// The token in an environment variable (default `PARTNER_API_TOKEN`).
    public static func environment(_ name: String) -> TokenSource { TokenSource(.environment(name)) }
    /// The token a shell command prints (run again once, when a valid-token case gets 401).
    public static func command(_ command: String) -> TokenSource { TokenSource(.command(command)) }

    private init(_ origin: Origin) {
        self.origin = origin
    }

    /// The environment variable the token comes from, when it comes from one: what a
    /// reproduction names in its place.
    public var variable: String? {
        if case .environment(let name) = origin { return name }
        return nil
    }

    /// Why no token could be had.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The token, or `nil` when the source has none.
    public func token() throws(Failure) -> String? {
        try current().token
    }

    /// The token with its generation (which refresh produced it).
    public func current() throws(Failure) -> (token: String?, generation: Int) {
        let known = state.withLock { $0.loaded ? ($0.token, $0.generation) : nil }
        if let known { return known }
        let token = try load()
        return state.withLock { state in
            if !state.loaded {
                state.token = token
                state.loaded = true
            }
            return (state.token, state.generation)
        }
    }

    private func load() throws(Failure) -> String? {
        switch origin {
        case .fixed(let value): value
        case .environment(let name): ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
        case .command(let command): try Self.run(command)
        }
    }

    /// After a 401 to a request sent with token `generation`: whether to try again. A command
    /// source is asked for a new token once per run; requests that used an older token than
    /// the current one simply try the current one.
    public func refresh(after generation: Int) -> Bool {
        guard case .command(let command) = origin else { return false }
        // The command runs under the lock: requests that got 401 at the same moment wait for
        // the one new token instead of finding the refresh spent.
        return state.withLock { state in
            if state.generation > generation { return true }
            if state.refreshed { return false }
            state.refreshed = true
            guard let token = try? Self.run(command) else { return false }
            state.token = token
            state.generation += 1
            return true
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
