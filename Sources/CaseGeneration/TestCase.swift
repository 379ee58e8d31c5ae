import Foundation
import OpenAPIModel
import SchemaValidation
import YAMLSource

/// What a case is about.
public enum CaseKind: String, Sendable, CaseIterable, Codable {
    /// Valid requests the API must accept.
    case positive
    /// Invalid requests the API must refuse with a 4xx.
    case negative
    /// Requests without valid credentials: 401.
    case auth
    /// Methods the document does not declare on a path: 405.
    case method
    /// The business rules, over several requests.
    case rules
    /// Generated values beyond the fixed cases: every value class of every member, and random
    /// valid bodies (deterministic for a seed): valid ones must be accepted, invalid ones refused.
    case explore
    /// An ordinary resource's life: created, read, changed, deleted, then not found.
    case sequence
    /// An exchange recorded elsewhere (a HAR file, a proxy), judged as it happened: `verify`
    /// and `proxy` make these; the generator never does.
    case traffic

    /// The kinds the generator makes (what `--kind` chooses from).
    public static let generated: [CaseKind] = allCases.filter { $0 != .traffic }
}

/// A request a case sends, relative to the target's base URL.
public struct RequestSpec: Sendable, Codable {
    /// `POST`, as sent.
    public var method: String
    /// The path with its parameters filled in (`/api/v1/invitation`).
    public var path: String
    /// The query's parameters, in order, not yet encoded.
    public var query: [QueryItem]
    /// Headers besides the credentials (which `credentials` adds).
    public var headers: [HeaderItem]
    /// The body's bytes, exactly as sent; `nil`: no body.
    public var body: [UInt8]?
    /// Which secrets the request carries, and in what form.
    public var credentials: Credentials
    /// The operation the request belongs to, when it is not its case's (steps of a sequence).
    public var operationId: String?

    /// A request of the case's own operation.
    public init(
        method: String, path: String, query: [QueryItem] = [], headers: [HeaderItem] = [],
        body: [UInt8]? = nil, credentials: Credentials = .none
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.credentials = credentials
    }

    /// The body as JSON, when it is JSON.
    public var json: JSONValue? { body.flatMap { try? JSONParser().parse($0) } }

    /// The path with its query string.
    public var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }

    private enum CodingKeys: String, CodingKey {
        case method, path, query, headers, body, bodyBase64, credentials, operationId
    }

    /// The body is stored as `StoredBody` writes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(path, forKey: .path)
        try container.encode(query, forKey: .query)
        try container.encode(headers, forKey: .headers)
        if let body { try StoredBody.write(body, to: &container, text: .body, base64: .bodyBase64) }
        try container.encode(credentials, forKey: .credentials)
        try container.encodeIfPresent(operationId, forKey: .operationId)
    }

    /// Reads a body stored either way.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        path = try container.decode(String.self, forKey: .path)
        query = try container.decode([QueryItem].self, forKey: .query)
        headers = try container.decode([HeaderItem].self, forKey: .headers)
        body = try StoredBody.read(container, text: .body, base64: .bodyBase64)
        credentials = try container.decode(Credentials.self, forKey: .credentials)
        operationId = try container.decodeIfPresent(String.self, forKey: .operationId)
    }
}

/// One query parameter as a case sends it, before percent-encoding.
public struct QueryItem: Sendable, Codable, Hashable {
    /// The parameter's name.
    public var name: String
    /// Its value.
    public var value: String

    /// `name=value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One header field as a case sends it.
public struct HeaderItem: Sendable, Codable, Hashable {
    /// The field's name, as written.
    public var name: String
    /// Its value.
    public var value: String

    /// `name: value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// What a step's answer must be.
public enum Expectation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A documented 2xx.
    case success
    /// A documented 4xx (never a 5xx).
    case clientError
    /// A documented 2xx or 4xx: the request's validity depends on how the schema is read
    /// (a non-ASCII address under `format: email`), so only a server error is wrong.
    case eitherOutcome
    /// Exactly one of these statuses.
    case status([Int])
    /// The status a create gets while a resource of its name is active (the one-active rule).
    case conflict(Int)
    /// A documented 2xx, or the conflict status (one of several creates sent at once).
    case successOrConflict(Int)
    /// Any answer but a 5xx: the operation documents no answer to expect.
    case anyAnswer
    /// A documented 2xx, or 404: a valid request whose path names a resource by an id made up
    /// for the case, which may name nothing.
    case successOrAbsent
    /// A documented 2xx for a create whose name differs from an active one's only where a
    /// wrong normalization would erase the difference (an identity probe).
    case distinctName(DistinctName)
    /// A refusal of a method the path does not declare: any 4xx, or 501 (RFC 9110 section
    /// 15.6.2). 405 is the usual one, not the only lawful one (a server may answer 403 or 404).
    case refusedMethod
    /// What `inner` expects, or 404: the request's path names a resource by an id made up for
    /// the case, and a server may look the resource up before it reads the rest.
    indirect case orAbsent(Expectation)
    /// `inner`, or any 4xx: the request names other resources (`project_id`, `labelIds`) by
    /// values the run never created, which the server may refuse to have named.
    indirect case orRefusedReference(Expectation, members: [String])
    /// A documented answer, whatever it is, and never a 5xx: a recorded request the contract
    /// accepts, whose intent the record does not say.
    case documented
    /// Any answer but a 5xx to a recorded request that breaks the contract: whether the server
    /// should have refused it is the client's matter.
    case answerToFaultyRequest

    /// What the expectation accepts, in words: "a documented 2xx or 409".
    public var description: String {
        switch self {
        case .success: "a documented 2xx"
        case .clientError: "a documented 4xx"
        case .eitherOutcome: "a documented 2xx or 4xx"
        case .status(let codes): codes.map(String.init).joined(separator: " or ")
        case .conflict(let code): "\(code) (one active per name)"
        case .successOrConflict(let code): "a documented 2xx or \(code)"
        case .anyAnswer: "any answer but a 5xx (the operation documents none)"
        case .successOrAbsent: "a documented 2xx, or 404 (or 410) for an id that names nothing"
        case .distinctName(let probe): probe.mayRefuse ? "a documented 2xx or 4xx other than \(probe.conflictStatus)" : "a documented 2xx"
        case .refusedMethod: "a 4xx or 501"
        case .orAbsent(let inner): "\(inner), or 404 (or 410) for an id that names nothing"
        case .orRefusedReference(let inner, let members):
            "\(inner), or a 4xx refusing a reference the run could not create (\(members.joined(separator: ", ")))"
        case .documented: "a documented answer"
        case .answerToFaultyRequest: "any answer but a 5xx (the request breaks the contract)"
        }
    }

    /// Whether it asks for a success (a documented 2xx, or 404 for a made-up id), whatever
    /// references the request names.
    public var expectsSuccess: Bool {
        switch self {
        case .success, .successOrAbsent: true
        case .orRefusedReference(let inner, _): inner.expectsSuccess
        default: false
        }
    }

    /// Whether an answer's status meets the expectation (whether it is documented is the
    /// `status` check's).
    public func accepts(_ status: Int) -> Bool {
        switch self {
        case .success: (200..<300).contains(status)
        case .clientError: (400..<500).contains(status)
        case .eitherOutcome: (200..<300).contains(status) || (400..<500).contains(status)
        case .status(let codes): codes.contains(status)
        case .conflict(let code): status == code
        case .successOrConflict(let code): (200..<300).contains(status) || status == code
        case .anyAnswer: status < 500
        case .successOrAbsent: (200..<300).contains(status) || status == 404 || status == 410
        case .distinctName(let probe):
            (200..<300).contains(status) || (probe.mayRefuse && (400..<500).contains(status) && status != probe.conflictStatus)
        case .refusedMethod: (400..<500).contains(status) || status == 501
        case .orAbsent(let inner): status == 404 || status == 410 || inner.accepts(status)
        case .orRefusedReference(let inner, _): (400..<500).contains(status) || inner.accepts(status)
        case .documented, .answerToFaultyRequest: status < 500
        }
    }
}

/// A business rule judged across the whole run: every success answer of the operation, from
/// whichever case it came.
public enum RunRule: String, Sendable, Hashable, Codable {
    /// The rule's unique members hold a new value in every success answer.
    case unique
}

/// What an identity probe's second create asks: the name it sends differs from `earlier`,
/// still active, in a way a plausible wrong normalization erases (`difference`), so it must not
/// get the conflict status.
public struct DistinctName: Sendable, Hashable, Codable {
    /// The status that says "one is already active" (409).
    public var conflictStatus: Int
    /// The name created first.
    public var earlier: String
    /// "a plus tag": what tells the two names apart.
    public var difference: String
    /// "addresses", "names": what the names are, for the failure's words.
    public var noun: String
    /// Whether the second name may be refused as invalid (its validity depends on the reading).
    public var mayRefuse: Bool

    /// A probe of the second name against `earlier`.
    public init(conflictStatus: Int, earlier: String, difference: String, noun: String, mayRefuse: Bool) {
        self.conflictStatus = conflictStatus
        self.earlier = earlier
        self.difference = difference
        self.noun = noun
        self.mayRefuse = mayRefuse
    }
}

/// One step of a case.
public enum Step: Sendable, Codable {
    /// Send a request and judge the answer; `checkRules` also judges a success body against
    /// the operation's business rules.
    case request(RequestSpec, expect: Expectation, checkRules: Bool)
    /// Move the mock's clock forward (only the mock can).
    case advanceClock(days: Int)
    /// Send these creates for one name at once: exactly one may succeed, the others must get
    /// the conflict status.
    case race([RequestSpec], conflictStatus: Int)
    /// Send a create and keep the id its success answer gives the new resource (the first of
    /// `idMembers` it has; else the request's) for the steps after it.
    case create(RequestSpec, expect: Expectation, idMembers: [String])
    /// Send a request about the resource the `create` made: `{parameter}` in `path` filled with
    /// its id, and the body's `idMember` (when there is one) set to it.
    case onCreated(RequestSpec, expect: Expectation, path: String, parameter: String, idMember: String?)
}

/// What a case varies, and how: the request member, the class of value it sends there, and
/// whether that value is valid. Reports name it when the case fails.
public struct CaseFocus: Sendable, Codable, Hashable {
    /// Whether the value is valid, by every reading of the schema or some.
    public enum Validity: String, Sendable, Codable, Hashable {
        /// Valid under every reading of the schema: must be accepted.
        case valid
        /// Invalid under every reading: must be refused.
        case invalid
        /// Valid under some readings only: must not break the server.
        case either
    }

    /// A JSON pointer into the request body (`/expirationDays`), or `query:NAME`,
    /// `header:NAME`; empty for the whole request.
    public var member: String
    /// The class of value: "int32 overflow", "plus tag (local+tag@domain)".
    public var valueClass: String
    /// Whether the value is valid.
    public var validity: Validity
    /// The fresh name (`ct-<tag>-<n>`) the value was built around, when it names a resource:
    /// shrinking replaces it, so every attempt creates a new one.
    public var token: String?
    /// One of the random extras an exploration adds (`--examples`), not one of the value
    /// classes every run covers.
    public var isRandom: Bool

    /// A case's focus on `member`.
    public init(member: String, valueClass: String, validity: Validity, token: String? = nil, isRandom: Bool = false) {
        self.member = member
        self.valueClass = valueClass
        self.validity = validity
        self.token = token
        self.isRandom = isRandom
    }

    private enum CodingKeys: String, CodingKey {
        case member, valueClass, validity, token, isRandom
    }

    /// Reads a stored focus; runs stored before `isRandom` existed read as value classes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        member = try container.decode(String.self, forKey: .member)
        valueClass = try container.decode(String.self, forKey: .valueClass)
        validity = try container.decode(Validity.self, forKey: .validity)
        token = try container.decodeIfPresent(String.self, forKey: .token)
        isRandom = try container.decodeIfPresent(Bool.self, forKey: .isRandom) ?? false
    }
}

/// One conformance case: a name that says what it tests, its steps, and the spec line behind it.
public struct TestCase: Sendable, Codable {
    /// The operation it tests.
    public var operationId: String
    /// Which kind of case it is (what `--kind` chooses).
    public var kind: CaseKind
    /// What it tests, unique within its operation: "expirationDays 366 (above maximum 365) is refused".
    public var name: String {
        didSet { id = Self.id(operationId: operationId, kind: kind, name: name) }
    }
    /// What it sends and expects, in order.
    public var steps: [Step]
    /// The place in the contract the case stands on, when it has one.
    public var specLocation: SpecLocation?
    /// The member and value class the case varies, when it varies one.
    public var focus: CaseFocus?
    /// A short id, stable for a seed whatever the run tag or `--examples`: `run --case ID` runs
    /// exactly this case again.
    public var id: String
    /// Why the case cannot run at all (the document has an error in its operation): it is
    /// reported skipped, with this reason.
    public var skipReason: SkipReason?
    /// A rule judged over every answer the run got, not in the case's own steps (it has none).
    public var overTheRun: RunRule?

    /// A case of `operationId`; its id follows from the operation, kind and name.
    public init(
        operationId: String, kind: CaseKind, name: String, steps: [Step], specLocation: SpecLocation? = nil,
        focus: CaseFocus? = nil, skipReason: SkipReason? = nil
    ) {
        self.operationId = operationId
        self.kind = kind
        self.name = name
        self.steps = steps
        self.specLocation = specLocation
        self.focus = focus
        self.skipReason = skipReason
        self.id = Self.id(operationId: operationId, kind: kind, name: name)
    }

    /// Eight hex digits of FNV-1a over the operation, kind and name (names never hold the run
    /// tag, so the id outlives it).
    static func id(operationId: String, kind: CaseKind, name: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(operationId)\u{0}\(kind.rawValue)\u{0}\(name)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        let hex = String(folded, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Whether the case needs the mock's clock (it is skipped against other targets).
    public var needsMockClock: Bool {
        steps.contains { if case .advanceClock = $0 { true } else { false } }
    }

    /// Whether the case deletes a resource other cases may use: a DELETE outside a sequence
    /// (which deletes only what it created).
    public var deletesSharedResource: Bool {
        kind != .sequence && requests.contains { $0.method == "DELETE" }
    }

    /// Whether a step could create data on the server (anything but GET, HEAD, OPTIONS).
    public var mayCreateData: Bool {
        requests.contains { !["GET", "HEAD", "OPTIONS"].contains($0.method) }
    }

    /// Every request the case sends, in order.
    public var requests: [RequestSpec] {
        steps.flatMap { step -> [RequestSpec] in
            switch step {
            case .request(let request, _, _), .create(let request, _, _), .onCreated(let request, _, _, _, _): [request]
            case .race(let requests, _): requests
            case .advanceClock: []
            }
        }
    }

    /// How many requests may be in flight at once for it: what it costs the run's concurrency.
    public var width: Int {
        steps.map { step in if case .race(let requests, _) = step { requests.count } else { 1 } }.max() ?? 1
    }
}
