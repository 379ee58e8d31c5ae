import ArgumentParser
import AsyncHTTPClient
import BusinessRules
import CaseGeneration
import Checks
import Execution
import Foundation
import Logging
import MockServer
import OpenAPIModel
import Reporting
import Synchronization

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

    @Option(help: "A PEM file of CA certificates to trust besides the system's (a private or test CA).")
    var caCert: String?

    @Flag(help: "Run cases that create data even against a server that uses live data.")
    var allowLiveData = false

    @Option(help: "The most requests in flight at once; fewer while the target answers 429, 503 or Retry-After, or refuses connections.")
    var concurrency = SuiteRunner.Options.defaultConcurrency

    @Option(help: "Seconds to wait for each answer.")
    var timeout = 30

    @Option(help: "Retries on 429 and 503 (honouring Retry-After, at most 10 s each).")
    var retries = 3

    @OptionGroup var checkOptions: CheckOptions

    @OptionGroup var reportFiles: ReportFiles

    @Option(name: .customLong("mock-fault"), help: "Run the embedded mock with this fault (repeatable): the gate's self-test.")
    var mockFaults: [String] = []

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
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
    }

    func run() async throws {
        let startedAt = Date()
        let runTag = CaseSelection.newRunTag()
        let selected = try selection.load(runTag: runTag)
        let (document, rules, cases) = (selected.document, selected.rules, selected.cases)
        if let slice = selected.shard {
            Console.out("contract-test: slice \(slice.shard) (from \(slice.source)): \(cases.count) of the run's \(selected.planned) cases")
        }
        var quiet = Logger(label: "contract-test")
        quiet.logLevel = .error
        let options = Executor.Options(timeout: .seconds(timeout), maxRetries: retries)
        let configuration: HTTPClient.Configuration
        do {
            configuration = try Executor.clientConfiguration(caCertificates: caCert, clientCertificate: credentials.clientCertificate,
                                                             connections: concurrency)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }

        if baseURL == nil, target == .mock {
            let token = Self.randomToken()
            let api = MockAPI(
                document: document, rules: rules,
                configuration: MockConfiguration(port: 0, token: token, seed: selection.seed,
                                                 faults: Set(mockFaults.compactMap(Fault.init(rawValue:)))),
                logger: quiet)
            let basePath = api.basePath
            let summary = try await MockServer.withRunning(api) { port in
                let root = "http://127.0.0.1:\(port)"
                let target = Target(baseURL: root + (basePath == "/" ? "" : basePath), name: "mock", mockControlURL: root)
                return try await execute(cases, runTag: runTag, document: document, rules: rules, target: target,
                                         secrets: Secrets(fallback: .fixed(token), basicUser: credentials.basicUser),
                                         configuration: configuration, options: options, startedAt: startedAt)
            }
            try finish(summary, selected)
            return
        }
        let target = try resolveTarget(document)
        let secrets = try await credentials.secrets(for: cases, document: document, spec: selection.spec)
        let summary = try await execute(cases, runTag: runTag, document: document, rules: rules, target: target, secrets: secrets,
                                        configuration: configuration, options: options, startedAt: startedAt)
        try finish(summary, selected)
    }

    /// The target `--target sandbox` or `--base-url` names.
    private func resolveTarget(_ document: OpenAPIDocument) throws -> Target {
        do throws(Target.ChoiceError) {
            if let baseURL { return try Target.at(baseURL, document: document) }
            return try Target.sandbox(of: document)
        } catch {
            switch error {
            case .notHTTP(let found):
                Console.error("error: --base-url must start with http:// or https://, found '\(found)'")
            case .noSandbox:
                Console.error("error: \(selection.spec) names no Sandbox Server: expected a server whose description says 'Sandbox'; use --base-url")
            }
            throw ExitCode(2)
        }
    }

    // swiftlint:disable:next function_parameter_count
    private func execute(
        _ cases: [TestCase], runTag: String, document: OpenAPIDocument, rules: BusinessRules, target: Target, secrets: Secrets,
        configuration: HTTPClient.Configuration, options: Executor.Options, startedAt: Date
    ) async throws -> RunSummary {
        let clock = ContinuousClock()
        let began = clock.now
        let showProgress = isatty(STDOUT_FILENO) == 1
        let done = Mutex(0)
        let judge = AnswerJudge(document: document, rules: rules, checks: try checkOptions.selected())
        let shrinker = Shrinker(document: document, rules: rules, options: selection.options(runTag: runTag))
        let pressure = Pressure(ceiling: concurrency)
        let results = try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            let executor = Executor(client: client, target: target, secrets: secrets, options: options,
                                    hasClientCertificate: credentials.clientCertificate != nil, pressure: pressure)
            let runner = SuiteRunner(
                document: document, rules: rules, executor: executor, judge: judge,
                options: SuiteRunner.Options(concurrency: concurrency, allowLiveData: allowLiveData, shrinker: shrinker))
            return await runner.run(cases) { result in
                guard showProgress else { return }
                let count = done.withLock { $0 += 1; return $0 }
                Console.progress("[\(count)/\(cases.count)] \(result.testCase.operationId): \(result.testCase.name)")
            }
        }
        if showProgress { Console.progress(nil) }
        let elapsed = clock.now - began
        var summary = RunSummary(
            specPath: selection.spec, target: target, seed: selection.seed,
            startedAt: ISO8601DateFormatter().string(from: startedAt),
            duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            results: results,
            documentedStatuses: document.operations.map { ($0.id, Array($0.operation.responses.byStatus.keys)) },
            replayCommand: selection.replayCommand)
        summary.pressure = pressure.report
        return summary
    }

    private func finish(_ whole: RunSummary, _ selected: CaseSelection.Selected) throws {
        var summary = whole
        summary.shard = selected.shard?.shard
        summary.positions = selected.positions
        summary.plannedCases = selected.planned
        summary.specDigest = selection.specDigest
        try reportFiles.write(summary, tokenVariable: credentials.tokenEnv)
    }

    /// A token for the embedded mock, new for every run.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<32).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
