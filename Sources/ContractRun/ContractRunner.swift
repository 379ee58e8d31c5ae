import AsyncHTTPClient
import BusinessRules
import CaseGeneration
import Checks
import Execution
import Foundation
import Logging
import MockServer
import OpenAPIModel
import OrderedCollections
import Reporting
import Synchronization

/// The run pipeline: the contract loaded, the cases chosen, the target and its secrets wired,
/// every case sent and judged, and the summary every report is made from.
public struct ContractRunner: Sendable {
    private let events: @Sendable (RunEvent) -> Void

    /// `events` hears what the run does as it goes (warnings, the slice, each finished case).
    public init(events: @escaping @Sendable (RunEvent) -> Void = { _ in }) {
        self.events = events
    }

    /// Runs `request` to its summary; what stops it before any case is sent is thrown.
    public func run(_ request: RunRequest) async throws(RunError) -> RunSummary {
        let startedAt = Date()
        let runTag = request.runTag ?? CaseChoice.newRunTag()
        let contract = try request.contract.load()
        if let text = contract.toleratedText { events(.tolerated(text)) }
        var selected = try request.cases.select(from: contract, runTag: runTag, environment: request.environment)
        try Self.apply(request.overrides, to: &selected, contract: contract)
        if let slice = selected.slice {
            events(.slice(slice.shard, source: slice.source, cases: selected.cases.count, planned: selected.planned))
        }
        let headers = try Self.extraHeaders(of: request, contract: contract)
        if let credential = (headers.all + headers.byOperation.values.flatMap { $0 }).first(where: { ExtraHeader.carriesCredentials($0.name) }) {
            events(.undeclaredCredentials(header: credential.name))
        }
        var summary: RunSummary
        switch request.target {
        case .mock(let faults):
            let wiring = Wiring(
                request: request, contract: contract, selected: selected, runTag: runTag,
                configuration: try Self.clientConfiguration(request, proxy: nil), headers: headers,
                startedAt: startedAt, events: events)
            summary = try await wiring.againstEmbeddedMock(faults: faults)
        case .sandbox, .baseURL:
            let target = try Self.target(of: request, contract: contract)
            let proxy = try Self.proxy(for: target.baseURL, request)
            if let proxy { events(.proxy(proxy)) }
            var tokenClient = HTTPClient.Configuration()
            if let tokenURL = request.credentials.oauth2?.tokenURL {
                tokenClient = try Self.clientConfiguration(request, proxy: Self.proxy(for: tokenURL, request))
            }
            let secrets = try await request.credentials.secrets(for: selected.cases, contract: contract, client: tokenClient)
            let wiring = Wiring(
                request: request, contract: contract, selected: selected, runTag: runTag,
                configuration: try Self.clientConfiguration(request, proxy: proxy), headers: headers,
                startedAt: startedAt, events: events)
            summary = try await wiring.execute(against: target, secrets: secrets)
            // A secret that could not be had mid-run (a token endpoint that stopped issuing)
            // is the run's problem, not the server's: no verdict.
            if let failure = secrets.failures.first { throw .tokenSource(failure) }
        }
        summary.shard = selected.slice?.shard
        summary.positions = selected.positions
        summary.plannedCases = selected.planned
        summary.specDigest = contract.digest
        summary.specSHA256 = contract.fetchedSHA256
        return summary
    }

    /// The operations' exceptions: each must name an operation of the document; the cases of
    /// one that is skipped are not sent, saying why.
    static func apply(_ overrides: [OperationOverride], to selected: inout SelectedCases, contract: LoadedContract) throws(RunError) {
        let known = Set(contract.document.operations.map(\.id))
        for override in overrides where !known.contains(override.operationId) {
            throw .unknownOperation(override.operationId, spec: contract.spec, known: Array(known))
        }
        let skipped = Dictionary(overrides.filter(\.skip).map { ($0.operationId, $0) }, uniquingKeysWith: { $1 })
        guard !skipped.isEmpty else { return }
        for index in selected.cases.indices {
            if let override = skipped[selected.cases[index].operationId] { selected.cases[index].skipReason = override.skipReason }
        }
    }

    /// The forward proxy the proxy variables name for `url`.
    static func proxy(for url: String, _ request: RunRequest) throws(RunError) -> ProxyChoice? {
        do throws(ProxyChoice.Problem) {
            return try ProxyChoice.forTarget(url, environment: request.environment)
        } catch {
            throw .proxy(error)
        }
    }

    /// The HTTP client's settings for the run: trust, client certificate, connections, proxy.
    static func clientConfiguration(_ request: RunRequest, proxy: ProxyChoice?) throws(RunError) -> HTTPClient.Configuration {
        do throws(TransportError) {
            return try Executor.clientConfiguration(
                caCertificates: request.caCertificates, clientCertificate: request.credentials.clientCertificate,
                connections: request.concurrency, proxy: proxy)
        } catch {
            throw .transport(error)
        }
    }

    /// The extra headers, their variables read; a header that would stand in for a security
    /// scheme's credential is refused (auth cases must be able to leave it out).
    static func extraHeaders(of request: RunRequest, contract: LoadedContract) throws(RunError) -> ExtraHeaders {
        var schemeHeaders: [String: String] = [:]
        for (name, scheme) in contract.document.components.securitySchemes {
            switch scheme.type {
            case .apiKey:
                if scheme.keyLocation == "header", let keyName = scheme.name { schemeHeaders[keyName.lowercased()] = name }
                if scheme.keyLocation == "cookie" { schemeHeaders["cookie"] = name }
            case .http, .oauth2, .openIdConnect:
                schemeHeaders["authorization"] = schemeHeaders["authorization"] ?? name
            case .mutualTLS:
                break
            }
        }
        func resolved(_ headers: [ExtraHeader]) throws(RunError) -> [ExtraHeader.Resolved] {
            var result: [ExtraHeader.Resolved] = []
            for header in headers {
                if let scheme = schemeHeaders[header.name.lowercased()] {
                    throw .headerOfScheme(header.name, scheme: scheme, spec: contract.spec)
                }
                do throws(ExtraHeader.Problem) {
                    result.append(try header.resolved(in: request.environment))
                } catch {
                    throw .header(error)
                }
            }
            return result
        }
        let known = Set(contract.document.operations.map(\.id))
        var byOperation: [String: [ExtraHeader.Resolved]] = [:]
        for (operationId, headers) in request.operationHeaders {
            guard known.contains(operationId) else { throw .unknownOperation(operationId, spec: contract.spec, known: Array(known)) }
            byOperation[operationId] = try resolved(headers)
        }
        return ExtraHeaders(all: try resolved(request.headers), byOperation: byOperation)
    }

    /// The target `.sandbox` or `.baseURL` names.
    static func target(of request: RunRequest, contract: LoadedContract) throws(RunError) -> Target {
        do throws(Target.ChoiceError) {
            var target =
                if case .baseURL(let url) = request.target { try Target.at(url, document: contract.document) } else {
                    try Target.sandbox(of: contract.document)
                }
            if let liveData = request.liveData { target.dataPolicy = Target.DataPolicy(declaringLiveData: liveData) }
            if let name = request.targetName { target.name = name }
            return target
        } catch {
            switch error {
            case .notHTTP(let found): throw .notHTTP(option: "--base-url", found: found)
            case .noSandbox: throw .noSandbox(spec: contract.spec)
            }
        }
    }

    /// A token for the embedded mock, new for every run.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<32).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}

/// One run's parts, put together once the cases are chosen.
private struct Wiring: Sendable {
    var request: RunRequest
    var contract: LoadedContract
    var selected: SelectedCases
    var runTag: String
    var configuration: HTTPClient.Configuration
    var headers: ExtraHeaders
    var startedAt: Date
    var events: @Sendable (RunEvent) -> Void

    /// The cases against the embedded mock, started on a free loopback port for this run only.
    func againstEmbeddedMock(faults: Set<Fault>) async throws(RunError) -> RunSummary {
        let token = ContractRunner.randomToken()
        var quiet = Logger(label: "contract-test")
        quiet.logLevel = .error
        let api = MockAPI(
            document: contract.document, rules: contract.rules,
            configuration: MockConfiguration(port: 0, token: token, seed: request.cases.seed, faults: faults), logger: quiet)
        let basePath = api.basePath
        do {
            return try await MockServer.withRunning(api) { port in
                let root = "http://127.0.0.1:\(port)"
                let target = Target(baseURL: root + (basePath == "/" ? "" : basePath), name: "mock", mockControlURL: root)
                var summary = try await execute(against: target, secrets: Secrets(fallback: .fixed(token), basicUser: request.credentials.basicUser))
                summary.embeddedMock = EmbeddedMock(
                    port: port, seed: request.cases.seed, faults: faults.map(\.rawValue),
                    spec: request.contract.spec == ContractSource.defaultSpec ? nil : request.contract.spec, rules: request.contract.rules)
                return summary
            }
        } catch let error as RunError {
            throw error
        } catch {
            throw .server("the embedded mock: \(error)")
        }
    }

    /// The embedded mock's faults as a replay names them: a replay without them passes.
    var faultOptions: [String] {
        guard case .mock(let faults) = request.target else { return [] }
        return faults.map(\.rawValue).sorted().map { "--mock-fault \($0)" }
    }

    /// Every case sent to `target` and judged.
    func execute(against target: Target, secrets: Secrets) async throws(RunError) -> RunSummary {
        let clock = ContinuousClock()
        let began = clock.now
        let (document, rules, cases) = (contract.document, contract.rules, selected.cases)
        let done = Mutex(0)
        let judge = AnswerJudge(
            document: document, rules: rules, checks: request.checks, maxResponseTime: request.maxResponseTime,
            overrides: request.overrides)
        let shrinker = Shrinker(document: document, rules: rules, options: request.cases.options(runTag: runTag))
        let pressure = Pressure(ceiling: request.concurrency)
        let options = Executor.Options(
            timeout: request.timeout, maxRetries: request.retries, extraHeaders: headers,
            rateLimit: request.rateLimit.map(RateLimit.init(perSecond:)))
        let results: [CaseResult]
        do {
            results = try await HTTPClient.withHTTPClient(configuration: configuration) { client in
                try await HTTPClient.withHTTPClient(configuration: Executor.freshConnections(configuration)) { freshClient in
                    let executor = Executor(
                        client: client, target: target, secrets: secrets, options: options,
                        hasClientCertificate: request.credentials.clientCertificate != nil, pressure: pressure, freshClient: freshClient)
                    let runner = SuiteRunner(
                        document: document, rules: rules, executor: executor, judge: judge,
                        options: SuiteRunner.Options(concurrency: request.concurrency, allowLiveData: request.allowLiveData, shrinker: shrinker))
                    return await runner.run(cases) { result in
                        let count = done.withLock {
                            $0 += 1
                            return $0
                        }
                        events(.finished(result, done: count, total: cases.count))
                    }
                }
            }
        } catch {
            throw .server("the HTTP client: \(error)")
        }
        let elapsed = clock.now - began
        var summary = RunSummary(
            specPath: request.contract.spec, target: target, seed: request.cases.seed,
            startedAt: ISO8601DateFormatter().string(from: startedAt),
            duration: elapsed / .seconds(1),
            results: results,
            documentedStatuses: document.operations.map { ($0.id, Array($0.operation.responses.byStatus.keys)) },
            replayCommand: request.cases.replayCommand(spec: request.contract.spec, rules: request.contract.rules, options: faultOptions))
        summary.pressure = pressure.report
        if case .mock = request.target {} else { summary.credentialSource = request.credentials.sourceWords }
        summary.responseTimeLimit = request.checks.contains(.responseTime) ? request.maxResponseTime : nil
        return summary
    }
}
