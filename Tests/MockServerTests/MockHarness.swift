import BusinessRules
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MockServer
import NIOCore
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import Synchronization
import TestSupport
import Testing

let repositoryRoot = RepositoryPaths.root
let contract: OpenAPIDocument = OpenAPILoader().load(file: RepositoryPaths.contract).document!
let contractRules: BusinessRules = BusinessRules.load(file: RepositoryPaths.contractRules, document: contract).rules!
let invitationPath = "/developerprofile/api/v1/invitation"
let token = "test-token"

/// Validators for the contract's bodies, to check the mock's answers independently.
enum ContractSchemas {
    static func validator(_ name: String) -> SchemaValidator {
        SchemaCompiler(document: contract).validator(for: contract.components.schemas[name]!)
    }

    static let invitation = validator("Invitation")
    static let errorResponse = validator("ErrorResponse")
    static let unauthorized = validator("UnauthorizedError")
}

/// An answer, decoded.
struct Answer {
    var status: Int
    var headers: HTTPFields
    var text: String

    var json: JSONValue? { try? JSONParser().parse(text) }
    var contentType: String? { headers[.contentType] }
}

/// Collects log lines, to prove what never reaches them.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(capture: self) }
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        // swiftlint:disable:next function_parameter_count
        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
            file: String, function: String, line: UInt
        ) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            capture.lines.withLock { $0.append("\(message) \(all)") }
        }
    }
}

/// How a test reaches the mock.
enum MockTransport {
    /// `MockAPI.respond(to:)` called with values: no socket, for what the mock decides.
    case values
    /// Real HTTP on an ephemeral port (AsyncHTTPClient as the client): for what only the wire
    /// shows (the body cap, compression, framing).
    case http
}

/// Runs the mock for the length of `body`, reached as `transport` says.
func withMock(
    faults: Set<Fault> = [], token: String? = token, credentials: [String: String] = [:], seed: UInt64 = 7, latency: Duration = .zero,
    document: OpenAPIDocument = contract, rules: BusinessRules = contractRules, logger: Logger = Logger(label: "test"),
    maxResources: Int = 100_000, transport: MockTransport = .values,
    _ body: @escaping @Sendable (MockClient) async throws -> Void
) async throws {
    let api = MockAPI(
        document: document, rules: rules,
        configuration: MockConfiguration(
            port: 0, token: token, credentials: credentials, seed: seed, faults: faults, latency: latency,
            maxBodyBytes: 64 * 1024, maxResources: maxResources),
        logger: logger)
    switch transport {
    case .values:
        try await body(MockClient(reach: .values(api)))
    case .http:
        try await MockServer.application(api).test(.ahc(.http)) { client in
            try await body(MockClient(reach: .http(client)))
        }
    }
}

/// Requests in the words of the tests.
struct MockClient: Sendable {
    enum Reach: Sendable {
        case values(MockAPI)
        case http(any TestClientProtocol)
    }

    let reach: Reach

    func send(_ method: HTTPRequest.Method = .post, _ path: String = invitationPath, headers: [String: String] = [:], body: [UInt8]? = nil)
        async throws -> Answer
    {
        let sorted = headers.sorted { $0.key < $1.key }
        switch reach {
        case .values(let api):
            let answer = await api.respond(
                to: MockRequest(method: method.rawValue, target: path, headers: sorted.map { ($0.key, $0.value) }, body: body ?? []))
            var fields = HTTPFields()
            for (name, value) in answer.headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
            return Answer(status: answer.status, headers: fields, text: String(decoding: answer.body, as: UTF8.self))
        case .http(let client):
            var fields = HTTPFields()
            for (name, value) in sorted { fields[HTTPField.Name(name)!] = value }
            let response = try await client.executeRequest(uri: path, method: method, headers: fields, body: body.map { ByteBuffer(bytes: $0) })
            return Answer(status: response.status.code, headers: response.headers, text: String(buffer: response.body))
        }
    }

    /// A create with a JSON body and the test token.
    func create(_ json: String, authorization: String? = "Bearer \(token)", contentType: String = "application/json") async throws -> Answer {
        var headers = ["Content-Type": contentType]
        if let authorization { headers["Authorization"] = authorization }
        return try await send(headers: headers, body: Array(json.utf8))
    }

    func create(email: String, days: Int = 10) async throws -> Answer {
        try await create(#"{"partnerEmailId": "\#(email)", "expirationDays": \#(days)}"#)
    }

    func advanceClock(days: Int) async throws {
        let answer = try await send(.post, "/__mock/clock", body: Array(#"{"advanceDays": \#(days)}"#.utf8))
        #expect(answer.status == 200)
    }
}
