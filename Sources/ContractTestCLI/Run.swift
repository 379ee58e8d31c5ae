import ArgumentParser
import CaseGeneration
import Checks
import ContractRun
import Execution
import Foundation

/// `contract-test run` (the default): the conformance suite against the embedded mock, the
/// sandbox or any base URL; JUnit XML for CI, a summary for people.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the conformance cases against a target and check every answer.",
        discussion:
            "Options left out come from the configuration file (contract-test.yaml, or --config FILE), then the defaults; `contract-test config` shows what a run would use. Exit status: 0 all passed, 1 contract failures, 2 usage or spec error, 3 target unreachable, 4 nothing judged, 5 credentials refused, 130 interrupted (the README lists them)."
    )

    @OptionGroup var options: RunOptions

    func run() async throws {
        let effective = try options.effective()
        let known = try effective.baseline.map { setting throws(RunError) in try ReportPaths.readBaseline(setting.value) }
        let showProgress = isatty(STDOUT_FILENO) == 1
        let paths = effective.reportPaths
        let interruption = Interruption(reports: [paths.junit, paths.json, paths.html] + [paths.har].compactMap { $0 })
        let runner = ContractRunner { event in
            switch event {
            case .tolerated(let text):
                Console.error(text)
            case .slice(let shard, let source, let cases, let planned):
                Console.out("contract-test: slice \(shard) (from \(source.rawValue)): \(cases) of the run's \(planned) cases")
            case .proxy(let proxy):
                Console.out("contract-test: through the proxy \(proxy.shown)")
            case .undeclaredCredentials(let header):
                Console.out(
                    "contract-test: \(header) from -H on every request: the document declares no security scheme that sends it, so no case tests a request without it"
                )
            case .finished(let result, let done, let total):
                interruption.finished(done, of: total)
                if showProgress { Console.progress("[\(done)/\(total)] \(result.testCase.operationId): \(result.testCase.name)") }
            }
        }
        let summary = try await runner.run(effective.request(environment: ProcessInfo.processInfo.environment))
        if showProgress { Console.progress(nil) }
        try ReportFiles.finish(
            summary, tokenVariable: effective.tokenEnv.value, baseline: known, paths: effective.reportPaths,
            showProblems: effective.showProblems.value, allowNothingJudged: options.reportFiles.allowNothingJudged)
    }
}
