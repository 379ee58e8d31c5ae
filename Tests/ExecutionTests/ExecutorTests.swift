import AsyncHTTPClient
import CaseGeneration
@testable import Execution
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@Suite("Executor: retries, tokens, transport problems")
struct ExecutorTests {
    /// A server that answers `first` statuses (with Retry-After: 0) before it answers 200.
    final class Calls: Sendable {
        let count = Mutex(0)
        func increment() -> Int { count.withLock { $0 += 1; return $0 } }
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
            return await executor.send(RequestSpec(method: "POST", path: "/thing"))
        }
    }

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

    @Test("a refused connection is told in words, as unreachable")
    func unreachable() async throws {
        let exchange = try await Self.send(port: 9)
        #expect(exchange.response == nil)
        #expect(exchange.transportError?.kind == .unreachable)
        #expect(exchange.transportError?.description.hasPrefix("cannot reach http://127.0.0.1:9/api/thing: ") == true)
    }

    @Test("a host name that does not resolve is unreachable, in words")
    func dns() async throws {
        let exchange = try await HTTPClient.withHTTPClient { client in
            let executor = Executor(client: client, target: Target(baseURL: "http://no-such-host.invalid/api", name: "test"),
                                    tokens: .fixed("t"), options: .init(timeout: .seconds(5)))
            return await executor.send(RequestSpec(method: "GET", path: "/thing"))
        }
        #expect(exchange.transportError?.kind == .unreachable)
        #expect(exchange.transportError?.description.hasPrefix(
            "cannot reach http://no-such-host.invalid/api/thing: the host name no-such-host.invalid does not resolve (DNS): ") == true)
    }
}
