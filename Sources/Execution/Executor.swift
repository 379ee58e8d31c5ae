import AsyncHTTPClient
import BusinessRules
import CaseGeneration
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Sends cases' requests with AsyncHTTPClient: the token added (never shown), bounded retries
/// on 429 and 503 honouring `Retry-After`, a per-request timeout, and transport problems told
/// in words.
public struct Executor: Sendable {
    public struct Options: Sendable {
        public var timeout: Duration
        public var maxRetries: Int
        /// The longest wait a `Retry-After` may ask for.
        public var maxRetryWait: Duration

        public init(timeout: Duration = .seconds(30), maxRetries: Int = 3, maxRetryWait: Duration = .seconds(10)) {
            self.timeout = timeout
            self.maxRetries = maxRetries
            self.maxRetryWait = maxRetryWait
        }
    }

    let client: HTTPClient
    public let target: Target
    let tokens: TokenSource
    let options: Options
    /// How far this executor has moved the mock's clock ahead of real time.
    let clockShift = ClockShift()

    public init(client: HTTPClient, target: Target, tokens: TokenSource, options: Options = Options()) {
        self.client = client
        self.target = target
        self.tokens = tokens
        self.options = options
    }

    /// The client configuration for a run: TLS trusting `caCertificates` (PEM) besides the
    /// system's roots, no redirects (a redirect is an answer to judge, not to follow), and as
    /// many connections to the target as requests in flight (the pool's default is 8).
    public static func clientConfiguration(caCertificates: String?, connections: Int = 8) throws -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(connections, 1))
        // A refused connection or a failed TLS handshake is retried by the pool until this
        // passes: a few seconds tell an unreachable target from a slow one.
        configuration.timeout.connect = .seconds(5)
        if let caCertificates {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.certificates(try PEMFiles.certificates(caCertificates, role: "CA certificate"))]
            configuration.tlsConfiguration = tls
        }
        return configuration
    }

    /// Sends one request; a 401 to a request with the valid token asks a command token source
    /// for a new token and tries once more.
    public func send(_ spec: RequestSpec) async -> Exchange {
        let generation = (try? tokens.current().generation) ?? 0
        let first = await attempt(spec)
        if spec.credentials == .valid, first.response?.status == 401, tokens.refresh(after: generation) {
            return await attempt(spec)
        }
        return first
    }

    private func attempt(_ spec: RequestSpec) async -> Exchange {
        let url = target.url(for: spec.target)
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: spec.method)
        var shown: [(name: String, value: String)] = []
        for header in spec.headers {
            request.headers.add(name: header.name, value: header.value)
            shown.append((header.name, header.value))
        }
        switch spec.credentials {
        case .valid:
            if let token = try? tokens.token() {
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                shown.append(("Authorization", Exchange.redactedCredentials))
            }
        case .none:
            break
        case .header(let value):
            request.headers.add(name: "Authorization", value: value)
            shown.append(("Authorization", value))
        }
        if let body = spec.body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let sent = Exchange.Request(method: spec.method, url: url, headers: shown, body: spec.body)
        let clock = ContinuousClock()
        let started = clock.now
        let sentAt = Timestamp.systemNow()
        let shiftAtSend = clockShift.least
        var retries = 0
        while true {
            do {
                let response = try await client.execute(request, timeout: .nanoseconds(Int64(options.timeout.components.seconds) * 1_000_000_000
                    + options.timeout.components.attoseconds / 1_000_000_000))
                let body = try await response.body.collect(upTo: 32 << 20)
                let answer = Exchange.Response(
                    status: Int(response.status.code),
                    headers: response.headers.map { ($0.name, $0.value) },
                    body: Array(body.readableBytesView))
                if [429, 503].contains(answer.status), retries < options.maxRetries {
                    retries += 1
                    try? await Task.sleep(for: retryDelay(answer, attempt: retries))
                    continue
                }
                let timing = AnswerTiming(
                    sent: sentAt, answered: Timestamp.systemNow(), serverDate: answer.header("Date").flatMap(Timestamp.init(httpDate:)),
                    knownShift: shiftAtSend...max(shiftAtSend, clockShift.most))
                return Exchange(request: sent, response: answer, transportError: nil, duration: seconds(clock.now - started),
                                retries: retries, timing: timing)
            } catch {
                return Exchange(request: sent, response: nil, transportError: Self.describe(error, url: url),
                                duration: seconds(clock.now - started), retries: retries)
            }
        }
    }

    /// `Retry-After` in seconds or as an HTTP date, bounded; else 0.5 s, 1 s, 2 s, ...
    func retryDelay(_ response: Exchange.Response, attempt: Int) -> Duration {
        let backoff = Duration.milliseconds(500 * (1 << (attempt - 1)))
        guard let value = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces) else { return min(backoff, options.maxRetryWait) }
        if let seconds = Int(value) { return min(.seconds(max(seconds, 0)), options.maxRetryWait) }
        if let date = Timestamp(httpDate: value) {
            let wait = max(date.seconds(since: Timestamp.systemNow()), 0)
            return min(.milliseconds(Int(wait * 1000)), options.maxRetryWait)
        }
        return min(backoff, options.maxRetryWait)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A transport failure in words.
    static func describe(_ error: any Error, url: String) -> TransportError {
        let text = String(describing: error)
        let lowered = text.lowercased()
        if error is NIOSSLError || lowered.contains("ssl") || lowered.contains("certificate") || lowered.contains("handshake") {
            return TransportError(kind: .tls, description: "TLS problem talking to \(url): the server's certificate is not trusted or the handshake failed (\(text)); for a private CA pass --ca-cert")
        }
        if let clientError = error as? HTTPClientError,
           clientError == .deadlineExceeded || clientError == .readTimeout || clientError == .connectTimeout {
            return TransportError(kind: .timeout, description: "no answer from \(url) within the timeout (\(text))")
        }
        if lowered.contains("dns") || lowered.contains("unknownhost") || lowered.contains("name or service not known") {
            let host = URIHost.of(url)
            return TransportError(kind: .unreachable, description: "cannot reach \(url): the host name \(host) does not resolve (DNS): \(text)")
        }
        if lowered.contains("refused") || lowered.contains("connect") || lowered.contains("resolve") || lowered.contains("unreachable") {
            return TransportError(kind: .unreachable, description: "cannot reach \(url): \(text)")
        }
        return TransportError(kind: .other, description: "the request to \(url) failed: \(text)")
    }

    /// Moves the mock's clock forward (only the embedded or a local mock target has one).
    public func advanceMockClock(days: Int) async throws {
        guard let control = target.mockControlURL else {
            throw TransportError(kind: .other, description: "the target has no mock clock to move")
        }
        var request = HTTPClientRequest(url: control + "/__mock/clock")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"advanceDays": \#(days)}"#))
        let seconds = Int64(days) * 86_400
        clockShift.announce(seconds)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(10))
        } catch {
            clockShift.settle(seconds, moved: false)
            throw error
        }
        clockShift.settle(seconds, moved: response.status == .ok)
        guard response.status == .ok else {
            throw TransportError(kind: .other, description: "the mock refused to move its clock (\(response.status.code))")
        }
    }
}

/// The host of a URL, for messages and reports.
public enum URIHost {
    public static func of(_ url: String) -> String {
        guard let start = url.range(of: "://")?.upperBound else { return url }
        return String(url[start...].prefix { $0 != "/" && $0 != ":" && $0 != "?" })
    }
}
