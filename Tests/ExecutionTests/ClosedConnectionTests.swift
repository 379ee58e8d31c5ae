import AsyncHTTPClient
import CaseGeneration
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Testing

@testable import Execution

/// A server that closes a kept-alive connection after an error answer, without saying
/// `Connection: close`, must not make the next, unrelated request fail.
@Suite("Connections the server closes")
struct ClosedConnectionTests {
    /// Answers `/bad` with 400 and keeps the connection open, as far as the client can tell; the
    /// next request on that connection is read and the connection closed without an answer.
    /// Any other path on a fresh connection gets 200.
    final class ClosingHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private var poisoned = false
        private let closings: Closings

        init(closings: Closings) {
            self.closings = closings
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else {
                if case .head(let head) = unwrapInboundIn(data) { path = head.uri }
                return
            }
            if poisoned {
                closings.count.add(1, ordering: .relaxed)
                context.close(promise: nil)
                return
            }
            let bad = path == "/bad"
            poisoned = bad
            let body = bad ? #"{"error": "bad"}"# : "{}"
            var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", "\(body.utf8.count)")])
            headers.add(name: "Connection", value: "keep-alive")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: bad ? .badRequest : .ok, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        private var path = ""
    }

    /// How many connections the server closed unanswered.
    final class Closings: Sendable {
        let count = Atomic(0)
    }

    static func withClosingServer(_ body: (Int, Closings) async throws -> Void) async throws {
        let closings = Closings()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(ClosingHandler(closings: closings))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            try await body(channel.localAddress!.port!, closings)
        } catch {
            try? await channel.close()
            try? await group.shutdownGracefully()
            throw error
        }
        try await channel.close()
        try await group.shutdownGracefully()
    }

    /// Sends the requests one after another over one connection at most.
    static func send(_ requests: [RequestSpec], port: Int) async throws -> [Exchange] {
        let configuration = try Executor.clientConfiguration(caCertificates: nil, connections: 1)
        return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            let executor = Executor(
                client: client, target: Target(baseURL: "http://127.0.0.1:\(port)", name: "test"),
                secrets: Secrets(fallback: .fixed(nil)), options: .init(timeout: .seconds(5)))
            var exchanges: [Exchange] = []
            for request in requests { exchanges.append(await executor.send(request)) }
            return exchanges
        }
    }

    /// The pool may open a fresh connection for the next request instead of reusing the one
    /// the error answer left open, so each pattern is sent several times; at least one request
    /// must meet a closed connection for the test to say anything.
    static let rounds = 8

    @Test("an idempotent request after the error answer is sent again on a new connection and answered")
    func idempotentResent() async throws {
        try await Self.withClosingServer { port, closings in
            let round = [
                RequestSpec(method: "GET", path: "/bad"), RequestSpec(method: "GET", path: "/good"),
                RequestSpec(method: "DELETE", path: "/bad"), RequestSpec(method: "PUT", path: "/good"),
            ]
            let exchanges = try await Self.send(Array(repeating: round, count: Self.rounds).flatMap { $0 }, port: port)
            #expect(exchanges.map { $0.response?.status } == Array(repeating: [400, 200, 400, 200], count: Self.rounds).flatMap { $0 })
            #expect(exchanges.allSatisfy { $0.retries <= 1 })
            let closed = closings.count.load(ordering: .relaxed)
            #expect(closed >= 1)
            #expect(exchanges.map(\.retries).reduce(0, +) == closed)
        }
    }

    @Test("a POST after it is not sent again, and its error names the answer that left the connection to close")
    func postExplained() async throws {
        try await Self.withClosingServer { port, closings in
            let round = [RequestSpec(method: "GET", path: "/bad"), RequestSpec(method: "POST", path: "/good")]
            let exchanges = try await Self.send(Array(repeating: round, count: Self.rounds).flatMap { $0 }, port: port)
            let posts = exchanges.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            #expect(exchanges.enumerated().filter { $0.offset % 2 == 0 }.allSatisfy { $0.element.response?.status == 400 })
            #expect(posts.allSatisfy { $0.retries == 0 && ($0.response?.status == 200 || $0.transportError != nil) })
            let problems = posts.compactMap(\.transportError)
            #expect(problems.count == closings.count.load(ordering: .relaxed))
            let problem = try #require(problems.first)
            #expect(
                problem.description
                    == "the server closed the connection before answering http://127.0.0.1:\(port)/good: the POST is not sent again, as it may have reached the server and is not idempotent (RFC 9112 section 9.3.1). Likely cause: the server closes a connection after an error answer without `Connection: close`; the last such answer was 400 to GET http://127.0.0.1:\(port)/bad."
            )
        }
    }
}
