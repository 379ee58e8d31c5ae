// The validating proxy's cost, in one run: `swift run -c release ProxyBenchmark [--requests N]
// [--seconds S] [--connections C]`.
//
// The contract's mock in-process, the validating proxy in-process in front of it, and the
// same valid create sent to each: (1) latency, one request at a time (median and 95th
// percentile); (2) throughput, C connections for S seconds (requests per second). Direct and
// through the proxy, side by side, with the difference per request.
import AsyncHTTPClient
import BusinessRules
import Checks
import Foundation
import Hummingbird
import Logging
import MockServer
import NIOCore
import NIOHTTP1
import OpenAPIModel
import ServiceLifecycle
import Synchronization
import ValidatingProxy

let arguments = CommandLine.arguments
@Sendable func option(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
let requests = option("--requests").flatMap(Int.init) ?? 2000
let throughputSeconds = option("--seconds").flatMap(Int.init) ?? 5
let connections = option("--connections").flatMap(Int.init) ?? 16
let spec = "specs/partneraccount.yaml"
let token = "bench-token"

guard let document = OpenAPILoader().load(file: spec).document,
    let rules = BusinessRules.load(file: BusinessRules.defaultFile(forSpec: spec), document: document).rules
else { fatalError("the contract did not load") }
let quiet: Logger = {
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    return logger
}()

@Sendable func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// A valid create with a fresh address each time, so every one is a 200.
let counter = Atomic(0)
@Sendable func create(_ base: String) -> HTTPClientRequest {
    var request = HTTPClientRequest(url: base + "/developerprofile/api/v1/invitation")
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    request.headers.add(name: "Content-Type", value: "application/json")
    let number = counter.add(1, ordering: .relaxed).newValue
    request.body = .bytes(ByteBuffer(string: #"{"partnerEmailId":"bench-\#(number)@example.com","expirationDays":10}"#))
    return request
}

@Sendable func send(_ client: HTTPClient, _ base: String) async throws -> Int {
    let response = try await client.execute(create(base), timeout: .seconds(30))
    _ = try await response.body.collect(upTo: 1 << 20)
    return Int(response.status.code)
}

/// Median and 95th percentile in milliseconds, one request at a time.
@Sendable func latency(_ client: HTTPClient, _ base: String) async throws -> (median: Double, p95: Double) {
    for _ in 0..<100 { _ = try await send(client, base) }  // warm-up
    var samples: [Double] = []
    for _ in 0..<requests {
        let started = ContinuousClock.now
        let status = try await send(client, base)
        precondition(status == 200, "expected 200, got \(status)")
        samples.append(seconds(ContinuousClock.now - started) * 1000)
    }
    samples.sort()
    return (samples[samples.count / 2], samples[Int(Double(samples.count) * 0.95)])
}

/// Requests per second with `connections` in flight for `throughputSeconds`.
@Sendable func throughput(_ client: HTTPClient, _ base: String) async throws -> Double {
    let deadline = ContinuousClock.now + .seconds(throughputSeconds)
    final class Done: Sendable { let count = Atomic(0) }
    let done = Done()
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        for _ in 0..<connections {
            tasks.addTask {
                while ContinuousClock.now < deadline {
                    _ = try await send(client, base)
                    done.count.add(1, ordering: .relaxed)
                }
            }
        }
        try await tasks.waitForAll()
    }
    return Double(done.count.load(ordering: .relaxed)) / Double(throughputSeconds)
}

let api = MockAPI(document: document, rules: rules, configuration: MockConfiguration(port: 0, token: token, maxResources: 10_000_000), logger: quiet)
var configuration = HTTPClient.Configuration()
configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
try await HTTPClient.withHTTPClient(configuration: configuration) { client in
    try await MockServer.withRunning(api) { mockPort in
        let upstream = "http://127.0.0.1:\(mockPort)"
        let verifier = TrafficVerifier(
            document: document, rules: rules, checks: CheckName.selection(only: nil, excluded: [], strict: false),
            baseURL: upstream + "/developerprofile")
        let proxy = ValidatingProxy(upstream: upstream, document: document, verifier: verifier, client: client)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = ServiceGroup(
            services: [ProxyServer.application(proxy, host: "127.0.0.1", port: 0, logger: quiet) { continuation.yield($0) }],
            gracefulShutdownSignals: [], cancellationSignals: [], logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let proxyPort = await iterator.next() else { fatalError("the proxy did not start") }
            let through = "http://127.0.0.1:\(proxyPort)"
            print(
                "ProxyBenchmark: POST /api/v1/invitation (valid create, 200), \(requests) requests one at a time, then \(connections) connections for \(throughputSeconds) s"
            )
            let direct = try await latency(client, upstream)
            let proxied = try await latency(client, through)
            print(String(format: "latency   direct: median %.3f ms, p95 %.3f ms", direct.median, direct.p95))
            print(
                String(
                    format: "latency   proxy:  median %.3f ms, p95 %.3f ms (+%.3f ms median per exchange)", proxied.median, proxied.p95,
                    proxied.median - direct.median))
            let directRate = try await throughput(client, upstream)
            let proxiedRate = try await throughput(client, through)
            print(String(format: "throughput direct: %.0f requests/s", directRate))
            print(String(format: "throughput proxy:  %.0f requests/s (%.0f%% of direct)", proxiedRate, proxiedRate / directRate * 100))
            print(
                "proxy judged \(proxy.recorded.count) exchanges; failures among them: \(verifier.verify(proxy.recorded).results.filter(\.isFailure).count)"
            )
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
