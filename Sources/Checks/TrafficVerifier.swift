import BusinessRules
import CaseGeneration
import Execution
import Foundation
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import YAMLSource

/// An exchange recorded by another client (a browser, Postman, mitmproxy, the gate's own
/// `--har`), with where it was recorded.
public struct RecordedExchange: Sendable {
    /// The exchange, secrets redacted.
    public var exchange: Exchange
    /// `session.har entry 12`: what a report names it by.
    public var source: String

    /// An exchange recorded at `source`.
    public init(exchange: Exchange, source: String) {
        self.exchange = exchange
        self.source = source
    }
}

/// A recorded request that breaks the contract: the client's problem, not the server's.
public struct ClientProblem: Sendable, Equatable, Codable {
    /// Where it was recorded (`session.har entry 12`).
    public var source: String
    /// The operation the request was for.
    public var operationId: String
    /// `POST`, as sent.
    public var method: String
    /// The URL as recorded, secrets redacted.
    public var url: String
    /// In words: "required query parameter 'limit' is missing".
    public var problem: String
    /// The id of the exchange's case, whose verdict is the server's.
    public var caseId: String?
}

/// Requests to a path or method the document does not declare, grouped by method and path.
public struct UndocumentedEndpoint: Sendable, Equatable, Codable {
    /// The method asked for.
    public var method: String
    /// The path asked for, without its query.
    public var path: String
    /// How many requests asked for it.
    public var count: Int
    /// The first exchange that asked for it.
    public var firstSource: String
}

/// Recorded traffic judged against the contract: one case result per exchange the document
/// documents, the client's faulty requests apart, and what the document does not declare.
/// Built one exchange at a time (`TrafficVerifier.judge(_:into:)`), in the traffic's order.
public struct TrafficVerdict: Sendable {
    /// One result per judged exchange, in the traffic's order.
    public var results: [CaseResult] = []
    /// Requests that broke the contract.
    public var clientProblems: [ClientProblem] = []
    /// Paths and methods the document does not declare.
    public var undocumented: [UndocumentedEndpoint] = []
    /// Exchanges addressed to no server of the document (or not to `--base-url`).
    public var elsewhere = 0
    /// The exchanges no case stands for (undocumented, elsewhere), in their order: kept for
    /// the HAR, which holds every exchange.
    public var unjudged: [RecordedExchange] = []
    /// What the successes so far created: what the rules over several answers judge by.
    var ledger = TrafficLedger()

    /// Nothing judged yet.
    public init() {}
}

/// What became of one recorded exchange.
public enum JudgedExchange: Sendable {
    /// Not below any server judged.
    case elsewhere
    /// A path or method the document does not declare.
    case undocumented
    /// The case result of a documented operation's exchange, and the client's problem when
    /// its request breaks the contract.
    case judged(CaseResult, clientProblem: ClientProblem?)
}

/// Judges recorded exchanges as the gate judges its own: each is matched to an operation by
/// server prefix, path template (as written) and method; its request is read as the mock reads
/// requests (a faulty one is the client's problem, and its answer is then held only to what
/// any answer owes: no 5xx, documented bodies that match); its answer is judged by every check
/// that applies to one exchange, business rules included.
public struct TrafficVerifier: Sendable {
    let document: OpenAPIDocument
    let rules: BusinessRules
    /// How each answer is judged.
    public let judge: AnswerJudge
    /// The servers whose URLs the traffic's URLs start with, each with its route table.
    let servers: [(url: String, routes: RouteTable)]
    let inputs: [RequestInputs]
    /// Whether the traffic is live (the proxy's): a request that got no answer is then an
    /// error reaching the server, not a record without one.
    let live: Bool

    /// `baseURL`: judge only the traffic below this URL; else the traffic to any server the
    /// document lists (a relative server URL matches any host).
    /// `maxResponseTime`: seconds an answer may take, judged by `response-time`.
    /// `live`: the exchanges happen now (the proxy), so one without an answer is the server's
    /// to answer for; in files it is a record of nothing.
    public init(
        document: OpenAPIDocument, rules: BusinessRules, checks: Set<CheckName>, maxResponseTime: Double? = nil, baseURL: String? = nil,
        live: Bool = false
    ) {
        self.document = document
        self.live = live
        self.rules = rules
        let operations = document.operations.enumerated().map { ($0.offset, $0.element.path, $0.element.method.uppercased()) }
        let urls =
            baseURL.map { [$0] }
            ?? {
                let listed = document.effectiveServers.map(\.defaultURL)
                return listed.isEmpty ? ["/"] : listed
            }()
        servers = urls.map { url in
            (Self.trimmed(url), RouteTable(document: document, operations: operations, serverURL: url))
        }
        let compiler = SchemaCompiler(document: document)
        inputs = document.operations.map { RequestInputs(entry: $0, compiler: compiler, formats: .anyReading) }
        judge = AnswerJudge(document: document, rules: rules, checks: checks, maxResponseTime: maxResponseTime, compiler: compiler)
    }

    /// The traffic judged in its order.
    public func verify(_ traffic: [RecordedExchange]) -> TrafficVerdict {
        var verdict = TrafficVerdict()
        for recorded in traffic { judge(recorded, into: &verdict) }
        return verdict
    }

    /// One exchange judged after those already in `verdict` (the rules over several answers
    /// compare it with them), and added to it.
    @discardableResult
    public func judge(_ recorded: RecordedExchange, into verdict: inout TrafficVerdict) -> JudgedExchange {
        let request = recorded.exchange.request
        guard let (serverIndex, (server, routes)) = servers.enumerated().first(where: { Self.isBelow(request.url, $0.element.url) }) else {
            verdict.elsewhere += 1
            verdict.unjudged.append(recorded)
            return .elsewhere
        }
        let (path, query) = Self.pathAndQuery(of: request.url)
        guard let (route, pathValues) = routes.matchExactly(path), let index = route.operations[request.method.uppercased()] else {
            verdict.unjudged.append(recorded)
            let shown = routes.matchExactly(path).map { $0.route.template } ?? path
            if let known = verdict.undocumented.firstIndex(where: { $0.method == request.method.uppercased() && $0.path == shown }) {
                verdict.undocumented[known].count += 1
            } else {
                verdict.undocumented.append(
                    UndocumentedEndpoint(method: request.method.uppercased(), path: shown, count: 1, firstSource: recorded.source))
            }
            return .undocumented
        }
        let entry = document.operations[index]
        let words = clientProblem(request, query: query, pathValues: pathValues, entry: entry, inputs: inputs[index])
        var result = judged(recorded, entry: entry, relativePath: Self.relative(path, below: server), query: query, faultyRequest: words != nil)
        let problem = words.map {
            ClientProblem(
                source: recorded.source, operationId: entry.id, method: request.method.uppercased(), url: request.url, problem: $0,
                caseId: result.testCase.id)
        }
        if let problem { verdict.clientProblems.append(problem) }
        if problem == nil, let operationRules = rules.rules(for: entry.operation.operationId) {
            let violations = verdict.ledger.enter(
                recorded.exchange, source: recorded.source,
                scope: TrafficLedger.Scope(server: serverIndex, operation: index),
                rules: operationRules, checks: judge.checks)
            if !violations.isEmpty { result.outcome = .failed(result.failures + violations.map(AnswerJudge.failure)) }
        }
        verdict.results.append(result)
        return .judged(result, clientProblem: problem)
    }

    /// The case result of one exchange of a documented operation.
    private func judged(
        _ recorded: RecordedExchange, entry: OperationEntry, relativePath: String, query: String?,
        faultyRequest: Bool
    ) -> CaseResult {
        let exchange = recorded.exchange
        let status = exchange.response?.status
        let expectation: Expectation
        if faultyRequest {
            // Whether the server should have refused it is the client's matter; any answer
            // still owes no 5xx and bodies that match what is documented.
            expectation = .answerToFaultyRequest
        } else if let status, [401, 403].contains(status), !entry.security.isEmpty, !entry.security.contains(where: \.schemes.isEmpty) {
            // The record hides the secrets (or they have expired): a refusal of credentials is
            // the server's judgement of what the record cannot show.
            expectation = .anyAnswer
        } else if status == 304, ["GET", "HEAD"].contains(exchange.request.method.uppercased()),
            exchange.request.headers.contains(where: { ["if-none-match", "if-modified-since"].contains($0.name.lowercased()) })
        {
            // A browser asking whether its copy is current: RFC 9110 section 15.4.5 allows a
            // 304 to any conditional GET, whatever the document lists.
            expectation = .anyAnswer
        } else if entry.parameters.contains(where: { $0.location == .path }) {
            // A recorded id may name nothing (any more): 404 is the answer a server owes then.
            expectation = .orAbsent(.documented)
        } else {
            expectation = .documented
        }
        let spec = RequestSpec(
            method: exchange.request.method.uppercased(), path: relativePath,
            query: QueryString.pairs(query).map { QueryItem(name: $0.name, value: $0.value) },
            body: exchange.request.body)
        let testCase = TestCase(
            operationId: entry.id, kind: .traffic, name: "\(recorded.source): \(spec.method) \(relativePath)",
            steps: [.request(spec, expect: expectation, checkRules: !faultyRequest)],
            specLocation: SpecLocation(entry.operation.location))
        let outcome: CaseResult.Outcome
        if let transport = exchange.transportError {
            // Live, the server could not be reached; recorded, nothing it said was kept.
            outcome = live ? .error(.transport(transport)) : .skipped(.noAnswerRecorded(problem: transport.description))
        } else {
            let failures = judge.judge(exchange, expectation: expectation, operation: entry, request: spec, checkRules: !faultyRequest)
            outcome = failures.isEmpty ? .passed : .failed(failures)
        }
        return CaseResult(testCase: testCase, outcome: outcome, exchanges: [exchange], culpritStep: 0, duration: exchange.duration)
    }

    /// What the request gets wrong against the contract: credentials, parameters, body.
    private func clientProblem(
        _ request: Exchange.Request, query: String?, pathValues: [String: String], entry: OperationEntry,
        inputs: RequestInputs
    ) -> String? {
        let reading = RequestInputs.Request(query: query, headers: request.headers, body: request.body ?? [])
        if let missing = missingCredentials(reading, entry: entry) { return missing }
        if let problem = inputs.parameterProblem(reading, pathValues: pathValues) { return problem.description }
        if case .failure(let rejection) = inputs.readBody(reading, maxBytes: Int.max) { return "body: \(rejection.message)" }
        return nil
    }

    /// Whether some alternative of the operation's security has every credential it needs in
    /// the request (present; a record cannot tell whether a secret is right).
    private func missingCredentials(_ request: RequestInputs.Request, entry: OperationEntry) -> String? {
        guard !entry.security.isEmpty, !entry.security.contains(where: \.schemes.isEmpty) else { return nil }
        let schemes = document.components.securitySchemes
        var first: String?
        for requirement in entry.security {
            let missing = requirement.schemes.keys.compactMap { name -> String? in
                guard let scheme = schemes[name] else { return nil }
                return Self.credentialMissing(request, scheme: scheme, name: name)
            }
            if missing.isEmpty { return nil }
            first = first ?? missing[0]
        }
        return first
    }

    static func credentialMissing(_ request: RequestInputs.Request, scheme: SecurityScheme, name: String) -> String? {
        switch scheme.type {
        case .http:
            let kind = scheme.scheme ?? "bearer"
            guard let value = request.header("Authorization"), value.split(separator: " ").first?.lowercased() == kind.lowercased() else {
                return "no credentials for '\(name)': expected Authorization: \(kind.prefix(1).uppercased() + kind.dropFirst().lowercased()) ..."
            }
            return nil
        case .oauth2, .openIdConnect:
            guard request.header("Authorization")?.split(separator: " ").first?.lowercased() == "bearer" else {
                return "no credentials for '\(name)': expected Authorization: Bearer ..."
            }
            return nil
        case .apiKey:
            let key = scheme.name ?? ""
            let present: Bool =
                switch scheme.keyLocation {
                case "header": request.header(key) != nil
                case "query": QueryString.values(request.query)[key] != nil
                default: Cookies.value(key, in: request.cookies) != nil
                }
            return present ? nil : "no credentials for '\(name)': expected the API key \(key) in the \(scheme.keyLocation ?? "cookie")"
        case .mutualTLS:
            return nil
        }
    }

    /// `https://host/base/` without its trailing slash.
    static func trimmed(_ url: String) -> String {
        url.count > 1 && url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// Whether `url` is the server's URL or below it: the same scheme and authority (in any
    /// case) and a path below the server's; a relative server matches any host by its path.
    static func isBelow(_ url: String, _ server: String) -> Bool {
        let path = pathAndQuery(of: url).path
        let serverPath = trimmed(RouteTable.pathPart(of: server))
        if server.contains("://") {
            guard RemoteAddress.origin(of: url).lowercased() == RemoteAddress.origin(of: server).lowercased() else { return false }
        }
        return serverPath == "/" || path == serverPath || path.hasPrefix(serverPath + "/")
    }

    /// The URL's path (from the first `/` after the authority) and its query.
    static func pathAndQuery(of url: String) -> (path: String, query: String?) {
        let target = RouteTable.pathPart(of: url)
        let withoutFragment = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        guard let mark = withoutFragment.firstIndex(of: "?") else { return (withoutFragment, nil) }
        return (String(withoutFragment[..<mark]), String(withoutFragment[withoutFragment.index(after: mark)...]))
    }

    /// The path below the server's path, as a case's request names it (`/api/v1/invitation`).
    static func relative(_ path: String, below server: String) -> String {
        let serverPath = trimmed(RouteTable.pathPart(of: server))
        guard serverPath != "/", path.hasPrefix(serverPath) else { return path }
        let rest = String(path.dropFirst(serverPath.count))
        return rest.isEmpty ? "/" : rest
    }
}
