import AsyncHTTPClient
import CaseGeneration
import TestSupport
import Testing

@testable import Execution

/// A connection the server closed before answering is never charged to the request that met
/// it: the request goes once more on a connection of its own, whatever its method (curl does
/// the same). Only a request the server drops on that fresh connection too is the server's
/// failure. Against `ClosingServer`: a connection given up after an error answer, uvicorn's
/// close after a 500 (with and without `Connection: close`), and a path that crashes the server.
@Suite("Connections the server closes")
struct ClosedConnectionTests {
    /// Sends the requests, `concurrency` at a time, through a pool of as many connections, with
    /// a client of fresh connections for the second try.
    static func send(_ requests: [RequestSpec], port: Int, concurrency: Int = 1) async throws -> [Exchange] {
        let configuration = try Executor.clientConfiguration(caCertificates: nil, connections: concurrency)
        return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            try await HTTPClient.withHTTPClient(configuration: Executor.freshConnections(configuration)) { freshClient in
                let executor = Executor(
                    client: client, target: Target(baseURL: "http://127.0.0.1:\(port)", name: "test"),
                    secrets: Secrets(fallback: .fixed(nil)), options: .init(timeout: .seconds(5)), freshClient: freshClient)
                return await withTaskGroup(of: (Int, Exchange).self) { group in
                    var next = 0
                    var exchanges = [Exchange?](repeating: nil, count: requests.count)
                    func start() {
                        guard next < requests.count else { return }
                        let index = next
                        next += 1
                        group.addTask { (index, await executor.send(requests[index])) }
                    }
                    for _ in 0..<concurrency { start() }
                    for await (index, exchange) in group {
                        exchanges[index] = exchange
                        start()
                    }
                    return exchanges.compactMap { $0 }
                }
            }
        }
    }

    /// The pool may open a fresh connection for the next request instead of reusing the one an
    /// error answer left to close, so each pattern is sent many times; at least one request must
    /// meet a closed connection for a test to say anything.
    static let rounds = 8

    @Test("after a connection given up on, the next request of any method goes again on a fresh connection and is answered")
    func resentOnAFreshConnection() async throws {
        try await ClosingServer.withRunning { server in
            let round = [
                RequestSpec(method: "GET", path: "/bad"), RequestSpec(method: "POST", path: "/good"),
                RequestSpec(method: "DELETE", path: "/bad"), RequestSpec(method: "PATCH", path: "/good"),
            ]
            let exchanges = try await Self.send(Array(repeating: round, count: Self.rounds).flatMap { $0 }, port: server.port)
            #expect(exchanges.map { $0.response?.status } == Array(repeating: [400, 200, 400, 200], count: Self.rounds).flatMap { $0 })
            #expect(exchanges.allSatisfy { $0.retries <= 1 })
            #expect(server.unanswered >= 1)
            #expect(exchanges.map(\.retries).reduce(0, +) == server.unanswered)
        }
    }

    @Test(
        "a server that closes after each 500 (uvicorn) never has its next request fail: POSTs at once, with and without Connection: close",
        arguments: [false, true])
    func closedAfterServerErrors(saysClose: Bool) async throws {
        try await ClosingServer.withRunning(saysClose: saysClose) { server in
            let requests = (0..<240).map { RequestSpec(method: "POST", path: $0 % 3 == 0 ? "/boom" : "/good", body: Array("{}".utf8)) }
            let exchanges = try await Self.send(requests, port: server.port, concurrency: 12)
            #expect(exchanges.compactMap(\.transportError).map(\.description) == [])
            #expect(exchanges.map { $0.response?.status } == requests.map { $0.path == "/boom" ? 500 : 200 })
        }
    }

    @Test("a request the server drops on a fresh connection too is the server's doing, said in words, with one resend")
    func dropped() async throws {
        try await ClosingServer.withRunning { server in
            let exchanges = try await Self.send([RequestSpec(method: "POST", path: "/crash", body: Array("{}".utf8))], port: server.port)
            let exchange = try #require(exchanges.first)
            #expect(exchange.retries == 1 && server.unanswered == 2)
            #expect(
                exchange.transportError
                    == TransportError(
                        kind: .dropped,
                        description:
                            "the server closed the connection without answering POST http://127.0.0.1:\(server.port)/crash, on a fresh connection too: it dropped the request (a crash or panic shows so)"
                    ))
        }
    }
}
