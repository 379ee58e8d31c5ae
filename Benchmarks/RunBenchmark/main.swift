// The default gate's speed, beside schemathesis (`st run ... -c all`, its default budget), in one
// run: `swift run -c release RunBenchmark [--st PATH] [--binary PATH] [--rounds N] [--latency MS]`.
//
// 1. In-process: the default suite (exploration on) against the in-process mock without
//    latency: cases per second.
// 2. A sandbox across a network: the same mock answering every request after `--latency` ms
//    (50 by default); the gate in-process and as a process (`contract-test run --base-url`),
//    and schemathesis as a process: wall times to a verdict, case counts and the ratio.
import AsyncHTTPClient
import BusinessRules
import CaseGeneration
import Checks
import Execution
import Foundation
import Logging
import MockServer
import OpenAPIModel

let arguments = CommandLine.arguments
func option(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
let st = option("--st") ?? ".venv-ci/bin/st"
let binary = option("--binary") ?? ".build/release/contract-test"
let rounds = option("--rounds").flatMap(Int.init) ?? 20
let latency = option("--latency").flatMap(Int.init) ?? 50
let spec = "specs/partneraccount.yaml"
let token = "bench-token"

guard let document = OpenAPILoader().load(file: spec).document,
    let rules = BusinessRules.load(file: BusinessRules.defaultFile(forSpec: spec), document: document).rules
else { fatalError("the contract did not load") }
var quiet = Logger(label: "bench")
quiet.logLevel = .error

@Sendable func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// A process's output and wall time.
@Sendable func timed(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> (
    output: String, status: Int32, wall: Double
)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let started = ContinuousClock.now
    guard (try? process.run()) != nil else { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (output, process.terminationStatus, seconds(ContinuousClock.now - started))
}

/// Schemathesis with all checks against `url`: its test cases, the seconds it reports, its wall time.
@Sendable func schemathesis(_ url: String) -> (cases: Int, seconds: Double, wall: Double)? {
    guard let run = timed(st, ["run", spec, "--url", url, "-H", "Authorization: Bearer \(token)", "-c", "all"]) else { return nil }
    let lines = run.output.split(separator: "\n")
    guard let generated = lines.first(where: { $0.contains(" generated") })?.split(separator: " ").first.flatMap({ Int($0) }),
        let summary = lines.last(where: { $0.contains(" in ") && $0.contains("s ====") }),
        let time = summary.split(separator: " ").first(where: { $0.hasSuffix("s") && Double($0.dropLast()) != nil }).flatMap({ Double($0.dropLast()) }
        )
    else {
        print(run.output)
        return nil
    }
    return (generated, time, run.wall)
}

/// The gate as a user runs it against a base URL: its case count (from its verdict line) and wall time.
@Sendable func gateProcess(_ url: String) -> (cases: Int, wall: Double)? {
    guard FileManager.default.isExecutableFile(atPath: binary),
        let run = timed(
            binary, ["run", "--base-url", url, "--token-env", "BENCH_TOKEN", "--junit", NSTemporaryDirectory() + "bench-junit.xml"],
            environment: ["BENCH_TOKEN": token]),
        let verdict = run.output.split(separator: "\n").last, let open = verdict.range(of: " (")?.upperBound,
        let cases = Int(verdict[open...].prefix { $0.isNumber })
    else { return nil }
    return (cases, run.wall)
}

/// Runs a blocking call on a thread of its own, so the in-process mock keeps its threads.
@Sendable func detached<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

/// Runs the default suite `times` times against the mock at `port`; the wall time of each.
@Sendable func runSuite(port: Int, basePath: String, times: Int) async throws -> (cases: Int, classes: Int, timings: [Double], failures: Int) {
    let root = "http://127.0.0.1:\(port)"
    let target = Target(baseURL: root + basePath, name: "mock", mockControlURL: root)
    var timings: [Double] = []
    var caseCount = 0
    var classes = 0
    var failures = 0
    let configuration = try Executor.clientConfiguration(caCertificates: nil, connections: SuiteRunner.Options.defaultConcurrency)
    try await HTTPClient.withHTTPClient(configuration: configuration) { client in
        let executor = Executor(client: client, target: target, tokens: .fixed(token))
        for round in 0..<times {
            let started = ContinuousClock.now
            let options = CaseOptions(runTag: "b\(round)-\(UInt64(Date().timeIntervalSince1970 * 1000))")
            var generator = CaseGenerator(document: document, rules: rules, options: options)
            let cases = generator.cases()
            let runner = SuiteRunner(
                document: document, rules: rules, executor: executor, judge: AnswerJudge(document: document, rules: rules),
                options: .init(shrinker: Shrinker(document: document, rules: rules, options: options)))
            let results = await runner.run(cases)
            timings.append(seconds(ContinuousClock.now - started))
            caseCount = cases.count
            // Every value class of every member, which every run sends (the random bodies apart).
            classes =
                Set(
                    results.filter { $0.testCase.kind == .explore && $0.testCase.focus?.isRandom == false && !$0.isSkipped }
                        .compactMap { $0.testCase.focus.map { "\($0.member) \($0.valueClass)" } }
                ).count
            failures += results.filter { $0.isFailure || $0.isError }.count
        }
    }
    return (caseCount, classes, timings, failures)
}

@Sendable func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

// 1. In-process, no latency.
let fast = MockAPI(document: document, rules: rules, configuration: MockConfiguration(port: 0, token: token), logger: quiet)
let inProcess = try await MockServer.withRunning(fast) { port in
    try await runSuite(port: port, basePath: fast.basePath, times: rounds + 1)
}
let warm = Array(inProcess.timings.dropFirst())
print(
    String(
        format:
            "in-process, no latency: %d cases per run (%d value classes covered), median %.4f s over %d runs (best %.4f s, first %.4f s): %.0f cases/s, %d failures",
        inProcess.cases, inProcess.classes, median(warm), warm.count, warm.min() ?? 0, inProcess.timings[0], Double(inProcess.cases) / median(warm),
        inProcess.failures))

// 2. The mock as users start it (`contract-test mock --latency 50`), as a sandbox across a network.
/// Starts `contract-test mock` and returns it with the URL it serves.
func startMock() -> (process: Process, root: String, url: String)? {
    guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["mock", "--port", "0", "--token", token, "--latency", String(latency)]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    var line: [UInt8] = []
    while true {
        let byte = out.fileHandleForReading.readData(ofLength: 1)
        if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
        line += byte
    }
    // "mock serving SPEC at http://127.0.0.1:PORT/developerprofile (token: required)"
    let words = String(decoding: line, as: UTF8.self).split(separator: " ")
    guard let url = words.first(where: { $0.hasPrefix("http://") }).map(String.init),
        let root = url.range(of: "/", options: [], range: url.index(url.startIndex, offsetBy: 7)..<url.endIndex).map({ String(url[..<$0.lowerBound]) }
        )
    else {
        process.terminate()
        return nil
    }
    return (process, root, url)
}

guard let mock = startMock() else {
    print("the latency figures need the contract-test binary: swift build -c release --product contract-test (or --binary PATH)")
    exit(0)
}
defer { mock.process.terminate() }
var lines = ["against `contract-test mock --latency \(latency)` (every answer \(latency) ms late, as a sandbox across a network):"]
let port = Int(mock.root.split(separator: ":").last ?? "") ?? 0
let gate = try await runSuite(port: port, basePath: String(mock.url.dropFirst(mock.root.count)), times: 3)
let gateWall = median(gate.timings)
lines.append(
    String(
        format: "  contract-test in-process: %d cases (%d value classes covered), verdict in %.3f s (median of 3), %d failures",
        gate.cases, gate.classes, gateWall, gate.failures))
var processRuns: [(cases: Int, wall: Double)] = []
for _ in 0..<3 {
    if let run = await detached({ gateProcess(mock.url) }) { processRuns.append(run) }
}
let process = processRuns.isEmpty ? nil : (cases: processRuns[0].cases, wall: median(processRuns.map(\.wall)))
if let process {
    lines.append(
        String(
            format: "  contract-test run --base-url (a process; the clock case skipped): %d cases, %.3f s wall (median of 3)", process.cases,
            process.wall))
}
if let theirs = await detached({ schemathesis(mock.url) }) {
    lines.append(
        String(format: "  schemathesis st run -c all: %d cases, %.2f s as it reports, %.2f s wall", theirs.cases, theirs.seconds, theirs.wall))
    lines.append(
        String(format: "  verdict sooner: %.1fx in-process (wall vs wall), ", theirs.wall / gateWall)
            + (process.map { String(format: "%.1fx process vs process", theirs.wall / $0.wall) } ?? "process not measured"))
} else {
    lines.append("  schemathesis did not run (pass --st PATH to its `st`)")
}
print(lines.joined(separator: "\n"))
