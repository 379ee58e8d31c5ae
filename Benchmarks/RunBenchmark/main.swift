// The default suite's speed against the in-process mock, beside schemathesis (`st run ... -c
// all`) against the same mock in the same run: `swift run -c release RunBenchmark [--st PATH]
// [--rounds N]`.
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
let st = arguments.firstIndex(of: "--st").map { arguments[$0 + 1] } ?? ".venv-ci/bin/st"
let rounds = arguments.firstIndex(of: "--rounds").map { Int(arguments[$0 + 1]) ?? 20 } ?? 20
let concurrency = arguments.firstIndex(of: "--concurrency").map { Int(arguments[$0 + 1]) ?? 8 } ?? 8
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

/// Runs schemathesis with all checks against `url`; its test cases and the seconds it reports.
@Sendable func schemathesis(_ url: String) -> (cases: Int, seconds: Double, wall: Double)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [st, "run", spec, "--url", url, "-H", "Authorization: Bearer \(token)", "-c", "all"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let started = ContinuousClock.now
    guard (try? process.run()) != nil else { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let wall = seconds(ContinuousClock.now - started)
    let lines = output.split(separator: "\n")
    guard let generated = lines.first(where: { $0.contains(" generated") })?.split(separator: " ").first.flatMap({ Int($0) }),
          let summary = lines.last(where: { $0.contains(" in ") && $0.hasSuffix("s ===========================") || $0.contains("s ====") }),
          let time = summary.split(separator: " ").first(where: { $0.hasSuffix("s") && Double($0.dropLast()) != nil }).flatMap({ Double($0.dropLast()) })
    else {
        print(output)
        return nil
    }
    return (generated, time, wall)
}

/// Runs a blocking call on a thread of its own, so the in-process mock keeps its threads.
@Sendable func detached<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

let api = MockAPI(document: document, rules: rules, configuration: MockConfiguration(port: 0, token: token), logger: quiet)
let coldStart = ContinuousClock.now
let report = try await MockServer.withRunning(api) { port -> String in
    let root = "http://127.0.0.1:\(port)"
    let target = Target(baseURL: root + api.basePath, name: "mock", mockControlURL: root)
    var timings: [Double] = []
    var caseCount = 0
    var failures = 0
    try await HTTPClient.withHTTPClient { client in
        let executor = Executor(client: client, target: target, tokens: .fixed(token))
        let runner = SuiteRunner(document: document, rules: rules, executor: executor,
                                 judge: AnswerJudge(document: document, rules: rules), options: .init(concurrency: concurrency))
        for round in 0...rounds {
            let started = ContinuousClock.now
            var generator = CaseGenerator(document: document, rules: rules, options: CaseOptions(runTag: "b\(round)"))
            let cases = generator.cases()
            let results = await runner.run(cases)
            let elapsed = seconds(ContinuousClock.now - started)
            if round == 0 {
                print(String(format: "first run (mock started, client connecting): %d cases in %.3f s, %.0f cases/s since process start %.3f s",
                             cases.count, elapsed, Double(cases.count) / elapsed, seconds(ContinuousClock.now - coldStart)))
                continue
            }
            timings.append(elapsed)
            caseCount = cases.count
            failures += results.filter { $0.isFailure || $0.isError }.count
        }
    }
    let sorted = timings.sorted()
    let median = sorted[sorted.count / 2]
    let ours = Double(caseCount) / median
    var lines = [String(format: "contract-test: %d cases per run, median %.4f s over %d runs (best %.4f s): %.0f cases/s, %d failures",
                        caseCount, median, timings.count, sorted[0], ours, failures)]
    if let theirs = await detached({ schemathesis(root + api.basePath) }) {
        let rate = Double(theirs.cases) / theirs.seconds
        lines.append(String(format: "schemathesis (st run -c all): %d cases in %.2f s as it reports (%.2f s wall): %.1f cases/s", theirs.cases, theirs.seconds, theirs.wall, rate))
        lines.append(String(format: "ratio of cases per second: %.0fx", ours / rate))
    } else {
        lines.append("schemathesis did not run (pass --st PATH to its `st`)")
    }
    return lines.joined(separator: "\n")
}
print(report)
