import Foundation
import Subprocess
import Synchronization
import SystemPackage

/// Where the bearer token comes from: an environment variable, a command's output, or an
/// OAuth2 token endpoint (client credentials). The token is kept in memory only; it is never
/// printed, logged or written to a report.
///
/// A command runs through swift-subprocess: asynchronously (no thread of the cooperative pool
/// waits on it), with its standard output and standard error read at once (a child that
/// writes much to either never stalls), and never while a lock is held: callers that need
/// the same token await one run.
///
/// A token with a lifetime (an OAuth2 token's `expires_in`) is renewed shortly before it
/// expires (`renewalMargin`), once for every request in flight: the first caller to find it
/// due starts the one renewal, the others await it.
public final class TokenSource: Sendable {
    enum Origin: Sendable {
        case fixed(String?)
        case environment(String)
        case command(String)
        case oauth2(OAuth2ClientCredentials, environment: [String: String])
    }

    private let origin: Origin
    /// The clock lifetimes are measured by (a test's own, to renew without waiting).
    private let now: @Sendable () -> ContinuousClock.Instant

    /// The token in use and which generation of it; the first load, the renewal under way and
    /// the one refresh after a 401, each a task every caller awaits.
    private struct State {
        var token: String?
        var generation = 0
        /// When the token in use is due for renewal; `nil`: it does not expire.
        var renewAt: ContinuousClock.Instant?
        var loading: Task<Loaded, any Error>?
        var renewing: (generation: Int, task: Task<Result<Void, Failure>, Never>)?
        var refreshing: Task<Bool, Never>?
        /// How many tokens the source has had (the first and every renewal).
        var loads = 0
        /// Why the source last failed to give a token, if it did.
        var failure: Failure?
    }

    /// A token as loaded, and for how long it is valid when that is known.
    struct Loaded: Sendable {
        var token: String?
        var lifetime: Duration?
    }

    private let state = Mutex(State())

    /// A token known in advance (the embedded mock's), or none.
    public static func fixed(_ token: String?) -> TokenSource { TokenSource(.fixed(token)) }
    /// The token in an environment variable (default `PARTNER_API_TOKEN`).
    public static func environment(_ name: String) -> TokenSource { TokenSource(.environment(name)) }
    /// The token a shell command prints (run again once, when a valid-token case gets 401).
    public static func command(_ command: String) -> TokenSource { TokenSource(.command(command)) }
    /// Tokens an OAuth2 token endpoint issues for the client credentials (read from
    /// `environment`), renewed before they expire; `now` is the clock their lifetimes are
    /// measured by.
    public static func oauth2(
        _ credentials: OAuth2ClientCredentials, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TokenSource {
        TokenSource(.oauth2(credentials, environment: environment), now: now)
    }

    private init(_ origin: Origin, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.origin = origin
        self.now = now
    }

    /// The environment variable the token comes from, when it comes from one: what a
    /// reproduction names in its place.
    public var variable: String? {
        if case .environment(let name) = origin { return name }
        return nil
    }

    /// How many tokens the source has loaded: the first, and each renewal and refresh.
    public var loads: Int { state.withLock { $0.loads } }

    /// Why the source last failed to give a token (the run then ends as a usage error, not
    /// with the refusals a request without it would get).
    public var failure: Failure? { state.withLock { $0.failure } }

    /// Why no token could be had.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        /// Why, in words (never the secret).
        public var description: String

        /// A failure, told in words.
        public init(description: String) {
            self.description = description
        }
    }

    /// The token, or `nil` when the source has none.
    public func token() async throws(Failure) -> String? {
        try await current().token
    }

    /// The token with its generation (which renewal or refresh produced it), renewed first
    /// when it is due.
    public func current() async throws(Failure) -> (token: String?, generation: Int) {
        let loading = state.withLock { state in
            if let task = state.loading { return task }
            let origin = origin
            let task = Task { () async throws -> Loaded in try await Self.load(origin) }
            state.loading = task
            return task
        }
        let loaded: Loaded
        do {
            loaded = try await loading.value
        } catch {
            let failure = error as? Failure ?? Failure(description: "the token could not be read: \(error)")
            state.withLock { $0.failure = failure }
            throw failure
        }
        let moment = now()
        let (due, generation) = state.withLock { state -> (Bool, Int) in
            if state.generation == 0, state.loads == 0 {
                state.token = loaded.token
                state.renewAt = loaded.lifetime.map { moment + Self.renewalPoint(of: $0) }
                state.loads = 1
            }
            return (state.renewAt.map { moment >= $0 } ?? false, state.generation)
        }
        if due { try await renew(from: generation) }
        return state.withLock { ($0.token, $0.generation) }
    }

    /// When, into a token's lifetime, it is renewed: a minute before it expires, or at half
    /// its lifetime when that is shorter than two minutes.
    static func renewalPoint(of lifetime: Duration) -> Duration {
        lifetime > .seconds(120) ? lifetime - .seconds(60) : lifetime / 2
    }

    /// Renews the token of `generation`, once: callers that find it due together await one
    /// renewal. A renewal that fails fails every caller that awaited it.
    private func renew(from generation: Int) async throws(Failure) {
        let task = state.withLock { state -> Task<Result<Void, Failure>, Never>? in
            if state.generation > generation { return nil }
            if let renewing = state.renewing, renewing.generation == generation { return renewing.task }
            let origin = origin
            let task = Task { [self] () async -> Result<Void, Failure> in
                do throws(Failure) {
                    self.store(try await Self.load(origin))
                    return .success(())
                } catch {
                    self.state.withLock { $0.failure = error }
                    return .failure(error)
                }
            }
            state.renewing = (generation, task)
            return task
        }
        guard let task else { return }
        try await task.value.get()
    }

    /// A new token in use: the next generation, due for renewal by its lifetime.
    private func store(_ loaded: Loaded) {
        let moment = now()
        state.withLock { current in
            current.token = loaded.token
            current.renewAt = loaded.lifetime.map { moment + Self.renewalPoint(of: $0) }
            current.generation += 1
            current.loads += 1
        }
    }

    private static func load(_ origin: Origin) async throws(Failure) -> Loaded {
        switch origin {
        case .fixed(let value):
            return Loaded(token: value)
        case .environment(let name):
            return Loaded(token: ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 })
        case .command(let command):
            return Loaded(token: try await run(command))
        case .oauth2(let credentials, let environment):
            let issued = try await credentials.fetch(environment: environment)
            return Loaded(token: issued.token, lifetime: issued.lifetime)
        }
    }

    /// After a 401 to a request sent with token `generation`: whether to try again. A command
    /// or OAuth2 source is asked for a new token once per run; requests that got 401 at the
    /// same moment await that one load, and requests that used an older token than the
    /// current one simply try the current one.
    public func refresh(after generation: Int) async -> Bool {
        switch origin {
        case .command, .oauth2: break
        case .fixed, .environment: return false
        }
        let refreshing = state.withLock { state -> Task<Bool, Never>? in
            if state.generation > generation { return nil }
            if let task = state.refreshing { return task }
            let origin = origin
            let task = Task { [self] () async -> Bool in
                guard let loaded = try? await Self.load(origin) else { return false }
                self.store(loaded)
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
        let complaint = result.standardError.split(separator: "\n").first.map { ": \($0)" } ?? ""
        switch result.terminationStatus {
        case .exited(0):
            break
        case .exited(let code):
            throw Failure(description: "the token command exited with \(code)\(complaint)")
        case .signaled(let signal):
            throw Failure(description: "the token command was stopped by signal \(signal)\(complaint)")
        }
        let token = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw Failure(description: "the token command printed nothing\(complaint)") }
        return token
    }
}
