import AsyncHTTPClient
import BusinessRules
import CaseGeneration
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import TLSFiles
import YAMLSource

/// Sends cases' requests with AsyncHTTPClient: the token added (never shown), bounded retries
/// on 429 and 503 honouring `Retry-After`, a per-request timeout, transport problems told in
/// words, and (with a `Pressure`) as many requests in flight as the target shows it can take.
public struct Executor: Sendable {
    /// How requests are sent: timeout, retries and their waits.
    public struct Options: Sendable {
        /// How long an answer may take.
        public var timeout: Duration
        /// Retries on 429 and 503.
        public var maxRetries: Int
        /// The longest wait a `Retry-After` may ask for.
        public var maxRetryWait: Duration
        /// Headers every request carries besides its case's (`-H`), and those of one operation.
        public var extraHeaders: ExtraHeaders
        /// At most so many requests per second (`--rate-limit`); `nil`: as fast as answered.
        public var rateLimit: RateLimit?

        /// Options; every one has a default.
        public init(
            timeout: Duration = .seconds(30), maxRetries: Int = 3, maxRetryWait: Duration = .seconds(10),
            extraHeaders: ExtraHeaders = .none, rateLimit: RateLimit? = nil
        ) {
            self.timeout = timeout
            self.maxRetries = maxRetries
            self.maxRetryWait = maxRetryWait
            self.extraHeaders = extraHeaders
            self.rateLimit = rateLimit
        }
    }

    let client: HTTPClient
    /// Where the requests go.
    public let target: Target
    let secrets: Secrets
    let options: Options
    /// Whether the client presents a TLS certificate of its own (mutualTLS).
    public let hasClientCertificate: Bool
    /// How far this executor has moved the mock's clock ahead of real time.
    let clockShift = ClockShift()
    /// A client whose every connection carries one request: where a request goes again after
    /// its kept-alive connection was closed under it (`nil`: the pool's next connection).
    let freshClient: HTTPClient?
    /// Admits each request and hears each answer, when the run adapts its concurrency.
    public let pressure: Pressure?

    /// An executor sending to `target` through `client`, with the run's secrets.
    /// `freshClient`: one made with `freshConnections(_:)`, so a request sent again after its
    /// connection was closed under it rides a connection of its own.
    public init(
        client: HTTPClient, target: Target, secrets: Secrets, options: Options = Options(), hasClientCertificate: Bool = false,
        pressure: Pressure? = nil, freshClient: HTTPClient? = nil
    ) {
        self.client = client
        self.freshClient = freshClient
        self.target = target
        self.secrets = secrets
        self.options = options
        self.hasClientCertificate = hasClientCertificate
        self.pressure = pressure
    }

    /// An executor whose one secret serves every scheme.
    public init(client: HTTPClient, target: Target, tokens: TokenSource, options: Options = Options()) {
        self.init(client: client, target: target, secrets: Secrets(fallback: tokens), options: options)
    }

    /// The client configuration for a run: TLS trusting `caCertificates` (PEM) besides the
    /// system's roots, through `proxy` when there is one, no redirects (a redirect is an answer to judge, not to follow), and as
    /// many connections to the target as requests in flight (the pool's default is 8).
    public static func clientConfiguration(
        caCertificates: String?, clientCertificate: (chain: String, key: String)? = nil,
        connections: Int = 8, proxy: ProxyChoice? = nil
    ) throws(TransportError) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.proxy = proxy?.configuration
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(connections, 1))
        // A refused connection or a failed TLS handshake is retried by the pool until this
        // passes: a few seconds tell an unreachable target from a slow one.
        configuration.timeout.connect = .seconds(5)
        if caCertificates != nil || clientCertificate != nil {
            var tls = TLSConfiguration.makeClientConfiguration()
            do throws(PEMFiles.Problem) {
                if let caCertificates {
                    tls.additionalTrustRoots = [.certificates(try PEMFiles.certificates(caCertificates, role: "CA certificate"))]
                }
                if let clientCertificate {
                    tls.certificateChain = try PEMFiles.certificates(clientCertificate.chain, role: "client certificate").map { .certificate($0) }
                    tls.privateKey = .privateKey(try PEMFiles.privateKey(clientCertificate.key, role: "client certificate's key"))
                }
            } catch {
                throw TransportError(kind: .tls, description: error.description)
            }
            configuration.tlsConfiguration = tls
        }
        return configuration
    }

    /// The configuration of the client whose every connection carries one request, for
    /// `freshClient`.
    public static func freshConnections(_ configuration: HTTPClient.Configuration) -> HTTPClient.Configuration {
        ClosedConnections.freshConnections(configuration)
    }

    /// Sends one request of `operationId`'s; a 401 to a request sent with the run's secrets asks
    /// their sources for new ones and tries once more. A request of a race (`race`) is sent at
    /// once, whatever the pressure and the rate limit allow: its point is to be in flight with
    /// the others.
    public func send(_ spec: RequestSpec, operationId: String? = nil, race: Bool = false) async -> Exchange {
        let sources = spec.credentials.parts.filter { $0.value == .secret }.map { secrets.source(for: $0.scheme) }
        var generations: [Int] = []
        for source in sources { generations.append((try? await source.current().generation) ?? 0) }
        let first = await attempt(spec, operationId: operationId, race: race)
        guard !sources.isEmpty, first.response?.status == 401 else { return first }
        var refreshed = false
        for (source, generation) in zip(sources, generations) where await source.refresh(after: generation) {
            refreshed = true
        }
        return refreshed ? await attempt(spec, operationId: operationId, race: race) : first
    }

    private func attempt(_ spec: RequestSpec, operationId: String?, race: Bool) async -> Exchange {
        let credentials: AppliedCredentials
        do throws(TokenSource.Failure) {
            credentials = try await applied(spec.credentials)
        } catch {
            let shown = Exchange.Request(
                method: spec.method, url: target.url(for: spec.target), headers: spec.headers.map { ($0.name, $0.value) },
                body: spec.body)
            return Exchange(
                request: shown, response: nil, transportError: TransportError(kind: .credentials, description: "not sent: \(error)"),
                duration: 0, retries: 0)
        }
        var url = target.url(for: spec.target)
        var shownURL = url
        if !credentials.query.isEmpty {
            let separator = spec.query.isEmpty ? "?" : "&"
            url += separator + credentials.query.map(\.sent).joined(separator: "&")
            shownURL += separator + credentials.query.map(\.shown).joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: spec.method)
        let shown: [(name: String, value: String)]
        for header in spec.headers { request.headers.add(name: header.name, value: header.value) }
        for header in credentials.headers { request.headers.add(name: header.name, value: header.sent) }
        // Extra headers last, and only those the request does not carry already.
        let extra = options.extraHeaders.headers(for: operationId ?? spec.operationId).filter { !request.headers.contains(name: $0.name) }
        for header in extra { request.headers.add(name: header.name, value: header.sent) }
        shown = spec.headers.map { ($0.name, $0.value) } + credentials.headers.map { ($0.name, $0.shown) } + extra.map { ($0.name, $0.shown) }
        let extraSecrets = extra.flatMap { header in header.variables.map { RedactedSecret(header: header.name, variable: $0) } }
        if let body = spec.body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let sent = Exchange.Request(method: spec.method, url: shownURL, headers: shown, body: spec.body, secrets: credentials.redacted + extraSecrets)
        let clock = ContinuousClock()
        let started = clock.now
        let sentAt = Timestamp.systemNow()
        let shiftAtSend = clockShift.least
        var retries = 0
        var crowdedRetries = 0
        var resends = 0
        while true {
            if !race { await options.rateLimit?.admit() }
            let ticket = race ? pressure?.admitAtOnce() : await pressure?.admit()
            let answer: Exchange.Response
            let attemptStarted = clock.now
            do {
                answer = try await receive(request, on: resends > 0 ? freshClient ?? client : client)
            } catch {
                let closed = error.beforeAnswer && ClosedConnections.closedBeforeAnswer(error.underlying)
                if closed, resends == 0 {
                    // Closed or reset before any byte of an answer: a kept-alive connection the
                    // server had closed, which the request never reached through. Once more, on a
                    // connection of its own (RFC 9112 section 9.3.1; curl does the same).
                    if let ticket { pressure?.unanswered(ticket, refused: false) }
                    resends += 1
                    continue
                }
                var problem = TransportError(classifying: error.underlying, url: shownURL)
                if closed, freshClient != nil {
                    problem = TransportError(
                        kind: .dropped,
                        description:
                            "the server closed the connection without answering \(spec.method) \(shownURL), on a fresh connection too: it dropped the request (a crash or panic shows so)"
                    )
                }
                if let ticket { pressure?.unanswered(ticket, refused: problem.kind == .unreachable) }
                return Exchange(
                    request: sent, response: nil, transportError: problem, duration: (clock.now - started) / .seconds(1),
                    retries: retries + crowdedRetries + resends)
            }
            let retryAfter = retryAfterWait(answer)
            let crowded = ticket.map { pressure?.answered($0, status: answer.status, retryAfter: retryAfter) ?? false } ?? false
            if [429, 503].contains(answer.status) {
                // Refused beside others while the run lowers its pressure: retried free of the budget.
                if crowded, crowdedRetries < Self.crowdedRetryLimit {
                    crowdedRetries += 1
                    try? await Task.sleep(for: retryAfter ?? .zero)
                    continue
                }
                if retries < options.maxRetries {
                    retries += 1
                    try? await Task.sleep(for: retryDelay(answer, attempt: retries))
                    continue
                }
            }
            let timing = AnswerTiming(
                sent: sentAt, answered: Timestamp.systemNow(), serverDate: answer.header("Date").flatMap(Timestamp.init(httpDate:)),
                knownShift: shiftAtSend...max(shiftAtSend, clockShift.most))
            var exchange = Exchange(
                request: sent, response: answer, transportError: nil, duration: (clock.now - started) / .seconds(1),
                retries: retries + crowdedRetries + resends, timing: timing)
            exchange.answerTime = (clock.now - attemptStarted) / .seconds(1)
            return exchange
        }
    }

    /// How many 429s and 503s to requests sent beside others are retried without charging the
    /// retry budget: enough for the limit to fall from any ceiling to one.
    static let crowdedRetryLimit = 12

    /// Why a request got no whole answer: whether it failed before any byte of one (the
    /// head) came, and what the client threw.
    struct NoAnswer: Error {
        var beforeAnswer: Bool
        var underlying: any Error
    }

    /// One request sent through `client` and its whole answer read (decoded from its content
    /// coding).
    private func receive(_ request: HTTPClientRequest, on client: HTTPClient) async throws(NoAnswer) -> Exchange.Response {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: TimeAmount(options.timeout))
        } catch {
            throw NoAnswer(beforeAnswer: true, underlying: error)
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: 32 << 20)
        } catch {
            throw NoAnswer(beforeAnswer: false, underlying: error)
        }
        return Exchange.Response(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: ContentCoding.decoded(Array(body.readableBytesView), contentEncoding: response.headers.first(name: "Content-Encoding")))
    }

    /// A request's credentials as sent (secrets filled in) and as shown (secrets redacted).
    struct AppliedCredentials {
        struct Item {
            var name: String
            var sent: String
            var shown: String
        }

        var headers: [Item] = []
        /// `name=value` pairs for the query, percent-encoded.
        var query: [(sent: String, shown: String)] = []
        var redacted: [RedactedSecret] = []
    }

    /// A source that fails to give its secret (a token endpoint that refuses) fails the request
    /// before it is sent: sent without it, it would be refused, and the refusal judged.
    func applied(_ credentials: Credentials) async throws(TokenSource.Failure) -> AppliedCredentials {
        var result = AppliedCredentials()
        var cookies: [(sent: String, shown: String)] = []
        for part in credentials.parts {
            let source = secrets.source(for: part.scheme)
            let text: String
            let isSecret: Bool
            switch part.value {
            case .secret:
                guard let secret = try await source.token() else { continue }
                text = secret
                isSecret = true
            case .literal(let value):
                text = value
                isSecret = false
            }
            let hidden = isSecret ? Exchange.redaction : text
            switch part.placement {
            case .authorization(let kind):
                let basic = kind.lowercased() == "basic" && isSecret
                let credential = basic ? Data("\(secrets.basicUser):\(text)".utf8).base64EncodedString() : text
                result.headers.append(.init(name: "Authorization", sent: "\(kind) \(credential)", shown: "\(kind) \(hidden)"))
                if isSecret {
                    result.redacted.append(
                        RedactedSecret(header: "Authorization", variable: source.variable, basicUser: basic ? secrets.basicUser : nil))
                }
            case .header(let name):
                result.headers.append(.init(name: name, sent: text, shown: hidden))
                if isSecret { result.redacted.append(RedactedSecret(header: name, variable: source.variable)) }
            case .query(let name):
                let key = PercentEncoding.encode(name)
                result.query.append(("\(key)=\(PercentEncoding.encode(text))", "\(key)=\(isSecret ? hidden : PercentEncoding.encode(text))"))
                if isSecret { result.redacted.append(RedactedSecret(header: nil, variable: source.variable)) }
            case .cookie(let name):
                cookies.append(("\(name)=\(text)", "\(name)=\(hidden)"))
                if isSecret { result.redacted.append(RedactedSecret(header: "Cookie", variable: source.variable)) }
            case .clientCertificate:
                break
            }
        }
        if !cookies.isEmpty {
            result.headers.append(
                .init(name: "Cookie", sent: cookies.map(\.sent).joined(separator: "; "), shown: cookies.map(\.shown).joined(separator: "; ")))
        }
        return result
    }

    /// `Retry-After` in seconds or as an HTTP date, bounded; else 0.5 s, 1 s, 2 s, ...
    func retryDelay(_ response: Exchange.Response, attempt: Int) -> Duration {
        retryAfterWait(response) ?? min(.milliseconds(500 * (1 << (attempt - 1))), options.maxRetryWait)
    }

    /// The wait a readable `Retry-After` asks for (seconds or an HTTP date), bounded; `nil`
    /// without one.
    func retryAfterWait(_ response: Exchange.Response) -> Duration? {
        guard let value = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Int(value) { return min(.seconds(max(seconds, 0)), options.maxRetryWait) }
        if let date = Timestamp(httpDate: value) {
            let wait = max(date.seconds(since: Timestamp.systemNow()), 0)
            return min(.milliseconds(Int(wait * 1000)), options.maxRetryWait)
        }
        return nil
    }

    /// Moves the mock's clock forward (only the embedded or a local mock target has one).
    public func advanceMockClock(days: Int) async throws {
        guard let control = target.mockControlURL else {
            throw TransportError(kind: .other, description: "the target has no mock clock to move")
        }
        var request = HTTPClientRequest(url: control + MockControlRoute.clock.path)
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
    /// `api.example.com` for `https://api.example.com:8443/v1`.
    public static func of(_ url: String) -> String {
        guard let start = url.range(of: "://")?.upperBound else { return url }
        return String(url[start...].prefix { $0 != "/" && $0 != ":" && $0 != "?" })
    }
}
