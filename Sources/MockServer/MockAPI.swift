import BusinessRules
import Foundation
import Logging
import OpenAPIModel
import SchemaValidation
import Synchronization
import YAMLSource

/// The mock's behaviour, independent of the HTTP server that carries it: routes from the
/// document, requests checked against the contract, answers built from documented examples
/// (or synthesized from schemas) with the business rules applied, faults on request.
public final class MockAPI: Sendable {
    let document: OpenAPIDocument
    let rules: BusinessRules
    /// What the mock was started with.
    public let configuration: MockConfiguration
    /// The clock its rules read, which control routes move.
    public let clock: MockClock
    let handlers: [OperationHandler]
    let routes: RouteTable
    let ledger: ResourceLedger
    /// Ordinary resources by their path shapes, and what the mock holds of them.
    let resources: ResourceFamilies
    let resourceStore: ResourceStore
    let generator: Mutex<SeededGenerator>
    /// The faults it shows, by their hooks.
    let faults: ActiveFaults
    /// Access tokens its OAuth2 token endpoint issued.
    let issuedTokens = IssuedTokens()
    let logger: Logger

    /// A mock serving `document` under `rules`, as `configuration` says.
    public init(
        document: OpenAPIDocument, rules: BusinessRules = .none, configuration: MockConfiguration,
        clock: MockClock = MockClock(), logger: Logger = Logger(label: "contract-test.mock")
    ) {
        self.document = document
        self.rules = rules
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        ledger = ResourceLedger(capacity: configuration.maxResources)
        resourceStore = ResourceStore(capacity: configuration.maxResources)
        let compiler = SchemaCompiler(document: document)
        let entries = document.operations
        handlers = entries.map {
            OperationHandler(
                entry: $0, document: document, compiler: compiler, rules: rules, seed: configuration.seed, formats: configuration.formatReading)
        }
        let operations = entries.enumerated().map { ($0.offset, $0.element.path, $0.element.method) }
        routes = RouteTable(document: document, operations: operations)
        resources = ResourceFamilies(document: document)
        generator = Mutex(SeededGenerator(seed: configuration.seed))
        faults = ActiveFaults(configuration.faults)
    }

    /// The path prefix the API is served under (the first server URL's path).
    public var basePath: String { "/" + routes.prefix.joined(separator: "/") }

    /// Answers one request, and logs it (the Authorization header redacted).
    public func respond(to request: MockRequest) async -> MockResponse {
        let started = ContinuousClock.now
        if configuration.latency > .zero { try? await Task.sleep(for: configuration.latency) }
        let response = ResponseCoding.encoded(await answer(request).lawful(for: request.method), for: request, policy: faults.codingPolicy)
        // Only formatted when the level lets the line through.
        logger.info(
            "\(request.method) \(request.target) -> \(response.status)",
            metadata: [
                "ms": "\(Self.milliseconds(since: started))",
                "authorization": "\(Redaction.authorization(request.header("Authorization")))",
            ])
        return response
    }

    /// `0.37`: hundredths of a millisecond, without a formatter.
    private static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let hundredths = elapsed.components.seconds * 100_000 + elapsed.components.attoseconds / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private func answer(_ request: MockRequest) async -> MockResponse {
        if request.path.hasPrefix(MockControlRoute.prefix) {
            return await control(request)
        }
        guard let (route, pathValues) = routes.match(request.path) else {
            return problem(
                404, "Not Found",
                "no operation is documented at \(request.path); the API serves "
                    + routes.routes.map { $0.operations.keys.sorted().joined(separator: "|") + " " + (basePath == "/" ? "" : basePath) + $0.template }
                    .joined(separator: ", "))
        }
        if let answer = faults.answer(insteadOf: request) { return answer }
        guard let index = route.operations[request.method.uppercased()] else {
            let allowed = route.operations.keys.sorted().joined(separator: ", ")
            var response = problem(405, "Method Not Allowed", "\(request.method) is not documented for \(route.template): expected \(allowed)")
            response.headers.append(("Allow", allowed))
            return faults.methodNotAllowed(response)
        }
        return await handle(request, with: handlers[index], resource: resources.roles[index], pathValues: pathValues)
    }

    /// An RFC 9457 problem: for answers the document does not describe.
    func problem(_ status: Int, _ title: String, _ detail: String) -> MockResponse {
        let body = JSONValue.object(
            JSONObject([
                .init("type", .string("about:blank")), .init("title", .string(title)),
                .init("status", .number(JSONNumber(status))), .init("detail", .string(detail)),
            ]))
        return MockResponse(status: status, headers: [("Content-Type", "application/problem+json")], body: body.jsonBytes)
    }

    func nextID(like template: JSONValue?) -> String {
        let made = generator.withLock { generator in
            if case .string(let text) = template, TextFormats.isUUID(text) { return generator.uuid() }
            let length = template?.stringValue?.count ?? 15
            return generator.alphanumeric(max(length, 8))
        }
        return faults.id(made)
    }

    func nextUUID() -> String {
        generator.withLock { $0.uuid() }
    }

    func resetState() async {
        ledger.reset()
        resourceStore.reset()
        clock.reset()
        generator.withLock { $0 = SeededGenerator(seed: configuration.seed) }
        faults.reset()
    }
}

/// Secrets never reach a log: the scheme is kept, the credentials are not.
public enum Redaction {
    /// An Authorization value as logs show it: the scheme kept, the secret redacted.
    public static func authorization(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "(none)" }
        guard let space = value.utf8.firstIndex(of: UInt8(ascii: " ")) else { return "[REDACTED]" }
        return "\(value[..<space]) [REDACTED]"
    }
}
