import BusinessRules
import SchemaValidation
import YAMLSource

/// The faults a mock was started with, asked as one: each hook runs every fault's in the
/// order `Fault` lists them, so two faults on one stage compose the same way every time.
struct ActiveFaults: Sendable {
    private let behaviours: [any FaultBehaviour]
    /// What the mock enforces of a request.
    let requestPolicy: RequestPolicy
    /// How creates are recorded.
    let creationPolicy: CreationPolicy
    /// How answers are compressed.
    let codingPolicy: ResponseCoding.Policy

    /// The behaviours of `faults`, each with fresh state.
    init(_ faults: Set<Fault>) {
        let behaviours = Fault.allCases.filter(faults.contains).map { $0.kind.init() }
        self.behaviours = behaviours
        requestPolicy = behaviours.reduce(into: RequestPolicy()) { $1.adjust(&$0) }
        creationPolicy = behaviours.reduce(into: CreationPolicy()) { $1.adjust(&$0) }
        codingPolicy = behaviours.reduce(into: ResponseCoding.Policy()) { $1.adjust(&$0) }
    }

    /// No fault is on: the mock answers as the contract says.
    var isEmpty: Bool { behaviours.isEmpty }

    func answer(insteadOf request: MockRequest) -> MockResponse? {
        behaviours.lazy.compactMap { $0.answer(insteadOf: request) }.first
    }

    func schemeProblem(sent: Substring, scheme: String) -> String? {
        behaviours.lazy.compactMap { $0.schemeProblem(sent: sent, scheme: scheme) }.first
    }

    func refusal(ofMalformed rejection: RequestInputs.BodyRejection) -> RequestInputs.BodyRejection {
        behaviours.reduce(rejection) { $1.refusal(ofMalformed: $0) }
    }

    func refusal(of body: JSONValue, shape: SchemaShape?) -> RequestInputs.BodyRejection? {
        behaviours.lazy.compactMap { $0.refusal(of: body, shape: shape) }.first
    }

    func reading(of body: JSONValue, shape: SchemaShape?) -> JSONValue {
        guard let shape else { return body }
        return behaviours.reduce(body) { $1.reading(of: $0, shape: shape) }
    }

    func creationKey(_ key: String, request: JSONValue) -> String {
        behaviours.reduce(key) { $1.creationKey($0, request: request) }
    }

    func id(_ made: String) -> String {
        behaviours.reduce(made) { $1.id($0) }
    }

    func reset() {
        for behaviour in behaviours { behaviour.reset() }
    }

    func adjust(_ values: inout RuleValues) {
        for behaviour in behaviours { behaviour.adjust(&values) }
    }

    func successBody(_ body: JSONValue, shape: SchemaShape?, uuid: () -> String) -> JSONValue {
        guard let shape, case .object = body else { return body }
        return behaviours.reduce(body) { $1.successBody($0, shape: shape, uuid: uuid) }
    }

    func successStatus(_ status: Int, documented: Set<Int>) -> Int {
        behaviours.reduce(status) { $1.successStatus($0, documented: documented) }
    }

    func successContentType(_ contentType: String) -> String {
        behaviours.reduce(contentType) { $1.successContentType($0) }
    }

    func errorBody(description: String) -> JSONValue? {
        behaviours.lazy.compactMap { $0.errorBody(description: description) }.first
    }

    func methodNotAllowed(_ response: MockResponse) -> MockResponse {
        behaviours.reduce(response) { $1.methodNotAllowed($0) }
    }
}
