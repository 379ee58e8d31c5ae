// The mock under load, with wrk, same machine, same run:
// - valid creates per second from the mock as users start it (`contract-test mock`, its
//   per-request log on, to a file), from the mock in-process (log off), and from a Hummingbird
//   route that returns a fixed body (the ceiling), at 1 and 32 connections;
// - the CLI mock's resident memory before and after a flood of creates at 32 connections, and
//   how long `/__mock/state` takes to answer after it.
// `swift build -c release --product contract-test && swift run -c release MockBenchmark
//  [--duration SECONDS] [--flood SECONDS] [--max-resources N]`
import BusinessRules
import Foundation
import Hummingbird
import Logging
import MockServer
import OpenAPIModel
import ServiceLifecycle

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? fallback
}
let duration = option("--duration", 5)
let floodSeconds = option("--flood", 20)
let maxResources = arguments.firstIndex(of: "--max-resources").map { _ in option("--max-resources", 100_000) }
let spec = "specs/partneraccount.yaml"
let token = "bench-token"
let script = "Benchmarks/MockBenchmark/create.lua"
let binary = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("contract-test").path
guard FileManager.default.isExecutableFile(atPath: binary) else {
    fatalError("\(binary) is missing: run `swift build -c release --product contract-test` first")
}

guard let document = OpenAPILoader().load(file: spec).document,
    let rules = BusinessRules.load(file: BusinessRules.defaultFile(forSpec: spec), document: document).rules
else { fatalError("the contract did not load") }
let quiet: Logger = {
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    return logger
}()

/// One wrk run: requests per second, and how many answers were not 2xx.
struct LoadResult: Sendable {
    var requestsPerSecond: Double
    var non2xx: Int
    var requests: Int
}

@Sendable func wrk(_ url: String, connections: Int, seconds: Int = duration) throws -> LoadResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["wrk", "-t\(min(connections, 2))", "-c\(connections)", "-d\(seconds)s", "-s", script, url, "--", token]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    func number(after label: String) -> Double? {
        output.split(separator: "\n").first { $0.contains(label) }
            .flatMap { line in line.split(separator: " ").last.flatMap { Double($0) } }
    }
    let requests =
        output.split(separator: "\n").first { $0.contains("requests in") }
        .flatMap { $0.split(separator: " ").first.flatMap { Int($0) } } ?? 0
    return LoadResult(requestsPerSecond: number(after: "Requests/sec:") ?? 0, non2xx: Int(number(after: "Non-2xx") ?? 0), requests: requests)
}

/// `contract-test mock` as a process on a free port, its log (stderr) written to a file.
final class CLIMock {
    let process = Process()
    let port: Int
    let log: String

    init(extra: [String] = []) throws {
        log = NSTemporaryDirectory() + "mock-benchmark-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["mock", "--spec", spec, "--port", "0", "--token", token] + extra
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        // "mock serving specs/partneraccount.yaml at http://127.0.0.1:PORT/developerprofile (...)"
        var line = ""
        while !line.contains("\n"), let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty {
            line += String(decoding: byte, as: UTF8.self)
        }
        guard let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
            let port = address.split(separator: ":").last?.split(separator: "/").first.flatMap({ Int($0) })
        else { fatalError("the mock did not say where it listens: \(line)") }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)/developerprofile/api/v1/invitation" }

    /// Resident memory in MB, from /proc.
    var residentMB: Double {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let kilobytes =
            status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }?
            .split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
        return kilobytes / 1024
    }

    var logLines: Int {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    /// Seconds until the first page of `/__mock/state` has arrived (curl), and its size.
    func timeState() throws -> (seconds: Double, bytes: Int) {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl", "-s", "-o", "/dev/null", "-w", "%{time_total} %{size_download}", "http://127.0.0.1:\(port)/__mock/state"]
        let pipe = Pipe()
        curl.standardOutput = pipe
        try curl.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        let parts = output.split(separator: " ")
        return (parts.first.flatMap { Double($0) } ?? 0, parts.last.flatMap { Int($0) } ?? 0)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: log)
    }
}

/// A Hummingbird route that answers a fixed invitation body: the ceiling for this machine.
let fixedBody =
    #"{"invitationId":"xqlNEXQPL0mEod4","developerId":"sacd74e","email":"NS05_merchant@yopmail.com","status":"Invited","invitationType":"ONBOARD_REQUEST","createdBy":"0oa20m6vx3wAZW7FQ0h8","provisioningRequestID":null,"archived":false,"insertTimestamp":"2024-09-15T12:40:24.256521003Z","updateTimestamp":"0001-01-01T00:00:00Z","expirationDate":"2024-09-25T12:40:24.254719091Z"}"#
let router = Router()
router.post("/developerprofile/api/v1/invitation") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: fixedBody)))
}

@MainActor func fixedRoute(connections: Int) async throws -> LoadResult {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: quiet)
    return try await withThrowingTaskGroup(of: LoadResult?.self) { group in
        let service = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: quiet)
        group.addTask {
            try await service.run()
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        let result = try wrk("http://127.0.0.1:\(port)/developerprofile/api/v1/invitation", connections: connections)
        await service.triggerGracefulShutdown()
        try await group.waitForAll()
        return result
    }
}

var rows: [(String, cli: LoadResult, inProcess: LoadResult, fixed: LoadResult)] = []
for connections in [1, 32] {
    let cli = try CLIMock()
    let cliResult = try wrk(cli.url, connections: connections)
    cli.stop()
    let api = MockAPI(document: document, rules: rules, configuration: MockConfiguration(port: 0, token: token), logger: quiet)
    let inProcess = try await MockServer.withRunning(api) { port in
        try wrk("http://127.0.0.1:\(port)/developerprofile/api/v1/invitation", connections: connections)
    }
    let fixed = try await fixedRoute(connections: connections)
    rows.append(("\(connections) connection\(connections == 1 ? "" : "s")", cliResult, inProcess, fixed))
}

let flooded = try CLIMock(extra: maxResources.map { ["--max-resources", "\($0)"] } ?? [])
let before = flooded.residentMB
let flood = try wrk(flooded.url, connections: 32, seconds: floodSeconds)
let after = flooded.residentMB
let state = try flooded.timeState()
let logLines = flooded.logLines
flooded.stop()

func format(_ value: Double, _ width: Int, _ decimals: Int = 0) -> String {
    String(format: "%\(width).\(decimals)f", value)
}
print("valid creates per second (wrk, \(duration) s per run, release build, same machine and run)")
print("  connections      CLI mock (log on)   in-process (log off)   fixed-body route   CLI/fixed   CLI non-2xx")
for (name, cli, inProcess, fixed) in rows {
    let ratio = fixed.requestsPerSecond > 0 ? cli.requestsPerSecond / fixed.requestsPerSecond : 0
    print(
        "  \(name.padding(toLength: 15, withPad: " ", startingAt: 0))  \(format(cli.requestsPerSecond, 17))   \(format(inProcess.requestsPerSecond, 20))   \(format(fixed.requestsPerSecond, 16))   \(format(ratio, 9, 2))   \(cli.non2xx) of \(cli.requests)"
    )
}
print("")
print("CLI mock under a \(floodSeconds) s flood of creates at 32 connections (--max-resources \(maxResources.map(String.init) ?? "default"))")
print("  creates: \(flood.requests) (\(format(flood.requestsPerSecond, 0))/s, non-2xx \(flood.non2xx)); log lines: \(logLines)")
print("  resident memory: \(format(before, 0, 1)) MB before, \(format(after, 0, 1)) MB after")
print("  GET /__mock/state after it: \(format(state.seconds * 1000, 0, 1)) ms, \(state.bytes) bytes")
