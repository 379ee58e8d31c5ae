import AsyncHTTPClient
import CaseGeneration
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import TestSupport
import Testing

@testable import Execution

@Suite("Executor: retries, tokens, transport problems")
struct ExecutorTests {
    /// A server that answers `first` statuses (with Retry-After: 0) before it answers 200.
    final class Calls: Sendable {
        let count = Mutex(0)
        func increment() -> Int {
            count.withLock {
                $0 += 1
                return $0
            }
        }
        var value: Int { count.withLock { $0 } }
    }

    static func withFlakyServer(_ statuses: [Int], _ body: @escaping @Sendable (Int, Calls) async throws -> Void) async throws {
        let calls = Calls()
        let router = Router()
        router.post("/api/thing") { _, _ -> Response in
            let call = calls.increment()
            if call <= statuses.count {
                return Response(status: .init(code: statuses[call - 1]), headers: [.retryAfter: "0"])
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(client.port!, calls)
        }
    }

    static func send(port: Int, retries: Int = 3) async throws -> Exchange {
        try await HTTPClient.withHTTPClient { client in
            let executor = Executor(
                client: client, target: Target(baseURL: "http://127.0.0.1:\(port)/api", name: "test"),
                tokens: .fixed("t"), options: .init(timeout: .seconds(5), maxRetries: retries))
            return await executor.send(RequestSpec(method: "POST", path: "/thing", credentials: Self.bearer))
        }
    }

    static let bearer = Credentials([CredentialPart(scheme: "bearerAuth", placement: .authorization("Bearer"), value: .secret)])

    @Test("429 and 503 are retried, honouring Retry-After")
    func retries() async throws {
        try await Self.withFlakyServer([503, 429]) { port, calls in
            let exchange = try await Self.send(port: port)
            #expect(exchange.response?.status == 200)
            #expect(exchange.retries == 2)
            #expect(calls.value == 3)
        }
    }

    @Test("retries are bounded: the last 503 is the answer")
    func boundedRetries() async throws {
        try await Self.withFlakyServer([503, 503, 503]) { port, calls in
            let exchange = try await Self.send(port: port, retries: 2)
            #expect(exchange.response?.status == 503)
            #expect(exchange.retries == 2)
            #expect(calls.value == 3)
        }
    }

    @Test("Retry-After in seconds or as an HTTP date, never past the bound")
    func retryAfter() throws {
        let executor = Executor(
            client: HTTPClient.shared, target: Target(baseURL: "http://localhost", name: "test"), tokens: .fixed(nil),
            options: .init(maxRetryWait: .seconds(10)))
        func response(_ value: String?) -> Exchange.Response {
            Exchange.Response(status: 503, headers: value.map { [("Retry-After", $0)] } ?? [], body: [])
        }
        #expect(executor.retryDelay(response("3"), attempt: 1) == .seconds(3))
        #expect(executor.retryDelay(response("3600"), attempt: 1) == .seconds(10))
        #expect(executor.retryDelay(response("Wed, 21 Oct 2015 07:28:00 GMT"), attempt: 1) == .zero)
        #expect(executor.retryDelay(response(nil), attempt: 1) == .milliseconds(500))
        #expect(executor.retryDelay(response(nil), attempt: 3) == .seconds(2))
    }

    @Test("the token is sent but never shown in the exchange")
    func redaction() async throws {
        try await Self.withFlakyServer([]) { port, _ in
            let exchange = try await Self.send(port: port)
            #expect(exchange.request.headers.contains { $0.name == "Authorization" && $0.value == "Bearer [REDACTED]" })
        }
    }

    @Test("every scheme's secret goes where the scheme puts it, and the shown request has none")
    func placements() async throws {
        let router = Router()
        router.get("/api/echo") { request, _ -> String in
            [
                request.headers[.authorization] ?? "-", request.headers[values: .init("X-Key")!].first ?? "-", request.uri.query ?? "-",
                request.headers[.cookie] ?? "-",
            ].joined(separator: "|")
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = client.port!
            let exchange = try await HTTPClient.withHTTPClient { http in
                let executor = Executor(
                    client: http, target: Target(baseURL: "http://127.0.0.1:\(port)/api", name: "test"),
                    secrets: Secrets(fallback: .fixed("t0p-secret"), perScheme: ["basicAuth": .fixed("pass-word")], basicUser: "ann"))
                let credentials = Credentials([
                    CredentialPart(scheme: "basicAuth", placement: .authorization("Basic"), value: .secret),
                    CredentialPart(scheme: "keyHeader", placement: .header("X-Key"), value: .secret),
                    CredentialPart(scheme: "keyQuery", placement: .query("api_key"), value: .secret),
                    CredentialPart(scheme: "keyCookie", placement: .cookie("session"), value: .secret),
                ])
                return await executor.send(
                    RequestSpec(method: "GET", path: "/echo", query: [QueryItem(name: "q", value: "1")], credentials: credentials))
            }
            let received = String(decoding: exchange.response?.body ?? [], as: UTF8.self)
            #expect(received == "Basic YW5uOnBhc3Mtd29yZA==|t0p-secret|q=1&api_key=t0p-secret|session=t0p-secret")
            #expect(exchange.request.url == "http://127.0.0.1:\(port)/api/echo?q=1&api_key=[REDACTED]")
            #expect(
                exchange.request.headers.map { "\($0.name): \($0.value)" } == [
                    "Authorization: Basic [REDACTED]", "X-Key: [REDACTED]", "Cookie: session=[REDACTED]",
                ])
            let shown = "\(exchange.request.url) \(exchange.request.headers)"
            #expect(!shown.contains("t0p-secret") && !shown.contains("pass-word") && !shown.contains("YW5u"))
            #expect(exchange.request.secrets.map(\.header) == ["Authorization", "X-Key", nil, "Cookie"])
            #expect(exchange.request.secrets.first?.basicUser == "ann")
        }
    }

    @Test("a refused connection is told in words, as unreachable")
    func unreachable() async throws {
        let closed = try RefusingPort()
        defer { closed.close() }
        let exchange = try await Self.send(port: closed.port)
        #expect(exchange.response == nil)
        #expect(exchange.transportError?.kind == .unreachable)
        #expect(exchange.transportError?.description.hasPrefix("cannot reach \(closed.url)/api/thing: ") == true)
    }

    @Test("a host name that does not resolve is unreachable, in words")
    func dns() async throws {
        let exchange = try await HTTPClient.withHTTPClient { client in
            let executor = Executor(
                client: client, target: Target(baseURL: "http://no-such-host.invalid/api", name: "test"),
                tokens: .fixed("t"), options: .init(timeout: .seconds(5)))
            return await executor.send(RequestSpec(method: "GET", path: "/thing"))
        }
        #expect(exchange.transportError?.kind == .unreachable)
        #expect(
            exchange.transportError?.description.hasPrefix(
                "cannot reach http://no-such-host.invalid/api/thing: the host name no-such-host.invalid does not resolve (DNS): ") == true)
    }

    /// An error whose words name every kind but whose type is none of them.
    struct MisleadingError: Error, CustomStringConvertible {
        var description: String { "SSL certificate handshake: connection refused, DNS unknownhost, timeout" }
    }

    @Test(
        "transport errors are classified by their type, not their words",
        arguments: [
            ("refused connection", IOError(errnoCode: ECONNREFUSED, reason: "connect") as any Error, TransportError.Kind.unreachable),
            ("no route to host", IOError(errnoCode: EHOSTUNREACH, reason: "connect"), .unreachable),
            ("unknown host", SocketAddressError.unknown(host: "x.invalid", port: 80), .unreachable),
            ("connect timeout (NIO)", ChannelError.connectTimeout(.seconds(1)), .timeout),
            ("read timeout (client)", HTTPClientError.readTimeout, .timeout),
            ("deadline", HTTPClientError.deadlineExceeded, .timeout),
            ("untrusted certificate", NIOSSLError.handshakeFailed(.sslError([])), .tls),
            ("closed by the server", HTTPClientError.remoteConnectionClosed, .other),
            ("words only", MisleadingError(), .other),
        ])
    func classified(name: String, error: any Error, kind: TransportError.Kind) {
        #expect(TransportError(classifying: error, url: "http://x/").kind == kind, "\(name)")
    }
}
