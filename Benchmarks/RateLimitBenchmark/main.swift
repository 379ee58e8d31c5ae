// How closely `run --rate-limit N` keeps to N requests per second, seen from the server:
// `swift run -c release RateLimitBenchmark [--rates 5,20,50] [--kinds positive,negative,auth]`.
//
// For each rate, the gate runs in-process (ContractRunner, 12 requests in flight) against a
// mock on loopback whose request log records when each request arrived. Reported: requests,
// wall time, the mean rate between the first and the last arrival, and the most requests in
// any one-second window (a limit kept shows at most N, or N+1 at a window's edges). Races
// (the rules kind) are sent at once by design and show as bursts above N.
import BusinessRules
import CaseGeneration
import ContractRun
import Foundation
import Logging
import MockServer
import OpenAPIModel
import Synchronization

let arguments = CommandLine.arguments
func option(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
let rates = (option("--rates") ?? "5,20,50").split(separator: ",").compactMap { Double($0) }
let kinds = option("--kinds") ?? "positive,negative,auth"
let spec = "specs/partneraccount.yaml"
let token = "rate-bench-token"
setenv("RATE_BENCH_TOKEN", token, 1)

/// Arrival times of the requests the mock logs.
final class Arrivals: Sendable {
    let times = Mutex<[ContinuousClock.Instant]>([])
}

/// A log handler that notes when each request line is logged (one per request answered).
struct ArrivalRecorder: LogHandler {
    let arrivals: Arrivals
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        guard metadata?["ms"] != nil else { return }
        arrivals.times.withLock { $0.append(.now) }
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let contract = try ContractSource(spec: spec).load()
print("rate  requests  wall s  mean rate/s  most in 1 s")
for rate in rates {
    let arrivals = Arrivals()
    let logger = Logger(label: "rate-bench") { _ in ArrivalRecorder(arrivals: arrivals) }
    let api = MockAPI(document: contract.document, rules: contract.rules, configuration: MockConfiguration(port: 0, token: token), logger: logger)
    let started = ContinuousClock.now
    try await MockServer.withRunning(api) { port in
        let request = RunRequest(
            contract: ContractSource(spec: spec),
            cases: CaseChoice(kinds: Set(kinds.split(separator: ",").compactMap { CaseKind(rawValue: String($0)) })),
            target: .baseURL("http://127.0.0.1:\(port)\(api.basePath)"), credentials: CredentialChoice(tokenVariable: "RATE_BENCH_TOKEN"),
            rateLimit: rate)
        _ = try await ContractRunner().run(request)
    }
    let wall = seconds(ContinuousClock.now - started)
    let times = arrivals.times.withLock { $0 }.sorted()
    guard let first = times.first, let last = times.last, times.count > 1 else { continue }
    let mean = Double(times.count - 1) / seconds(last - first)
    var most = 0
    var start = 0
    for end in times.indices {
        while times[end] - times[start] >= .seconds(1) { start += 1 }
        most = max(most, end - start + 1)
    }
    print(String(format: "%4.0f  %8d  %6.2f  %11.2f  %11d", rate, times.count, wall, mean, most))
}
