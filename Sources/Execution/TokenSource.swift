import Foundation
import Subprocess
import Synchronization

/// Where the bearer token comes from: an environment variable or a command's output. The token
/// is kept in memory only; it is never printed, logged or written to a report.
///
/// A command runs through swift-subprocess: asynchronously (no thread of the cooperative pool
/// waits on it), with its standard output and standard error read at once (a child that
/// writes much to either never stalls), and never while a lock is held: callers that need
/// the same token await one run.
public final class TokenSource: Sendable {
    enum Origin: Sendable {
        case fixed(String?)
        case environment(String)
        case command(String)
    }

    private let origin: Origin

    /// The token in use and which generation of it; the first load and the one refresh, each
    /// a task every caller awaits.
    private struct State {
        var token: String?
        var generation = 0
        var loading: Task<String?, any Error>?
        var refreshing: Task<Bool, Never>?
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
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The token, or `nil` when the source has none.
    public func token() async throws(Failure) -> String? {
        try await current().token
    }

    /// The token with its generation (which refresh produced it).
    public func current() async throws(Failure) -> (token: String?, generation: Int) {
        let loading = state.withLock { state in
            if let task = state.loading { return task }
            let origin = origin
            let task = Task { () async throws -> String? in try await Self.load(origin) }
            state.loading = task
            return task
        }
        let token: String?
        do {
            token = try await loading.value
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "the token could not be read: \(error)")
        }
        return state.withLock { state in
            if state.generation == 0 { state.token = token }
            return (state.token, state.generation)
        }
    }

    private static func load(_ origin: Origin) async throws(Failure) -> String? {
        switch origin {
        case .fixed(let value): value
        case .environment(let name): ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
        case .command(let command): try await run(command)
        }
    }

    /// After a 401 to a request sent with token `generation`: whether to try again. A command
    /// source is asked for a new token once per run; requests that got 401 at the same moment
    /// await that one run, and requests that used an older token than the current one simply
    /// try the current one.
    public func refresh(after generation: Int) async -> Bool {
        guard case .command(let command) = origin else { return false }
        let refreshing = state.withLock { state -> Task<Bool, Never>? in
            if state.generation > generation { return nil }
            if let task = state.refreshing { return task }
            let task = Task { [self] () async -> Bool in
                guard let token = try? await Self.run(command) else { return false }
                self.state.withLock { current in
                    current.token = token
                    current.generation += 1
                }
                return true
            }
            state.refreshing = task
            return task
        }
        guard let refreshing else { return true }
        return await refreshing.value && state.withLock { $0.generation > generation }
    }

    /// The largest token a command may print, and how much of its complaints are kept.
    private static let outputLimit = 64 * 1024
    private static let errorLimit = 1024 * 1024

    /// Runs `sh -c COMMAND`; its trimmed standard output is the token.
    static func run(_ command: String) async throws(Failure) -> String {
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(
                .path("/bin/sh"), arguments: ["-c", command],
                output: .string(limit: outputLimit), error: .string(limit: errorLimit))
        } catch let error as SubprocessError where error.code == .outputLimitExceeded {
            throw Failure(description: "the token command printed more than \(outputLimit / 1024) KiB: expected one token")
        } catch {
            throw Failure(description: "the token command could not run: \(error)")
        }
        let complaint = (result.standardError ?? "").split(separator: "\n").first.map { ": \($0)" } ?? ""
        switch result.terminationStatus {
        case .exited(0):
            break
        case .exited(let code):
            throw Failure(description: "the token command exited with \(code)\(complaint)")
        case .signaled(let signal):
            throw Failure(description: "the token command was stopped by signal \(signal)\(complaint)")
        }
        let token = (result.standardOutput ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw Failure(description: "the token command printed nothing\(complaint)") }
        return token
    }
}
