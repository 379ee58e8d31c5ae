import AsyncHTTPClient
import CaseGeneration
import Execution
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@Suite("Pressure: fewer requests in flight while the target asks for less")
struct PressureTests {
    @Test("a 429 or 503 halves the limit once per round; other answers add one per round back to the ceiling")
    func additiveIncreaseMultiplicativeDecrease() async {
        let pressure = Pressure(ceiling: 8)
        let first = await pressure.admit()
        let second = await pressure.admit()
        pressure.answered(first, status: 503, retryAfter: nil)
        #expect(pressure.limit == 4)
        // Sent under the old load: it does not cut again.
        pressure.answered(second, status: 429, retryAfter: nil)
        #expect(pressure.limit == 4)
        // 4, 4.25, 4.49, 4.71, 4.92, 5.12: a round of four answers adds one.
        for _ in 1...5 { pressure.answered(await pressure.admit(), status: 200, retryAfter: nil) }
        #expect(pressure.limit == 5)
        let third = await pressure.admit()
        pressure.answered(third, status: 200, retryAfter: .zero)
        #expect(pressure.limit == 2)
        for _ in 1...100 { pressure.answered(await pressure.admit(), status: 201, retryAfter: nil) }
        #expect(pressure.limit == 8)
        #expect(
            pressure.report
                == Pressure.Report(
                    ceiling: 8, lowest: 2, final: 8, cuts: 2,
                    signals: [.unavailable: 1, .tooManyRequests: 1, .retryAfter: 1]))
        #expect(pressure.report.words == "backed off 2 times (429 ×1, 503 ×1, Retry-After ×1): concurrency 8, lowest 2, at the end 8")
    }

    @Test("a 429 or 503 is the run's own doing while others were in flight beside it, the server's when the request went alone")
    func crowdedAnswers() async {
        let pressure = Pressure(ceiling: 2)
        #expect(pressure.answered(await pressure.admit(), status: 503, retryAfter: nil))
        #expect(pressure.limit == 1)
        #expect(!pressure.answered(await pressure.admit(), status: 503, retryAfter: nil))
        #expect(!pressure.answered(await pressure.admit(), status: 200, retryAfter: nil))
        #expect(pressure.answered(pressure.admitAtOnce(), status: 429, retryAfter: nil))
    }

    @Test("a refused connection cuts only once the target has answered: an absent target is not a busy one")
    func refusals() async {
        let pressure = Pressure(ceiling: 4)
        pressure.unanswered(await pressure.admit(), refused: true)
        #expect(pressure.report.cuts == 0)
        pressure.answered(await pressure.admit(), status: 200, retryAfter: nil)
        pressure.unanswered(await pressure.admit(), refused: false)
        #expect(pressure.report.cuts == 0)
        pressure.unanswered(await pressure.admit(), refused: true)
        #expect(pressure.report == Pressure.Report(ceiling: 4, lowest: 2, final: 2, cuts: 1, signals: [.refused: 1]))
        #expect(pressure.report.words == "backed off once (refused connections ×1): concurrency 4, lowest 2, at the end 2")
    }

    @Test("the slices' reports merge: every cut and signal, the lowest limit")
    func merging() {
        let one = Pressure.Report(ceiling: 12, lowest: 3, final: 6, cuts: 2, signals: [.unavailable: 4])
        let two = Pressure.Report(ceiling: 12, lowest: 6, final: 12, cuts: 1, signals: [.unavailable: 1, .retryAfter: 2])
        #expect(
            Pressure.Report.merged([one, two])
                == Pressure.Report(
                    ceiling: 12, lowest: 3, final: 6, cuts: 3,
                    signals: [.unavailable: 5, .retryAfter: 2]))
        #expect(Pressure.Report.merged([]) == nil)
    }

    /// A server that counts the requests it is answering at once (each takes a few
    /// milliseconds) and answers 503 with `Retry-After: 0` past `capacity`.
    final class Busy: Sendable {
        let answering = Atomic(0)
        let most = Atomic(0)
        let refused = Atomic(0)
    }

    static func withBusyServer(capacity: Int, _ body: @escaping @Sendable (Int, Busy) async throws -> Void) async throws {
        let busy = Busy()
        let router = Router()
        router.get("/api/thing") { _, _ -> Response in
            let now = busy.answering.add(1, ordering: .acquiringAndReleasing).newValue
            defer { busy.answering.subtract(1, ordering: .acquiringAndReleasing) }
            busy.most.max(now, ordering: .acquiringAndReleasing)
            guard now <= capacity else {
                busy.refused.add(1, ordering: .acquiringAndReleasing)
                return Response(status: .serviceUnavailable, headers: [.retryAfter: "0"])
            }
            try await Task.sleep(for: .milliseconds(5))
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(client.port!, busy) }
    }

    static func sendAll(_ count: Int, port: Int, pressure: Pressure) async throws -> [Exchange] {
        let configuration = try Executor.clientConfiguration(caCertificates: nil, connections: pressure.ceiling)
        return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            let executor = Executor(
                client: client, target: Target(baseURL: "http://127.0.0.1:\(port)/api", name: "test"),
                secrets: Secrets(fallback: .fixed(nil)), options: .init(timeout: .seconds(5)), pressure: pressure)
            return await withTaskGroup(of: Exchange.self) { group in
                for _ in 0..<count { group.addTask { await executor.send(RequestSpec(method: "GET", path: "/thing")) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
    }

    @Test("never more requests in flight than the limit, however many are asked for at once")
    func holdsTheLimit() async throws {
        try await Self.withBusyServer(capacity: 100) { port, busy in
            let exchanges = try await Self.sendAll(30, port: port, pressure: Pressure(ceiling: 3))
            #expect(exchanges.map { $0.response?.status } == Array(repeating: 200, count: 30))
            #expect(busy.most.load(ordering: .acquiring) <= 3)
        }
    }

    @Test("against a server that takes two at once, the 503s lower the limit and every request is answered in the end")
    func backsOff() async throws {
        try await Self.withBusyServer(capacity: 2) { port, busy in
            let pressure = Pressure(ceiling: 12)
            let exchanges = try await Self.sendAll(40, port: port, pressure: pressure)
            #expect(exchanges.map { $0.response?.status } == Array(repeating: 200, count: 40))
            #expect(busy.refused.load(ordering: .acquiring) > 0)
            #expect(pressure.report.backedOff)
            #expect(pressure.report.signals[.unavailable] == busy.refused.load(ordering: .acquiring))
        }
    }
}
