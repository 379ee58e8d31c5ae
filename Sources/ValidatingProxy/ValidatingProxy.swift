import AsyncHTTPClient
import BusinessRules
import Checks
import Execution
import Foundation
import NIOCore
import NIOHTTP1
import OpenAPIModel
import Synchronization

/// A reverse proxy that judges what passes through it: every request is forwarded to the
/// upstream unchanged (secrets included), its answer is sent back unchanged but for a
/// `Contract-Test` header naming what the exchange gets wrong, and each exchange is kept,
/// redacted, for the reports `verify` would write of it.
public final class ValidatingProxy: Sendable {
    /// Where requests go: scheme, authority and an optional path prefix.
    public let upstream: String
    let document: OpenAPIDocument
    let verifier: TrafficVerifier
    let client: HTTPClient
    let timeout: Duration
    let onExchange: @Sendable (ProxyExchange) -> Void
    /// Every exchange so far, in the order answered, and the verdict on them: judged in the
    /// same step as kept, so the rules over several answers see the proxy's order.
    private let kept = Mutex<(recorded: [RecordedExchange], verdict: TrafficVerdict)>(([], TrafficVerdict()))

    /// The largest body either way the proxy forwards and keeps.
    public static let maxBodyBytes = 64 << 20

    /// The name of the header the proxy adds to every answer.
    public static let headerName = "Contract-Test"

    /// A proxy to `upstream` (scheme, host and port) for `document`'s API, judging each exchange with
    /// `verifier`, telling `onExchange` of each as it is answered.
    public init(
        upstream: String, document: OpenAPIDocument, verifier: TrafficVerifier, client: HTTPClient,
        timeout: Duration = .seconds(30), onExchange: @escaping @Sendable (ProxyExchange) -> Void = { _ in }
    ) {
        self.upstream = upstream.hasSuffix("/") ? String(upstream.dropLast()) : upstream
        self.document = document
        self.verifier = verifier
        self.client = client
        self.timeout = timeout
        self.onExchange = onExchange
    }

    /// Every exchange so far, in the order they were answered, secrets redacted.
    public var recorded: [RecordedExchange] { kept.withLock { $0.recorded } }

    /// The verdict on every exchange so far, as `verify` would give it on a file of them.
    public var verdict: TrafficVerdict { kept.withLock { $0.verdict } }

    /// Fields that belong to one connection (RFC 9110 section 7.6.1), never forwarded.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length",
    ]

    /// A request as the client sent it.
    public struct Incoming: Sendable {
        /// `POST`, as sent.
        public var method: String
        /// Path and query (`/developerprofile/api/v1/invitation?x=1`).
        public var target: String
        /// The header fields in the order sent.
        public var headers: [(name: String, value: String)]
        /// The body's bytes (empty: none).
        public var body: [UInt8]

        /// A request as received.
        public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
            self.method = method
            self.target = target
            self.headers = headers
            self.body = body
        }
    }

    /// The upstream's answer, or the proxy's 502 when none came, with the `Contract-Test` header.
    public func forward(_ incoming: Incoming) async -> Exchange.Response {
        let url = upstream + incoming.target
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: incoming.method)
        for (name, value) in incoming.headers where !Self.hopByHop.contains(name.lowercased()) {
            request.headers.add(name: name, value: value)
        }
        if !incoming.body.isEmpty { request.body = .bytes(ByteBuffer(bytes: incoming.body)) }
        let sent = Timestamp.systemNow()
        let clock = ContinuousClock()
        let started = clock.now
        var answer: Exchange.Response?
        var problem: TransportError?
        do {
            let response = try await client.execute(request, timeout: TimeAmount(timeout))
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            answer = Exchange.Response(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) }, body: Array(body.readableBytesView))
        } catch {
            problem = TransportError(classifying: error, url: url)
        }
        let elapsed = clock.now - started
        let seconds = elapsed / .seconds(1)
        // The checks read the body as it decodes; the client gets it as it came.
        let judged = answer.map { response in
            Exchange.Response(
                status: response.status, headers: response.headers,
                body: ContentCoding.decoded(response.body, contentEncoding: response.header("Content-Encoding")))
        }
        var exchange = Exchange(
            request: Exchange.Request(
                method: incoming.method, url: url, headers: incoming.headers, body: incoming.body.isEmpty ? nil : incoming.body),
            response: judged, transportError: problem, duration: seconds, retries: 0,
            timing: AnswerTiming(sent: sent, answered: Timestamp.systemNow(), serverDate: answer?.header("Date").flatMap(Timestamp.init(httpDate:))))
        exchange.answerTime = answer == nil ? nil : seconds
        let judgement = kept.withLock { kept in
            let recorded = RecordedExchange(exchange: exchange, source: "proxy exchange \(kept.recorded.count + 1)").redacted(for: document)
            kept.recorded.append(recorded)
            let judged = verifier.judge(recorded, into: &kept.verdict)
            return ProxyExchange(number: kept.recorded.count, recorded: recorded, judged: judged)
        }
        onExchange(judgement)
        var response =
            answer
            ?? Exchange.Response(
                status: 502, headers: [("Content-Type", "text/plain; charset=utf-8")],
                body: Array("contract-test proxy: no answer from \(upstream): \(problem?.description ?? "unknown")\n".utf8))
        response.headers = response.headers.filter { !Self.hopByHop.contains($0.name.lowercased()) } + [(Self.headerName, judgement.headerValue)]
        return response
    }

}
