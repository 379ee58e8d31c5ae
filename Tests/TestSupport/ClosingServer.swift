import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A server that closes connections the ways real servers do, for the tests of what the client
/// does then. Every path answers 200 `{}` but:
/// - `/bad`: 400, and the connection looks kept alive; the next request on it is read and the
///   connection closed unanswered (a server that gives up on a connection after an error).
/// - `/boom`: 500, then the connection is closed at once, with `Connection: close` or without it
///   (`saysClose`), as uvicorn does after an unhandled exception.
/// - `/crash`: the request is read and the connection closed without any answer, on every
///   connection (a process that panics on it).
public final class ClosingServer: Sendable {
    /// The port, on 127.0.0.1.
    public let port: Int
    /// How many connections were closed with a request unanswered.
    public var unanswered: Int { counts.unanswered.load(ordering: .relaxed) }
    /// How many requests got an answer.
    public var answered: Int { counts.answered.load(ordering: .relaxed) }

    final class Counts: Sendable {
        let unanswered = Atomic(0)
        let answered = Atomic(0)
    }

    private let counts: Counts
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    private init(port: Int, counts: Counts, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.port = port
        self.counts = counts
        self.channel = channel
        self.group = group
    }

    /// Runs a server for the length of `body`. `saysClose`: whether `/boom`'s 500 says
    /// `Connection: close`.
    public static func withRunning<Value: Sendable>(saysClose: Bool = false, _ body: (ClosingServer) async throws -> Value) async throws
        -> Value
    {
        let counts = Counts()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(counts: counts, saysClose: saysClose))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = ClosingServer(port: channel.localAddress?.port ?? 0, counts: counts, channel: channel, group: group)
        do {
            let value = try await body(server)
            try await channel.close()
            try await group.shutdownGracefully()
            return value
        } catch {
            try? await channel.close()
            try? await group.shutdownGracefully()
            throw error
        }
    }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let counts: Counts
        private let saysClose: Bool
        private var poisoned = false
        private var path = ""

        init(counts: Counts, saysClose: Bool) {
            self.counts = counts
            self.saysClose = saysClose
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): path = head.uri
            case .body: break
            case .end:
                if poisoned || path == "/crash" {
                    counts.unanswered.add(1, ordering: .relaxed)
                    context.close(promise: nil)
                    return
                }
                counts.answered.add(1, ordering: .relaxed)
                let status: HTTPResponseStatus = path == "/bad" ? .badRequest : path == "/boom" ? .internalServerError : .ok
                let body = status == .ok ? "{}" : #"{"error": "\#(status.code)"}"#
                var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", "\(body.utf8.count)")])
                headers.add(name: "Connection", value: path == "/boom" && saysClose ? "close" : "keep-alive")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
                let flushed = context.writeAndFlush(wrapOutboundOut(.end(nil)))
                poisoned = path == "/bad"
                if path == "/boom" { flushed.whenComplete { _ in context.close(promise: nil) } }
            }
        }
    }
}
