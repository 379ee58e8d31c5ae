import ArgumentParser
import Checks
import Execution
import ContractRun
import Foundation
import MockServer

/// `contract-test run` (the default): the conformance suite against the embedded mock, the
/// sandbox or any base URL; JUnit XML for CI, a summary for people.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the conformance cases against a target and check every answer.",
        discussion: "Exit status: 0 all passed, 1 contract failures, 2 usage or spec error, 3 target unreachable."
    )

    /// Where to send the cases.
    enum TargetChoice: String, ExpressibleByArgument, CaseIterable {
        case mock, sandbox
    }

    @OptionGroup var selection: CaseSelection

    @Option(help: "mock (the embedded mock, in-process) or sandbox (the document's Sandbox Server).")
    var target: TargetChoice = .mock

    @Option(help: "Send the cases to this base URL instead (the server URL, path included).")
    var baseURL: String?

    @OptionGroup var credentials: CredentialOptions

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Run cases that create data even against a server that uses live data.")
    var allowLiveData = false

    @Option(help: "The most requests in flight at once; fewer while the target answers 429, 503 or Retry-After, or refuses connections.")
    var concurrency = SuiteRunner.Options.defaultConcurrency

    @Option(help: "Retries on 429 and 503 (honouring Retry-After, at most 10 s each).")
    var retries = 3

    @Option(name: [.customShort("H"), .customLong("header")],
            help: ArgumentHelp("'Name: value': a header every request carries (repeatable); ${VAR} reads the value from the environment and is shown redacted.", valueName: "header"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("At most this many requests per second across the run (the requests of a race excepted).", valueName: "n"))
    var rateLimit: Double?

    @OptionGroup var checkOptions: CheckOptions

    @OptionGroup var reportFiles: ReportFiles

    @Option(name: .customLong("mock-fault"), help: "Run the embedded mock with this fault (repeatable): the gate's self-test.")
    var mockFaults: [String] = []

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        for name in mockFaults where Fault(rawValue: name) == nil {
            throw ValidationError("unknown fault '\(name)': expected one of \(Fault.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !mockFaults.isEmpty, baseURL != nil || target != .mock {
            throw ValidationError("--mock-fault applies to the embedded mock only (--target mock without --base-url)")
        }
        if baseURL != nil, target == .sandbox {
            throw ValidationError("give either --target sandbox or --base-url, not both")
        }
        if let rateLimit, !(rateLimit > 0 && rateLimit.isFinite) { throw ValidationError("--rate-limit must be a positive number of requests per second") }
        _ = try extraHeaders()
    }

    /// The `-H` headers, read.
    func extraHeaders() throws -> [ExtraHeader] {
        try headers.map { line in
            do throws(ExtraHeader.Problem) {
                return try ExtraHeader(parsing: line)
            } catch {
                throw ValidationError("-H/--header: \(error)")
            }
        }
    }

    /// The run these options ask for.
    func request() throws -> RunRequest {
        let chosenTarget: RunRequest.TargetChoice = if let baseURL { .baseURL(baseURL) }
            else if target == .sandbox { .sandbox }
            else { .mock(faults: Set(mockFaults.compactMap(Fault.init(rawValue:)))) }
        return RunRequest(
            contract: selection.contract.source, cases: selection.choice, target: chosenTarget, credentials: credentials.choice,
            caCertificates: connection.caCert, allowLiveData: allowLiveData, concurrency: concurrency, timeout: .seconds(connection.timeout), retries: retries,
            checks: try checkOptions.selected(), maxResponseTime: checkOptions.responseTimeLimit, headers: try extraHeaders(),
            rateLimit: rateLimit, environment: ProcessInfo.processInfo.environment)
    }

    func run() async throws {
        let known = try reportFiles.knownProblems()
        let showProgress = isatty(STDOUT_FILENO) == 1
        let runner = ContractRunner { event in
            switch event {
            case .tolerated(let text):
                Console.error(text)
            case .slice(let shard, let source, let cases, let planned):
                Console.out("contract-test: slice \(shard) (from \(source.rawValue)): \(cases) of the run's \(planned) cases")
            case .proxy(let proxy):
                Console.out("contract-test: through the proxy \(proxy.shown)")
            case .finished(let result, let done, let total):
                if showProgress { Console.progress("[\(done)/\(total)] \(result.testCase.operationId): \(result.testCase.name)") }
            }
        }
        let summary = try await runner.run(request())
        if showProgress { Console.progress(nil) }
        try reportFiles.finish(summary, tokenVariable: credentials.tokenEnv, baseline: known)
    }
}
