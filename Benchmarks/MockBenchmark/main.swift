// Valid creates per second against the mock (in-process, ephemeral port) beside a Hummingbird
// route that returns a fixed body, same machine, same run, with wrk as the load:
// `swift run -c release MockBenchmark [--duration SECONDS]`.
import BusinessRules
import Foundation
import Hummingbird
import Logging
import MockServer
import OpenAPIModel
import ServiceLifecycle

let arguments = CommandLine.arguments
let duration = arguments.firstIndex(of: "--duration").map { Int(arguments[$0 + 1]) ?? 5 } ?? 5
let spec = "specs/partneraccount.yaml"
let token = "bench-token"
let script = "Benchmarks/MockBenchmark/create.lua"

guard let document = OpenAPILoader().load(file: spec).document,
      let rules = BusinessRules.load(file: BusinessRules.defaultFile(forSpec: spec), document: document).rules
else { fatalError("the contract did not load") }
var quiet = Logger(label: "bench")
quiet.logLevel = .error

/// One wrk run: requests per second, and how many answers were not 2xx.
struct LoadResult: Sendable {
    var requestsPerSecond: Double
    var non2xx: Int
    var requests: Int
}

@Sendable func wrk(_ url: String, connections: Int) throws -> LoadResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["wrk", "-t\(min(connections, 2))", "-c\(connections)", "-d\(duration)s", "-s", script, url, "--", token]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    func number(after label: String) -> Double? {
        output.split(separator: "\n").first { $0.contains(label) }
            .flatMap { line in line.split(separator: " ").last.flatMap { Double($0) } }
    }
    let requests = output.split(separator: "\n").first { $0.contains("requests in") }
        .flatMap { $0.split(separator: " ").first.flatMap { Int($0) } } ?? 0
    return LoadResult(requestsPerSecond: number(after: "Requests/sec:") ?? 0, non2xx: Int(number(after: "Non-2xx") ?? 0), requests: requests)
}

/// A Hummingbird route that answers a fixed invitation body: the ceiling for this machine.
let fixedBody = #"{"invitationId":"xqlNEXQPL0mEod4","developerId":"sacd74e","email":"NS05_merchant@yopmail.com","status":"Invited","invitationType":"ONBOARD_REQUEST","createdBy":"0oa20m6vx3wAZW7FQ0h8","provisioningRequestID":null,"archived":false,"insertTimestamp":"2024-09-15T12:40:24.256521003Z","updateTimestamp":"0001-01-01T00:00:00Z","expirationDate":"2024-09-25T12:40:24.254719091Z"}"#
let router = Router()
router.post("/developerprofile/api/v1/invitation") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: fixedBody)))
}

var rows: [(String, LoadResult, LoadResult)] = []
for connections in [1, 32] {
    let api = MockAPI(document: document, rules: rules, configuration: MockConfiguration(port: 0, token: token), logger: quiet)
    let mock = try await MockServer.withRunning(api) { port in
        try wrk("http://127.0.0.1:\(port)/developerprofile/api/v1/invitation", connections: connections)
    }
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: quiet)
    let fixed = try await withThrowingTaskGroup(of: LoadResult?.self) { group in
        let service = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: quiet)
        group.addTask { try await service.run(); return nil }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        let result = try wrk("http://127.0.0.1:\(port)/developerprofile/api/v1/invitation", connections: connections)
        await service.triggerGracefulShutdown()
        try await group.waitForAll()
        return result
    }
    rows.append(("\(connections) connection\(connections == 1 ? "" : "s")", mock, fixed))
}

print("valid creates per second (wrk, \(duration) s per run, release build, same machine and run)")
print("  connections      mock creates/s   fixed-body route/s   ratio   mock non-2xx")
for (name, mock, fixed) in rows {
    let ratio = fixed.requestsPerSecond > 0 ? mock.requestsPerSecond / fixed.requestsPerSecond : 0
    print("  \(name.padding(toLength: 15, withPad: " ", startingAt: 0))  \(String(format: "%14.0f", mock.requestsPerSecond))   \(String(format: "%18.0f", fixed.requestsPerSecond))   \(String(format: "%5.2f", ratio))   \(mock.non2xx) of \(mock.requests)")
}
