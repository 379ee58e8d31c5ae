import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A small server of a test's own, answering every request through one closure, for the ways
/// real servers behave that the mock does not play: strict paths with redirects, names that
/// must be unique, parents that must exist. It keeps every request it got, in arrival order.
struct WildServer {
    /// One request as the server saw it.
    struct Arrival: Sendable {
        var method: String
        var path: String
        var body: [UInt8]
        var contentType: String?
        var authorization: String?
    }

    /// What the closure answers.
    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var json: String?

        static func json(_ status: Int, _ text: String) -> Answer { Answer(status: status, json: text) }
        static func empty(_ status: Int, headers: [(String, String)] = []) -> Answer { Answer(status: status, headers: headers) }
    }

    /// Every request received so far, in arrival order.
    final class Log: Sendable {
        private let arrivals = Mutex<[Arrival]>([])
        func append(_ arrival: Arrival) { arrivals.withLock { $0.append(arrival) } }
        var all: [Arrival] { arrivals.withLock { $0 } }
    }

    /// Runs the server on a free loopback port for the length of `body`. With `capacity`, it
    /// plays a small server (one sqlite file, say): each request takes a few milliseconds, and
    /// one that arrives while `capacity` others are being answered gets 503 with `Retry-After: 0`.
    static func withRunning<Value: Sendable>(
        capacity: Int? = nil,
        _ answer: @escaping @Sendable (Arrival) -> Answer,
        _ body: @escaping @Sendable (_ port: Int, _ log: Log) async throws -> Value
    ) async throws -> Value {
        let log = Log()
        let busy = Atomic<Int>(0)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            if let capacity {
                let answering = busy.add(1, ordering: .acquiringAndReleasing).newValue
                defer { busy.subtract(1, ordering: .acquiringAndReleasing) }
                guard answering <= capacity else { return Response(status: .serviceUnavailable, headers: [.retryAfter: "0"]) }
                try await Task.sleep(for: .milliseconds(3))
            }
            var bytes = try await request.body.collect(upTo: 1 << 20)
            let arrival = Arrival(
                method: request.method.rawValue, path: request.uri.path,
                body: bytes.readBytes(length: bytes.readableBytes) ?? [], contentType: request.headers[.contentType],
                authorization: request.headers[.authorization])
            log.append(arrival)
            let answer = answer(arrival)
            var headers = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
            }
            guard let json = answer.json else { return Response(status: .init(code: answer.status), headers: headers) }
            headers[.contentType] = "application/json"
            return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        let app = Application(responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let result = Mutex<Value?>(nil)
        try await app.test(.live) { client in
            let value = try await body(client.port!, log)
            result.withLock { $0 = value }
        }
        return result.withLock { $0! }
    }
}
