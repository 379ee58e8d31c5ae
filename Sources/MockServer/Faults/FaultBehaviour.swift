import BusinessRules
import SchemaValidation
import YAMLSource

/// How one fault drifts from the contract, as hooks on the stages of an answer: reading the
/// request, recording in the store, writing the answer. Every hook defaults to what the
/// contract says, so a fault implements only the ones it changes, and the mock's ordinary path
/// asks the hooks instead of asking which faults are on.
protocol FaultBehaviour: Sendable {
    /// One line on what the fault does.
    static var summary: String { get }

    /// A fault with fresh state (ids handed out, creates waiting).
    init()

    // MARK: The request

    /// What the mock enforces of a request.
    func adjust(_ policy: inout RequestPolicy)
    /// An answer given instead of the operation's, to a request for a documented path.
    func answer(insteadOf request: MockRequest) -> MockResponse?
    /// Why the Authorization scheme as sent (`sent`) is refused, though it names `scheme`.
    func schemeProblem(sent: Substring, scheme: String) -> String?
    /// The refusal of a body that is not what its media type says.
    func refusal(ofMalformed rejection: RequestInputs.BodyRejection) -> RequestInputs.BodyRejection
    /// A refusal of a JSON body the contract may well accept (`shape`: the body's schema).
    func refusal(of body: JSONValue, shape: SchemaShape?) -> RequestInputs.BodyRejection?
    /// The JSON body as the fault reads it.
    func reading(of body: JSONValue, shape: SchemaShape) -> JSONValue

    // MARK: The store

    /// How creates are recorded.
    func adjust(_ policy: inout CreationPolicy)
    /// The name a create is recorded under, for the one-active check.
    func creationKey(_ key: String, request: JSONValue) -> String
    /// The id handed out in place of `made`, a fresh one.
    func id(_ made: String) -> String
    /// Forgets what the fault holds, as `/__mock/reset` asks.
    func reset()

    // MARK: The answer

    /// What the business rules write into a success body.
    func adjust(_ values: inout RuleValues)
    /// A success body as the fault breaks it (`shape`: its schema; `uuid`: fresh ids).
    func successBody(_ body: JSONValue, shape: SchemaShape, uuid: () -> String) -> JSONValue
    /// The status of a success answer; `documented`: the operation's documented statuses.
    func successStatus(_ status: Int, documented: Set<Int>) -> Int
    /// The Content-Type of a success answer.
    func successContentType(_ contentType: String) -> String
    /// A body given instead of the documented refusal's, saying `description`.
    func errorBody(description: String) -> JSONValue?
    /// A 405 answer as the fault writes it.
    func methodNotAllowed(_ response: MockResponse) -> MockResponse
    /// How answers are compressed for requests that take gzip.
    func adjust(_ coding: inout ResponseCoding.Policy)
}

/// What the mock enforces of a request, as the contract says unless a fault says otherwise.
struct RequestPolicy: Sendable {
    /// Requests without the credentials the operation's security asks are refused.
    var enforcesSecurity = true
    /// Requests whose parameters or body break the contract are refused.
    var refusesInvalidInput = true
}

/// How creates are recorded: one active resource per name, unless a fault says otherwise.
struct CreationPolicy: Sendable {
    /// An expired resource no longer blocks a create of its name.
    var honoursExpiry = true
    /// A second create for an active name succeeds.
    var allowsDuplicates = false
    /// Where creates wait for their rivals between the check and the record (a check-then-act
    /// race), if anywhere.
    var raceBarrier: RaceBarrier?
}

/// What the business rules write into a success body: the times told (the store keeps the true
/// ones), the request's values echoed and the constants, by where they go.
struct RuleValues: Sendable {
    /// The time of the create, as the answer tells it.
    var now: Timestamp
    /// The expiry, as the answer tells it.
    var expiresAt: Timestamp?
    /// The request's values the answer repeats.
    var echoes: [(pointer: JSONPointer, value: JSONValue)]
    /// The values the answer always carries.
    var constants: [(pointer: JSONPointer, value: JSONValue)]
}

extension FaultBehaviour {
    func adjust(_ policy: inout RequestPolicy) {}
    func answer(insteadOf request: MockRequest) -> MockResponse? { nil }
    func schemeProblem(sent: Substring, scheme: String) -> String? { nil }
    func refusal(ofMalformed rejection: RequestInputs.BodyRejection) -> RequestInputs.BodyRejection { rejection }
    func refusal(of body: JSONValue, shape: SchemaShape?) -> RequestInputs.BodyRejection? { nil }
    func reading(of body: JSONValue, shape: SchemaShape) -> JSONValue { body }
    func adjust(_ policy: inout CreationPolicy) {}
    func creationKey(_ key: String, request: JSONValue) -> String { key }
    func id(_ made: String) -> String { made }
    func reset() {}
    func adjust(_ values: inout RuleValues) {}
    func successBody(_ body: JSONValue, shape: SchemaShape, uuid: () -> String) -> JSONValue { body }
    func successStatus(_ status: Int, documented: Set<Int>) -> Int { status }
    func successContentType(_ contentType: String) -> String { contentType }
    func errorBody(description: String) -> JSONValue? { nil }
    func methodNotAllowed(_ response: MockResponse) -> MockResponse { response }
    func adjust(_ coding: inout ResponseCoding.Policy) {}
}
