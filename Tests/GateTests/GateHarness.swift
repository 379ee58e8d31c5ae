import AsyncHTTPClient
import BusinessRules
import CaseGeneration
import Checks
import Execution
import Foundation
import Logging
import MockServer
import OpenAPIModel
import SchemaValidation
import TestSupport

/// The default gate run in-process, as `contract-test run` wires it: the contract's cases for a
/// seed against the in-process mock (with faults), judged by every default check, failing
/// exploration cases shrunk. Each run has a fresh mock with the seed of the gate.
enum GateHarness {
    static let contract: (document: OpenAPIDocument, rules: BusinessRules) = {
        let document = OpenAPILoader().load(file: RepositoryPaths.contract).document!
        return (document, BusinessRules.load(file: RepositoryPaths.contractRules, document: document).rules!)
    }()

    /// What a run found: the checks that failed, by case.
    struct Verdict {
        var results: [CaseResult]
        /// How the run adapted its concurrency to the target.
        var pressure: Pressure.Report?

        var failedChecks: Set<CheckName> { Set(results.flatMap { $0.failures.map(\.check) }) }
        var errors: [String] {
            results.compactMap { result in
                if case .error(let reason) = result.outcome { "\(result.testCase.name): \(reason)" } else { nil }
            }
        }
        var failingCases: [String] {
            results.filter(\.isFailure).map {
                "\($0.testCase.kind.rawValue): \($0.testCase.name): \($0.failures.map(\.message).joined(separator: "; "))"
            }
        }
    }

    /// Runs the gate once per seed against one mock with these faults.
    /// `strict`: also judge undocumented response members, as `--strict` does.
    static func run(faults: Set<Fault>, seeds: [UInt64], examples: Int = CaseOptions.defaultExamples, strict: Bool = false) async throws -> [UInt64:
        Verdict]
    {
        let (document, rules) = contract
        var verdicts: [UInt64: Verdict] = [:]
        for seed in seeds {
            verdicts[seed] = try await againstMock(document, rules: rules, faults: faults, seed: seed, examples: examples, strict: strict)
        }
        return verdicts
    }

    /// The gate for one document and seed against a fresh in-process mock of it.
    /// `formatReading`: how the mock reads formats in requests (`.anyReading`: a server that
    /// accepts, and echoes, whatever any documented grammar accepts).
    static func againstMock(
        _ document: OpenAPIDocument, rules: BusinessRules = .none, faults: Set<Fault> = [], seed: UInt64 = 1,
        examples: Int = CaseOptions.defaultExamples, strict: Bool = false, formatReading: FormatReading = .strict
    ) async throws -> Verdict {
        var quiet = Logger(label: "gate-test")
        quiet.logLevel = .critical
        let token = "gate-token"
        var configuration = MockConfiguration(port: 0, token: token, seed: seed, faults: faults)
        configuration.formatReading = formatReading
        let api = MockAPI(document: document, rules: rules, configuration: configuration, logger: quiet)
        let basePath = api.basePath
        return try await MockServer.withRunning(api) { port in
            let root = "http://127.0.0.1:\(port)"
            let target = Target(baseURL: root + basePath, name: "mock", mockControlURL: root)
            return try await against(target, document, rules: rules, seed: seed, examples: examples, strict: strict, token: token)
        }
    }

    /// The gate for one document and seed against any target (a small server of a test's own).
    static func against(
        _ target: Target, _ document: OpenAPIDocument, rules: BusinessRules = .none, seed: UInt64 = 1,
        examples: Int = CaseOptions.defaultExamples, strict: Bool = false, token: String = "gate-token",
        kinds: Set<CaseKind>? = nil
    ) async throws -> Verdict {
        var options = CaseOptions(seed: seed, runTag: "g\(seed)", examples: examples)
        if let kinds { options.kinds = kinds }
        var generator = CaseGenerator(document: document, rules: rules, options: options)
        let cases = generator.cases()
        let configuration = try Executor.clientConfiguration(caCertificates: nil, connections: SuiteRunner.Options.defaultConcurrency)
        return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            try await HTTPClient.withHTTPClient(configuration: Executor.freshConnections(configuration)) { freshClient in
                let pressure = Pressure(ceiling: SuiteRunner.Options.defaultConcurrency)
                let executor = Executor(
                    client: client, target: target, secrets: Secrets(fallback: .fixed(token)), pressure: pressure, freshClient: freshClient)
                let runner = SuiteRunner(
                    document: document, rules: rules, executor: executor,
                    judge: AnswerJudge(document: document, rules: rules, checks: CheckName.selection(only: nil, excluded: [], strict: strict)),
                    options: .init(shrinker: Shrinker(document: document, rules: rules, options: options)))
                return Verdict(results: await runner.run(cases), pressure: pressure.report)
            }
        }
    }
}
